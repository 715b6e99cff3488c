import type { OfficerCaller } from '../../platform/access.js';
import type { AreaFilter } from '../registry/index.js';
import { todayInVietnam } from '../../platform/time.js';
import { DomainError } from './errors.js';
import type { OperationsSources } from './sources.js';

/**
 * The operations centre's dashboards (models 37–40 and 23/24): population, labour, tourism through
 * lodging, public order and digital-citizen readiness, for any unit of either scheme inside the
 * officer's own area. Numbers come from counts the modules keep (no personal data), so a dashboard
 * never reads people one by one.
 */
export interface DashboardQuery {
  scheme?: '2025' | 'pre2025';
  unit?: string;
  from?: string;
  to?: string;
}

const DAY = 86_400_000;

/** The unit a dashboard shows, as its audit entry names it: the unit asked for, else the officer's own area. */
export function unitShown(caller: OfficerCaller, q: DashboardQuery): { kind: 'unit'; id: string } {
  return { kind: 'unit', id: `${q.scheme ?? '2025'}:${q.unit ?? caller.area.code}` };
}

export function createDashboards(sources: OperationsSources) {
  /** The communes a query covers: the unit asked for, cut to the officer's area. */
  async function communes(caller: OfficerCaller, q: DashboardQuery): Promise<string[] | null> {
    const own = await sources.communesOf({ scheme: '2025', code: caller.area.code });
    if (!q.unit) return own;
    const asked = await sources.communesOf({ scheme: q.scheme ?? '2025', code: q.unit } as AreaFilter);
    if (!own || !asked) return asked ?? own;
    const allowed = new Set(own);
    const inside = asked.filter((c) => allowed.has(c));
    // A unit wholly outside the officer's area reads as absent, like any record of another area.
    if (asked.length && !inside.length) throw new DomainError('UNIT_NOT_FOUND', { code: q.unit, scheme: q.scheme ?? '2025' });
    return inside;
  }

  function period(q: DashboardQuery) {
    const to = q.to ?? todayInVietnam();
    const from = q.from ?? todayInVietnam(new Date(Date.parse(`${to}T12:00:00+07:00`) - 29 * DAY));
    return { from, to };
  }

  return {
    async population(caller: OfficerCaller, q: DashboardQuery) {
      const codes = await communes(caller, q);
      const year = Number(todayInVietnam().slice(0, 4));
      const [population, events, refreshedAt] = await Promise.all([sources.population(codes, year), sources.lifeEvents(codes, 12), sources.statisticsRefreshedAt()]);
      const { labour: _labour, ...rest } = population;
      return { ...rest, events, refreshedAt };
    },

    async labour(caller: OfficerCaller, q: DashboardQuery) {
      const codes = await communes(caller, q);
      const p = await sources.population(codes, Number(todayInVietnam().slice(0, 4)));
      const urban = p.labour.bands.reduce((s, b) => s + b.urban, 0);
      return {
        total: p.total, workingAge: p.labour.workingAge, employed: p.labour.activities.employed, activities: p.labour.activities, urban, rural: p.labour.workingAge - urban,
        bands: p.labour.bands, refreshedAt: await sources.statisticsRefreshedAt(),
      };
    },

    async tourism(caller: OfficerCaller, q: DashboardQuery) {
      const stats = await sources.lodging(await communes(caller, q), period(q));
      return stats;
    },

    async publicOrder(caller: OfficerCaller, q: DashboardQuery) {
      const codes = await communes(caller, q);
      const [lodging, events] = await Promise.all([sources.lodging(codes, period(q)), sources.lifeEvents(codes, 12)]);
      return {
        from: lodging.from, to: lodging.to,
        stays: lodging.totals.guests, lateStays: lodging.totals.late, longStays: lodging.totals.longStays, alerts: lodging.totals.alerts,
        staysByDay: lodging.byDay.map((d) => ({ day: d.day, guests: d.guests })),
        staysByCommune: lodging.byCommune,
        moves: events.map((e) => ({ month: e.month, arrivals: e.move })),
      };
    },

    async readiness(caller: OfficerCaller, q: DashboardQuery) {
      const codes = await communes(caller, q);
      const { from, to } = period(q);
      const days = Math.round((Date.parse(to) - Date.parse(from)) / DAY) + 1;
      const [p, eid, verifications, sso] = await Promise.all([
        sources.population(codes, Number(todayInVietnam().slice(0, 4))), sources.eidCoverage(codes),
        sources.verificationsByType(caller.area, new Date(`${from}T00:00:00+07:00`), new Date(Date.parse(`${to}T00:00:00+07:00`) + DAY)),
        sources.signIns(Math.max(days, 1)),
      ]);
      const share = (n: number) => (p.adults ? Math.round((n / p.adults) * 1000) / 10 : 0);
      return {
        from, to, adults: p.adults,
        level1: eid.level1, level2: eid.level2, level1Share: share(eid.level1 + eid.level2), level2Share: share(eid.level2),
        verifications,
        signIns: sso.map((c) => ({ clientId: c.clientId, name: c.name, signIns: c.signIns.filter((d) => d.day >= from && d.day <= to).reduce((s, d) => s + d.count, 0) }))
          .sort((a, b) => b.signIns - a.signIns),
      };
    },
  };
}

export type Dashboards = ReturnType<typeof createDashboards>;
