/**
 * What a verification can show about a person. A relying party is allowed a subset for its purpose;
 * a citizen chooses a subset to put in an identity QR. Names are the claim names inside the token too.
 */
export const IDENTITY_FIELDS = ['personal_id', 'full_name', 'date_of_birth', 'sex', 'address', 'age_over_18', 'photo'] as const;
export type IdentityField = (typeof IDENTITY_FIELDS)[number];

/**
 * `photo` (the registry's portrait) never travels inside an identity QR, whose text must stay short
 * enough for a phone camera: the citizen's choice of it is stored with the token, and a counter
 * online gets the portrait from the registry when its purpose allows it (verify/identity-qr.ts).
 */
export const PORTRAIT_FIELD = 'photo' satisfies IdentityField;

/**
 * The face read from a chip card (DG2), named in a chip verification's shown fields and audit entry
 * when the counter was shown it; not a registry field a purpose allows (the card itself carries it).
 */
export const CHIP_FACE_FIELD = 'chip_face';
export const CHIP_FACE_LABEL = 'Ảnh chân dung trong chip';

export const FIELD_LABELS: Record<IdentityField, string> = {
  personal_id: 'Số định danh cá nhân',
  full_name: 'Họ, chữ đệm và tên',
  date_of_birth: 'Ngày sinh',
  sex: 'Giới tính',
  address: 'Nơi thường trú',
  age_over_18: 'Đủ 18 tuổi',
  photo: 'Ảnh chân dung',
};

/**
 * What the purpose of each kind of counter needs shown: the fields a relying party of that kind is
 * allowed by default (demo data, lodging facilities) and the citizen's identity-QR preset for it, one
 * list for both so a preset never hides what the purpose allows. The face lets the counter see that
 * the person in front of it is the person the code names.
 */
export const PURPOSE_FIELDS = {
  hospital: ['personal_id', 'full_name', 'date_of_birth', 'sex', 'address', 'photo'],
  lodging: ['personal_id', 'full_name', 'date_of_birth', 'sex', 'address', 'photo'],
  age: ['age_over_18', 'photo'],
} as const satisfies Record<string, readonly IdentityField[]>;

export function isIdentityField(value: string): value is IdentityField {
  return (IDENTITY_FIELDS as readonly string[]).includes(value);
}

/** Kinds of relying party (DESIGN.md: hospitals, lodgings, notaries, pawn shops, driving tests, exams, ticketing). */
export const RELYING_PARTY_TYPES = {
  hospital: 'Cơ sở khám bệnh, chữa bệnh',
  lodging: 'Cơ sở lưu trú',
  notary: 'Tổ chức hành nghề công chứng',
  pawnshop: 'Cơ sở kinh doanh cầm đồ',
  driving_test: 'Trung tâm sát hạch lái xe',
  exam: 'Hội đồng thi, điểm thi',
  ticketing: 'Nhà ga, bến xe, phòng vé',
  other: 'Đơn vị khác',
} as const;
export type RelyingPartyType = keyof typeof RELYING_PARTY_TYPES;

export interface PersonFacts {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: string;
  address: string | null;
  /** The registry's portrait as a data URL, when loaded (only for a purpose that allows `photo`). */
  photo?: string | null;
}

/** Whole years between a YYYY-MM-DD birth date and a YYYY-MM-DD day. */
export function ageOn(dateOfBirth: string, day: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** The value of each field, typed as the verification's response schema shows it (schema.ts VerifiedPerson). */
export interface FieldValues {
  personal_id: string;
  full_name: string;
  date_of_birth: string;
  sex: string;
  address: string | null;
  age_over_18: boolean;
  photo?: string;
}

/** The value of each field for a person, on a given day (Asia/Ho_Chi_Minh). */
export function fieldValues(p: PersonFacts, today: string): FieldValues {
  return {
    personal_id: p.personalId,
    full_name: p.fullName,
    date_of_birth: p.dateOfBirth,
    sex: p.sex,
    address: p.address,
    age_over_18: ageOn(p.dateOfBirth, today) >= 18,
    ...(p.photo ? { photo: p.photo } : {}),
  };
}

function copyField<F extends IdentityField>(to: Partial<FieldValues>, from: FieldValues, field: F) {
  to[field] = from[field];
}

/** Only the fields asked for that have a value (a person without a portrait shows none), in the catalogue's order. */
export function pick(values: FieldValues, fields: readonly string[]): Partial<FieldValues> {
  const out: Partial<FieldValues> = {};
  for (const f of IDENTITY_FIELDS) if (fields.includes(f) && values[f] !== undefined) copyField(out, values, f);
  return out;
}
