import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { inflateSync } from 'node:zlib';
// Test-only: the reference implementation, to show our lists and tokens interoperate.
import { StatusList, getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { ISSUER, NOW, STATUS_URI, makeKey } from './fixtures.js';
import {
  allocateStatusIndex, countFree, createStatusList, getStatus, parseStatusList, readStatusListToken, serializeStatusList,
  setStatus, signStatusListToken, statusAt, type PublishedStatusList,
} from './index.js';
import { b64uJson, decodeJsonPart } from './format.js';

const key = makeKey();
const keys = new Map([[key.signer.kid, key.publicKey]]);
const read = (token: string, uri = STATUS_URI) => readStatusListToken(token, { keys, uri, issuer: ISSUER });

describe('status list bits', () => {
  it('hands out every index once, at random, then reports the list full', () => {
    const list = createStatusList(200);
    const seen: number[] = [];
    for (let i = 0; i < 200; i++) seen.push(allocateStatusIndex(list)!);
    expect(new Set(seen).size).toBe(200);
    expect(Math.min(...seen)).toBe(0);
    expect(Math.max(...seen)).toBe(199);
    expect(seen.slice(0, 20)).not.toEqual([...Array(20).keys()]);
    expect(allocateStatusIndex(list)).toBeUndefined();
    expect(countFree(list)).toBe(0);
  });

  it('finds the last free index of a nearly full list by scanning', () => {
    const list = createStatusList(4096);
    for (let i = 0; i < 4096; i++) if (i !== 2049) list.allocated[i >> 3] |= 1 << (i & 7);
    expect(allocateStatusIndex(list, () => 0)).toBe(2049);
  });

  it('sets, reads and survives storage; refuses indexes outside the list', () => {
    const list = createStatusList(1000);
    setStatus(list, 0, 1);
    setStatus(list, 999, 1);
    setStatus(list, 500, 1);
    setStatus(list, 500, 0);
    allocateStatusIndex(list);
    const stored = serializeStatusList(list);
    expect(JSON.parse(JSON.stringify(stored))).toEqual(stored);
    const back = parseStatusList(stored);
    expect([getStatus(back, 0), getStatus(back, 1), getStatus(back, 500), getStatus(back, 999)]).toEqual([1, 0, 0, 1]);
    expect(countFree(back)).toBe(999);
    expect(() => setStatus(list, 1000, 1)).toThrow(RangeError);
    expect(() => getStatus(list, -1)).toThrow(RangeError);
    expect(() => createStatusList(0)).toThrow(RangeError);
    expect(() => parseStatusList({ ...stored, status: 'AAAA' })).toThrow();
  });

  it('a million entries store in a few kilobytes while few are revoked', () => {
    const list = createStatusList(1_000_000);
    for (let i = 0; i < 1000; i++) setStatus(list, allocateStatusIndex(list)!, 1);
    const stored = serializeStatusList(list);
    expect(stored.status.length).toBeLessThan(8000);
    expect(signStatusListToken(list, { uri: STATUS_URI, issuer: ISSUER, signer: key.signer, now: NOW }).length).toBeLessThan(9000);
  });

  it('reads the example list of draft-ietf-oauth-status-list (1 bit, bytes 0xB9 0xA3)', () => {
    const list: PublishedStatusList = { uri: STATUS_URI, iat: 0, exp: 2e9, bits: 1, bytes: new Uint8Array([0xb9, 0xa3]) };
    const expected = [1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1, 0, 1];
    expect(expected.map((_, i) => (statusAt(list, i, NOW) as { status: number }).status)).toEqual(expected);
    expect(statusAt(list, 16, NOW)).toEqual({ ok: false, reason: 'out_of_range' });
  });

  it('interoperates with @sd-jwt/jwt-status-list both ways', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(0, 1), { minLength: 8, maxLength: 300 }), (bits) => {
      const list = createStatusList(bits.length);
      bits.forEach((b, i) => setStatus(list, i, b as 0 | 1));
      const token = signStatusListToken(list, { uri: STATUS_URI, issuer: ISSUER, signer: key.signer, now: NOW });
      const theirs = getListFromStatusListJWT(token);
      for (let i = 0; i < bits.length; i++) expect(theirs.getStatus(i)).toBe(bits[i]);
      const padded = [...bits, ...Array((8 - (bits.length % 8)) % 8).fill(0)];
      const lst = new StatusList(padded, 1).compressStatusList();
      const ours = { uri: STATUS_URI, iat: 0, exp: 2e9, bits: 1 as const, bytes: new Uint8Array(inflateSync(Buffer.from(lst, 'base64url'))) };
      for (let i = 0; i < bits.length; i++) expect(statusAt(ours, i, NOW)).toEqual({ ok: true, status: bits[i] });
    }), { numRuns: 50 });
  });
});

describe('status list token', () => {
  const list = createStatusList(64);
  setStatus(list, 7, 1);
  const token = signStatusListToken(list, { uri: STATUS_URI, issuer: ISSUER, signer: key.signer, now: NOW, ttlSeconds: 600 });

  it('is a statuslist+jwt naming its own URI, with iat, exp and ttl', () => {
    const [head, body] = token.split('.');
    expect(decodeJsonPart(head)).toEqual({ alg: 'ES256', typ: 'statuslist+jwt', kid: key.signer.kid });
    expect(decodeJsonPart(body)).toMatchObject({ sub: STATUS_URI, iss: ISSUER, iat: NOW.getTime() / 1000, exp: NOW.getTime() / 1000 + 86400, ttl: 600, status_list: { bits: 1 } });
    const r = read(token);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(statusAt(r.list, 7, NOW)).toEqual({ ok: true, status: 1 });
    expect(statusAt(r.list, 8, NOW)).toEqual({ ok: true, status: 0 });
    expect(statusAt(r.list, 7, new Date(NOW.getTime() + 86_401_000 + 30_000))).toEqual({ ok: false, reason: 'expired' });
  });

  it('is refused when signed by another key, for another URI, changed, or of another type', () => {
    const other = makeKey();
    const [head, body, sig] = token.split('.');
    const payload = decodeJsonPart(body) as Record<string, unknown>;
    expect(read(signStatusListToken(list, { uri: STATUS_URI, issuer: ISSUER, signer: other.signer, now: NOW })).ok).toBe(false);
    expect(read(token, `${STATUS_URI}/2`).ok).toBe(false);
    expect(read(`${head}.${b64uJson({ ...payload, exp: 9e9 })}.${sig}`).ok).toBe(false);
    expect(read(`${b64uJson({ alg: 'ES256', typ: 'JWT', kid: key.signer.kid })}.${body}.${sig}`).ok).toBe(false);
    expect(readStatusListToken(token, { keys, uri: STATUS_URI, issuer: 'https://khac.gov.vn' }).ok).toBe(false);
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => { expect(read(s).ok).toBe(false); }), { numRuns: 500 });
  });
});
