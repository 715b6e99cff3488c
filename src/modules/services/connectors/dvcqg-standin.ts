/**
 * dvcqg-standin: a LOCAL STAND-IN for the national public-service portal, an HTTP server on
 * 127.0.0.1 that keeps the contract of docs/connectors/dvcqg.md, for tests (and a developer's
 * machine). It is NOT the real DVCQG and behaves only as our written assumption of it: it checks the
 * bearer token, validates every body against dvcqg-contract.ts, keeps each dossier's status history
 * (a push whose sequence it already holds is a duplicate; a push carries the whole history and fills
 * any gap), honours Idempotency-Key (same key and body: the first answer again; same key, other
 * body: 422), and can be told to fail: answer an HTTP error, answer slowly after doing the work,
 * answer garbage, cut the connection, or be down altogether.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Value } from '@sinclair/typebox/value';
import {
  RefusalWire, ResultPushWire, StatusPushWire,
  type PortalDossierWire, type RatingWire, type StatusEntryWire,
} from './dvcqg-contract.js';

/** One planned misbehaviour, used by the next request that reaches the stand-in. */
export type StandinFault =
  /** Answer this status (and body) without doing the work. */
  | { kind: 'http'; status: number; body?: string; retryAfter?: number }
  /** Do the work, then wait `ms` before answering (the client may have given up: the work is done all the same). */
  | { kind: 'slow'; ms: number }
  /** Answer 200 with this body instead of the real answer, after doing the work. */
  | { kind: 'garbage'; body: string }
  /** Close the connection without an answer, before doing the work. */
  | { kind: 'reset' };

export interface StandinRequest {
  method: string;
  path: string;
  idempotencyKey?: string;
  authorized: boolean;
}

interface Answer {
  status: number;
  body?: unknown;
}

const MAX_BODY = 20 * 1024 * 1024;

export class DvcqgStandin {
  readonly requests: StandinRequest[] = [];
  private readonly inbox: PortalDossierWire[] = [];
  private readonly acks = new Map<string, string>();
  private readonly refusals = new Map<string, RefusalWire>();
  private readonly histories = new Map<string, StatusEntryWire[]>();
  private readonly accepted = new Map<string, number[]>();
  private readonly results = new Map<string, ResultPushWire[]>();
  private readonly ratings = new Map<string, RatingWire>();
  private readonly idempotency = new Map<string, { digest: string; answer: Answer }>();
  private readonly faults: StandinFault[] = [];
  private down = false;

  private constructor(private readonly server: Server, readonly url: string, private readonly token: string) {}

