import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { csvLine, firstNonUtf8Line, readCsv } from '../../platform/csv.js';
import { message } from './messages.js';
import type { Db, Transaction } from '../../platform/db.js';
import { DomainError } from './errors.js';
import { withSecondaryIndexesDeferred } from './bulk-load.js';
import { appendAudit, type AuditEntry } from '../../platform/audit.js';
import { fieldError, type FieldError } from './errors.js';
import type { RegistryStore, PersonInsert } from './store.js';
import { FILE_FIELD_NAMES, todayInVietnam, validatePerson, type ValidPerson } from './validate.js';

/** Columns of an import file (snake_case); the first five are required. Documented in README. */
export const IMPORT_COLUMNS = [
  'personal_id', 'full_name', 'date_of_birth', 'sex', 'commune_code',
  'legacy_id', 'ethnicity', 'religion', 'household_id', 'relation_to_head', 'address', 'phone',
] as const;
const REQUIRED_COLUMNS = IMPORT_COLUMNS.slice(0, 5);

export interface ImportRow {
  row: number;
  record?: Record<string, unknown>;
  /** Set when the row itself could not be read (bad quoting, wrong column count, not JSON). */
  error?: FieldError;
  /** A line that is no record: the CSV header, or a blank line. Counted, never imported nor refused. */
  skip?: 'header' | 'blank';
}

export interface Rejection {
  row: number;
  field: string;
  code: string;
  message: string;
}

/**
 * Every physical line of the file is accounted for:
 * `lines = header + blank + read` and `read = imported + rejected` (import.test.ts "a stray quote …").
 */
export interface ImportResult {
  /** Physical lines in the file. */
  lines: number;
  /** 1 for CSV (its header line), 0 for NDJSON. */
  header: number;
  /** Empty (CSV) or whitespace-only (NDJSON) lines, skipped. */
  blank: number;
  /** Records: every line that is neither header nor blank, readable or not. */
  read: number;
  imported: number;
  /** Records refused, each with one or more lines in `rejections`. */
  rejected: number;
  rejections: Rejection[];
}

/** At most this many unknown keys of one NDJSON record are named in its rejection. */
const MAX_NAMED_KEYS = 100;

/**
 * Reads CSV (with a header row) or NDJSON in batches of records, numbering rows by their line in
 * the file (the CSV header is line 1). Before anything is read, a file that is not UTF-8 is refused
 * (IMPORT_ENCODING) and a CSV header with missing, unknown or repeated columns too (IMPORT_HEADER):
 * both throw before the first row, so nothing is imported. After that, an unreadable line is a
 * refused record, never fatal.
 */
export async function* readImportFile(path: string): AsyncGenerator<ImportRow[]> {
  const badLine = await firstNonUtf8Line(path);
  if (badLine) throw new DomainError('IMPORT_ENCODING', { line: badLine });
  if (/\.(nd)?jsonl?$/i.test(path)) {
    yield* readNdjson(path);
    return;
  }
  let header: string[] | undefined;
  for await (const records of readCsv(path)) {
    const batch: ImportRow[] = [];
    for (const rec of records) {
      if ('blank' in rec) {
        batch.push({ row: rec.line, skip: 'blank' });
      } else if (!header) {
        // The header must be readable: without it no row can be.
        header = 'error' in rec ? [] : rec.fields.map((f, i) => (i === 0 ? f.replace(/^\uFEFF/, '') : f).trim());
        checkHeader(header);
        batch.push({ row: rec.line, skip: 'header' });
      } else if ('error' in rec) {
        batch.push({ row: rec.line, error: fieldError('row', 'FILE_QUOTES') });
      } else if (rec.fields.length !== header.length) {
        batch.push({ row: rec.line, error: fieldError('row', 'FILE_COLUMN_COUNT', { count: rec.fields.length, expected: header.length }) });
      } else {
        const record: Record<string, string> = {};
        for (let i = 0; i < header.length; i++) record[header[i]] = rec.fields[i];
        batch.push({ row: rec.line, record });
      }
    }
    if (batch.length) yield batch;
  }
  if (!header) checkHeader([]);
}

