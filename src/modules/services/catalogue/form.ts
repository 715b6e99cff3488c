/**
 * Checks a citizen's form data against a procedure's form (JSON-schema-like, see types.ts FormField).
 * Returns the cleaned value or every problem as { path, message } with a Vietnamese message; it never
 * throws, whatever `data` is. Paths are dotted ("members.0.personalId"), as the API's field errors.
 * Dates are ISO yyyy-mm-dd in the value; dd/MM/yyyy as typed on screen is accepted and converted.
 * Personal IDs are checked with the registry's rules (shape, birth province, and — when the form
 * names the person's sex and birth date fields — century, sex and year of birth).
 */
import { checkPersonalId, isRealDate } from '../../registry/index.js';
import { isStorableText } from '../../../platform/text.js';
import { todayInVietnam } from '../../../platform/time.js';
import type { FormField, FormResult, FormSchema, Procedure } from './types.js';

type Issue = { path: string; message: string };
const PHONE = /^0[0-9]{9}$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,63}$/;
const MAX_STRING = 2000;
const MAX_ITEMS = 200;
const SEXES = new Set(['Nam', 'Nữ']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);
const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** "31/12/2024" → "2024-12-31"; an ISO date as it is; anything else null. */
function toIsoDate(text: string): string | null {
  const dmy = /^([0-9]{1,2})\/([0-9]{1,2})\/([0-9]{4})$/.exec(text);
  const iso = dmy ? `${dmy[3]}-${dmy[2].padStart(2, '0')}-${dmy[1].padStart(2, '0')}` : text;
  return isRealDate(iso) ? iso : null;
}

function personalIdMessage(id: string, sex: unknown, birthDate: unknown): string | null {
  const known = typeof sex === 'string' && SEXES.has(sex) && typeof birthDate === 'string' && isRealDate(birthDate);
  const problems = known
    ? checkPersonalId(id, sex as 'Nam' | 'Nữ', birthDate)
    : checkPersonalId(id, 'Nam', '1900-01-01').filter((p) => p.code === 'PERSONAL_ID_FORMAT' || p.code === 'PERSONAL_ID_PROVINCE');
  const first = problems[0];
  if (!first) return null;
  switch (first.code) {
    case 'PERSONAL_ID_FORMAT':
      return 'Số định danh cá nhân phải gồm đúng 12 chữ số';
    case 'PERSONAL_ID_PROVINCE':
      return `Ba chữ số đầu (${first.prefix}) không phải mã tỉnh nơi đăng ký khai sinh`;
    case 'PERSONAL_ID_SEX':
      return `Chữ số thứ tư không khớp giới tính (số định danh ghi giới tính ${first.expected})`;
    case 'PERSONAL_ID_CENTURY':
      return `Chữ số thứ tư không khớp thế kỷ của năm sinh ${first.birthYear}`;
    case 'PERSONAL_ID_BIRTH_YEAR':
      return `Chữ số thứ năm và sáu (${first.idYear}) không khớp năm sinh ${first.birthYear}`;
  }
}

function checkString(field: FormField, value: string, path: string, issues: Issue[], siblings: Record<string, unknown>): unknown {
  const text = value.normalize('NFC').trim();
  const label = field.title;
  if (!isStorableText(text)) return void issues.push({ path, message: `${label} có ký tự không được phép` });
  if (text.length > (field.maxLength ?? MAX_STRING)) return void issues.push({ path, message: `${label} dài quá ${field.maxLength ?? MAX_STRING} ký tự` });
  if (field.minLength !== undefined && text.length < field.minLength) {
    return void issues.push({ path, message: field.minLength <= 1 ? `Chưa nhập ${lowerFirst(label)}` : `${label} phải có ít nhất ${field.minLength} ký tự` });
  }
  if (field.oneOf && !field.oneOf.some((o) => o.const === text)) {
    return void issues.push({ path, message: `${label} phải là một trong: ${field.oneOf.map((o) => o.title).join(', ')}` });
  }
  if (field.pattern !== undefined && !new RegExp(field.pattern, 'u').test(text)) return void issues.push({ path, message: `${label} không đúng định dạng` });
  switch (field.format) {
    case 'date': {
      const iso = toIsoDate(text);
      if (!iso) return void issues.push({ path, message: `${label} phải là ngày có thật, dạng dd/MM/yyyy` });
      if (field.notAfterToday && iso > todayInVietnam()) return void issues.push({ path, message: `${label} không được sau ngày hôm nay` });
      return iso;
    }
    case 'personal-id': {
      const of = field.personalIdOf ?? {};
      const sex = of.sex !== undefined ? siblings[of.sex] : undefined;
      const birth = of.birthDate !== undefined && typeof siblings[of.birthDate] === 'string' ? toIsoDate(siblings[of.birthDate] as string) : undefined;
      const message = personalIdMessage(text, sex, birth);
      if (message) return void issues.push({ path, message });
      return text;
    }
    case 'phone':
      if (!PHONE.test(text)) return void issues.push({ path, message: `${label} phải gồm số 0 và 9 chữ số` });
      return text;
    case 'email':
      if (!EMAIL.test(text)) return void issues.push({ path, message: `${label} không phải địa chỉ thư điện tử hợp lệ` });
      return text;
    default:
      return text;
  }
}

