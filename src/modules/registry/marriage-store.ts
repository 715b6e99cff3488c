import type { Queryable, Transaction } from '../../platform/db.js';

/** A person as a marriage registration checks them, with their current living spouse if any. */
export interface MarriageFactsRow {
  id: number;
  personal_id: string;
  full_name: string;
  sex: 'Nam' | 'Nữ';
  date_of_birth: string;
  date_of_death: string | null;
  spouse_personal_id: string | null;
}

/** The only code that reads or writes the registry's marriages (migration 032). */
export function createMarriageStore() {
  return {
    /** The people by personal ID, each with the spouse of their current marriage (a marriage whose other spouse died is not current). */
    async facts(q: Queryable, personalIds: string[]): Promise<MarriageFactsRow[]> {
      if (!personalIds.length) return [];
      const r = await q.query<MarriageFactsRow>(
        `SELECT p.id, p.personal_id, p.full_name, p.sex, p.date_of_birth, p.date_of_death,
                (SELECT o.personal_id FROM marriage_spouses s
                   JOIN marriage_spouses os ON os.marriage_id = s.marriage_id AND os.person_id <> s.person_id
                   JOIN people o ON o.id = os.person_id
                  WHERE s.person_id = p.id AND s.ended_on IS NULL AND os.ended_on IS NULL AND o.date_of_death IS NULL
                  LIMIT 1) AS spouse_personal_id
           FROM people p WHERE p.personal_id = ANY($1::text[])`,
        [personalIds],
      );
      return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
    },

    /**
     * How two people (by personal ID) are related by blood through the registry's parent links (person_parents):
     * one descends from the other (any number of generations, bounded at 30 against bad data), or they share an
     * ancestor at most two generations above each (siblings, half-siblings, first cousins, aunt and nephew).
     */
    async kinship(q: Queryable, a: string, b: string): Promise<{ directLine: boolean; withinThreeGenerations: boolean }> {
      const r = await q.query<{ direct_line: boolean; within_three: boolean }>(
        `WITH RECURSIVE up (root, person_id, depth) AS (
           SELECT personal_id, id, 0 FROM people WHERE personal_id = ANY(ARRAY[$1, $2]::text[])
           UNION
           SELECT up.root, l.parent_id, up.depth + 1 FROM up JOIN person_parents l ON l.child_id = up.person_id WHERE up.depth < 30
         ), shared AS (
           SELECT x.depth AS da, y.depth AS db FROM up x JOIN up y ON y.person_id = x.person_id WHERE x.root = $1 AND y.root = $2
         )
         SELECT EXISTS (SELECT 1 FROM shared WHERE da = 0 OR db = 0) AS direct_line,
                EXISTS (SELECT 1 FROM shared WHERE da <= 2 AND db <= 2) AS within_three`,
        [a, b],
      );
      return { directLine: r.rows[0]?.direct_line === true, withinThreeGenerations: r.rows[0]?.within_three === true };
    },

    /** Whether two people (by personal ID) have a marriage that had not ended before `day`. */
    async married(q: Queryable, a: string, b: string, day: string): Promise<boolean> {
      const r = await q.query<{ married: boolean }>(
        `SELECT EXISTS (
           SELECT 1 FROM people pa JOIN people pb ON pb.personal_id = $2
             JOIN marriage_spouses x ON x.person_id = pa.id
             JOIN marriage_spouses y ON y.marriage_id = x.marriage_id AND y.person_id = pb.id
            WHERE pa.personal_id = $1 AND (x.ended_on IS NULL OR x.ended_on >= $3::date) AND (y.ended_on IS NULL OR y.ended_on >= $3::date)
         ) AS married`,
        [a, b, day],
      );
      return r.rows[0]?.married === true;
    },

    /** Ends (reason: death) the current marriages of these people whose spouse has died, so a widow(er) may marry again. */
    async endWidowed(tx: Transaction, personIds: number[]): Promise<void> {
      await tx.query(
        `UPDATE marriage_spouses s SET ended_on = d.died, ended_reason = 'death'
           FROM (SELECT ms.marriage_id, min(pp.date_of_death) AS died
                   FROM marriage_spouses ms JOIN people pp ON pp.id = ms.person_id
                  WHERE pp.date_of_death IS NOT NULL AND ms.ended_on IS NULL
                    AND ms.marriage_id IN (SELECT marriage_id FROM marriage_spouses WHERE person_id = ANY($1::bigint[]) AND ended_on IS NULL)
                  GROUP BY ms.marriage_id) d
          WHERE s.marriage_id = d.marriage_id AND s.ended_on IS NULL`,
        [personIds],
      );
    },

    /** The marriage and its two spouses; the partial unique index refuses a spouse of a current marriage (23505). */
    async insert(tx: Transaction, m: { personIds: [number, number]; on: string; communeCode: string | null; sourceDossier: string }): Promise<number> {
      const r = await tx.query<{ id: number }>(
        'INSERT INTO marriages (registered_on, commune_code, source_dossier) VALUES ($1, $2, $3) RETURNING id',
        [m.on, m.communeCode, m.sourceDossier],
      );
      const id = Number(r.rows[0].id);
      await tx.query('INSERT INTO marriage_spouses (marriage_id, person_id) VALUES ($1, $2), ($1, $3)', [id, m.personIds[0], m.personIds[1]]);
      return id;
    },
  };
}
