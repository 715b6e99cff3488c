// Batch verification (issue 17): an agency uploads a file of up to 1,000,000 yes/no checks (CSV with a header, or
// NDJSON), gets a batch number at once, follows its progress and downloads one answer per row. The upload is read as a
// stream and kept in pieces in the database (the answer does not depend on which node received it); a worker answers
// it chunk by chunk, each chunk in one transaction with its rows, the day's quota, the people's access history and
// the audit entries, so that a node that stops mid-way leaves a batch another node resumes where it stopped.
import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import type { Db } from '../../platform/db.js';
import { appendAudit, audited, type AuditEntry } from '../../platform/audit.js';
import { currentContext } from '../../platform/context.js';
import { parseCsvRecord, csvLine } from '../../platform/csv.js';
import { hasUnstorableText } from '../../platform/text.js';
import { formatNumber } from '../../platform/format.js';
import { DomainError } from './errors.js';
import { message } from './messages.js';
import { checkAnswer, type CheckFacts, type CheckParams } from './checks.js';
import { callsStore } from './calls-store.js';
import { createBatchStore, type AnsweredRow, type BatchRow } from './batch-store.js';
import type { GrantRow, ServiceRow } from './store.js';
import type { Agency } from './service.js';

/** The most rows one batch may hold, and the most bytes its file may have (1,000,000 rows of ~150 bytes, with room). */
export const BATCH_MAX_ROWS = 1_000_000;
export const BATCH_MAX_BYTES = 200 * 1024 * 1024;
/** Rows answered per transaction; the uploaded file is kept in pieces of about this many bytes. */
const CHUNK_ROWS = 5_000;
const PIECE_BYTES = 1 << 20;
/** The longest line a batch may have (a row is ~150 bytes): a file without line ends is refused before it is held. */
export const BATCH_MAX_LINE_BYTES = 8 * 1024;
/** How long a node holds a batch without answering a chunk before another node may take it over. */
const LEASE_SECONDS = 120;

/** Columns of a CSV batch (snake_case, as sector files have them) and keys of an NDJSON one (as the JSON API has them). */
const PARAMS: Record<string, { csv: string; json: keyof CheckParams }> = {
  communeCode: { csv: 'commune_code', json: 'communeCode' },
  fullName: { csv: 'full_name', json: 'fullName' },
  dateOfBirth: { csv: 'date_of_birth', json: 'dateOfBirth' },
};

/** Why a row got no answer: a code the agency's system can act on, with its Vietnamese text in the result file. */
export const ROW_ERRORS = {
  MALFORMED: message('EXCHANGE_ROW_MALFORMED'),
  FIELD_COUNT: message('EXCHANGE_ROW_FIELD_COUNT'),
  UNKNOWN_KEY: message('EXCHANGE_ROW_UNKNOWN_KEY'),
  PERSONAL_ID_INVALID: message('EXCHANGE_ROW_PERSONAL_ID_INVALID'),
  PARAM_MISSING: message('EXCHANGE_ROW_PARAM_MISSING'),
  PARAM_INVALID: message('EXCHANGE_ROW_PARAM_INVALID'),
  QUOTA_EXCEEDED: message('EXCHANGE_ROW_QUOTA_EXCEEDED'),
} as const;
export type RowError = keyof typeof ROW_ERRORS;

