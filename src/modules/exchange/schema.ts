import { Type } from '@sinclair/typebox';
import { LOOKUP_FIELDS } from './service.js';

import { Day, Instant, PersonalId, Purpose, Strict } from './primitives.js';
export { Day, Instant, PersonalId, Purpose, Strict };
export const Field = Type.Union(LOOKUP_FIELDS.map((f) => Type.Literal(f)));

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const DataService = Type.Object({
  code: Type.String(), kind: Type.Union([Type.Literal('lookup'), Type.Literal('check'), Type.Literal('write')], { description: 'lookup: tra cứu; check: xác nhận có/không; write: cơ quan ghi hồ sơ ngành gắn với công dân' }), title: Type.String(),
  fields: Type.Array(Type.String(), { description: 'Các trường một quyền có thể cấp (dịch vụ tra cứu); các trường của hồ sơ (dịch vụ ghi)' }),
  params: Type.Array(Type.String(), { description: 'Tham số cơ quan phải gửi kèm số định danh (dịch vụ xác nhận, dịch vụ ghi)' }),
  purposes: Type.Array(Type.Object({
    code: Type.String({ description: 'Mã mục đích: quyền khai thác và lời gọi nêu mã này' }), label: Type.String(),
    legalBasis: Type.String({ description: 'Gợi ý căn cứ pháp lý' }), validFrom: Type.String(), validUntil: Type.Union([Type.String(), Type.Null()]),
  }), { description: 'Danh mục mục đích đang có hiệu lực của dịch vụ (data/exchange/purposes.json hoặc DA06_EXCHANGE_PURPOSES_FILE)' }),
});

export const Agency = Type.Object({
  id: Type.Integer(), name: Type.String(), legalBasis: Type.String(), clientId: Type.String(), provinceCode: Type.String(), active: Type.Boolean(), createdAt: Instant,
});
const PublicJwk = Type.Object({
  kty: Type.String({ maxLength: 10 }), crv: Type.String({ maxLength: 20 }), x: Type.String({ maxLength: 200 }), y: Type.Optional(Type.String({ maxLength: 200 })),
  kid: Type.String({ minLength: 1, maxLength: 200 }), use: Type.Optional(Type.String({ maxLength: 10 })), alg: Type.Optional(Type.String({ maxLength: 20 })),
}, { description: 'Khóa công khai EC P-256 (ES256) hoặc Ed25519 (EdDSA), không có phần bí mật' });
export const AgencyRegister = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200, description: 'Tên cơ quan, tổ chức (sở, ngành, ngân hàng, bệnh viện...)' }),
  legalBasis: Type.String({ minLength: 1, maxLength: 1000, description: 'Căn cứ pháp lý của việc khai thác dữ liệu' }),
  jwks: Type.Optional(Type.Object({ keys: Type.Array(PublicJwk, { minItems: 1, maxItems: 5 }) }, {
    description: 'Bộ khóa công khai của hệ thống cơ quan (khuyến nghị): da06 tạo ứng dụng OIDC xác thực bằng private_key_jwt (RFC 7523), mã truy cập gắn khóa DPoP (RFC 9449)',
  })),
  clientId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Hoặc: mã ứng dụng OIDC bảo mật (client_secret) đã có của hệ thống cơ quan' })),
}, Strict);

export const Grant = Type.Object({
  id: Type.Integer(), agencyId: Type.Integer(), service: Type.String(), purposes: Type.Array(Type.String()), fields: Type.Array(Type.String()),
  dailyQuota: Type.Integer(), validFrom: Type.String(), validUntil: Type.String(),
  consentPurposes: Type.Array(Type.String(), { description: 'Các mục đích dựa trên sự đồng ý của công dân (các mục đích khác theo quy định pháp luật)' }),
  status: Type.Union([Type.Literal('requested'), Type.Literal('approved')]), approvedAt: Type.Union([Instant, Type.Null()]), createdAt: Instant,
});
export const GrantWithAgency = Type.Intersect([Grant, Type.Object({ agencyName: Type.String() })]);
export const GrantRequest = Type.Object({
  agencyId: Type.Integer({ minimum: 1 }),
  service: Type.String({ minLength: 1, maxLength: 60, description: 'Mã dịch vụ dữ liệu (GET /api/v1/exchange/services)' }),
  purposes: Type.Array(Type.String({ minLength: 1, maxLength: 300 }), { minItems: 1, maxItems: 20, description: 'Các mục đích được phép: mã trong danh mục mục đích của dịch vụ' }),
  fields: Type.Array(Field, { maxItems: LOOKUP_FIELDS.length, description: 'Trường được cấp (dịch vụ tra cứu); để trống với dịch vụ xác nhận' }),
  dailyQuota: Type.Integer({ minimum: 1, maximum: 10_000_000, description: 'Hạn mức số lượt gọi mỗi ngày' }),
  validFrom: Day, validUntil: Day,
  consentPurposes: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 300 }), {
    maxItems: 20, description: 'Các mục đích (trong số trên) mà căn cứ là sự đồng ý của công dân: mỗi lần khai thác cần sự đồng ý còn hiệu lực',
  })),
}, Strict);

