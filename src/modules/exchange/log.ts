import { createHash } from 'node:crypto';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';

/**
 * The signed, chained exchange log. Each entry names one call of an agency by the SHA-256 of its request and
 * response bodies; `hash` is the SHA-256 of the entry's canonical form (which holds `prevHash`, the hash of the
 * agency's previous entry), and `jws` is da06's signature (ES256, /.well-known/jwks.json) over that form.
 * An agency downloads its own entries and checks them offline with `verifyExchangeLog`.
 */
export interface ExchangeLogEntry {
  agencyId: number;
  seq: number;
  at: string;
  method: string;
  path: string;
  status: number;
  requestSha256: string;
  responseSha256: string;
  prevHash: string;
  hash: string;
  jws: string;
}

/** What is kept beside an entry, outside its signed form: a refusal's problem code, the service and catalogued purpose named. */
export interface LogNotes { problem: string | null; serviceCode: string | null; purpose: string | null }

export const EXCHANGE_LOG_TYP = 'da06-exchange-log+jws';
/** The `prevHash` of an agency's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

export const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The signed form of an entry: every field but `hash` and `jws`, in a fixed order. */
export function canonicalEntry(e: Omit<ExchangeLogEntry, 'hash' | 'jws'>): string {
  return JSON.stringify([e.agencyId, e.seq, e.at, e.method, e.path, e.status, e.requestSha256, e.responseSha256, e.prevHash]);
}

/** Why an entry fails: another agency's, out of order, chain broken, hash or signature wrong. */
export type LogFailure = 'agency' | 'order' | 'chain' | 'hash' | 'signature';
export type LogVerdict = { valid: true; entries: number } | { valid: false; seq: number | null; kind: LogFailure; reason: string };

/** The first line of a downloaded log file (JSON Lines): who, when, and the keys to check the signatures with. */
export interface ExchangeLogHeader {
  format: typeof EXCHANGE_LOG_FORMAT;
  agencyId: number;
  agencyName: string;
  /** da06's public URL: its keys are published at `${issuer}/.well-known/jwks.json`. */
  issuer: string;
  exportedAt: string;
  entries: number;
  jwks: JSONWebKeySet;
  /**
   * Where the file's chain begins when older entries were removed after the retention period: the number and hash
   * of the last removed entry (absent: from the agency's first entry, chained to GENESIS_HASH).
   */
  base?: LogBase;
}

/** The last entry removed from an agency's log, from which the kept entries chain. */
export interface LogBase {
  seq: number;
  hash: string;
}
export const EXCHANGE_LOG_FORMAT = 'da06-exchange-log/1';

/** The log as a file: the header line, then one entry (with its JWS) a line. */
export function exchangeLogFile(header: Omit<ExchangeLogHeader, 'format' | 'entries'>, entries: readonly ExchangeLogEntry[]): string {
  const head: ExchangeLogHeader = { format: EXCHANGE_LOG_FORMAT, ...header, entries: entries.length };
  return [head, ...entries].map((x) => JSON.stringify(x)).join('\n') + '\n';
}

/** Reads a log file; a line that is no JSON object, or a missing header, is an error naming the line. */
export function parseExchangeLogFile(text: string): { header: ExchangeLogHeader; entries: ExchangeLogEntry[] } {
  const lines = text.split('\n').map((l, i) => [i + 1, l.trim()] as const).filter(([, l]) => l);
  const parsed = lines.map(([n, l]) => {
    try {
      const v: unknown = JSON.parse(l);
      if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch { /* reported below */ }
    throw new Error(`line ${n}: not a JSON object`);
  });
  const [header, ...entries] = parsed;
  if (!header || header.format !== EXCHANGE_LOG_FORMAT) throw new Error(`line 1: not a header of format ${EXCHANGE_LOG_FORMAT}`);
  const base = header.base as Partial<LogBase> | undefined;
  if (base !== undefined && !(Number.isSafeInteger(base?.seq) && base!.seq! > 0 && typeof base?.hash === 'string' && /^[0-9a-f]{64}$/.test(base.hash))) {
    throw new Error('line 1: base is not an entry number and a SHA-256 hash');
  }
  return { header: header as unknown as ExchangeLogHeader, entries: entries as unknown as ExchangeLogEntry[] };
}

/**
 * Checks a downloaded log offline: entries in order from the first (or from the header's base), each chained to the one before, its hash
 * recomputed, and its JWS valid under the published keys with the same canonical form as payload.
 */
export async function verifyExchangeLog(entries: readonly ExchangeLogEntry[], jwks: JSONWebKeySet, base?: LogBase): Promise<LogVerdict> {
  const keys = createLocalJWKSet(jwks);
  let prev = base?.hash ?? GENESIS_HASH;
  const first = (base?.seq ?? 0) + 1;
  let agency: number | undefined;
  for (const [i, e] of entries.entries()) {
    const fail = (kind: LogFailure, reason: string): LogVerdict => ({ valid: false, seq: typeof e.seq === 'number' ? e.seq : null, kind, reason });
    agency ??= e.agencyId;
    if (e.agencyId !== agency) return fail('agency', 'entry of another agency');
    if (e.seq !== first + i) return fail('order', `expected entry ${first + i}`);
    if (e.prevHash !== prev) return fail('chain', 'chain broken: prevHash is not the previous entry\'s hash');
    const canonical = canonicalEntry(e);
    if (sha256(canonical) !== e.hash) return fail('hash', 'hash does not match the entry');
    try {
      const { payload, protectedHeader } = await compactVerify(e.jws, keys, { algorithms: ['ES256'] });
      if (protectedHeader.typ !== EXCHANGE_LOG_TYP) return fail('signature', 'signature of another kind');
      if (new TextDecoder().decode(payload) !== canonical) return fail('signature', 'signature is over another entry');
    } catch {
      return fail('signature', 'signature not valid under the published keys');
    }
    prev = e.hash;
  }
  return { valid: true, entries: entries.length };
}
