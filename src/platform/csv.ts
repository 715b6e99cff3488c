import { createReadStream } from 'node:fs';

/**
 * A strict RFC 4180 reader built for bulk imports: lines without quotes take a fast split path,
 * quoted fields (commas, doubled quotes, line breaks inside) take a careful one. A malformed
 * record is reported by line number and reading goes on with the next record.
 */
export type CsvRecord = { line: number; fields: string[] } | { line: number; error: 'malformed' };

/** Parses one logical record; returns null when the quoting is malformed. */
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

function quoteCount(s: string): number {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n;
}

/** Reads a CSV file as batches of records (batching keeps the per-record cost of async iteration away). */
export async function* readCsv(path: string, batchSize = 2000): AsyncGenerator<CsvRecord[]> {
  let carry = '';
  let pending = ''; // a record whose quoted field spans lines
  let pendingLine = 0;
  let lineNo = 0;
  let batch: CsvRecord[] = [];
  const take = (text: string, line: number) => {
    const fields = parseCsvRecord(text.endsWith('\r') ? text.slice(0, -1) : text);
    batch.push(fields ? { line, fields } : { line, error: 'malformed' });
  };
  const consume = (raw: string) => {
    lineNo += 1;
    if (pending) {
      pending += '\n' + raw;
      if (quoteCount(pending) % 2 === 0) {
        take(pending, pendingLine);
        pending = '';
      }
      return;
    }
    if (raw === '' || raw === '\r') return;
    if (raw.includes('"') && quoteCount(raw) % 2 === 1) {
      pending = raw;
      pendingLine = lineNo;
      return;
    }
    take(raw, lineNo);
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
  if (pending) batch.push({ line: pendingLine, error: 'malformed' });
  if (batch.length) yield batch;
}
