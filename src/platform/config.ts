import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * The whole configuration, read from the environment once at start. Each option carries a
 * one-line description; `docs/configuration.md` is generated from them (see config.test.ts).
 */
export const ConfigSchema = Type.Object(
  {
    DA06_ENV: Type.Union([Type.Literal('development'), Type.Literal('test'), Type.Literal('production')], {
      default: 'production',
      description: 'Chế độ chạy: production (mặc định; bắt buộc có khóa bí mật, địa chỉ công khai và cổng SMS, không có tỉnh mẫu), development (`npm start`: tỉnh mẫu, hộp thư đi /dev/outbox thay cho SMS) hoặc test.',
    }),
    HOST: Type.String({ default: '127.0.0.1', description: 'Địa chỉ máy chủ HTTP lắng nghe.' }),
    PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'Cổng HTTP.' }),
    DA06_PUBLIC_URL: Type.Optional(
      Type.String({ pattern: '^https?://[^/]+$', description: 'Địa chỉ công khai của hệ thống (không có / cuối), ví dụ https://id.tinh.gov.vn; issuer OIDC là <địa chỉ>/oidc; tên máy là RP ID của khóa truy cập (passkey), nên phải là tên miền (http://localhost:PORT khi thử nghiệm), không phải địa chỉ IP. Để trống thì dùng http://HOST:PORT.' }),
    ),
    DA06_TRUST_PROXY: Type.Optional(
      Type.String({ pattern: '^[0-9A-Fa-f.:/, ]+$', description: 'Địa chỉ IP hoặc dải CIDR của các proxy ngược tin cậy, phân cách bằng dấu phẩy; chỉ từ các địa chỉ này mới tin X-Forwarded-For/X-Forwarded-Proto (HSTS chỉ gửi khi yêu cầu đến qua HTTPS). Để trống: không tin proxy nào.' }),
    ),
    DATABASE_URL: Type.Optional(
      Type.String({ pattern: '^postgres(ql)?://', description: 'PostgreSQL mà máy chủ dùng, với vai trò ứng dụng (chỉ được đọc và ghi thêm vào nhật ký truy cập; xem DA06_OWNER_DATABASE_URL); để trống thì dùng PGlite nhúng (một vai trò).' }),
    ),
    DA06_OWNER_DATABASE_URL: Type.Optional(
      Type.String({ pattern: '^postgres(ql)?://', description: 'PostgreSQL với vai trò sở hữu các bảng: chạy migration, cấp quyền cho vai trò ứng dụng của DATABASE_URL, các lệnh quản trị (da06 …). Để trống thì DATABASE_URL làm cả hai việc (chỉ nên khi phát triển).' }),
    ),
    DA06_DATA_DIR: Type.String({ default: './.da06', description: 'Thư mục dữ liệu: PGlite nhúng, các mốc neo nhật ký truy cập (audit-checkpoints.jsonl).' }),
    DA06_SESSION_SECRET: Type.Optional(
      Type.String({ minLength: 32, description: 'Khóa bí mật (≥32 ký tự) băm mã phiên trước khi lưu (HMAC); bắt buộc ở production.' }),
    ),
    DA06_SECRET_KEY: Type.Optional(
      Type.String({ minLength: 32, description: 'Khóa chủ (≥32 ký tự) mã hóa khóa ký và bí mật TOTP khi lưu; bắt buộc ở production.' }),
    ),
    DA06_SMS_GATEWAY_URL: Type.Optional(
      Type.String({ pattern: '^https?://[^\\s]+$', description: 'Cổng gửi SMS của tỉnh: da06 gửi POST JSON {"to", "text"} kèm `Authorization: Bearer <DA06_SMS_GATEWAY_TOKEN>` và chờ mã 2xx (README, mục Cấu hình); bắt buộc ở production. Để trống ở development thì tin nhắn vào hộp thư đi.' }),
    ),
    DA06_SMS_GATEWAY_TOKEN: Type.Optional(
      Type.String({ minLength: 16, description: 'Khóa bí mật (≥16 ký tự) gửi kèm mỗi tin nhắn tới cổng SMS; bắt buộc khi có DA06_SMS_GATEWAY_URL.' }),
    ),
    DA06_SESSION_TTL_MIN: Type.Integer({ minimum: 5, maximum: 1440, default: 480, description: 'Thời hạn phiên đăng nhập (phút).' }),
    DA06_LOGIN_FREE_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 100, default: 5, description: 'Số lần đăng nhập sai liên tiếp của một tài khoản (tên đăng nhập hoặc số định danh, có tồn tại hay không) trước khi phải chờ giữa hai lần thử.' }),
    DA06_LOGIN_BACKOFF_SEC: Type.Integer({ minimum: 1, maximum: 3600, default: 2, description: 'Thời gian chờ đầu tiên (giây) sau các lần sai đó; tăng gấp đôi sau mỗi lần sai tiếp theo.' }),
    DA06_LOGIN_BACKOFF_MAX_SEC: Type.Integer({ minimum: 1, maximum: 86400, default: 300, description: 'Thời gian chờ tối đa giữa hai lần thử đăng nhập của một tài khoản (giây).' }),
    DA06_LOGIN_WINDOW_MIN: Type.Integer({ minimum: 1, maximum: 1440, default: 15, description: 'Quên các lần đăng nhập sai sau số phút này không có lần thử nào (đăng nhập thành công cũng xóa).' }),
    DA06_RATE_LIMIT_LOGIN: Type.Integer({ minimum: 1, default: 20, description: 'Số yêu cầu đăng nhập tối đa mỗi phút từ một địa chỉ IP.' }),
    DA06_STATS_REFRESH_MIN: Type.Integer({ minimum: 0, maximum: 1440, default: 10, description: 'Đếm lại số liệu tổng hợp dân cư cho Trung tâm điều hành sau số phút này (0: chỉ khi chạy `da06 stats refresh`).' }),
    DA06_IDENTITY_QR_SECONDS: Type.Integer({ minimum: 15, maximum: 600, default: 60, description: 'Mã QR định danh tự làm mới sau số giây này; mã còn hiệu lực thêm 30 giây để kịp quét.' }),
    DA06_KIOSK_IDLE_SECONDS: Type.Integer({ minimum: 5, maximum: 600, default: 60, description: 'Kiosk tự phục vụ: không thao tác sau số giây này thì kết thúc phiên và trở về màn hình đầu.' }),
    DA06_KIOSK_LOOKUPS_PER_MIN: Type.Integer({ minimum: 1, maximum: 10000, default: 20, description: 'Kiosk tự phục vụ: số lần tra cứu hồ sơ theo mã tối đa mỗi phút của một kiosk (mã hồ sơ đoán được).' }),
    DA06_KIOSK_LOOKUPS_PER_ADDRESS_PER_MIN: Type.Integer({ minimum: 1, maximum: 100000, default: 60, description: 'Kiosk tự phục vụ: số lần tra cứu hồ sơ theo mã tối đa mỗi phút từ một địa chỉ mạng (các kiosk của một trung tâm thường chung một địa chỉ).' }),
    DA06_AUDIT_CHECKPOINT_KEY: Type.Optional(
      Type.String({ minLength: 40, description: 'Khóa riêng Ed25519 (PKCS#8 PEM, hoặc 32 byte hạt giống dạng base64) ký các mốc neo của nhật ký truy cập; không lưu trong CSDL; bắt buộc ở production. Khi phát triển: tự tạo trong thư mục dữ liệu.' }),
    ),
    DA06_AUDIT_CHECKPOINT_MIN: Type.Integer({ minimum: 1, maximum: 1440, default: 5, description: 'Ghi mốc neo đã ký của nhật ký truy cập (số thứ tự, mã băm, thời điểm) vào <thư mục dữ liệu>/audit-checkpoints.jsonl sau số phút này và khi dừng máy chủ.' }),
    // [U] The minimum of Thông tư 46/2022 Art. 8(2) was not read (DOMAIN §6): ≥ 24 months until it is confirmed; never below the 12 months ND 53/2022 sets for system logs.
    DA06_EXCHANGE_LOG_RETENTION_MONTHS: Type.Integer({ minimum: 12, maximum: 1200, default: 24, description: 'Giữ nhật ký trao đổi đã ký của các cơ quan kết nối số tháng này; mục cũ hơn được xóa mỗi ngày, mục cuối đã xóa được giữ làm gốc chuỗi (Thông tư 46/2022, Điều 8; tối thiểu 12 tháng).' }),
    DA06_EXCHANGE_PURPOSES_FILE: Type.Optional(
      Type.String({ minLength: 1, description: 'Tệp danh mục mục đích khai thác của các dịch vụ dữ liệu (JSON, cùng cấu trúc với data/exchange/purposes.json) thay cho tệp đi kèm, để tỉnh thêm mục đích mà không sửa mã nguồn; được kiểm tra khi khởi động.' }),
    ),
    DA06_AUDIT_CHECKPOINT_URL: Type.Optional(
      Type.String({ pattern: '^https?://', description: 'Địa chỉ nhận thêm một bản mỗi mốc neo (POST JSON), ngoài máy chủ CSDL.' }),
    ),
    DA06_DVCQG_URL: Type.Optional(
      Type.String({ pattern: '^https?://[^\\s]+$', description: 'Giao diện kết nối Cổng Dịch vụ công quốc gia cho hệ thống của tỉnh (nhận hồ sơ nộp trên Cổng, đồng bộ trạng thái, trả kết quả, lấy đánh giá; hợp đồng trong docs/connectors/dvcqg.md). Để trống (mặc định): không kết nối.' }),
    ),
    DA06_DVCQG_TOKEN: Type.Optional(
      Type.String({ minLength: 16, description: 'Khóa bí mật (≥16 ký tự) gửi kèm mỗi yêu cầu tới Cổng Dịch vụ công quốc gia (Authorization: Bearer); bắt buộc khi có DA06_DVCQG_URL.' }),
    ),
    DA06_DVCQG_TIMEOUT_MS: Type.Integer({ minimum: 100, maximum: 120000, default: 10000, description: 'Thời gian chờ mỗi yêu cầu tới Cổng Dịch vụ công quốc gia (mili giây).' }),
    DA06_DVCQG_ATTEMPTS: Type.Integer({ minimum: 1, maximum: 10, default: 4, description: 'Số lần thử mỗi yêu cầu tới Cổng Dịch vụ công quốc gia khi Cổng không trả lời hoặc lỗi tạm thời (cùng khóa chống trùng Idempotency-Key); hết số lần thì yêu cầu vào danh sách chờ gửi lại.' }),
    DA06_SERVICES_CLOCK_START: Type.Optional(
      Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2})?(Z|[+-]\\d{2}:\\d{2})$', description: 'Chỉ để chạy thử (development, test; production từ chối): giờ của quy trình dịch vụ công (hạn giải quyết, mốc thời gian hồ sơ) bắt đầu từ thời điểm này khi máy chủ khởi động rồi chạy tiếp như đồng hồ thật, ví dụ 2026-02-13T15:20:00+07:00 để thử hạn qua Tết. Nhật ký truy cập luôn ghi giờ thật.' }),
    ),
    DA06_DVCQG_STANDIN: Type.Boolean({ default: false, description: 'DA06_DVCQG_URL là bản mô phỏng Cổng Dịch vụ công quốc gia chạy trên máy (dvcqg-standin, để phát triển, kiểm thử), không phải Cổng thật: giao diện và dòng lệnh ghi rõ "bản mô phỏng". Không được bật ở production.' }),
    DA06_DVCQG_SYNC_SECONDS: Type.Integer({ minimum: 1, maximum: 3600, default: 15, description: 'Máy chủ gửi các thay đổi trạng thái hồ sơ đang chờ (hàng đợi gửi đi) và nhận hồ sơ nộp trên Cổng Dịch vụ công quốc gia sau mỗi số giây này.' }),
    DA06_DVCQG_MAX_FAILURES: Type.Integer({ minimum: 1, maximum: 50, default: 8, description: 'Số lần gửi thất bại (mỗi lần gồm DA06_DVCQG_ATTEMPTS lần thử) trước khi một thay đổi trạng thái vào danh sách gửi lỗi để quản trị viên gửi lại.' }),
    DA06_DVCQG_BACKOFF_MS: Type.Integer({ minimum: 10, maximum: 3600000, default: 5000, description: 'Thời gian chờ trước lần gửi lại đầu tiên của một thay đổi trạng thái (mili giây); gấp đôi sau mỗi lần thất bại, tối đa 1 giờ.' }),
    DA06_DVCQG_WEBHOOK_SECRET: Type.Optional(
      Type.String({ minLength: 32, description: 'Khóa bí mật (≥32 ký tự) dùng chung với Cổng Dịch vụ công quốc gia để ký (HMAC-SHA256) hồ sơ Cổng đẩy sang POST /api/v1/services/dvcqg/webhook; để trống: không nhận qua webhook (chỉ kéo định kỳ).' }),
    ),
    DA06_PAYMENTS_BANK_BIN: Type.Optional(
      Type.String({ pattern: '^\\d{6}$', description: 'Mã BIN (6 chữ số, NAPAS) của ngân hàng giữ tài khoản thu phí, lệ phí; cùng DA06_PAYMENTS_ACCOUNT bật thanh toán bằng VietQR. Để trống ở production: không thu qua da06 (cán bộ ghi nhận đã nộp). Ngoài production: tài khoản mẫu 970415/113366668888, ghi rõ "tài khoản mẫu".' }),
    ),
    DA06_PAYMENTS_ACCOUNT: Type.Optional(Type.String({ pattern: '^[0-9A-Z]{1,19}$', description: 'Số tài khoản thu phí, lệ phí của đơn vị (mã VietQR chuyển khoản vào tài khoản này).' })),
    DA06_PAYMENTS_ACCOUNT_NAME: Type.Optional(Type.String({ minLength: 3, maxLength: 200, description: 'Tên chủ tài khoản thu phí, lệ phí (hiển thị cho người nộp và in trên biên lai).' })),
    DA06_PAYMENTS_COLLECTOR_TAX_CODE: Type.Optional(Type.String({ pattern: '^\\d{10}(-\\d{3})?$', description: 'Mã số thuế của tổ chức thu phí, lệ phí (in trên biên lai điện tử); bắt buộc khi bật thanh toán ở production.' })),
    DA06_PAYMENTS_RECEIPT_FORM: Type.String({ minLength: 1, maxLength: 20, default: '01BLP0-001', description: 'Ký hiệu mẫu biên lai điện tử thu phí, lệ phí của đơn vị (theo thông báo phát hành).' }),
    DA06_PAYMENTS_RECEIPT_SERIES: Type.String({ pattern: '^[A-Z0-9/-]{1,20}$', default: 'BL26E', description: 'Ký hiệu biên lai điện tử; số biên lai tăng liên tục, không cách quãng, trong mỗi ký hiệu.' }),
    DA06_PAYMENTS_NOTIFY_SECRET: Type.Optional(
      Type.String({ minLength: 32, description: 'Khóa bí mật (≥32 ký tự) dùng chung với ngân hàng/nền tảng thanh toán để ký (HMAC-SHA256) thông báo gửi tới POST /api/v1/payments/notifications; bắt buộc khi bật thanh toán ở production.' }),
    ),
    DA06_PAYMENTS_NOTIFY_WINDOW_S: Type.Integer({ minimum: 30, maximum: 3600, default: 300, description: 'Thông báo thanh toán có thời điểm ký lệch quá số giây này so với đồng hồ máy chủ bị từ chối.' }),
    DA06_PAYMENTS_EXPIRY_HOURS: Type.Integer({ minimum: 1, maximum: 2160, default: 168, description: 'Yêu cầu thanh toán chưa trả sau số giờ này thì hết hạn (mã VietQR không dùng được nữa; phải tạo yêu cầu mới).' }),
    DA06_PAYMENT_PLATFORM_URL: Type.Optional(
      Type.String({ pattern: '^https?://[^\\s]+$', description: 'Địa chỉ Nền tảng thanh toán trực tuyến của Cổng Dịch vụ công quốc gia (hợp đồng trong docs/connectors/payment-platform.md). Để trống: không dùng.' }),
    ),
    DA06_PAYMENT_PLATFORM_MERCHANT: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'Mã dịch vụ của đơn vị trên Nền tảng thanh toán (merchantServiceId); bắt buộc khi có DA06_PAYMENT_PLATFORM_URL.' })),
    DA06_PAYMENT_PLATFORM_SECRET: Type.Optional(Type.String({ minLength: 16, description: 'Khóa bí mật (≥16 ký tự) tính secureCode (HMAC-SHA256) của mỗi yêu cầu tới Nền tảng thanh toán; bắt buộc khi có DA06_PAYMENT_PLATFORM_URL.' })),
    DA06_PAYMENT_PLATFORM_STANDIN: Type.Boolean({ default: false, description: 'DA06_PAYMENT_PLATFORM_URL là bản mô phỏng Nền tảng thanh toán chạy trên máy (để phát triển, kiểm thử), không phải nền tảng thật: giao diện ghi rõ "bản mô phỏng". Không được bật ở production.' }),
    DA06_DOCUMENTS_P12: Type.Optional(
      Type.String({ minLength: 1, description: 'Đường dẫn tệp PKCS#12 (.p12/.pfx) chứa khóa bí mật và chứng thư số (RSA) của đơn vị ký các văn bản kết quả (chữ ký số PAdES). Để trống: ngoài production, da06 tự tạo một chứng thư thử nghiệm ở lần chạy đầu, ghi rõ "CHỈ DÙNG THỬ NGHIỆM"; ở production không ký văn bản nào.' }),
    ),
    DA06_DOCUMENTS_P12_PASSPHRASE: Type.Optional(
      Type.String({ minLength: 1, description: 'Mật khẩu của tệp DA06_DOCUMENTS_P12; bắt buộc khi có DA06_DOCUMENTS_P12.' }),
    ),
    DA06_DOCUMENTS_VERIFY_PER_MIN: Type.Integer({ minimum: 1, maximum: 100000, default: 30, description: 'Số lần kiểm tra văn bản điện tử công khai (/verify, quét mã QR hoặc tải tệp) tối đa mỗi phút từ một địa chỉ.' }),
    DA06_DEMO_PROVINCE: Type.String({ pattern: '^\\d{2}$', default: '82', description: 'Mã tỉnh (danh mục 2025) của tỉnh mẫu tạo ở lần chạy đầu.' }),
    DA06_DEMO_PEOPLE: Type.Integer({ minimum: 0, default: 50000, description: 'Số cư dân tổng hợp của tỉnh mẫu.' }),
    DA06_DEMO_SEED: Type.Integer({ default: 6, description: 'Hạt giống sinh dữ liệu mẫu (cùng hạt giống → cùng dữ liệu).' }),
    LOG_LEVEL: Type.Union(
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)),
      { default: 'info', description: 'Mức ghi log (pino).' },
    ),
  },
  { additionalProperties: false },
);

