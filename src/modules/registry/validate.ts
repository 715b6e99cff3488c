import { fieldError, type FieldError } from './errors.js';
import { checkPersonalId, isLegacyIdShape, type Sex } from './personal-id.js';
import { isStorableText } from '../../platform/text.js';
import { canonicalName, isPersonName } from './names.js';

/** A person as it arrives from outside (API body or one import row), already mapped to these names. */
export interface PersonInput {
  personalId?: unknown;
  fullName?: unknown;
  dateOfBirth?: unknown;
  sex?: unknown;
  communeCode?: unknown;
  legacyId?: unknown;
  ethnicity?: unknown;
  religion?: unknown;
  householdNo?: unknown;
  relationToHead?: unknown;
  address?: unknown;
  phone?: unknown;
}

export interface ValidPerson {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: Sex;
  communeCode: string;
  legacyId: string | null;
  ethnicity: string;
  religion: string;
  householdNo: string | null;
  relationToHead: string | null;
  address: string | null;
  phone: string | null;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMMUNE = /^\d{5}$/;
/** How household numbers are written and read (GET /households/:householdNo): write only what can be read back. */
export const HOUSEHOLD_NO_PATTERN = '^[A-Za-z0-9-]{1,40}$';
const HOUSEHOLD_NO = new RegExp(HOUSEHOLD_NO_PATTERN);
/** A Vietnamese mobile or landline number in national form: 0 and nine digits. */
const PHONE = /^0\d{9}$/;

export function isRealDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  const s = String(v).trim();
  return s === '' ? undefined : s;
}

/**
 * Checks one person's fields in reading order; `names` maps internal names to the caller's field
 * names (camelCase for the API, snake_case for import files) so errors point at what was sent.
 * Unit existence and duplicates need the database and are checked by the caller.
 */
export function validatePerson(input: PersonInput, today: string, names: Record<keyof PersonInput, string>): { value?: ValidPerson; errors: FieldError[] } {
  // A control character (a NUL makes PostgreSQL refuse the whole statement) fails this person only.
  const hidden = (Object.keys(names) as (keyof PersonInput)[]).filter((k) => typeof input[k] === 'string' && !isStorableText(input[k]));
  if (hidden.length) return { errors: hidden.map((k) => fieldError(names[k], 'INVALID_CHARACTERS')) };
  const errors: FieldError[] = [];
  const personalId = text(input.personalId);
  const fullName = text(input.fullName);
  const dateOfBirth = text(input.dateOfBirth);
  const sexRaw = text(input.sex)?.normalize('NFC');
  const communeCode = text(input.communeCode);
  const legacyId = text(input.legacyId) ?? null;

  if (!personalId) errors.push(fieldError(names.personalId, 'REQUIRED'));
  else if (!/^\d{12}$/.test(personalId)) errors.push(fieldError(names.personalId, 'PERSONAL_ID_FORMAT'));
  if (!fullName) errors.push(fieldError(names.fullName, 'REQUIRED'));
  else if (fullName.length > 100) errors.push(fieldError(names.fullName, 'TOO_LONG'));
  else if (!isPersonName(fullName)) errors.push(fieldError(names.fullName, 'NAME_CHARACTERS'));
  if (!dateOfBirth) errors.push(fieldError(names.dateOfBirth, 'REQUIRED'));
  else if (!isRealDate(dateOfBirth) || dateOfBirth < '1900-01-01') errors.push(fieldError(names.dateOfBirth, 'INVALID_DATE'));
  else if (dateOfBirth > today) errors.push(fieldError(names.dateOfBirth, 'DATE_IN_FUTURE'));
  if (!sexRaw) errors.push(fieldError(names.sex, 'REQUIRED'));
  else if (sexRaw !== 'Nam' && sexRaw !== 'Nữ') errors.push(fieldError(names.sex, 'INVALID_SEX'));
  if (!communeCode) errors.push(fieldError(names.communeCode, 'REQUIRED'));
  else if (!COMMUNE.test(communeCode)) errors.push(fieldError(names.communeCode, 'INVALID_FORMAT'));
  if (legacyId && !isLegacyIdShape(legacyId)) errors.push(fieldError(names.legacyId, 'LEGACY_ID_FORMAT'));
  const phone = text(input.phone)?.replace(/[\s.-]/g, '') ?? null;
  if (phone && !PHONE.test(phone)) errors.push(fieldError(names.phone, 'PHONE_FORMAT'));

  const sex = sexRaw as Sex;
  // The ID is compared with sex and birth year only once those are themselves valid.
  if (personalId && /^\d{12}$/.test(personalId) && !errors.some((e) => e.field === names.sex || e.field === names.dateOfBirth)) {
    for (const p of checkPersonalId(personalId, sex, dateOfBirth!)) {
      if (p.code !== 'PERSONAL_ID_FORMAT') errors.push(fieldError(names.personalId, p.code, p));
    }
  }
  const householdNo = text(input.householdNo);
  if (householdNo && !HOUSEHOLD_NO.test(householdNo)) errors.push(fieldError(names.householdNo, 'INVALID_FORMAT'));
  for (const key of ['ethnicity', 'religion', 'relationToHead', 'address'] as const) {
    const v = text(input[key]);
    if (v && v.length > 200) errors.push(fieldError(names[key], 'TOO_LONG'));
  }
  if (errors.length) return { errors };
  return {
    errors,
    value: {
      personalId: personalId!,
      fullName: canonicalName(fullName!),
      dateOfBirth: dateOfBirth!,
      sex,
      communeCode: communeCode!,
      legacyId,
      ethnicity: text(input.ethnicity)?.normalize('NFC') ?? 'Kinh',
      religion: text(input.religion)?.normalize('NFC') ?? 'Không',
      householdNo: householdNo ?? null,
      relationToHead: text(input.relationToHead)?.normalize('NFC') ?? null,
      address: text(input.address)?.normalize('NFC') ?? null,
      phone,
    },
  };
}

export const API_FIELD_NAMES: Record<keyof PersonInput, string> = {
  personalId: 'personalId', fullName: 'fullName', dateOfBirth: 'dateOfBirth', sex: 'sex', communeCode: 'communeCode',
  legacyId: 'legacyId', ethnicity: 'ethnicity', religion: 'religion', householdNo: 'householdNo',
  relationToHead: 'relationToHead', address: 'address', phone: 'phone',
};

export const FILE_FIELD_NAMES: Record<keyof PersonInput, string> = {
  personalId: 'personal_id', fullName: 'full_name', dateOfBirth: 'date_of_birth', sex: 'sex', communeCode: 'commune_code',
  legacyId: 'legacy_id', ethnicity: 'ethnicity', religion: 'religion', householdNo: 'household_id',
  relationToHead: 'relation_to_head', address: 'address', phone: 'phone',
};

/** Today's date in Vietnam (legal dates are in Asia/Ho_Chi_Minh). */
export { todayInVietnam } from '../../platform/time.js';
