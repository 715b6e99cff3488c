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
  items: Type.Array(Type.Object({
    ...DocumentView, kind: Type.String(), sha256: Type.String(),
    inWallet: Type.Boolean({ description: 'Cùng kết quả này có trong Ví giấy tờ (SD-JWT VC), thu hồi cùng văn bản' }),
  })),
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

// ---- share links (shares.ts) ----
export const ShareParams = Type.Object({ id: DocumentId, linkId: Type.String({ pattern: '^[0-9]{1,15}$', description: 'Số liên kết chia sẻ' }) }, Strict);
export const TokenParams = Type.Object({
  token: Type.String({ minLength: 1, maxLength: 100, description: 'Mã trong liên kết chia sẻ (không đoán được; chỉ mã băm được lưu)' }),
}, Strict);
export const ShareBody = Type.Object({
  validity: Type.Optional(Type.Union([Type.Literal('15m'), Type.Literal('1h'), Type.Literal('24h'), Type.Literal('7d')], {
    description: 'Thời hạn của liên kết: 15 phút (mặc định), 1 giờ, 24 giờ, 7 ngày',
  })),
}, Strict);
const ShareLinkFields = {
  id: Type.String(),
  createdAt: Instant,
  expiresAt: Instant,
  revokedAt: Type.Union([Instant, Type.Null()]),
  status: Type.Union([Type.Literal('active'), Type.Literal('expired'), Type.Literal('revoked')]),
  accesses: Type.Integer({ description: 'Số lần liên kết đã được mở' }),
};
export const ShareLink = Type.Object(ShareLinkFields);
export const NewShareLink = Type.Object({ ...ShareLinkFields, url: Type.String({ description: 'Liên kết chia sẻ (chỉ trả về một lần, khi tạo)' }) });
export const ShareLinks = Type.Object({ items: Type.Array(ShareLink) });
export const ShareHistory = Type.Object({
  items: Type.Array(Type.Object({
    at: Instant,
    what: Type.Union([Type.Literal('view'), Type.Literal('pdf')], { description: 'view: xem thông tin văn bản; pdf: tải tệp PDF' }),
    clientAddress: Type.Union([Type.String(), Type.Null()], { description: 'Địa chỉ IP của bên mở liên kết' }),
    client: Type.String({ description: 'Loại ứng dụng đã mở (trình duyệt, hệ điều hành)' }),
    linkId: Type.String(),
    linkCreatedAt: Instant,
  })),
});
export const SharedDocument = Type.Object({
  authentic: Type.Literal(true),
  document: Type.Object(DocumentView),
  sha256: Type.String({ description: 'Mã băm SHA-256 của tệp PDF' }),
  sharedUntil: Instant,
});