export const AuthorizationHeaders = Type.Object({
  authorization: Type.Optional(Type.String({ maxLength: 2000, description: 'DPoP <mã truy cập gắn khóa DPoP> (cơ quan dùng private_key_jwt), hoặc Bearer <mã truy cập> (cơ quan đăng ký bằng client_secret)' })),
  dpop: Type.Optional(Type.String({ maxLength: 4000, description: 'Bằng chứng DPoP (RFC 9449) mới cho từng yêu cầu: JWT typ dpop+jwt với htm, htu, iat, jti, ath' })),
});

export const LookupBody = Type.Object({ personalId: PersonalId, purpose: Purpose }, Strict);
export const LookupResult = Type.Object({
  personalId: Type.String(),
  fullName: Type.Optional(Type.String()), dateOfBirth: Type.Optional(Type.String()), sex: Type.Optional(Type.String()),
  nationality: Type.Optional(Type.String()), ethnicity: Type.Optional(Type.Union([Type.String(), Type.Null()])), deceased: Type.Optional(Type.Boolean()),
  permanentAddress: Type.Optional(Type.Union([Type.String(), Type.Null()])), communeCode: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  communeName: Type.Optional(Type.Union([Type.String(), Type.Null()])), provinceName: Type.Optional(Type.Union([Type.String(), Type.Null()])),
}, { description: 'Chỉ các trường quyền khai thác cho phép' });

export const CheckBody = Type.Object({
  service: Type.Union(['person.is_alive', 'person.lives_in_commune', 'person.is_over_18', 'person.matches'].map((s) => Type.Literal(s))),
  personalId: PersonalId, purpose: Purpose,
  communeCode: Type.Optional(Type.String({ pattern: '^\\d{2,5}$', description: 'Mã xã (2025), cho person.lives_in_commune' })),
  fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Họ tên, cho person.matches' })),
  dateOfBirth: Type.Optional(Day),
}, Strict);
export const CheckResult = Type.Object({
  service: Type.String(),
  answer: Type.Boolean({ description: 'Có/không; số định danh không có trong cơ sở dữ liệu cũng trả lời "không"' }),
});

export const LogEntry = Type.Object({
  agencyId: Type.Integer(), seq: Type.Integer({ description: 'Số thứ tự trong nhật ký của cơ quan, từ 1' }), at: Instant,
  method: Type.String(), path: Type.String(), status: Type.Integer(),
  requestSha256: Type.String({ description: 'SHA-256 (hex) của nội dung yêu cầu' }), responseSha256: Type.String({ description: 'SHA-256 (hex) của nội dung phản hồi' }),
  prevHash: Type.String({ description: 'Mã băm của mục trước (64 số 0 với mục đầu tiên)' }),
  hash: Type.String({ description: 'SHA-256 của dạng chuẩn của mục' }), jws: Type.String({ description: 'Chữ ký JWS (ES256) của da06 trên dạng chuẩn của mục' }),
});

export const LogFile = {
  description: 'Tệp JSON Lines: dòng đầu { format: "da06-exchange-log/1", agencyId, agencyName, issuer, exportedAt, entries, jwks }, mỗi dòng sau một mục (LogEntry)',
  content: { 'application/x-ndjson': { schema: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }) } },
};

const CheckService = Type.Union(['person.is_alive', 'person.lives_in_commune', 'person.is_over_18', 'person.matches'].map((s) => Type.Literal(s)));
export const BatchQuery = Type.Object({ service: CheckService, purpose: Purpose }, Strict);
export const ResultsQuery = Type.Object({
  format: Type.Optional(Type.Union([Type.Literal('csv'), Type.Literal('ndjson')], { description: 'csv (mặc định) hoặc ndjson' })),
}, Strict);
export const Batch = Type.Object({
  id: Type.Integer(), service: Type.String(), purpose: Type.String(), format: Type.Union([Type.Literal('csv'), Type.Literal('ndjson')]),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')], { description: 'queued: chờ; running: đang trả lời; done: xong; failed: dừng do lỗi hệ thống' }),
  rowsTotal: Type.Integer({ description: 'Số dòng dữ liệu của tệp' }), rowsDone: Type.Integer({ description: 'Số dòng đã trả lời' }),
  progress: Type.Number({ description: 'Tiến độ, phần trăm' }),
  yes: Type.Integer(), no: Type.Integer(), errors: Type.Integer({ description: 'Số dòng không trả lời được (mã lỗi trong tệp kết quả)' }),
  inputSha256: Type.String({ description: 'SHA-256 (hex) của tệp đã nhận, như nhật ký trao đổi ghi' }), failure: Type.Union([Type.String(), Type.Null()]),
  createdAt: Instant, startedAt: Type.Union([Instant, Type.Null()]), finishedAt: Type.Union([Instant, Type.Null()]),
});
export const ResultsFile = {
  description: 'Tệp kết quả: CSV (line, personal_id, answer, error, error_message) hoặc NDJSON, theo thứ tự dòng của tệp gửi lên',
  content: {
    'text/csv': { schema: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }) },
    'application/x-ndjson': { schema: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }) },
  },
};

