/**
 * Days and times as people in Vietnam read them (Asia/Ho_Chi_Minh, UTC+7, no daylight saving).
 * The formatters are built once: constructing an Intl.DateTimeFormat costs far more than using it.
 */
const VIETNAM_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit' });

const VIETNAM_MOMENT = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Ho_Chi_Minh', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** The moment as a clock in Vietnam shows it, YYYY-MM-DD HH:mm:ss (exports read by spreadsheets). */
export function momentInVietnam(instant: Date): string {
  return VIETNAM_MOMENT.format(instant);
}

/** The calendar day in Vietnam, YYYY-MM-DD. */
export function todayInVietnam(now = new Date()): string {
  return VIETNAM_DAY.format(now);
}
