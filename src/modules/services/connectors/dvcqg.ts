/**
 * The HTTP client of the national public-service portal (DVCQG): receive dossiers filed there,
 * push each status change with its full history, push results, pull the citizen's rating. The
 * contract is docs/connectors/dvcqg.md (largely OUR ASSUMPTION: the real DVCQG interface was not
 * available); the endpoint and token are configuration (DA06_DVCQG_URL, DA06_DVCQG_TOKEN; off when
 * unset). Tested against a local stand-in (dvcqg-standin.ts), never against the real portal.
 *
 * Every call is idempotent (reads, or writes carrying an Idempotency-Key that is the same on each
 * retry), so timeouts, network errors, 408, 429 and 5xx are retried with exponential back-off; other
 * answers fail at once. Whatever the portal sends back is parsed strictly (dvcqg-contract.ts): bad
 * JSON or a wrong shape is a DvcqgError of kind 'bad_response', never a crash or an unchecked value.
 */
import { Value } from '@sinclair/typebox/value';
import type { TSchema, Static } from '@sinclair/typebox';
import type { Config } from '../../../platform/config.js';
import {
  DVCQG_STATUSES, DossierEnvelopeWire, DossierPageWire, PortalDossierWire, PortalErrorWire, RatingWire, ResultAckWire, StatusAckWire,
  type DvcqgChannel, type DvcqgStatusCode, type RefusalWire, type ResultPushWire, type StatusPushWire,
} from './dvcqg-contract.js';

export interface DvcqgSettings {
  /** DA06_DVCQG_URL: base of the portal's interface for this province's system. */
  url: string;
  /** DA06_DVCQG_TOKEN: sent as a bearer token, never logged nor put in an error. */
  token: string;
  /** Per request. */
  timeoutMs?: number;
  /** Tries per call, the first included. */
  attempts?: number;
  /** First back-off; doubled per retry, with jitter, up to maxDelayMs. */
  baseDelayMs?: number;
  maxDelayMs?: number;
}

/** The portal settings of the configuration, or undefined when the connector is off (the default). */
export function dvcqgSettings(config: Config): DvcqgSettings | undefined {
  if (!config.DA06_DVCQG_URL || !config.DA06_DVCQG_TOKEN) return undefined;
  return { url: config.DA06_DVCQG_URL, token: config.DA06_DVCQG_TOKEN, timeoutMs: config.DA06_DVCQG_TIMEOUT_MS, attempts: config.DA06_DVCQG_ATTEMPTS };
}

export type DvcqgErrorKind =
  /** Network error, refused connection, 5xx, 429 or 408 after the last try. */
  | 'unavailable'
  /** No answer within the timeout on the last try. */
  | 'timeout'
  /** 401 or 403: the token is wrong or lacks a right; retrying will not help. */
  | 'unauthorized'
  /** Another 4xx: the portal refused this request (unknown dossier, invalid field, idempotency key reused with another body). */
  | 'rejected'
  /** A 2xx whose body is not JSON or not of the contract's shape. */
  | 'bad_response';

export class DvcqgError extends Error {
  constructor(
    readonly kind: DvcqgErrorKind,
    message: string,
    readonly details: { status?: number; portalCode?: string; attempts?: number } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DvcqgError';
  }

  /** Whether another try later may succeed (the sync keeps such pushes as dead letters to replay). */
  get retryable(): boolean {
    return this.kind === 'unavailable' || this.kind === 'timeout';
  }
}

/** A dossier filed on the portal, checked and typed. */
export interface PortalDossier extends Omit<PortalDossierWire, 'submittedAt'> {
  submittedAt: Date;
}

/** One dossier of a page: checked and typed, or refused with the reason (and its code when it has one). */
export type PortalItem = { ok: true; dossier: PortalDossier } | { ok: false; code: string | null; reason: string };

/** A dossier sent by the portal, checked against the contract; a refusal names the first wrong field. */
export function parsePortalDossier(raw: unknown): PortalItem {
  const code = typeof raw === 'object' && raw !== null && 'code' in raw && typeof raw.code === 'string' ? raw.code.slice(0, 60) : null;
  if (!Value.Check(PortalDossierWire, raw)) {
    const first = Value.Errors(PortalDossierWire, raw).First();
    return { ok: false, code, reason: first ? `${first.path || '/'}: ${first.message}` : 'shape' };
  }
  const submittedAt = new Date(raw.submittedAt);
  if (Number.isNaN(submittedAt.getTime())) return { ok: false, code, reason: '/submittedAt: thời điểm không hợp lệ' };
  return { ok: true, dossier: { ...raw, submittedAt } };
}

