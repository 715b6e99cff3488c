import { todayInVietnam } from '../../platform/time.js';

/**
 * When a stay must be notified (Luật Cư trú 2020 Art. 30(4); Luật 47/2014/QH13 Art. 33 for foreigners).
 * A citizen's stay: before 23:00 of the first day, or before 08:00 the next day when the guest arrives
 * at or after 23:00, both in Asia/Ho_Chi_Minh time. A foreigner's: within 12 hours of arrival (24 in
 * remote areas). Vietnam keeps UTC+7 all year, so the local calendar is the UTC calendar shifted by 7 h.
 */
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Stays longer than this must be registered as temporary residence instead (Luật Cư trú Art. 2(6)). */
export const MAX_STAY_DAYS = 29;

export interface DeadlineRule {
  foreigner: boolean;
  /** The facility lies in a remote area: foreigners have 24 hours. */
  remoteArea: boolean;
}

export function notificationDeadline(arrivedAt: Date, rule: DeadlineRule): Date {
  if (rule.foreigner) return new Date(arrivedAt.getTime() + (rule.remoteArea ? 24 : 12) * HOUR_MS);
  const local = new Date(arrivedAt.getTime() + VIETNAM_OFFSET_MS);
  const [y, m, d] = [local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()];
  const due = local.getUTCHours() < 23 ? Date.UTC(y, m, d, 23) : Date.UTC(y, m, d + 1, 8);
  return new Date(due - VIETNAM_OFFSET_MS);
}

/** A notification received after its deadline is late: recorded and flagged, never refused. */
export function isLate(declaredAt: Date, dueAt: Date): boolean {
  return declaredAt.getTime() > dueAt.getTime();
}

/** Nights between arrival and the expected (or actual) departure day, counted on Vietnamese calendar days. */
export function stayDays(arrivedAt: Date, until: string | Date): number {
  const end = typeof until === 'string' ? until : todayInVietnam(until);
  return Math.round((Date.parse(end) - Date.parse(todayInVietnam(arrivedAt))) / DAY_MS);
}

/** A citizen staying more than 29 days must register temporary residence (foreigners follow their own regime). */
export function needsTemporaryResidence(arrivedAt: Date, until: string | Date, foreigner: boolean): boolean {
  return !foreigner && stayDays(arrivedAt, until) > MAX_STAY_DAYS;
}
