import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { IDENTITY_FIELDS, RELYING_PARTY_TYPES, type RelyingPartyType } from './fields.js';
import { CHIP_INPUT_LIMITS } from './chip/index.js';

/** Request and response shapes of the credentials routes (what leaves the server is exactly this). */
const Strict = { additionalProperties: false } as const;
const Instant = Type.String({ format: 'date-time' });
const NullableInstant = Type.Union([Instant, Type.Null()]);
/** A union of the given strings: TypeBox types a union built from an array (not a tuple) as never, so the type is stated here. */
const oneOf = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v))) as unknown as TUnion<TLiteral<T>[]>;
const Field = oneOf(IDENTITY_FIELDS);
const Level = Type.Union([Type.Literal(1), Type.Literal(2)]);

export const IdentityQrBody = Type.Object({
  fields: Type.Array(Field, { maxItems: IDENTITY_FIELDS.length, uniqueItems: true, description: 'Thông tin công dân chọn hiển thị trong mã' }),
}, Strict);

export const IdentityQr = Type.Object({
  token: Type.String({ description: 'Nội dung mã QR: JWS rút gọn (ES256), kiểm tra được bằng khóa công khai tại /.well-known/jwks.json' }),
  fields: Type.Array(Type.String()),
  issuedAt: Instant,
  refreshAt: Type.String({ format: 'date-time', description: 'Lúc trang nên lấy mã mới' }),
  refreshInSeconds: Type.Integer({ description: 'Sau bao nhiêu giây nên lấy mã mới (không phụ thuộc đồng hồ thiết bị)' }),
  expiresAt: Instant,
});

export const VerifyBody = Type.Object({
  qr: Type.String({ minLength: 1, maxLength: 4096, description: 'Nội dung quét được: mã QR định danh da06 hoặc mã QR in trên thẻ căn cước' }),
}, Strict);

export const Reason = Type.Object({ code: Type.String(), message: Type.String() });
/** Why a verification is not valid, or what the counter must keep in mind. */
export type Reason = Static<typeof Reason>;

/** Only these person fields can ever leave a verification; each is present only when the relying party may see it. */
export const VerifiedPerson = Type.Object({
  personal_id: Type.Optional(Type.String()),
  full_name: Type.Optional(Type.String()),
  date_of_birth: Type.Optional(Type.String()),
  sex: Type.Optional(Type.String()),
  address: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  age_over_18: Type.Optional(Type.Boolean()),
  photo: Type.Optional(Type.String({ description: 'Ảnh chân dung trong CSDL dân cư (data URL, image/jpeg hoặc image/png); chỉ khi mục đích của đơn vị cho phép trường photo' })),
});

export const VerificationOutcome = Type.Object({
  method: Type.Union([Type.Literal('identity_qr'), Type.Literal('card_qr'), Type.Literal('chip'), Type.Literal('wallet')]),
  valid: Type.Boolean(),
  reasons: Type.Array(Reason, { description: 'Vì sao không hợp lệ (hoặc điều cần lưu ý)' }),
  level: Type.Union([Level, Type.Null()], { description: 'Mức độ tài khoản định danh điện tử' }),
  person: VerifiedPerson,
  withheld: Type.Array(Type.String(), { description: 'Trường đơn vị được xem nhưng công dân chọn không hiển thị' }),
  issuedAt: NullableInstant,
  expiresAt: NullableInstant,
  verifiedAt: Instant,
  relyingParty: Type.Object({ name: Type.String(), purpose: Type.String() }),
  registry: Type.Union([Type.Object({
    status: Type.String({ description: 'Mã QR in trên thẻ: match | unconfirmed. Chip đã xác thực: match | mismatch | not_found | deceased | number_cancelled' }),
    differences: Type.Array(Type.Object({ field: Type.String(), label: Type.String(), kind: Type.String({ description: 'value | diacritics' }) }), {
      description: 'Chỉ với chip đã xác thực thụ động; luôn rỗng với mã QR in trên thẻ (không có chữ ký số)',
    }),
  }), Type.Null()], {
    description: 'Thẻ so với CSDL dân cư. Mã QR in trên thẻ chỉ có một kết quả "không xác nhận được" cho mọi trường hợp không khớp, không tìm thấy, đã mất hay số đã hủy; null khi không đối chiếu (chip không xác thực được, hoặc đơn vị đang bị tạm ngừng đối chiếu)',
  }),
  notice: Type.Union([Type.String(), Type.Null()]),
  checks: Type.Union([Type.Array(Type.Object({
    check: Type.String({ description: 'sod_signature | certificate_chain | certificate_validity | dg_hash | dg1_mrz | dg13_parse | dg1_dg13_consistency | active_authentication' }),
    status: Type.String({ description: 'pass | fail | skipped' }),
    code: Type.String(),
    message: Type.String(),
    dataGroup: Type.Optional(Type.Integer()),
  })), Type.Null()], { description: 'Chip: từng bước xác thực thụ động (ICAO 9303), riêng rẽ' }),
  chipFace: Type.Union([Type.Object({
    mediaType: Type.String({ description: 'image/jpeg | image/jp2' }),
    displayable: Type.Boolean({ description: 'false: JPEG 2000, trình duyệt không hiển thị được' }),
    dataUrl: Type.Union([Type.String(), Type.Null()]),
  }), Type.Null()], { description: 'Chip đã xác thực: ảnh khuôn mặt trong DG2' }),
  document: Type.Union([Type.Object({
    type: Type.String(), typeLabel: Type.String(),
    claims: Type.Array(Type.Object({ claim: Type.String(), label: Type.String(), text: Type.String() })),
    withheld: Type.Array(Type.String()),
  }), Type.Null()], { description: 'Giấy tờ trong ví: loại và các thông tin công dân chọn xuất trình' }),
}, { $id: 'VerificationOutcome' });
/** What a counter sees after a verification; `person` holds only the relying party's allowed fields. */
export type VerificationOutcome = Static<typeof VerificationOutcome>;