export type Config = Static<typeof ConfigSchema>;

const KNOWN = new Set(Object.keys(ConfigSchema.properties));
/** Variables of ours that the schema must know; others in the environment belong to the system. */
const OURS = /^DA06_/;

export class ConfigError extends Error {}

/**
 * No silent production default: secrets, the issuer, a real message sender (the outbox only stores
 * codes, and shows them to whoever asks) and the key that signs audit checkpoints must be configured
 * (config.test.ts).
 */
const PRODUCTION_REQUIRED = [
  'DA06_SESSION_SECRET', 'DA06_SECRET_KEY', 'DA06_PUBLIC_URL', 'DA06_SMS_GATEWAY_URL', 'DA06_SMS_GATEWAY_TOKEN', 'DA06_AUDIT_CHECKPOINT_KEY',
] as const;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const raw: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || value === '') continue;
    if (KNOWN.has(key)) raw[key] = value;
    else if (OURS.test(key)) unknown.push(key);
  }
  if (unknown.length) throw new ConfigError(`Biến cấu hình không được hỗ trợ: ${unknown.join(', ')}`);
  const withDefaults = Value.Default(ConfigSchema, Value.Convert(ConfigSchema, raw)) as Config;
  const errors = [...Value.Errors(ConfigSchema, withDefaults)];
  if (errors.length) {
    throw new ConfigError(
      'Cấu hình không hợp lệ: ' + errors.map((e) => `${e.path.slice(1) || '(gốc)'}: ${e.message}`).join('; '),
    );
  }
  if (withDefaults.DA06_SERVICES_CLOCK_START && (withDefaults.DA06_ENV === 'production' || Number.isNaN(Date.parse(withDefaults.DA06_SERVICES_CLOCK_START)))) {
    throw new ConfigError('Cấu hình không hợp lệ: DA06_SERVICES_CLOCK_START chỉ dùng khi chạy thử (DA06_ENV=development hoặc test), là một thời điểm có thật / DA06_SERVICES_CLOCK_START is refused in production and must be a real instant');
  }
  requireBoth(withDefaults, ['DA06_SMS_GATEWAY_URL', 'DA06_SMS_GATEWAY_TOKEN'], 'cổng SMS', 'the SMS gateway');
  requireBoth(withDefaults, ['DA06_DVCQG_URL', 'DA06_DVCQG_TOKEN'], 'kết nối Cổng Dịch vụ công quốc gia', 'the DVCQG connector');
  requireBoth(withDefaults, ['DA06_DOCUMENTS_P12', 'DA06_DOCUMENTS_P12_PASSPHRASE'], 'tệp khóa ký văn bản', 'the signing PKCS#12');
  if (withDefaults.DA06_DVCQG_STANDIN && withDefaults.DA06_ENV === 'production') {
    throw new ConfigError('Cấu hình không hợp lệ: DA06_DVCQG_STANDIN (bản mô phỏng Cổng DVCQG) không dùng ở production / the DVCQG stand-in is refused in production');
  }
  requireBoth(withDefaults, ['DA06_PAYMENT_PLATFORM_URL', 'DA06_PAYMENT_PLATFORM_SECRET'], 'kết nối Nền tảng thanh toán', 'the payment platform connector');
  if (withDefaults.DA06_PAYMENT_PLATFORM_STANDIN && withDefaults.DA06_ENV === 'production') {
    throw new ConfigError('Cấu hình không hợp lệ: DA06_PAYMENT_PLATFORM_STANDIN (bản mô phỏng Nền tảng thanh toán) không dùng ở production / the payment platform stand-in is refused in production');
  }
  if (withDefaults.DA06_ENV === 'production' && (withDefaults.DA06_PAYMENTS_BANK_BIN || withDefaults.DA06_PAYMENTS_ACCOUNT)) {
    const missing = (['DA06_PAYMENTS_BANK_BIN', 'DA06_PAYMENTS_ACCOUNT', 'DA06_PAYMENTS_ACCOUNT_NAME', 'DA06_PAYMENTS_COLLECTOR_TAX_CODE', 'DA06_PAYMENTS_NOTIFY_SECRET'] as const)
      .filter((k) => !withDefaults[k]);
    if (missing.length) throw new ConfigError(`Cấu hình không hợp lệ: thu phí qua da06 cần ${missing.join(', ')} / payments need ${missing.join(', ')}`);
  }
  return withDefaults;
}

