import { messages } from './messages.js';
import { formatIsoDate, formatIsoMonth, formatNumber as formatNumberValue } from '../../src/platform/format.js';

/**
 * Numbers and percentages come from the one formatter the reports use too (src/platform/format.ts):
 * `1.136`, `12,5%`, never the browser's ICU data. Every figure on screen goes through these.
 */
export { formatNumber, formatPercent, formatShareOf } from '../../src/platform/format.js';

/** 'YYYY-MM' → 'MM/yyyy'. */
export const formatMonth = formatIsoMonth;

export const DATE_FORMAT = 'DD/MM/YYYY';
export const WIRE_DATE = 'YYYY-MM-DD';

/** `YYYY-MM-DD` → `dd/MM/yyyy`; empty stays a dash. */
export function formatDate(value: string | null | undefined): string {
  return value ? formatIsoDate(value) : messages.none;
}

const vnDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An ISO instant → `dd/MM/yyyy HH:mm` in Vietnam time. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const p = Object.fromEntries(vnDateTime.formatToParts(date).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** An ISO instant → its `dd/MM/yyyy` date in Vietnam time. */
export function formatInstantDate(iso: string | null | undefined): string {
  return iso ? formatDateTime(iso).slice(0, 10) : messages.none;
}

/** For antd's Statistic, whose default groups with a comma: `<Statistic formatter={figure} … />`. */
export const figure = (value: number | string | undefined): string => formatNumberValue(Number(value ?? 0));

/** A whole count for a table column's `render` (which passes the row as a second argument). */
export const formatCount = (value: number): string => formatNumberValue(value);

/** An amount of đồng → `50.000 đ`. */
export const formatMoney = (dong: number): string => `${formatNumberValue(dong)} đ`;
