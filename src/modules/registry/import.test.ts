import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../testing/db.js';
import { verifyAudit } from '../../platform/audit.js';
import { createRegistryStore } from './store.js';
import { importPeople, readImportFile, rejectionsCsv, type ImportRow } from './import.js';
import { withSecondaryIndexesDeferred } from './bulk-load.js';

type Db = Awaited<ReturnType<typeof freshDb>>;
let db: Db;
const dir = mkdtempSync(join(tmpdir(), 'da06-import-'));
const actor = { actorKind: 'cli' as const, actorId: 'test' };

beforeAll(async () => {
  db = await freshDb();
});
afterAll(() => db.dispose());

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const HEADER = 'personal_id,full_name,date_of_birth,sex,commune_code,legacy_id,ethnicity,religion,household_id,relation_to_head';
const DIGITS = ['Không', 'Một', 'Hai', 'Ba', 'Bốn', 'Năm', 'Sáu', 'Bảy', 'Tám', 'Chín'];
/** A number spelled in words: names hold letters only. */
const spelled = (n: number) => [...String(n)].map((d) => DIGITS[+d]).join(' ');
const countLike = async (pattern: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM people WHERE personal_id LIKE $1`, [pattern])).rows[0].n;

describe('import people', () => {
  it('imports valid rows and rejects each bad row with row, field, code and a Vietnamese message', async () => {
    const csv = file('people.csv', [
      HEADER,
      '082084100001,Nguyễn Văn Một,1984-01-02,Nam,28249,111111111,Kinh,Không,HK-IMP-1,Chủ hộ',
      '082186100002,"Trần Thị Hai",1986-03-04,Nữ,28249,,Kinh,Phật giáo,HK-IMP-1,Vợ',
      '082084100003,Lê Văn Ba,1985-01-01,Nam,28249,,,,,', // birth year disagrees with digits 5–6
      '082184100004,Lê Văn Bốn,1984-01-01,Nam,28249,,,,,', // sex disagrees with digit 4
      '082084100001,Nguyễn Văn Trùng,1984-01-02,Nam,28249,,,,,', // duplicate within the file
      '08208410000X,Sai Định Dạng,1984-01-02,Nam,28249,,,,,',
      '082084100006,Ngày Sai,1984-02-30,Nam,28249,,,,,',
      '082084100007,Giới Sai,1984-01-02,nam giới,28249,,,,,',
      '082084100008,Xã Lạ,1984-01-02,Nam,99999,,,,,',
      '082084100009,Cmnd Trùng,1984-01-02,Nam,28249,111111111,,,,',
      '082084100011,Nguyễn Văn Mười Một,1984-01-02,Nam,28261,,,,,',
      // An unclosed quote is an error for its own line.
      '082084100010,"Dòng ""hỏng,1984-01-02,Nam,28249,,,,,',
    ].join('\n'));
    const r = await importPeople(db, createRegistryStore(db), readImportFile(csv), { scheme: '2025', actor });
    expect(r.imported).toBe(3);
    expect(r.rejected).toBe(r.read - 3);
    const byRow = Object.fromEntries(r.rejections.map((x) => [x.row, x]));
    expect(byRow[4]).toMatchObject({ field: 'personal_id', code: 'PERSONAL_ID_BIRTH_YEAR' });
    expect(byRow[4].message).toContain('1985');
    expect(byRow[5]).toMatchObject({ field: 'personal_id', code: 'PERSONAL_ID_SEX' });
    expect(byRow[6]).toMatchObject({ code: 'DUPLICATE_IN_FILE', message: 'Số định danh trùng với dòng 2 trong cùng tệp' });
    expect(byRow[7]).toMatchObject({ code: 'PERSONAL_ID_FORMAT' });
    expect(byRow[8]).toMatchObject({ field: 'date_of_birth', code: 'INVALID_DATE' });
    expect(byRow[9]).toMatchObject({ field: 'sex', code: 'INVALID_SEX' });
    expect(byRow[10]).toMatchObject({ field: 'commune_code', code: 'UNIT_UNKNOWN' });
    expect(byRow[11]).toMatchObject({ field: 'legacy_id', code: 'DUPLICATE_IN_FILE' });
    expect(byRow[13]).toMatchObject({ field: 'row', code: 'FILE_QUOTES' });
    expect(rejectionsCsv(r.rejections).split('\n')[0]).toBe('row,field,code,message');

    const people = await db.query<{ full_name: string; household_id: number | null }>(
      `SELECT full_name, household_id FROM people WHERE personal_id LIKE '08_0841000%' OR personal_id LIKE '0821861000%' ORDER BY personal_id`,
    );
    expect(people.rows.map((p) => p.full_name)).toEqual(['Nguyễn Văn Một', 'Nguyễn Văn Mười Một', 'Trần Thị Hai']);
    expect(people.rows[0].household_id).toBe(people.rows[2].household_id);
  });

  it('rejects what is already in the registry on a second run', async () => {
    const csv = file('again.csv', [HEADER, '082084100001,Nguyễn Văn Một,1984-01-02,Nam,28249,,,,,'].join('\n'));
    const r = await importPeople(db, createRegistryStore(db), readImportFile(csv), { scheme: '2025', actor });
    expect(r).toMatchObject({ imported: 0, rejected: 1 });
    expect(r.rejections[0]).toMatchObject({ row: 2, code: 'DUPLICATE_IN_REGISTRY' });
  });

  it('reads NDJSON and maps pre-2025 commune codes to their single successor, refusing split communes', async () => {
    const nd = file('people.ndjson', [
      JSON.stringify({ personal_id: '082090200001', full_name: 'Phạm Văn Cũ', date_of_birth: '1990-05-05', sex: 'Nam', commune_code: '28264' }),
      '{"personal_id": "082090200002", broken',
      JSON.stringify({ personal_id: '082090200003', full_name: 'Phạm Văn Tách', date_of_birth: '1990-05-05', sex: 'Nam', commune_code: '28042' }),
      '[1,2,3]',
      JSON.stringify({ personal_id: '082090200004', full_name: 'Phạm Văn Thừa', date_of_birth: '1990-05-05', sex: 'Nam', commune_code: '28264', salary: 5 }),
    ].join('\n'));
    const r = await importPeople(db, createRegistryStore(db), readImportFile(nd), { scheme: 'pre2025', actor });
    expect(r.imported).toBe(1);
    expect(r.rejections.map((x) => [x.row, x.code])).toEqual([[2, 'FILE_ROW'], [3, 'UNIT_AMBIGUOUS'], [4, 'FILE_ROW'], [5, 'UNKNOWN_FIELD']]);
    const moved = await db.query<{ commune_code: string }>(`SELECT commune_code FROM people WHERE personal_id = '082090200001'`);
    expect(moved.rows[0].commune_code).toBe('28261');
  });

  it('refuses a file whose header lacks required columns', async () => {
    const csv = file('header.csv', 'personal_id,full_name\n082090300001,Tên');
    const r = importPeople(db, createRegistryStore(db), readImportFile(csv), { scheme: '2025', actor });
    await expect(r).rejects.toMatchObject({ code: 'IMPORT_HEADER', message: expect.stringContaining('thiếu cột date_of_birth, sex, commune_code') });
  });

  it('keeps one household when its members are spread over several batches', async () => {
    const rows = [HEADER];
    for (let i = 0; i < 9; i++) {
      // Members of HK-SPREAD-A and HK-SPREAD-B alternate, so every batch of 2 names both households.
      rows.push(`08209060000${i},Đỗ Văn ${spelled(i)},1990-01-0${i + 1},Nam,28249,,,,HK-SPREAD-${i % 2 ? 'B' : 'A'},${i < 2 ? 'Chủ hộ' : 'Con'}`);
    }
    const csv = file('spread.csv', rows.join('\n'));
    const r = await importPeople(db, createRegistryStore(db), readImportFile(csv), { scheme: '2025', actor, batchSize: 2 });
    expect(r).toMatchObject({ imported: 9, rejected: 0 });
    const h = await db.query<{ household_no: string; n: number; heads: number }>(
      `SELECT h.household_no, count(*)::int AS n, count(*) FILTER (WHERE p.id = h.head_id)::int AS heads
         FROM households h JOIN people p ON p.household_id = h.id WHERE h.household_no LIKE 'HK-SPREAD-%' GROUP BY 1 ORDER BY 1`,
    );
    expect(h.rows).toEqual([{ household_no: 'HK-SPREAD-A', n: 5, heads: 1 }, { household_no: 'HK-SPREAD-B', n: 4, heads: 1 }]);
    expect(await verifyAudit(db)).toMatchObject({ ok: true });
  });

  it('keeps whole batches only when the reader dies half way', async () => {
    async function* dying(): AsyncGenerator<ImportRow[]> {
      for (let i = 0; i < 25; i++) {
        yield [{ row: i + 2, record: { personal_id: `082095${String(400000 + i)}`, full_name: 'Người Thứ ' + spelled(i), date_of_birth: '1995-01-01', sex: 'Nam', commune_code: '28249' } }];
      }
      throw new Error('disk read error');
    }
    await expect(importPeople(db, createRegistryStore(db), dying(), { scheme: '2025', actor, batchSize: 10 })).rejects.toThrow('disk read error');
    const n = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM people WHERE personal_id LIKE '0820954%'`);
    expect(n.rows[0].n).toBe(20);
    expect(await verifyAudit(db)).toMatchObject({ ok: true });
  });
});

