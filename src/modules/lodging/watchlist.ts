import type { OfficerCaller } from '../../platform/access.js';
import type { AuditWriter } from '../../platform/audit.js';
import { DomainError, fieldError, type FieldError } from './errors.js';
import { canonicalName, checkPersonalId, decodeCenturySex, isPersonName, isRealDate, normalizeName } from '../registry/index.js';
import type { IdentifiedGuest } from './guests.js';
import type { LodgingStore, WatchlistInsert } from './store.js';
import type { WatchlistInput } from './schema.js';
import { watchlistView } from './views.js';
import { WatchlistIndex, type WatchHit } from './watchlist-index.js';

/**
 * The police watchlist: wanted and missing persons of a province. Entries are kept in the database and
 * mirrored in memory on every node (WatchlistIndex); a node applies what changed since its revision at
 * most every REFRESH_MS before matching, and at once after its own changes.
 */
export interface WatchlistDeps {
  store: LodgingStore;
  audit: AuditWriter;
  /** The province of an officer's area. */
  provinceOf: (caller: OfficerCaller) => Promise<string>;
}

const REFRESH_MS = 1_000;
const PAGE = 20_000;

/** Checks an entry as typed; field errors name what is wrong. */
export function validateWatchlistEntry(input: WatchlistInput, provinceCode: string, addedBy: number | null): { value?: WatchlistInsert; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const fullName = canonicalName(input.fullName);
  if (!normalizeName(fullName)) errors.push(fieldError('fullName', 'NAME_REQUIRED'));
  else if (!isPersonName(fullName)) errors.push(fieldError('fullName', 'NAME_CHARACTERS'));
  const dob = input.dateOfBirth?.trim() || null;
  if (dob && !isRealDate(dob)) errors.push(fieldError('dateOfBirth', 'INVALID_DATE'));
  const birthYear = dob && isRealDate(dob) ? Number(dob.slice(0, 4)) : input.birthYear;
  if (dob && input.birthYear !== undefined && input.birthYear !== birthYear) errors.push(fieldError('birthYear', 'BIRTH_YEAR_MISMATCH'));
  if (birthYear === undefined) errors.push(fieldError('dateOfBirth', 'BIRTH_REQUIRED'));
  let sex = input.sex?.trim() || null;
  if (sex && sex !== 'Nam' && sex !== 'Nữ') errors.push(fieldError('sex', 'INVALID_SEX'));
  const personalId = input.personalId?.replace(/\s/g, '') || null;
  if (personalId) {
    if (!/^\d{12}$/.test(personalId)) errors.push(fieldError('personalId', 'PERSONAL_ID_FORMAT'));
    else {
      sex ??= decodeCenturySex(Number(personalId[3])).sex;
      if (dob && isRealDate(dob) && (sex === 'Nam' || sex === 'Nữ')) {
        for (const { code, ...params } of checkPersonalId(personalId, sex, dob)) errors.push(fieldError('personalId', code, params));
      }
    }
  }
  if (errors.length) return { errors };
  return {
    errors,
    value: {
      kind: input.kind, personalId, fullName, nameNorm: normalizeName(fullName), dateOfBirth: dob, birthYear: birthYear!, sex,
      note: input.note?.trim() || null, provinceCode, addedBy,
    },
  };
}

export function createWatchlist(deps: WatchlistDeps) {
  const { store } = deps;
  const index = new WatchlistIndex();
  let refreshedAt = 0;
  let refreshing: Promise<void> | null = null;

  async function refresh(): Promise<void> {
    for (;;) {
      const rows = await store.watchlistChangedSince(index.revision, PAGE);
      index.apply(rows);
      if (rows.length < PAGE) break;
    }
    refreshedAt = Date.now();
  }

  /** The index, no older than REFRESH_MS; concurrent callers share one refresh. */
  async function current(): Promise<WatchlistIndex> {
    if (Date.now() - refreshedAt > REFRESH_MS) {
      refreshing ??= refresh().finally(() => { refreshing = null; });
      await refreshing;
    }
    return index;
  }

  const actor = (caller: OfficerCaller) => ({ actorKind: 'officer' as const, actorId: String(caller.officerId), actorName: caller.username });

  return {
    async match(guest: IdentifiedGuest): Promise<WatchHit[]> {
      return (await current()).match({
        personalId: guest.personalId, verified: guest.verified, fullName: guest.fullName, dateOfBirth: guest.dateOfBirth, sex: guest.sex,
      });
    },

    async add(caller: OfficerCaller, input: WatchlistInput, requestId?: string) {
      const { value, errors } = validateWatchlistEntry(input, await deps.provinceOf(caller), caller.officerId);
      if (!value) throw new DomainError('WATCHLIST_ENTRY_INVALID', {}, errors);
      const [row] = await store.insertWatchlistEntries([value]);
      await deps.audit.record({ ...actor(caller), action: 'lodging.watchlist.added', subjectKind: 'watchlist_entry', subjectId: String(row.id), requestId });
      await refresh();
      return watchlistView(row);
    },

    /** Many entries at once (CLI import, benchmarks); returns how many were added. */
    async unsafeAddMany(entries: WatchlistInsert[]): Promise<number> {
      let added = 0;
      for (let i = 0; i < entries.length; i += 5_000) added += (await store.insertWatchlistEntries(entries.slice(i, i + 5_000))).length;
      await refresh();
      return added;
    },

    async remove(caller: OfficerCaller, id: number, requestId?: string) {
      if (!(await store.deactivateWatchlistEntry(id, await deps.provinceOf(caller), caller.officerId))) throw new DomainError('WATCHLIST_ENTRY_NOT_FOUND');
      await deps.audit.record({ ...actor(caller), action: 'lodging.watchlist.removed', subjectKind: 'watchlist_entry', subjectId: String(id), requestId });
      await refresh();
    },

    async list(caller: OfficerCaller, f: { q?: string; limit: number; offset: number }, requestId?: string) {
      const q = f.q ? normalizeName(f.q) || f.q.trim() : undefined;
      const page = await store.listWatchlist(await deps.provinceOf(caller), { ...f, q });
      await deps.audit.recordAll(page.rows.map((r) => ({
        ...actor(caller), action: 'lodging.watchlist.read', subjectKind: 'watchlist_entry', subjectId: String(r.id), fields: ['full_name', 'date_of_birth', 'personal_id'], requestId,
      })));
      return { total: page.total, items: page.rows.map(watchlistView) };
    },

    size: async () => (await current()).size,
  };
}

export type Watchlist = ReturnType<typeof createWatchlist>;
