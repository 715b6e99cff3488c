import type { Db } from '../../platform/db.js';

/**
 * SQL of the registry's statistics: the counts kept beside the registry (population_cells,
 * household_cells, life_event_cells) and the 2025 communes with their main predecessor. statistics.ts
 * turns these rows into dashboards.
 */
export interface CellRow { commune_code: string; sex: string; birth_year: number; ethnicity: string; religion: string; activity: string; people: number }

export interface CommuneRow { code: string; name: string; type: string; province_code: string; old_code: string | null; old_district: string | null; old_province: string | null }

/** What people do, from the occupation the registry records (the seed's and the import's wording). */
const ACTIVITY_SQL = `CASE WHEN occupation IS NULL THEN 'none' WHEN occupation = 'Học sinh, sinh viên' THEN 'student'
  WHEN occupation = 'Nội trợ' THEN 'homemaker' WHEN occupation = 'Không có việc làm' THEN 'jobless' WHEN occupation = 'Hưu trí' THEN 'retired'
  ELSE 'employed' END`;

export function createStatisticsStore(db: Db) {
  return {
    /** Every 2025 commune with its main predecessor (the old commune taken in full, else the lowest code) and that one's district and province. */
    async communes(): Promise<CommuneRow[]> {
      return (await db.query<CommuneRow>(
        `SELECT u.code, u.name, u.type, u.province_code, m.old_code, o.parent_code AS old_district, o.province_code AS old_province
           FROM units u
           LEFT JOIN LATERAL (SELECT l.old_code FROM unit_links l WHERE l.new_scheme = '2025' AND l.new_code = u.code AND l.level = 'commune'
                               ORDER BY l.kind = 'full' DESC, l.old_code LIMIT 1) m ON true
           LEFT JOIN units o ON o.scheme = 'pre2025' AND o.code = m.old_code
          WHERE u.scheme = '2025' AND u.level = 'commune'`,
      )).rows;
    },

    async unitLevel(scheme: string, code: string): Promise<string | undefined> {
      return (await db.query<{ level: string }>('SELECT level FROM units WHERE scheme = $1 AND code = $2', [scheme, code])).rows[0]?.level;
    },

    /** Recounts every cell in one transaction (readers keep the old counts until it commits); returns the living people counted. */
    async recount(startedAt: number): Promise<number> {
      let people = 0;
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM population_cells');
        await tx.query(`INSERT INTO population_cells (commune_code, sex, birth_year, ethnicity, religion, activity, people)
          SELECT commune_code, sex, extract(year FROM date_of_birth)::smallint, ethnicity, religion, ${ACTIVITY_SQL}, count(*)
            FROM people WHERE date_of_death IS NULL GROUP BY 1, 2, 3, 4, 5, 6`);
        await tx.query('DELETE FROM household_cells');
        await tx.query('INSERT INTO household_cells (commune_code, households) SELECT commune_code, count(*) FROM households GROUP BY 1');
        await tx.query('DELETE FROM life_event_cells');
        await tx.query(`INSERT INTO life_event_cells (month, commune_code, kind, events)
          SELECT date_trunc('month', e.occurred_on)::date, COALESCE(e.commune_code, p.commune_code), e.kind, count(*)
            FROM life_events e JOIN people p ON p.id = e.person_id GROUP BY 1, 2, 3`);
        people = Number((await tx.query<{ n: string }>('SELECT COALESCE(sum(people), 0) AS n FROM population_cells')).rows[0].n);
        await tx.query('INSERT INTO statistics_refreshes (people, duration_ms) VALUES ($1, $2)', [people, Date.now() - startedAt]);
      });
      return people;
    },

    async lastRefresh(): Promise<string | null> {
      return (await db.query<{ at: string | null }>('SELECT max(refreshed_at) AS at FROM statistics_refreshes')).rows[0].at;
    },

    async cells(codes: string[] | null): Promise<CellRow[]> {
      return (await db.query<CellRow>(`SELECT commune_code, sex, birth_year, ethnicity, religion, activity, people FROM population_cells
                                        WHERE $1::text[] IS NULL OR commune_code = ANY($1)`, [codes], 'population_cells_of')).rows;
    },

    async households(codes: string[] | null): Promise<{ commune_code: string; households: number }[]> {
      return (await db.query<{ commune_code: string; households: number }>(`SELECT commune_code, households FROM household_cells
                                        WHERE $1::text[] IS NULL OR commune_code = ANY($1)`, [codes], 'household_cells_of')).rows;
    },

    /** Events per month and kind since `months - 1` months before this one. */
    async lifeEvents(codes: string[] | null, months: number): Promise<{ month: string; kind: string; events: number }[]> {
      return (await db.query<{ month: string; kind: string; events: number }>(
        `SELECT month::text AS month, kind, sum(events)::int AS events FROM life_event_cells
          WHERE ($1::text[] IS NULL OR commune_code = ANY($1)) AND month >= (date_trunc('month', now()) - make_interval(months => $2))::date
          GROUP BY 1, 2 ORDER BY 1`, [codes, months - 1])).rows;
    },
  };
}
