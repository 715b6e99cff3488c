import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';

/**
 * A strict RFC 4180 reader built for bulk imports, one record per physical line: a quoted field may
 * hold commas and doubled quotes but no line break. So a stray quote costs only its own line (an
 * error with that line's number) and reading goes on with the next one; a reader that let quoted
 * fields span lines would swallow every line after a stray quote into one "malformed" record
 * (issue 12 §4; csv.test.ts "a stray quote is an error for its own line only").
 * Every physical line comes out as exactly one record, blank lines included, so a caller can account
 * for all of them.
 */
export type CsvRecord =
  | { line: number; fields: string[] }
  | { line: number; error: 'malformed' }
  | { line: number; blank: true };

/** Parses one record; returns null when the quoting is malformed. */
export function parseCsvRecord(text: string): string[] | null {
  if (!text.includes('"')) return text.split(',');
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (text[i] === '"') {
      let value = '';
      i += 1;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) return null;
        value += text.slice(i, q);
        if (text[q + 1] === '"') {
          value += '"';
          i = q + 2;
        } else {
          i = q + 1;
          break;
        }
      }
      fields.push(value);
      if (i === text.length) return fields;
      if (text[i] !== ',') return null;
      i += 1;
    } else {
      const comma = text.indexOf(',', i);
      const value = comma < 0 ? text.slice(i) : text.slice(i, comma);
      if (value.includes('"')) return null;
      fields.push(value);
      if (comma < 0) return fields;
      i = comma + 1;
    }
  }
}

/** Reads a CSV file as batches of records (batching keeps the per-record cost of async iteration away). */
export async function* readCsv(path: string, batchSize = 2000): AsyncGenerator<CsvRecord[]> {
  let carry = '';
  let lineNo = 0;
  let batch: CsvRecord[] = [];
  const consume = (raw: string) => {
    lineNo += 1;
    const text = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (text === '') {
      batch.push({ line: lineNo, blank: true });
      return;
    }
    const fields = parseCsvRecord(text);
    batch.push(fields ? { line: lineNo, fields } : { line: lineNo, error: 'malformed' });
  };
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = carry + (chunk as string);
    const lines = text.split('\n');
    carry = lines.pop()!;
    for (const raw of lines) consume(raw);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }
  if (carry) consume(carry);
  if (batch.length) yield batch;
}

/**
 * Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"): such a value
 * is written with a leading apostrophe, which spreadsheets show as text.
 */
const FORMULA_PREFIX = /^[=+\-@\t\r]/;

/** One CSV line for a file da06 writes: quoted where needed, formula prefixes neutralised. */
export function csvLine(values: readonly (string | number)[]): string {
  return values
    .map((v) => {
      let s = String(v);
      if (typeof v === 'string' && FORMULA_PREFIX.test(s)) s = `'${s}`;
      return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}

const UTF16_BOMS = [[0xff, 0xfe], [0xfe, 0xff]];

/**
 * The number of the first line of a file that is not UTF-8, or undefined when the whole file is.
 * Checked before an import reads anything, so a file in another encoding (Windows-1258, UTF-16)
 * imports nothing instead of names full of U+FFFD. A UTF-16 file of plain ASCII is valid UTF-8 byte
 * for byte; it shows itself by NUL bytes in its first line, which no text file of ours has.
 */
export async function firstNonUtf8Line(path: string, chunkSize = 1 << 20): Promise<number | undefined> {
  let line = 1;
  let carry: Buffer | undefined;
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: chunkSize })) {
    const buf = carry ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
    if (first) {
      first = false;
      if (UTF16_BOMS.some(([a, b]) => buf[0] === a && buf[1] === b)) return 1;
      const end = buf.indexOf(0x0a);
      if (buf.subarray(0, end < 0 ? buf.length : end).includes(0)) return 1;
    }
    // Check up to the last whole character; the bytes of a character cut by the chunk wait for the next.
    const cut = lastCharacterBoundary(buf);
    const whole = buf.subarray(0, cut);
    carry = cut < buf.length ? Buffer.from(buf.subarray(cut)) : undefined;
    if (!isUtf8(whole)) return line + firstBadLineIn(whole);
    line += countNewlines(whole);
  }
  if (carry && !isUtf8(carry)) return line;
  return undefined;
}

function lastCharacterBoundary(buf: Buffer): number {
  for (let back = 1; back <= Math.min(4, buf.length); back++) {
    const b = buf[buf.length - back];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? buf.length - back : buf.length;
  }
  return buf.length;
}

function countNewlines(buf: Buffer): number {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i >= 0; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** Index (from 0) of the first line in `buf` that is not UTF-8; `buf` starts on a character boundary. */
function firstBadLineIn(buf: Buffer): number {
  let start = 0;
  for (let n = 0; ; n++) {
    const end = buf.indexOf(0x0a, start);
    if (!isUtf8(buf.subarray(start, end < 0 ? buf.length : end))) return n;
    if (end < 0) return n;
    start = end + 1;
  }
}
