import type { Rule } from 'antd/es/form/index.js';
import { parseVnDate } from '../../citizen/forms.js';
import { messages, t } from '../../messages.js';

export { parseVnDate };

/** The label of a date-only field says how to type it: "Ngày sinh (dd/mm/yyyy)". */
export const dateLabel = (label: string) => t('dateInput', { label });

/** A date typed as dd/mm/yyyy: required or not, and a real date. */
export function dateRules(required: boolean): Rule[] {
  return [
    ...(required ? [{ required: true, whitespace: true, message: messages.fieldRequired }] : []),
    {
      validator: (_: unknown, v: string | undefined) =>
        !v?.trim() || parseVnDate(v) ? Promise.resolve() : Promise.reject(new Error(messages.dateFormatHint)),
    },
  ];
}

export const requiredRule: Rule[] = [{ required: true, whitespace: true, message: messages.fieldRequired }];

/** A typed date (dd/mm/yyyy) as the wire's YYYY-MM-DD; the text as typed when it is not a date (the server then says why). */
export function wireDate(v: string): string {
  return parseVnDate(v) ?? v.trim();
}

/** A body without its blank optional fields (a blank field means "not given"). */
export function withoutBlanks<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === ''))) as Partial<T>;
}
