import { Type } from '@sinclair/typebox';

const Strict = { additionalProperties: false } as const;
const PersonalId = Type.String({ pattern: '^\\d{12}$', description: 'Số định danh cá nhân (12 chữ số)' });
const IsoDay = Type.String({ format: 'date', description: 'YYYY-MM-DD (ngày theo giờ Việt Nam)' });
const Pages = Type.Integer({ minimum: 1, maximum: 10000, description: 'Số trang của bản chính (tính phí theo trang của bản chính)' });
const Copies = Type.Integer({ minimum: 1, maximum: 100, description: 'Số bản sao' });

export const CopyId = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });
export const RequesterParams = Type.Object({ personalId: PersonalId });
export const Requester = Type.Object({ personalId: Type.String(), fullName: Type.String() });

export const FeeQuery = Type.Object({ pages: Pages, copies: Type.Optional(Copies) }, Strict);
export const FeeQuote = Type.Object({
  pages: Type.Integer(), copies: Type.Integer(),
  perCopy: Type.Integer({ description: 'Phí một bản sao (đồng)' }),
  total: Type.Integer({ description: 'Phí của tất cả các bản sao (đồng)' }),
  explanation: Type.String(),
  source: Type.Union([Type.Object({ document: Type.String(), note: Type.Union([Type.String(), Type.Null()]) }), Type.Null()]),
});

export const IssueHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ description: 'Khóa chống gửi trùng (8–100 ký tự): gửi lại cùng khóa trả về bản sao đã chứng thực, không lấy số mới' })),
});
export const Scan = Type.Object({
  fileName: Type.String({ minLength: 1, maxLength: 200 }),
  content: Type.String({ maxLength: 7_000_000, description: 'Nội dung tệp, base64 (PDF, JPEG, PNG; kiểm tra theo nội dung, tổng tối đa 5 MB)' }),
}, Strict);
export const IssueBody = Type.Object({
  dossierId: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1, description: 'Hồ sơ công dân đã nộp trực tuyến (thủ tục chung-thuc-ban-sao-tu-ban-chinh, đang xử lý)' })),
  personalId: Type.Optional(Type.String({ ...PersonalId, description: 'Công dân yêu cầu trực tiếp tại quầy, không có hồ sơ trực tuyến' })),
  documentName: Type.Optional(Type.String({ minLength: 1, maxLength: 300, description: 'Tên giấy tờ; mặc định theo tờ khai của hồ sơ' })),
  pages: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, description: 'Số trang của bản chính do cán bộ đếm; hồ sơ trực tuyến: mặc định theo tờ khai (khác tờ khai thì tính phí theo số cán bộ đếm, ghi vào tiến trình hồ sơ)' })),
  copies: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'Số bản sao; hồ sơ trực tuyến: mặc định theo tờ khai' })),
  compared: Type.Boolean({ description: 'Cán bộ xác nhận đã đối chiếu bản chụp với bản chính (bắt buộc true)' }),
  scans: Type.Array(Scan, { minItems: 1, maxItems: 20, description: 'Bản chụp màu toàn bộ bản chính: ảnh JPEG/PNG (mỗi ảnh một trang) hoặc PDF' }),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
}, Strict);

export const CertifiedCopy = Type.Object({
  id: Type.Integer(),
  registerNumber: Type.String({ description: 'Số chứng thực: số/năm/SCT/BS' }),
  number: Type.Integer(),
  year: Type.Integer(),
  issuedAt: Type.String({ format: 'date-time' }),
  requesterName: Type.String(),
  requesterPersonalId: Type.String(),
  documentName: Type.String(),
  pages: Type.Integer(),
  copies: Type.Integer(),
  feePerCopy: Type.Integer(),
  feeTotal: Type.Integer(),
  dossierId: Type.Union([Type.Integer(), Type.Null()]),
  dossierCode: Type.Union([Type.String(), Type.Null()]),
  signedDocumentId: Type.String({ description: 'Văn bản điện tử đã ký (kiểm tra tại /verify)' }),
  certifierName: Type.String(),
  replayed: Type.Boolean({ description: 'true: trả lại bản sao đã chứng thực với cùng Idempotency-Key' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: 'Đã thu hồi (thời điểm); null: còn hiệu lực. Bản đã thu hồi không tải về từ sổ' }),
});

export const RegisterQuery = Type.Object({
  from: Type.Optional(IsoDay),
  to: Type.Optional(IsoDay),
  number: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1, description: 'Số thứ tự trong sổ' })),
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Họ tên người yêu cầu (có hoặc không dấu)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
}, Strict);
export const Register = Type.Object({ total: Type.Integer(), items: Type.Array(CertifiedCopy) });
export const MonthQuery = Type.Object({ month: Type.String({ pattern: '^\\d{4}-\\d{2}$', description: 'YYYY-MM' }) }, Strict);

export const PdfFile = {
  description: 'Tệp PDF có chữ ký số, đúng từng byte như khi chứng thực',
  content: { 'application/pdf': { schema: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }) } },
};
export const CsvFile = {
  description: 'Tệp CSV (UTF-8)',
  content: { 'text/csv': { schema: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }) } },
};