export const WalletDocument = Type.Object({
  id: Type.String(), type: Type.String(), typeLabel: Type.String(), title: Type.String(), issuedAt: Instant, expiresAt: Instant,
  status: Type.Union([Type.Literal('valid'), Type.Literal('expired'), Type.Literal('revoked')]),
  revokedReason: Type.Union([Type.String(), Type.Null()]),
  claims: Type.Array(Type.Object({ claim: Type.String(), label: Type.String(), text: Type.String(), selective: Type.Boolean() })),
});

export const IssueDocumentBody = Type.Object({
  personalId: Type.String({ pattern: '^\\d{12}$' }),
  type: Type.Union([Type.Literal('certified-copy'), Type.Literal('health-insurance'), Type.Literal('judicial-record')]),
  claims: Type.Object({}, { additionalProperties: true, description: 'Thông tin của giấy tờ (tên trường camelCase, xem wallet/types.ts); họ tên, ngày sinh, giới tính, số định danh lấy từ CSDL dân cư' }),
}, Strict);

export const RevokeBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 300 }) }, Strict);
export const DocumentParams = Type.Object({ id: Type.String({ pattern: '^[A-Za-z0-9_-]{8,40}$' }) });
export const PresentBody = Type.Object({ claims: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 30, uniqueItems: true }) }, Strict);
export const Presentation = Type.Object({ presentation: Type.String({ description: 'SD-JWT chỉ gồm các thông tin đã chọn' }), expiresAt: Instant });

/** Base64 (RFC 4648, with padding) of each file an NFC reader read from the chip; the sizes are the library's limits. */
const b64 = (max: number, description: string) => Type.String({ minLength: 4, maxLength: Math.ceil(max / 3) * 4, description });
export const ChipBody = Type.Object({
  sod: b64(CHIP_INPUT_LIMITS.sod, 'EF.SOD (Document Security Object)'),
  dg1: b64(CHIP_INPUT_LIMITS.dg1, 'DG1: vùng MRZ'),
  dg2: Type.Optional(b64(CHIP_INPUT_LIMITS.dg2, 'DG2: ảnh khuôn mặt')),
  dg13: Type.Optional(b64(CHIP_INPUT_LIMITS.dg13, 'DG13: thông tin công dân (Việt Nam)')),
  dg15: Type.Optional(b64(CHIP_INPUT_LIMITS.dg15, 'DG15: khóa công khai xác thực chủ động')),
  aaSignature: Type.Optional(b64(CHIP_INPUT_LIMITS.aaSignature, 'Chữ ký của chip cho thử thách (INTERNAL AUTHENTICATE)')),
  aaChallenge: Type.Optional(b64(CHIP_INPUT_LIMITS.aaChallenge, 'Thử thách đã gửi tới chip')),
}, Strict);

