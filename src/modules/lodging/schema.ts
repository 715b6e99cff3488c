import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { ChipBody } from '../credentials/index.js';
import { AGE_GROUPS, FACILITY_KINDS, FACILITY_STATUSES, GUEST_ROLES, WATCHLIST_KINDS } from './kinds.js';

/** Request and response shapes of the lodging routes (what leaves the server is exactly this). */
const Strict = { additionalProperties: false } as const;
const Instant = Type.String({ format: 'date-time' });
const NullableInstant = Type.Union([Instant, Type.Null()]);
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD' });
const NullableString = Type.Union([Type.String(), Type.Null()]);
/**
 * The keys of a label table as a union of literals. Typed as one literal of the key union: a union built
 * from an array (not a tuple) has the static type `never` in a route's reply type.
 */
const literals = <T extends Record<string, string>>(o: T) => Type.Union(Object.keys(o).map((k) => Type.Literal(k))) as TUnion<[TLiteral<keyof T & string>]>;

export const FacilityKind = literals(FACILITY_KINDS);
export const GuestRole = literals(GUEST_ROLES);

// ---- facilities ----
const FacilityFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  kind: FacilityKind,
  starClass: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 5 }), Type.Null()], { description: 'Hạng sao (chỉ khách sạn)' })),
  communeCode: Type.String({ pattern: '^\\d{5}$', description: 'Mã xã/phường theo danh mục 2025' }),
  address: Type.String({ minLength: 1, maxLength: 300 }),
  capacity: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 100000 }), Type.Null()], { description: 'Số phòng, giường hoặc ghế' })),
  remoteArea: Type.Optional(Type.Boolean({ description: 'Vùng sâu, vùng xa: người nước ngoài khai báo trong 24 giờ thay vì 12 giờ' })),
  ownerName: Type.String({ minLength: 1, maxLength: 200 }),
  phone: Type.String({ pattern: '^0\\d{9}$' }),
};

export const FacilityBody = Type.Object(FacilityFields, Strict);
export type FacilityInput = Static<typeof FacilityBody>;

export const ApplicationBody = Type.Object({
  ...FacilityFields,
  username: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{2,39}$', description: 'Tên đăng nhập của nhân viên đầu tiên (tạo khi được duyệt)' }),
  password: Type.String({ minLength: 10, maxLength: 200 }),
}, Strict);
export type ApplicationInput = Static<typeof ApplicationBody>;

export const Facility = Type.Object({
  id: Type.Integer(), name: Type.String(), kind: Type.String(), kindLabel: Type.String(), starClass: Type.Union([Type.Integer(), Type.Null()]),
  communeCode: Type.String(), communeName: Type.String(), provinceCode: Type.String(), address: Type.String(),
  capacity: Type.Union([Type.Integer(), Type.Null()]), remoteArea: Type.Boolean(), ownerName: Type.String(), phone: Type.String(),
  status: literals(FACILITY_STATUSES), statusLabel: Type.String(), decisionNote: NullableString, createdAt: Instant, decidedAt: NullableInstant,
  roles: Type.Array(GuestRole, { description: 'Ai được khai báo tại cơ sở này' }),
  lastDeclaredAt: Type.Optional(NullableInstant), currentGuests: Type.Optional(Type.Integer()), stays30d: Type.Optional(Type.Integer()),
});

export const FacilityList = Type.Object({
  items: Type.Array(Facility),
  registered: Type.Integer({ description: 'Cơ sở đang hoạt động trong địa bàn' }),
  pending: Type.Integer({ description: 'Cơ sở chờ duyệt' }),
});

export const FacilityQuery = Type.Object({
  status: Type.Optional(literals(FACILITY_STATUSES)),
  communeCode: Type.Optional(Type.String({ pattern: '^\\d{5}$' })),
  silentDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365, description: 'Chỉ cơ sở không khai báo gì trong chừng ấy ngày' })),
}, Strict);

