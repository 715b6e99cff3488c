import { useState } from 'react';
import type { FormInstance } from 'antd';
import { ApiError } from '../api.js';
import { messages } from '../messages.js';

export type FieldError = ApiError['errors'][number];

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

/**
 * A form's write with its busy flag and its error: `submit(action)` clears the error, runs the action
 * and, when it throws, puts the field errors under the form's fields and the rest (the title first)
 * in `error`. `onError`, when given, sees the error and the field errors the form does not show first;
 * it may return those of them still to be shown in `error` (all of them when it returns nothing).
 */
export function useFormSubmit(form: FormInstance) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function submit(action: () => Promise<void>, onError?: (err: unknown, unplaced: FieldError[]) => FieldError[] | void): Promise<void> {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      const { title, unplaced } = placeFieldErrors(form, err);
      const shown = onError?.(err, unplaced) ?? unplaced;
      setError([title, ...shown.map((e) => e.message)].join(' — '));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, setError, submit };
}