async function* readNdjson(path: string): AsyncGenerator<ImportRow[]> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let row = 0;
  let batch: ImportRow[] = [];
  for await (const raw of lines) {
    row += 1;
    const line = row === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (!line.trim()) batch.push({ row, skip: 'blank' });
    else batch.push(parseNdjsonLine(row, line));
    if (batch.length >= 2000) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

function parseNdjsonLine(row: number, line: string): ImportRow {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return { row, error: fieldError('row', 'FILE_ROW') };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { row, error: fieldError('row', 'FILE_ROW') };
  // Unknown keys are one rejection naming them, not one per key (a wide record made 300,000 lines).
  const unknown = Object.keys(value).filter((k) => !(IMPORT_COLUMNS as readonly string[]).includes(k));
  if (unknown.length) {
    const e = fieldError(unknown[0], 'UNKNOWN_FIELD');
    return { row, error: { ...e, message: `${e.message}: ${listed(unknown)}` } };
  }
  return { row, record: value as Record<string, unknown> };
}

/** Names for a message: at most MAX_NAMED_KEYS of them, an empty one (a header's trailing comma) shown as "". */
function listed(names: string[]): string {
  const shown = names.slice(0, MAX_NAMED_KEYS).map((n) => (n === '' ? '""' : n));
  return shown.join(', ') + (names.length > MAX_NAMED_KEYS ? ', …' : '');
}

/**
 * Refuses, before any row, a header that lacks a required column, names an unknown one or repeats
 * one, with one message listing them all.
 */
export function checkHeader(columns: string[]): void {
  const known = IMPORT_COLUMNS as readonly string[];
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  const unknown = [...new Set(columns.filter((c) => !known.includes(c)))];
  const repeated = [...new Set(columns.filter((c, i) => known.includes(c) && columns.indexOf(c) !== i))];
  const problems = [
    missing.length ? message('IMPORT_HEADER_MISSING', { columns: missing.join(', ') }) : '',
    unknown.length ? message('IMPORT_HEADER_UNKNOWN', { columns: listed(unknown) }) : '',
    repeated.length ? message('IMPORT_HEADER_DUPLICATED', { columns: repeated.join(', ') }) : '',
  ].filter(Boolean);
  if (problems.length) throw new DomainError('IMPORT_HEADER', { problems: problems.join('; ') });
}

export interface ImportOptions {
  scheme: 'pre2025' | '2025';
  actor: Pick<AuditEntry, 'actorKind' | 'actorId' | 'actorName'>;
  batchSize?: number;
  onProgress?: (read: number) => void;
  /**
   * Initial load of an empty registry: the whole file is one transaction that holds the registry
   * tables exclusively, with secondary indexes and foreign keys built once at the end
   * (withSecondaryIndexesDeferred). All or nothing; the registry is unavailable meanwhile.
   */
  bulk?: boolean;
}

/**
 * Validates every row and imports the valid ones in batches, each batch one transaction with its
 * audit entry (or, with `bulk`, all batches in one transaction). A row is rejected for bad fields,
 * an unknown or ambiguous commune, or a personal ID or CMND already seen in the file or present in
 * the registry.
 */
export async function importPeople(db: Db, store: RegistryStore, batches: AsyncIterable<ImportRow[]>, opts: ImportOptions): Promise<ImportResult> {
  if (opts.bulk) {
    if (await store.countPeople()) throw new DomainError('IMPORT_BULK_NOT_EMPTY');
    const known = await store.communeCodes('2025');
    const successors = opts.scheme === 'pre2025' ? await store.allCommuneSuccessors() : new Map<string, string[]>();
    let result: ImportResult | undefined;
    await db.transaction((tx) => withSecondaryIndexesDeferred(tx, async () => {
      result = await importRows(db, store, batches, opts, { known, successors, bulkTx: tx });
    }));
    await store.analyze();
    return result!;
  }
  const known = await store.communeCodes('2025');
  const successors = opts.scheme === 'pre2025' ? await store.allCommuneSuccessors() : new Map<string, string[]>();
  const result = await importRows(db, store, batches, opts, { known, successors });
  if (result.imported) await store.analyze();
  return result;
}

async function importRows(
  db: Db,
  store: RegistryStore,
  batches: AsyncIterable<ImportRow[]>,
  opts: ImportOptions,
  ref: { known: Set<string>; successors: Map<string, string[]>; bulkTx?: Transaction },
): Promise<ImportResult> {
  const batchSize = opts.batchSize ?? 5_000;
  const today = todayInVietnam();
  const result: ImportResult = { lines: 0, header: 0, blank: 0, read: 0, imported: 0, rejected: 0, rejections: [] };
  const seenIds = new Map<string, number>();
  const seenLegacy = new Map<string, number>();
  let pending: { row: number; person: ValidPerson }[] = [];

  const reject = (row: number, errors: FieldError[]) => {
    result.rejected += 1;
    for (const e of errors) result.rejections.push({ row, field: e.field, code: e.code, message: e.message });
  };

  // Batches are written while the next ones are read and checked. On PostgreSQL two batches are in
  // flight on two connections (each its own transaction with its audit entry), so the server works on
  // one while the other is sent; PGlite is one connection and writes one batch at a time. Batches are
  // cut between households, and a batch that names a household also named by a batch still in flight
  // waits for that one to commit first, so a household is always created once and then referenced.
  // In bulk mode everything is one transaction on one connection: one batch at a time.
  const maxInFlight = db.kind === 'postgres' && !ref.bulkTx ? 2 : 1;
  const inFlight = new Set<Promise<void>>();
  const householdWriter = new Map<string, Promise<void>>();
  let failure: { error: unknown } | undefined;
  const flush = async () => {
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    if (failure) throw failure.error;
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    const deps = new Set<Promise<void>>();
    for (const { person } of batch) {
      const no = person.householdNo;
      if (no) {
        const before = householdWriter.get(no);
        if (before) deps.add(before);
      }
    }
    const done: Promise<void> = (deps.size ? Promise.all(deps).then(() => write(batch)) : write(batch)).then(
      () => { inFlight.delete(done); },
      (error: unknown) => {
        inFlight.delete(done);
        failure ??= { error };
      },
    );
    inFlight.add(done);
    for (const { person } of batch) if (person.householdNo) householdWriter.set(person.householdNo, done);
  };
  const drain = async () => {
    while (inFlight.size) await Promise.race(inFlight);
  };

  const write = async (batch: { row: number; person: ValidPerson }[]) => {
    if (failure) return; // an earlier batch failed: start nothing new
    const survivors = await checkAgainstRegistry(batch);
    if (survivors.length) {
      const insert = async (tx: Transaction) => {
        await store.insertPeopleBatch(tx, survivors.map(({ person }) => toInsert(person, today)));
        await appendAudit(tx, [{ ...opts.actor, action: 'person.import', subjectKind: 'batch', subjectId: `${survivors[0].row}-${survivors[survivors.length - 1].row}`, fields: Object.keys(FILE_FIELD_NAMES), purpose: 'Nhập dữ liệu dân cư từ tệp' }]);
      };
      await (ref.bulkTx ? insert(ref.bulkTx) : db.transaction(insert));
      result.imported += survivors.length;
    }
  };

  async function checkAgainstRegistry(batch: { row: number; person: ValidPerson }[]) {
    // In bulk mode the registry was empty and is held exclusively: only the file itself can clash.
    const noClash = new Set<string>();
    const dupIds = ref.bulkTx ? noClash : await store.existingPersonalIds(batch.map((b) => b.person.personalId));
    const dupLegacy = ref.bulkTx ? noClash : await store.existingLegacyIds(batch.flatMap((b) => (b.person.legacyId ? [b.person.legacyId] : [])));
    return batch.filter(({ row, person }) => {
      const errors: FieldError[] = [];
      if (!ref.known.has(person.communeCode)) errors.push(fieldError('commune_code', 'UNIT_UNKNOWN', { code: person.communeCode, scheme: '2025' }));
      if (dupIds.has(person.personalId)) errors.push(fieldError('personal_id', 'DUPLICATE_IN_REGISTRY'));
      if (person.legacyId && dupLegacy.has(person.legacyId)) errors.push(fieldError('legacy_id', 'DUPLICATE_IN_REGISTRY'));
      if (errors.length) reject(row, errors);
      return errors.length === 0;
    });
  }

  function toNewCommune(code: string): { code?: string; error?: FieldError } {
    if (opts.scheme === '2025') return { code };
    const next = ref.successors.get(code) ?? [];
    if (next.length === 1) return { code: next[0] };
    if (!next.length) return { error: fieldError('commune_code', 'UNIT_UNKNOWN', { code, scheme: 'pre2025' }) };
    return { error: fieldError('commune_code', 'UNIT_AMBIGUOUS', { code, successors: next.join(', ') }) };
  }

  /** Checks one row; a valid person joins the pending batch and is returned. */
  async function take(item: ImportRow): Promise<ValidPerson | undefined> {
    if (item.error || !item.record) {
      reject(item.row, [item.error ?? fieldError('row', 'FILE_ROW')]);
      return undefined;
    }
    const rec = item.record;
    const { value, errors } = validatePerson(
      {
        personalId: rec.personal_id, fullName: rec.full_name, dateOfBirth: rec.date_of_birth, sex: rec.sex,
        communeCode: rec.commune_code, legacyId: rec.legacy_id, ethnicity: rec.ethnicity, religion: rec.religion,
        householdNo: rec.household_id, relationToHead: rec.relation_to_head, address: rec.address, phone: rec.phone,
      },
      today,
      FILE_FIELD_NAMES,
    );
    if (value) {
      const firstId = seenIds.get(value.personalId);
      if (firstId) errors.push(fieldError('personal_id', 'DUPLICATE_IN_FILE', { row: firstId }));
      const firstLegacy = value.legacyId ? seenLegacy.get(value.legacyId) : undefined;
      if (firstLegacy) errors.push(fieldError('legacy_id', 'DUPLICATE_IN_FILE', { row: firstLegacy }));
      const commune = toNewCommune(value.communeCode);
      if (commune.error) errors.push(commune.error);
      else value.communeCode = commune.code!;
    }
    if (!value || errors.length) {
      reject(item.row, errors);
      return undefined;
    }
    seenIds.set(value.personalId, item.row);
    if (value.legacyId) seenLegacy.set(value.legacyId, item.row);
    pending.push({ row: item.row, person: value });
    return value;
  }

  try {
    for await (const rows of batches) {
      for (const item of rows) {
        result.lines += 1;
        if (item.skip) {
          result[item.skip] += 1;
          continue;
        }
        result.read += 1;
        const person = await take(item);
        // A full batch is cut before the next household starts (members of one household stay together).
        if (person && pending.length > batchSize && (!person.householdNo || person.householdNo !== pending[pending.length - 2].person.householdNo)) {
          const last = pending.pop()!;
          await flush();
          pending.push(last);
          opts.onProgress?.(result.read);
        }
      }
    }
    await flush();
  } finally {
    // Whatever happens to the reader, the batches being written finish (or fail) as a whole first.
    await drain();
  }
  if (failure) throw failure.error;
  opts.onProgress?.(result.read);
  return result;
}

function toInsert(p: ValidPerson, today: string): PersonInsert {
  return {
    personalId: p.personalId, fullName: p.fullName, dateOfBirth: p.dateOfBirth, sex: p.sex, ethnicity: p.ethnicity,
    religion: p.religion, occupation: null, communeCode: p.communeCode, householdNo: p.householdNo,
    relationToHead: p.relationToHead, legacyId: p.legacyId, dateOfDeath: null, address: p.address ?? 'Chưa rõ địa chỉ',
    residenceFrom: today,
  };
}

/** CSV of rejections: row, field, code, Vietnamese message (formula prefixes neutralised: csvLine). */
export function rejectionsCsv(rejections: Rejection[]): string {
  return ['row,field,code,message', ...rejections.map((r) => csvLine([r.row, r.field, r.code, r.message]))].join('\n') + '\n';
}

/** The one-line summary the CLI prints; its figures add up to the file's lines. */
export function importSummary(r: ImportResult): string {
  return message('IMPORT_SUMMARY', { ...r });
}