export const DecisionBody = Type.Object({
  decision: Type.Union([Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('suspended')]),
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, Strict);

export const StaffBody = Type.Object({
  username: Type.String({ pattern: '^[a-z0-9][a-z0-9._-]{2,39}$' }),
  fullName: Type.String({ minLength: 1, maxLength: 200 }),
}, Strict);

export const StaffCreated = Type.Object({
  username: Type.String(),
  password: Type.String({ description: 'Mật khẩu ban đầu, chỉ hiện một lần' }),
});

// ---- declarations ----
export const GuestBody = Type.Object({
  role: Type.Optional(GuestRole),
  qr: Type.Optional(Type.String({ minLength: 1, maxLength: 4096, description: 'Mã QR định danh da06 hoặc mã QR trên thẻ căn cước của khách' })),
  chip: Type.Optional(ChipBody),
  foreigner: Type.Optional(Type.Boolean({ description: 'Người nước ngoài (khai báo theo hộ chiếu, hạn 12 giờ)' })),
  personalId: Type.Optional(Type.String({ maxLength: 20 })),
  legacyId: Type.Optional(Type.String({ maxLength: 20, description: 'Số CMND 9 số (khi khách không có số định danh)' })),
  fullName: Type.Optional(Type.String({ maxLength: 200 })),
  dateOfBirth: Type.Optional(Type.String({ maxLength: 20 })),
  sex: Type.Optional(Type.String({ maxLength: 10 })),
  passportNumber: Type.Optional(Type.String({ maxLength: 20 })),
  nationality: Type.Optional(Type.String({ maxLength: 3, description: 'Mã quốc tịch ISO 3166-1 alpha-3 (KOR, USA...)' })),
  visaDocument: Type.Optional(Type.String({ maxLength: 100, description: 'Số thị thực hoặc giấy tờ cư trú' })),
}, Strict);
export type GuestInput = Static<typeof GuestBody>;

export const TripBody = Type.Object({
  route: Type.String({ minLength: 1, maxLength: 200, description: 'Tuyến, ví dụ Cao Lãnh - TP. Hồ Chí Minh' }),
  plate: Type.String({ minLength: 1, maxLength: 20, description: 'Biển số xe' }),
  departureAt: Instant,
}, Strict);

export const DeclareBody = Type.Object({
  arrivedAt: Type.Optional(Type.String({ maxLength: 40, description: 'Giờ đến (mặc định: lúc khai báo)' })),
  expectedDeparture: Type.Optional(Type.String({ maxLength: 20, description: 'Ngày dự kiến rời đi (YYYY-MM-DD)' })),
  room: Type.Optional(Type.String({ maxLength: 50 })),
  reason: Type.String({ maxLength: 200, description: 'Lý do lưu trú' }),
  trip: Type.Optional(TripBody),
  guests: Type.Array(GuestBody, { minItems: 1, maxItems: 50 }),
}, Strict);
export type DeclareInput = Static<typeof DeclareBody>;

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ description: 'Khóa chống gửi trùng (8–100 ký tự), mỗi lần khai báo một khóa mới; gửi lại cùng khóa trả về khai báo cũ' })),
});

export const Stay = Type.Object({
  id: Type.Integer(), bookingId: Type.Integer(), facilityId: Type.Integer(), facilityName: Type.String(), communeCode: Type.String(),
  role: Type.String(), roleLabel: Type.String(), foreigner: Type.Boolean(),
  personalId: NullableString, legacyId: NullableString, passportNumber: NullableString,
  nationality: Type.String(), nationalityName: Type.String(), visaDocument: NullableString,
  fullName: Type.String(), dateOfBirth: Type.String(), sex: NullableString,
  idMethod: Type.String(), idMethodLabel: Type.String(), verified: Type.Boolean({ description: 'Danh tính đã được xác thực (QR định danh, chip, QR thẻ khớp CSDL)' }),
  reason: Type.String(), room: NullableString, arrivedAt: Instant, expectedDeparture: NullableString,
  declaredAt: Instant, dueAt: Instant, late: Type.Boolean({ description: 'Thông báo sau thời hạn luật định' }),
  departedAt: NullableInstant,
  needsTemporaryResidence: Type.Boolean({ description: 'Công dân ở quá 29 ngày: phải đăng ký tạm trú' }),
  trip: Type.Union([Type.Object({ route: Type.String(), plate: Type.String(), departureAt: Type.String() }), Type.Null()]),
  amendedAt: Type.Union([Instant, Type.Null()], { description: 'Lần cơ sở sửa khai báo gần nhất (phòng, ngày dự kiến rời đi)' }),
  cancelledAt: Type.Union([Instant, Type.Null()], { description: 'Cơ sở đã hủy khai báo này' }),
  cancelReason: Type.Union([Type.String(), Type.Null()], { description: 'Lý do hủy' }),
});

