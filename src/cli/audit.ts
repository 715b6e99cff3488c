import type { Command } from 'commander';
import { ConfigError, type Config } from '../platform/config.js';
import type { Db } from '../platform/db.js';
import { verifyAudit } from '../platform/audit.js';
import { checkpointFile, checkpointSigningKey, checkpointVerificationKey, readCheckpoints, writeCheckpoint } from '../platform/audit-checkpoint.js';
import { applicationRoleProblems, type RoleProblem } from '../platform/migrate.js';
import { progressBar } from './progress.js';

type WithDb = <T>(fn: (db: Db, config: Config) => Promise<T>) => Promise<T>;

/**
 * The server's role must not be able to cut or rewrite the audit log (a superuser or the owner can
 * disable its triggers): refused in production, a warning otherwise (PGlite has one role).
 */
export async function checkApplicationRole(db: Db, config: Config) {
  const problems = await applicationRoleProblems(db);
  if (!problems.length) return;
  const text = `Vai trò PostgreSQL của DATABASE_URL ${problems.map((p) => ROLE_PROBLEMS[p]).join(', ')}: nó có thể sửa hoặc xóa nhật ký truy cập. ` +
    'Hãy dùng vai trò ứng dụng riêng và DA06_OWNER_DATABASE_URL cho vai trò sở hữu (xem README, mục "Audit log: two database roles and signed checkpoints").';
  if (config.DA06_ENV === 'production') throw new ConfigError(text);
  console.error(`CẢNH BÁO: ${text}`);
}

const ROLE_PROBLEMS: Record<RoleProblem, string> = {
  superuser: 'là superuser',
  owner: 'sở hữu bảng audit_log',
  'may-alter-audit': 'có quyền UPDATE, DELETE hoặc TRUNCATE trên audit_log',
};

export function checkpointTarget(config: Config) {
  return { file: checkpointFile(config), url: config.DA06_AUDIT_CHECKPOINT_URL };
}

/** `da06 audit verify` and `da06 audit checkpoint`. */
export function registerAuditCommands(program: Command, withDb: WithDb) {
  const audit = program.command('audit').description('Nhật ký truy cập');
  audit
    .command('verify')
    .description('Kiểm tra chuỗi băm của nhật ký và đối chiếu với các mốc neo đã ký; báo bản ghi bị sửa, xóa, chèn, phần cuối bị cắt hoặc chuỗi bị tính lại')
    .option('--checkpoints <file>', 'tệp mốc neo (mặc định <thư mục dữ liệu>/audit-checkpoints.jsonl)')
    .option('--public-key <file>', 'khóa công khai Ed25519 (PEM) kiểm tra chữ ký mốc neo; mặc định suy ra từ DA06_AUDIT_CHECKPOINT_KEY')
    .action((opts: { checkpoints?: string; publicKey?: string }) =>
      withDb(async (db, config) => {
        const file = opts.checkpoints ?? checkpointTarget(config).file;
        const key = checkpointVerificationKey(config, opts.publicKey);
        const read = key ? await readCheckpoints(file, key) : { checkpoints: [], invalidLines: [] };
        if (!key) console.log('Không có khóa kiểm tra mốc neo (DA06_AUDIT_CHECKPOINT_KEY hoặc --public-key): chỉ kiểm tra chuỗi băm, không phát hiện được phần cuối bị cắt hay chuỗi bị tính lại.');
        else if (!read.checkpoints.length) console.log(`Chưa có mốc neo hợp lệ nào trong ${file}: chỉ kiểm tra chuỗi băm.`);
        const bar = progressBar('Kiểm tra nhật ký', 'bản ghi');
        const r = await verifyAudit(db, bar.update, read.checkpoints);
        bar.stop();
        if (read.invalidLines.length) {
          console.log(`MỐC NEO KHÔNG HỢP LỆ: dòng ${read.invalidLines.join(', ')} của ${file} không có chữ ký đúng của khóa (giả mạo hoặc hỏng); đã bỏ qua.`);
          process.exitCode = 3;
        }
        const anchoredAt = r.checkpoint ? new Date(r.checkpoint.at).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' }) : '';
        if (r.ok) {
          const newest = read.checkpoints.reduce((a, c) => (c.seq > a ? c.seq : a), 0);
          console.log(`Nhật ký nguyên vẹn: ${r.checked} bản ghi` + (newest ? `; khớp ${read.checkpoints.length} mốc neo (mới nhất đến bản ghi số ${newest}).` : '.'));
          return;
        }
        process.exitCode = 3;
        if (r.reason === 'truncated') {
          console.log(`NHẬT KÝ BỊ CẮT PHẦN CUỐI: mốc neo ký lúc ${anchoredAt} ghi nhận đến bản ghi số ${r.checkpoint!.seq}, nhưng nhật ký chỉ còn ${r.checked} bản ghi (mất từ bản ghi số ${r.firstBadSeq}).`);
        } else if (r.reason === 'rewritten') {
          console.log(`CHUỖI NHẬT KÝ BỊ TÍNH LẠI: bản ghi số ${r.checkpoint!.seq} không còn mã băm mà mốc neo ký lúc ${anchoredAt} đã ghi; chuỗi đã bị sửa ở khoảng bản ghi số ${r.firstBadSeq}–${r.checkpoint!.seq} rồi băm lại cho khớp.`);
        } else {
          console.log(`NHẬT KÝ BỊ CAN THIỆP: bản ghi số ${r.firstBadSeq} (${r.reason}); ${r.checked} bản ghi trước đó hợp lệ.`);
        }
      }),
    );
  audit
    .command('checkpoint')
    .description('Ký và ghi ngay một mốc neo của nhật ký (máy chủ tự ghi định kỳ và khi dừng)')
    .action(() =>
      withDb(async (db, config) => {
        const line = await writeCheckpoint(db, checkpointSigningKey(config), checkpointTarget(config));
        console.log(line ? `Đã ghi mốc neo đến bản ghi số ${line.seq} vào ${checkpointTarget(config).file}.` : 'Nhật ký còn trống: không có gì để neo.');
      }),
    );
}
