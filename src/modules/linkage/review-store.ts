import type { AreaScope } from '../../platform/access.js';
import type { Queryable } from '../../platform/db.js';

/** A review row with its run's source and its candidate's commune (the queue, one item). */
export interface ReviewRow {
  run_id: string;
  row_no: number;
  status: string;
  personal_id: string;
  match_probability: number;
  reasons: string;
  fields: Record<string, string>;
  source: string;
  province_code: string;
  listed_at: Date | string;
  /** Null: a held sector record names a personal ID the registry does not know. */
  candidate_name: string | null;
  candidate_commune: string | null;
  /** The next candidates of a probabilistic review row, best first (migration 059). */
  other_candidates: { personalId: string; matchProbability: number }[] | null;
  /** 'list': a sector list's row; 'exchange': a sector record an agency sent, held for review (its id in `external_ref`). */
  origin: 'list' | 'exchange';
  external_ref: string | null;
}

/** A registry person as the review shows them beside the row (read only). */
export interface CandidateRow {
  personal_id: string;
  full_name: string;
  date_of_birth: string;
  sex: string;
  commune_code: string;
  commune_name: string;
  deceased: boolean;
}

export type Decision = 'accept' | 'reject' | 'choose' | 'citizen_confirmed' | 'citizen_refused';

/**
 * The candidate person's commune inside the officer's area, the registry's own rule (registry scope.ts):
 * a commune officer sees the people of their commune, a province officer those of the province.
 */
function areaOf(area: AreaScope, n: number): string {
  return area.level === 'commune' ? `p.commune_code = $${n}` : `u.province_code = $${n}`;
}

/**
 * The queue's rows of an area: a row whose candidate lives there; and, for a province officer, a sector record held
 * for a personal ID the registry does not know (no commune's queue can take it: the province's registry decides).
 */
function queueAreaOf(area: AreaScope, n: number): string {
  return area.level === 'commune' ? areaOf(area, n) : `(${areaOf(area, n)} OR (p.personal_id IS NULL AND lr.origin = 'exchange' AND lr.province_code = $${n}))`;
}

const REVIEW_SELECT = `SELECT r.run_id, r.row_no, r.status, r.personal_id, r.match_probability, r.reasons, r.fields, r.other_candidates, lr.source, lr.province_code, lr.created_at AS listed_at,
         lr.origin, lr.external_ref, p.full_name AS candidate_name, p.commune_code AS candidate_commune
    FROM linkage_rows r JOIN linkage_runs lr ON lr.id = r.run_id
    LEFT JOIN people p ON p.personal_id = r.personal_id LEFT JOIN units u ON u.scheme = p.commune_scheme AND u.code = p.commune_code`;

/**
 * The review queue's SQL: rows still `review`, filtered by the candidate person's commune (a documented
 * read of the registry's people and units, ARCHITECTURE.md), and the decisions taken on them.
 */