export const StayChange = Type.Object({
  kind: Type.Union([Type.Literal('amended'), Type.Literal('cancelled')]),
  at: Instant,
  roomBefore: NullableString, roomAfter: NullableString,
  expectedDepartureBefore: NullableString, expectedDepartureAfter: NullableString,
  reason: NullableString,
});

export const Booking = Type.Object({
  bookingId: Type.Integer(),
  replayed: Type.Boolean({ description: 'Khai báo này đã được ghi trước đó với cùng khóa chống gửi trùng' }),
  stays: Type.Array(Stay),
});

export const DeskStaysQuery = Type.Object({
  current: Type.Optional(Type.Boolean({ default: true })),
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Họ tên khách (không dấu cũng được)' })),
  room: Type.Optional(Type.String({ maxLength: 50, description: 'Số phòng' })),
}, Strict);

export const AmendStayBody = Type.Object({
  room: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()], { description: 'Phòng mới (null: bỏ trống)' })),
  expectedDeparture: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()], { description: 'Ngày dự kiến rời đi mới (YYYY-MM-DD; null: chưa biết)' })),
}, Strict);
export type AmendStayInput = Static<typeof AmendStayBody>;

export const CancelStayBody = Type.Object({
  reason: Type.String({ maxLength: 300, description: 'Lý do hủy (khai nhầm khách, khách không nhận phòng...)' }),
}, Strict);

export const DeskFacility = Type.Object({
  facility: Facility,
  /** The rule as it applies right now, for the desk's banner. */
  deadlineNow: Type.Object({ citizen: Instant, foreigner: Instant }),
});

export const CheckOutBody = Type.Object({
  stayIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 50 }),
  departedAt: Type.Optional(Instant),
}, Strict);

export const CheckedOut = Type.Object({ stayIds: Type.Array(Type.Integer()) });

// ---- police ----
export const StayQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100, description: 'Họ tên (không dấu cũng được), số định danh hoặc số hộ chiếu' })),
  facilityId: Type.Optional(Type.Integer({ minimum: 1 })),
  communeCode: Type.Optional(Type.String({ pattern: '^\\d{5}$' })),
  current: Type.Optional(Type.Boolean({ description: 'Chỉ khách đang lưu trú' })),
  late: Type.Optional(Type.Boolean()),
  foreigner: Type.Optional(Type.Boolean()),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000, default: 0 })),
}, Strict);

export const StayPage = Type.Object({ total: Type.Integer(), items: Type.Array(Stay) });

const NamePart = Type.Object({
  listed: Type.String({ description: 'Một chữ của họ tên trong danh sách theo dõi' }),
  declared: NullableString,
  how: Type.Union([Type.Literal('exact'), Type.Literal('accents'), Type.Literal('spelling'), Type.Literal('typo'), Type.Literal('missing')], {
    description: 'exact: trùng; accents: trùng khi bỏ dấu; spelling: khác i/y; typo: gõ nhầm một chữ cái; missing: không có',
  }),
});

/** Which parts matched: the personal ID, the birth date (or only its year), each word of the name. */
const Matched = Type.Object({
  personalId: Type.Boolean(),
  birth: Type.Union([Type.Literal('date'), Type.Literal('year'), Type.Literal('none')]),
  nameParts: Type.Array(NamePart),
});

