import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { openPglite } from '../platform/db.js';
import { appendAudit } from '../platform/audit.js';
import { prepareDatabase } from '../setup.js';
import '../testing/audit-actions.js';

const run = promisify(execFile);
const bin = new URL('../../bin/da06.mjs', import.meta.url).pathname;

describe('da06 audit checkpoint / verify (CLI)', () => {
  it('anchors the log with a key kept in the data folder, then reports the cut tail with exit code 3', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'da06-cli-audit-'));
    // The CLI always runs on its own embedded database here, whatever DATABASE_URL the suite has.
    const { DATABASE_URL: _ignored, ...inherited } = process.env;
    const env = { ...inherited, DA06_ENV: 'test', DA06_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
    const da06 = (...args: string[]) => run(process.execPath, [bin, ...args], { env }).catch((e: { code: number; stdout: string }) => e);
    const onData = async (fn: (db: Awaited<ReturnType<typeof openPglite>>) => Promise<void>) => {
      const db = await openPglite(join(dataDir, 'pglite'));
      try {
        await fn(db);
      } finally {
        await db.close();
      }
    };
    await onData(async (db) => {
      await prepareDatabase(db);
      await db.transaction((tx) => appendAudit(tx, Array.from({ length: 30 }, (_, i) => ({ actorKind: 'cli' as const, actorId: 'test', action: 'test.entry', subjectId: String(i) }))));
    });
    expect((await da06('audit', 'checkpoint')).stdout).toContain('đến bản ghi số 30');
    expect((await da06('audit', 'verify')).stdout).toContain('Nhật ký nguyên vẹn: 30 bản ghi; khớp 1 mốc neo');
    await onData(async (db) => {
      await db.transaction(async (tx) => {
        await tx.exec('ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE seq > 10; ALTER TABLE audit_log ENABLE TRIGGER USER;');
      });
    });
    const cut = await da06('audit', 'verify') as { code: number; stdout: string };
    expect(cut.code).toBe(3);
    expect(cut.stdout).toContain('NHẬT KÝ BỊ CẮT PHẦN CUỐI');
    expect(cut.stdout).toContain('đến bản ghi số 30, nhưng nhật ký chỉ còn 10 bản ghi');
  }, 120_000);
});
