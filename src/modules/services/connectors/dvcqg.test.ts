import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../platform/config.js';
import { DvcqgStandin } from './dvcqg-standin.js';
import {
  DvcqgError, DvcqgSync, createDvcqgClient, dvcqgSettings, parsePortalDossierCode, statusKey,
  type DeadLetter, type DvcqgSettings, type StatusChange, type StatusUpdate,
} from './index.js';
import type { PortalDossierWire } from './dvcqg-contract.js';

/**
 * The DVCQG client against dvcqg-standin, a local HTTP server that keeps our written contract
 * (docs/connectors/dvcqg.md). Nothing here reaches the real portal.
 */
const TOKEN = 'token-cua-tinh-thu-nghiem-0001';
let standin: DvcqgStandin;

beforeAll(async () => {
  standin = await DvcqgStandin.start(TOKEN);
});
afterAll(() => standin.close());

let dossierNo = 0;
/** A fresh dossier code per test, so the stand-in's state of one test does not leak into another. */
const freshCode = () => `000.00.12.H62-260212-${String(++dossierNo).padStart(4, '0')}`;

const settings = (extra: Partial<DvcqgSettings> = {}): DvcqgSettings => ({ url: standin.url, token: TOKEN, timeoutMs: 2_000, attempts: 3, baseDelayMs: 5, maxDelayMs: 50, ...extra });

const t0 = Date.parse('2026-02-12T07:05:00Z');
function history(statuses: number[]): StatusChange[] {
  return statuses.map((status, i) => ({
    seq: i + 1, status: status as StatusChange['status'], at: new Date(t0 + i * 3_600_000),
    actor: { kind: 'officer', id: 'can-bo-01', name: 'Trần Văn Bình' }, ...(i === 0 ? { comment: 'Tiếp nhận tại quầy' } : {}),
  }));
}
const update = (dossierCode: string, statuses: number[]): StatusUpdate => ({
  dossierCode, channel: 1, dueAt: new Date('2026-02-24T10:00:00Z'), extended: false, overdue: false, history: history(statuses),
});
const keysFor = (code: string) => standin.requests.filter((r) => r.idempotencyKey?.startsWith(`status:${code}:`)).map((r) => r.idempotencyKey);

function portalDossier(code: string): PortalDossierWire {
  return {
    code, procedureCode: '1.004222', unitCode: '000.00.12.H62', submittedAt: '2026-09-21T09:15:00+07:00',
    applicant: { personalId: '087184000123', name: 'Nguyễn Thị Hồng Nhung', phone: '0912345678' },
    form: { lyDo: 'Chuyển về ở cùng gia đình' },
    attachments: [{ name: 'hop-dong.pdf', mediaType: 'application/pdf', sha256: 'a'.repeat(64), size: 12_345, url: 'https://dvc.example/files/1' }],
  };
}

beforeEach(() => standin.setDown(false));

describe('the portal dossier code (§1.6)', () => {
  it('reads the portal agency, the day and the sequence', () => {
    expect(parsePortalDossierCode('G22.99.08-260921-896048')).toEqual({ agency: 'G22.99.08', day: '2026-09-21', sequence: '896048' });
    expect(parsePortalDossierCode('G22.99.09-240114-0001')).toEqual({ agency: 'G22.99.09', day: '2024-01-14', sequence: '0001' });
  });

  it('reads back every code written from a real day and a 4 to 6 digit sequence, and never throws on any text', () => {
    const day = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(fc.property(fc.integer({ min: 0, max: 99 }), day, fc.stringMatching(/^\d{4,6}$/), (unit, at, sequence) => {
      const iso = at.toISOString().slice(0, 10);
      const agency = `G22.99.${String(unit).padStart(2, '0')}`;
      const code = `${agency}-${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${sequence}`;
      expect(parsePortalDossierCode(code)).toEqual({ agency, day: iso, sequence });
    }));
    fc.assert(fc.property(fc.string(), (text) => {
      const parsed = parsePortalDossierCode(text);
      expect(parsed === null || typeof parsed.day === 'string').toBe(true);
    }));
  });

  it('refuses what is not one, an impossible day included', () => {
    for (const code of ['G22.99.08-260231-000001', 'G22.99.08-261321-000001', '000.00.12.H62-201105-0004', 'G22.99.08-260921-12', 'G22.99.08-260921-1234567', ' G22.99.08-260921-896048']) {
      expect(parsePortalDossierCode(code), code).toBeNull();
    }
  });
});

