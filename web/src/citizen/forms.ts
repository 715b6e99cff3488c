import type { Rule } from 'antd/es/form/index.js';
import { messages } from '../messages.js';

/** `dd/mm/yyyy` (or with . or -) → `YYYY-MM-DD`; null when it is not a real date. */
export function parseVnDate(value: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(value);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const rules = {
  required: [{ required: true, whitespace: true, message: messages.fieldRequired }] as Rule[],
  personalId: [
    { required: true, message: messages.fieldRequired },
    { pattern: /^\s*\d{12}\s*$/, message: messages.personalIdFormat },
  ] as Rule[],
  phone: [
    { required: true, message: messages.fieldRequired },
    { pattern: /^\s*0\d{9}\s*$/, message: messages.phoneFormat },
  ] as Rule[],
  code: [
    { required: true, message: messages.fieldRequired },
    { pattern: /^\s*\d{6}\s*$/, message: messages.codeFormat },
  ] as Rule[],
  date: [
    { required: true, message: messages.fieldRequired },
    {
      validator: (_: unknown, v: string | undefined) =>
        !v || parseVnDate(v) ? Promise.resolve() : Promise.reject(new Error(messages.dateFormat)),
    },
  ] as Rule[],
  newPassword: [
    { required: true, message: messages.passwordRequired },
    { min: 10, message: messages.passwordRule },
  ] as Rule[],
};