/** A connector's URL and its token come together or not at all. */
function requireBoth(config: Config, pair: [keyof Config, keyof Config], nameVi: string, nameEn: string): void {
  const missing = pair.filter((k) => !config[k]);
  if (missing.length === 1) {
    throw new ConfigError(`Cấu hình không hợp lệ: thiếu ${missing[0]} (${nameVi} cần cả địa chỉ và khóa) / ${missing[0]} is missing (${nameEn} needs both its URL and its token)`);
  }
}

/**
 * What the server itself needs before it may start (`serve`, `buildApp`): in production the settings of
 * PRODUCTION_REQUIRED. Kept apart from loadConfig so that the operator's and the auditor's commands
 * (`da06 audit verify --public-key`, imports, migrations) run with the database settings alone, without
 * holding the server's secrets (config.test.ts).
 */
export function requireServerSettings(config: Config): Config {
  if (config.DA06_ENV !== 'production') return config;
  const missing = PRODUCTION_REQUIRED.filter((k) => !config[k]);
  if (missing.length) {
    throw new ConfigError(
      `Cấu hình không hợp lệ: ${missing.join(', ')} là bắt buộc ở chế độ production (mặc định) / ${missing.join(', ')} required in production (the default). ` +
        'Để chạy thử với tỉnh mẫu: DA06_ENV=development (npm start) / to try the demo: DA06_ENV=development (npm start).',
    );
  }
  return config;
}

