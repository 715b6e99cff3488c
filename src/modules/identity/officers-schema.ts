import { Type } from '@sinclair/typebox';

/** Request and response shapes of the officer account routes (what leaves the server is exactly this). */

/** Usernames: lower-case letters, digits, dot, dash and underscore, 3 to 40 characters (as a lodging's staff). */
export const USERNAME_PATTERN = '^[a-z0-9][a-z0-9._-]{2,39}$';

const Strict = { additionalProperties: false } as const;
const Instant = Type.String({ format: 'date-time' });

export const PasswordChangeBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
  newPassword: Type.String({ minLength: 1, maxLength: 256 }),
}, Strict);

export const PasswordChanged = Type.Object({
  otherSessionsEnded: Type.Integer({ description: 'Số phiên khác của cán bộ đã kết thúc' }),
});

export const OfficerAccount = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  fullName: Type.String(),
  role: Type.String(),
  roleLabel: Type.String(),
  area: Type.Object({ code: Type.String(), level: Type.String(), name: Type.String() }),
  relyingParty: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()], { description: 'Đơn vị xác thực (nhân viên, vai trò rp_staff)' }),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  mustChangePassword: Type.Boolean({ description: 'Đang dùng mật khẩu một lần, phải đổi khi đăng nhập' }),
  administrable: Type.Boolean({ description: 'Quản trị tỉnh được đặt lại mật khẩu, vô hiệu hóa, kích hoạt lại tài khoản này (sai với vai trò quản trị, kiểm tra viên: chỉ người vận hành)' }),
  createdAt: Instant,
  disabledAt: Type.Union([Instant, Type.Null()]),
}, { $id: 'OfficerAccount' });

export const OfficerListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Tên đăng nhập hoặc họ tên' })),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
  offset: Type.Integer({ minimum: 0, maximum: 100_000, default: 0 }),
}, Strict);

export const OfficerList = Type.Object({ items: Type.Array(OfficerAccount), total: Type.Integer() });

export const OfficerCreateBody = Type.Object({
  username: Type.String({ pattern: USERNAME_PATTERN, description: 'Chữ thường, số, dấu chấm, gạch nối; 3–40 ký tự' }),
  fullName: Type.String({ minLength: 1, maxLength: 100 }),
  role: Type.String({ minLength: 1, maxLength: 40 }),
  areaCode: Type.Optional(Type.String({ pattern: '^\\d{2,5}$', description: 'Mã xã hoặc mã tỉnh (danh mục 2025) theo cấp của vai trò; nhân viên đơn vị xác thực: mặc định tỉnh' })),
  relyingPartyId: Type.Optional(Type.Integer({ minimum: 1, description: 'Đơn vị xác thực (bắt buộc với vai trò rp_staff)' })),
}, Strict);

export const OfficerCreated = Type.Object({
  account: OfficerAccount,
  password: Type.String({ description: 'Mật khẩu dùng một lần: chỉ hiển thị một lần, phải đổi khi đăng nhập lần đầu' }),
});

export const OfficerIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 31 - 1 }) });

export const PasswordReset = Type.Object({
  password: Type.String({ description: 'Mật khẩu dùng một lần mới: chỉ hiển thị một lần' }),
});

export const OfficerOptions = Type.Object({
  province: Type.Object({ code: Type.String(), name: Type.String() }),
  roles: Type.Array(Type.Object({
    role: Type.String(), label: Type.String(),
    area: Type.Union([Type.Literal('commune'), Type.Literal('province'), Type.Literal('relying_party')], { description: 'Cấp địa bàn giao cho vai trò' }),
  })),
  relyingParties: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String(), typeLabel: Type.String() })),
});

export const ActivityQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 30 }) }, Strict);

export const AccountActivity = Type.Array(Type.Object({
  at: Instant,
  action: Type.String(),
  actionLabel: Type.String(),
  actor: Type.Object({ kind: Type.String(), id: Type.String(), name: Type.String() }),
  account: Type.Object({ id: Type.Integer(), username: Type.String(), fullName: Type.String() }),
}));
