import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openPglite } from '../platform/db.js';

const run = promisify(execFile);
const bin = new URL('../../bin/da06.mjs', import.meta.url).pathname;

describe('da06 linkage run (CLI)', () => {
  it('links a list against the seeded registry, writes the output file and audits the run as the command line', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'da06-cli-linkage-'));
    // The CLI runs on its own embedded database here, whatever DATABASE_URL the suite has.
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const env = { ...inherited, DA06_ENV: 'test', DA06_DATA_DIR: dataDir, LOG_LEVEL: 'silent', USER: 'vanhanh' };
    const da06 = (...args: string[]) =>
      run(process.execPath, [bin, ...args], { env }).then((r) => ({ code: 0, ...r }), (e: { code: number; stdout: string; stderr: string }) => e);

    expect((await da06('seed', '--province', '82', '--people', '300', '--seed', '3', '--today', '2026-12-01')).code).toBe(0);
    let db = await openPglite(join(dataDir, 'pglite'));
    const people = (await db.query<{ personal_id: string; full_name: string; dob: string; sex: string }>(
      "SELECT personal_id, full_name, to_char(date_of_birth, 'DD/MM/YYYY') AS dob, sex FROM people WHERE date_of_death IS NULL ORDER BY id LIMIT 3")).rows;
    await db.close();
    const list = join(dataDir, 'list.csv');
    writeFileSync(list, [
      'personal_id,full_name,date_of_birth,sex,ma_ho',
      `${people[0].personal_id},${people[0].full_name},${people[0].dob},${people[0].sex},H1`,
      `,${people[1].full_name},${people[1].dob},${people[1].sex},H2`,
      ',,,,H3',
    ].join('\n') + '\n');
    const out = join(dataDir, 'matches.csv');

    const r = await da06('linkage', 'run', list, '--source', 'Hộ nghèo 2026', '--province', '82', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('3 dòng');
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('row,personal_id,match_probability,status,reasons,input_personal_id,full_name,date_of_birth,sex,ma_ho');
    expect(lines[1]).toMatch(new RegExp(`^1,${people[0].personal_id},1,matched,.*,H1$`));
    expect(lines[2]).toMatch(new RegExp(`^2,${people[1].personal_id},`));
    expect(lines[3]).toMatch(/^3,,0,unmatched,nothing_identifying,.*H3$/);

    const refused = await da06('linkage', 'run', join(dataDir, 'matches.csv.none'), '--source', 'X');
    expect(refused.code).not.toBe(0);

    db = await openPglite(join(dataDir, 'pglite'));
    try {
      const audit = await db.query<{ actor_kind: string; actor_id: string }>("SELECT actor_kind, actor_id FROM audit_log WHERE action = 'linkage.run.created'");
      expect(audit.rows).toEqual([{ actor_kind: 'cli', actor_id: 'vanhanh' }]);
    } finally {
      await db.close();
    }
  }, 240_000);
});
