import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { Config } from '../platform/config.js';
import type { Services } from '../compose.js';

type WithServices = <T>(fn: (services: Services, config: Config) => Promise<T>) => Promise<T>;

/**
 * `da06 linkage run FILE --source NAME [--scheme 2025|pre2025] [--out matches.csv]`: the same run as the upload
 * (src/compose.ts, the linkage service), audited as the command line, linked before the command returns.
 */
export function registerLinkageCommands(program: Command, withServices: WithServices): void {
  const linkage = program.command('linkage').description('Đối sánh danh sách của ngành với CSDL dân cư');
  linkage
    .command('run <file>')
    .description('Đối sánh một danh sách (CSV UTF-8 có tiêu đề, hoặc NDJSON) và ghi kết quả ra tệp CSV')
    .requiredOption('--source <name>', 'tên nguồn danh sách, ví dụ "BHYT học sinh"')
    .addOption(new Option('--scheme <scheme>', 'danh mục của commune_code').choices(['2025', 'pre2025']).default('2025'))
    .option('--out <file>', 'tệp kết quả (mặc định <file>.matches.csv)')
    .option('--province <code>', 'tỉnh (danh mục 2025) có dân cư để đối sánh (mặc định DA06_DEMO_PROVINCE)')
    .action((file: string, opts: { source: string; scheme: '2025' | 'pre2025'; out?: string; province?: string }) =>
      withServices(async (services, config) => {
        const user = process.env.USER ?? 'cli';
        const provinceCode = opts.province ?? config.DA06_DEMO_PROVINCE;
        const ctx = { caller: { kind: 'anonymous' as const }, actor: { kind: 'cli' as const, id: user }, writeAction: 'linkage.run.created' as const };
        const run = await services.linkage.start({ cli: { user, provinceCode, ctx } }, { file, source: opts.source, scheme: opts.scheme, wait: true });
        const out = opts.out ?? `${file}.matches.csv`;
        writeFileSync(out, await services.linkage.unsafeResultsFile(run.id, provinceCode));
        console.error(`Lượt ${run.id}: ${run.rows} dòng — khớp ${run.matched}, cần xem xét ${run.review}, không khớp ${run.unmatched}. Kết quả: ${out}`);
      }),
    );
}