describe('import people: nothing lost, nothing garbled', () => {
  const row = (id: number, name: string) => `082091${id},${name},1991-01-01,Nam,28249,,,,,`; // id: six digits

  it('a stray quote in one row of 1,000 refuses that row only, and the summary accounts for every line', async () => {
    const rows = [HEADER];
    for (let i = 1; i <= 1000; i++) rows.push(row(300_000 + i, i === 10 ? 'Lê "Văn Mười' : `Lê Văn ${spelled(i)}`));
    const lines = [...rows.slice(0, 500), '', ...rows.slice(500)]; // a blank line is counted, not a record
    const r = await importPeople(db, createRegistryStore(db), readImportFile(file('stray-quote.csv', lines.join('\n') + '\n')), { scheme: '2025', actor, batchSize: 100 });
    expect(r).toMatchObject({ lines: 1002, header: 1, blank: 1, read: 1000, imported: 999, rejected: 1 });
    expect(r.header + r.blank + r.imported + r.rejected).toBe(r.lines);
    expect(r.rejections).toEqual([{ row: 11, field: 'row', code: 'FILE_QUOTES', message: expect.stringContaining('ngoặc kép') }]);
    expect(await countLike('0820913%')).toBe(999);
  });

  it('a row with the wrong number of columns says how many', async () => {
    const r = await importPeople(db, createRegistryStore(db), readImportFile(file('columns.csv', [HEADER, '082091400001,Lê Văn Một,1991-01-01,Nam'].join('\n'))), { scheme: '2025', actor });
    expect(r.rejections).toEqual([{ row: 2, field: 'row', code: 'FILE_COLUMN_COUNT', message: 'Dòng có 4 cột, dòng tiêu đề có 10 cột' }]);
  });

  it('refuses a Windows-1258 file before importing anything, naming the first bad line', async () => {
    // "Nguyễn" in Windows-1258: ê is 0xEA and the tilde a combining mark, 0xDE.
    const cp1258 = Buffer.concat([
      Buffer.from([HEADER, row(400501, 'Le Van Mot'), ''].join('\n')),
      Buffer.from('082091400502,Nguy'), Buffer.from([0xea, 0xde]), Buffer.from('n Van Hai,1991-01-01,Nam,28249,,,,,\n'),
    ]);
    writeFileSync(join(dir, 'cp1258.csv'), cp1258);
    const before = await countLike('08209140050%');
    await expect(importPeople(db, createRegistryStore(db), readImportFile(join(dir, 'cp1258.csv')), { scheme: '2025', actor }))
      .rejects.toMatchObject({ code: 'IMPORT_ENCODING', params: { line: 3 }, message: expect.stringContaining('dòng 3') });
    expect(await countLike('08209140050%')).toBe(before);
  });

  it('refuses a UTF-16 file (CSV or NDJSON) before importing anything', async () => {
    writeFileSync(join(dir, 'utf16.csv'), Buffer.from('\uFEFF' + [HEADER, row(400601, 'Nguyễn Văn Một')].join('\r\n'), 'utf16le'));
    await expect(importPeople(db, createRegistryStore(db), readImportFile(join(dir, 'utf16.csv')), { scheme: '2025', actor }))
      .rejects.toMatchObject({ code: 'IMPORT_ENCODING', params: { line: 1 } });
    writeFileSync(join(dir, 'utf16.ndjson'), Buffer.from(JSON.stringify({ personal_id: '082091400602' }), 'utf16le'));
    await expect(importPeople(db, createRegistryStore(db), readImportFile(join(dir, 'utf16.ndjson')), { scheme: '2025', actor }))
      .rejects.toMatchObject({ code: 'IMPORT_ENCODING', params: { line: 1 } });
    expect(await countLike('08209140060%')).toBe(0);
  });

  it('a NUL in a name refuses that row only', async () => {
    const csv = file('nul.csv', [HEADER, row(400701, 'Lê Văn Một'), row(400702, 'Lê\u0000Văn Hai'), row(400703, 'Lê Văn Ba')].join('\n'));
    const r = await importPeople(db, createRegistryStore(db), readImportFile(csv), { scheme: '2025', actor });
    expect(r).toMatchObject({ read: 3, imported: 2, rejected: 1 });
    expect(r.rejections).toEqual([{ row: 3, field: 'full_name', code: 'INVALID_CHARACTERS', message: expect.any(String) }]);
  });

  it('unknown or duplicated columns stop the import before any row, with one message listing them', async () => {
    const wide = file('unknown.csv', [`${HEADER},salary,=cmd`, `${row(400801, 'Lê Văn Một')},5,x`].join('\n'));
    const unknown = importPeople(db, createRegistryStore(db), readImportFile(wide), { scheme: '2025', actor });
    await expect(unknown).rejects.toMatchObject({ code: 'IMPORT_HEADER', message: expect.stringContaining('cột không được hỗ trợ: salary, =cmd') });
    const twice = file('twice.csv', [`${HEADER},full_name`, `${row(400802, 'Lê Văn Hai')},Lê Văn Ba`].join('\n'));
    await expect(importPeople(db, createRegistryStore(db), readImportFile(twice), { scheme: '2025', actor }))
      .rejects.toMatchObject({ code: 'IMPORT_HEADER', message: expect.stringContaining('cột lặp lại: full_name') });
    const trailing = file('trailing.csv', [`${HEADER},`, `${row(400803, 'Lê Văn Ba')},`].join('\n'));
    await expect(importPeople(db, createRegistryStore(db), readImportFile(trailing), { scheme: '2025', actor }))
      .rejects.toMatchObject({ message: expect.stringContaining('cột không được hỗ trợ: ""') });
    const wideHeader = Array.from({ length: 100_000 }, (_, i) => `,c${i}`).join('');
    const huge = file('huge.csv', [HEADER + wideHeader, row(400804, 'Lê Văn Bốn') + ',1'.repeat(100_000)].join('\n'));
    const hugeError = await importPeople(db, createRegistryStore(db), readImportFile(huge), { scheme: '2025', actor }).catch((e: Error) => e);
    expect((hugeError as Error).message).toMatch(/c99, …\)/);
    expect((hugeError as Error).message.length).toBeLessThan(1000);
    expect(await countLike('08209140080%')).toBe(0);
  });

  it('refuses names that are not letters, spaces, apostrophes and hyphens (a formula above all)', async () => {
    const csv = file('names.csv', [
      HEADER,
      row(400901, '"=HYPERLINK(""http://x.invalid"",""Bấm"")"'), row(400902, '+Lê Văn'), row(400903, '-Lê Văn'), row(400904, '@Lê'), row(400905, 'Lê Văn 3'),
      row(400906, "H'Hen Niê"), row(400907, 'Nguyê\u0303n Thị-Ánh'),
    ].join('\n'));
    const r = await importPeople(db, createRegistryStore(db), readImportFile(csv), { scheme: '2025', actor });
    expect(r.imported).toBe(2);
    expect(r.rejections.map((x) => [x.row, x.code])).toEqual([2, 3, 4, 5, 6].map((n) => [n, 'NAME_CHARACTERS']));
  });

  it('refuses a household number that could not be read back', async () => {
    const csv = file('household.csv', [HEADER, '082091401001,Lê Văn Một,1991-01-01,Nam,28249,,,,HK 1/2,Chủ hộ'].join('\n'));
    const r = await importPeople(db, createRegistryStore(db), readImportFile(csv), { scheme: '2025', actor });
    expect(r.rejections).toEqual([expect.objectContaining({ row: 2, field: 'household_id', code: 'INVALID_FORMAT' })]);
  });

  it('NDJSON: a bad line is a refused record with its line number; unknown keys are one rejection per row', async () => {
    const keys = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`extra_${i}`, 'x']));
    const nd = file('lines.ndjson', [
      JSON.stringify({ personal_id: '082091401101', full_name: 'Lê Văn Một', date_of_birth: '1991-01-01', sex: 'Nam', commune_code: '28249', ...keys }),
      '{"personal_id": "0820914011',
      '',
      JSON.stringify({ personal_id: '082091401102', full_name: 'Lê Văn Hai', date_of_birth: '1991-01-01', sex: 'Nam', commune_code: '28249' }),
    ].join('\n'));
    const r = await importPeople(db, createRegistryStore(db), readImportFile(nd), { scheme: '2025', actor });
    expect(r).toMatchObject({ lines: 4, header: 0, blank: 1, read: 3, imported: 1, rejected: 2 });
    expect(r.rejections.map((x) => [x.row, x.field, x.code])).toEqual([[1, 'extra_0', 'UNKNOWN_FIELD'], [2, 'row', 'FILE_ROW']]);
    expect(r.rejections[0].message).toContain('extra_49');
  });

  it('the rejects file keeps row,field,code,message and neutralises formula prefixes', () => {
    const csv = rejectionsCsv([{ row: 2, field: '=cmd', code: 'UNKNOWN_FIELD', message: '@SUM(A1), -1' }]);
    expect(csv).toBe(`row,field,code,message\n2,'=cmd,UNKNOWN_FIELD,"'@SUM(A1), -1"\n`);
  });
});

