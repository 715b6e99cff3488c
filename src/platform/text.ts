/**
 * C0 control characters other than tab, CR and LF, and DEL. PostgreSQL refuses a NUL in text, and
 * the others are never part of what a person types; both the HTTP edge and file imports refuse them
 * with the field error INVALID_CHARACTERS.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function hasControlChars(value: string): boolean {
  return CONTROL.test(value);
}