// ---- usage per day and keys (admin.ts) ----
export const UsageQuery = Type.Object({
  from: Type.Optional(Day), to: Type.Optional(Day),
  agencyId: Type.Optional(Type.Integer({ minimum: 1, description: 'Chỉ một cơ quan' })),
}, { ...Strict, description: 'Mặc định: 30 ngày đến hôm nay; tối đa 92 ngày' });
export const OwnUsageQuery = Type.Object({ from: Type.Optional(Day), to: Type.Optional(Day) }, Strict);
export const UsageReport = Type.Object({
  from: Type.String(), to: Type.String(),
  days: Type.Array(Type.Object({
    day: Type.String(), agencyId: Type.Integer(), agencyName: Type.String(), grantId: Type.Integer(), service: Type.String(),
    calls: Type.Integer({ description: 'Số lượt được trả lời và tính vào hạn mức của quyền trong ngày' }),
    dailyQuota: Type.Integer({ description: 'Hạn mức mỗi ngày của quyền' }),
    refusedNoConsent: Type.Optional(Type.Integer({ description: 'Số lượt bị từ chối vì thiếu sự đồng ý còn hiệu lực (công dân có trong cơ sở dữ liệu); chỉ cán bộ thấy — cơ quan kết nối không nhận số này, vì nó cho biết số định danh đã hỏi có tồn tại hay không' })),
  }), { description: 'Theo cơ quan × quyền khai thác (dịch vụ) × ngày (giờ Việt Nam)' }),
  refusals: Type.Array(Type.Object({
    day: Type.String(), agencyId: Type.Integer(), agencyName: Type.String(),
    endpoint: Type.String({ description: 'Đường dẫn được gọi (số định danh bản ghi thay bằng :id)' }),
    status: Type.Integer({ description: 'Mã trạng thái HTTP của câu trả lời lỗi' }),
    problem: Type.Union([Type.String(), Type.Null()], { description: 'Mã lỗi (problem+json `code`, docs/errors.md) của câu trả lời; null với các mục ghi trước khi có mã lỗi trong nhật ký' }),
    calls: Type.Integer(),
  }), { description: 'Các câu trả lời lỗi (trạng thái ≥ 400) theo nhật ký trao đổi ký số của từng cơ quan, theo đường dẫn, trạng thái và mã lỗi' }),
});
export const AgencyKeys = Type.Object({
  agencyId: Type.Integer(), clientId: Type.String(),
  keys: Type.Array(Type.Record(Type.String(), Type.Unknown()), { description: 'Các khóa công khai đang có hiệu lực (JWK)' }),
});
export const AgencyKeyBody = Type.Object({ jwk: PublicJwk }, Strict);
export const KidParams = Type.Object({ id: Type.Integer({ minimum: 1 }), kid: Type.String({ minLength: 1, maxLength: 200 }) });

// ---- the agency's own calls (admin.ts ownCalls) ----
export const OwnCallsQuery = Type.Object({
  before: Type.Optional(Type.Integer({ minimum: 1, description: 'Chỉ các lần gọi có số thứ tự nhỏ hơn số này (trang sau: nextBefore của trang trước)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Số lần gọi mỗi trang (mặc định 50, tối đa 200)' })),
}, Strict);
export const OwnCalls = Type.Object({
  calls: Type.Array(Type.Object({
    seq: Type.Integer({ description: 'Số thứ tự của mục trong nhật ký trao đổi ký số của cơ quan' }), at: Instant,
    method: Type.String(), path: Type.String({ description: 'Đường dẫn cơ quan đã gọi' }),
    service: Type.Union([Type.String(), Type.Null()], { description: 'Dịch vụ dữ liệu lời gọi nêu' }),
    purpose: Type.Union([Type.String(), Type.Null()], { description: 'Mã mục đích lời gọi nêu, nếu có trong danh mục của dịch vụ (mục đích ngoài danh mục không được lưu)' }),
    status: Type.Integer({ description: 'Mã trạng thái HTTP của câu trả lời' }),
    problem: Type.Union([Type.String(), Type.Null()], { description: 'Mã lỗi của câu trả lời bị từ chối (docs/errors.md); null khi được trả lời' }),
    requestSha256: Type.String({ description: 'SHA-256 (hex) của nội dung yêu cầu, để đối chiếu với hồ sơ của cơ quan; không có số định danh' }),
  })),
  nextBefore: Type.Union([Type.Integer(), Type.Null()], { description: 'Giá trị `before` của trang tiếp theo; null khi hết' }),
}, { description: 'Các lần gọi của chính cơ quan, mới nhất trước' });

export const AgencyEnableBody = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: 500, description: 'Lý do cho cơ quan kết nối lại (ghi vào nhật ký truy cập)' }),
}, Strict);
