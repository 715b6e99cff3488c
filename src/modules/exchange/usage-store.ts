import type { Queryable } from '../../platform/db.js';

/** A day of one grant: calls counted against its quota, and calls refused for want of a consent (the person was found). */
export interface GrantDayRow { day: string; agency_id: string; agency_name: string; grant_id: string; service_code: string; daily_quota: number; calls: number; refused_no_consent: number }
/** Answers of an error status the agency got on one endpoint on one day, from its signed log. */
export interface RefusalRow { day: string; agency_id: string; agency_name: string; endpoint: string; status: number; problem: string | null; calls: number }

/** One call of an agency as its own console lists it (no body: the hashes and what it named). */
export interface CallRow { seq: string; at: Date | string; method: string; path: string; status: number; problem: string | null; service_code: string | null; purpose: string | null; request_sha256: string }

/** Days [from, to] (YYYY-MM-DD, Asia/Ho_Chi_Minh) as instants, for the tables keyed by time. */
const span = (at: string) => `${at} >= $2::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AND ${at} < ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'`;

/**
 * What the calls path already stores, read per day (the exchange module's own tables only): the day counters of
 * each grant (exchange_usage), the queries refused for want of consent (exchange_queries.refused), and the status of
 * every answer in the agencies' signed logs (exchange_log), with the problem code kept beside the entry (from migration 058).
 */
export function createUsageStore(db: Queryable) {
  return {
    /** Per grant and day; `agencyId` null: every agency of the province. */
    async grantDays(provinceCode: string, agencyId: number | null, from: string, to: string) {
      return (await db.query<GrantDayRow>(
        `WITH u AS (SELECT grant_id, day, calls FROM exchange_usage WHERE day BETWEEN $2::date AND $3::date),
              r AS (SELECT grant_id, (at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day, count(*)::integer AS refused
                      FROM exchange_queries WHERE refused AND ${span('at')} GROUP BY 1, 2),
              d AS (SELECT coalesce(u.grant_id, r.grant_id) AS grant_id, coalesce(u.day, r.day) AS day, coalesce(u.calls, 0) AS calls, coalesce(r.refused, 0) AS refused
                      FROM u FULL JOIN r ON r.grant_id = u.grant_id AND r.day = u.day)
         SELECT d.day::text AS day, g.agency_id, a.name AS agency_name, d.grant_id, g.service_code, g.daily_quota, d.calls, d.refused AS refused_no_consent
           FROM d JOIN exchange_grants g ON g.id = d.grant_id JOIN exchange_agencies a ON a.id = g.agency_id
          WHERE a.province_code = $1 AND ($4::bigint IS NULL OR a.id = $4::bigint)
          ORDER BY d.day, a.id, g.service_code, d.grant_id`,
        [provinceCode, from, to, agencyId],
      )).rows;
    },
    /** Answers with an error status (≥ 400) per agency, day, endpoint (ids as :id), status and problem code (exchange_log_refused_at). */
    async refusals(provinceCode: string, agencyId: number | null, from: string, to: string) {
      return (await db.query<RefusalRow>(
        `SELECT (l.at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS day, l.agency_id, a.name AS agency_name,
                regexp_replace(split_part(l.path, '?', 1), '/[0-9]+(/|$)', '/:id\\1', 'g') AS endpoint, l.status, l.problem, count(*)::integer AS calls
           FROM exchange_log l JOIN exchange_agencies a ON a.id = l.agency_id
          WHERE a.province_code = $1 AND ($4::bigint IS NULL OR a.id = $4::bigint) AND l.status >= 400 AND ${span('l.at')}
          GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 4, 5, 6`,
        [provinceCode, from, to, agencyId],
      )).rows;
    },
    /** The agency's own calls from its signed log, newest first, before entry `before` (its number): the primary key's order. */
    async callsOf(agencyId: number, before: number | null, limit: number) {
      return (await db.query<CallRow>(
        `SELECT seq, at, method, path, status, problem, service_code, purpose, request_sha256 FROM exchange_log
          WHERE agency_id = $1 AND ($2::bigint IS NULL OR seq < $2::bigint) ORDER BY seq DESC LIMIT $3`,
        [agencyId, before, limit],
      )).rows;
    },
    /** Holds the agency's row until the transaction ends (as the log's writers do: NO KEY UPDATE). */
    async holdAgency(q: Queryable, id: number) {
      await q.query('SELECT id FROM exchange_agencies WHERE id = $1 FOR NO KEY UPDATE', [id]);
    },
    async enableAgency(q: Queryable, id: number) {
      return (await q.query<{ id: string }>('UPDATE exchange_agencies SET active = true WHERE id = $1 AND NOT active RETURNING id', [id])).rows[0];
    },
    async disableAgency(q: Queryable, id: number) {
      return (await q.query<{ id: string }>('UPDATE exchange_agencies SET active = false WHERE id = $1 AND active RETURNING id', [id])).rows[0];
    },
  };
}
