import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openPglite } from '../platform/db.js';

const run = promisify(execFile);
const bin = new URL('../../bin/da06.mjs', import.meta.url).pathname;

describe('da06 officers reset-password / disable (CLI)', () => {
  it('resets an administrator\'s password by username, audited as the command line, and names an unknown account', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'da06-cli-officers-'));
    // The CLI runs on its own embedded database here, whatever DATABASE_URL the suite has.
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const env = { ...inherited, DA06_ENV: 'test', DA06_DATA_DIR: dataDir, LOG_LEVEL: 'silent', USER: 'vanhanh' };
    const da06 = (...args: string[]) =>
      run(process.execPath, [bin, ...args], { env }).then((r) => ({ code: 0, ...r }), (e: { code: number; stdout: string; stderr: string }) => e);

    const added = await da06('officers', 'add', '--username', 'quantri.tinh', '--full-name', 'Quản trị tỉnh', '--role', 'admin', '--area', '01');
    expect(added.code).toBe(0);

    const reset = await da06('officers', 'reset-password', '--username', 'quantri.tinh');
    expect(reset.code).toBe(0);
    expect(reset.stderr).toContain('Đã đặt lại mật khẩu tài khoản quantri.tinh.');
    expect(reset.stdout).toMatch(/^mật khẩu dùng một lần: \S{10,} /);

    const unknown = await da06('officers', 'disable', '--username', 'khong.co');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Không có tài khoản khong.co.');

    const db = await openPglite(join(dataDir, 'pglite'));
    try {
      const account = await db.query<{ id: number; disabled_at: string | null; must_change_password: boolean }>(
        `SELECT id, disabled_at, must_change_password FROM officers WHERE username = 'quantri.tinh'`);
      expect(account.rows[0]).toMatchObject({ disabled_at: null, must_change_password: true });
      // disable, enable and their refusals: officers.test.ts (the same service).
      const audit = await db.query<{ actor_kind: string; actor_id: string; action: string }>(
        `SELECT actor_kind, actor_id, action FROM audit_log WHERE subject_id = $1 ORDER BY seq`, [String(account.rows[0].id)]);
      expect(audit.rows).toEqual([
        { actor_kind: 'cli', actor_id: 'vanhanh', action: 'officer.account.create' },
        { actor_kind: 'cli', actor_id: 'vanhanh', action: 'officer.account.password-reset' },
      ]);
    } finally {
      await db.close();
    }
  }, 180_000);
});
