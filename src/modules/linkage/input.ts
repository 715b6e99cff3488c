import { createReadStream } from 'node:fs';
import { firstNonUtf8Line, readCsv } from '../../platform/csv.js';
import { foldName } from '../../platform/name-match.js';
import { isStorableText } from '../../platform/text.js';

/** The columns linkage reads; every other column of the sector's list is kept and returned as it came. */
export const KNOWN_COLUMNS = ['personal_id', 'legacy_id', 'full_name', 'date_of_birth', 'sex', 'address', 'commune_code', 'phone'] as const;
export type KnownColumn = (typeof KNOWN_COLUMNS)[number];

/** One row of a sector's list: its number (1 = the first row after the header) and its fields by column, all kept. */
export interface ListRow {
  row: number;
  fields: Record<string, string>;
}

export interface ListFile {
  columns: string[];
  rows: ListRow[];
}

/** Why a file is refused as a whole: the first bad line and what is wrong with it. */
export class ListFileError extends Error {
  constructor(readonly line: number, readonly problem: 'encoding' | 'quoting' | 'columns' | 'json' | 'header' | 'empty' | 'too_many_rows' | 'characters') {
    super(`line ${line}: ${problem}`);
  }
}

/** A date of birth as sector lists give it: the full date, the month and year, or the year only. */
export interface DateParts {
  year: number;
  month?: number;
  day?: number;
}

const FULL_ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const FULL_VN = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const MONTH_YEAR = /^(\d{1,2})[/.-](\d{4})$/;
const YEAR = /^(\d{4})$/;

function realDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Reads YYYY-MM-DD, dd/MM/yyyy, MM/yyyy or yyyy; undefined for anything else or an impossible date. */
export function parseDateOfBirth(text: string | undefined): DateParts | undefined {
  const s = (text ?? '').trim();
  if (!s) return undefined;
  let m = FULL_ISO.exec(s);
  if (m) return full(Number(m[1]), Number(m[2]), Number(m[3]));
  m = FULL_VN.exec(s);
  if (m) return full(Number(m[3]), Number(m[2]), Number(m[1]));
  m = MONTH_YEAR.exec(s);
  if (m) {
    const month = Number(m[1]);
    const year = Number(m[2]);
    return month >= 1 && month <= 12 && plausibleYear(year) ? { year, month } : undefined;
  }
  m = YEAR.exec(s);
  if (m) return plausibleYear(Number(m[1])) ? { year: Number(m[1]) } : undefined;
  return undefined;
}
const plausibleYear = (y: number) => y >= 1880 && y <= 2100;
const full = (year: number, month: number, day: number): DateParts | undefined =>
  plausibleYear(year) && realDay(year, month, day) ? { year, month, day } : undefined;

/** Sex as lists write it (Nam/Nữ, with or without marks, M/F, male/female); undefined when unreadable. */
export function parseSex(text: string | undefined): 'Nam' | 'Nữ' | undefined {
  const s = foldName(text ?? '');
  if (s === 'nam' || s === 'm' || s === 'male') return 'Nam';
  if (s === 'nu' || s === 'f' || s === 'female') return 'Nữ';
  return undefined;
}

/** Digits only (spaces, dots and dashes dropped); a leading +84 read as 0. */
export function digitsOf(text: string | undefined): string {
  const s = (text ?? '').replace(/[\s.\-()]/g, '');
  const t = s.startsWith('+84') ? `0${s.slice(3)}` : s;
  return /^\d+$/.test(t) ? t : '';
}

function headerColumns(fields: string[], line: number): string[] {
  const columns = fields.map((f, i) => {
    const name = (i === 0 ? f.replace(/^\uFEFF/, '') : f).trim();
    return KNOWN_COLUMNS.includes(name.toLowerCase() as KnownColumn) ? name.toLowerCase() : name;
  });
  if (columns.some((c) => c === '') || new Set(columns).size !== columns.length) throw new ListFileError(line, 'header');
  return columns;
}

/**
 * Reads a list, CSV (UTF-8, a header line) or NDJSON (one object per line), with the importer's strict
 * reader: a file in another encoding, a line with broken quoting, a line with another number of fields
 * or a line that is not a JSON object refuses the whole file with that line's number.
 */
export async function readListFile(path: string, opts: { maxRows: number }): Promise<ListFile> {
  const bad = await firstNonUtf8Line(path);
  if (bad !== undefined) throw new ListFileError(bad, 'encoding');
  return (await looksLikeNdjson(path)) ? readNdjson(path, opts.maxRows) : readCsvList(path, opts.maxRows);
}

async function looksLikeNdjson(path: string): Promise<boolean> {
  for await (const chunk of createReadStream(path, { encoding: 'utf8', start: 0, end: 4095 })) {
    return (chunk as string).replace(/^\uFEFF/, '').trimStart().startsWith('{');
  }
  return false;
}

async function readCsvList(path: string, maxRows: number): Promise<ListFile> {
  let columns: string[] | undefined;
  const rows: ListRow[] = [];
  for await (const batch of readCsv(path)) {
    for (const record of batch) {
      if ('blank' in record) continue;
      if ('error' in record) throw new ListFileError(record.line, 'quoting');
      if (!columns) {
        columns = headerColumns(record.fields, record.line);
        continue;
      }
      if (record.fields.length !== columns.length) throw new ListFileError(record.line, 'columns');
      if (rows.length >= maxRows) throw new ListFileError(record.line, 'too_many_rows');
      if (!record.fields.every(isStorableText)) throw new ListFileError(record.line, 'characters');
      const fields: Record<string, string> = {};
      for (let i = 0; i < columns.length; i++) fields[columns[i]] = record.fields[i];
      rows.push({ row: rows.length + 1, fields });
    }
  }
  if (!columns) throw new ListFileError(1, 'empty');
  return { columns, rows };
}

async function readNdjson(path: string, maxRows: number): Promise<ListFile> {
  const columns: string[] = [];
  const seen = new Set<string>();
  const rows: ListRow[] = [];
  let carry = '';
  let line = 0;
  const consume = (raw: string) => {
    line += 1;
    const text = (line === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (!text) return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new ListFileError(line, 'json');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ListFileError(line, 'json');
    if (rows.length >= maxRows) throw new ListFileError(line, 'too_many_rows');
    const fields: Record<string, string> = {};
    for (const [k, v] of Object.entries(value)) {
      const key = KNOWN_COLUMNS.includes(k.toLowerCase() as KnownColumn) ? k.toLowerCase() : k;
      if (v !== null && typeof v === 'object') throw new ListFileError(line, 'json');
      if (!isStorableText(k) || (typeof v === 'string' && !isStorableText(v))) throw new ListFileError(line, 'characters');
      fields[key] = v === null || v === undefined ? '' : String(v);
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
    rows.push({ row: rows.length + 1, fields });
  };
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const parts = (carry + (chunk as string)).split('\n');
    carry = parts.pop()!;
    for (const raw of parts) consume(raw);
  }
  if (carry) consume(carry);
  if (rows.length === 0) throw new ListFileError(1, 'empty');
  return { columns, rows };
}