export interface StatusChange {
  seq: number;
  status: DvcqgStatusCode;
  at: Date;
  actor: { kind: 'officer' | 'citizen' | 'system'; id?: string; name?: string };
  comment?: string;
}

/** A status change to push: `history` holds every change so far, in order, the new one last. */
export interface StatusUpdate {
  dossierCode: string;
  channel: DvcqgChannel;
  dueAt?: Date;
  extended: boolean;
  overdue: boolean;
  history: StatusChange[];
}

export interface DossierResult {
  dossierCode: string;
  documentNumber: string;
  documentType: string;
  title: string;
  issuedAt: Date;
  validUntil?: string;
  file: { name: string; sha256: string; content: Buffer };
}

export interface CitizenRating {
  dossierCode: string;
  ratedAt: Date;
  scores: { criterion: string; score: number; max: number }[];
  comment?: string;
}

/** The portal as da06 uses it. */
export interface DvcqgPortal {
  /** Dossiers filed on the portal after `cursor` (from the start when null). */
  listDossiers(cursor?: string | null, limit?: number): Promise<{ dossiers: PortalDossier[]; nextCursor: string | null }>;
  /**
   * The same page, each dossier checked on its own: one malformed dossier is returned as refused (with the
   * first wrong field) and never costs the others of the page; a page whose envelope is wrong fails whole.
   */
  listDossierBatch(cursor?: string | null, limit?: number): Promise<{ items: PortalItem[]; nextCursor: string | null }>;
  /** Tells the portal the dossier is now held here under `localCode`, so it is not listed again. */
  acknowledgeDossier(portalCode: string, localCode: string): Promise<void>;
  /** Tells the portal the dossier was refused, why, and (a form against the procedure's schema) every field error. */
  refuseDossier(portalCode: string, refusal: RefusalWire): Promise<void>;
  /** Pushes the last change of `update.history` with the whole history; answers the last sequence the portal holds. */
  pushStatus(update: StatusUpdate): Promise<{ lastSeq: number; duplicate: boolean }>;
  pushResult(result: DossierResult): Promise<{ receiptId: string }>;
  /** The citizen's rating of the dossier, or null while there is none. */
  pullRating(dossierCode: string): Promise<CitizenRating | null>;
}

