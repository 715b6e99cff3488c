/**
 * The one way da06 writes numbers and dates for a Vietnamese reader, on screen (web/) and in the
 * reports and forms: `1.136` (dot groups thousands), `12,5%` (comma before decimals), `dd/MM/yyyy`,
 * `ngày 06 tháng 12 năm 2026` on an administrative document, `14 giờ 05 phút` on a receipt.
 *
 * Written by hand, not with Intl.NumberFormat('vi-VN'): a browser or a Node built without full ICU
 * data falls back to English and prints `1,136` next to a server's `1.136` (the tourism dashboard
 * did). The web UI bundles this file, so it imports nothing (eslint-rules/module-boundaries.js keeps
 * it on the web's allow-list only while it does; format.test.ts holds the vectors).
 */

const GROUP = '.';
const DECIMAL = ',';

/** Digits grouped by three from the right: '1234567' → '1.234.567'. */
function group(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, GROUP);
}

/**
 * 1136 → "1.136"; 1234567.25 → "1.234.567,25"; 2.5 → "2,5". At most `maxDecimals` decimals
 * (rounded half away from zero), trailing zeros dropped; not a number → "—".
 */
export function formatNumber(value: number, maxDecimals = 2): string {
  if (!Number.isFinite(value)) return '—';
  const fixed = Math.abs(value).toFixed(Math.max(0, Math.min(maxDecimals, 20)));
  const [whole, fraction = ''] = fixed.split('.');
  const decimals = fraction.replace(/0+$/, '');
  const sign = value < 0 && /[1-9]/.test(fixed) ? '-' : '';
  return `${sign}${group(whole)}${decimals ? DECIMAL + decimals : ''}`;
}

/** A share already in percent: 12.5 → "12,5%", 100 → "100%" (one decimal at most unless asked). */
export function formatPercent(value: number, maxDecimals = 1): string {
  return Number.isFinite(value) ? `${formatNumber(value, maxDecimals)}%` : '—';
}

/** `part` of `whole` in percent, or "—" when there is no whole: (1, 8) → "12,5%". */
export function formatShareOf(part: number, whole: number, maxDecimals = 1): string {
  return whole ? formatPercent((part / whole) * 100, maxDecimals) : '—';
}

/** An ISO date (or the date of an ISO instant as written) `YYYY-MM-DD…` → `dd/MM/yyyy`; anything else as given. */
export function formatIsoDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : value;
}

/** `YYYY-MM` → `MM/yyyy`; anything else as given. */
export function formatIsoMonth(value: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  return m ? `${m[2]}/${m[1]}` : value;
}

/**
 * The date of an administrative document as Nghị định 30/2020/NĐ-CP, Phụ lục I writes it: a 0 before a
 * day under 10 and before months 1 and 2 only: '2027-02-15' → 'ngày 15 tháng 02 năm 2027'.
 */
export function documentDateWords(isoDay: string): string {
  const [y, m, d] = isoDay.split('-').map(Number);
  const two = (n: number) => String(n).padStart(2, '0');
  return `ngày ${two(d)} tháng ${m <= 2 ? two(m) : String(m)} năm ${y}`;
}

/** Vietnam has kept UTC+7 without daylight saving since 1975: its wall clock is a fixed shift of UTC. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar day in Vietnam of an instant, `YYYY-MM-DD`. */
export function vietnamDay(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as a clock in Vietnam shows it, in the words of a receipt: '14 giờ 05 phút, ngày 12/02/2026'. */
export function formatTimeWords(instant: Date): string {
  if (Number.isNaN(instant.getTime())) return '—';
  const local = new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return `${local.slice(11, 13)} giờ ${local.slice(14, 16)} phút, ngày ${formatIsoDate(local)}`;
}
