import type { Command } from 'commander';
import { readFile } from 'node:fs/promises';
import type { JSONWebKeySet } from 'jose';
import { parseExchangeLogFile, verifyExchangeLog, type LogFailure } from '../modules/exchange/index.js';
import type { Config } from '../platform/config.js';
import { formatNumber, formatTimeWords } from '../platform/format.js';
import type { Services } from '../compose.js';

const FAILURES: Record<LogFailure, string> = {
  agency: 'mục của cơ quan khác',
  order: 'sai số thứ tự (thiếu hoặc chèn mục)',
  chain: 'đứt chuỗi: prevHash không phải mã băm của mục trước (mục trước bị sửa, xóa hoặc chèn)',
  hash: 'mã băm không khớp nội dung của mục (mục bị sửa)',
  signature: 'chữ ký của da06 không hợp lệ với bộ khóa công khai (mục bị sửa rồi băm lại, hoặc khóa không phải của da06)',
};

/**
 * Checks a downloaded exchange log offline; returns the exit code (0 valid, 3 an entry fails, 2 the file is unreadable)
 * and prints the verdict. The keys are the file's own unless `jwksFile` (fetched independently from
 * `${issuer}/.well-known/jwks.json`) is given.
 */
export async function verifyExchangeLogFile(file: string, jwksFile: string | undefined, print: (line: string) => void): Promise<number> {
  let parsed;
  let jwks: JSONWebKeySet;
  try {
    parsed = parseExchangeLogFile(await readFile(file, 'utf8'));
    jwks = jwksFile ? (JSON.parse(await readFile(jwksFile, 'utf8')) as JSONWebKeySet) : parsed.header.jwks;
    if (!Array.isArray(jwks?.keys)) throw new Error('JWKS without keys');
  } catch (err) {
    print(`Không đọc được tệp nhật ký hoặc tệp khóa: ${(err as Error).message}`);
    return 2;
  }
  const { header, entries } = parsed;
  if (!jwksFile) {
    print(`Dùng bộ khóa công khai kèm trong tệp. Để kiểm tra độc lập, tải ${header.issuer}/.well-known/jwks.json và dùng --jwks.`);
  }
  if (entries.length !== header.entries) print(`Lưu ý: dòng đầu ghi ${header.entries} mục, tệp có ${entries.length} mục.`);
  if (header.base) {
    // The base is the file's own statement: entries before it were removed under the retention and cannot be checked
    // from this file (compare with a download you kept, or ask for `da06 exchange anchors` on da06's side).
    print(`Tệp bắt đầu sau mục số ${header.base.seq} (các mục trước đã xóa khi hết thời hạn lưu trữ, không kiểm tra được từ tệp này).`);
  }
  const verdict = await verifyExchangeLog(entries, jwks, header.base);
  if (verdict.valid) {
    const last = entries.at(-1);
    print(`Nhật ký trao đổi hợp lệ: ${verdict.entries} mục của cơ quan "${header.agencyName}" (mã ${header.agencyId})` +
      (last ? `, đến mục số ${last.seq} lúc ${formatTimeWords(new Date(last.at))}.` : '.'));
    return entries.length === header.entries ? 0 : 3;
  }
  print(`NHẬT KÝ TRAO ĐỔI KHÔNG HỢP LỆ tại mục số ${verdict.seq ?? '?'}: ${FAILURES[verdict.kind]}. Các mục trước đó hợp lệ.`);
  return 3;
}

type WithServices = <T>(fn: (services: Services, config: Config) => Promise<T>) => Promise<T>;

/** `da06 exchange anchors`: every head anchored in the audit chain against the log as it is now; exit code 3 on a mismatch. */
export async function checkExchangeAnchors(services: Services, print: (line: string) => void): Promise<number> {
  const r = await services.exchange.checkAnchors();
  for (const f of r.failures) {
    const at = formatTimeWords(new Date(f.anchoredAt));
    print(f.kind === 'missing'
      ? `MẤT MỤC: nhật ký của cơ quan mã ${f.agencyId} không còn mục số ${f.seq} đã neo lúc ${at}, dù chưa hết thời hạn lưu trữ.`
      : f.kind === 'altered'
        ? `MỤC BỊ SỬA: mục số ${f.seq} của cơ quan mã ${f.agencyId} không còn mã băm đã neo lúc ${at}.`
        : `GỐC CHUỖI KHÔNG HỢP LỆ: nhật ký của cơ quan mã ${f.agencyId} bắt đầu sau mục số ${f.seq}, nhưng đó không phải gốc mà lần xóa theo thời hạn lưu trữ gần nhất đã ghi vào nhật ký truy cập.`);
  }
  if (r.failures.length) return 3;
  print(`Nhật ký trao đổi khớp ${formatNumber(r.anchors - r.removed)} mốc neo trong nhật ký truy cập` + (r.removed ? ` (${formatNumber(r.removed)} mốc thuộc các mục đã xóa khi hết thời hạn lưu trữ).` : '.'));
  return 0;
}

/** `da06 exchange verify FILE [--jwks FILE]` (reads no database), `anchors` and `prune` (on the database). */
export function registerExchangeCommands(program: Command, withServices: WithServices) {
  const exchange = program.command('exchange').description('Nền tảng chia sẻ dữ liệu (LGSP)');
  exchange
    .command('verify <file>')
    .description('Kiểm tra ngoại tuyến nhật ký trao đổi cơ quan đã tải về (GET /api/v1/exchange/log): chữ ký của da06, mã băm và chuỗi; báo mục đầu tiên không hợp lệ')
    .option('--jwks <file>', 'bộ khóa công khai của da06 (tải từ /.well-known/jwks.json); mặc định dùng bộ khóa kèm trong tệp')
    .action(async (file: string, opts: { jwks?: string }) => {
      process.exitCode = await verifyExchangeLogFile(file, opts.jwks, (line) => console.log(line));
    });
  exchange
    .command('anchors')
    .description('Đối chiếu nhật ký trao đổi với các đầu chuỗi đã neo vào nhật ký truy cập (kiểm tra nhật ký truy cập trước bằng `da06 audit verify`)')
    .action(() => withServices(async (services) => {
      await services.exchange.anchorLog();
      process.exitCode = await checkExchangeAnchors(services, (line) => console.log(line));
    }));
  exchange
    .command('prune')
    .description('Xóa các mục nhật ký trao đổi quá thời hạn lưu trữ (DA06_EXCHANGE_LOG_RETENTION_MONTHS), giữ mục cuối đã xóa làm gốc chuỗi; máy chủ tự làm việc này mỗi ngày')
    .action(() => withServices(async (services, config) => {
      // Anchored first: the heads that are about to leave stay recorded in the audit chain.
      await services.exchange.anchorLog();
      const pruned = await services.exchange.pruneLog(config.DA06_EXCHANGE_LOG_RETENTION_MONTHS);
      for (const p of pruned) console.log(`Cơ quan mã ${p.agencyId}: đã xóa ${formatNumber(p.removed)} mục, đến mục số ${p.throughSeq}.`);
      if (!pruned.length) console.log(`Không có mục nào cũ hơn ${config.DA06_EXCHANGE_LOG_RETENTION_MONTHS} tháng.`);
    }));
}