export interface DvcqgClientDeps {
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

const DEFAULTS = { timeoutMs: 10_000, attempts: 4, baseDelayMs: 500, maxDelayMs: 10_000 } as const;

/** The idempotency key of a status push: one per dossier and sequence number, the same on every retry and replay. */
export const statusKey = (dossierCode: string, seq: number): string => `status:${dossierCode}:${seq}`;
export const resultKey = (dossierCode: string, sha256: string): string => `result:${dossierCode}:${sha256}`;

/** Checks that a history counts 1, 2, 3 … in order; the portal would refuse anything else. */
export function checkHistory(history: StatusChange[]): void {
  if (history.length === 0) throw new RangeError('A status update needs at least one change in its history');
  history.forEach((entry, i) => {
    if (entry.seq !== i + 1) throw new RangeError(`Status history must count 1, 2, 3 …: entry ${i + 1} has seq ${entry.seq}`);
    if (!(entry.status in DVCQG_STATUSES)) throw new RangeError(`Unknown DVCQG status ${entry.status}`);
  });
}

export function statusPushBody(update: StatusUpdate): StatusPushWire {
  checkHistory(update.history);
  const last = update.history[update.history.length - 1];
  return {
    dossierCode: update.dossierCode,
    seq: last.seq,
    status: last.status,
    statusLabel: DVCQG_STATUSES[last.status],
    channel: update.channel,
    ...(update.dueAt ? { dueAt: update.dueAt.toISOString() } : {}),
    extended: update.extended,
    overdue: update.overdue,
    history: update.history.map((h) => ({
      seq: h.seq, status: h.status, at: h.at.toISOString(), actor: h.actor, ...(h.comment ? { comment: h.comment } : {}),
    })),
  };
}

function instant(text: string, what: string): Date {
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw new DvcqgError('bad_response', `Cổng DVCQG trả về thời điểm không hợp lệ ở ${what} / invalid instant in ${what}`);
  return at;
}

/** The body checked against its schema, or a 'bad_response' error naming the first wrong field. */
export function parseStrict<S extends TSchema>(schema: S, body: unknown, what: string): Static<S> {
  if (Value.Check(schema, body)) return body;
  const first = Value.Errors(schema, body).First();
  const where = first ? `${first.path || '/'}: ${first.message}` : 'shape';
  throw new DvcqgError('bad_response', `Cổng DVCQG trả về dữ liệu sai cấu trúc (${what}, ${where}) / the portal answered an unexpected shape`);
}

interface CallOptions {
  body?: unknown;
  idempotencyKey?: string;
  /** 404 answers null instead of failing (a rating not given yet). */
  notFoundIsNull?: boolean;
  what: string;
}

export function createDvcqgClient(settings: DvcqgSettings, deps: DvcqgClientDeps = {}): DvcqgPortal {
  const base = settings.url.replace(/\/+$/, '');
  // The origin names the portal in errors; a path or query could carry credentials of its own.
  const origin = new URL(base).origin;
  const timeoutMs = settings.timeoutMs ?? DEFAULTS.timeoutMs;
  const attempts = Math.max(1, settings.attempts ?? DEFAULTS.attempts);
  const baseDelay = settings.baseDelayMs ?? DEFAULTS.baseDelayMs;
  const maxDelay = settings.maxDelayMs ?? DEFAULTS.maxDelayMs;
  const doFetch = deps.fetch ?? fetch;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const random = deps.random ?? Math.random;

  const backoff = (attempt: number, retryAfterSec: number | null): number => {
    if (retryAfterSec !== null) return Math.min(maxDelay, retryAfterSec * 1000);
    return Math.min(maxDelay, baseDelay * 2 ** (attempt - 1)) * (0.5 + random() / 2);
  };

  /** One try: the parsed JSON of a 2xx (null for 204 or a tolerated 404), or a DvcqgError. */
  async function once(method: string, path: string, options: CallOptions): Promise<{ value: unknown } | { error: DvcqgError; retryAfter: number | null }> {
    const headers: Record<string, string> = { authorization: `Bearer ${settings.token}`, accept: 'application/json' };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    let res: Response;
    try {
      res = await doFetch(`${base}${path}`, {
        method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body), signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      const timedOut = (err as Error).name === 'TimeoutError';
      const reason = timedOut ? `không trả lời sau ${timeoutMs} ms / no answer after ${timeoutMs} ms` : String((err as Error).cause ?? err);
      return { error: new DvcqgError(timedOut ? 'timeout' : 'unavailable', `Không kết nối được Cổng DVCQG ${origin} (${options.what}) / portal unreachable: ${reason}`, {}, { cause: err }), retryAfter: null };
    }
    let text: string;
    try {
      text = await res.text();
    } catch (err) {
      return { error: new DvcqgError('unavailable', `Cổng DVCQG ${origin} ngắt kết nối giữa chừng (${options.what}) / connection cut`, { status: res.status }, { cause: err }), retryAfter: null };
    }
    if (res.ok) {
      if (res.status === 204 || text === '') return { value: null };
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { error: new DvcqgError('bad_response', `Cổng DVCQG ${origin} trả về nội dung không phải JSON (${options.what}) / not JSON`, { status: res.status }), retryAfter: null };
      }
    }
    if (res.status === 404 && options.notFoundIsNull) return { value: null };
    const portal = portalError(text);
    const detail = `HTTP ${res.status}${portal.code ? ` ${portal.code}` : ''}${portal.detail ? `: ${portal.detail.slice(0, 200)}` : ''}`;
    if (res.status >= 500 || res.status === 429 || res.status === 408) {
      const retryAfter = Number(res.headers.get('retry-after'));
      return {
        error: new DvcqgError('unavailable', `Cổng DVCQG ${origin} tạm thời không xử lý được (${options.what}) / portal unavailable: ${detail}`, { status: res.status, portalCode: portal.code }),
        retryAfter: Number.isFinite(retryAfter) && retryAfter >= 0 && res.headers.has('retry-after') ? retryAfter : null,
      };
    }
    const kind = res.status === 401 || res.status === 403 ? 'unauthorized' : 'rejected';
    return { error: new DvcqgError(kind, `Cổng DVCQG ${origin} từ chối yêu cầu (${options.what}) / portal refused: ${detail}`, { status: res.status, portalCode: portal.code }), retryAfter: null };
  }

  async function call(method: string, path: string, options: CallOptions): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      const outcome = await once(method, path, options);
      if ('value' in outcome) return outcome.value;
      const { error } = outcome;
      error.details.attempts = attempt;
      if (!error.retryable || attempt >= attempts) throw error;
      await sleep(backoff(attempt, outcome.retryAfter));
    }
  }

  const code = (dossierCode: string) => encodeURIComponent(dossierCode);

  return {
    async listDossiers(cursor = null, limit = 100) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor) query.set('since', cursor);
      const page = parseStrict(DossierPageWire, await call('GET', `/dossiers?${query}`, { what: 'danh sách hồ sơ' }), 'danh sách hồ sơ');
      return {
        dossiers: page.items.map((d) => ({ ...d, submittedAt: instant(d.submittedAt, `hồ sơ ${d.code}`) })),
        nextCursor: page.nextCursor,
      };
    },

    async listDossierBatch(cursor = null, limit = 100) {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor) query.set('since', cursor);
      const page = parseStrict(DossierEnvelopeWire, await call('GET', `/dossiers?${query}`, { what: 'danh sách hồ sơ' }), 'danh sách hồ sơ');
      return { items: page.items.map(parsePortalDossier), nextCursor: page.nextCursor };
    },

    async acknowledgeDossier(portalCode, localCode) {
      await call('POST', `/dossiers/${code(portalCode)}/ack`, { body: { localCode }, idempotencyKey: `ack:${portalCode}`, what: 'xác nhận nhận hồ sơ' });
    },

    async refuseDossier(portalCode, refusal) {
      await call('POST', `/dossiers/${code(portalCode)}/refusal`, { body: refusal, idempotencyKey: `refusal:${portalCode}`, what: 'từ chối nhận hồ sơ' });
    },

    async pushStatus(update) {
      const body = statusPushBody(update);
      const ack = parseStrict(StatusAckWire, await call('POST', `/dossiers/${code(update.dossierCode)}/statuses`, {
        body, idempotencyKey: statusKey(update.dossierCode, body.seq), what: `trạng thái ${body.seq} của hồ sơ`,
      }), 'xác nhận trạng thái');
      return { lastSeq: ack.lastSeq, duplicate: ack.duplicate ?? false };
    },

    async pushResult(result) {
      const body: ResultPushWire = {
        dossierCode: result.dossierCode, documentNumber: result.documentNumber, documentType: result.documentType, title: result.title,
        issuedAt: result.issuedAt.toISOString(), ...(result.validUntil ? { validUntil: result.validUntil } : {}),
        file: { name: result.file.name, mediaType: 'application/pdf', sha256: result.file.sha256, contentBase64: result.file.content.toString('base64') },
      };
      const ack = parseStrict(ResultAckWire, await call('POST', `/dossiers/${code(result.dossierCode)}/result`, {
        body, idempotencyKey: resultKey(result.dossierCode, result.file.sha256), what: 'kết quả giải quyết',
      }), 'xác nhận kết quả');
      return { receiptId: ack.receiptId };
    },

    async pullRating(dossierCode) {
      const body = await call('GET', `/dossiers/${code(dossierCode)}/rating`, { notFoundIsNull: true, what: 'đánh giá của công dân' });
      if (body === null) return null;
      const rating = parseStrict(RatingWire, body, 'đánh giá của công dân');
      if (rating.dossierCode !== dossierCode) throw new DvcqgError('bad_response', `Cổng DVCQG trả về đánh giá của hồ sơ khác / rating of another dossier`);
      const over = rating.scores.find((s) => s.score > s.max);
      if (over) throw new DvcqgError('bad_response', `Cổng DVCQG trả về điểm ${over.score} vượt thang ${over.max} (tiêu chí ${over.criterion}) / score above its scale`);
      return { ...rating, ratedAt: instant(rating.ratedAt, 'đánh giá') };
    },
  };
}

/** The portal's error body when it is one, else nothing (an HTML error page, say). */
function portalError(text: string): { code?: string; detail?: string } {
  try {
    const body: unknown = JSON.parse(text);
    return Value.Check(PortalErrorWire, body) ? body : {};
  } catch {
    return {};
  }
}