describe('configuration', () => {
  it('is off by default and on with both the URL and the token', () => {
    expect(dvcqgSettings(loadConfig({ DA06_ENV: 'test' }))).toBeUndefined();
    expect(dvcqgSettings(loadConfig({ DA06_ENV: 'test', DA06_DVCQG_URL: 'https://lienthong.example.gov.vn/api', DA06_DVCQG_TOKEN: TOKEN }))).toEqual({
      url: 'https://lienthong.example.gov.vn/api', token: TOKEN, timeoutMs: 10_000, attempts: 4,
    });
  });

  it('refuses half a configuration', () => {
    expect(() => loadConfig({ DA06_ENV: 'test', DA06_DVCQG_URL: 'https://lienthong.example.gov.vn/api' })).toThrow(ConfigError);
    expect(() => loadConfig({ DA06_ENV: 'test', DA06_DVCQG_TOKEN: TOKEN })).toThrow(/DA06_DVCQG_URL/);
  });
});

describe('receiving dossiers filed on the portal', () => {
  it('pages through them, typed, and acknowledges each under its local code', async () => {
    const codes = ['G22.99.08-260921-896048', 'G22.99.08-260921-896049', 'G22.99.08-260922-000001'];
    for (const code of codes) standin.file(portalDossier(code));
    const client = createDvcqgClient(settings());
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await client.listDossiers(cursor, 2);
      for (const d of page.dossiers) {
        expect(d.submittedAt).toEqual(new Date('2026-09-21T02:15:00Z'));
        seen.push(d.code);
        await client.acknowledgeDossier(d.code, `000.00.12.H62-260921-${seen.length.toString().padStart(4, '0')}`);
      }
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(codes);
    expect(standin.acknowledgement(codes[2])).toBe('000.00.12.H62-260921-0003');
  });
});

