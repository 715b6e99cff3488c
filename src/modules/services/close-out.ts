// Close-out of dossiers whose citizen did not complete them in time after a supplement request (NĐ 118/2025
// Art. 19.5: "Sau 15 ngày kể từ khi thông báo … Bộ phận Một cửa thực hiện đóng hồ sơ"). How long, and whether in
// calendar or working days, is dated data with its reading noted (data/services/supplement-time-limit.json, [P]).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatIsoDate } from '../../platform/format.js';
import { todayInVietnam } from '../../platform/time.js';
import type { WorkCalendar } from './calendar/index.js';
import { addDays, startOfDayVn } from './deadlines.js';
import { message } from './messages.js';
import type { DossierRow } from './store.js';
import type { DeskContext } from './service.js';

const CLOSE_OUT_PURPOSE = 'Dừng giải quyết hồ sơ không được bổ sung trong thời hạn (Nghị định 118/2025/NĐ-CP Điều 19)';

export interface SupplementTimeLimit {
  validFrom: string;
  days: number;
  /** Calendar or working days: the decree says "ngày", read as calendar days ([P]), so it is data, not code. */
  count: 'calendar' | 'working';
  mark: 'verified' | 'P' | 'U';
  source: string;
}

const LIMIT_FILE = fileURLToPath(new URL('../../../data/services/supplement-time-limit.json', import.meta.url));

/** The limit in force on a day (the newest version not after it), checked when loaded. */
export function loadSupplementTimeLimit(on: string, file = LIMIT_FILE): SupplementTimeLimit {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { versions?: SupplementTimeLimit[] };
  const limit = (doc.versions ?? []).filter((v) => v.validFrom <= on).sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
  const ok = limit && Number.isInteger(limit.days) && limit.days > 0 && limit.days <= 365 && (limit.count === 'calendar' || limit.count === 'working')
    && typeof limit.source === 'string' && limit.source.length > 0;
  if (!ok) throw new Error(`${file}: no valid supplement time limit in force on ${on}`);
  return limit;
}

/**
 * When the citizen's time to answer a request made at `requestedAt` runs out: the request's day is day 0
 * (BLDS Art. 147: the first day is not counted), the period ends at 24:00 of its last day, and a last day
 * that is a day off moves to the next working day (BLDS Art. 148). Working days count only working days.
 */
export function supplementExpiry(cal: WorkCalendar, requestedAt: Date, limit: Pick<SupplementTimeLimit, 'days' | 'count'>): Date {
  let last = todayInVietnam(requestedAt);
  if (limit.count === 'working') {
    for (let n = 0, guard = 0; n < limit.days && guard < 1000; guard++) {
      last = addDays(last, 1);
      if (cal.isWorkingDay(last)) n++;
    }
  } else {
    last = addDays(last, limit.days);
  }
  for (let guard = 0; guard < 60 && !cal.isWorkingDay(last); guard++) last = addDays(last, 1);
  return startOfDayVn(addDays(last, 1));
}

export interface CloseOutResult {
  /** Dossiers closed by this run (a dossier closed before, or answered meanwhile, is not counted). */
  closed: { id: number; code: string | null }[];
  /** Still waiting: their time has not run out. */
  waiting: number;
  /** Not decided: the calendar of a year they need is not published (a deadline is never guessed). */
  undecided: number;
}

/**
 * The close-out: every dossier waiting for a supplement whose time ran out is stopped (`stopped`, DVCQG 8 —
 * the processing ends without a result; not `returned`, which is a result handed over) with a comment naming
 * the limit, one audit entry by the system and the citizen's text message. Idempotent: a dossier is re-read
 * under its lock and closed only while it still waits, so a second run, or two nodes at once, close it once.
 */
export function createCloseOut(ctx: DeskContext) {
  const { deps, store, ref } = ctx;

  async function closeOne(id: number, requestedAt: Date, expiry: Date, limit: SupplementTimeLimit, now: Date): Promise<DossierRow | undefined> {
    return deps.db.transaction(async (tx) => {
      const d = await store.lockById(tx, id);
      if (!d || d.state !== 'supplement_requested') return undefined;
      const lastRequest = await store.lastEventAt(tx, id, 'request_supplement');
      // Asked again (or answered and asked again) since the candidates were read: the newer request has its own time.
      if (!lastRequest || lastRequest.getTime() !== requestedAt.getTime()) return undefined;
      const comment = message('SERVICES_CLOSE_OUT_COMMENT', {
        days: limit.days, unit: limit.count === 'working' ? 'ngày làm việc' : 'ngày',
        requested: formatIsoDate(todayInVietnam(requestedAt)), expiry: formatIsoDate(todayInVietnam(new Date(expiry.getTime() - 1))),
      });
      return ctx.applyChange(tx, d, 'close_unanswered', { kind: 'system', id: 'services', name: null }, {
        change: { closedAt: now, deadlineAt: null }, comment, purpose: CLOSE_OUT_PURPOSE,
        data: { requestedAt: requestedAt.toISOString(), expiredAt: expiry.toISOString(), limit: { days: limit.days, count: limit.count, validFrom: limit.validFrom, mark: limit.mark } },
      }, now);
    });
  }

  return {
    async closeUnansweredSupplements(): Promise<CloseOutResult> {
      const now = ctx.now();
      const cal = ref.calendar();
      const result: CloseOutResult = { closed: [], waiting: 0, undecided: 0 };
      for (const c of await store.waitingForSupplement()) {
        const requestedAt = new Date(c.requested_at);
        // The limit in force when the citizen was asked.
        const limit = loadSupplementTimeLimit(todayInVietnam(requestedAt));
        let expiry: Date;
        try {
          expiry = supplementExpiry(cal, requestedAt, limit);
          if (!cal.covers(todayInVietnam(new Date(expiry.getTime() - 1)))) throw new Error('calendar not published');
        } catch {
          result.undecided++;
          continue;
        }
        if (expiry > now) {
          result.waiting++;
          continue;
        }
        const row = await closeOne(Number(c.id), requestedAt, expiry, limit, now);
        if (!row) continue;
        await ctx.notifyCitizen(row, 'close_unanswered', null);
        result.closed.push({ id: Number(row.id), code: row.code });
      }
      return result;
    },
  };
}

/** Runs the close-out every `minutes` in the server (0: only `da06 services close-stale`); failures are logged, never thrown. */
export function keepClosingStale(run: () => Promise<unknown>, minutes: number, onError: (err: unknown) => void): void {
  if (!minutes) return;
  const tick = () => void run().catch(onError);
  setTimeout(tick, 60_000).unref();
  setInterval(tick, minutes * 60_000).unref();
}
