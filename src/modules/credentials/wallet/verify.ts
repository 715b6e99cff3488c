import type { KeyObject } from 'node:crypto';
import { walletMessage, type WalletReasonCode } from './messages.js';
import {
  CLOCK_SKEW_SECONDS, MAX_PRESENTATION_LENGTH, SD_JWT_VC_TYP, checkJws, splitSdJwt, toKeyMap,
  type JwsProblem, type VerificationKeys,
} from './format.js';
import { isoFromSeconds, labelClaims, openDisclosures, readPayload, type DocumentPayload, type LabelledClaim } from './document.js';
import { readStatusListToken, statusAt, type PublishedStatusList } from './status-list.js';
import type { ClaimValue, DocumentType } from './types.js';

/**
 * Fetches the status list token published at a URI (the document names it). Return undefined, or
 * throw, when it cannot be had: the document is then not valid (fail closed). Cache as the token's
 * `ttl` allows; the verifier below also remembers tokens it has already checked.
 */
export type StatusListSource = (uri: string) => string | undefined | Promise<string | undefined>;

export interface VerifyOptions {
  /** Published keys: `loadCredentialKeys(...).verification`, or the JWKS from /.well-known/jwks.json. */
  keys: VerificationKeys;
  /** Expected `iss`: the platform's public URL. */
  issuer: string;
  statusList: StatusListSource;
  now?: Date;
}

export interface Reason {
  code: WalletReasonCode;
  message: string;
}

export interface DocumentVerification {
  valid: boolean;
  reasons: Reason[];
  /** Known once the issuer's signature holds, even when the document is not valid (expired, revoked). */
  vct: string | null;
  type: DocumentType | null;
  typeLabel: string | null;
  /** Always-shown and chosen claims, labelled; empty unless valid. */
  disclosed: Record<string, LabelledClaim>;
  /** Claims of the type the citizen chose not to show (or the document does not have); empty unless valid. */
  withheld: string[];
  issuedAt: string | null;
  expiresAt: string | null;
}

export interface DocumentVerifier {
  verify(presentation: unknown, now?: Date): Promise<DocumentVerification>;
}

const reason = (code: WalletReasonCode, params?: Record<string, unknown>): Reason => ({ code, message: walletMessage(code, params) });

const JWS_CODES: Record<JwsProblem, WalletReasonCode> = {
  MALFORMED: 'WALLET_MALFORMED',
  WRONG_TYPE: 'WALLET_WRONG_TYPE',
  UNKNOWN_KEY: 'WALLET_UNKNOWN_KEY',
  SIGNATURE_INVALID: 'WALLET_SIGNATURE_INVALID',
};

function refused(code: WalletReasonCode, doc?: DocumentPayload, params?: Record<string, unknown>): DocumentVerification {
  return { ...describe(doc), valid: false, reasons: [reason(code, params)], disclosed: {}, withheld: [] };
}

function describe(doc?: DocumentPayload) {
  return {
    vct: doc?.spec.vct ?? null,
    type: doc?.spec.type ?? null,
    typeLabel: doc?.spec.label ?? null,
    issuedAt: doc ? isoFromSeconds(doc.iat) : null,
    expiresAt: doc ? isoFromSeconds(doc.exp) : null,
  };
}

const MAX_CACHED_LISTS = 16;

const VIETNAM_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric', hourCycle: 'h23' });

/** An instant as people read it: `HH:mm dd/MM/yyyy` in Vietnam. */
export function vietnamTime(seconds: number): string {
  const p = Object.fromEntries(VIETNAM_TIME.formatToParts(new Date(seconds * 1000)).map((x) => [x.type, x.value]));
  return `${p.hour}:${p.minute} ${p.day}/${p.month}/${p.year}`;
}

/**
 * A verifier for one key set, issuer and status source. Steps, in order, cheapest first; the first
 * four stop at a problem, the rest are reported together, and the status list is fetched last and
 * only for a document that passed everything else:
 * size and shape → header and type → key → signature → payload shape → issuer → time window →
 * disclosures against digests → revocation. Never throws.
 */
