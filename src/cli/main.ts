import { Command, Option } from 'commander';
import { readFileSync, writeFileSync, statSync } from 'node:fs';
import { loadConfig, requireServerSettings, ConfigError, secretKey, type Config } from '../platform/config.js';
import { DomainError } from '../platform/errors.js';
import type { Db, Transaction } from '../platform/db.js';
import { audited, type AuditAction } from '../platform/audit.js';
import { AuditAnchorError, checkpointSigningKey, keepAuditAnchored } from '../platform/audit-checkpoint.js';
import { checkApplicationRole, checkpointTarget, registerAuditCommands } from './audit.js';
import { registerDvcqgCommands } from './dvcqg.js';
import { registerExchangeCommands } from './exchange.js';
import { registerLinkageCommands } from './linkage.js';
import { buildApp } from '../app.js';
import { composeServices, stopServices, type Services } from '../compose.js';
import { applicationRole, openDatabase, prepareDatabase, prepareDatabaseAsOwner } from '../setup.js';
import { createDemoProvince, type DemoAccount } from '../demo.js';
import { createStatistics, importPeopleRows, importSummary, readImportFile, rejectionsCsv, seedPopulation, unsafeFindForVerification, unsafePortraitOf, type RegistryStatistics } from '../modules/registry/index.js';
import { todayInVietnam } from '../platform/time.js';
import { createOfficerAccounts, createOutboxStore } from '../modules/identity/index.js';
import { ASSIGNABLE_SCOPES, rotateSigningKeys } from '../modules/identity/index.js';
import { ROLE_NAMES, ROLES, type Role } from '../roles.js';
import { IDENTITY_FIELDS, RELYING_PARTY_TYPES, createRelyingPartyService, loadChipTestVectors, createTrustListService, rotateCredentialKeys } from '../modules/credentials/index.js';
import type { RelyingPartyType } from '../modules/credentials/index.js';
import { progressBar } from './progress.js';
import { registerCloseStale, servicesCommand } from './services.js';
import { outboxListing, refuseDemoInProduction } from './policy.js';
import type { OfficerCaller } from '../platform/access.js';
import { keepClosingStale } from '../modules/services/index.js';
import { loadKioskCardReaderStandin } from '../modules/kiosk/index.js';
import { PlanFileError, bundledPlanFiles, loadPlanFile, renderDocx, renderPdf } from '../modules/operations/index.js';
import type { LifeEvents } from '../modules/services/index.js';

