import countries from 'i18n-iso-countries';
import vi from 'i18n-iso-countries/langs/vi.json' with { type: 'json' };
import type { VerifierCaller } from '../../platform/access.js';
import { fieldError, type FieldError } from './errors.js';
import { message } from './messages.js';
import { canonicalName, checkPersonalId, decodeCenturySex, isPersonName, isRealDate, normalizeName } from '../registry/index.js';
import { parseCardQr, type ChipInput, type VerificationOutcome } from '../credentials/index.js';
import { todayInVietnam } from '../../platform/time.js';
import type { GuestInput } from './schema.js';
import type { IdMethod } from './kinds.js';
import type { StayInsert } from './store.js';

countries.registerLocale(vi);

/**
 * Who a guest is, from what the desk gave: an identity QR or the QR printed on an ID card (verified by
 * the credentials module, logged as a verification at this counter), a chip card, or details typed in
 * (Vietnamese without papers: name, birth date, personal ID or CMND; foreigners: passport and nationality).
 * Every problem is a field error under `guests.<i>.<field>` (the form AJV gives to schema errors); nothing throws for bad input.
 */
export type IdentifiedGuest = Omit<StayInsert, 'role' | 'dueAt' | 'late' | 'idMethod'> & { idMethod: IdMethod };

export interface GuestVerifier {
  verify: (verifier: VerifierCaller, text: string, requestId?: string) => Promise<VerificationOutcome>;
  verifyChip: (verifier: VerifierCaller, chip: ChipInput, requestId?: string) => Promise<VerificationOutcome>;
}

const PASSPORT = /^[A-Z0-9]{5,20}$/;
const MANUAL_FIELDS = ['personalId', 'legacyId', 'fullName', 'dateOfBirth', 'sex', 'passportNumber', 'nationality', 'visaDocument'] as const;

/** Vietnamese name of a nationality code (ISO 3166-1 alpha-3), or the code itself. */
export function nationalityName(code: string): string {
  if (code === 'VNM') return 'Việt Nam';
  return countries.getName(code, 'vi') ?? code;
}

function reasonsText(outcome: VerificationOutcome): string {
  return outcome.reasons.map((r) => r.message).join('; ') || message('LODGING_QR_INVALID');
}

function checkBirthDate(value: string | undefined, at: string, errors: FieldError[]): string | null {
  const v = value?.trim();
  if (!v) errors.push(fieldError(at, 'REQUIRED'));
  else if (!isRealDate(v)) errors.push(fieldError(at, 'INVALID_DATE'));
  else if (v > todayInVietnam()) errors.push(fieldError(at, 'DATE_IN_FUTURE'));
  else return v;
  return null;
}

function checkName(value: string | undefined, at: string, errors: FieldError[]): string | null {
  const name = canonicalName(value ?? '');
  if (!normalizeName(name)) {
    errors.push(fieldError(at, 'NAME_REQUIRED'));
    return null;
  }
  if (!isPersonName(name)) {
    errors.push(fieldError(at, 'NAME_CHARACTERS'));
    return null;
  }
  return name;
}

function checkSex(value: string | undefined, at: string, errors: FieldError[], required: boolean): string | null {
  if (value === undefined || value === '') {
    if (required) errors.push(fieldError(at, 'REQUIRED'));
    return null;
  }
  if (value !== 'Nam' && value !== 'Nữ') {
    errors.push(fieldError(at, 'INVALID_SEX'));
    return null;
  }
  return value;
}

function fromPerson(person: VerificationOutcome['person'], method: IdMethod, at: string, errors: FieldError[]): IdentifiedGuest | null {
  const missing = (['personal_id', 'full_name', 'date_of_birth'] as const).filter((f) => typeof person[f] !== 'string');
  const labels = { personal_id: 'số định danh', full_name: 'họ tên', date_of_birth: 'ngày sinh' };
  if (missing.length) {
    errors.push(fieldError(at, 'GUEST_FIELD_WITHHELD', { label: missing.map((f) => labels[f]).join(', ') }));
    return null;
  }
  const personalId = person.personal_id as string;
  const sex = typeof person.sex === 'string' ? person.sex : decodeCenturySex(Number(personalId[3])).sex;
  const fullName = person.full_name as string;
  return {
    foreigner: false, personalId, legacyId: null, passportNumber: null, nationality: 'VNM', visaDocument: null,
    fullName, nameNorm: normalizeName(fullName), dateOfBirth: person.date_of_birth as string, sex, idMethod: method, verified: true,
  };
}

/** An identity QR, or the QR printed on an ID card (accepted as the card says, verified only when it matches the registry). */
async function fromQr(g: GuestInput, deps: GuestVerifier, verifier: VerifierCaller, at: string, errors: FieldError[], requestId?: string) {
  const outcome = await deps.verify(verifier, g.qr!, requestId);
  if (outcome.method === 'card_qr') {
    const parsed = parseCardQr(g.qr!.trim());
    if (!parsed.ok) {
      errors.push(fieldError(`${at}.qr`, 'GUEST_NOT_VERIFIED', { reasons: reasonsText(outcome) }));
      return null;
    }
    const c = parsed.card;
    return {
      foreigner: false, personalId: c.personalId, legacyId: c.legacyId, passportNumber: null, nationality: 'VNM', visaDocument: null,
      fullName: c.fullName, nameNorm: normalizeName(c.fullName), dateOfBirth: c.dateOfBirth, sex: c.sex, idMethod: 'card_qr' as const,
      verified: outcome.valid,
    };
  }
  if (outcome.method !== 'identity_qr' || !outcome.valid) {
    errors.push(fieldError(`${at}.qr`, 'GUEST_NOT_VERIFIED', { reasons: outcome.method === 'wallet' ? message('LODGING_WALLET_NOT_IDENTITY') : reasonsText(outcome) }));
    return null;
  }
  return fromPerson(outcome.person, 'identity_qr', `${at}.qr`, errors);
}