const AlertFields = {
  id: Type.Integer(), match: Type.String(), matchLabel: Type.String(), score: Type.Number(), createdAt: Instant, matched: Matched,
  acknowledgedAt: NullableInstant, acknowledgedBy: NullableString,
  entry: Type.Object({
    id: Type.Integer(), kind: Type.String(), kindLabel: Type.String(), fullName: Type.String(), personalId: NullableString,
    dateOfBirth: NullableString, birthYear: Type.Integer(), note: NullableString,
  }),
};

export const StayDetail = Type.Object({
  stay: Stay,
  changes: Type.Array(StayChange, { description: 'Các lần cơ sở sửa hoặc hủy khai báo, cũ trước' }),
  alerts: Type.Array(Type.Object(AlertFields)),
});

/** A facility's change to a stay, pushed on the police alert stream as the event `stay` (the console reloads the stay). */
export const StayChanged = Type.Object({
  stayId: Type.Integer({ description: 'Lượt lưu trú vừa được cơ sở sửa hoặc hủy' }),
  change: Type.Union([Type.Literal('amended'), Type.Literal('cancelled')], { description: 'amended: sửa phòng hoặc ngày dự kiến rời đi; cancelled: hủy khai báo' }),
}, { additionalProperties: false });

export const Alert = Type.Object({
  ...AlertFields,
  stay: Type.Object({
    id: Type.Integer(), fullName: Type.String(), personalId: NullableString, passportNumber: NullableString, dateOfBirth: Type.String(),
    arrivedAt: Instant, verified: Type.Boolean(),
  }),
  facility: Type.Object({ id: Type.Integer(), name: Type.String(), address: Type.String() }),
  communeCode: Type.String(),
});

export const AlertQuery = Type.Object({
  unacknowledged: Type.Optional(Type.Boolean()),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
}, Strict);

export const WatchlistBody = Type.Object({
  kind: literals(WATCHLIST_KINDS),
  personalId: Type.Optional(Type.String({ maxLength: 20 })),
  fullName: Type.String({ maxLength: 200 }),
  dateOfBirth: Type.Optional(Type.String({ maxLength: 20 })),
  birthYear: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
  sex: Type.Optional(Type.String({ maxLength: 10 })),
  note: Type.Optional(Type.String({ maxLength: 500 })),
}, Strict);
export type WatchlistInput = Static<typeof WatchlistBody>;

export const WatchlistEntry = Type.Object({
  id: Type.Integer(), kind: Type.String(), kindLabel: Type.String(), personalId: NullableString, fullName: Type.String(),
  dateOfBirth: NullableString, birthYear: Type.Integer(), sex: NullableString, note: NullableString, createdAt: Instant,
});

export const WatchlistQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 100 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
}, Strict);

export const WatchlistPage = Type.Object({ total: Type.Integer(), items: Type.Array(WatchlistEntry) });

export const StatisticsQuery = Type.Object({
  from: Type.Optional(Day),
  to: Type.Optional(Day),
}, Strict);

const Count = Type.Integer();
export const Statistics = Type.Object({
  from: Type.String(), to: Type.String(),
  totals: Type.Object({
    guests: Count, domestic: Count, international: Count, late: Count, longStays: Count, alerts: Count,
    facilitiesRegistered: Count, facilitiesDeclaring: Count,
  }),
  byDay: Type.Array(Type.Object({ day: Type.String(), guests: Count, domestic: Count, international: Count, byKind: Type.Record(Type.String(), Count) })),
  byFacilityKind: Type.Array(Type.Object({ kind: Type.String(), label: Type.String(), guests: Count })),
  byNationality: Type.Array(Type.Object({ nationality: Type.String(), name: Type.String(), guests: Count })),
  byAgeGroup: Type.Array(Type.Object({ group: literals(Object.fromEntries(AGE_GROUPS.map((g) => [g, g]))), male: Count, female: Count, unknown: Count })),
  byLengthOfStay: Type.Array(Type.Object({ nights: Type.String(), guests: Count })),
  byCommune: Type.Array(Type.Object({ communeCode: Type.String(), communeName: Type.String(), guests: Count, late: Count })),
});

export const CitizenStays = Type.Object({ items: Type.Array(Stay) });