/** Maintenance commands run as the tables' owner (`DA06_OWNER_DATABASE_URL` when set): migrations, grants, bulk import. */
async function withDb<T>(fn: (db: Db, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase(config, { asOwner: true });
  try {
    await prepareDatabase(db, { grantTo: applicationRole(config) });
    return await fn(db, config);
  } finally {
    await db.close();
  }
}

/**
 * Runs `fn` with the services the server runs (src/compose.ts, the one composition root), then stops
 * them. For commands that act through a module's services; commands that only load or read data keep
 * running on database settings alone (an operator's `da06 import people` needs no server secrets).
 */
function withServices<T>(fn: (services: Services, db: Db, config: Config) => Promise<T>): Promise<T> {
  return withDb(async (db, config) => {
    const services = await composeServices({ config, db });
    try {
      return await fn(services, db, config);
    } finally {
      await stopServices(services);
    }
  });
}

/** Recounts the dashboards' figures when they are older than `minutes`, then every `minutes` (0: never). */
function keepStatisticsFresh(stats: RegistryStatistics, minutes: number, onError: (err: unknown) => void) {
  if (!minutes) return;
  const refresh = () => void stats.refresh().catch(onError);
  void stats.lastRefresh().then((at) => {
    if (!at || Date.now() - Date.parse(at) > minutes * 60_000) refresh();
  }, onError);
  setInterval(refresh, minutes * 60_000).unref();
}

/**
 * The daily reminders (`da06 services remind`) in the server: a minute after start, then every 24 hours. Each
 * reminder is written once per person, reason and period, so a run on several nodes or twice a day sends nothing twice.
 */
function keepReminding(life: LifeEvents, onError: (err: unknown) => void) {
  const run = () => void life.remind().catch(onError);
  setTimeout(run, 60_000).unref();
  setInterval(run, 24 * 3600_000).unref();
}

/** How often the server closes dossiers whose supplement was not given in time (the limit counts in days). */
const CLOSE_STALE_EVERY_MIN = 60;
/**
 * How often the server marks unpaid payment requests past their validity (DA06_PAYMENTS_EXPIRY_HOURS) as expired.
 * Between two runs such a request already reads as expired (payments/service.ts `statusAt`): this only records it.
 */
const EXCHANGE_BATCHES_EVERY_MS = 30_000;
const EXPIRE_PAYMENTS_EVERY_MIN = 10;

function printAccounts(accounts: DemoAccount[]) {
  const lines = [
    '',
    'Tài khoản cán bộ mẫu (chỉ in một lần, hãy lưu lại):',
    ...accounts.map((a) => `  ${a.username.padEnd(12)} mật khẩu: ${a.password}   (${a.role}, địa bàn ${a.areaCode})`),
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

const program = new Command()
  .name('da06')
  .description('Nền tảng da06 — dữ liệu dân cư, định danh và xác thực điện tử (Đề án 06)');

program
  .command('serve')
  .description('Chạy máy chủ web và API')
  .option('--demo', 'tạo tỉnh mẫu ở lần chạy đầu (dữ liệu tổng hợp, tài khoản cán bộ mẫu)')
  .action(async (opts: { demo?: boolean }) => {
    const config = requireServerSettings(loadConfig());
    refuseDemoInProduction(config, opts.demo);
    const checkpointKey = checkpointSigningKey(config);
    const db = await openDatabase(config);
    const prepared = await prepareDatabaseAsOwner(config, db);
    if (prepared.migrations.length) console.error(`Đã áp dụng ${prepared.migrations.length} migration.`);
    await checkApplicationRole(db, config);
    let ready = !opts.demo;
    const { app, services } = await buildApp({ config, db, isReady: () => ready });
    if (opts.demo) {
      const bar = progressBar('Tạo tỉnh mẫu', 'người');
      const demo = await createDemoProvince(db, config, services, bar.update);
      bar.stop();
      if (demo.created) printAccounts(demo.accounts);
      ready = true;
    }
    await app.listen({ host: config.HOST, port: config.PORT });
    keepStatisticsFresh(services.registry.statistics, config.DA06_STATS_REFRESH_MIN, (err) => app.log.error({ err }, 'statistics refresh failed'));
    keepReminding(services.services.life, (err) => app.log.error({ err }, 'reminders failed'));
    keepClosingStale(() => services.services.closeUnansweredSupplements(), CLOSE_STALE_EVERY_MIN, (err) => app.log.error({ err }, 'services close-out failed'));
    if (services.payments.enabled()) {
      keepClosingStale(() => services.payments.expireOverdue(), EXPIRE_PAYMENTS_EVERY_MIN, (err) => app.log.error({ err }, 'payments expiry failed'));
    }
    // Batch verifications of the data-sharing gateway: each upload starts its own answering; this takes over a batch a
    // stopped node left mid-way (after its lease) and clears half-received uploads.
    services.exchange.batches.keepAnswering(EXCHANGE_BATCHES_EVERY_MS);
    const anchors = keepAuditAnchored(db, checkpointKey, checkpointTarget(config), config.DA06_AUDIT_CHECKPOINT_MIN,
      (err) => app.log.error({ err }, err instanceof AuditAnchorError ? 'audit log tampered with: it contradicts a signed checkpoint' : 'audit checkpoint failed'),
      // The agencies' exchange logs are anchored in the audit chain just before each of its checkpoints.
      () => services.exchange.anchorLog());
    // The exchange log's retention (DA06_EXCHANGE_LOG_RETENTION_MONTHS), once a day.
    keepClosingStale(() => services.exchange.pruneLog(config.DA06_EXCHANGE_LOG_RETENTION_MONTHS), 24 * 60, (err) => app.log.error({ err }, 'exchange log retention failed'));
    // The national portal's worker (status outbox, receiving), when DA06_DVCQG_URL is configured.
    const dvcqg = services.services.dvcqg.start();
    if (services.services.dvcqg.target().configured) console.error(`Kết nối: ${services.services.dvcqg.target().label}.`);
    console.error(`da06 đang chạy tại http://${config.HOST}:${config.PORT} (giao diện: /, API: /api/docs)`);
    const stop = async () => {
      await dvcqg.stop();
      await app.close();
      // After the app has drained its audit entries, so the last checkpoint covers them all.
      await anchors.stop();
      await db.close();
      process.exit(0);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });

program
  .command('migrate')
  .description('Áp dụng các migration còn thiếu và nạp danh mục đơn vị hành chính')
  .action(() =>
    withDb(async () => {
      console.error('Cơ sở dữ liệu đã ở phiên bản mới nhất.');
    }),
  );

program
  .command('seed')
  .description('Sinh dân cư tổng hợp cho một tỉnh (cùng hạt giống → cùng dữ liệu)')
  .requiredOption('--province <code>', 'mã tỉnh theo danh mục 2025, ví dụ 82')
  .requiredOption('--people <n>', 'số người', (v) => Number.parseInt(v, 10))
  .option('--seed <int>', 'hạt giống', (v) => Number.parseInt(v, 10), 6)
  .option('--today <date>', 'ngày tham chiếu YYYY-MM-DD (mặc định hôm nay)')
  .action((opts: { province: string; people: number; seed: number; today?: string }) =>
    withDb(async (db) => {
      const bar = progressBar('Sinh dân cư', 'người');
      const t = Date.now();
      const r = await seedPopulation(db, {
        provinceCode: opts.province, people: opts.people, seed: opts.seed, today: opts.today ?? todayInVietnam(), onProgress: bar.update,
      });
      bar.stop();
      console.error(`Đã tạo ${r.people} người trong ${r.households} hộ (${Math.round(r.people / ((Date.now() - t) / 1000))} người/giây).`);
    }),
  );

const importCmd = program.command('import').description('Nhập dữ liệu từ tệp');
importCmd
  .command('people <file>')
  .description('Nhập công dân từ CSV (có dòng tiêu đề) hoặc NDJSON; dòng lỗi ghi vào tệp .rejects.csv')
  .addOption(new Option('--scheme <scheme>', 'danh mục của commune_code').choices(['2025', 'pre2025']).default('2025'))
  .option('--rejects <file>', 'tệp ghi các dòng bị từ chối (mặc định <file>.rejects.csv)')
  .option('--bulk', 'nạp ban đầu vào CSDL dân cư còn trống: một giao dịch, chỉ mục dựng lại một lần ở cuối (nhanh hơn nhiều; trong lúc nạp không truy cập được dân cư)')
  .action((file: string, opts: { scheme: '2025' | 'pre2025'; rejects?: string; bulk?: boolean }) =>
    withDb(async (db) => {
      const size = statSync(file).size;
      const bar = progressBar('Nhập dân cư', 'dòng');
      const t = Date.now();
      const r = await importPeopleRows(db, readImportFile(file), {
        scheme: opts.scheme,
        actor: { actorKind: 'cli', actorId: process.env.USER ?? 'cli' },
        onProgress: (read) => bar.update(read, Math.max(read, Math.round(size / 90))),
        bulk: opts.bulk,
      });
      bar.stop();
      const rejectsPath = opts.rejects ?? `${file}.rejects.csv`;
      if (r.rejected) writeFileSync(rejectsPath, rejectionsCsv(r.rejections));
      console.error(
        importSummary(r) + (r.rejected ? ` (chi tiết: ${rejectsPath})` : '') + ` — ${Math.round(r.read / ((Date.now() - t) / 1000))} dòng/giây.`,
      );
      process.exitCode = r.rejected ? 2 : 0;
    }),
  );

const officers = program.command('officers').description('Tài khoản cán bộ');
officers
  .command('add')
  .description('Thêm tài khoản cán bộ (cùng quy tắc với trang quản trị); không có --password: in mật khẩu dùng một lần, phải đổi khi đăng nhập')
  .requiredOption('--username <name>')
  .requiredOption('--full-name <name>')
  .addOption(new Option('--role <role>').choices(ROLE_NAMES).makeOptionMandatory())
  .option('--area <code>', 'mã xã (vai trò cấp xã) hoặc mã tỉnh, danh mục 2025; nhân viên đơn vị xác thực lấy tỉnh của đơn vị')
  .option('--relying-party <code>', 'mã đơn vị xác thực (bắt buộc với vai trò rp_staff)')
  .option('--password <password>', 'mật khẩu do người vận hành đặt (ít nhất 10 ký tự, không chứa tên đăng nhập)')
  .action((opts: { username: string; fullName: string; role: Role; area?: string; relyingParty?: string; password?: string }) =>
    // On database settings alone (no server running): the same account service as the administration page.
    withDb(async (db, config) => {
      const relyingParties = createRelyingPartyService(db, secretKey(config));
      const accounts = createOfficerAccounts({ db, identity: { forgetOfficer: async () => undefined }, roles: ROLES, relyingParties: (province) => relyingParties.list(province) });
      let relyingPartyId: number | null = null;
      let area = opts.area;
      if (opts.role === 'rp_staff' || opts.relyingParty) {
        const rp = opts.relyingParty ? await relyingParties.findByCode(opts.relyingParty) : undefined;
        if (opts.role !== 'rp_staff' || !rp) {
          console.error(opts.role !== 'rp_staff' ? 'Chỉ vai trò rp_staff thuộc một đơn vị xác thực.' : `Không tìm thấy đơn vị xác thực ${opts.relyingParty ?? '(thiếu --relying-party)'}.`);
          process.exitCode = 1;
          return;
        }
        relyingPartyId = rp.id;
        area ??= rp.provinceCode;
      }
      if (!area) {
        console.error('Thiếu --area.');
        process.exitCode = 1;
        return;
      }
      try {
        const r = await accounts.create({ kind: 'operator', name: process.env.USER ?? 'cli' }, {
          username: opts.username, fullName: opts.fullName, role: opts.role, areaCode: area, relyingPartyId, password: opts.password,
        });
        console.error(`Đã tạo tài khoản ${r.account.username}.`);
        if (r.password) console.log(`mật khẩu dùng một lần: ${r.password}   (chỉ in một lần; phải đổi khi đăng nhập lần đầu)`);
      } catch (err) {
        if (!(err instanceof DomainError)) throw err;
        console.error(err.code === 'OFFICER_USERNAME_TAKEN' ? `Tài khoản ${opts.username} đã tồn tại.` : [err.message, ...err.errors.map((e) => `${e.field}: ${e.message}`)].join('\n'));
        process.exitCode = 1;
      }
    }),
  );

/**
 * The operator's account writes by username: any province and any role, administrators and auditors
 * included (an administrator may not touch those), through the server's own account service.
 */
function officerCommand(name: string, description: string, run: (officers: Services['officers'], by: string, username: string) => Promise<{ password: string } | void>, done: string) {
  officers
    .command(name)
    .description(description)
    .requiredOption('--username <name>')
    .action((opts: { username: string }) =>
      withServices(async (services) => {
        try {
          const r = await run(services.officers, process.env.USER ?? 'cli', opts.username);
          console.error(`${done} ${opts.username}.`);
          if (r) console.log(`mật khẩu dùng một lần: ${r.password}   (chỉ in một lần; phải đổi khi đăng nhập lần đầu)`);
        } catch (err) {
          if (!(err instanceof DomainError)) throw err;
          console.error(err.code === 'OFFICER_NOT_FOUND' ? `Không có tài khoản ${opts.username}.` : err.message);
          process.exitCode = 1;
        }
      }),
    );
}
officerCommand('disable', 'Vô hiệu hóa tài khoản cán bộ (kể cả quản trị, kiểm tra viên); các phiên kết thúc ngay', (o, by, u) => o.operator.disable(by, u), 'Đã vô hiệu hóa tài khoản');
officerCommand('enable', 'Mở lại tài khoản cán bộ đã vô hiệu hóa', (o, by, u) => o.operator.enable(by, u), 'Đã mở lại tài khoản');
officerCommand(
  'reset-password',
  'Đặt lại mật khẩu tài khoản cán bộ: in mật khẩu dùng một lần, phải đổi khi đăng nhập; các phiên kết thúc',
  (o, by, u) => o.operator.resetPassword(by, u),
  'Đã đặt lại mật khẩu tài khoản',
);

const relyingParties = program.command('relying-parties').description('Đơn vị xác thực tại quầy (bệnh viện, cơ sở lưu trú, công chứng...)');
relyingParties
  .command('add')
  .description('Đăng ký đơn vị xác thực; với --api-key in khóa API một lần duy nhất')
  .requiredOption('--code <code>', 'mã ngắn: chữ thường, số, gạch nối')
  .requiredOption('--name <name>')
  .addOption(new Option('--type <type>').choices(Object.keys(RELYING_PARTY_TYPES)).makeOptionMandatory())
  .requiredOption('--purpose <text>', 'mục đích xác thực, hiển thị cho công dân')
  .requiredOption('--fields <list>', `trường được xem, cách nhau bởi dấu phẩy (${IDENTITY_FIELDS.join(', ')})`)
  .requiredOption('--province <code>', 'mã tỉnh (danh mục 2025)')
  .addOption(new Option('--min-level <level>', 'mức định danh tối thiểu').choices(['1', '2']).default('1'))
  .option('--rate <n>', 'số lần xác thực tối đa mỗi phút', '600')
  .option('--api-key', 'cấp khóa API cho hệ thống của đơn vị')
  .action((opts: { code: string; name: string; type: RelyingPartyType; purpose: string; fields: string; province: string; minLevel: string; rate: string; apiKey?: boolean }) =>
    withServices(async ({ credentials }) => {
      const r = await credentials.relyingParties.add({
        code: opts.code, name: opts.name, type: opts.type, purpose: opts.purpose, provinceCode: opts.province, minLevel: opts.minLevel === '2' ? 2 : 1,
        allowedFields: opts.fields.split(',').map((f) => f.trim()).filter(Boolean), ratePerMinute: Number(opts.rate),
      }, { withApiKey: !!opts.apiKey });
      console.log(`Đã đăng ký ${r.relyingParty.name} (${r.relyingParty.code}).`);
      if (r.apiKey) console.log(`api_key: ${r.apiKey}   (chỉ in một lần, hãy lưu lại)`);
    }),
  );
relyingParties
  .command('list')
  .description('Liệt kê đơn vị xác thực và số lần xác thực')
  .action(() =>
    withServices(async ({ credentials }) => {
      const list = await credentials.relyingParties.list();
      if (!list.length) console.log('Chưa có đơn vị nào.');
      for (const r of list) {
        console.log(`${r.code}  ${r.name}  (${r.typeLabel}, mức ${r.minLevel}${r.active ? '' : ', ngừng hoạt động'})`);
        console.log(`    mục đích: ${r.purpose}; được xem: ${r.allowedFields.join(', ')}; đã xác thực: ${r.verifications} (hợp lệ ${r.valid})`);
      }
    }),
  );

program
  .command('stats')
  .description('Số liệu tổng hợp cho Trung tâm điều hành')
  .command('refresh')
  .description('Đếm lại số liệu tổng hợp dân cư (tháp tuổi, dân tộc, hộ, sinh/tử/chuyển) từ CSDL dân cư')
  .action(() =>
    withDb(async (db) => {
      const r = await createStatistics(db).refresh();
      console.error(`Đã đếm lại ${r.people.toLocaleString('vi-VN')} người trong ${r.ms} ms.`);
    }),
  );

registerCloseStale(servicesCommand(program), withServices);
servicesCommand(program)
  .command('remind')
  .description('Gửi lời nhắc hằng ngày: tạm trú sắp hết hạn, đến tuổi cấp đổi thẻ căn cước (mỗi người, mỗi lý do, mỗi kỳ một lần; chạy lại không gửi trùng)')
  .action(() =>
    withServices(async (services) => {
      const r = await services.services.life.remind();
      console.error(`Lời nhắc: ${r.candidates} trường hợp đến hạn, ${r.written} lời nhắc mới, ${r.sent} tin nhắn đã gửi.`);
    }),
  );

const plansCmd = program.command('plans').description('Kế hoạch triển khai Đề án 06 (theo dõi tiến độ các mô hình)');
plansCmd
  .command('import [files...]')
  .description('Nhập kế hoạch từ tệp JSON (mặc định: 5 kế hoạch mẫu trong data/plans); nhập lại giữ nguyên tiến độ đã báo cáo')
  .action((files: string[]) =>
    withServices(async (services) => {
      try {
        for (const file of files.length ? files : bundledPlanFiles()) {
          const r = await services.operations.plans.importPlan(loadPlanFile(file), file.split('/').slice(-2).join('/'));
          console.error(`${r.id}: ${r.models} mô hình${r.removed ? `, bỏ ${r.removed} mô hình không còn trong tệp` : ''}`);
        }
      } catch (err) {
        if (err instanceof PlanFileError) {
          console.error(err.message);
          process.exitCode = 2;
        } else throw err;
      }
    }),
  );
plansCmd
  .command('list')
  .description('Các kế hoạch đã nhập và tiến độ')
  .action(() =>
    withServices(async (services) => {
      for (const p of await services.operations.plans.list()) {
        console.log(`${p.id.padEnd(28)} ${String(p.models).padStart(3)} mô hình  xong ${p.counts.done}, đang làm ${p.counts.in_progress}, chưa ${p.counts.not_started}, quá hạn ${p.counts.overdue}  ${p.title.slice(0, 60)}`);
      }
    }),
  );

program
  .command('report')
  .description('Báo cáo')
  .command('monthly')
  .description('Báo cáo tháng của Tổ công tác Đề án 06 (Word hoặc PDF, thể thức Nghị định 30/2020/NĐ-CP)')
  .requiredOption('--plan <id>', 'mã kế hoạch (da06 plans list)')
  .requiredOption('--month <YYYY-MM>', 'tháng báo cáo')
  .addOption(new Option('--format <format>', 'định dạng').choices(['docx', 'pdf']).default('docx'))
  .option('--area <code>', 'địa bàn (mã tỉnh hoặc xã theo danh mục 2025) của số liệu; mặc định tỉnh mẫu')
  .option('--out <file>', 'tệp ghi ra (mặc định bao-cao-<plan>-<month>.<format>)')
  .action((opts: { plan: string; month: string; format: 'docx' | 'pdf'; area?: string; out?: string }) =>
    withServices(async (services, _db, config) => {
      const area = opts.area ?? config.DA06_DEMO_PROVINCE;
      const caller: OfficerCaller = {
        kind: 'officer', officerId: 0, username: 'cli', fullName: process.env.USER ?? 'cli', role: 'working_group',
        roleLabel: ROLES.working_group.label, permissions: new Set(ROLES.working_group.permissions),
        area: { level: area.length === 2 ? 'province' : 'commune', code: area }, relyingPartyId: null, csrfToken: '',
      };
      const report = await services.operations.plans.monthlyReport(caller, opts.plan, opts.month);
      const body = opts.format === 'pdf' ? await renderPdf(report) : await renderDocx(report);
      const out = opts.out ?? `bao-cao-${opts.plan}-${opts.month}.${opts.format}`;
      writeFileSync(out, body);
      console.error(`Đã ghi ${out} (${Math.round(body.length / 1024)} KB, ${report.models.length} mô hình).`);
    }),
  );

registerAuditCommands(program, withDb);
registerExchangeCommands(program, (fn) => withServices((services, _db, config) => fn(services, config)));
registerDvcqgCommands(program, (fn) => withServices((services) => fn(services)));
registerLinkageCommands(program, (fn) => withServices((services, _db, config) => fn(services, config)));

program
  .command('outbox')
  .description('In các tin nhắn mới nhất trong hộp thư đi (mã xác thực gửi tới công dân; dùng khi phát triển, ở production mã bị che)')
  .option('--limit <n>', 'số tin nhắn', (v) => Number.parseInt(v, 10), 10)
  .action((opts: { limit: number }) =>
    withDb(async (db, config) => {
      const messages = await createOutboxStore(db).latest(Math.min(Math.max(opts.limit || 10, 1), 1000));
      console.log(outboxListing(messages, config));
    }),
  );

program
  .command('demo-chip <personalId>')
  .description('(Chỉ khi phát triển, thử nghiệm) Tạo dữ liệu chip thẻ căn cước mẫu của một công dân trong CSDL, ký bởi một CSCA thử nghiệm mới được thêm vào danh sách tin cậy; dùng để thử nâng mức độ 2 và xác thực chip')
  .option('--out <file>', 'tệp JSON kết quả', 'chip.json')
  .action((personalId: string, opts: { out: string }) =>
    withDb(async (db, config) => {
      if (config.DA06_ENV === 'production') {
        console.error('Không dùng dữ liệu chip mẫu trong môi trường production.');
        process.exitCode = 1;
        return;
      }
      const person = await unsafeFindForVerification(db, personalId);
      if (!person) {
        console.error(`Không tìm thấy công dân ${personalId}.`);
        process.exitCode = 1;
        return;
      }
      const { buildTestCard } = await loadChipTestVectors();
      // DG2 carries the registry's portrait when it is a JPEG (what cards carry; a PNG is left out).
      const portrait = await unsafePortraitOf(db, person.personal_id);
      const card = await buildTestCard({
        personalId: person.personal_id, fullName: person.full_name, dateOfBirth: person.date_of_birth, sex: person.sex === 'Nữ' ? 'F' : 'M',
        legacyId: person.legacy_ids[0], issuedOn: '2021-06-01', expiresOn: '2046-01-01', nationality: 'Việt Nam',
      }, { face: portrait?.mediaType === 'image/jpeg' ? portrait.image : undefined });
      await createTrustListService(db).add(card.cscaPem);
      writeFileSync(opts.out, JSON.stringify({ sod: card.sod, dg1: card.dg1, dg2: card.dg2, dg13: card.dg13, dg15: card.dg15 }, null, 2) + '\n');
      console.log(`Đã ghi ${opts.out} (chip mẫu của ${person.full_name}); CSCA thử nghiệm đã được thêm vào danh sách tin cậy.`);
    }),
  );

program
  .command('kiosk-card-reader')
  .description('(Chỉ khi phát triển, thử nghiệm) Chương trình đọc thẻ giả lập của kiosk (docs/connectors/kiosk-card-reader.md): phục vụ dữ liệu chip trong tệp (do `da06 demo-chip` ghi) trên 127.0.0.1 như thể thẻ đang đặt trên đầu đọc')
  .requiredOption('--card <file>', 'tệp JSON dữ liệu chip (sod, dg1, dg13, ...)')
  .requiredOption('--origin <origin>', 'địa chỉ gốc của trang kiosk, ví dụ http://localhost:3000: chỉ trang này được đọc dữ liệu')
  .option('--port <port>', 'cổng trên 127.0.0.1', '8406')
  .action(async (opts: { card: string; origin: string; port: string }) => {
    const { startCardReaderStandin } = await loadKioskCardReaderStandin();
    const data = JSON.parse(readFileSync(opts.card, 'utf8')) as { sod: string; dg1: string; dg2?: string; dg13?: string; dg15?: string };
    const reader = await startCardReaderStandin({ origin: opts.origin, port: Number(opts.port), card: { sod: data.sod, dg1: data.dg1, dg2: data.dg2, dg13: data.dg13 } });
    console.log(`Đầu đọc thẻ giả lập tại ${reader.url} (thẻ trong ${opts.card}); Ctrl+C để dừng.`);
  });

const clients = program.command('clients').description('Dịch vụ kết nối đăng nhập một lần (OpenID Connect)');
clients
  .command('add')
  .description('Đăng ký dịch vụ; in client_id và (dịch vụ bảo mật) client_secret một lần duy nhất')
  .requiredOption('--name <name>', 'tên dịch vụ hiển thị cho công dân')
  .requiredOption('--redirect-uri <uri...>', 'địa chỉ nhận kết quả đăng nhập (cùng một máy chủ)')
  .option('--post-logout-redirect-uri <uri...>', 'địa chỉ quay về sau khi đăng xuất')
  .option('--scopes <list>', `phạm vi, cách nhau bởi dấu phẩy (công dân: ${ASSIGNABLE_SCOPES.join(', ')}, mặc định profile; cán bộ: officer)`)
  .addOption(new Option('--min-level <level>', 'mức định danh tối thiểu').choices(['1', '2']).default('1'))
  .option('--allow-personal-id', 'được nhận số định danh cá nhân (phạm vi personal_id)')
  .option('--public', 'ứng dụng công khai (trình duyệt, di động): không có client_secret, chỉ PKCE')
  .addOption(new Option('--audience <audience>', 'đối tượng đăng nhập: citizen (công dân, định danh điện tử) hoặc officer (cán bộ, phiên da06)').choices(['citizen', 'officer']).default('citizen'))
  .option('--province <code>', 'mã tỉnh (danh mục 2025) có quản trị viên quản lý dịch vụ; bỏ trống: chỉ quản lý qua dòng lệnh')
  .action((opts: { name: string; redirectUri: string[]; postLogoutRedirectUri?: string[]; scopes?: string; minLevel: string; allowPersonalId?: boolean; public?: boolean; audience: string; province?: string }) =>
    withServices(async ({ oidc }) => {
      const audience = opts.audience === 'officer' ? 'officer' : 'citizen';
      const scopes = opts.scopes ?? (audience === 'officer' ? 'officer' : 'profile');
      const r = await oidc.clients.add({
        name: opts.name, redirectUris: opts.redirectUri, postLogoutRedirectUris: opts.postLogoutRedirectUri, minLevel: opts.minLevel === '2' ? 2 : 1,
        scopes: scopes.split(',').map((s) => s.trim()).filter(Boolean), allowPersonalId: opts.allowPersonalId, public: opts.public, audience,
      }, { provinceCode: opts.province ?? null });
      console.log(`client_id: ${r.clientId}`);
      if (r.clientSecret) console.log(`client_secret: ${r.clientSecret}   (chỉ in một lần, hãy lưu lại)`);
    }),
  );
clients
  .command('list')
  .description('Liệt kê các dịch vụ đã đăng ký')
  .action(() =>
    withServices(async ({ oidc }) => {
      const list = await oidc.clients.listWithStatistics(30);
      if (!list.length) console.log('Chưa có dịch vụ nào.');
      for (const c of list) {
        const kind = c.audience === 'officer' ? 'cho cán bộ' : `mức ${c.minLevel}${c.allowPersonalId ? ', nhận số định danh' : ''}`;
        console.log(`${c.clientId}  ${c.name}  (${c.public ? 'công khai' : 'bảo mật'}, ${kind})`);
        console.log(`    phạm vi: ${c.scopes.join(', ') || '—'}; chuyển hướng: ${c.redirectUris.join(' ')}; đăng nhập 30 ngày: ${c.totalSignIns}`);
      }
    }),
  );

/**
 * The operator's change of the CSCA trust list (no province role may make it: `trust.manage`): the change
 * and its audit entry, actor the command line, commit together, as the route's would.
 */
const byOperator = <T>(db: Db, action: AuditAction, change: (tx: Transaction) => Promise<{ result: T; fingerprint: string }>) =>
  db.transaction(async (tx) => {
    const { result, fingerprint } = await change(tx);
    await audited(tx, { subjectKind: 'csca', subjectId: fingerprint }, { caller: { kind: 'anonymous' }, actor: { kind: 'cli', id: 'cli' }, writeAction: action });
    return result;
  });

const trust = program.command('trust').description('Danh sách chứng thư CSCA tin cậy để xác thực chip thẻ căn cước (ICAO 9303)');
trust
  .command('add <file>')
  .description('Thêm chứng thư CSCA (PEM hoặc DER)')
  .action((file: string) =>
    withDb(async (db) => {
      const trustList = createTrustListService(db);
      const r = await byOperator(db, 'credentials.csca.added', async (tx) => {
        const added = await trustList.add(readFileSync(file), tx);
        return { result: added, fingerprint: added.fingerprint };
      });
      console.log(`${r.added ? 'Đã thêm' : 'Đã có sẵn'}: ${r.subject} (SHA-256 ${r.fingerprint}, hiệu lực ${r.notBefore.slice(0, 10)} – ${r.notAfter.slice(0, 10)})`);
    }),
  );
trust
  .command('list')
  .description('Liệt kê chứng thư CSCA tin cậy')
  .action(() =>
    withDb(async (db) => {
      const list = await createTrustListService(db).list();
      if (!list.length) console.log('Danh sách tin cậy đang trống: mọi chip sẽ không xác thực được.');
      for (const c of list) console.log(`${c.fingerprint}  ${c.subject}  (hiệu lực ${c.notBefore.slice(0, 10)} – ${c.notAfter.slice(0, 10)})`);
    }),
  );
trust
  .command('remove <fingerprint>')
  .description('Bỏ một chứng thư CSCA (theo SHA-256)')
  .action((fingerprint: string) =>
    withDb(async (db) => {
      const trustList = createTrustListService(db);
      await byOperator(db, 'credentials.csca.removed', async (tx) => ({ result: undefined, fingerprint: await trustList.remove(fingerprint, tx) }));
      console.log('Đã bỏ khỏi danh sách tin cậy.');
    }),
  );

program
  .command('keys')
  .description('Khóa ký: máy chủ OpenID Connect (/oidc/jwks) và mã QR định danh, giấy tờ trong ví (/.well-known/jwks.json)')
  .command('rotate')
  .description('Tạo khóa ký mới; khóa cũ vẫn công bố đến khi mọi thứ nó đã ký hết hạn. Khởi động lại máy chủ để dùng khóa mới.')
  .addOption(new Option('--only <which>', 'chỉ xoay một loại khóa').choices(['oidc', 'credentials']))
  .action((opts: { only?: 'oidc' | 'credentials' }) =>
    withDb(async (db, config) => {
      if (opts.only !== 'credentials') console.log(`Khóa ký OpenID Connect mới: ${(await rotateSigningKeys(db, secretKey(config))).join(', ')}`);
      if (opts.only !== 'oidc') console.log(`Khóa ký mã QR định danh mới: ${await rotateCredentialKeys(db, secretKey(config))}`);
    }),
  );

program.parseAsync().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else if (err instanceof DomainError) console.error(err.message);
  else console.error(err);
  process.exit(1);
});
