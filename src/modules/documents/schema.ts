import { Type } from '@sinclair/typebox';

const Strict = { additionalProperties: false } as const;
const Instant = Type.String({ format: 'date-time' });
const DocumentId = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', description: 'Số văn bản điện tử (in trong mã QR)' });

export const IdParams = Type.Object({ id: DocumentId }, Strict);
export const VerifyQuery = Type.Object({
  t: Type.String({ minLength: 10, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$', description: 'Mã kiểm tra in trong mã QR của văn bản' }),
}, Strict);

/** Upload limit of a PDF to check (the documents da06 issues are far smaller). */
export const MAX_CHECK_BYTES = 2 * 1024 * 1024;
export const VerifyFileBody = Type.Object({
  content: Type.String({ maxLength: Math.ceil(MAX_CHECK_BYTES / 3) * 4 + 4, description: 'Tệp PDF cần kiểm tra, mã hóa base64 (tối đa 2 MB)' }),
}, Strict);

const DocumentView = {
  id: DocumentId,
  title: Type.String({ description: 'Tên văn bản, như in trên văn bản' }),
  dossierCode: Type.Union([Type.String(), Type.Null()], { description: 'Mã hồ sơ in trên văn bản' }),
  holderName: Type.String({ description: 'Họ tên người được cấp, như in trên văn bản' }),
  issuerName: Type.String({ description: 'Đơn vị cấp' }),
  issuedAt: Instant,
  signedBy: Type.String({ description: 'Chứng thư số đã ký (tên trong chứng thư)' }),
  development: Type.Boolean({ description: 'Ký bằng chứng thư số thử nghiệm do da06 tự tạo: không có giá trị pháp lý' }),
  revoked: Type.Boolean(),
  revokedAt: Type.Union([Instant, Type.Null()]),
};

export const Verification = Type.Object({
  authentic: Type.Boolean({ description: 'true: văn bản do da06 cấp, đúng từng byte (tệp) hoặc đúng mã kiểm tra (mã QR)' }),
  reason: Type.Optional(Type.Literal('unknown', { description: 'Không tìm thấy văn bản khớp' })),
  document: Type.Optional(Type.Object(DocumentView)),
});

export const OwnDocuments = Type.Object({
  items: Type.Array(Type.Object({ ...DocumentView, kind: Type.String(), sha256: Type.String() })),
});
export const UnitDocuments = Type.Object({
  items: Type.Array(Type.Object({ ...DocumentView, kind: Type.String(), unitCode: Type.String() })),
});
export const RevokeBody = Type.Object({ reason: Type.String({ minLength: 5, maxLength: 500, description: 'Lý do thu hồi' }) }, Strict);
export const Revoked = Type.Object(DocumentView);

export const PdfFile = {
  description: 'Tệp PDF có chữ ký số',
  content: { 'application/pdf': { schema: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }) } },
};
