import type { Queryable } from '../../platform/db.js';

/** One row of the operations centre's public-services figures. */
export interface ServicesFigureRow {
  /** Dossiers received (submitted through any channel) in the period. */
  received: number;
  /** Decided in the period: by their due date, or after it. */
  decidedOnTime: number;
  decidedLate: number;
  /** Still open at the end of the period and already past their deadline. */
  openLate: number;
  /** "Giấy tờ không phải nộp" over every paper of the dossiers received (those read from the platform + those uploaded). */
  papersNotRequired: number;
  papersUploaded: number;
  /** Received online (the citizen's portal, VNeID, DVCQG) rather than at the counter. */
  online: number;
}

export interface ServicesFigures {
  from: string;
  to: string;
  totals: ServicesFigureRow;
  byProcedure: (ServicesFigureRow & { slug: string; code: string; name: string })[];
  byUnit: (ServicesFigureRow & { unitCode: string })[];
}

interface Row {
  slug: string; code: string; name: string; unit_code: string;
  received: number; on_time: number; late: number; open_late: number; not_required: number; uploaded: number; online: number;
}

const figureOf = (r: Row): ServicesFigureRow => ({
  received: Number(r.received), decidedOnTime: Number(r.on_time), decidedLate: Number(r.late), openLate: Number(r.open_late),
  papersNotRequired: Number(r.not_required), papersUploaded: Number(r.uploaded), online: Number(r.online),
});
const add = (a: ServicesFigureRow, b: ServicesFigureRow): ServicesFigureRow => ({
  received: a.received + b.received, decidedOnTime: a.decidedOnTime + b.decidedOnTime, decidedLate: a.decidedLate + b.decidedLate,
  openLate: a.openLate + b.openLate, papersNotRequired: a.papersNotRequired + b.papersNotRequired, papersUploaded: a.papersUploaded + b.papersUploaded,
  online: a.online + b.online,
});
const ZERO: ServicesFigureRow = { received: 0, decidedOnTime: 0, decidedLate: 0, openLate: 0, papersNotRequired: 0, papersUploaded: 0, online: 0 };

/**
 * The operations centre's figures of the one-stop desk (models 1, 3 and 5 of the plans), from the dossiers
 * themselves: received, decided on time or late, open and late, and the paperless share, by procedure and unit.
 * `communes` limits them to dossiers received by those communes (null: the whole province, province agencies included).
 * Days are civil days in Vietnam, `to` inclusive.
 */
export function createServicesFigures(db: Queryable) {
  return async function figures(communes: string[] | null, period: { from: string; to: string }): Promise<ServicesFigures> {
    const r = await db.query<Row>(
      `WITH d AS (
         SELECT d.id, d.procedure_slug, d.procedure_code, d.procedure_name, d.unit_code, d.channel, d.documents_not_required,
                d.submitted_at, d.decided_at, d.due_at, d.deadline_at, d.state, d.closed_at
           FROM dossiers d
          WHERE d.submitted_at IS NOT NULL
            AND ($1::text[] IS NULL OR d.unit_code = ANY($1::text[]))
            AND d.submitted_at < ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
       ), received AS (
         SELECT d.* FROM d WHERE d.submitted_at >= $2::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'
       ), uploads AS (
         SELECT x.dossier_id, count(*)::int AS n FROM dossier_documents x JOIN received ON received.id = x.dossier_id
          WHERE x.deleted_at IS NULL GROUP BY 1
       )
       SELECT d.procedure_slug AS slug, min(d.procedure_code) AS code, min(d.procedure_name) AS name, d.unit_code,
              count(*) FILTER (WHERE d.submitted_at >= $2::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS received,
              count(*) FILTER (WHERE d.decided_at >= $2::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AND (d.due_at IS NULL OR d.decided_at <= d.due_at))::int AS on_time,
              -- A dossier stopped after its due date stays late (review #10): stopping cannot take it out of the figures.
              count(*) FILTER (WHERE (d.decided_at >= $2::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AND d.decided_at > d.due_at)
                OR (d.state = 'stopped' AND d.decided_at IS NULL AND d.closed_at >= $2::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AND d.closed_at > d.due_at))::int AS late,
              count(*) FILTER (WHERE d.decided_at IS NULL AND d.deadline_at < least(now(), ($3::date + 1)::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh')
                AND d.state IN ('submitted', 'received', 'in_process', 'awaiting_payment'))::int AS open_late,
              coalesce(sum(d.documents_not_required) FILTER (WHERE d.submitted_at >= $2::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh'), 0)::int AS not_required,
              coalesce(sum(u.n), 0)::int AS uploaded,
              count(*) FILTER (WHERE d.submitted_at >= $2::date::timestamp AT TIME ZONE 'Asia/Ho_Chi_Minh' AND d.channel <> 'direct')::int AS online
         FROM d LEFT JOIN uploads u ON u.dossier_id = d.id
        GROUP BY d.procedure_slug, d.unit_code
        ORDER BY d.procedure_slug, d.unit_code`,
      [communes, period.from, period.to],
    );
    const byProcedure = new Map<string, ServicesFigures['byProcedure'][number]>();
    const byUnit = new Map<string, ServicesFigures['byUnit'][number]>();
    let totals = ZERO;
    for (const row of r.rows) {
      const f = figureOf(row);
      totals = add(totals, f);
      const p = byProcedure.get(row.slug);
      byProcedure.set(row.slug, p ? { ...p, ...add(p, f) } : { slug: row.slug, code: row.code, name: row.name, ...f });
      const u = byUnit.get(row.unit_code);
      byUnit.set(row.unit_code, u ? { ...u, ...add(u, f) } : { unitCode: row.unit_code, ...f });
    }
    return {
      from: period.from, to: period.to, totals,
      byProcedure: [...byProcedure.values()].sort((a, b) => b.received - a.received || a.slug.localeCompare(b.slug)),
      byUnit: [...byUnit.values()].sort((a, b) => b.received - a.received || a.unitCode.localeCompare(b.unitCode)),
    };
  };
}

/** The share of papers the citizens did not have to hand in (0 when there were none). */
export const paperlessShare = (f: ServicesFigureRow) => {
  const all = f.papersNotRequired + f.papersUploaded;
  return all === 0 ? 0 : f.papersNotRequired / all;
};
