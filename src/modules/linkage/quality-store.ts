import type { Queryable } from '../../platform/db.js';
import type { LinkStatus } from './engine.js';
import type { QualityInputRow } from './quality.js';

/**
 * The quality report's SQL: a run's stored rows with the current commune of the person each points at, and
 * what the registry records of the people rows point at (death; a permanent residence in the province that
 * ended while the person now lives in another). Reads the registry's people, former identifiers, residences
 * and units (documented cross-module reads, ARCHITECTURE.md), never writes them.
 */
export function createQualityStore(db: Queryable) {
  return {
    /** A run's rows in row order, in pages, each with the current commune of the person it points at. */
    async *rows(runId: number, page = 5000): AsyncGenerator<QualityInputRow[]> {
      for (let after = 0; ;) {
        const r = await db.query<{ row_no: number; status: LinkStatus; personal_id: string | null; reasons: string; fields: Record<string, string>; person_commune: string | null }>(
          `SELECT l.row_no, l.status, l.personal_id, l.reasons, l.fields, p.commune_code AS person_commune
           FROM linkage_rows l LEFT JOIN people p ON p.personal_id = l.personal_id
           WHERE l.run_id = $1 AND l.row_no > $2 ORDER BY l.row_no LIMIT $3`,
          [runId, after, page]);
        if (!r.rows.length) return;
        yield r.rows.map((x) => ({
          row: x.row_no, status: x.status, personalId: x.personal_id, reasons: x.reasons ? x.reasons.split(';') : [], fields: x.fields, personCommune: x.person_commune,
        }));
        after = r.rows[r.rows.length - 1].row_no;
      }
    },

    /**
     * Of the identifiers asked (personal IDs, or CMND / cancelled IDs as former identifiers), those whose person
     * has died, or has moved out of the province: now living in another province after a permanent residence
     * in this one that ended (the registry records a move by ending the residence and changing the commune).
     */
    async unsafePersonFlags(provinceCode: string, ids: readonly string[]): Promise<Map<string, { deceased: boolean; movedOut: boolean }>> {
      const out = new Map<string, { deceased: boolean; movedOut: boolean }>();
      if (!ids.length) return out;
      const r = await db.query<{ asked: string; deceased: boolean; moved_out: boolean }>(
        `WITH asked AS (SELECT DISTINCT unnest($1::text[]) AS id),
         hits AS (
           SELECT a.id AS asked, p.id AS person_id, p.date_of_death, p.commune_scheme, p.commune_code FROM asked a JOIN people p ON p.personal_id = a.id
           UNION ALL
           SELECT a.id, p.id, p.date_of_death, p.commune_scheme, p.commune_code FROM asked a JOIN former_identifiers f ON f.value = a.id JOIN people p ON p.id = f.person_id
         )
         SELECT h.asked, h.date_of_death IS NOT NULL AS deceased,
                (u.province_code <> $2 AND EXISTS (
                  SELECT 1 FROM residences r JOIN units ru ON ru.scheme = r.commune_scheme AND ru.code = r.commune_code
                  WHERE r.person_id = h.person_id AND r.kind = 'permanent' AND r.valid_to IS NOT NULL AND ru.province_code = $2)) AS moved_out
         FROM hits h JOIN units u ON u.scheme = h.commune_scheme AND u.code = h.commune_code`,
        [ids, provinceCode]);
      for (const x of r.rows) {
        if (x.deceased || x.moved_out) out.set(x.asked, { deceased: x.deceased, movedOut: x.moved_out });
      }
      return out;
    },

    /** The latest finished run of each source of a province by `before`: its rows and matched rows. */
    async latestRuns(provinceCode: string, before: Date): Promise<{ source: string; rows: number; verified: number }[]> {
      const r = await db.query<{ source: string; row_count: number; matched: number }>(
        `SELECT DISTINCT ON (source) source, row_count, matched FROM linkage_runs
         WHERE province_code = $1 AND origin = 'list' AND state = 'done' AND finished_at < $2 ORDER BY source, finished_at DESC`,
        [provinceCode, before]);
      return r.rows.map((x) => ({ source: x.source, rows: Number(x.row_count), verified: Number(x.matched) }));
    },

    /** Names of communes (either scheme) by code, for the report's tables. */
    async communeNames(codes: readonly string[]): Promise<Map<string, string>> {
      if (!codes.length) return new Map();
      const r = await db.query<{ code: string; full_name: string }>(
        "SELECT DISTINCT ON (code) code, full_name FROM units WHERE level = 'commune' AND code = ANY($1::text[]) ORDER BY code, scheme", [codes]);
      return new Map(r.rows.map((x) => [x.code, x.full_name]));
    },
  };
}
