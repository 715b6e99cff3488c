import { Type } from '@sinclair/typebox';

const Status = Type.Union([Type.Literal('matched'), Type.Literal('review'), Type.Literal('unmatched')]);
const Scheme = Type.Union([Type.Literal('2025'), Type.Literal('pre2025')]);
const SourceName = Type.String({ minLength: 1, maxLength: 100, pattern: '^[\\p{L}\\p{N}][\\p{L}\\p{N} ._()-]*$', description: 'Tên nguồn danh sách (ví dụ "BHYT học sinh 2026")' });

export const Thresholds = Type.Object({
  match: Type.Number({ minimum: 0, maximum: 1, description: 'Từ xác suất này trở lên: khớp' }),
  review: Type.Number({ minimum: 0, maximum: 1, description: 'Từ xác suất này đến dưới ngưỡng khớp: cần xem xét' }),
}, { additionalProperties: false });

export const RunQuery = Type.Object({
  source: SourceName,
  scheme: Type.Optional(Scheme),
}, { additionalProperties: false });

export const RunId = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });

export const Run = Type.Object({
  id: Type.Integer(),
  source: Type.String(),
  scheme: Scheme,
  state: Type.Union([Type.Literal('running'), Type.Literal('done'), Type.Literal('failed')]),
  createdBy: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
  finishedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  thresholds: Thresholds,
  columns: Type.Array(Type.String()),
  rows: Type.Integer({ description: 'Số dòng của danh sách' }),
  processed: Type.Integer({ description: 'Số dòng đã lưu kết quả (tiến độ)' }),
  matched: Type.Integer(),
  review: Type.Integer(),
  unmatched: Type.Integer(),
});

export const ResultsQuery = Type.Object({
  status: Type.Optional(Status),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
}, { additionalProperties: false });

export const ResultRow = Type.Object({
  row: Type.Integer({ description: 'Số thứ tự dòng trong danh sách (1 = dòng đầu sau tiêu đề)' }),
  personalId: Type.Union([Type.String(), Type.Null()], { description: 'Số định danh đã khớp, hoặc của người cần xem xét' }),
  matchProbability: Type.Number(),
  status: Status,
  reasons: Type.Array(Type.String(), { description: 'Trường nào khớp, khác (mã: name:exact, dob:swapped, personal_id:not_found...)' }),
  fields: Type.Record(Type.String(), Type.String(), { description: 'Các cột của danh sách, giữ nguyên' }),
});

export const ResultsPage = Type.Object({ total: Type.Integer(), items: Type.Array(ResultRow) });

export const Preview = Type.Object({
  thresholds: Thresholds,
  matched: Type.Integer(),
  review: Type.Integer(),
  unmatched: Type.Integer(),
});

export const SourceParams = Type.Object({ source: SourceName });
export const SourceSettings = Type.Object({
  match: Thresholds.properties.match,
  review: Thresholds.properties.review,
  sensitive: Type.Optional(Type.Boolean({ description: 'Danh sách nhạy cảm: công dân chỉ tự xác nhận được bằng tài khoản định danh điện tử mức độ 2 (mặc định: không)' })),
}, { additionalProperties: false });
export const SourceThresholds = Type.Object({ source: Type.String(), thresholds: Thresholds, sensitive: Type.Boolean() });

export const CsvFile = {
  description: 'Tệp CSV (UTF-8)',
  content: { 'text/csv': { schema: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }) } },
};

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const XlsxFile = {
  description: 'Tệp Excel (.xlsx)',
  content: { [XLSX_TYPE]: { schema: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }) } },
};

// ---- the review queue (review-routes.ts) ----

export const ReviewKey = Type.Object({ runId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }), row: Type.Integer({ minimum: 1, maximum: 10_000_000 }) });
export const QueueQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
}, { additionalProperties: false });

