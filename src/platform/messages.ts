import { fill } from './errors.js';

/**
 * Text the server itself sends to people (errors live in errors.ts). SMS are written without
 * diacritics on purpose: a Vietnamese SMS with diacritics is encoded in UCS-2 and fits 70 characters
 * instead of 160, and some handsets still show it garbled.
 */
export const MESSAGES = {
  SMS_REGISTRATION_CODE: 'da06: Ma xac thuc dang ky tai khoan dinh danh dien tu la {code}, hieu luc {minutes} phut. Khong cung cap ma nay cho bat ky ai.',
  SMS_SIGN_IN_CODE: 'da06: Ma dang nhap tai khoan dinh danh dien tu la {code}, hieu luc {minutes} phut. Khong cung cap ma nay cho bat ky ai.',
} as const;

export function message(key: keyof typeof MESSAGES, params: Record<string, unknown>): string {
  return fill(MESSAGES[key], params);
}