export interface BatchDeps {
  db: Db;
  /** The registry's facts for many personal IDs at once (the batch audits each read itself). */
  unsafeFactsForChecks: (personalIds: string[]) => Promise<(CheckFacts & { personId: number; personalId: string })[]>;
  normalizeName: (name: string) => string;
  today: () => string;
  /** The approved grant in force for the purpose (refusals are the single check's), and the service, by code. */
  grantFor: (agency: Agency, service: string, purpose: string) => Promise<GrantRow>;
  checkService: (code: string) => Promise<ServiceRow>;
  onError: (err: unknown) => void;
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** What an agency sees of its batch. */
export function batchView(b: BatchRow) {
  const total = b.rows_total ?? 0;
  return {
    id: Number(b.id), service: b.service_code, purpose: b.purpose, format: b.format, status: b.status as 'queued' | 'running' | 'done' | 'failed',
    rowsTotal: total, rowsDone: b.rows_done, progress: total ? Math.floor((b.rows_done * 1000) / total) / 10 : 100,
    yes: b.rows_yes, no: b.rows_no, errors: b.rows_error, inputSha256: b.input_sha256 ?? '', failure: b.failure,
    createdAt: iso(b.created_at)!, startedAt: iso(b.started_at), finishedAt: iso(b.finished_at),
  };
}

const refused = (reason: string, line?: number) =>
  new DomainError('EXCHANGE_BATCH_REFUSED', { reason: line === undefined ? reason : message('EXCHANGE_BATCH_AT_LINE', { line, reason }) });

const tooLarge = () => new DomainError('EXCHANGE_BATCH_TOO_LARGE', { limit: `${BATCH_MAX_BYTES / 1024 / 1024} MiB`, rows: formatNumber(BATCH_MAX_ROWS) });
const lineTooLong = (line: number) => refused(message('EXCHANGE_BATCH_LINE_TOO_LONG', { max: formatNumber(BATCH_MAX_LINE_BYTES) }), line);

/**
 * Reads an upload as it arrives: counts its bytes, lines and data rows, hashes it, refuses it at the first line
 * that is not UTF-8, and checks a CSV header against the service. Lines are split at LF (a CR before it is
 * dropped); a multi-byte character never holds the byte 0x0A, so a piece cut at a line end cuts no character.
 */
class UploadReader {
  bytes = 0;
  rows = 0;
  private lines = 0;
  private carry: Buffer | undefined;
  private headerSeen: boolean;
  private readonly hash = createHash('sha256');

  constructor(private readonly format: 'csv' | 'ndjson', private readonly columns: readonly string[]) {
    this.headerSeen = format === 'ndjson';
  }

  push(chunk: Uint8Array) {
    this.bytes += chunk.length;
    if (this.bytes > BATCH_MAX_BYTES) throw tooLarge();
    this.hash.update(chunk);
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length);
    const end = buf.lastIndexOf(0x0a);
    this.carry = end + 1 < buf.length ? Buffer.from(buf.subarray(end + 1)) : undefined;
    if (end >= 0) this.lines_(buf.subarray(0, end + 1));
    if (this.carry && this.carry.length > BATCH_MAX_LINE_BYTES) throw lineTooLong(this.lines + 1);
  }

  end() {
    if (this.carry?.length) this.lines_(this.carry);
    this.carry = undefined;
    if (!this.headerSeen) throw refused(message('EXCHANGE_BATCH_EMPTY'));
    if (!this.rows) throw refused(message('EXCHANGE_BATCH_EMPTY'));
    return this.hash.digest('hex');
  }

  /** Whole lines (the last may lack its LF at the end of the file). */
  private lines_(buf: Buffer) {
    let start = 0;
    while (start < buf.length) {
      let nl = buf.indexOf(0x0a, start);
      if (nl < 0) nl = buf.length;
      this.lines += 1;
      const line = buf.subarray(start, nl);
      start = nl + 1;
      if (line.length > BATCH_MAX_LINE_BYTES) throw lineTooLong(this.lines);
      if (!isUtf8(line) || (this.lines === 1 && line.includes(0))) throw refused(message('EXCHANGE_BATCH_NOT_UTF8'), this.lines);
      const blank = line.length === 0 || (line.length === 1 && line[0] === 0x0d);
      if (blank) continue;
      if (!this.headerSeen) {
        this.header(line.toString('utf8'));
        continue;
      }
      this.rows += 1;
      if (this.rows > BATCH_MAX_ROWS) throw tooLarge();
    }
  }