describe('bulk initial load', () => {
  const catalogue = async (d: Db) => (await d.query<{ def: string }>(
    `SELECT indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN ('households', 'people', 'former_identifiers', 'residences', 'life_events')
     UNION ALL SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
      WHERE conrelid::regclass::text IN ('households', 'people', 'former_identifiers', 'residences', 'life_events')
         OR confrelid::regclass::text IN ('households', 'people', 'former_identifiers', 'residences', 'life_events') ORDER BY 1`,
  )).rows.map((r) => r.def);

  it('loads an empty registry in one transaction and leaves every index and foreign key as the migrations made them', async () => {
    const empty = await freshDb();
    try {
      const before = await catalogue(empty);
      const rows = [HEADER];
      for (let i = 0; i < 30; i++) rows.push(`08209070${String(i).padStart(4, '0')},Phan Văn ${spelled(i)},1990-02-03,Nam,28249,${i === 3 ? '222222222' : ''},,,HK-BULK-${i % 7},${i < 7 ? 'Chủ hộ' : 'Con'}`);
      rows.push('082090709999,Sai Năm Sinh,1991-02-03,Nam,28249,,,,,');
      rows.push('082090700001,Trùng Số,1990-02-03,Nam,28249,,,,,');
      const r = await importPeople(empty.owner, createRegistryStore(empty.owner), readImportFile(file('bulk.csv', rows.join('\n'))), { scheme: '2025', actor, batchSize: 4, bulk: true });
      expect(r).toMatchObject({ imported: 30, rejected: 2 });
      expect(await catalogue(empty)).toEqual(before);
      const store = createRegistryStore(empty);
      expect(await store.countPeople()).toBe(30);
      const found = await empty.query<{ n: number }>(`SELECT count(*)::int AS n FROM people WHERE name_norm % 'phan van so'`);
      expect(found.rows[0].n).toBeGreaterThan(0);
      expect(await verifyAudit(empty)).toMatchObject({ ok: true });
    } finally {
      await empty.dispose();
    }
  });

  it('a duplicate or a dangling reference fails the whole load and leaves keys and indexes as they were', async () => {
    const empty = await freshDb();
    try {
      const before = await catalogue(empty);
      const person = (id: number, personalId: string, household: number | null) => empty.query(
        `INSERT INTO people (id, personal_id, full_name, name_norm, date_of_birth, sex, commune_code, household_id)
         VALUES ($1, $2, 'Lê Văn Trùng', 'le van trung', '1990-01-01', 'Nam', '28249', $3)`, [id, personalId, household]);
      await expect(empty.owner.transaction((tx) => withSecondaryIndexesDeferred(tx, async () => {
        await tx.query(`INSERT INTO people (id, personal_id, full_name, name_norm, date_of_birth, sex, commune_code)
                        VALUES (1, '082090000001', 'A', 'a', '1990-01-01', 'Nam', '28249'), (2, '082090000001', 'B', 'b', '1990-01-01', 'Nam', '28249')`);
      }))).rejects.toThrow(/unique|duplicate/i);
      await expect(empty.owner.transaction((tx) => withSecondaryIndexesDeferred(tx, async () => {
        await tx.query(`INSERT INTO people (id, personal_id, full_name, name_norm, date_of_birth, sex, commune_code, household_id)
                        VALUES (1, '082090000001', 'A', 'a', '1990-01-01', 'Nam', '28249', 999)`);
      }))).rejects.toThrow(/foreign key/i);
      expect(await createRegistryStore(empty).countPeople()).toBe(0);
      expect(await catalogue(empty)).toEqual(before);
      await person(1, '082090000001', null);
      await expect(person(2, '082090000001', null)).rejects.toThrow(/unique|duplicate/i);
    } finally {
      await empty.dispose();
    }
  });

  it('is refused on a registry that already has people, and a failed load leaves nothing behind', async () => {
    const csv = file('bulk-again.csv', [HEADER, '082084600001,Võ Văn Mới,1984-01-02,Nam,28249,,,,,'].join('\n'));
    await expect(importPeople(db, createRegistryStore(db), readImportFile(csv), { scheme: '2025', actor, bulk: true })).rejects.toMatchObject({ code: 'IMPORT_BULK_NOT_EMPTY' });
    const empty = await freshDb();
    try {
      const before = await catalogue(empty);
      async function* dying(): AsyncGenerator<ImportRow[]> {
        yield [{ row: 2, record: { personal_id: '082095500000', full_name: 'Người Một', date_of_birth: '1995-01-01', sex: 'Nam', commune_code: '28249' } }];
        throw new Error('disk read error');
      }
      await expect(importPeople(empty.owner, createRegistryStore(empty.owner), dying(), { scheme: '2025', actor, batchSize: 1, bulk: true })).rejects.toThrow('disk read error');
      expect(await createRegistryStore(empty).countPeople()).toBe(0);
      expect(await catalogue(empty)).toEqual(before);
    } finally {
      await empty.dispose();
    }
  });
});

