import { messages } from './messages.js';

export const DATE_FORMAT = 'DD/MM/YYYY';
export const WIRE_DATE = 'YYYY-MM-DD';

/** `YYYY-MM-DD` → `dd/MM/yyyy`; empty stays a dash. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return messages.none;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
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
