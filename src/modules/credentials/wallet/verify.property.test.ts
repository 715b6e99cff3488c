import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ISSUER, NOW, SAMPLES, makeIssuer } from './fixtures.js';
import { createDocumentVerifier, presentDocument, type DocumentVerifier } from './index.js';

const issuer = makeIssuer();
let verifier: DocumentVerifier;
let presentations: string[];
let otherDisclosures: string[];

beforeAll(async () => {
  verifier = createDocumentVerifier({ keys: issuer.keys, issuer: ISSUER, statusList: issuer.statusList });
  const a = await issuer.issue('health-insurance');
  const b = await issuer.issue('judicial-record');
  const c = await issuer.issue('health-insurance', { ...SAMPLES['health-insurance'], holderName: 'Lê Văn Phú', birthDate: '2008-03-15' });
  presentations = [
    await presentDocument(a.sdJwt, ['holder_name', 'birth_date', 'card_number']),
    await presentDocument(b.sdJwt, ['holder_name', 'criminal_record_status']),
    await presentDocument(a.sdJwt, []),
  ];
  otherDisclosures = c.sdJwt.split('~').slice(1, -1);
  for (const p of presentations) expect((await verifier.verify(p, NOW)).valid).toBe(true);
});

const alphabet = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~={}[]",: ÿ€ệ\u0000');

/** A change that is not a no-op: replace, insert or delete characters, or splice in another document's disclosure. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), ch: alphabet }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), ch: alphabet }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), pick: fc.nat() }),
);

type Mutation = { kind: 'replace' | 'insert' | 'delete' | 'splice'; at: number; ch?: string; len?: number; pick?: number };

function mutate(text: string, m: Mutation): string {
  const at = m.at % (text.length + 1);
  switch (m.kind) {
    case 'replace': return text.slice(0, at) + m.ch + text.slice(at + 1);
    case 'insert': return text.slice(0, at) + m.ch + text.slice(at);
    case 'delete': return text.slice(0, at) + text.slice(at + (m.len ?? 1));
    default: {
      const parts = text.split('~');
      const i = 1 + (m.at % (parts.length - 1));
      parts.splice(i, 0, otherDisclosures[(m.pick ?? 0) % otherDisclosures.length]);
      return parts.join('~');
    }
  }
}

describe('verification never throws and never accepts what was not issued', () => {
  it('random strings', async () => {
    await fc.assert(fc.asyncProperty(fc.oneof(fc.string({ maxLength: 600 }), fc.string({ unit: 'binary', maxLength: 300 }), fc.anything()), async (input) => {
      const r = await verifier.verify(input, NOW);
      expect(r.valid).toBe(false);
      expect(r.reasons.length).toBeGreaterThan(0);
      expect(r.disclosed).toEqual({});
    }), { numRuns: 1000 });
  });

  it('strings shaped like an SD-JWT', async () => {
    const b64 = fc.string({ unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'), maxLength: 120 });
    const shaped = fc.tuple(b64, b64, b64, fc.array(b64, { maxLength: 5 })).map(([h, p, s, ds]) => `${h}.${p}.${s}~${ds.map((d) => `${d}~`).join('')}`);
    await fc.assert(fc.asyncProperty(shaped, async (input) => {
      expect((await verifier.verify(input, NOW)).valid).toBe(false);
    }), { numRuns: 1000 });
  });

  it('one to three random mutations of a valid presentation', async () => {
    await fc.assert(fc.asyncProperty(fc.nat(), fc.array(mutation, { minLength: 1, maxLength: 3 }), async (which, ms) => {
      const original = presentations[which % presentations.length];
      const changed = ms.reduce((t, m) => mutate(t, m), original);
      fc.pre(changed.trim() !== original);
      const r = await verifier.verify(changed, NOW);
      expect(r.valid, changed).toBe(false);
      expect(r.reasons.length).toBeGreaterThan(0);
      expect(r.disclosed).toEqual({});
    }), { numRuns: 3000 });
  });
});