/** Markdown table of every option, for docs/configuration.md. */
export function configTable(): string {
  const lines = ['| biến | mặc định | mô tả |', '|---|---|---|'];
  for (const [key, schema] of Object.entries(ConfigSchema.properties)) {
    const s = schema as { default?: unknown; description?: string };
    lines.push(`| \`${key}\` | ${s.default === undefined ? '—' : `\`${String(s.default)}\``} | ${s.description ?? ''} |`);
  }
  return lines.join('\n');
}

/** The sign-in back-off per account (identity/login-throttle.ts). */
export function loginThrottleSettings(config: Config) {
  return {
    freeAttempts: config.DA06_LOGIN_FREE_ATTEMPTS,
    backoffSeconds: config.DA06_LOGIN_BACKOFF_SEC,
    maxBackoffSeconds: config.DA06_LOGIN_BACKOFF_MAX_SEC,
    windowMinutes: config.DA06_LOGIN_WINDOW_MIN,
  };
}

/** Outside production a fixed development key is used so that sessions survive a restart. */
export function sessionSecret(config: Config): string {
  return config.DA06_SESSION_SECRET ?? developmentOnly(config, 'DA06_SESSION_SECRET', 'da06-development-only-session-key');
}

/** Master key for data encrypted at rest (signing keys, TOTP secrets); a fixed key outside production. */
export function secretKey(config: Config): string {
  return config.DA06_SECRET_KEY ?? developmentOnly(config, 'DA06_SECRET_KEY', 'da06-development-only-master-key-0000');
}

function developmentOnly(config: Config, key: string, value: string): string {
  if (config.DA06_ENV === 'production') throw new ConfigError(`${key} là bắt buộc ở chế độ production / ${key} is required in production`);
  return value;
}

/** The province's SMS gateway, when configured (always in production); else codes go to the development outbox. */
export function smsGateway(config: Config): { url: string; token: string } | undefined {
  return config.DA06_SMS_GATEWAY_URL && config.DA06_SMS_GATEWAY_TOKEN
    ? { url: config.DA06_SMS_GATEWAY_URL, token: config.DA06_SMS_GATEWAY_TOKEN }
    : undefined;
}

/** Where browsers and relying parties reach this server; the OIDC issuer is `${publicUrl}/oidc`. */
export function publicUrl(config: Config): string {
  return config.DA06_PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
}
