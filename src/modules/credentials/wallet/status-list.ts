import { randomInt, type KeyObject } from 'node:crypto';
import { deflateSync, inflateSync } from 'node:zlib';
import type { SigningKey } from '../identity-qr.js';
import { CLOCK_SKEW_SECONDS, STATUS_LIST_TYP, b64uJson, checkJws, isObject, signEs256 } from './format.js';
import { isHttpUri } from './document.js';

/**
 * Token Status List (draft-ietf-oauth-status-list): one bit per issued document, 0 valid and
 * 1 revoked, bit `idx % 8` of byte `idx / 8` (least significant first), compressed with DEFLATE in
 * the ZLIB format and published as a signed JWT (typ statuslist+jwt) at the URI that documents
 * name in `status.status_list.uri`. Written on node:zlib rather than @sd-jwt/jwt-status-list, which
 * keeps one JavaScript number per entry and builds bit strings; the two read each other's lists
 * (status-list.test.ts, "interoperates with @sd-jwt/jwt-status-list").
 *
 * Indexes are handed out at random, not in order: a sequential index would tell a verifier when a
 * document was issued and let two verifiers link documents issued together (herd privacy). A second,
 * private bitmap remembers which indexes are taken.
 */

export interface StatusListState {
  /** Number of entries; indexes run 0..size-1. */
  size: number;
  /** Published bits: 1 = revoked. */
  status: Uint8Array;
  /** Private bits: 1 = index handed out to a document. */
  allocated: Uint8Array;
}

/**
 * What the caller stores per list (one row: uri, this JSON, updated_at), read and written under a
 * row lock so two issuers never take the same index. Both bitmaps are base64url of ZLIB-compressed bytes.
 */
export interface StoredStatusList {
  v: 1;
  size: number;
  bits: 1;
  status: string;
  allocated: string;
}

export const MAX_STATUS_LIST_SIZE = 1 << 24;
/** A published token larger than this is refused before decoding (16M entries, incompressible, is ~2.8 MB). */
export const MAX_STATUS_LIST_TOKEN_LENGTH = 4_000_000;

export function createStatusList(size: number): StatusListState {
  if (!Number.isSafeInteger(size) || size < 8 || size > MAX_STATUS_LIST_SIZE) throw new RangeError(`status list size must be 8..${MAX_STATUS_LIST_SIZE}`);
  const bytes = Math.ceil(size / 8);
  return { size, status: new Uint8Array(bytes), allocated: new Uint8Array(bytes) };
}

function checkIndex(list: StatusListState, idx: number) {
  if (!Number.isSafeInteger(idx) || idx < 0 || idx >= list.size) throw new RangeError(`status index ${idx} outside 0..${list.size - 1}`);
}

const bitOf = (bytes: Uint8Array, idx: number) => (bytes[idx >> 3] >> (idx & 7)) & 1;
function setBit(bytes: Uint8Array, idx: number, value: 0 | 1) {
  if (value) bytes[idx >> 3] |= 1 << (idx & 7);
  else bytes[idx >> 3] &= ~(1 << (idx & 7));
}

export function getStatus(list: StatusListState, idx: number): 0 | 1 {
  checkIndex(list, idx);
  return bitOf(list.status, idx) as 0 | 1;
}

/** 1 revokes the document at `idx`; 0 reinstates it (a revocation made in error). */
export function setStatus(list: StatusListState, idx: number, value: 0 | 1): void {
  checkIndex(list, idx);
  setBit(list.status, idx, value);
}

export function countFree(list: StatusListState): number {
  let taken = 0;
  for (let i = 0; i < list.size; i++) taken += bitOf(list.allocated, i);
  return list.size - taken;
}

/**
 * Takes a free index at random and marks it allocated; undefined when the list is full (start a
 * new list at a new URI). `random(n)` returns an integer in 0..n-1 (crypto.randomInt by default).
 */
export function allocateStatusIndex(list: StatusListState, random: (n: number) => number = randomInt): number | undefined {
  for (let attempt = 0; attempt < 64; attempt++) {
    const idx = random(list.size);
    if (!bitOf(list.allocated, idx)) {
      setBit(list.allocated, idx, 1);
      return idx;
    }
  }
  // Nearly full: scan from a random place, skipping whole taken bytes.
  const start = random(list.size);
  for (let n = 0; n < list.size; n++) {
    const idx = (start + n) % list.size;
    if (list.allocated[idx >> 3] === 0xff && (idx & 7) === 0 && idx + 8 <= list.size) { n += 7; continue; }
    if (!bitOf(list.allocated, idx)) {
      setBit(list.allocated, idx, 1);
      return idx;
    }
  }
  return undefined;
}

const compress = (bytes: Uint8Array) => deflateSync(bytes, { level: 9 }).toString('base64url');

function decompress(lst: string, maxBytes: number): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]+$/.test(lst)) return undefined;
  try {
    return new Uint8Array(inflateSync(Buffer.from(lst, 'base64url'), { maxOutputLength: maxBytes }));
  } catch {
    return undefined;
  }
}