function checkValue(field: FormField, value: unknown, path: string, issues: Issue[], siblings: Record<string, unknown>): unknown {
  const label = field.title;
  switch (field.type) {
    case 'string':
      if (typeof value !== 'string') return void issues.push({ path, message: `${label} phải là chuỗi ký tự` });
      return checkString(field, value, path, issues, siblings);
    case 'integer':
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) return void issues.push({ path, message: `${label} phải là số nguyên` });
      if (field.minimum !== undefined && value < field.minimum) return void issues.push({ path, message: `${label} phải từ ${field.minimum} trở lên` });
      if (field.maximum !== undefined && value > field.maximum) return void issues.push({ path, message: `${label} không được quá ${field.maximum}` });
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') return void issues.push({ path, message: `${label} phải là có hoặc không` });
      return value;
    case 'object':
      if (!isRecord(value)) return void issues.push({ path, message: `${label} phải là một nhóm thông tin` });
      return checkObject(field.properties ?? {}, field.required ?? [], value, path, issues);
    case 'array': {
      if (!Array.isArray(value)) return void issues.push({ path, message: `${label} phải là một danh sách` });
      const max = Math.min(field.maxItems ?? MAX_ITEMS, MAX_ITEMS);
      if (value.length > max) return void issues.push({ path, message: `${label} có tối đa ${max} mục` });
      if (field.minItems !== undefined && value.length < field.minItems) return void issues.push({ path, message: `${label} phải có ít nhất ${field.minItems} mục` });
      const items = field.items;
      if (!items) return [];
      return value.map((item, i) => checkValue(items, item, join(path, String(i)), issues, {}));
    }
  }
}

function checkObject(props: Record<string, FormField>, required: string[], data: Record<string, unknown>, path: string, issues: Issue[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(data)) {
    if (!Object.hasOwn(props, key)) issues.push({ path: path || '$', message: isStorableText(key) && key.length <= 64 ? `Trường "${key}" không có trong biểu mẫu` : 'Có trường không có trong biểu mẫu' });
  }
  for (const [key, field] of Object.entries(props)) {
    const value = Object.hasOwn(data, key) ? data[key] : undefined;
    const at = join(path, key);
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (required.includes(key)) issues.push({ path: at, message: `Chưa nhập ${lowerFirst(field.title)}` });
      continue;
    }
    const checked = checkValue(field, value, at, issues, data);
    if (checked !== undefined) out[key] = checked;
  }
  return out;
}

/** Checks form data of a procedure; never throws. */
export function validateForm(p: Procedure, data: unknown): FormResult {
  return validateAgainst(p.form, data);
}

export function validateAgainst(form: FormSchema, data: unknown): FormResult {
  try {
    if (!isRecord(data)) return { ok: false, errors: [{ path: '$', message: 'Dữ liệu biểu mẫu phải là một đối tượng' }] };
    const issues: Issue[] = [];
    const value = checkObject(form.properties, form.required, data, '', issues);
    return issues.length ? { ok: false, errors: issues } : { ok: true, value };
  } catch {
    // Defensive: hostile input (getters, proxies) must not crash the caller.
    return { ok: false, errors: [{ path: '$', message: 'Không đọc được dữ liệu biểu mẫu' }] };
  }
}