export function createDocumentVerifier(opts: Omit<VerifyOptions, 'now'>): DocumentVerifier {
  const keys: ReadonlyMap<string, KeyObject> = toKeyMap(opts.keys);
  /** Status list tokens already verified, by their exact text (a token is re-read only when it changes). */
  const lists = new Map<string, PublishedStatusList>();

  async function loadStatusList(uri: string): Promise<PublishedStatusList | WalletReasonCode> {
    let token: string | undefined;
    try {
      token = await opts.statusList(uri);
    } catch {
      return 'WALLET_STATUS_UNAVAILABLE';
    }
    if (typeof token !== 'string') return 'WALLET_STATUS_UNAVAILABLE';
    const cached = lists.get(token);
    if (cached && cached.uri === uri) return cached;
    const read = readStatusListToken(token, { keys, uri, issuer: opts.issuer });
    if (!read.ok) return 'WALLET_STATUS_INVALID';
    if (lists.size >= MAX_CACHED_LISTS) lists.delete(lists.keys().next().value as string);
    lists.set(token, read.list);
    return read.list;
  }

  async function verify(presentation: unknown, now: Date): Promise<DocumentVerification> {
    if (typeof presentation !== 'string') return refused('WALLET_MALFORMED');
    const text = presentation.trim();
    if (text.length > MAX_PRESENTATION_LENGTH) return refused('WALLET_TOO_LARGE', undefined, { max: MAX_PRESENTATION_LENGTH });
    const parts = splitSdJwt(text);
    if (!parts) return refused('WALLET_MALFORMED');
    if (parts.kbJwt !== '') return refused('WALLET_KEY_BINDING_UNSUPPORTED');

    const jws = checkJws(parts.jwt, SD_JWT_VC_TYP, keys);
    if (!jws.ok) return refused(JWS_CODES[jws.problem]);
    const read = readPayload(jws.payload);
    if (!read.ok) return refused(read.code);
    const doc = read.value;

    // From here the issuer's signature holds: the type and dates may be shown even when not valid.
    const reasons: Reason[] = [];
    const t = Math.floor(now.getTime() / 1000);
    if (doc.iss !== opts.issuer) reasons.push(reason('WALLET_WRONG_ISSUER'));
    if (doc.iat > t + CLOCK_SKEW_SECONDS) reasons.push(reason('WALLET_NOT_YET_VALID'));
    if (doc.exp <= t - CLOCK_SKEW_SECONDS) reasons.push(reason('WALLET_EXPIRED', { expiresAt: vietnamTime(doc.exp) }));
    const opened = openDisclosures(doc, parts.disclosures);
    if (!opened.ok) reasons.push(reason(opened.code));
    if (reasons.length || !opened.ok) return { ...describe(doc), valid: false, reasons, disclosed: {}, withheld: [] };

    const list = await loadStatusList(doc.status.uri);
    if (typeof list === 'string') return refused(list, doc);
    const status = statusAt(list, doc.status.idx, now);
    if (!status.ok) return refused('WALLET_STATUS_INVALID', doc);
    if (status.status === 1) return refused('WALLET_REVOKED', doc);
    if (status.status === 2) return refused('WALLET_SUSPENDED', doc);
    if (status.status !== 0) return refused('WALLET_STATUS_INVALID', doc);

    const values = new Map<string, ClaimValue>([...doc.shown, ...opened.value]);
    return {
      ...describe(doc),
      valid: true,
      reasons: [],
      disclosed: labelClaims(doc.spec, values),
      withheld: doc.spec.claims.filter((c) => !values.has(c.claim)).map((c) => c.claim),
    };
  }

  return {
    async verify(presentation, now = new Date()) {
      try {
        return await verify(presentation, now);
      } catch {
        // Every step above is written not to throw; this is the last line, not the plan.
        return refused('WALLET_MALFORMED');
      }
    },
  };
}

/** One-shot verification; for many, build the verifier once with `createDocumentVerifier` (JWKS parsed once, status lists remembered). */
export function verifyDocument(presentation: unknown, opts: VerifyOptions): Promise<DocumentVerification> {
  return createDocumentVerifier(opts).verify(presentation, opts.now);
}
