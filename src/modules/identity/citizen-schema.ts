import { Type } from '@sinclair/typebox';
import { ChipBody } from '../credentials/index.js';

/** Request and response shapes of the citizen e-ID routes (what leaves the server is exactly this). */
const PersonalId = Type.String({ pattern: '^\\d{12}$', description: 'Số định danh cá nhân (12 chữ số)' });
const Code = Type.String({ minLength: 1, maxLength: 10, description: 'Mã xác thực 6 chữ số' });
const Level = Type.Union([Type.Literal(1), Type.Literal(2)], { description: 'Mức độ tài khoản định danh điện tử' });
const Factor = Type.Union([Type.Literal('otp'), Type.Literal('totp'), Type.Literal('passkey')]);
const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Strict = { additionalProperties: false } as const;

export const RegistrationBody = Type.Object({
  personalId: Type.String({ minLength: 1, maxLength: 20, description: 'Số định danh cá nhân' }),
  fullName: Type.String({ minLength: 1, maxLength: 100 }),
  dateOfBirth: Type.String({ minLength: 1, maxLength: 10, description: 'YYYY-MM-DD' }),
  phone: Type.String({ minLength: 1, maxLength: 20, description: 'Số điện thoại đã khai với cơ quan đăng ký cư trú' }),
}, Strict);

export const RegistrationStarted = Type.Object({
  registrationId: Type.String(),
  sentTo: Type.String({ description: 'Số điện thoại nhận mã (đã che)' }),
  expiresInSeconds: Type.Integer(),
});

export const RegistrationParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const ConfirmBody = Type.Object({ code: Code, password: Type.String({ minLength: 1, maxLength: 256 }) }, Strict);

export const SignedIn = Type.Object({
  level: Level,
  csrfToken: Type.String({ description: 'Gửi lại trong header x-csrf-token với mọi yêu cầu ghi' }),
});

export const SignInBody = Type.Object({ personalId: Type.String({ minLength: 1, maxLength: 20 }), password: Type.String({ minLength: 1, maxLength: 256 }) }, Strict);
export const SignInChallenge = Type.Object({
  next: Factor,
  challengeId: Type.String(),
  factors: Type.Array(Factor),
  sentTo: Type.Optional(Type.String({ description: 'Số điện thoại nhận mã (đã che), khi đã gửi mã qua tin nhắn' })),
});
export const ChallengeBody = Type.Object({ challengeId: Type.String({ minLength: 1, maxLength: 64 }) }, Strict);
export const CodeSent = Type.Object({ sentTo: Type.String() });

/** WebAuthn values travel base64url-encoded (what @simplewebauthn/browser sends). */
const B64u = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '^[A-Za-z0-9_-]+={0,2}$' });
const Transports = Type.Array(Type.String({ maxLength: 32 }), { maxItems: 8 });
const CredentialCommon = {
  id: B64u(1400),
  rawId: B64u(1400),
  type: Type.Literal('public-key'),
  clientExtensionResults: Type.Object({}, { additionalProperties: true }),
  authenticatorAttachment: Type.Optional(Type.Union([Type.Literal('platform'), Type.Literal('cross-platform')])),
};
export const AuthenticationResponse = Type.Object({
  ...CredentialCommon,
  response: Type.Object({
    clientDataJSON: B64u(4096),
    authenticatorData: B64u(4096),
    signature: B64u(1024),
    userHandle: Type.Optional(Type.String({ maxLength: 512 })),
  }),
}, { description: 'Kết quả navigator.credentials.get() dạng JSON (AuthenticationResponseJSON)' });
export const RegistrationResponse = Type.Object({
  ...CredentialCommon,
  response: Type.Object({
    clientDataJSON: B64u(4096),
    attestationObject: B64u(16384),
    authenticatorData: Type.Optional(B64u(8192)),
    transports: Type.Optional(Transports),
    publicKeyAlgorithm: Type.Optional(Type.Integer()),
    publicKey: Type.Optional(B64u(4096)),
  }),
}, { description: 'Kết quả navigator.credentials.create() dạng JSON (RegistrationResponseJSON)' });

export const VerifyBody = Type.Object({
  challengeId: Type.String({ minLength: 1, maxLength: 64 }),
  method: Factor,
  code: Type.Optional(Code),
  response: Type.Optional(AuthenticationResponse),
}, { ...Strict, description: 'code với otp/totp; response với passkey' });

/** Options for navigator.credentials.create()/get(), as @simplewebauthn/server makes them (passed through unchanged). */
export const WebauthnOptions = Type.Object({ challenge: Type.String() }, { additionalProperties: true });
export const PasskeyRegisterBody = Type.Object({
  response: RegistrationResponse,
  label: Type.Optional(Type.String({ maxLength: 60, description: 'Tên gợi nhớ, ví dụ "Điện thoại của tôi"' })),
}, Strict);
const Passkey = Type.Object({
  id: Type.String(),
  label: Nullable(Type.String()),
  transports: Type.Array(Type.String()),
  createdAt: Instant,
  lastUsedAt: Nullable(Instant),
});
export const PasskeyView = Passkey;
export const PasskeyList = Type.Object({ items: Type.Array(Passkey) });

