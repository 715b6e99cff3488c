import type { FieldError } from '../errors.js';
import { walletMessage, type WalletFieldCode } from './messages.js';
import { todayInVietnam } from '../../../platform/time.js';
import {
  JUDICIAL_TRANSFER_DATE, SPECS, VALIDITY,
  type ClaimSpec, type ClaimValue, type DocumentType, type ValueRule,
} from './types.js';

/**
 * Sum of the UTF-8 bytes of a document's claim values. With it, the largest document, fully
 * disclosed, stays under the verifier's size limit (held by `issue-present-verify.test.ts`,
 * "the largest document a validator accepts still verifies").
 */
export const MAX_CLAIM_BYTES = 3500;
export const NAME_MAX = 100;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Control and format characters (newlines, bidi overrides, zero-width): never part of a document field. */
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;
const NAME = /^[\p{L}\p{M}]+(?:[ '][\p{L}\p{M}]+)*$/u;
const PERSONAL_ID = /^\d{12}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export function isRealDate(value: string): boolean {
  const m = DATE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** A YYYY-MM-DD date as people read it in messages: dd/MM/yyyy. */
const ddmmyyyy = (iso: string): string => iso.split('-').reverse().join('/');

/** The calendar day in Vietnam (legal dates are in Asia/Ho_Chi_Minh). */
export const vietnamDay = (now: Date): string => todayInVietnam(now);

/** Seconds since the epoch at the end of a YYYY-MM-DD day in Vietnam (UTC+7, no daylight saving). */
export function endOfVietnamDay(day: string): number {
  const [y, m, d] = day.split('-').map(Number);
  return Date.UTC(y, m - 1, d + 1) / 1000 - 7 * 3600;
}

/** A YYYY-MM-DD day plus whole months, clamped to the month's last day (31/8 + 6 months = 28/2 or 29/2). */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m - 1 + months + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

/** NFC, trimmed, inner whitespace runs as one space: how every text field is stored and signed. */
function canonicalText(value: string): string {
  return value.normalize('NFC').replace(/[ \t]+/g, ' ').trim();
}

type RuleCheck = { value: ClaimValue } | { code: WalletFieldCode; params?: Record<string, unknown> } | { absent: true };

function checkText(raw: unknown, max: number): RuleCheck {
  if (typeof raw !== 'string') return { code: 'WALLET_FIELD_NOT_TEXT' };
  if (CONTROL.test(raw.replace(/[ \t]/g, ''))) return { code: 'WALLET_FIELD_CONTROL_CHARS' };
  const value = canonicalText(raw);
  if (value === '') return { absent: true };
  if (value.length > max) return { code: 'WALLET_FIELD_TOO_LONG', params: { max } };
  return { value };
}

/** One field against its rule, canonicalising on the way (NFC, trimmed, upper-case codes, lower-case hex). */
function checkRule(rule: ValueRule, raw: unknown, today: string): RuleCheck {
  if (raw === undefined || raw === null) return { absent: true };
  switch (rule.kind) {
    case 'text':
      return checkText(raw, rule.max);
    case 'name': {
      const r = checkText(raw, NAME_MAX);
      if ('value' in r && !NAME.test(r.value as string)) return { code: 'WALLET_FIELD_NAME_FORMAT' };
      return r;
    }
    case 'date': {
      if (typeof raw !== 'string') return { code: 'WALLET_FIELD_DATE_FORMAT' };
      if (!isRealDate(raw)) return { code: 'WALLET_FIELD_DATE_FORMAT' };
      if (rule.min && raw < rule.min) return { code: 'WALLET_FIELD_DATE_TOO_EARLY', params: { min: ddmmyyyy(rule.min) } };
      if (rule.notFuture && raw > today) return { code: 'WALLET_FIELD_DATE_IN_FUTURE' };
      return { value: raw };
    }
    case 'personal_id':
      if (typeof raw !== 'string') return { code: 'WALLET_FIELD_NOT_TEXT' };
      return PERSONAL_ID.test(raw.trim()) ? { value: raw.trim() } : { code: 'WALLET_FIELD_PERSONAL_ID_FORMAT' };
    case 'sex': {
      if (typeof raw !== 'string') return { code: 'WALLET_FIELD_NOT_TEXT' };
      const value = raw.normalize('NFC').trim();
      return value === 'Nam' || value === 'Nữ' ? { value } : { code: 'WALLET_FIELD_CHOICE', params: { choices: 'Nam, Nữ' } };
    }
    case 'sha256_hex': {
      if (typeof raw !== 'string') return { code: 'WALLET_FIELD_NOT_TEXT' };
      const value = raw.trim().toLowerCase();
      return SHA256_HEX.test(value) ? { value } : { code: 'WALLET_FIELD_SHA256_FORMAT' };
    }
    case 'pattern': {
      if (typeof raw !== 'string') return { code: 'WALLET_FIELD_NOT_TEXT' };
      const value = raw.replace(/\s+/g, '').toUpperCase();
      return value.length <= rule.max && rule.pattern.test(value) ? { value } : { code: rule.code };
    }
    case 'choice':
      return rule.values.includes(raw as string | number)
        ? { value: raw as string | number }
        : { code: 'WALLET_FIELD_CHOICE', params: { choices: rule.values.join(', ') } };
    case 'text_list': {
      if (!Array.isArray(raw) || raw.length === 0 || raw.length > rule.maxItems) return { code: 'WALLET_FIELD_LIST', params: { max: rule.maxItems } };
      const items: string[] = [];
      for (const item of raw) {
        const r = checkText(item, rule.maxItem);
        if ('code' in r) return r;
        if ('absent' in r) return { code: 'WALLET_FIELD_REQUIRED' };
        items.push(r.value as string);
      }
      return { value: items };
    }
  }
}

/**
 * Shape check of a value found in a token (after the issuer's signature): the same rules as the
 * issuing validator, without the date-against-today checks. A token's value must already be canonical.
 */
export function isValidClaimValue(rule: ValueRule, value: unknown): value is ClaimValue {
  if (value === undefined || value === null) return false;
  const r = checkRule(rule.kind === 'date' ? { kind: 'date' } : rule, value, '9999-12-31');
  if (!('value' in r)) return false;
  return Array.isArray(value) ? JSON.stringify(value) === JSON.stringify(r.value) : r.value === value;
}

const err = (field: string, code: WalletFieldCode, params?: Record<string, unknown>): FieldError =>
  ({ field, code, message: walletMessage(code, params) });

export type ValidatedClaims = Record<string, ClaimValue>;
export type Validation = { ok: true; claims: ValidatedClaims } | { ok: false; errors: FieldError[] };

/**
 * Strict check of an issuing request, in reading order: unknown fields, each field by its rule,
 * then the rules between fields of the type. Field errors name the request's (camelCase) fields.
 * `today` is the day in Vietnam (see `vietnamDay`).
 */
export function validateDocumentInput(type: DocumentType, input: unknown, today: string): Validation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors: [err('', 'WALLET_FIELD_NOT_OBJECT')] };
  const spec = SPECS[type];
  const errors: FieldError[] = [];
  const known = new Set(spec.claims.map((c) => c.input));
  for (const key of Object.keys(input)) if (!known.has(key)) errors.push(err(key, 'WALLET_FIELD_UNKNOWN'));

  const claims: ValidatedClaims = {};
  for (const c of spec.claims) {
    const r = checkRule(c.rule, (input as Record<string, unknown>)[c.input], today);
    if ('code' in r) errors.push(err(c.input, r.code, r.params));
    else if ('absent' in r) { if (c.required) errors.push(err(c.input, 'WALLET_FIELD_REQUIRED')); }
    else claims[c.claim] = r.value;
  }
  if (errors.length) return { ok: false, errors };

  CROSS_CHECKS[type](claims, today, (claim, code, params) => errors.push(err(inputName(type, claim), code, params)));
  if (errors.length) return { ok: false, errors };

  const sizes = Object.entries(claims).map(([claim, v]) => [claim, Buffer.byteLength(JSON.stringify(v))] as const);
  const size = sizes.reduce((sum, [, n]) => sum + n, 0);
  if (size > MAX_CLAIM_BYTES) {
    const [largest] = [...sizes].sort((a, b) => b[1] - a[1])[0];
    return { ok: false, errors: [err(inputName(type, largest), 'WALLET_FIELD_DOCUMENT_TOO_LARGE', { size, max: MAX_CLAIM_BYTES })] };
  }
  return { ok: true, claims };
}

function inputName(type: DocumentType, claim: string): string {
  return SPECS[type].claims.find((c: ClaimSpec) => c.claim === claim)?.input ?? claim;
}

type Report = (claim: string, code: WalletFieldCode, params?: Record<string, unknown>) => void;

function labelOf(type: DocumentType, claim: string): string {
  return SPECS[type].claims.find((c) => c.claim === claim)?.label ?? claim;
}

function dateNotBefore(type: DocumentType, claims: ValidatedClaims, later: string, earlier: string, report: Report) {
  const a = claims[later] as string | undefined;
  const b = claims[earlier] as string | undefined;
  if (a && b && a < b) report(later, 'WALLET_FIELD_DATE_ORDER', { after: ddmmyyyy(b as string), afterLabel: labelOf(type, earlier) });
}

/** Digits 4–6 of a personal ID code the century and the year of birth (Thông tư 07/2016/TT-BCA). */
function personalIdMatchesBirth(claims: ValidatedClaims, report: Report) {
  const id = claims.holder_personal_id as string | undefined;
  const birth = claims.birth_date as string | undefined;
  if (!id || !birth) return;
  const century = 1900 + Math.floor(Number(id[3]) / 2) * 100;
  const year = century + Number(id.slice(4, 6));
  if (year !== Number(birth.slice(0, 4))) report('holder_personal_id', 'WALLET_FIELD_PERSONAL_ID_BIRTH', { digits: id.slice(3, 6), birthYear: birth.slice(0, 4) });
}

const CROSS_CHECKS: Record<DocumentType, (claims: ValidatedClaims, today: string, report: Report) => void> = {
  'certified-copy': (claims, _today, report) => {
    dateNotBefore('certified-copy', claims, 'certification_date', 'document_issue_date', report);
  },
  'health-insurance': (claims, today, report) => {
    dateNotBefore('health-insurance', claims, 'valid_to', 'valid_from', report);
    dateNotBefore('health-insurance', claims, 'valid_from', 'birth_date', report);
    if ((claims.valid_to as string) < today) report('valid_to', 'WALLET_FIELD_CARD_EXPIRED', { date: ddmmyyyy(claims.valid_to as string) });
    const card = claims.card_number as string;
    if (card.length === 15 && Number(card[2]) !== claims.benefit_level) {
      report('benefit_level', 'WALLET_FIELD_BHYT_BENEFIT_MISMATCH', { level: claims.benefit_level, digit: card[2] });
    }
    personalIdMatchesBirth(claims, report);
  },
  // A result's fields are what the signed PDF prints: the issuing module drew them from checked data.
  'result-criminal-record': () => {},
  'result-birth-extract': () => {},
  'result-residence-confirmation': () => {},
  'judicial-record': (claims, today, report) => {
    dateNotBefore('judicial-record', claims, 'issue_date', 'birth_date', report);
    personalIdMatchesBirth(claims, report);
    if (claims.criminal_record_status === 'recorded' && !claims.convictions) report('convictions', 'WALLET_FIELD_CONVICTIONS_REQUIRED');
    if (claims.criminal_record_status === 'none' && claims.convictions) report('convictions', 'WALLET_FIELD_CONVICTIONS_FORBIDDEN');
    const authority = claims.issuing_authority as string;
    const issued = claims.issue_date as string;
    const allowed = authority === 'Trung tâm Lý lịch tư pháp quốc gia'
      || (issued < JUDICIAL_TRANSFER_DATE && authority.startsWith('Sở Tư pháp '))
      || (issued >= JUDICIAL_TRANSFER_DATE && authority.startsWith('Công an '));
    if (!allowed) report('issuing_authority', 'WALLET_FIELD_JUDICIAL_AUTHORITY');
    if (addMonths(issued, VALIDITY.judicialRecordMonths) <= today) report('issue_date', 'WALLET_FIELD_RECORD_TOO_OLD', { months: VALIDITY.judicialRecordMonths });
  },
};