export const Csca = Type.Object({
  fingerprint: Type.String({ description: 'SHA-256 của chứng thư (hex)' }), subject: Type.String(), serial: Type.String(),
  notBefore: Instant, notAfter: Instant, addedAt: Instant,
});
export const CscaAdd = Type.Object({ pem: Type.String({ minLength: 1, maxLength: 20_000, description: 'Chứng thư CSCA dạng PEM' }) }, Strict);
export const CscaAdded = Type.Object({ fingerprint: Type.String(), subject: Type.String(), notBefore: Instant, notAfter: Instant, added: Type.Boolean() });
export const FingerprintParams = Type.Object({ fingerprint: Type.String({ pattern: '^[0-9a-fA-F:]{64,95}$' }) });

export const VerificationAlerts = Type.Array(Type.Object({
  at: Instant,
  kind: Type.Union([Type.Literal('personal_id'), Type.Literal('counter')], { description: 'personal_id: tạm ngừng cho một số định danh tại đơn vị; counter: tạm ngừng cả đơn vị' }),
  relyingParty: Type.Object({ code: Type.String(), name: Type.String() }),
  personalId: Type.Union([Type.String(), Type.Null()], { description: 'Số định danh đã che bớt (kind = personal_id)' }),
  message: Type.String(),
}));

export const CitizenHistory = Type.Array(Type.Object({
  at: Instant,
  method: Type.String(),
  result: Type.String(),
  reason: Type.Union([Type.String(), Type.Null()]),
  fields: Type.Array(Type.String()),
  purpose: Type.String(),
  relyingParty: Type.String(),
  relyingPartyType: Type.String(),
}));

export const DeskRecentQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Họ tên (không dấu cũng được) hoặc một phần số định danh, trong những gì quầy đã được hiển thị' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })),
}, { additionalProperties: false });

export const DeskRecent = Type.Object({
  total: Type.Integer(),
  items: Type.Array(Type.Object({
    id: Type.Integer(), at: Instant, method: Type.String(), result: Type.String(), reason: Type.Union([Type.String(), Type.Null()]),
    fields: Type.Array(Type.String()), staff: Type.Union([Type.String(), Type.Null()]),
    identified: Type.Boolean({ description: 'Lần xác thực xác định được một người' }),
    fullName: Type.Union([Type.String(), Type.Null()], { description: 'Họ tên, chỉ khi mục đích của đơn vị cho phép và lần xác thực đã hiển thị' }),
    personalId: Type.Union([Type.String(), Type.Null()], { description: 'Số định danh (che giữa), chỉ khi lần xác thực đã hiển thị' }),
  })),
});

const RpType = oneOf(Object.keys(RELYING_PARTY_TYPES) as RelyingPartyType[]);

export const RelyingParty = Type.Object({
  id: Type.Integer(), code: Type.String(), name: Type.String(), type: Type.String(), typeLabel: Type.String(), purpose: Type.String(),
  allowedFields: Type.Array(Type.String()), minLevel: Type.Integer(), provinceCode: Type.String(), ratePerMinute: Type.Integer(),
  active: Type.Boolean(), hasApiKey: Type.Boolean(), createdAt: Instant,
});

export const RelyingPartyWithStats = Type.Intersect([RelyingParty, Type.Object({
  verifications: Type.Integer(), valid: Type.Integer(), lastVerificationAt: NullableInstant,
})]);

const RpFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  type: RpType,
  purpose: Type.String({ minLength: 1, maxLength: 300, description: 'Mục đích xác thực, hiển thị cho công dân' }),
  allowedFields: Type.Array(Field, { minItems: 1, uniqueItems: true }),
  minLevel: Level,
  ratePerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
};

export const RelyingPartyCreate = Type.Object({
  code: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,62}$', description: 'Mã ngắn, chữ thường, số và gạch nối' }),
  provinceCode: Type.String({ pattern: '^\\d{2}$' }),
  withApiKey: Type.Optional(Type.Boolean({ description: 'Cấp khóa API cho hệ thống của đơn vị gọi trực tiếp' })),
  ...RpFields,
}, Strict);

export const RelyingPartyUpdate = Type.Object({ ...RpFields, active: Type.Boolean() }, Strict);

export const RelyingPartyCreated = Type.Object({
  relyingParty: RelyingParty,
  apiKey: Type.Union([Type.String(), Type.Null()], { description: 'Chỉ hiển thị một lần' }),
});

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const Jwks = Type.Object({ keys: Type.Array(Type.Object({}, { additionalProperties: true })) });