  private header(raw: string) {
    this.headerSeen = true;
    const names = csvHeader(raw);
    if (!names) throw refused(message('EXCHANGE_BATCH_HEADER_MALFORMED'), this.lines);
    const wanted = ['personal_id', ...this.columns];
    const unknown = names.find((n) => !wanted.includes(n));
    if (unknown !== undefined) throw refused(message('EXCHANGE_BATCH_COLUMN_UNKNOWN', { column: unknown, columns: wanted.join(', ') }), this.lines);
    const missing = wanted.find((w) => !names.includes(w));
    if (missing) throw refused(message('EXCHANGE_BATCH_COLUMN_MISSING', { column: missing }), this.lines);
    if (new Set(names).size !== names.length) throw refused(message('EXCHANGE_BATCH_HEADER_MALFORMED'), this.lines);
  }
}

/** The column names of a CSV header line (a UTF-8 byte-order mark and a CR at the end are dropped). */
function csvHeader(raw: string): string[] | null {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r$/, '');
  return parseCsvRecord(text)?.map((n) => n.trim()) ?? null;
}

/** A row of the file, parsed: what to check, or why it cannot be. */
type Parsed = { line: number; personalId: string; params: CheckParams; error?: undefined } | { line: number; personalId: string; error: RowError };

const PERSONAL_ID = /^\d{12}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const COMMUNE = /^\d{2,5}$/;
/** What the result file repeats of a personal ID the agency sent that is not one (never more than this many characters). */
const shownId = (s: unknown) => (typeof s === 'string' && !hasUnstorableText(s) ? s.slice(0, 20) : '');

