import type { Db, Queryable } from '../../platform/db.js';
import { copyValue } from '../../platform/db.js';
import { createBatcher } from '../../platform/batch.js';
import type { AreaScope } from '../../platform/access.js';
import { areaCondition, areaConditionOn } from './scope.js';
import type { UnitLinkRow, UnitRow, UnitScheme } from './units-data.js';
import { normalizeName } from './names.js';
import type { Person } from './schema.js';
import type { CorrectableField } from './correctable.js';

export interface PersonListRow {
  id: number;
  personal_id: string;
  full_name: string;
  date_of_birth: string;
  sex: 'Nam' | 'Nữ';
  commune_code: string;
  commune_name: string;
  household_id: number | null;
  date_of_death: string | null;
}

export interface PersonDetailRow extends PersonListRow {
  ethnicity: string;
  religion: string;
  occupation: string | null;
  phone: string | null;
  relation_to_head: string | null;
  province_code: string;
  province_name: string;
  household_no: string | null;
  household_address: string | null;
  former_identifiers: { kind: string; value: string; validUntil: string | null }[];
  residences: Person['residences'];
  life_events: Person['lifeEvents'];
  absences: Person['absences'];
  parents: ParentRow[];
  members: { id: number; personalId: string; fullName: string; dateOfBirth: string; sex: string; relationToHead: string | null; dateOfDeath: string | null }[];
  corrections: Person['corrections'];
}

export type HouseholdMemberRow = PersonDetailRow['members'][number];

/** A parent as the database lists them: record id and whole personal ID (the service masks them, as household members). */
export interface ParentRow { role: 'mother' | 'father'; id: number; personalId: string; fullName: string; dateOfBirth: string; sourceDossier: string | null }

/** `Person` as the database builds it: household members still carry their record id and whole personal ID. */
export type PersonDocument = Omit<Person, 'household' | 'parents'> & {
  parents: ParentRow[];
  household: (Omit<NonNullable<Person['household']>, 'members'> & { members: HouseholdMemberRow[] }) | null;
};

export interface PersonDocumentRow {
  personal_id: string;
  doc: PersonDocument;
}

export interface PersonInsert {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: 'Nam' | 'Nữ';
  ethnicity: string;
  religion: string;
  occupation: string | null;
  communeCode: string;
  householdNo: string | null;
  relationToHead: string | null;
  legacyId: string | null;
  phone?: string | null;
  dateOfDeath: string | null;
  address: string;
  residenceFrom: string;
  temporaryCommuneCode?: string | null;
  movedInOn?: string | null;
}

const LIST_COLUMNS = `p.id, p.personal_id, p.full_name, p.date_of_birth, p.sex, p.commune_code, u.full_name AS commune_name,
  p.household_id, p.date_of_death`;

export interface SearchFilter {
  nameNorm?: string;
  personalId?: string;
  legacyId?: string;
  dateOfBirth?: string;
  communeCodes?: string[];
  limit: number;
  offset: number;
}

/**
 * The full record of the people whose key is in `$1` (array) and who live inside the area in the same
 * position of `$2`; `k.i` is the position (1-based) of the key the row answers.
 */
function personDetailSql(byId: boolean, level: AreaScope['level']): string {
  return `SELECT k.i, ${LIST_COLUMNS}, p.ethnicity, p.religion, p.occupation, p.phone, p.relation_to_head,
                u.province_code, pu.full_name AS province_name, h.household_no, h.address AS household_address,
                COALESCE((SELECT json_agg(json_build_object('kind', f.kind, 'value', f.value, 'validUntil', f.valid_until) ORDER BY f.kind, f.value)
                            FROM former_identifiers f WHERE f.person_id = p.id), '[]') AS former_identifiers,
                COALESCE((SELECT json_agg(json_build_object('kind', r.kind, 'communeCode', r.commune_code, 'communeName', ru.full_name,
                                 'address', r.address, 'validFrom', r.valid_from, 'validTo', r.valid_to,
                                 'sourceDossier', r.source_dossier, 'endedByDossier', r.ended_by_dossier) ORDER BY r.valid_from, r.id)
                            FROM residences r JOIN units ru ON ru.scheme = r.commune_scheme AND ru.code = r.commune_code
                           WHERE r.person_id = p.id), '[]') AS residences,
                COALESCE((SELECT json_agg(json_build_object('kind', e.kind, 'occurredOn', e.occurred_on, 'communeCode', e.commune_code,
                                 'note', e.note, 'sourceDossier', e.source_dossier) ORDER BY e.occurred_on, e.id)
                            FROM life_events e WHERE e.person_id = p.id), '[]') AS life_events,
                COALESCE((SELECT json_agg(json_build_object('field', c.field, 'oldValue', c.old_value, 'newValue', c.new_value,
                                 'reason', c.reason, 'correctedBy', c.corrected_by, 'correctedAt', c.corrected_at, 'sourceDossier', c.source_dossier) ORDER BY c.id DESC)
                            FROM person_corrections c WHERE c.person_id = p.id), '[]') AS corrections,
                COALESCE((SELECT json_agg(json_build_object('validFrom', a.valid_from, 'validTo', a.valid_to, 'destination', a.destination,
                                 'reason', a.reason, 'sourceDossier', a.source_dossier) ORDER BY a.valid_from DESC, a.id DESC)
                            FROM absences a WHERE a.person_id = p.id), '[]') AS absences,
                COALESCE((SELECT json_agg(json_build_object('role', l.role, 'id', m.id, 'personalId', m.personal_id, 'fullName', m.full_name,
                                 'dateOfBirth', m.date_of_birth, 'sourceDossier', l.source_dossier) ORDER BY l.role DESC)
                            FROM person_parents l JOIN people m ON m.id = l.parent_id WHERE l.child_id = p.id), '[]') AS parents,
                COALESCE((SELECT json_agg(json_build_object('id', m.id, 'personalId', m.personal_id, 'fullName', m.full_name, 'dateOfBirth', m.date_of_birth,
                                 'sex', m.sex, 'relationToHead', m.relation_to_head, 'dateOfDeath', m.date_of_death) ORDER BY m.date_of_birth)
                            FROM people m WHERE m.household_id = p.household_id AND m.id <> p.id), '[]') AS members
           FROM unnest($1::${byId ? 'bigint' : 'text'}[], $2::text[]) WITH ORDINALITY AS k(key, area, i)
           JOIN people p ON ${byId ? 'p.id' : 'p.personal_id'} = k.key
           JOIN units u ON u.scheme = p.commune_scheme AND u.code = p.commune_code
           JOIN units pu ON pu.scheme = u.scheme AND pu.code = u.province_code
           LEFT JOIN households h ON h.id = p.household_id
          WHERE ${areaConditionOn(level, 'k.area')}`;
}