describe('status synchronisation', () => {
  it('pushes one dossier’s changes in the order they happened, with the whole history, while another dossier goes its own way', async () => {
    const [a, b] = [freshCode(), freshCode()];
    const sync = new DvcqgSync(createDvcqgClient(settings()));
    // The first push is answered slowly: the later ones must wait for it rather than overtake it.
    standin.inject({ kind: 'slow', ms: 150 });
    const outcomes = await Promise.all([
      sync.pushStatus(update(a, [2])), sync.pushStatus(update(a, [2, 4])), sync.pushStatus(update(b, [1])),
      sync.pushStatus(update(a, [2, 4, 9])), sync.pushStatus(update(a, [2, 4, 9, 10])),
    ]);
    expect(outcomes.every((o) => o.sent)).toBe(true);
    expect(standin.recordedSeqs(a)).toEqual([1, 2, 3, 4]);
    expect(keysFor(a)).toEqual([1, 2, 3, 4].map((seq) => statusKey(a, seq)));
    expect(standin.history(a).map((h) => h.status)).toEqual([2, 4, 9, 10]);
    expect(standin.history(a)[0]).toMatchObject({ actor: { kind: 'officer', name: 'Trần Văn Bình' }, comment: 'Tiếp nhận tại quầy', at: '2026-02-12T07:05:00.000Z' });
    expect(standin.recordedSeqs(b)).toEqual([1]);
  });

  it('retries a 5xx with the same idempotency key, and the portal records the change once', async () => {
    const code = freshCode();
    standin.inject({ kind: 'http', status: 503 }, { kind: 'http', status: 502, body: '<html>Bad gateway</html>' });
    const ack = await createDvcqgClient(settings()).pushStatus(update(code, [2]));
    expect(ack).toEqual({ lastSeq: 1, duplicate: false });
    expect(keysFor(code)).toEqual([statusKey(code, 1), statusKey(code, 1), statusKey(code, 1)]);
    expect(standin.recordedSeqs(code)).toEqual([1]);
  });

  it('retries after a timeout: the portal did the work the first time and answers the retry from its idempotency record', async () => {
    const code = freshCode();
    standin.inject({ kind: 'slow', ms: 1_500 });
    const ack = await createDvcqgClient(settings({ timeoutMs: 400 })).pushStatus(update(code, [2]));
    expect(ack.lastSeq).toBe(1);
    // Two tries at least (a loaded machine may time out once more), all under one key.
    expect(keysFor(code).length).toBeGreaterThanOrEqual(2);
    expect(new Set(keysFor(code))).toEqual(new Set([statusKey(code, 1)]));
    expect(standin.recordedSeqs(code)).toEqual([1]);
  });

  it('retries a cut connection and a 429, waiting as Retry-After says', async () => {
    const code = freshCode();
    standin.inject({ kind: 'reset' }, { kind: 'http', status: 429, retryAfter: 0 });
    await createDvcqgClient(settings()).pushStatus(update(code, [2]));
    expect(keysFor(code)).toHaveLength(3);
    expect(standin.recordedSeqs(code)).toEqual([1]);
  });

  it('sends a change the portal already holds as a duplicate, and fills a gap from the history', async () => {
    const code = freshCode();
    const client = createDvcqgClient(settings());
    await client.pushStatus(update(code, [2]));
    // Change 2 never reached the portal; change 3 carries it in its history.
    expect(await client.pushStatus(update(code, [2, 4, 5]))).toEqual({ lastSeq: 3, duplicate: false });
    expect(standin.history(code).map((h) => h.seq)).toEqual([1, 2, 3]);
    // Replaying change 2 later changes nothing.
    expect(await client.pushStatus(update(code, [2, 4]))).toEqual({ lastSeq: 3, duplicate: true });
  });

  it('does not retry what the portal refuses, and says why', async () => {
    const code = freshCode();
    const client = createDvcqgClient(settings());
    await client.pushStatus(update(code, [2, 4]));
    // A rewritten past: the portal holds 4 as the second status.
    const err = await client.pushStatus(update(code, [2, 5, 4])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DvcqgError);
    expect(err).toMatchObject({ kind: 'rejected', retryable: false, details: { status: 409, portalCode: 'HISTORY_CONFLICT', attempts: 1 } });

    const before = standin.requests.length;
    const denied = await createDvcqgClient(settings({ token: 'khoa-sai-khong-dung-0000' })).pushStatus(update(code, [2, 4, 9])).catch((e: unknown) => e);
    expect(denied).toMatchObject({ kind: 'unauthorized' });
    expect(standin.requests.length - before).toBe(1);
    expect((denied as Error).message).not.toContain('khoa-sai-khong-dung-0000');
  });

  it('refuses to push a history that does not count 1, 2, 3 …', async () => {
    const bad = { ...update(freshCode(), [2, 4]), history: history([2, 4]).reverse() };
    await expect(createDvcqgClient(settings()).pushStatus(bad)).rejects.toThrow(RangeError);
  });
});

describe('when the portal is down', () => {
  it('keeps each push as a dead letter, stops trying for a while, and replays them in order once the portal is back', async () => {
    const [a, b] = [freshCode(), freshCode()];
    const hooked: DeadLetter[] = [];
    const sync = new DvcqgSync(createDvcqgClient(settings({ attempts: 2 })), { breakAfter: 2, cooldownMs: 60_000, onDeadLetter: (l) => void hooked.push(l) });
    standin.setDown(true);
    const first = await sync.pushStatus(update(a, [2]));
    const second = await sync.pushStatus(update(a, [2, 4]));
    const before = standin.requests.length;
    const third = await sync.pushStatus(update(b, [2]));
    expect([first.sent, second.sent, third.sent]).toEqual([false, false, false]);
    // The circuit is open: the third push did not even try.
    expect(standin.requests.length).toBe(before);
    expect(sync.deadLetters().map((l) => [l.key, l.error.kind])).toEqual([
      [statusKey(a, 1), 'unavailable'], [statusKey(a, 2), 'unavailable'], [statusKey(b, 1), 'circuit_open'],
    ]);
    expect(sync.deadLetters()[0].error).toMatchObject({ status: 503 });
    expect(hooked.map((l) => l.key)).toEqual(sync.deadLetters().map((l) => l.key));

    standin.setDown(false);
    expect(await sync.replay()).toBe(3);
    await sync.idle();
    expect(sync.deadLetters()).toEqual([]);
    expect(standin.recordedSeqs(a)).toEqual([1, 2]);
    expect(standin.recordedSeqs(b)).toEqual([1]);
  });
});