  /** Starts the stand-in on a free port of 127.0.0.1. */
  static async start(token: string): Promise<DvcqgStandin> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const standin = new DvcqgStandin(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`, token);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void standin.handle(req, res));
    return standin;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** How many dossiers were filed so far (the cursor of the next one). */
  get filed(): number {
    return this.inbox.length;
  }

  /** A citizen files a dossier on the portal. */
  file(dossier: PortalDossierWire): void {
    this.inbox.push(dossier);
  }

  /** The local code a portal dossier was acknowledged under. */
  acknowledgement(portalCode: string): string | undefined {
    return this.acks.get(portalCode);
  }

  /** Why da06 refused a portal dossier, as it told the portal. */
  refusal(portalCode: string): RefusalWire | undefined {
    return this.refusals.get(portalCode);
  }

  /** The status history the portal holds for a dossier. */
  history(dossierCode: string): StatusEntryWire[] {
    return [...(this.histories.get(dossierCode) ?? [])];
  }

  /** Sequence numbers in the order the portal recorded them. */
  recordedSeqs(dossierCode: string): number[] {
    return [...(this.accepted.get(dossierCode) ?? [])];
  }

  resultsOf(dossierCode: string): ResultPushWire[] {
    return [...(this.results.get(dossierCode) ?? [])];
  }

  /** A citizen rates a dossier on the portal. */
  rate(rating: RatingWire): void {
    this.ratings.set(rating.dossierCode, rating);
  }

  /** Misbehaviours for the next requests, one each, in order. */
  inject(...faults: StandinFault[]): void {
    this.faults.push(...faults);
  }

  /** While down, every request is answered 503. */
  setDown(down: boolean): void {
    this.down = down;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://standin');
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const idempotencyKey = typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : undefined;
    const authorized = req.headers.authorization === `Bearer ${this.token}`;
    this.requests.push({ method: req.method ?? '', path, ...(idempotencyKey ? { idempotencyKey } : {}), authorized });
    const raw = await readBody(req);
    const fault = this.faults.shift();
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (this.down) return send(res, { status: 503, body: { code: 'UNAVAILABLE', detail: 'Cổng đang bảo trì (stand-in)' } });
    if (fault?.kind === 'http') return send(res, { status: fault.status, body: fault.body ?? { code: 'INJECTED' } }, fault.retryAfter);
    const answer = authorized ? this.route(req.method ?? '', path, url.searchParams, raw, idempotencyKey) : { status: 401, body: { code: 'UNAUTHORIZED' } };
    if (fault?.kind === 'slow') await new Promise((resolve) => setTimeout(resolve, fault.ms));
    if (res.destroyed) return;
    if (fault?.kind === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(fault.body);
      return;
    }
    send(res, answer);
  }

  private route(method: string, path: string, query: URLSearchParams, raw: string | null, key: string | undefined): Answer {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (method === 'GET' && parts.length === 1 && parts[0] === 'dossiers') return this.list(query);
    if (parts[0] !== 'dossiers' || parts.length !== 3) return { status: 404, body: { code: 'NOT_FOUND' } };
    const [, code, action] = parts;
    if (method === 'GET' && action === 'rating') {
      const rating = this.ratings.get(code);
      return rating ? { status: 200, body: rating } : { status: 404, body: { code: 'NO_RATING' } };
    }
    if (method !== 'POST') return { status: 405, body: { code: 'METHOD' } };
    let body: unknown;
    try {
      body = raw === null ? undefined : JSON.parse(raw);
    } catch {
      return { status: 400, body: { code: 'INVALID_JSON' } };
    }
    return this.idempotent(key, raw ?? '', () => {
      if (action === 'ack') return this.acknowledge(code, body);
      if (action === 'refusal') return this.refuse(code, body);
      if (action === 'statuses') return this.recordStatus(code, body);
      if (action === 'result') return this.recordResult(code, body);
      return { status: 404, body: { code: 'NOT_FOUND' } };
    });
  }

  private idempotent(key: string | undefined, raw: string, work: () => Answer): Answer {
    if (!key) return { status: 400, body: { code: 'IDEMPOTENCY_KEY_REQUIRED' } };
    const digest = createHash('sha256').update(raw).digest('hex');
    const seen = this.idempotency.get(key);
    if (seen) return seen.digest === digest ? seen.answer : { status: 422, body: { code: 'IDEMPOTENCY_MISMATCH', detail: 'Khóa đã dùng cho nội dung khác' } };
    const answer = work();
    if (answer.status < 500) this.idempotency.set(key, { digest, answer });
    return answer;
  }

  private list(query: URLSearchParams): Answer {
    const since = Number(query.get('since') ?? 0);
    const limit = Math.min(500, Number(query.get('limit') ?? 100));
    if (!Number.isInteger(since) || since < 0 || !Number.isInteger(limit) || limit < 1) return { status: 400, body: { code: 'INVALID_QUERY' } };
    const items = this.inbox.slice(since, since + limit);
    const next = since + items.length;
    return { status: 200, body: { items, nextCursor: next < this.inbox.length ? String(next) : null } };
  }

  private acknowledge(code: string, body: unknown): Answer {
    if (!this.inbox.some((d) => d.code === code)) return { status: 404, body: { code: 'UNKNOWN_DOSSIER' } };
    const localCode = (body as { localCode?: unknown } | undefined)?.localCode;
    if (typeof localCode !== 'string' || !localCode) return { status: 400, body: { code: 'INVALID_BODY' } };
    this.acks.set(code, localCode);
    return { status: 204 };
  }

  /** da06 refused a dossier: the portal keeps why (its citizen is told "Không được tiếp nhận"). */
  private refuse(code: string, body: unknown): Answer {
    if (!this.inbox.some((d) => d.code === code)) return { status: 404, body: { code: 'UNKNOWN_DOSSIER' } };
    if (!Value.Check(RefusalWire, body)) return { status: 400, body: { code: 'INVALID_BODY' } };
    this.refusals.set(code, body);
    return { status: 204 };
  }

  private recordStatus(code: string, body: unknown): Answer {
    if (!Value.Check(StatusPushWire, body) || body.dossierCode !== code) return { status: 400, body: { code: 'INVALID_BODY' } };
    const { history, seq, status } = body;
    const counted = history.every((h, i) => h.seq === i + 1);
    const last = history[history.length - 1];
    if (!counted || last.seq !== seq || last.status !== status) return { status: 400, body: { code: 'INVALID_HISTORY' } };
    const held = this.histories.get(code) ?? [];
    const overlap = Math.min(held.length, history.length);
    for (let i = 0; i < overlap; i++) {
      if (held[i].status !== history[i].status || held[i].at !== history[i].at) return { status: 409, body: { code: 'HISTORY_CONFLICT', detail: `seq ${i + 1}` } };
    }
    if (seq <= held.length) return { status: 200, body: { accepted: true, lastSeq: held.length, duplicate: true } };
    const added = history.slice(held.length);
    this.histories.set(code, [...held, ...added]);
    this.accepted.set(code, [...(this.accepted.get(code) ?? []), ...added.map((h) => h.seq)]);
    return { status: 200, body: { accepted: true, lastSeq: seq } };
  }

  private recordResult(code: string, body: unknown): Answer {
    if (!Value.Check(ResultPushWire, body) || body.dossierCode !== code) return { status: 400, body: { code: 'INVALID_BODY' } };
    const digest = createHash('sha256').update(Buffer.from(body.file.contentBase64, 'base64')).digest('hex');
    if (digest !== body.file.sha256) return { status: 422, body: { code: 'HASH_MISMATCH' } };
    const list = this.results.get(code) ?? [];
    list.push(body);
    this.results.set(code, list);
    return { status: 200, body: { accepted: true, receiptId: `standin-${code}-${list.length}` } };
  }
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => resolve(size === 0 ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(null));
  });
}

function send(res: ServerResponse, answer: Answer, retryAfter?: number): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = {};
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers).end();
    return;
  }
  headers['content-type'] = answer.status >= 400 ? 'application/problem+json' : 'application/json';
  res.writeHead(answer.status, headers).end(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body));
}