export function createReviewStore(db: Queryable) {
  return {
    async queue(area: AreaScope, f: { limit: number; offset: number }): Promise<{ total: number; rows: ReviewRow[] }> {
      const where = `r.status = 'review' AND lr.state = 'done' AND ${queueAreaOf(area, 1)}`;
      const total = await db.query<{ n: string }>(`SELECT count(*) AS n FROM (${REVIEW_SELECT} WHERE ${where}) q`, [area.code]);
      const rows = await db.query<ReviewRow>(`${REVIEW_SELECT} WHERE ${where} ORDER BY lr.created_at, r.run_id, r.row_no LIMIT $2 OFFSET $3`, [area.code, f.limit, f.offset]);
      return { total: Number(total.rows[0].n), rows: rows.rows };
    },

    /** One row of the queue, if its candidate lives in the area (`lock`: for the decision's transaction). */
    async item(q: Queryable, area: AreaScope, runId: number, row: number, lock = false): Promise<ReviewRow | undefined> {
      const r = await q.query<ReviewRow>(
        // Only a finished run's rows, as the queue lists them: a row decided while its run still works would have its
        // counts overwritten when the run finishes.
        `${REVIEW_SELECT} WHERE r.run_id = $2 AND r.row_no = $3 AND lr.state = 'done' AND ${queueAreaOf(area, 1)}${lock ? ' FOR UPDATE OF r' : ''}`, [area.code, runId, row]);
      return r.rows[0];
    },

    /** Whether the row was decided already (its status left `review`). */
    async decided(q: Queryable, runId: number, row: number): Promise<boolean> {
      const r = await q.query('SELECT 1 FROM linkage_decisions WHERE run_id = $1 AND row_no = $2', [runId, row]);
      return r.rows.length > 0;
    },

    /** A living or dead person of the area by personal ID, as the review shows them. */
    async personInArea(area: AreaScope, personalId: string): Promise<CandidateRow | undefined> {
      const r = await db.query<CandidateRow>(
        `SELECT p.personal_id, p.full_name, to_char(p.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, p.sex, p.commune_code, u.name AS commune_name,
                p.date_of_death IS NOT NULL AS deceased
           FROM people p JOIN units u ON u.scheme = p.commune_scheme AND u.code = p.commune_code
          WHERE p.personal_id = $2 AND ${areaOf(area, 1)}`, [area.code, personalId]);
      return r.rows[0];
    },

    /** The citizen's rows still pending, of any run (the row names them as its candidate). */
    async pendingOf(personalId: string): Promise<(ReviewRow & { sensitive: boolean })[]> {
      const r = await db.query<ReviewRow & { sensitive: boolean }>(
        `SELECT r.run_id, r.row_no, r.personal_id, r.match_probability, r.reasons, r.fields, lr.source, lr.province_code, lr.created_at AS listed_at,
                coalesce(s.sensitive, false) AS sensitive
           FROM linkage_rows r JOIN linkage_runs lr ON lr.id = r.run_id
           LEFT JOIN linkage_sources s ON s.province_code = lr.province_code AND s.name = lr.source
          WHERE r.personal_id = $1 AND r.status = 'review' AND lr.state = 'done' AND lr.origin = 'list'
          ORDER BY lr.created_at DESC, r.run_id, r.row_no LIMIT 100`, [personalId]);
      return r.rows;
    },

    /** One of the citizen's pending rows, locked for their answer. */
    async pendingRowOf(q: Queryable, personalId: string, runId: number, row: number) {
      const r = await q.query<{ match_probability: number; source: string; province_code: string; status: string; sensitive: boolean }>(
        `SELECT r.match_probability, r.status, lr.source, lr.province_code, coalesce(s.sensitive, false) AS sensitive
           FROM linkage_rows r JOIN linkage_runs lr ON lr.id = r.run_id
           LEFT JOIN linkage_sources s ON s.province_code = lr.province_code AND s.name = lr.source
          WHERE r.run_id = $2 AND r.row_no = $3 AND r.personal_id = $1 AND lr.state = 'done' AND lr.origin = 'list' FOR UPDATE OF r`, [personalId, runId, row]);
      return r.rows[0];
    },

    /**
     * Records the decision and settles the row: `matched` to the person chosen, or `unmatched`; the
     * reason code says who settled it. The run's counts follow.
     */
    async settle(q: Queryable, d: {
      runId: number; row: number; provinceCode: string; source: string; decision: Decision; candidate: string | null; personalId: string | null;
      reason: string; matchProbability: number; decidedBy: string; citizenPersonId: number | null; reasonCode: string;
    }) {
      await q.query(
        `INSERT INTO linkage_decisions (run_id, row_no, province_code, source, decision, candidate_personal_id, personal_id, reason, match_probability, decided_by, citizen_person_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [d.runId, d.row, d.provinceCode, d.source, d.decision, d.candidate, d.personalId, d.reason, d.matchProbability, d.decidedBy, d.citizenPersonId]);
      const status = d.personalId ? 'matched' : 'unmatched';
      await q.query('UPDATE linkage_rows SET status = $3, personal_id = $4, reasons = $5 WHERE run_id = $1 AND row_no = $2', [d.runId, d.row, status, d.personalId, d.reasonCode]);
      await q.query(`UPDATE linkage_runs SET review = review - 1, ${status} = ${status} + 1 WHERE id = $1`, [d.runId]);
    },

    /**
     * An item another module holds for review (origin 'exchange'): a finished one-row run whose row waits in the
     * queue of the commune of the person it names. The same reference is held once.
     */
    async insertHeld(q: Queryable, h: { provinceCode: string; source: string; origin: 'exchange'; externalRef: string; createdBy: string; personalId: string; reasons: string[]; fields: Record<string, string> }) {
      const run = await q.query<{ id: string }>(
        `INSERT INTO linkage_runs (province_code, source, scheme, created_by, finished_at, state, match_threshold, review_threshold, columns, row_count, processed, review, origin, external_ref)
         VALUES ($1, $2, '2025', $3, now(), 'done', 1, 1, $4, 1, 1, 1, $5, $6) ON CONFLICT (origin, external_ref) WHERE external_ref IS NOT NULL DO NOTHING RETURNING id`,
        [h.provinceCode, h.source, h.createdBy, Object.keys(h.fields), h.origin, h.externalRef]);
      if (!run.rows[0]) return;
      await q.query(
        `INSERT INTO linkage_rows (run_id, row_no, personal_id, match_probability, status, pass, reasons, fields) VALUES ($1, 1, $2, 0, 'review', 'id', $3, $4)`,
        [run.rows[0].id, h.personalId, h.reasons.join(';'), JSON.stringify(h.fields)]);
    },

    /** The probabilities of a source's decided rows: accepted (settled to the candidate) or not. */
    async decisionsOf(provinceCode: string, source: string): Promise<{ accepted: boolean; probability: number }[]> {
      const r = await db.query<{ decision: Decision; match_probability: number }>(
        `SELECT d.decision, d.match_probability FROM linkage_decisions d JOIN linkage_runs lr ON lr.id = d.run_id
          WHERE d.province_code = $1 AND d.source = $2 AND lr.origin = 'list'`, [provinceCode, source]);
      return r.rows.map((x) => ({ accepted: x.decision === 'accept' || x.decision === 'citizen_confirmed', probability: Number(x.match_probability) }));
    },

    /** The citizen's own answers, for their history. */
    async answersOf(citizenPersonId: number, limit: number) {
      const r = await db.query<{ decision: Decision; source: string; decided_at: Date | string }>(
        'SELECT decision, source, decided_at FROM linkage_decisions WHERE citizen_person_id = $1 ORDER BY decided_at DESC LIMIT $2', [citizenPersonId, limit]);
      return r.rows;
    },

    async sourceSettings(provinceCode: string, source: string): Promise<{ sensitive: boolean } | undefined> {
      const r = await db.query<{ sensitive: boolean }>('SELECT sensitive FROM linkage_sources WHERE province_code = $1 AND name = $2', [provinceCode, source]);
      return r.rows[0];
    },

    async setSensitive(q: Queryable, provinceCode: string, source: string, sensitive: boolean) {
      await q.query('UPDATE linkage_sources SET sensitive = $3 WHERE province_code = $1 AND name = $2', [provinceCode, source, sensitive]);
    },
  };
}
