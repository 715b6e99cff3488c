import type { WalletReasonCode } from './messages.js';
import { HASH_ALG, MAX_DISCLOSURES, isDigest, isObject, parseDisclosure } from './format.js';
import { claimSpec, displayValue, specOfVct, type ClaimValue, type DocumentTypeSpec } from './types.js';
import { isValidClaimValue } from './validate.js';

/** The signed, always-visible part of a wallet document, after a strict read. */
export interface DocumentPayload {
  spec: DocumentTypeSpec;
  iss: string;
  iat: number;
  exp: number;
  status: StatusReference;
  digests: ReadonlySet<string>;
  /** The always-shown claims (document title, form). */
  shown: Map<string, ClaimValue>;
}

export interface StatusReference {
  uri: string;
  idx: number;
}

type Read<T> = { ok: true; value: T } | { ok: false; code: WalletReasonCode };

const STANDARD = new Set(['iss', 'iat', 'exp', 'vct', 'status', '_sd', '_sd_alg']);
/** Longest validity of any type (5 years) plus leap days. */
const MAX_LIFETIME_SECONDS = (5 * 366 + 2) * 24 * 3600;

export function isHttpUri(value: unknown, max = 300): value is string {
  if (typeof value !== 'string' || value.length > max) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !url.hash && url.href.replace(/\/$/, '') === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

export function readStatusReference(value: unknown): StatusReference | undefined {
  if (!isObject(value) || Object.keys(value).length !== 1 || !isObject(value.status_list)) return undefined;
  const { idx, uri, ...rest } = value.status_list;
  if (Object.keys(rest).length || !Number.isSafeInteger(idx) || (idx as number) < 0 || !isHttpUri(uri)) return undefined;
  return { uri, idx: idx as number };
}

/** Strict shape of the issuer-signed payload: known claims only, each of its type. */
export function readPayload(payload: Record<string, unknown>): Read<DocumentPayload> {
  if ('cnf' in payload) return { ok: false, code: 'WALLET_KEY_BINDING_UNSUPPORTED' };
  const spec = specOfVct(payload.vct);
  if (!spec) return { ok: false, code: 'WALLET_WRONG_TYPE' };
  const malformed = { ok: false, code: 'WALLET_MALFORMED' } as const;
  const { iss, iat, exp, _sd, _sd_alg: sdAlg } = payload;
  if (typeof iss !== 'string' || iss.length > 300) return malformed;
  if (!Number.isSafeInteger(iat) || !Number.isSafeInteger(exp) || (exp as number) <= (iat as number) || (exp as number) - (iat as number) > MAX_LIFETIME_SECONDS) return malformed;
  const status = readStatusReference(payload.status);
  if (!status) return malformed;
  if (sdAlg !== HASH_ALG || !Array.isArray(_sd) || _sd.length > MAX_DISCLOSURES || !_sd.every(isDigest)) return malformed;
  const digests = new Set<string>(_sd);
  if (digests.size !== _sd.length) return malformed;
  const shown = new Map<string, ClaimValue>();
  for (const c of spec.claims) {
    if (c.disclosure !== 'always') continue;
    const v = payload[c.claim];
    if (!isValidClaimValue(c.rule, v)) return malformed;
    shown.set(c.claim, v);
  }
  for (const key of Object.keys(payload)) if (!STANDARD.has(key) && !shown.has(key)) return malformed;
  return { ok: true, value: { spec, iss, iat: iat as number, exp: exp as number, status, digests, shown } };
}

/**
 * Resolves disclosures against the signed digests (RFC 9901 §7.1): each must be well formed, be
 * referenced by a digest in `_sd`, appear once, name a selectively disclosable claim of the type
 * not already in the payload, and hold a value of that claim's rule.
 */
export function openDisclosures(doc: DocumentPayload, encoded: readonly string[]): Read<Map<string, ClaimValue>> {
  const seen = new Set<string>();
  const claims = new Map<string, ClaimValue>();
  for (const e of encoded) {
    const d = parseDisclosure(e);
    if (!d) return { ok: false, code: 'WALLET_DISCLOSURE_MALFORMED' };
    if (!doc.digests.has(d.digest)) return { ok: false, code: 'WALLET_DISCLOSURE_NOT_REFERENCED' };
    if (seen.has(d.digest) || claims.has(d.claim)) return { ok: false, code: 'WALLET_DISCLOSURE_DUPLICATE' };
    seen.add(d.digest);
    const spec = claimSpec(doc.spec, d.claim);
    if (!spec || spec.disclosure !== 'selective' || !isValidClaimValue(spec.rule, d.value)) return { ok: false, code: 'WALLET_DISCLOSURE_MALFORMED' };
    claims.set(d.claim, d.value);
  }
  return { ok: true, value: claims };
}

export interface LabelledClaim {
  label: string;
  value: ClaimValue;
  /** The value as shown on screen (dates dd/MM/yyyy, choices by label). */
  text: string;
}

/** Claims in catalogue order with their labels; keys come from the catalogue only, never from the token. */
export function labelClaims(spec: DocumentTypeSpec, values: ReadonlyMap<string, ClaimValue>): Record<string, LabelledClaim> {
  const out: Record<string, LabelledClaim> = {};
  for (const c of spec.claims) {
    const value = values.get(c.claim);
    if (value === undefined) continue;
    out[c.claim] = { label: c.label, value, text: displayValue(c.rule, value) };
  }
  return out;
}

export const isoFromSeconds = (s: number) => new Date(s * 1000).toISOString();
