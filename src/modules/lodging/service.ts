import { EventEmitter } from 'node:events';
import type { CitizenCaller, OfficerCaller } from '../../platform/access.js';
import { audited, type AuditWriter } from '../../platform/audit.js';
import type { Db, Queryable } from '../../platform/db.js';
import { DomainError } from './errors.js';
import type { DomainEvents, EventBus } from '../../platform/events.js';
import { normalizeName } from '../registry/index.js';
import type { RelyingPartyService } from '../credentials/index.js';
import { createDeclarations } from './declarations.js';
import { areaOf, createFacilityService, inArea, type Commune, type StaffAccount } from './facilities.js';
import type { GuestVerifier } from './guests.js';
import { nationalityName } from './guests.js';
import { AGE_GROUPS, FACILITY_KINDS, type FacilityKind } from './kinds.js';
import { notificationDeadline } from './deadline.js';
import { todayInVietnam } from '../../platform/time.js';
import { createLodgingStore, type AlertRow, type Scope } from './store.js';
import { alertOfStayView, alertView, shownStay, stayChangeView, stayView, type AlertView } from './views.js';
import { createWatchlist } from './watchlist.js';

export interface LodgingDeps {
  db: Db;
  audit: AuditWriter;
  events: EventBus;
  guests: GuestVerifier;
  relyingParties: RelyingPartyService;
  /** The communes of the 2025 list (reference data of the registry). */
  communes: () => Promise<Commune[]>;
  /** Creates an rp_staff account inside the caller's transaction; undefined when the username is taken. */
  createStaff: (account: StaffAccount, tx: Queryable) => Promise<number | undefined>;
  hashPassword: (password: string) => Promise<string>;
}

/** What a police console is told of a facility's change to a stay: which one, and how (it reloads the rest). */
export type StayChangeNotice = {
  stayId: number;
  change: 'amended' | 'cancelled';
};

/** How far before a lost connection a replay of alerts looks (a declaration's transaction may straddle the loss). */
const GAP_MARGIN_MS = 10_000;
/** What a police or citizen read of a stay shows (the routes' read audits). */
export const STAY_FIELDS = ['full_name', 'date_of_birth', 'personal_id', 'passport_number', 'facility', 'period'];
const NIGHT_BUCKETS: [string, number][] = [['0–1', 1], ['2–3', 3], ['4–7', 7], ['8–14', 14], ['15–29', 29], ['30+', Infinity]];

function ageGroup(age: number): (typeof AGE_GROUPS)[number] {
  if (age < 15) return '0-14';
  if (age >= 65) return '65+';
  const lower = age < 25 ? 15 : Math.floor((age - 25) / 10) * 10 + 25;
  return `${lower}-${lower + 9}` as (typeof AGE_GROUPS)[number];
}

/**
 * Lodging (models 9–12, 39): facilities, declarations at the desk, the police view of their area,
 * the watchlist and its live alerts, the citizen's own stays and the statistics.
 */
