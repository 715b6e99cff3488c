import type { Dayjs } from 'dayjs';
import { formatDateTime } from '../format.js';
import { messages, t } from '../messages.js';
import type { Stay } from './types.js';

const DAY_MS = 86_400_000;

/** The calendar day in Vietnam of an instant, `dd/MM/yyyy`. */
function vnDay(at: Date | string): string {
  return formatDateTime(typeof at === 'string' ? at : at.toISOString()).slice(0, 10);
}

/**
 * A deadline as the counter reads it: "trước 23:00 hôm nay", "trước 08:00 sáng mai",
 * or "trước 09:15 ngày 05/06/2025" further off.
 */
export function deadlineText(dueIso: string, now = new Date()): string {
  const at = formatDateTime(dueIso);
  const [date, time] = [at.slice(0, 10), at.slice(11)];
  if (date === vnDay(now)) return t('lodgingDueToday', { time });
  if (date === vnDay(new Date(now.getTime() + DAY_MS))) return t(Number(time.slice(0, 2)) < 12 ? 'lodgingDueTomorrowMorning' : 'lodgingDueTomorrow', { time });
  return t('lodgingDueOn', { time, date });
}

/** A date and time picked on the form, read as Vietnam wall-clock time whatever the browser's zone. */
export function vietnamInstant(value: Dayjs): string {
  return `${value.format('YYYY-MM-DDTHH:mm')}:00+07:00`;
}

/** The document a stay was declared with: personal ID, old ID card or passport (masked unless the read is audited). */
export function stayDocument(stay: Pick<Stay, 'personalId' | 'legacyId' | 'passportNumber'>): string {
  return stay.personalId ?? stay.legacyId ?? stay.passportNumber ?? messages.none;
}

/** One key per declaration: sent again with a retry of the same form, so the server records it once. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Plain http on a local network has no randomUUID (secure contexts only); getRandomValues works everywhere.
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