describe('strict parsing of what the portal answers', () => {
  it.each([
    ['not JSON', 'Service temporarily overloaded'],
    ['JSON of the wrong types', '{"accepted":"yes","lastSeq":"1"}'],
    ['a missing field', '{"accepted":true}'],
    ['an extra field', '{"accepted":true,"lastSeq":1,"note":"x"}'],
  ])('turns %s into a typed error, and the sync into a dead letter, never a crash', async (_what, body) => {
    const code = freshCode();
    standin.inject({ kind: 'garbage', body });
    const err = await createDvcqgClient(settings()).pushStatus(update(code, [2])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DvcqgError);
    expect(err).toMatchObject({ kind: 'bad_response', retryable: false });
    standin.inject({ kind: 'garbage', body });
    const sync = new DvcqgSync(createDvcqgClient(settings()));
    const outcome = await sync.pushStatus(update(code, [2, 4]));
    expect(outcome).toMatchObject({ sent: false, deadLetter: { error: { kind: 'bad_response' } } });
  });

  it('refuses a listed dossier with a wrong personal ID or a code outside the scheme', async () => {
    const client = createDvcqgClient(settings());
    const wrongId = { ...portalDossier('G22.99.08-260921-000777'), applicant: { personalId: 87184000123, name: 'X' } };
    standin.inject({ kind: 'garbage', body: JSON.stringify({ items: [wrongId], nextCursor: null }) });
    await expect(client.listDossiers()).rejects.toMatchObject({ kind: 'bad_response', message: expect.stringMatching(/personalId/) });
    standin.inject({ kind: 'garbage', body: JSON.stringify({ items: [portalDossier('G22.99.08-260231-000777')], nextCursor: null }) });
    // The code matches the pattern but names 31 February: still listed as given; the core checks the day with parsePortalDossierCode.
    await expect(client.listDossiers()).resolves.toBeDefined();
    standin.inject({ kind: 'garbage', body: JSON.stringify({ items: [{ ...portalDossier('G22.99.08-260921-000777'), submittedAt: '2026-13-45T99:99:00Z' }], nextCursor: null }) });
    await expect(client.listDossiers()).rejects.toMatchObject({ kind: 'bad_response' });
  });
});

describe('results and ratings', () => {
  it('pushes a result once however often it is sent', async () => {
    const code = freshCode();
    const content = Buffer.from('%PDF-1.7 kết quả');
    const result = {
      dossierCode: code, documentNumber: '087184000123-CT07', documentType: 'CT07', title: 'Xác nhận thông tin về cư trú',
      issuedAt: new Date('2026-02-24T03:00:00Z'), file: { name: 'ct07.pdf', sha256: createHash('sha256').update(content).digest('hex'), content },
    };
    const client = createDvcqgClient(settings());
    standin.inject({ kind: 'http', status: 500 });
    const first = await client.pushResult(result);
    const again = await client.pushResult(result);
    expect(again).toEqual(first);
    expect(standin.resultsOf(code)).toHaveLength(1);
    expect(standin.resultsOf(code)[0].file.contentBase64).toBe(content.toString('base64'));
  });

  it('pulls the citizen’s rating when there is one, and checks each score against its scale', async () => {
    const code = freshCode();
    const client = createDvcqgClient(settings());
    expect(await client.pullRating(code)).toBeNull();
    standin.rate({ dossierCode: code, ratedAt: '2026-02-25T08:00:00+07:00', scores: [{ criterion: 'a', score: 2, max: 2 }, { criterion: 'i', score: 1, max: 2 }], comment: 'Cán bộ hướng dẫn tận tình' });
    const rating = await client.pullRating(code);
    expect(rating).toMatchObject({ dossierCode: code, ratedAt: new Date('2026-02-25T01:00:00Z'), comment: 'Cán bộ hướng dẫn tận tình' });
    expect(rating!.scores).toHaveLength(2);
    standin.inject({ kind: 'garbage', body: JSON.stringify({ dossierCode: code, ratedAt: '2026-02-25T08:00:00+07:00', scores: [{ criterion: 'a', score: 5, max: 2 }] }) });
    await expect(client.pullRating(code)).rejects.toMatchObject({ kind: 'bad_response' });
    standin.inject({ kind: 'garbage', body: JSON.stringify({ dossierCode: code, ratedAt: '2026-02-25T08:00:00+07:00', scores: [{ criterion: 'z', score: 1, max: 2 }] }) });
    await expect(client.pullRating(code)).rejects.toMatchObject({ kind: 'bad_response' });
  });
});
