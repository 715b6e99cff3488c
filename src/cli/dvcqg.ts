import type { Command } from 'commander';
import type { Services } from '../compose.js';
import { servicesCommand } from './services.js';

type WithServices = <T>(fn: (services: Services) => Promise<T>) => Promise<T>;

/**
 * `da06 services dvcqg-sync` (one run of the worker the server runs every DA06_DVCQG_SYNC_SECONDS: receive the
 * portal's new dossiers, push the status changes due) and `da06 services dvcqg-dead-letters` (what it gave up on).
 * Both name the connection first: the national portal, or "bản mô phỏng" when it is the local stand-in.
 */
export function registerDvcqgCommands(program: Command, withServices: WithServices): void {
  // The `services` group is shared with the other services commands (found, else created).
  const services = servicesCommand(program);

  services
    .command('dvcqg-sync')
    .description('Chạy một lần đồng bộ với Cổng Dịch vụ công quốc gia: nhận hồ sơ mới nộp trên Cổng, gửi các thay đổi trạng thái đến hạn (theo thứ tự của từng hồ sơ)')
    .action(() =>
      withServices(async (s) => {
        const link = s.services.dvcqg;
        if (!link.target().configured) {
          console.error('Chưa cấu hình DA06_DVCQG_URL và DA06_DVCQG_TOKEN: không có gì để đồng bộ.');
          process.exitCode = 1;
          return;
        }
        const run = await link.runOnce();
        console.log(`Kết nối: ${run.target.label} (${run.target.origin})`);
        console.log(`Nhận hồ sơ: ${run.received.received} mới, ${run.received.duplicates} đã có, ${run.received.refused} bị từ chối${run.received.failed ? `, ${run.received.failed} chưa lưu được (lần chạy sau nhận lại từ đó)` : ''}.`);
        console.log(`Gửi trạng thái: ${run.delivered.sent} đã gửi, ${run.delivered.retrying} sẽ gửi lại, ${run.delivered.dead} vào danh sách gửi lỗi.`);
        console.log(`Gửi kết quả: ${run.results.sent} đã gửi, ${run.results.retrying} sẽ gửi lại, ${run.results.dead} gửi lỗi.`);
        console.log(`Đánh giá trên Cổng: hỏi ${run.ratings.asked} hồ sơ, nhận ${run.ratings.rated} đánh giá.`);
      }),
    );

  services
    .command('dvcqg-dead-letters')
    .description('Liệt kê các thay đổi trạng thái gửi lỗi (quản trị viên gửi lại trên giao diện hoặc POST /api/v1/services/dvcqg/dead-letters/:id/retry)')
    .option('--limit <n>', 'số dòng', (v) => Number.parseInt(v, 10), 50)
    .action((opts: { limit: number }) =>
      withServices(async (s) => {
        const { target, items, total } = await s.services.dvcqg.unsafeAllDeadLetters(Math.min(Math.max(opts.limit || 50, 1), 1000));
        console.log(`Kết nối: ${target.label}${target.origin ? ` (${target.origin})` : ''}`);
        console.log(`${total} thay đổi trạng thái gửi lỗi.`);
        for (const l of items) {
          console.log(`#${l.id}  ${l.dossierCode}  lần ${l.seq}: ${l.statusLabel}  ${l.failures} lần lỗi  ${l.deadAt ?? ''}  chờ sau: ${l.waiting}\n      ${l.lastErrorKind}: ${l.lastError ?? ''}`);
        }
      }),
    );
}