function typedCitizen(g: GuestInput, at: string, errors: FieldError[]): IdentifiedGuest | null {
  const before = errors.length;
  const fullName = checkName(g.fullName, `${at}.fullName`, errors);
  const dateOfBirth = checkBirthDate(g.dateOfBirth, `${at}.dateOfBirth`, errors);
  let sex = checkSex(g.sex, `${at}.sex`, errors, false);
  const personalId = g.personalId?.replace(/\s/g, '') || null;
  const legacyId = g.legacyId?.replace(/\s/g, '') || null;
  if (!personalId && !legacyId) errors.push(fieldError(`${at}.personalId`, 'GUEST_ID_REQUIRED'));
  if (legacyId && !/^\d{9}$/.test(legacyId)) errors.push(fieldError(`${at}.legacyId`, 'LEGACY_ID_FORMAT'));
  if (personalId) {
    if (!/^\d{12}$/.test(personalId)) errors.push(fieldError(`${at}.personalId`, 'PERSONAL_ID_FORMAT'));
    else if (dateOfBirth) {
      // The ID's fourth digit gives the sex: typed or not, it must agree with it, and with the birth year.
      sex ??= decodeCenturySex(Number(personalId[3])).sex;
      for (const p of checkPersonalId(personalId, sex as 'Nam' | 'Nữ', dateOfBirth)) {
        const { code, ...params } = p;
        errors.push(fieldError(`${at}.personalId`, code, params));
      }
    }
  } else if (legacyId && !sex) errors.push(fieldError(`${at}.sex`, 'REQUIRED'));
  if (errors.length > before) return null;
  return {
    foreigner: false, personalId, legacyId, passportNumber: null, nationality: 'VNM', visaDocument: null,
    fullName: fullName!, nameNorm: normalizeName(fullName!), dateOfBirth: dateOfBirth!, sex, idMethod: 'manual', verified: false,
  };
}

function typedForeigner(g: GuestInput, at: string, errors: FieldError[]): IdentifiedGuest | null {
  const before = errors.length;
  const fullName = checkName(g.fullName, `${at}.fullName`, errors);
  const dateOfBirth = checkBirthDate(g.dateOfBirth, `${at}.dateOfBirth`, errors);
  const sex = checkSex(g.sex, `${at}.sex`, errors, true);
  const passportNumber = g.passportNumber?.replace(/\s/g, '').toUpperCase() ?? '';
  if (!passportNumber) errors.push(fieldError(`${at}.passportNumber`, 'REQUIRED'));
  else if (!PASSPORT.test(passportNumber)) errors.push(fieldError(`${at}.passportNumber`, 'PASSPORT_FORMAT'));
  const nationality = g.nationality?.trim().toUpperCase() ?? '';
  if (!nationality) errors.push(fieldError(`${at}.nationality`, 'REQUIRED'));
  else if (nationality === 'VNM') errors.push(fieldError(`${at}.nationality`, 'NATIONALITY_VIETNAMESE'));
  else if (!/^[A-Z]{3}$/.test(nationality) || !countries.isValid(nationality)) errors.push(fieldError(`${at}.nationality`, 'NATIONALITY_UNKNOWN', { code: nationality }));
  if (g.personalId || g.legacyId) errors.push(fieldError(`${at}.personalId`, 'GUEST_ONE_METHOD'));
  if (errors.length > before) return null;
  return {
    foreigner: true, personalId: null, legacyId: null, passportNumber, nationality, visaDocument: g.visaDocument?.trim() || null,
    fullName: fullName!, nameNorm: normalizeName(fullName!), dateOfBirth: dateOfBirth!, sex, idMethod: 'manual', verified: false,
  };
}

/** One guest of a declaration; null (with field errors added) when it cannot be accepted. */
export async function identifyGuest(
  g: GuestInput, index: number, deps: GuestVerifier, verifier: VerifierCaller, errors: FieldError[], requestId?: string,
): Promise<IdentifiedGuest | null> {
  const at = `guests.${index}`;
  const typed = MANUAL_FIELDS.some((f) => g[f] !== undefined && g[f] !== '');
  const ways = [g.qr !== undefined, g.chip !== undefined, typed || g.foreigner === true].filter(Boolean).length;
  if (ways > 1) {
    errors.push(fieldError(at, 'GUEST_ONE_METHOD'));
    return null;
  }
  if (g.qr !== undefined) return fromQr(g, deps, verifier, at, errors, requestId);
  if (g.chip !== undefined) {
    const outcome = await deps.verifyChip(verifier, g.chip as ChipInput, requestId);
    if (!outcome.valid) {
      errors.push(fieldError(`${at}.chip`, 'GUEST_NOT_VERIFIED', { reasons: reasonsText(outcome) }));
      return null;
    }
    return fromPerson(outcome.person, 'chip', `${at}.chip`, errors);
  }
  return g.foreigner ? typedForeigner(g, at, errors) : typedCitizen(g, at, errors);
}