describe('da06 import people (CLI)', () => {
  it('exits 2 and writes the rejects file when a row is refused, 1 when the file is refused whole', async () => {
    const csv = file('cli.csv', [HEADER, '082084500001,Võ Văn Tốt,1984-01-02,Nam,28249,,,,,', '082084500002,Võ Văn Sai,1985-01-02,Nam,28249,,,,,'].join('\n'));
    // The CLI always runs on its own embedded database here, whatever DATABASE_URL the suite has.
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const env = { ...inherited, DA06_DATA_DIR: join(dir, 'cli-data'), LOG_LEVEL: 'silent' };
    const run = promisify(execFile);
    const bin = new URL('../../../bin/da06.mjs', import.meta.url).pathname;
    const err = await run(process.execPath, [bin, 'import', 'people', csv], { env }).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(2);
    expect((err as { stderr: string }).stderr).toContain('nhập 1, từ chối 1');
    const rejects = readFileSync(`${csv}.rejects.csv`, 'utf8');
    expect(rejects).toContain('3,personal_id,PERSONAL_ID_BIRTH_YEAR');
    expect((err as { stderr: string }).stderr).toContain('Tệp có 3 dòng: 1 dòng tiêu đề, 0 dòng trống, 2 dòng dữ liệu; nhập 1, từ chối 1');
    // A file that is not UTF-8 imports nothing: exit 1 with the one message naming the line.
    writeFileSync(join(dir, 'cli-cp1258.csv'), Buffer.concat([Buffer.from(`${HEADER}\n082084500003,Nguy`), Buffer.from([0xea, 0xde]), Buffer.from('n Văn,1984-01-02,Nam,28249,,,,,\n')]));
    const refused = await run(process.execPath, [bin, 'import', 'people', join(dir, 'cli-cp1258.csv')], { env }).catch((e: { code: number; stderr: string }) => e);
    expect((refused as { code: number }).code).toBe(1);
    expect((refused as { stderr: string }).stderr).toContain('dòng 2 là dòng đầu tiên sai mã');
  }, 180_000);
});
