import type { Queryable } from '../../platform/db.js';
import type { LinkResult, RegistryRecord } from './engine.js';

export interface RunRow {
  id: string;
  province_code: string;
  source: string;
  scheme: '2025' | 'pre2025';
  created_by: string;
  created_at: Date | string;
  finished_at: Date | string | null;
  state: 'running' | 'done' | 'failed';
  match_threshold: number;
  review_threshold: number;
  columns: string[];
  row_count: number;
  processed: number;
  matched: number;
  review: number;
  unmatched: number;
}

export interface ResultRow {
  row_no: number;
  personal_id: string | null;
  match_probability: number;
  status: LinkResult['status'];
  pass: LinkResult['pass'];
  reasons: string[];
  fields: Record<string, string>;
}

const RUN_COLUMNS = 'id, province_code, source, scheme, created_by, created_at, finished_at, state, match_threshold, review_threshold, columns, row_count, processed, matched, review, unmatched';

/** The linkage module's SQL: its own tables, and the registry's people read (never written) to link against. */
export function createLinkageStore(db: Queryable) {
  return {
    async thresholdsOf(provinceCode: string, source: string) {
      const r = await db.query<{ match_threshold: number; review_threshold: number }>(
        'SELECT match_threshold, review_threshold FROM linkage_sources WHERE province_code = $1 AND name = $2', [provinceCode, source]);
      return r.rows[0] && { match: Number(r.rows[0].match_threshold), review: Number(r.rows[0].review_threshold) };
    },

    async setThresholds(q: Queryable, provinceCode: string, source: string, t: { match: number; review: number }) {
      await q.query(
        `INSERT INTO linkage_sources (province_code, name, match_threshold, review_threshold) VALUES ($1, $2, $3, $4)
         ON CONFLICT (province_code, name) DO UPDATE SET match_threshold = $3, review_threshold = $4, updated_at = now()`,
        [provinceCode, source, t.match, t.review]);
    },

    async insertRun(q: Queryable, r: { provinceCode: string; source: string; scheme: string; createdBy: string; match: number; review: number; columns: string[]; rows: number }) {
      const res = await q.query<RunRow>(
        `INSERT INTO linkage_runs (province_code, source, scheme, created_by, match_threshold, review_threshold, columns, row_count)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${RUN_COLUMNS}`,
        [r.provinceCode, r.source, r.scheme, r.createdBy, r.match, r.review, r.columns, r.rows]);
      return res.rows[0]!;
    },

    async run(id: number, provinceCode: string): Promise<RunRow | undefined> {
      const r = await db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM linkage_runs WHERE id = $1 AND province_code = $2 AND origin = 'list'`, [id, provinceCode]);
      return r.rows[0];
    },

    async runs(provinceCode: string, limit: number): Promise<RunRow[]> {
      return (await db.query<RunRow>(`SELECT ${RUN_COLUMNS} FROM linkage_runs WHERE province_code = $1 AND origin = 'list' ORDER BY created_at DESC, id DESC LIMIT $2`, [provinceCode, limit])).rows;
    },

    /** One batch of results, and the run's progress, in one transaction. */
    async insertResults(q: Queryable, runId: number, rows: { result: LinkResult; fields: Record<string, string> }[]) {
      if (!rows.length) return;
      await q.query(
        `INSERT INTO linkage_rows (run_id, row_no, personal_id, match_probability, status, pass, reasons, fields, other_candidates)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::float8[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::jsonb[])`,
        [runId, rows.map((r) => r.result.row), rows.map((r) => r.result.personalId), rows.map((r) => r.result.matchProbability), rows.map((r) => r.result.status),
          rows.map((r) => r.result.pass), rows.map((r) => r.result.reasons.join(';')), rows.map((r) => JSON.stringify(r.fields)),
          rows.map((r) => (r.result.others?.length ? JSON.stringify(r.result.others) : null))]);
      await q.query('UPDATE linkage_runs SET processed = processed + $2 WHERE id = $1', [runId, rows.length]);
    },

    async finishRun(runId: number, state: 'done' | 'failed', counts: { matched: number; review: number; unmatched: number }) {
      await db.query('UPDATE linkage_runs SET state = $2, finished_at = now(), matched = $3, review = $4, unmatched = $5 WHERE id = $1',
        [runId, state, counts.matched, counts.review, counts.unmatched]);
    },

    async results(runId: number, f: { status?: string; limit: number; offset: number }): Promise<{ total: number; rows: ResultRow[] }> {
      const where = f.status ? 'run_id = $1 AND status = $2' : 'run_id = $1';
      const params: unknown[] = f.status ? [runId, f.status] : [runId];
      const total = await db.query<{ n: string }>(`SELECT count(*) AS n FROM linkage_rows WHERE ${where}`, params);
      const rows = await db.query<ResultRow>(
        `SELECT row_no, personal_id, match_probability, status, pass, reasons, fields FROM linkage_rows WHERE ${where} ORDER BY row_no LIMIT ${Number(f.limit)} OFFSET ${Number(f.offset)}`,
        params);
      return { total: Number(total.rows[0].n), rows: rows.rows.map(splitReasons) };
    },

    /** Every result of a run in row order, in pages (the CSV export). */
    async *allResults(runId: number, page = 5000): AsyncGenerator<ResultRow[]> {
      for (let after = 0; ;) {
        const r = await db.query<ResultRow>(
          'SELECT row_no, personal_id, match_probability, status, pass, reasons, fields FROM linkage_rows WHERE run_id = $1 AND row_no > $2 ORDER BY row_no LIMIT $3',
          [runId, after, page]);
        if (!r.rows.length) return;
        yield r.rows.map(splitReasons);
        after = r.rows[r.rows.length - 1].row_no;
      }
    },

    /** What a preview needs of each probabilistic result: its probability, and whether it was ambiguous. */
    async probabilities(runId: number): Promise<{ match_probability: number; status: ResultRow['status']; pass: ResultRow['pass']; reasons: string[] }[]> {
      const r = await db.query<{ match_probability: number; status: ResultRow['status']; pass: ResultRow['pass']; reasons: unknown }>(
        'SELECT match_probability, status, pass, reasons FROM linkage_rows WHERE run_id = $1', [runId]);
      return r.rows.map((x) => ({ ...x, match_probability: Number(x.match_probability), reasons: splitCodes(x.reasons) }));
    },

    /**
     * The registry's living people of a province with their former identifiers, as linkage compares them
     * (a documented cross-module read, ARCHITECTURE.md: read only, in pages by id).
     */
    async *unsafeRegistryPeople(provinceCode: string, page = 20_000): AsyncGenerator<RegistryRecord[]> {
      for (let after = 0; ;) {
        const r = await db.query<{ id: string; personal_id: string; full_name: string; date_of_birth: string | Date; sex: 'Nam' | 'Nữ'; commune_code: string; phone: string | null; former: string[] | null }>(
          `SELECT p.id, p.personal_id, p.full_name, to_char(p.date_of_birth, 'YYYY-MM-DD') AS date_of_birth, p.sex, p.commune_code, p.phone,
                  (SELECT array_agg(f.value) FROM former_identifiers f WHERE f.person_id = p.id) AS former
           FROM people p JOIN units u ON u.scheme = p.commune_scheme AND u.code = p.commune_code
           WHERE u.province_code = $1 AND p.date_of_death IS NULL AND p.id > $2 ORDER BY p.id LIMIT $3`,
          [provinceCode, after, page]);
        if (!r.rows.length) return;
        yield r.rows.map((p) => ({
          personalId: p.personal_id, formerIds: p.former ?? [], fullName: p.full_name, dateOfBirth: String(p.date_of_birth), sex: p.sex, communeCode: p.commune_code, phone: p.phone,
        }));
        after = Number(r.rows[r.rows.length - 1].id);
      }
    },
  };
}

const splitCodes = (s: unknown): string[] => (typeof s === 'string' && s ? s.split(';') : []);

function splitReasons(r: ResultRow): ResultRow {
  return { ...r, match_probability: Number(r.match_probability), reasons: splitCodes(r.reasons) };
}
