import type { Command } from 'commander';
import type { Services } from '../compose.js';
import { formatNumber } from '../platform/format.js';

/** `da06 services …`: the group is shared with other services commands (found, else created). */
export function servicesCommand(program: Command): Command {
  return program.commands.find((c) => c.name() === 'services') ?? program.command('services').description('Dịch vụ công trực tuyến và Bộ phận Một cửa');
}

/** `da06 services close-stale`: the close-out the server also runs every hour (services/close-out.ts). */
export function registerCloseStale(group: Command, withServices: <T>(fn: (services: Services) => Promise<T>) => Promise<T>): void {
  group
    .command('close-stale')
    .description('Dừng giải quyết hồ sơ công dân không bổ sung trong thời hạn (thời hạn: data/services/supplement-time-limit.json); chạy lại không đóng hai lần')
    .action(() =>
      withServices(async (services) => {
        const r = await services.services.closeUnansweredSupplements();
        console.error(`Đã dừng giải quyết ${formatNumber(r.closed.length)} hồ sơ; còn trong hạn bổ sung: ${formatNumber(r.waiting)}; chưa xác định được hạn (lịch làm việc chưa công bố): ${formatNumber(r.undecided)}.`);
        for (const d of r.closed) console.log(d.code ?? `#${d.id}`);
      }),
    );
}
