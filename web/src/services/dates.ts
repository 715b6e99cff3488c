import { formatDate } from '../format.js';

/** 'yyyy-mm-dd' → 'dd/mm/yyyy' for a form's date field (anything else stays as typed). */
export function isoToInput(v: unknown): unknown {
  return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? formatDate(v) : v;
}

/** 'dd/mm/yyyy' (or d/m/yyyy) → 'yyyy-mm-dd' when it is a real day; undefined when not. */
export function inputToIso(v: string): string | undefined {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(v);
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
