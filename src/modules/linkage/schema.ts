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
export const SourceThresholds = Type.Object({ source: Type.String(), thresholds: Thresholds });

export const CsvFile = {
  description: 'Tệp CSV (UTF-8)',
  content: { 'text/csv': { schema: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }) } },
};