export function createLodgingService(deps: LodgingDeps) {
  const store = createLodgingStore(deps.db);
  let communeMap: Promise<Map<string, Commune>> | undefined;
  const commune = async (code: string) => {
    communeMap ??= deps.communes().then((all) => new Map(all.map((c) => [c.code, c])));
    return (await communeMap).get(code);
  };
  const provinceOf = async (caller: OfficerCaller) =>
    caller.area.level === 'province' ? caller.area.code : ((await commune(caller.area.code))?.provinceCode ?? caller.area.code);

  const facilities = createFacilityService({
    db: deps.db, store, relyingParties: deps.relyingParties, commune, createStaff: deps.createStaff, hashPassword: deps.hashPassword,
  });
  const watchlist = createWatchlist({ db: deps.db, store, provinceOf });

  /**
   * Live alerts: each police console listens with its area; an alert (domain event lodging.alert.raised)
   * reaches the consoles whose area holds the stay.
   */
  const feed = new EventEmitter();
  feed.setMaxListeners(0);
  /** Alerts this node has pushed to its consoles (the newest ones), so a replay never pushes one twice. */
  const pushed = new Set<number>();
  const push = (rows: AlertRow[]) => {
    for (const r of rows) {
      if (pushed.has(Number(r.id))) continue;
      pushed.add(Number(r.id));
      if (pushed.size > 10_000) pushed.delete(pushed.values().next().value as number);
      feed.emit('alert', r);
    }
  };
  // A facility's amendment or cancellation: the consoles of its area reload the stay (nothing personal travels).
  deps.events.on('lodging.stay.changed', (changed) => {
    feed.emit('stay', changed);
  });
  deps.events.on('lodging.alert.raised', async ({ alertIds }) => {
    push(await store.alerts(null, { ids: alertIds, limit: alertIds.length }));
  });
  // Notifications sent while this node was not listening are lost: push what was raised meanwhile (with
  // a margin for declarations committed just after the connection dropped), oldest first. Should the
  // database fail this read too, the alerts are still on the consoles' alert list.
  deps.events.onGap((since) => {
    store.alerts(null, { raisedSince: new Date(since.getTime() - GAP_MARGIN_MS), limit: 1_000 })
      .then((rows) => push(rows.reverse()), () => undefined);
  });

  const declarations = createDeclarations({
    db: deps.db, store, audit: deps.audit, guests: deps.guests, facilityOf: (v) => facilities.ofVerifier(v), match: (g) => watchlist.match(g),
    alertsRaised: (tx, raised) => deps.events.emitOnCommit(tx, 'lodging.alert.raised', raised),
    stayChanged: (changed) => { void deps.events.emit('lodging.stay.changed', changed).catch(() => undefined); },
  });

  return {
    facilities,
    watchlist,
    declare: declarations.declare,
    guestsAt: declarations.guestsAt,
    checkOut: declarations.checkOut,
    amendStay: declarations.amend,
    cancelStay: declarations.cancel,

    /** The desk's facility and the deadline that applies to a guest arriving now. */
    async deskFacility(verifier: Parameters<typeof facilities.ofVerifier>[0]) {
      const row = await facilities.ofVerifier(verifier);
      const now = new Date();
      return {
        facility: await facilities.view(row),
        deadlineNow: {
          citizen: notificationDeadline(now, { foreigner: false, remoteArea: row.remote_area }).toISOString(),
          foreigner: notificationDeadline(now, { foreigner: true, remoteArea: row.remote_area }).toISOString(),
        },
      };
    },

    // ---- police ----
    async searchStays(caller: OfficerCaller, f: {
      q?: string; facilityId?: number; communeCode?: string; current?: boolean; late?: boolean; foreigner?: boolean; from?: string; to?: string; limit?: number; offset?: number;
    }) {
      const raw = f.q?.trim() ?? '';
      const idLike = /^[0-9A-Za-z]{5,20}$/.test(raw) && /\d/.test(raw);
      const dayStart = (d: string) => new Date(`${d}T00:00:00+07:00`);
      const page = await store.searchStays({
        area: areaOf(caller), q: !idLike && raw ? normalizeName(raw) || undefined : undefined, personalId: idLike ? raw.toUpperCase() : undefined,
        facilityId: f.facilityId, communeCode: f.communeCode, current: f.current, late: f.late, foreigner: f.foreigner,
        from: f.from ? dayStart(f.from) : undefined, to: f.to ? new Date(dayStart(f.to).getTime() + 86_400_000) : undefined,
        limit: f.limit ?? 50, offset: f.offset ?? 0,
      });
      // The answer masks the IDs: each item is marked with its guest for the route's read audit.
      return { total: page.total, items: page.rows.map(shownStay) };
    },

    /** Read audit: the route's (the stay's guest, named from the answer). */
    async getStay(caller: OfficerCaller, id: number) {
      const row = await store.findStay(id);
      if (!row || !inArea(areaOf(caller), row)) throw new DomainError('STAY_NOT_FOUND');
      const [alerts, changes] = await Promise.all([store.alertsOfStay(id), store.changesOfStay(id)]);
      return { stay: stayView(row, false), changes: changes.map(stayChangeView), alerts: alerts.map((a) => alertOfStayView(a, row)) };
    },

    /** Read audit: the route's (one entry per alert's stay shown). */
    async alerts(caller: OfficerCaller, f: { unacknowledged?: boolean; limit?: number }) {
      const rows = await store.alerts(areaOf(caller), { unacknowledged: f.unacknowledged, limit: f.limit ?? 50 });
      return { items: rows.map(alertView) };
    },

    async acknowledgeAlert(caller: OfficerCaller, id: number) {
      await deps.db.transaction(async (tx) => {
        if (!(await createLodgingStore(tx).acknowledgeAlert(id, areaOf(caller), { id: caller.officerId, name: caller.fullName }))) throw new DomainError('ALERT_NOT_FOUND');
        await audited(tx, { subjectKind: 'watchlist_alert', subjectId: String(id) });
      });
    },

    /**
     * Subscribes a police console to the alerts of its area; returns the unsubscribe function. A console
     * that reconnects names the last alert it saw (SSE Last-Event-ID) and first gets those raised since.
     */
    subscribeAlerts(
      caller: OfficerCaller, send: (alert: AlertView) => void, lastSeenId?: number, sendChange?: (change: StayChangeNotice) => void,
    ): () => void {
      const area = areaOf(caller);
      const onChange = (c: DomainEvents['lodging.stay.changed']) => {
        if (sendChange && inArea(area, { commune_code: c.communeCode, province_code: c.provinceCode })) sendChange({ stayId: c.stayId, change: c.change });
      };
      feed.on('stay', onChange);
      // Alerts are pushed long after the request that opened the stream: the route records each one as it sends it.
      const deliver = (r: Parameters<typeof alertView>[0]) => send(alertView(r));
      const listener = (r: Parameters<typeof alertView>[0]) => {
        if (inArea(area, r)) deliver(r);
      };
      feed.on('alert', listener);
      if (lastSeenId !== undefined) {
        void store.alerts(area, { afterId: lastSeenId, limit: 100 }).then((missed) => missed.reverse().forEach(deliver), () => undefined);
      }
      return () => {
        feed.off('alert', listener);
        feed.off('stay', onChange);
      };
    },

    // ---- citizen ----
    /** Read audit: the route's (the citizen, when a stay is shown). */
    async staysOfCitizen(caller: CitizenCaller) {
      const rows = await store.staysOfPerson(caller.personalId, 200);
      return { items: rows.map((r) => stayView(r, false)) };
    },

    // ---- statistics (model 39) ----
    statistics(caller: OfficerCaller, f: { from?: string; to?: string }) {
      return statisticsOf(areaOf(caller), f);
    },

    /** The same for the operations centre: communes of any area (null: all), authorised by its own route. */
    statisticsOfCommunes(communes: string[] | null, f: { from?: string; to?: string }) {
      return statisticsOf({ communes }, f);
    },

    drain: () => declarations.drain(),
  };

  async function statisticsOf(area: Scope, f: { from?: string; to?: string }) {
    const to = f.to ?? todayInVietnam(new Date());
    const from = f.from ?? todayInVietnam(new Date(Date.parse(`${to}T00:00:00+07:00`) - 29 * 86_400_000));
    const s = await store.statistics(area, new Date(`${from}T00:00:00+07:00`), new Date(Date.parse(`${to}T00:00:00+07:00`) + 86_400_000));
    const counts = await store.countFacilities(area);
    const days = new Map<string, { day: string; guests: number; domestic: number; international: number; byKind: Record<string, number> }>();
    const kinds = new Map<string, number>();
    for (const r of s.byDay) {
      const d = days.get(r.day) ?? { day: r.day, guests: 0, domestic: 0, international: 0, byKind: {} };
      d.guests += r.guests;
      if (r.foreigner) d.international += r.guests;
      else d.domestic += r.guests;
      d.byKind[r.facility_kind] = (d.byKind[r.facility_kind] ?? 0) + r.guests;
      days.set(r.day, d);
      kinds.set(r.facility_kind, (kinds.get(r.facility_kind) ?? 0) + r.guests);
    }
    const ages = new Map(AGE_GROUPS.map((g) => [g, { group: g, male: 0, female: 0, unknown: 0 }]));
    for (const r of s.byAgeSex) {
      const g = ages.get(ageGroup(r.age))!;
      if (r.sex === 'Nam') g.male += r.guests;
      else if (r.sex === 'Nữ') g.female += r.guests;
      else g.unknown += r.guests;
    }
    const nights = new Map(NIGHT_BUCKETS.map(([label]) => [label, 0]));
    for (const r of s.byNights) {
      const [label] = NIGHT_BUCKETS.find(([, max]) => r.nights <= max)!;
      nights.set(label, nights.get(label)! + r.guests);
    }
    const international = [...days.values()].reduce((n, d) => n + d.international, 0);
    return {
      from, to,
      totals: {
        guests: s.totals.guests, domestic: s.totals.guests - international, international, late: s.totals.late, longStays: s.totals.long_stays, alerts: s.totals.alerts,
        facilitiesRegistered: counts.registered, facilitiesDeclaring: s.declaringFacilities,
      },
      byDay: [...days.values()],
      byFacilityKind: [...kinds].map(([kind, guests]) => ({ kind, label: FACILITY_KINDS[kind as FacilityKind] ?? kind, guests })).sort((a, b) => b.guests - a.guests),
      byNationality: s.byNationality.map((r) => ({ nationality: r.nationality, name: nationalityName(r.nationality), guests: r.guests })),
      byAgeGroup: [...ages.values()],
      byLengthOfStay: [...nights].map(([label, guests]) => ({ nights: label, guests })),
      byCommune: await Promise.all(s.byCommune.map(async (r) => ({
        communeCode: r.commune_code, communeName: (await commune(r.commune_code))?.name ?? r.commune_code, guests: r.guests, late: r.late,
      }))),
    };
  }
}

export type LodgingService = ReturnType<typeof createLodgingService>;
