import { Type, type Static } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/**
 * The whole configuration, read from the environment once at start. Each option carries a
 * one-line description; `docs/configuration.md` is generated from them (see config.test.ts).
 */
export const ConfigSchema = Type.Object(
  {
    DA06_ENV: Type.Union([Type.Literal('development'), Type.Literal('test'), Type.Literal('production')], {
      default: 'development',
      description: 'Chế độ chạy: development, test hoặc production (production bắt buộc có khóa bí mật).',
    }),
    HOST: Type.String({ default: '127.0.0.1', description: 'Địa chỉ máy chủ HTTP lắng nghe.' }),
    PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000, description: 'Cổng HTTP.' }),
    DA06_PUBLIC_URL: Type.Optional(
      Type.String({ pattern: '^https?://[^/]+$', description: 'Địa chỉ công khai của hệ thống (không có / cuối), ví dụ https://id.tinh.gov.vn; issuer OIDC là <địa chỉ>/oidc; tên máy là RP ID của khóa truy cập (passkey), nên phải là tên miền (http://localhost:PORT khi thử nghiệm), không phải địa chỉ IP. Để trống thì dùng http://HOST:PORT.' }),
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
    DA06_SESSION_TTL_MIN: Type.Integer({ minimum: 5, maximum: 1440, default: 480, description: 'Thời hạn phiên đăng nhập (phút).' }),
    DA06_LOGIN_MAX_FAILURES: Type.Integer({ minimum: 1, maximum: 100, default: 5, description: 'Số lần đăng nhập sai trước khi khóa tạm tài khoản.' }),
    DA06_LOGIN_LOCK_MIN: Type.Integer({ minimum: 1, maximum: 1440, default: 15, description: 'Thời gian khóa tạm tài khoản sau nhiều lần sai (phút).' }),
    DA06_RATE_LIMIT_LOGIN: Type.Integer({ minimum: 1, default: 20, description: 'Số yêu cầu đăng nhập tối đa mỗi phút từ một địa chỉ IP.' }),
    DA06_STATS_REFRESH_MIN: Type.Integer({ minimum: 0, maximum: 1440, default: 10, description: 'Đếm lại số liệu tổng hợp dân cư cho Trung tâm điều hành sau số phút này (0: chỉ khi chạy `da06 stats refresh`).' }),
    DA06_IDENTITY_QR_SECONDS: Type.Integer({ minimum: 15, maximum: 600, default: 60, description: 'Mã QR định danh tự làm mới sau số giây này; mã còn hiệu lực thêm 30 giây để kịp quét.' }),
    DA06_AUDIT_CHECKPOINT_KEY: Type.Optional(
      Type.String({ minLength: 40, description: 'Khóa riêng Ed25519 (PKCS#8 PEM, hoặc 32 byte hạt giống dạng base64) ký các mốc neo của nhật ký truy cập; không lưu trong CSDL; bắt buộc ở production. Khi phát triển: tự tạo trong thư mục dữ liệu.' }),
    ),
    DA06_AUDIT_CHECKPOINT_MIN: Type.Integer({ minimum: 1, maximum: 1440, default: 5, description: 'Ghi mốc neo đã ký của nhật ký truy cập (số thứ tự, mã băm, thời điểm) vào <thư mục dữ liệu>/audit-checkpoints.jsonl sau số phút này và khi dừng máy chủ.' }),
    DA06_AUDIT_CHECKPOINT_URL: Type.Optional(
      Type.String({ pattern: '^https?://', description: 'Địa chỉ nhận thêm một bản mỗi mốc neo (POST JSON), ngoài máy chủ CSDL.' }),
    ),
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
  if (withDefaults.DA06_ENV === 'production') {
    const missing = (['DA06_SESSION_SECRET', 'DA06_SECRET_KEY'] as const).filter((k) => !withDefaults[k]);
    if (missing.length) throw new ConfigError(`Cấu hình không hợp lệ: ${missing.join(', ')} là bắt buộc ở chế độ production`);
  }
  return withDefaults;
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

/** Outside production a fixed development key is used so that sessions survive a restart. */
export function sessionSecret(config: Config): string {
  return config.DA06_SESSION_SECRET ?? 'da06-development-only-session-key';
}

/** Master key for data encrypted at rest (signing keys, TOTP secrets); a fixed key outside production. */
export function secretKey(config: Config): string {
  return config.DA06_SECRET_KEY ?? 'da06-development-only-master-key-0000';
}

/** Where browsers and relying parties reach this server; the OIDC issuer is `${publicUrl}/oidc`. */
export function publicUrl(config: Config): string {
  return config.DA06_PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
}