function validDay(s: string): boolean {
  if (!DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** Checks one row's values against what the service needs. */
function checkRow(line: number, personalId: unknown, values: Partial<Record<keyof CheckParams, unknown>>, params: readonly string[]): Parsed {
  if (typeof personalId !== 'string' || !PERSONAL_ID.test(personalId)) return { line, personalId: shownId(personalId), error: 'PERSONAL_ID_INVALID' };
  const out: CheckParams = {};
  for (const p of params) {
    const key = PARAMS[p]!.json;
    const v = values[key];
    if (v === undefined || v === null || v === '') return { line, personalId, error: 'PARAM_MISSING' };
    if (typeof v !== 'string') return { line, personalId, error: 'PARAM_INVALID' };
    const ok = key === 'dateOfBirth' ? validDay(v) : key === 'communeCode' ? COMMUNE.test(v) : v.length <= 200 && v.trim() !== '' && !hasUnstorableText(v);
    if (!ok) return { line, personalId, error: 'PARAM_INVALID' };
    out[key] = v;
  }
  return { line, personalId, params: out };
}

/** Parses the data lines of a batch, given its header (CSV) and the service's parameters. */
function rowParser(format: 'csv' | 'ndjson', header: string[] | null, params: readonly string[]) {
  const allowedJson = new Set(['personalId', ...params.map((p) => PARAMS[p]!.json)]);
  return (line: number, text: string): Parsed => {
    if (format === 'csv') {
      const fields = parseCsvRecord(text);
      if (!fields) return { line, personalId: '', error: 'MALFORMED' };
      if (fields.length !== header!.length) return { line, personalId: '', error: 'FIELD_COUNT' };
      const get = (name: string) => fields[header!.indexOf(name)];
      const values: Partial<Record<keyof CheckParams, unknown>> = {};
      for (const p of params) values[PARAMS[p]!.json] = get(PARAMS[p]!.csv);
      return checkRow(line, get('personal_id'), values, params);
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { line, personalId: '', error: 'MALFORMED' };
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return { line, personalId: '', error: 'MALFORMED' };
    const obj = value as Record<string, unknown>;
    if (Object.keys(obj).some((k) => !allowedJson.has(k))) return { line, personalId: shownId(obj.personalId), error: 'UNKNOWN_KEY' };
    return checkRow(line, obj.personalId, obj, params);
  };
}

/** The lines of a stored upload, piece by piece, numbered as in the file (blank lines skipped). */
export async function* storedLines(read: (n: number) => Promise<Uint8Array | undefined>, pieces: number): AsyncGenerator<{ line: number; text: string }> {
  let lineNo = 0;
  let carry = '';
  // Pieces are cut where the upload's chunks ended, possibly inside a character: one decoder across them.
  const decoder = new StringDecoder('utf8');
  for (let n = 0; n < pieces; n++) {
    const data = await read(n);
    if (!data) throw new Error(`exchange batch: piece ${n} missing`);
    const text = carry + decoder.write(Buffer.from(data.buffer, data.byteOffset, data.length));
    const lines = text.split('\n');
    carry = lines.pop()!;
    for (const raw of lines) {
      lineNo += 1;
      const t = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (t !== '') yield { line: lineNo, text: t };
    }
  }
  carry += decoder.end();
  if (carry !== '') {
    lineNo += 1;
    const t = carry.endsWith('\r') ? carry.slice(0, -1) : carry;
    if (t !== '') yield { line: lineNo, text: t };
  }
}

/** The batch was claimed by another node meanwhile (this node's lease ran out). */
class LeaseLost extends Error {}

/** Batch verification: uploads, progress, answers. */
export function createBatchService(deps: BatchDeps) {
  const { db } = deps;
  const store = createBatchStore(db);
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let again = false;
  let stopped = false;

  /** A chunk read and checked, before its transaction: its rows' answers do not depend on the quota left. */
  interface Prepared { rows: Parsed[]; day: string; answers: (boolean | undefined)[]; facts: ((CheckFacts & { personId: number; personalId: string }) | undefined)[] }

  /** Reads the registry for a chunk's personal IDs and computes each valid row's answer (outside any transaction). */
  async function prepareChunk(b: BatchRow, rows: Parsed[]): Promise<Prepared> {
    const day = deps.today();
    const ids = new Set<string>();
    for (const r of rows) if (r.error === undefined) ids.add(r.personalId);
    const found = new Map((await deps.unsafeFactsForChecks([...ids])).map((f) => [f.personalId, f]));
    const answers = new Array<boolean | undefined>(rows.length);
    const facts = new Array<(CheckFacts & { personId: number; personalId: string }) | undefined>(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      if (r.error !== undefined) continue;
      const f = found.get(r.personalId);
      facts[i] = f;
      answers[i] = checkAnswer(b.service_code, f, r.params, day, deps.normalizeName);
    }
    return { rows, day, answers, facts };
  }

  /**
   * Writes a prepared chunk in one transaction: the day's quota (rows past it answer QUOTA_EXCEEDED and read
   * nobody), the answer rows, the people read in their access history, one audit entry per person read, and the
   * batch's progress with its lease renewed.
   */
  async function writeChunk(b: BatchRow, agencyName: string, p: Prepared) {
    const agencyId = Number(b.agency_id);
    const grantId = Number(b.grant_id);
    const fields = [b.service_code];
    const requestId = b.request_id ?? undefined;
    await db.transaction(async (tx) => {
      const used = await callsStore.lockUsage(tx, grantId, p.day);
      // A grant withdrawn or expired since the upload answers nothing more: its rows count as over the quota.
      const quota = await store.quotaInForce(tx, grantId, p.day);
      let room = quota === undefined ? 0 : Math.max(0, quota - used);
      const answered: AnsweredRow[] = new Array(p.rows.length);
      const personIds: number[] = [];
      const entries: AuditEntry[] = [];
      let yes = 0, no = 0, errors = 0, counted = 0;
      for (let i = 0; i < p.rows.length; i++) {
        const r = p.rows[i]!;
        if (r.error !== undefined) {
          answered[i] = { line: r.line, personalId: r.personalId, answer: null, error: r.error };
          errors++;
          continue;
        }
        if (room <= 0) {
          answered[i] = { line: r.line, personalId: r.personalId, answer: null, error: 'QUOTA_EXCEEDED' };
          errors++;
          continue;
        }
        room--;
        counted++;
        const answer = p.answers[i]!;
        answered[i] = { line: r.line, personalId: r.personalId, answer, error: null };
        if (answer) yes++;
        else no++;
        const facts = p.facts[i];
        if (facts) {
          personIds.push(facts.personId);
          entries.push({
            actorKind: 'system', actorId: `exchange:${agencyId}`, actorName: agencyName, action: 'exchange.person.check',
            subjectKind: 'person', subjectId: facts.personalId, fields, purpose: b.purpose, requestId,
          });
        }
      }
      if (counted) await callsStore.addUsage(tx, grantId, p.day, counted);
      await store.copyRows(tx, Number(b.id), answered);
      await store.copyQueries(tx, { agencyId, grantId, serviceCode: b.service_code, purpose: b.purpose, personIds });
      // Last but the progress: the audit chain's lock is held from here to the commit.
      if (entries.length) await appendAudit(tx, entries);
      if (!(await store.advance(tx, Number(b.id), b.lease_token!, { rows: p.rows.length, yes, no, errors, leaseSeconds: LEASE_SECONDS }))) throw new LeaseLost();
    });
  }

  /**
   * Answers one claimed batch from where it stands (rows_done rows already answered). Two chunks are in hand at
   * once: while one is written (its transaction), the next is parsed and its people read.
   */
  async function answer(b: BatchRow) {
    const service = await deps.checkService(b.service_code);
    const agencyName = await store.agencyName(Number(b.agency_id));
    const pieces = await store.pieceCount(Number(b.id));
    let header: string[] | null = null;
    let parse: ((line: number, text: string) => Parsed) | undefined = b.format === 'ndjson' ? rowParser('ndjson', null, service.params) : undefined;
    let skip = b.rows_done;
    let chunk: Parsed[] = [];
    let writing: Promise<void> | undefined;
    const hand = async (rows: Parsed[]) => {
      const prepared = await prepareChunk(b, rows);
      if (writing) await writing;
      writing = undefined;
      if (stopped) return false;
      writing = writeChunk(b, agencyName, prepared);
      // Awaited at the next chunk or at the end; a failure meanwhile is not an unhandled rejection.
      writing.catch(() => undefined);
      return true;
    };
    try {
      for await (const { line, text } of storedLines((n) => store.piece(Number(b.id), n), pieces)) {
        if (stopped) return;
        if (!parse) {
          header = csvHeader(text);
          parse = rowParser('csv', header, service.params);
          continue;
        }
        if (skip > 0) {
          skip--;
          continue;
        }
        chunk.push(parse(line, text));
        // The lines come through promise jobs only: let the chunk being written see its answers from the database.
        if (chunk.length % 500 === 0) await new Promise(setImmediate);
        if (chunk.length >= CHUNK_ROWS) {
          if (!(await hand(chunk))) return;
          chunk = [];
        }
      }
      if (chunk.length && !(await hand(chunk))) return;
      if (writing) await writing;
      writing = undefined;
    } finally {
      // A chunk still being written when this returns or throws (stopped, a piece missing) ends first.
      if (writing) await (writing as Promise<void>).catch(() => undefined);
    }
    await store.finish(Number(b.id), b.lease_token!, null);
  }

  async function loop() {
    do {
      again = false;
      for (;;) {
        if (stopped) return;
        const b = await store.claim(LEASE_SECONDS);
        if (!b) break;
        try {
          await answer(b);
        } catch (err) {
          // Taken over by another node after this one's lease ran out: that node answers it; nothing more is written here.
          if (err instanceof LeaseLost) continue;
          deps.onError(err);
          if (!stopped) await store.finish(Number(b.id), b.lease_token!, message('EXCHANGE_BATCH_FAILED')).catch(deps.onError);
        }
      }
    } while (again && !stopped);
  }

  /** Answers every waiting batch in the background; a call while it runs makes it look again when done. */
  function kick(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = loop().catch(deps.onError).finally(() => { running = undefined; });
    return running;
  }

  return {
    kick,
    /** Stops after the chunk in hand (its transaction commits or rolls back whole); another node or a restart resumes. */
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
    /** Looks for waiting batches every `ms` (a node that stopped mid-batch is taken over after its lease); removes stale half-uploads. */
    keepAnswering(ms: number) {
      clearInterval(timer);
      timer = setInterval(() => {
        void store.deleteStaleReceiving(60).catch(deps.onError);
        void kick();
      }, ms);
      timer.unref();
    },

    /**
     * Receives an upload under the agency's grant for the check service and purpose; answers the batch's number at
     * once (the rows are answered in the background). A file refused whole (not UTF-8, header not the service's,
     * too large, no rows, more rows than the grant's daily quota) leaves nothing stored.
     */
    async receive(agency: Agency, input: { service: string; purpose: string; format: 'csv' | 'ndjson' }, body: AsyncIterable<Uint8Array>) {
      const service = await deps.checkService(input.service);
      const grant = await deps.grantFor(agency, service.code, input.purpose);
      const ctx = currentContext();
      const id = await store.insertBatch({ agencyId: agency.id, grantId: Number(grant.id), serviceCode: service.code, purpose: input.purpose, format: input.format, requestId: ctx?.requestId });
      try {
        const reader = new UploadReader(input.format, service.params.map((p) => PARAMS[p]!.csv));
        let pending: Uint8Array[] = [];
        let pendingBytes = 0;
        let n = 0;
        for await (const chunk of body) {
          reader.push(chunk);
          pending.push(chunk);
          pendingBytes += chunk.length;
          if (pendingBytes >= PIECE_BYTES) {
            await store.insertPiece(id, n++, Buffer.concat(pending));
            pending = [];
            pendingBytes = 0;
          }
        }
        const sha256 = reader.end();
        if (pendingBytes) await store.insertPiece(id, n++, Buffer.concat(pending));
        if (reader.rows > Number(grant.daily_quota)) {
          throw new DomainError('EXCHANGE_BATCH_OVER_QUOTA', { rows: formatNumber(reader.rows), quota: formatNumber(Number(grant.daily_quota)) });
        }
        const row = await db.transaction(async (tx) => {
          const queued = await store.markQueued(tx, id, { bytes: reader.bytes, sha256, rowsTotal: reader.rows });
          await audited(tx, { subjectKind: 'exchange_batch', subjectId: String(id), data: { rows: reader.rows, bytes: reader.bytes, sha256 } });
          return queued;
        });
        void kick();
        return { view: batchView(row), sha256 };
      } catch (err) {
        await store.deleteReceiving(id).catch(deps.onError);
        throw err;
      }
    },

    async get(agency: { id: number }, id: number) {
      const b = await store.batchOfAgency(id, agency.id);
      if (!b || b.status === 'receiving') throw new DomainError('EXCHANGE_BATCH_NOT_FOUND');
      return batchView(b);
    },

    async list(agency: { id: number }) {
      return (await store.batchesOfAgency(agency.id, 50)).map(batchView);
    },

    /**
     * The answers of a finished batch as lines of a file (CSV with a header, or NDJSON), in file order, read from
     * the database page by page so that a million rows never sit in memory at once.
     */
    async results(agency: { id: number }, id: number, format: 'csv' | 'ndjson') {
      const b = await store.batchOfAgency(id, agency.id);
      if (!b || b.status === 'receiving') throw new DomainError('EXCHANGE_BATCH_NOT_FOUND');
      // A failed batch hands over the rows it answered before it failed.
      if (b.status !== 'done' && b.status !== 'failed') throw new DomainError('EXCHANGE_BATCH_NOT_READY', { progress: formatNumber(batchView(b).progress, 1) });
      async function* lines(): AsyncGenerator<string> {
        if (format === 'csv') yield `${csvLine(['line', 'personal_id', 'answer', 'error', 'error_message'])}\n`;
        let after = 0;
        for (;;) {
          const page = await store.rowsAfter(id, after, 10_000);
          if (!page.length) return;
          let out = '';
          for (const r of page) {
            const err = r.error as RowError | null;
            out += format === 'csv'
              ? `${csvLine([r.line, r.personal_id, r.answer === null ? '' : String(r.answer), err ?? '', err ? ROW_ERRORS[err] : ''])}\n`
              : `${JSON.stringify({ line: r.line, personalId: r.personal_id, answer: r.answer, error: err, errorMessage: err ? ROW_ERRORS[err] : null })}\n`;
          }
          after = page[page.length - 1]!.line;
          yield out;
        }
      }
      return lines();
    },
  };
}

export type BatchService = ReturnType<typeof createBatchService>;