/**
 * The same record as the API's `Person` document, built by PostgreSQL as one `json` value (parsed by
 * the driver into an object; the route's serializer then sends only what the `Person` schema declares),
 * with the personal ID for the audit entry. Household members carry their record id and whole personal
 * ID, as in `findPersonDetail`: the service masks them (maskPersonalId is the only masking).
 */
function personDocumentSql(byId: boolean, level: AreaScope['level']): string {
  return `SELECT k.i, p.personal_id, json_build_object(
             'personalId', p.personal_id, 'fullName', p.full_name, 'dateOfBirth', p.date_of_birth, 'sex', p.sex,
             'ethnicity', p.ethnicity, 'religion', p.religion, 'occupation', p.occupation, 'phone', p.phone,
             'deceased', p.date_of_death IS NOT NULL, 'dateOfDeath', p.date_of_death,
             'commune', json_build_object('code', p.commune_code, 'name', u.full_name, 'provinceCode', u.province_code, 'provinceName', pu.full_name),
             'household', CASE WHEN h.household_no IS NULL THEN NULL ELSE json_build_object(
                'householdNo', h.household_no, 'address', h.address, 'relationToHead', p.relation_to_head,
                'members', COALESCE((SELECT json_agg(json_build_object('id', m.id, 'personalId', m.personal_id,
                                 'fullName', m.full_name, 'dateOfBirth', m.date_of_birth, 'sex', m.sex, 'relationToHead', m.relation_to_head,
                                 'dateOfDeath', m.date_of_death) ORDER BY m.date_of_birth)
                            FROM people m WHERE m.household_id = p.household_id AND m.id <> p.id), '[]'::json)) END,
             'formerIdentifiers', COALESCE((SELECT json_agg(json_build_object('kind', f.kind, 'value', f.value, 'validUntil', f.valid_until) ORDER BY f.kind, f.value)
                            FROM former_identifiers f WHERE f.person_id = p.id), '[]'::json),
             'residences', COALESCE((SELECT json_agg(json_build_object('kind', r.kind, 'communeCode', r.commune_code, 'communeName', ru.full_name,
                                 'address', r.address, 'validFrom', r.valid_from, 'validTo', r.valid_to,
                                 'sourceDossier', r.source_dossier, 'endedByDossier', r.ended_by_dossier) ORDER BY r.valid_from, r.id)
                            FROM residences r JOIN units ru ON ru.scheme = r.commune_scheme AND ru.code = r.commune_code
                           WHERE r.person_id = p.id), '[]'::json),
             'lifeEvents', COALESCE((SELECT json_agg(json_build_object('kind', e.kind, 'occurredOn', e.occurred_on, 'communeCode', e.commune_code,
                                 'note', e.note, 'sourceDossier', e.source_dossier) ORDER BY e.occurred_on, e.id)
                            FROM life_events e WHERE e.person_id = p.id), '[]'::json),
             'corrections', COALESCE((SELECT json_agg(json_build_object('field', c.field, 'oldValue', c.old_value, 'newValue', c.new_value,
                                 'reason', c.reason, 'correctedBy', c.corrected_by, 'correctedAt', c.corrected_at, 'sourceDossier', c.source_dossier) ORDER BY c.id DESC)
                            FROM person_corrections c WHERE c.person_id = p.id), '[]'::json),
             'absences', COALESCE((SELECT json_agg(json_build_object('validFrom', a.valid_from, 'validTo', a.valid_to, 'destination', a.destination,
                                 'reason', a.reason, 'sourceDossier', a.source_dossier) ORDER BY a.valid_from DESC, a.id DESC)
                            FROM absences a WHERE a.person_id = p.id), '[]'::json),
             'parents', COALESCE((SELECT json_agg(json_build_object('role', l.role, 'id', m.id, 'personalId', m.personal_id, 'fullName', m.full_name,
                                 'dateOfBirth', m.date_of_birth, 'sourceDossier', l.source_dossier) ORDER BY l.role DESC)
                            FROM person_parents l JOIN people m ON m.id = l.parent_id WHERE l.child_id = p.id), '[]'::json)
           ) AS doc
           FROM unnest($1::${byId ? 'bigint' : 'text'}[], $2::text[]) WITH ORDINALITY AS k(key, area, i)
           JOIN people p ON ${byId ? 'p.id' : 'p.personal_id'} = k.key
           JOIN units u ON u.scheme = p.commune_scheme AND u.code = p.commune_code
           JOIN units pu ON pu.scheme = u.scheme AND pu.code = u.province_code
           LEFT JOIN households h ON h.id = p.household_id
          WHERE ${areaConditionOn(level, 'k.area')}`;
}