export const CitizenSessionView = Type.Object({
  personalIdMasked: Type.String(),
  level: Level,
  factors: Type.Array(Factor),
  csrfToken: Type.String(),
});

export const TotpSetup = Type.Object({
  otpauthUrl: Type.String({ description: 'Địa chỉ otpauth:// để hiển thị mã QR' }),
  secret: Type.String({ description: 'Khóa bí mật base32 (nhập tay khi không quét được mã QR)' }),
});
export const TotpActivateBody = Type.Object({ code: Code }, Strict);
export const TotpActivated = Type.Object({ factors: Type.Array(Factor) });

export const Profile = Type.Object({
  personalId: Type.String(),
  fullName: Type.String(),
  dateOfBirth: Type.String(),
  sex: Type.String(),
  phoneMasked: Nullable(Type.String()),
  residence: Type.Object({
    communeCode: Type.String(), communeName: Type.String(), provinceCode: Type.String(), provinceName: Type.String(), address: Nullable(Type.String()),
  }),
  household: Type.Union([Type.Object({ householdNo: Type.String(), relationToHead: Nullable(Type.String()) }), Type.Null()]),
  account: Type.Object({
    level: Level,
    createdAt: Instant,
    factors: Type.Array(Factor),
    level2: Type.Union([
      Type.Object({ at: Instant, checkedDocument: Nullable(Type.String()), checkedDocumentLabel: Nullable(Type.String()) }),
      Type.Null(),
    ], { description: 'Lần nâng lên mức độ 2 (cán bộ kiểm tra trực tiếp)' }),
  }),
});

export const SessionList = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.String(),
    userAgent: Nullable(Type.String()),
    createdAt: Instant,
    lastSeen: Instant,
    expiresAt: Instant,
    current: Type.Boolean({ description: 'Phiên đang dùng để xem danh sách này' }),
  })),
});
export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

export const ConnectedServiceList = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), scopes: Type.Array(Type.String()), connectedAt: Instant, lastUsedAt: Nullable(Instant),
  })),
});

export const AccountParams = Type.Object({ personalId: PersonalId });
export const RaiseLevelBody = Type.Object({
  level: Type.Literal(2),
  checkedDocument: Type.Union([Type.Literal('cccd'), Type.Literal('can_cuoc')], { description: 'Giấy tờ cán bộ đã kiểm tra trực tiếp' }),
  note: Type.Optional(Type.String({ maxLength: 500 })),
  chip: { ...ChipBody, description: 'Dữ liệu đọc từ chip thẻ (đầu đọc NFC); phải xác thực thụ động đạt, đúng người và khớp CSDL dân cư' },
}, Strict);
export const OfficerAccountView = Type.Object({
  personalId: Type.String(),
  level: Level,
  status: Type.Union([Type.Literal('active'), Type.Literal('locked')]),
  lockedReason: Nullable(Type.String()),
  createdAt: Instant,
  level2At: Nullable(Instant),
  level2Document: Nullable(Type.String()),
});

// ---- password: forgot (reset by a code to the registered phone) and change ----
export const PasswordResetBody = Type.Object({
  personalId: PersonalId,
  phone: Type.String({ minLength: 9, maxLength: 20, pattern: '^[0-9 .()+-]+$', description: 'Số điện thoại đã đăng ký với tài khoản' }),
}, Strict);
export const PasswordResetStarted = Type.Object({
  resetId: Type.String({ description: 'Mã yêu cầu; như nhau dù thông tin có khớp hay không' }),
  sentTo: Type.String({ description: 'Số điện thoại đã nhập (đã che): mã chỉ được gửi tới đó khi số định danh và số điện thoại khớp một tài khoản' }),
  expiresInSeconds: Type.Integer(),
});
export const PasswordResetParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
export const PasswordResetConfirmBody = Type.Object({ code: Code, password: Type.String({ minLength: 1, maxLength: 256 }) }, Strict);
export const PasswordChangeBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
  newPassword: Type.String({ minLength: 1, maxLength: 256 }),
}, Strict);

// ---- level-2 requests ----
const Level2Status = Type.Union([Type.Literal('pending'), Type.Literal('cancelled'), Type.Literal('done')], { description: 'Chờ xử lý, đã hủy, đã nâng mức' });
const CommuneCode = Type.String({ pattern: '^\\d{5}$', description: 'Mã xã/phường (danh mục 2025)' });
const Level2RequestFields = {
  id: Type.Integer(),
  officeCode: Type.String(),
  officeName: Type.String({ description: 'Công an xã/phường …' }),
  status: Level2Status,
  createdAt: Instant,
  closedAt: Nullable(Instant),
};
export const Level2Request = Type.Object(Level2RequestFields);
export const Level2RequestList = Type.Object({ items: Type.Array(Level2Request) });
export const Level2RequestBody = Type.Object({ officeCode: CommuneCode }, Strict);
export const Level2RequestParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });
export const Level2Queue = Type.Object({
  items: Type.Array(Type.Object({ ...Level2RequestFields, personalId: Type.String() })),
});