export function serializeStatusList(list: StatusListState): StoredStatusList {
  return { v: 1, size: list.size, bits: 1, status: compress(list.status), allocated: compress(list.allocated) };
}

/** Reads what `serializeStatusList` wrote; throws on anything else (stored data is ours). */
export function parseStatusList(stored: StoredStatusList): StatusListState {
  if (stored?.v !== 1 || stored.bits !== 1) throw new Error('unknown stored status list format');
  const list = createStatusList(stored.size);
  const status = decompress(stored.status, list.status.length);
  const allocated = decompress(stored.allocated, list.allocated.length);
  if (status?.length !== list.status.length || allocated?.length !== list.allocated.length) throw new Error('stored status list is corrupt');
  return { size: stored.size, status, allocated };
}

export interface StatusListTokenOptions {
  /** The URI the token is published at (its `sub`), the same string documents carry. */
  uri: string;
  issuer: string;
  signer: SigningKey;
  now: Date;
  /** How long the token is valid (`exp`); publish a fresh one well before. Default 24 hours. */
  validSeconds?: number;
  /** How long a verifier may cache it (`ttl`), hence the longest a revocation goes unseen. Default 15 minutes. */
  ttlSeconds?: number;
}

/** The signed Status List Token to publish at `uri` (serve it as `application/statuslist+jwt`). */
export function signStatusListToken(list: StatusListState, opts: StatusListTokenOptions): string {
  if (!isHttpUri(opts.uri) || !isHttpUri(opts.issuer)) throw new TypeError('status list uri and issuer must be http(s) URLs');
  const iat = Math.floor(opts.now.getTime() / 1000);
  const head = b64uJson({ alg: 'ES256', typ: STATUS_LIST_TYP, kid: opts.signer.kid });
  const body = b64uJson({
    sub: opts.uri,
    iss: opts.issuer,
    iat,
    exp: iat + (opts.validSeconds ?? 86_400),
    ttl: opts.ttlSeconds ?? 900,
    status_list: { bits: 1, lst: compress(list.status) },
  });
  return `${head}.${body}.${signEs256(`${head}.${body}`, opts.signer.privateKey)}`;
}

/** A status list token whose signature, type, subject and issuer hold; its time is checked per use. */
export interface PublishedStatusList {
  uri: string;
  iat: number;
  exp: number;
  bits: 1 | 2 | 4 | 8;
  bytes: Uint8Array;
}

export type StatusListRead = { ok: true; list: PublishedStatusList } | { ok: false };

/** Verifies a fetched token with the issuer's keys and unpacks its list (at most 16 MiB inflated). */
export function readStatusListToken(token: string, opts: { keys: ReadonlyMap<string, KeyObject>; uri: string; issuer: string }): StatusListRead {
  if (typeof token !== 'string' || token.length > MAX_STATUS_LIST_TOKEN_LENGTH) return { ok: false };
  const jws = checkJws(token.trim(), STATUS_LIST_TYP, opts.keys);
  if (!jws.ok) return { ok: false };
  const { sub, iss, iat, exp, ttl, status_list: sl } = jws.payload;
  if (sub !== opts.uri || iss !== opts.issuer || !Number.isSafeInteger(iat) || !Number.isSafeInteger(exp) || (exp as number) <= (iat as number)) return { ok: false };
  if (ttl !== undefined && (!Number.isSafeInteger(ttl) || (ttl as number) <= 0)) return { ok: false };
  if (!isObject(sl) || ![1, 2, 4, 8].includes(sl.bits as number) || typeof sl.lst !== 'string') return { ok: false };
  const bytes = decompress(sl.lst, 16 * 1024 * 1024);
  if (!bytes || bytes.length === 0) return { ok: false };
  return { ok: true, list: { uri: sub as string, iat: iat as number, exp: exp as number, bits: sl.bits as 1 | 2 | 4 | 8, bytes } };
}

/** 0 valid, 1 invalid (revoked), 2 suspended, other values application-defined. */
export type StatusCheck = { ok: true; status: number } | { ok: false; reason: 'expired' | 'not_yet_valid' | 'out_of_range' };

/** The status of entry `idx` in a read list at `now`; the list itself must be current. */
export function statusAt(list: PublishedStatusList, idx: number, now: Date): StatusCheck {
  const t = Math.floor(now.getTime() / 1000);
  if (list.iat > t + CLOCK_SKEW_SECONDS) return { ok: false, reason: 'not_yet_valid' };
  if (list.exp <= t - CLOCK_SKEW_SECONDS) return { ok: false, reason: 'expired' };
  const bitPos = idx * list.bits;
  if (!Number.isSafeInteger(bitPos) || idx < 0 || Math.floor(bitPos / 8) >= list.bytes.length) return { ok: false, reason: 'out_of_range' };
  return { ok: true, status: (list.bytes[Math.floor(bitPos / 8)] >> (bitPos % 8)) & ((1 << list.bits) - 1) };
}