/** The only code that reads or writes the registry's tables. */
export function createRegistryStore(db: Db) {
  /** Batched reads by key and area: one loader per statement (key kind × area level). */
  const loaders = <T>(prefix: string, sqlOf: (byId: boolean, level: AreaScope['level']) => string) => {
    const loader = (byId: boolean, level: AreaScope['level']) => {
      const sql = sqlOf(byId, level);
      const name = `${prefix}_${byId ? 'id' : 'pid'}_${level}`;
      return createBatcher<{ key: number | string; area: string }, T>(async (keys) => {
        const r = await db.query<T & { i: number }>(sql, [keys.map((k) => k.key), keys.map((k) => k.area)], name);
        const out = new Array<T | undefined>(keys.length);
        for (const row of r.rows) out[Number(row.i) - 1] = row;
        return out;
      });
    };
    const all = { id_commune: loader(true, 'commune'), id_province: loader(true, 'province'), pid_commune: loader(false, 'commune'), pid_province: loader(false, 'province') };
    return (scope: AreaScope, key: { personalId: string } | { id: number }) =>
      all[`${'id' in key ? 'id' : 'pid'}_${scope.level}`].load({ key: 'id' in key ? key.id : key.personalId, area: scope.code });
  };
  const loadDetail = loaders<PersonDetailRow>('person_detail', personDetailSql);
  const loadDocument = loaders<PersonDocumentRow>('person_document', personDocumentSql);

  return {
    // ---- administrative units ----
    async countUnits(): Promise<number> {
      return Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM units')).rows[0].n);
    },

    async loadUnits(
      schemes: { code: UnitScheme; name: string; effectiveFrom: string; effectiveTo: string | null }[],
      units: UnitRow[],
      links: UnitLinkRow[],
    ): Promise<void> {
      await db.transaction(async (tx) => {
        for (const s of schemes) {
          await tx.query(
            'INSERT INTO unit_schemes (code, name, effective_from, effective_to) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
            [s.code, s.name, s.effectiveFrom, s.effectiveTo],
          );
        }
        await db.copyFrom(
          tx,
          'units',
          ['scheme', 'code', 'level', 'name', 'full_name', 'type', 'parent_code', 'province_code', 'name_norm'],
          units.map((u) =>
            [u.scheme, u.code, u.level, u.name, u.fullName, u.type, u.parentCode, u.provinceCode, normalizeName(u.name)]
              .map(copyValue)
              .join('\t'),
          ),
        );
        await db.copyFrom(
          tx,
          'unit_links',
          ['level', 'old_code', 'new_code', 'kind'],
          links.map((l) => [l.level, l.oldCode, l.newCode, l.kind].map(copyValue).join('\t')),
        );
      });
      await db.query('ANALYZE units, unit_links');
    },

    async listUnits(scheme: string, f: { level?: string; parentCode?: string; provinceCode?: string; q?: string }) {
      const where = ['scheme = $1'];
      const params: unknown[] = [scheme];
      const add = (sql: string, v: unknown) => {
        params.push(v);
        where.push(sql.replace('?', `$${params.length}`));
      };
      if (f.level) add('level = ?', f.level);
      if (f.parentCode) add('parent_code = ?', f.parentCode);
      if (f.provinceCode) add('province_code = ?', f.provinceCode);
      if (f.q) add(`name_norm LIKE '%' || ? || '%'`, normalizeName(f.q));
      const r = await db.query<{ code: string; level: string; name: string; full_name: string; type: string; parent_code: string | null; province_code: string }>(
        `SELECT code, level, name, full_name, type, parent_code, province_code FROM units WHERE ${where.join(' AND ')} ORDER BY code LIMIT 5000`,
        params,
      );
      return r.rows;
    },

    /** One unit; `q` is the caller's transaction when it has one open (PGlite runs one statement at a time: the pool would wait for it). */
    async findUnit(scheme: string, code: string, q: Queryable = db) {
      const r = await q.query<{ code: string; level: string; name: string; full_name: string; type: string; parent_code: string | null; province_code: string }>(
        'SELECT code, level, name, full_name, type, parent_code, province_code FROM units WHERE scheme = $1 AND code = $2',
        [scheme, code],
      );
      return r.rows[0];
    },

    /** Every commune code of a scheme (a few thousand): an import checks rows against it in memory. */
    async communeCodes(scheme: string): Promise<Set<string>> {
      const r = await db.query<{ code: string }>(`SELECT code FROM units WHERE scheme = $1 AND level = 'commune'`, [scheme]);
      return new Set(r.rows.map((x) => x.code));
    },

    /** Every pre-2025 commune with its 2025 successors. */
    async allCommuneSuccessors(): Promise<Map<string, string[]>> {
      const r = await db.query<{ old_code: string; new_code: string }>(
        `SELECT old_code, new_code FROM unit_links WHERE old_scheme = 'pre2025' AND new_scheme = '2025' ORDER BY old_code, new_code`,
      );
      const map = new Map<string, string[]>();
      for (const x of r.rows) map.set(x.old_code, [...(map.get(x.old_code) ?? []), x.new_code]);
      return map;
    },

    async successors(oldCode: string) {
      const r = await db.query<{ code: string; name: string; full_name: string; level: string; kind: string }>(
        `SELECT u.code, u.name, u.full_name, u.level, l.kind FROM unit_links l
           JOIN units u ON u.scheme = l.new_scheme AND u.code = l.new_code
          WHERE l.old_scheme = 'pre2025' AND l.old_code = $1 ORDER BY u.code`,
        [oldCode],
      );
      return r.rows;
    },

    async predecessors(newCode: string) {
      const r = await db.query<{ code: string; name: string; full_name: string; level: string; kind: string }>(
        `SELECT u.code, u.name, u.full_name, u.level, l.kind FROM unit_links l
           JOIN units u ON u.scheme = l.old_scheme AND u.code = l.old_code
          WHERE l.new_scheme = '2025' AND l.new_code = $1 ORDER BY u.code`,
        [newCode],
      );
      return r.rows;
    },

    /** Communes of a 2025 province with the pre-2025 province of their main predecessor (for seeding). */
    async communesForSeeding(provinceCode: string) {
      const r = await db.query<{ code: string; name: string; type: string; old_province_code: string }>(
        `SELECT u.code, u.name, u.type,
                (SELECT o.province_code FROM unit_links l JOIN units o ON o.scheme = l.old_scheme AND o.code = l.old_code
                  WHERE l.new_scheme = '2025' AND l.new_code = u.code ORDER BY l.kind = 'full' DESC, o.code LIMIT 1) AS old_province_code
           FROM units u WHERE u.scheme = '2025' AND u.level = 'commune' AND u.province_code = $1 ORDER BY u.code`,
        [provinceCode],
      );
      return r.rows;
    },

    /** Refreshes planner statistics after a bulk load, so lookups keep their index plans. */
    async analyze(): Promise<void> {
      await db.query('ANALYZE people, households, residences, life_events, former_identifiers');
    },

    // ---- people ----
    /**
     * Living adults (on `today`) of a province's 2025 communes with a declared phone, in id order, whose
     * normalised name does not contain `excludeName`: the demo's e-ID holders (see src/demo.ts).
     */
    async unsafeAdultsWithPhone(provinceCode: string, today: string, excludeName: string) {
      const r = await db.query<{ id: number; personal_id: string; phone: string; commune_code: string }>(
        `SELECT p.id, p.personal_id, p.phone, p.commune_code FROM people p
           JOIN units u ON u.scheme = p.commune_scheme AND u.code = p.commune_code
          WHERE u.province_code = $1 AND p.phone IS NOT NULL AND p.date_of_death IS NULL
            AND p.date_of_birth <= ($2::date - interval '18 years') AND p.name_norm NOT LIKE '%' || $3 || '%'
          ORDER BY p.id`,
        [provinceCode, today, excludeName],
      );
      return r.rows.map((x) => ({ personId: Number(x.id), personalId: x.personal_id, phone: x.phone, communeCode: x.commune_code }));
    },

    async countPeople(): Promise<number> {
      return Number((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people')).rows[0].n);
    },

    async searchPeople(scope: AreaScope, f: SearchFilter): Promise<PersonListRow[]> {
      const area = areaCondition(scope, 1);
      const where = [area.sql];
      const params: unknown[] = [area.value];
      const add = (sql: string, v: unknown) => {
        params.push(v);
        where.push(sql.replaceAll('?', `$${params.length}`));
      };
      // A cancelled number still finds its holder (former_identifiers keeps it).
      if (f.personalId) add(`(p.personal_id = ? OR p.id IN (SELECT person_id FROM former_identifiers WHERE value = ?))`, f.personalId);
      if (f.legacyId) add(`p.id IN (SELECT person_id FROM former_identifiers WHERE value = ?)`, f.legacyId);
      if (f.dateOfBirth) add('p.date_of_birth = ?', f.dateOfBirth);
      if (f.communeCodes) add('p.commune_code = ANY(?::text[])', f.communeCodes);
      let order = 'p.name_norm, p.date_of_birth';
      if (f.nameNorm) {
        add(`p.name_norm LIKE '%' || ? || '%'`, f.nameNorm);
        order = `(p.name_norm = $${params.length}) DESC, (p.name_norm LIKE $${params.length} || '%') DESC, ${order}`;
      }
      params.push(f.limit, f.offset);
      const r = await db.query<PersonListRow>(
        `SELECT ${LIST_COLUMNS} FROM people p JOIN units u ON u.scheme = p.commune_scheme AND u.code = p.commune_code
          WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${params.length - 1} OFFSET $${params.length}`,
        params,
      );
      return r.rows;
    },

    /**
     * One person's full record, if inside the caller's area. Concurrent reads are batched into one
     * query (see createBatcher); each key carries its own area, checked in SQL row by row.
     */
    async findPersonDetail(scope: AreaScope, key: { personalId: string } | { id: number }): Promise<PersonDetailRow | undefined> {
      return loadDetail(scope, key);
    },

    /** The `Person` document (members unmasked), if inside the caller's area (batched like findPersonDetail). */
    async findPersonDocument(scope: AreaScope, key: { personalId: string } | { id: number }): Promise<PersonDocumentRow | undefined> {
      return loadDocument(scope, key);
    },

    async findHousehold(scope: AreaScope, householdNo: string) {
      const area = areaCondition(scope, 2);
      const r = await db.query<{
        household_no: string; address: string; commune_code: string; commune_name: string; province_code: string;
        members: HouseholdMemberRow[];
      }>(
        `SELECT h.household_no, h.address, h.commune_code, u.full_name AS commune_name, u.province_code,
                COALESCE((SELECT json_agg(json_build_object('id', p.id, 'personalId', p.personal_id, 'fullName', p.full_name, 'dateOfBirth', p.date_of_birth,
                                 'sex', p.sex, 'relationToHead', p.relation_to_head, 'dateOfDeath', p.date_of_death)
                                 ORDER BY p.relation_to_head = 'Chủ hộ' DESC, p.date_of_birth)
                            FROM people p WHERE p.household_id = h.id), '[]') AS members
           FROM households h JOIN units u ON u.scheme = h.commune_scheme AND u.code = h.commune_code
           JOIN people p ON p.id = h.head_id
          WHERE h.household_no = $1 AND ${area.sql.replace('p.commune_code', 'h.commune_code')}`,
        [householdNo, area.value],
      );
      return r.rows[0];
    },

    async existingPersonalIds(ids: string[]): Promise<Set<string>> {
      if (!ids.length) return new Set();
      const r = await db.query<{ personal_id: string }>('SELECT personal_id FROM people WHERE personal_id = ANY($1::text[])', [ids]);
      return new Set(r.rows.map((x) => x.personal_id));
    },

    async existingLegacyIds(ids: string[]): Promise<Set<string>> {
      if (!ids.length) return new Set();
      const r = await db.query<{ value: string }>(`SELECT value FROM former_identifiers WHERE kind = 'cmnd' AND value = ANY($1::text[])`, [ids]);
      return new Set(r.rows.map((x) => x.value));
    },

    /**
     * Writes a batch of people (with households, residence, former IDs and life events) in the caller's
     * transaction using COPY. Identity values are reserved up front so rows can reference each other.
     */
    async insertPeopleBatch(tx: Queryable, people: PersonInsert[]): Promise<{ personIds: number[] }> {
      if (!people.length) return { personIds: [] };
      const householdNos = [...new Set(people.map((p) => p.householdNo).filter((x): x is string => !!x))];
      const existing = householdNos.length
        ? (await tx.query<{ id: number; household_no: string }>('SELECT id, household_no FROM households WHERE household_no = ANY($1::text[])', [householdNos])).rows
        : [];
      const householdId = new Map(existing.map((h) => [h.household_no, Number(h.id)]));
      const newNos = householdNos.filter((no) => !householdId.has(no));
      const ids = await reserveIds(tx, 'people', people.length);
      const hIds = await reserveIds(tx, 'households', newNos.length);
      newNos.forEach((no, i) => householdId.set(no, hIds[i]));
      const headOf = new Map<string, number>();
      const firstOf = new Map<string, PersonInsert>();
      for (let i = 0; i < people.length; i++) {
        const p = people[i];
        if (!p.householdNo) continue;
        if (!firstOf.has(p.householdNo)) firstOf.set(p.householdNo, p);
        if (p.relationToHead === 'Chủ hộ' && !headOf.has(p.householdNo)) headOf.set(p.householdNo, ids[i]);
      }
      // COPY text is built by hand: ids and dates are numbers/validated shapes, free text goes through copyValue.
      let householdText = '';
      for (const no of newNos) {
        const p = firstOf.get(no)!;
        householdText += `${householdId.get(no)}\t${copyValue(no)}\t${copyValue(p.communeCode)}\t${copyValue(p.address)}\t${headOf.get(no) ?? '\\N'}\n`;
      }
      let personText = '';
      let formerText = '';
      let residenceText = '';
      let eventText = '';
      for (let i = 0; i < people.length; i++) {
        const p = people[i];
        const id = ids[i];
        const commune = copyValue(p.communeCode);
        const dob = copyValue(p.dateOfBirth);
        personText += `${id}\t${copyValue(p.personalId)}\t${copyValue(p.fullName)}\t${copyValue(normalizeName(p.fullName))}\t${dob}\t${copyValue(p.sex)}\t${copyValue(p.ethnicity)}\t${copyValue(p.religion)}\t${copyValue(p.occupation)}\t${p.householdNo ? householdId.get(p.householdNo) : '\\N'}\t${copyValue(p.relationToHead)}\t${commune}\t${copyValue(p.dateOfDeath)}\t${copyValue(p.phone ?? null)}\n`;
        if (p.legacyId) formerText += `${id}\tcmnd\t${copyValue(p.legacyId)}\n`;
        residenceText += `${id}\tpermanent\t${commune}\t${copyValue(p.address)}\t${copyValue(p.residenceFrom)}\t\\N\n`;
        if (p.temporaryCommuneCode) {
          residenceText += `${id}\ttemporary\t${copyValue(p.temporaryCommuneCode)}\tNơi tạm trú\t${copyValue(p.movedInOn ?? p.residenceFrom)}\t\\N\n`;
        }
        eventText += `${id}\tbirth\t${dob}\t\\N\t\\N\n`;
        if (p.movedInOn) eventText += `${id}\tmove\t${copyValue(p.movedInOn)}\t${commune}\tChuyển đến\n`;
        if (p.dateOfDeath) eventText += `${id}\tdeath\t${copyValue(p.dateOfDeath)}\t${commune}\t\\N\n`;
      }
      // Households reference their head, people reference their household: defer by loading heads afterwards.
      if (householdText) {
        await db.copyFrom(tx, 'households', ['id', 'household_no', 'commune_code', 'address', 'head_id'], householdText);
      }
      await db.copyFrom(tx, 'people',
        ['id', 'personal_id', 'full_name', 'name_norm', 'date_of_birth', 'sex', 'ethnicity', 'religion', 'occupation',
          'household_id', 'relation_to_head', 'commune_code', 'date_of_death', 'phone'], personText);
      if (formerText) await db.copyFrom(tx, 'former_identifiers', ['person_id', 'kind', 'value'], formerText);
      await db.copyFrom(tx, 'residences', ['person_id', 'kind', 'commune_code', 'address', 'valid_from', 'valid_to'], residenceText);
      await db.copyFrom(tx, 'life_events', ['person_id', 'kind', 'occurred_on', 'commune_code', 'note'], eventText);
      return { personIds: ids };
    },

    /** Marks the person deceased and writes the `death` life event (its note is the place of death, if given). */
    async recordDeath(
      tx: Queryable, personId: number, dateOfDeath: string, communeCode: string, place: string | null = null, sourceDossier: string | null = null,
    ): Promise<void> {
      await tx.query('UPDATE people SET date_of_death = $2, updated_at = now() WHERE id = $1', [personId, dateOfDeath]);
      await tx.query(
        `INSERT INTO life_events (person_id, kind, occurred_on, commune_code, note, source_dossier) VALUES ($1, 'death', $2, $3, $4, $5)`,
        [personId, dateOfDeath, communeCode, place, sourceDossier],
      );
    },

    /**
     * A corrected fact: the person's column changes (with the normalised name, or the birth life event,
     * that follow it) and the old value stays in `person_corrections` with the reason.
     */
    async correctPerson(
      tx: Queryable,
      c: { personId: number; field: CorrectableField; oldValue: string | null; newValue: string; reason: string; correctedBy: string },
    ): Promise<void> {
      const set: Record<CorrectableField, string> = {
        fullName: 'full_name = $2, name_norm = $3',
        dateOfBirth: 'date_of_birth = $2::date',
        ethnicity: 'ethnicity = $2',
        religion: 'religion = $2',
        occupation: 'occupation = $2',
      };
      const params: unknown[] = [c.personId, c.newValue];
      if (c.field === 'fullName') params.push(normalizeName(c.newValue));
      await tx.query(`UPDATE people SET ${set[c.field]}, updated_at = now() WHERE id = $1`, params);
      if (c.field === 'dateOfBirth') {
        await tx.query(`UPDATE life_events SET occurred_on = $2::date WHERE person_id = $1 AND kind = 'birth'`, [c.personId, c.newValue]);
      }
      await tx.query(
        `INSERT INTO person_corrections (person_id, field, old_value, new_value, reason, corrected_by) VALUES ($1, $2, $3, $4, $5, $6)`,
        [c.personId, c.field, c.oldValue, c.newValue, c.reason, c.correctedBy],
      );
    },

    /**
     * Permanent move: the current permanent residence ends, a new one starts, the person leaves the old
     * household for `householdId`, and a `move` life event is written.
     */
    async recordPermanentMove(
      tx: Queryable,
      m: {
        personId: number; communeCode: string; address: string; movedOn: string; householdId: number; relationToHead: string;
        note?: string; sourceDossier?: string | null;
      },
    ): Promise<void> {
      const source = m.sourceDossier ?? null;
      await tx.query(
        `UPDATE residences SET valid_to = $2, ended_by_dossier = $3 WHERE person_id = $1 AND kind = 'permanent' AND valid_to IS NULL`,
        [m.personId, m.movedOn, source],
      );
      await tx.query(
        `INSERT INTO residences (person_id, kind, commune_code, address, valid_from, source_dossier) VALUES ($1, 'permanent', $2, $3, $4, $5)`,
        [m.personId, m.communeCode, m.address, m.movedOn, source],
      );
      await tx.query(
        `UPDATE people SET commune_code = $2, household_id = $3, relation_to_head = $4, updated_at = now() WHERE id = $1`,
        [m.personId, m.communeCode, m.householdId, m.relationToHead],
      );
      await tx.query(
        `INSERT INTO life_events (person_id, kind, occurred_on, commune_code, note, source_dossier) VALUES ($1, 'move', $2, $3, $4, $5)`,
        [m.personId, m.movedOn, m.communeCode, m.note ?? 'Chuyển đến', source],
      );
    },

    async recordTemporaryResidence(
      tx: Queryable, r: { personId: number; communeCode: string; address: string; validFrom: string; validTo: string | null; sourceDossier?: string | null },
    ) {
      await tx.query(
        `INSERT INTO residences (person_id, kind, commune_code, address, valid_from, valid_to, source_dossier) VALUES ($1, 'temporary', $2, $3, $4, $5, $6)`,
        [r.personId, r.communeCode, r.address, r.validFrom, r.validTo, r.sourceDossier ?? null],
      );
    },

    // ---- changes public services make (issue 15) ----

    /**
     * The next serial of a personal-ID prefix, from its counter row, in the caller's transaction: the row
     * stays locked until that transaction ends, so concurrent registrations of the same prefix take
     * consecutive serials, and a rolled-back one gives its serial back. A prefix seen for the first time
     * starts above the highest serial already held (or cancelled) in the registry. `null`: exhausted.
     */
    async takeSerial(tx: Queryable, prefix: string): Promise<number | null> {
      const take = async () => (await tx.query<{ last_serial: number }>(
        'UPDATE personal_id_counters SET last_serial = last_serial + 1 WHERE prefix = $1 AND last_serial < 999999 RETURNING last_serial',
        [prefix], 'personal_id_take_serial',
      )).rows[0]?.last_serial;
      const taken = await take();
      if (taken !== undefined) return Number(taken);
      // Concurrent first uses of a prefix: the unique key makes the second insert wait for the first, then do
      // nothing. A prefix starts at 0, not above its highest held serial: held serials are spread over the whole
      // range (random, as numbers given before da06 are), so starting above them would exhaust the prefix within
      // a few registrations; the caller skips a serial that is already held.
      await tx.query(
        'INSERT INTO personal_id_counters (prefix, last_serial) VALUES ($1, 0) ON CONFLICT (prefix) DO NOTHING',
        [prefix],
      );
      const seeded = await take();
      return seeded === undefined ? null : Number(seeded);
    },

    /**
     * Of the given personal IDs, the people who are `personId` themself, share their household, are their
     * parent or child (person_parents) or their spouse (a current marriage): the others (unknown or unrelated) are left out alike.
     */
    async unsafeRelatedPeople(tx: Queryable, personId: number, personalIds: string[]) {
      if (!personalIds.length) return [];
      const r = await tx.query<{ id: number; personal_id: string; commune_code: string | null; province_code: string | null }>(
        `SELECT p.id, p.personal_id, p.commune_code, u.province_code
           FROM people a JOIN people p ON p.personal_id = ANY($2::text[])
           LEFT JOIN units u ON u.scheme = p.commune_scheme AND u.code = p.commune_code
          WHERE a.id = $1
            AND (p.id = a.id OR (a.household_id IS NOT NULL AND p.household_id = a.household_id)
                 OR EXISTS (SELECT 1 FROM person_parents l
                             WHERE (l.child_id = p.id AND l.parent_id = a.id) OR (l.child_id = a.id AND l.parent_id = p.id))
                 OR EXISTS (SELECT 1 FROM marriage_spouses x JOIN marriage_spouses y ON y.marriage_id = x.marriage_id
                             WHERE x.person_id = a.id AND y.person_id = p.id AND x.ended_on IS NULL AND y.ended_on IS NULL))`,
        [personId, personalIds],
      );
      return r.rows.map((x) => ({ personId: Number(x.id), personalId: x.personal_id, communeCode: x.commune_code, provinceCode: x.province_code }));
    },

    /** A child of one of these parents with this normalised name and birth date (one child, one birth registration). */
    async unsafeSameChild(tx: Queryable, parentIds: number[], nameNorm: string, dateOfBirth: string): Promise<boolean> {
      if (!parentIds.length) return false;
      const r = await tx.query(
        `SELECT 1 FROM person_parents l JOIN people c ON c.id = l.child_id
          WHERE l.parent_id = ANY($1::bigint[]) AND c.name_norm = $2 AND c.date_of_birth = $3::date LIMIT 1`,
        [parentIds, nameNorm, dateOfBirth],
      );
      return r.rows.length > 0;
    },

    /** The members of a person's household (the person included), with their relation to its head. */
    async unsafeHouseholdMembers(personId: number) {
      const r = await db.query<{
        id: number; personal_id: string; full_name: string; date_of_birth: string; sex: string; date_of_death: string | null; relation_to_head: string | null;
      }>(
        `SELECT m.id, m.personal_id, m.full_name, m.date_of_birth, m.sex, m.date_of_death, m.relation_to_head
           FROM people a JOIN people m ON m.household_id = a.household_id
          WHERE a.id = $1 AND a.household_id IS NOT NULL
          ORDER BY m.id`,
        [personId],
      );
      return r.rows.map((x) => ({ ...x, id: Number(x.id) }));
    },

    /**
     * Living people's temporary residences that end between two days (inclusive), not ended by a dossier and
     * not followed by a later temporary residence of the same person (an extension).
     */
    async unsafeTemporaryResidencesEnding(from: string, to: string) {
      const r = await db.query<{ residence_id: number; person_id: number; valid_to: string }>(
        `SELECT r.id AS residence_id, r.person_id, r.valid_to
           FROM residences r JOIN people p ON p.id = r.person_id
          WHERE r.kind = 'temporary' AND r.valid_to BETWEEN $1::date AND $2::date AND r.ended_by_dossier IS NULL AND p.date_of_death IS NULL
            AND NOT EXISTS (SELECT 1 FROM residences n WHERE n.person_id = r.person_id AND n.kind = 'temporary' AND n.id <> r.id
                             AND (n.valid_to IS NULL OR n.valid_to > r.valid_to))
          ORDER BY r.id`,
        [from, to],
      );
      return r.rows.map((x) => ({ residenceId: Number(x.residence_id), personId: Number(x.person_id), validTo: x.valid_to }));
    },

    /** Living people whose birthday at one of the ages falls between two days (inclusive): a range of the date-of-birth index per age. */
    async unsafeReachingAges(ages: readonly number[], from: string, to: string) {
      if (!ages.length) return [];
      const r = await db.query<{ person_id: number; age: number; birthday: string }>(
        `SELECT p.id AS person_id, a.age, to_char(p.date_of_birth + make_interval(years => a.age), 'YYYY-MM-DD') AS birthday
           FROM unnest($1::int[]) AS a(age)
           JOIN people p ON p.date_of_birth BETWEEN ($2::date - make_interval(years => a.age))::date AND ($3::date - make_interval(years => a.age))::date
          WHERE p.date_of_death IS NULL
          ORDER BY p.id, a.age`,
        [ages, from, to],
      );
      return r.rows.map((x) => ({ personId: Number(x.person_id), age: Number(x.age), birthday: x.birthday }));
    },

    /** People by personal ID (no area filter: the caller checked its own scope), with what a registration checks. */
    async unsafeFindByPersonalIds(tx: Queryable, personalIds: string[]) {
      if (!personalIds.length) return [];
      const r = await tx.query<{
        id: number; personal_id: string; full_name: string; sex: 'Nam' | 'Nữ'; date_of_birth: string; date_of_death: string | null;
        household_id: number | null; commune_code: string; relation_to_head: string | null;
      }>(
        `SELECT id, personal_id, full_name, sex, date_of_birth, date_of_death, household_id, commune_code, relation_to_head
           FROM people WHERE personal_id = ANY($1::text[])`,
        [personalIds],
      );
      return r.rows.map((x) => ({ ...x, id: Number(x.id), household_id: x.household_id === null ? null : Number(x.household_id) }));
    },

    /** A household with its commune's province, by record id or number. */
    async findHouseholdFacts(tx: Queryable, key: { id: number } | { householdNo: string }) {
      const r = await tx.query<{ id: number; household_no: string; commune_code: string; province_code: string; address: string; head_id: number | null }>(
        `SELECT h.id, h.household_no, h.commune_code, u.province_code, h.address, h.head_id
           FROM households h JOIN units u ON u.scheme = h.commune_scheme AND u.code = h.commune_code
          WHERE ${'id' in key ? 'h.id = $1' : 'h.household_no = $1'}`,
        ['id' in key ? key.id : key.householdNo],
      );
      const h = r.rows.at(0);
      return h && { ...h, id: Number(h.id), head_id: h.head_id === null ? null : Number(h.head_id) };
    },

    /**
     * A newborn registered from a birth dossier: the person (in the household, without a residence yet:
     * the permanent residence is its own registration), the `birth` life event (its note is the place of
     * birth) and the links to the parents, all carrying the dossier code.
     */
    async insertBirth(tx: Queryable, b: {
      personalId: string; fullName: string; dateOfBirth: string; sex: 'Nam' | 'Nữ'; ethnicity: string; religion: string; nationality: string;
      birthPlace: string; hometown: string | null; communeCode: string; householdId: number; relationToHead: string;
      parents: { role: 'mother' | 'father'; personId: number }[]; sourceDossier: string;
    }): Promise<number> {
      const r = await tx.query<{ id: number }>(
        `INSERT INTO people (personal_id, full_name, name_norm, date_of_birth, sex, ethnicity, religion, nationality, birth_place, hometown,
                             household_id, relation_to_head, commune_code)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [b.personalId, b.fullName, normalizeName(b.fullName), b.dateOfBirth, b.sex, b.ethnicity, b.religion, b.nationality, b.birthPlace, b.hometown,
          b.householdId, b.relationToHead, b.communeCode],
      );
      const id = Number(r.rows[0].id);
      await tx.query(
        `INSERT INTO life_events (person_id, kind, occurred_on, commune_code, note, source_dossier) VALUES ($1, 'birth', $2, $3, $4, $5)`,
        [id, b.dateOfBirth, b.communeCode, b.birthPlace, b.sourceDossier],
      );
      for (const parent of b.parents) {
        await tx.query('INSERT INTO person_parents (child_id, role, parent_id, source_dossier) VALUES ($1, $2, $3, $4)', [id, parent.role, parent.personId, b.sourceDossier]);
      }
      return id;
    },

    /**
     * Removal of the permanent residence (xóa đăng ký thường trú): the open permanent residence ends on
     * `on`, by the dossier, and the person leaves their household. Returns whether one was open.
     */
    async removePermanentResidence(tx: Queryable, r: { personId: number; on: string; sourceDossier: string }): Promise<boolean> {
      const closed = await tx.query(
        `UPDATE residences SET valid_to = $2, ended_by_dossier = $3 WHERE person_id = $1 AND kind = 'permanent' AND valid_to IS NULL`,
        [r.personId, r.on, r.sourceDossier],
      );
      await tx.query('UPDATE people SET household_id = NULL, relation_to_head = NULL, updated_at = now() WHERE id = $1', [r.personId]);
      return closed.rowCount > 0;
    },

    async insertAbsence(tx: Queryable, a: { personId: number; validFrom: string; validTo: string; destination: string; reason: string; sourceDossier: string }) {
      await tx.query(
        'INSERT INTO absences (person_id, valid_from, valid_to, destination, reason, source_dossier) VALUES ($1, $2, $3, $4, $5, $6)',
        [a.personId, a.validFrom, a.validTo, a.destination, a.reason, a.sourceDossier],
      );
    },

    /** What a residence confirmation (CT07) states, by personal ID; no area filter (any commune police may confirm). */
    async unsafeResidenceFacts(personalId: string) {
      const r = await db.query<{
        id: number; personal_id: string; full_name: string; date_of_birth: string; sex: 'Nam' | 'Nữ'; date_of_death: string | null;
        nationality: string | null; ethnicity: string; relation_to_head: string | null; household_no: string | null;
        head_name: string | null; head_personal_id: string | null;
        residences: { kind: 'permanent' | 'temporary'; communeCode: string; communeName: string; provinceName: string; address: string; validFrom: string; validTo: string | null; sourceDossier: string | null }[];
        absences: { validFrom: string; validTo: string; destination: string }[];
      }>(
        `SELECT p.id, p.personal_id, p.full_name, p.date_of_birth, p.sex, p.date_of_death, p.nationality, p.ethnicity, p.relation_to_head,
                h.household_no, hp.full_name AS head_name, hp.personal_id AS head_personal_id,
                COALESCE((SELECT json_agg(json_build_object('kind', r.kind, 'communeCode', r.commune_code, 'communeName', ru.full_name,
                                 'provinceName', rp.full_name, 'address', r.address, 'validFrom', r.valid_from, 'validTo', r.valid_to,
                                 'sourceDossier', r.source_dossier) ORDER BY r.valid_from, r.id)
                            FROM residences r JOIN units ru ON ru.scheme = r.commune_scheme AND ru.code = r.commune_code
                            JOIN units rp ON rp.scheme = ru.scheme AND rp.code = ru.province_code
                           WHERE r.person_id = p.id), '[]') AS residences,
                COALESCE((SELECT json_agg(json_build_object('validFrom', a.valid_from, 'validTo', a.valid_to, 'destination', a.destination)
                                 ORDER BY a.valid_from) FROM absences a WHERE a.person_id = p.id), '[]') AS absences
           FROM people p LEFT JOIN households h ON h.id = p.household_id LEFT JOIN people hp ON hp.id = h.head_id
          WHERE p.personal_id = $1`,
        [personalId],
      );
      return r.rows[0];
    },

    async findHouseholdId(tx: Queryable, householdNo: string): Promise<{ id: number; commune_code: string } | undefined> {
      const r = await tx.query<{ id: number; commune_code: string }>('SELECT id, commune_code FROM households WHERE household_no = $1', [householdNo]);
      return r.rows[0];
    },

    /** A new household headed by the person, numbered after its commune and the person's record. */
    async createHousehold(tx: Queryable, h: { householdNo: string; communeCode: string; address: string; headId: number }): Promise<number> {
      const r = await tx.query<{ id: number }>(
        'INSERT INTO households (household_no, commune_code, address, head_id) VALUES ($1, $2, $3, $4) RETURNING id',
        [h.householdNo, h.communeCode, h.address, h.headId],
      );
      return Number(r.rows[0].id);
    },

    /** Facts the identity module needs about one person (by record id or personal ID); no area filter. */
    async unsafeFindIdentityFacts(key: { personalId: string } | { id: number }) {
      const r = await db.query<{
        id: number; personal_id: string; full_name: string; name_norm: string; date_of_birth: string; sex: 'Nam' | 'Nữ'; phone: string | null;
        date_of_death: string | null; commune_code: string; commune_name: string; province_code: string; province_name: string;
        address: string | null; household_no: string | null; relation_to_head: string | null;
        ethnicity: string; nationality: string | null; head_full_name: string | null; head_personal_id: string | null;
      }>(
        `SELECT p.id, p.personal_id, p.full_name, p.name_norm, p.date_of_birth, p.sex, p.phone, p.date_of_death, p.commune_code,
                p.ethnicity, p.nationality, hp.full_name AS head_full_name, hp.personal_id AS head_personal_id,
                u.full_name AS commune_name, u.province_code, pu.full_name AS province_name,
                (SELECT r.address FROM residences r WHERE r.person_id = p.id AND r.kind = 'permanent' AND r.valid_to IS NULL
                  ORDER BY r.valid_from DESC LIMIT 1) AS address,
                h.household_no, p.relation_to_head
           FROM people p
           JOIN units u ON u.scheme = p.commune_scheme AND u.code = p.commune_code
           JOIN units pu ON pu.scheme = u.scheme AND pu.code = u.province_code
           LEFT JOIN households h ON h.id = p.household_id
           LEFT JOIN people hp ON hp.id = h.head_id
          WHERE ${'id' in key ? 'p.id = $1' : 'p.personal_id = $1'}`,
        ['id' in key ? key.id : key.personalId],
        'id' in key ? 'identity_facts_id' : 'identity_facts_pid',
      );
      return r.rows[0];
    },

    /**
     * What a verification at a counter compares a card with: the person by personal ID, or, when the
     * number was cancelled (re-established ID), the person who held it. Callers audit the read.
     */
    async unsafeFindForVerification(personalId: string) {
      const r = await db.query<{
        id: number; personal_id: string; full_name: string; date_of_birth: string; sex: string; date_of_death: string | null;
        address: string | null; legacy_ids: string[]; cancelled: boolean;
      }>(
        `WITH hit AS (
           SELECT p.id, false AS cancelled FROM people p WHERE p.personal_id = $1
           UNION ALL
           SELECT f.person_id, true FROM former_identifiers f WHERE f.kind = 'cancelled_id' AND f.value = $1
           LIMIT 1)
         SELECT p.id, p.personal_id, p.full_name, p.date_of_birth, p.sex, p.date_of_death, hit.cancelled,
                (SELECT r.address FROM residences r WHERE r.person_id = p.id AND r.kind = 'permanent' AND r.valid_to IS NULL
                  ORDER BY r.valid_from DESC LIMIT 1) AS address,
                ARRAY(SELECT f.value FROM former_identifiers f WHERE f.person_id = p.id AND f.kind = 'cmnd') AS legacy_ids
           FROM hit JOIN people p ON p.id = hit.id`,
        [personalId],
        'person_for_verification',
      );
      return r.rows[0];
    },

    /**
     * What the gateway's yes/no checks compare, for many personal IDs at once (a batch verification's chunk): a
     * number not held by a living record (unknown, or cancelled and replaced) finds nothing. Callers audit the reads.
     */
    async unsafeFactsForChecks(personalIds: string[]) {
      if (!personalIds.length) return [];
      const r = await db.query<{ id: string; personal_id: string; name_norm: string; date_of_birth: string; date_of_death: string | null; commune_code: string }>(
        'SELECT id, personal_id, name_norm, date_of_birth, date_of_death, commune_code FROM people WHERE personal_id = ANY($1::text[])',
        [personalIds],
      );
      return r.rows;
    },

    /** Re-established number: the old one becomes a cancelled former identifier; sex may change with it. */
    async replacePersonalId(tx: Queryable, r: { personId: number; oldId: string; newId: string; sex: 'Nam' | 'Nữ'; cancelledOn: string }) {
      await tx.query(
        `INSERT INTO former_identifiers (person_id, kind, value, valid_until) VALUES ($1, 'cancelled_id', $2, $3)`,
        [r.personId, r.oldId, r.cancelledOn],
      );
      await tx.query('UPDATE people SET personal_id = $2, sex = $3, updated_at = now() WHERE id = $1', [r.personId, r.newId, r.sex]);
    },

    // ---- portraits (card issuance; demo residents' are synthetic, drawn when read) ----

    /** The person's portrait row; `image` is null for a synthetic one. */
    async findPortrait(personId: number) {
      const r = await db.query<{ source: 'synthetic' | 'card' | 'import'; media_type: string | null; image: Buffer | null; captured_on: string | null; sex: string; date_of_birth: string; personal_id: string }>(
        `SELECT t.source, t.media_type, t.image, t.captured_on::text AS captured_on, p.sex, p.date_of_birth::text AS date_of_birth, p.personal_id
           FROM portraits t JOIN people p ON p.id = t.person_id WHERE t.person_id = $1`,
        [personId],
        'portrait_of_person',
      );
      return r.rows[0];
    },

    async savePortrait(tx: Queryable, p: { personId: number; source: 'card' | 'import'; mediaType: string; image: Buffer; capturedOn: string }) {
      await tx.query(
        `INSERT INTO portraits (person_id, source, media_type, image, captured_on) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (person_id) DO UPDATE SET source = EXCLUDED.source, media_type = EXCLUDED.media_type, image = EXCLUDED.image,
           captured_on = EXCLUDED.captured_on, updated_at = now()`,
        [p.personId, p.source, p.mediaType, p.image, p.capturedOn],
      );
    },

    /** Marks people as having a synthetic portrait (the seed): one row each, no image. */
    async markSyntheticPortraits(tx: Queryable, personIds: number[]) {
      if (!personIds.length) return;
      await db.copyFrom(tx, 'portraits', ['person_id', 'source'], personIds.map((id) => `${id}\tsynthetic\n`).join(''));
    },

    async personalIdInUse(tx: Queryable, id: string): Promise<boolean> {
      const r = await tx.query(
        `SELECT 1 FROM people WHERE personal_id = $1 UNION ALL SELECT 1 FROM former_identifiers WHERE kind = 'cancelled_id' AND value = $1 LIMIT 1`,
        [id],
      );
      return r.rows.length > 0;
    },
  };
}

/** Identity sequences of the tables whose ids are reserved before COPY (named as PostgreSQL names them). */
const ID_SEQUENCES = { people: 'people_id_seq', households: 'households_id_seq' } as const;

/**
 * Takes `n` values from a table's identity sequence, for rows that reference each other before insert.
 * Only the range comes back when the values are consecutive (the usual case); otherwise every value.
 */
async function reserveIds(tx: Queryable, table: keyof typeof ID_SEQUENCES, n: number): Promise<number[]> {
  if (n === 0) return [];
  const r = await tx.query<{ lo: number; hi: number; all: string[] | null }>(
    `WITH v AS (SELECT nextval('${ID_SEQUENCES[table]}') AS id FROM generate_series(1, $1::int))
     SELECT min(id)::bigint AS lo, max(id)::bigint AS hi,
            CASE WHEN max(id) - min(id) + 1 = $1::int THEN NULL ELSE array_agg(id ORDER BY id)::text[] END AS "all" FROM v`,
    [n],
    `reserve_ids_${table}`,
  );
  const { lo, hi, all } = r.rows[0];
  if (all) return all.map(Number);
  const first = Number(lo);
  if (Number(hi) - first + 1 !== n) throw new Error(`reserveIds: expected ${n} ids from ${table}`);
  return Array.from({ length: n }, (_, i) => first + i);
}


export type RegistryStore = ReturnType<typeof createRegistryStore>;
