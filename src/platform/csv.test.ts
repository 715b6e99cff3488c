import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseCsvRecord, readCsv, type CsvRecord } from './csv.js';

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

async function readAll(text: string): Promise<CsvRecord[]> {
  const path = join(mkdtempSync(join(tmpdir(), 'da06-csv-')), 'f.csv');
  writeFileSync(path, text);
  const out: CsvRecord[] = [];
  for await (const batch of readCsv(path, 3)) out.push(...batch);
  return out;
}

describe('CSV reader', () => {
  it('reads plain and quoted fields', () => {
    expect(parseCsvRecord('a,b,,d')).toEqual(['a', 'b', '', 'd']);
    expect(parseCsvRecord('"Nguyễn, Văn",x')).toEqual(['Nguyễn, Văn', 'x']);
    expect(parseCsvRecord('"say ""hi""",""')).toEqual(['say "hi"', '']);
  });

  it('refuses malformed quoting', () => {
    expect(parseCsvRecord('"open,b')).toBeNull();
    expect(parseCsvRecord('a"b,c')).toBeNull();
    expect(parseCsvRecord('"a"b,c')).toBeNull();
  });

  it('numbers lines, joins quoted line breaks, skips blank lines and CRLF', async () => {
    const recs = await readAll('h1,h2\r\n1,"two\nlines"\r\n\r\n3,x\n"bad,4\n');
    expect(recs).toEqual([
      { line: 1, fields: ['h1', 'h2'] },
      { line: 2, fields: ['1', 'two\nlines'] },
      { line: 5, fields: ['3', 'x'] },
      { line: 6, error: 'malformed' },
    ]);
  });

  it('round-trips any table (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 20 }), async (rows) => {
        const width = rows[0].length;
        const table = rows.map((r) => [...r, ...Array(width).fill('x')].slice(0, width)).filter((r) => r.some((v) => v !== ''));
        if (!table.length) return;
        const text = table.map((r) => r.map(quote).join(',')).join('\n') + '\n';
        const recs = await readAll(text);
        expect(recs.map((r) => ('fields' in r ? r.fields : r))).toEqual(table.map((r) => (r.length === 1 && r[0] === '' ? [] : r)));
      }),
      { numRuns: 60 },
    );
  });
});