const Candidate = Type.Object({
  personalId: Type.String({ description: 'Đầy đủ cho vai trò được xem CSDL dân cư, che một phần với vai trò khác' }),
  fullName: Type.String(), dateOfBirth: Type.String(), sex: Type.String(), communeCode: Type.String(), communeName: Type.String(), deceased: Type.Boolean(),
  matchProbability: Type.Number({ description: 'Xác suất trùng khớp của dòng với người này' }),
});

export const QueueItem = Type.Object({
  runId: Type.Integer(), row: Type.Integer(), source: Type.String(), listedAt: Type.String({ format: 'date-time' }), matchProbability: Type.Number(), reasons: Type.Array(Type.String()),
  fullName: Type.Union([Type.String(), Type.Null()]), dateOfBirth: Type.Union([Type.String(), Type.Null()]),
  candidate: Type.Object({
    personalId: Type.String(), fullName: Type.Union([Type.String(), Type.Null()]), communeCode: Type.Union([Type.String(), Type.Null()]),
  }, { description: 'Người dòng trỏ tới; fullName null: số định danh không có trong CSDL dân cư (hồ sơ ngành do cơ quan gửi, chỉ cán bộ cấp tỉnh thấy; chỉ có thể từ chối)' }),
});
export const QueuePage = Type.Object({ total: Type.Integer(), items: Type.Array(QueueItem) });

export const ReviewItem = Type.Object({
  runId: Type.Integer(), row: Type.Integer(), source: Type.String(), listedAt: Type.String({ format: 'date-time' }), matchProbability: Type.Number(), reasons: Type.Array(Type.String()),
  listed: Type.Record(Type.String(), Type.String(), { description: 'Các trường nhận biết của dòng (họ tên, ngày sinh, giới tính, địa chỉ...)' }),
  fields: Type.Record(Type.String(), Type.String(), { description: 'Mọi cột của dòng, giữ nguyên' }),
  candidates: Type.Array(Candidate, { description: 'Người được đề xuất, rồi các ứng viên tiếp theo trong địa bàn (tối đa 3, khả năng cao nhất trước); có thể chọn người khác trong số đó' }),
});

export const ReviewDecision = Type.Object({
  decision: Type.Union([Type.Literal('accept'), Type.Literal('reject'), Type.Literal('choose')], { description: 'accept: đúng người được đề xuất; reject: không phải ai; choose: người khác (personalId)' }),
  personalId: Type.Optional(Type.String({ pattern: '^\\d{12}$', description: 'Số định danh của người khác (với choose), phải là người trong địa bàn' })),
  reason: Type.String({ minLength: 3, maxLength: 500, description: 'Lý do (bắt buộc)' }),
}, { additionalProperties: false });

export const Decided = Type.Object({
  runId: Type.Integer(), row: Type.Integer(), status: Type.Union([Type.Literal('matched'), Type.Literal('unmatched')]), personalId: Type.Union([Type.String(), Type.Null()]), reasons: Type.Array(Type.String()),
});

export const Suggestion = Type.Object({
  source: Type.String(), thresholds: Thresholds, sensitive: Type.Boolean(),
  suggested: Type.Union([Thresholds, Type.Null()], { description: 'Ngưỡng gợi ý từ các quyết định đã có (null: chưa có quyết định)' }),
  accepted: Type.Integer(), rejected: Type.Integer(),
});

export const CitizenRow = Type.Object({
  runId: Type.Integer(), row: Type.Integer(), source: Type.String(), listedAt: Type.String({ format: 'date-time' }), sensitive: Type.Boolean({ description: 'Cần tài khoản mức độ 2 để trả lời' }),
  fullName: Type.Union([Type.String(), Type.Null()]), dateOfBirth: Type.Union([Type.String(), Type.Null()]),
});
export const CitizenAnswer = Type.Object({ runId: Type.Integer(), row: Type.Integer(), status: Type.Union([Type.Literal('matched'), Type.Literal('unmatched')]) });
