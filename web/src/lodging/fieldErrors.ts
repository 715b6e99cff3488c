import type { FormInstance } from 'antd';
import { ApiError } from '../api.js';
import { messages } from '../messages.js';

type FieldError = ApiError['errors'][number];

/** The server's field as a form name path: `guests.0.fullName` becomes `['guests', 0, 'fullName']`. */
export function namePath(field: string): (string | number)[] {
  return field
    .split('.')
    .filter(Boolean)
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/**
 * Puts a problem's field errors under the form's fields that bear their names; what is left (the
 * title, and errors of fields the form does not show) is returned for the page to show above the form.
 */
export function placeFieldErrors(form: FormInstance, err: unknown): { title: string; unplaced: FieldError[] } {
  if (!(err instanceof ApiError)) return { title: messages.genericError, unplaced: [] };
  const shown = new Set(form.getFieldsError().map((f) => JSON.stringify(f.name)));
  const placed = err.errors.filter((e) => shown.has(JSON.stringify(namePath(e.field))));
  form.setFields(placed.map((e) => ({ name: namePath(e.field), errors: [e.message] })));
  return { title: err.title, unplaced: err.errors.filter((e) => !placed.includes(e)) };
}
