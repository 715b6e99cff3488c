import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvLine, firstNonUtf8Line, parseCsvRecord, readCsv, type CsvRecord } from './csv.js';

const quote = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function tempFile(content: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), 'da06-csv-')), 'f.csv');
  writeFileSync(path, content);
  return path;
}

async function readAll(text: string): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const batch of readCsv(tempFile(text), 3)) out.push(...batch);
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

  it('gives one record per physical line: numbered, CRLF and blank lines kept apart', async () => {
    const recs = await readAll('h1,h2\r\n1,x\r\n\r\n3,x\n"bad,4\n5,y');
    expect(recs).toEqual([
      { line: 1, fields: ['h1', 'h2'] },
      { line: 2, fields: ['1', 'x'] },
      { line: 3, blank: true },
      { line: 4, fields: ['3', 'x'] },
      { line: 5, error: 'malformed' },
      { line: 6, fields: ['5', 'y'] },
    ]);
  });

  it('a stray quote is an error for its own line only; reading resumes at the next line', async () => {
    // Before: the open quote swallowed every following line into one "malformed" record.
    const recs = await readAll('h\n1,"a\n2,b\n3,c"\n4,d\n');
    expect(recs).toEqual([
      { line: 1, fields: ['h'] },
      { line: 2, error: 'malformed' },
      { line: 3, fields: ['2', 'b'] },
      { line: 4, error: 'malformed' },
      { line: 5, fields: ['4', 'd'] },
    ]);
  });

  it('accounts for every physical line exactly once, whatever the text (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('a', ',', '"', '\n', '\r\n', 'ễ', ' '), { maxLength: 60 }), async (parts) => {
        const text = parts.join('');
        const recs = await readAll(text);
        const physical = text === '' ? 0 : text.replace(/\n$/, '').split('\n').length;
        expect(recs.map((r) => r.line)).toEqual(Array.from({ length: physical }, (_, i) => i + 1));
      }),
      { numRuns: 150 },
    );
  });

  it('round-trips any table without line breaks in fields (property)', async () => {
    const cell = fc.string({ unit: 'grapheme' }).map((s) => s.replace(/[\r\n]/g, ' '));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 20 }), async (rows) => {
        const width = rows[0].length;
        const table = rows.map((r) => [...r, ...Array(width).fill('x')].slice(0, width));
        const text = table.map((r) => r.map(quote).join(',')).join('\n') + '\n';
        const recs = await readAll(text);
        expect(recs.map((r) => ('fields' in r ? r.fields : r))).toEqual(table);
      }),
      { numRuns: 60 },
    );
  });
});

describe('CSV writer', () => {
  it('neutralises formula prefixes so a spreadsheet shows the text instead of running it', () => {
    expect(csvLine(['=HYPERLINK("http://x","y")', '+1', '-2', '@SUM(A1)', '\tx', 'ok', 3])).toBe(
      `"'=HYPERLINK(""http://x"",""y"")",'+1,'-2,'@SUM(A1),'\tx,ok,3`,
    );
    expect(parseCsvRecord(csvLine(['a,b', 'say "hi"', 'Nguyễn Văn An']))).toEqual(['a,b', 'say "hi"', 'Nguyễn Văn An']);
  });
});

describe('UTF-8 check', () => {
  it('accepts UTF-8 with or without a byte order mark', async () => {
    expect(await firstNonUtf8Line(tempFile('a\nNguyễn Văn An\n'))).toBeUndefined();
    expect(await firstNonUtf8Line(tempFile('\uFEFFa\nNguyễn\n'))).toBeUndefined();
  });

  it('names the first line that is not UTF-8, also across read chunks', async () => {
    const latin = Buffer.concat([Buffer.from('a\nb\n'), Buffer.from([0x4e, 0x67, 0x75, 0x79, 0xea, 0xde, 0x6e]), Buffer.from('\nc\n')]);
    expect(await firstNonUtf8Line(tempFile(latin))).toBe(3);
    const long = Buffer.concat([Buffer.from('Nguyễn\n'.repeat(20_000)), Buffer.from([0xc3]), Buffer.from('\n')]);
    expect(await firstNonUtf8Line(tempFile(long), 1000)).toBe(20_001);
    // A multi-byte letter cut by a chunk boundary is not an error.
    expect(await firstNonUtf8Line(tempFile('ễ'.repeat(5000)), 1001)).toBeUndefined();
  });

  it('refuses UTF-16, with or without a byte order mark', async () => {
    expect(await firstNonUtf8Line(tempFile(Buffer.from('\uFEFFa,b\nc,d\n', 'utf16le')))).toBe(1);
    expect(await firstNonUtf8Line(tempFile(Buffer.from('a,b\nc,d\n', 'utf16le')))).toBe(1);
  });
});
