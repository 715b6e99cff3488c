import { uniqueViolation, type Db, type Queryable } from '../../platform/db.js';
import { audited, auditTrail, shownAs, type AuditEntry, type AuditWriter } from '../../platform/audit.js';
import type { EventBus } from '../../platform/events.js';
import { currentContext } from '../../platform/context.js';
import type { AreaScope, OfficerCaller } from '../../platform/access.js';
import { DomainError, fieldError, type FieldError } from './errors.js';
import { checkPersonalId, maskPersonalId } from './personal-id.js';
import { createStatistics } from './statistics.js';
import { canonicalName, isPersonName, normalizeName } from './names.js';
import type { CorrectableField } from './correctable.js';
import { createRegistryStore, type PersonDetailRow, type RegistryStore } from './store.js';
import type { Person } from './schema.js';
import { API_FIELD_NAMES, isRealDate, todayInVietnam, validatePerson, type PersonInput } from './validate.js';
import { imageMediaType, syntheticPortrait } from './portrait.js';

/** Fields of a person's full record, as listed in audit entries of a detail read. */
export const DETAIL_FIELDS = [
  'personalId', 'fullName', 'dateOfBirth', 'sex', 'ethnicity', 'religion', 'occupation', 'phone', 'residence',
  'household', 'formerIdentifiers', 'lifeEvents', 'corrections',
];
/** Fields a search result shows of each person (audit entries of `person.search`). */
export const LIST_FIELDS = ['personalId(masked)', 'fullName', 'dateOfBirth', 'sex', 'commune'];
/** Fields a household shows of each member (audit entries of `household.read`). */
export const HOUSEHOLD_FIELDS = ['personalId(masked)', 'fullName', 'dateOfBirth', 'sex', 'relationToHead', 'household'];
/** Fields of a portrait read (audit entries of the photo route; verifications list it too). */
export const PORTRAIT_FIELDS = ['photo'];
/** Largest portrait the registry keeps (a card's face image is 10–40 KB). */
export const PORTRAIT_MAX_BYTES = 64 * 1024;

/** The purpose of a registry read when the officer states none. */
export const DEFAULT_PURPOSE = 'Nghiệp vụ quản lý dân cư, cư trú';

export interface SearchQuery {
  q?: string;
  dateOfBirth?: string;
  communeCode?: string;
  scheme?: 'pre2025' | '2025';
  limit?: number;
  offset?: number;
}

/**
 * Whose record a list item shows. Lists carry the masked ID and the record handle only, yet their
 * audit entries must name each person by personal ID (so each appears in their own access history):
 * the service marks the item with its person (platform `shownAs`), never in it, and the route's read
 * audit names them with `subjectShown`.
 */
const showing = <T extends object>(item: T, personalId: string): T => shownAs(item, { kind: 'person', id: personalId });

function maskMembers<T extends { personalId: string; id: number }>(members: T[]) {
  return members.map(({ personalId, id, ...m }) => showing({ ...m, personalIdMasked: maskPersonalId(personalId), ref: `p${id}` }, personalId));
}

/** A person is addressed by personal ID or by record handle `p<number>` (what lists link to). */
export type PersonKey = { personalId: string } | { id: number };

export function parsePersonKey(key: string): PersonKey {
  if (/^\d{12}$/.test(key)) return { personalId: key };
  if (/^p\d{1,15}$/.test(key)) return { id: Number(key.slice(1)) };
  throw new DomainError('PERSON_NOT_FOUND');
}

export type AuditActor = Pick<AuditEntry, 'actorKind' | 'actorId' | 'actorName' | 'requestId'>;

export type IdentityFacts = ReturnType<typeof identityFacts>;

function identityFacts(p: NonNullable<Awaited<ReturnType<RegistryStore['unsafeFindIdentityFacts']>>>) {
  return {
    personId: Number(p.id),
    personalId: p.personal_id,
    fullName: p.full_name,
    dateOfBirth: p.date_of_birth,
    sex: p.sex,
    phone: p.phone,
    deceased: p.date_of_death !== null,
    residence: { communeCode: p.commune_code, communeName: p.commune_name, provinceCode: p.province_code, provinceName: p.province_name, address: p.address },
    household: p.household_no ? { householdNo: p.household_no, relationToHead: p.relation_to_head } : null,
  };
}

export interface MoveInput {
  kind: 'permanent' | 'temporary';
  communeCode: string;
  address: string;
  movedOn: string;
  until?: string;
  householdNo?: string;
  relationToHead?: string;
}

/** `YYYY-MM-DD` as a Vietnamese reader writes it (dd/MM/yyyy), for messages. */
function vnDate(iso: string): string {
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
}

/**
 * The corrected value of one field, checked by the rules that field keeps at registration, and the
 * value it replaces; or the field error (on `value`, the body field the officer typed).
 */
function checkCorrection(p: PersonDetailRow, field: CorrectableField, raw: string): { value: string; old: string | null } | FieldError {
  let value = raw.trim().normalize('NFC');
  const old = { fullName: p.full_name, dateOfBirth: p.date_of_birth, ethnicity: p.ethnicity, religion: p.religion, occupation: p.occupation }[field];
  if (!value) return fieldError('value', 'REQUIRED');
  if (field === 'fullName') {
    if (value.length > 100) return fieldError('value', 'TOO_LONG');
    if (!isPersonName(value)) return fieldError('value', 'NAME_CHARACTERS');
    value = canonicalName(value);
  } else if (field === 'dateOfBirth') {
    if (!isRealDate(value) || value < '1900-01-01') return fieldError('value', 'INVALID_DATE');
    if (value > todayInVietnam()) return fieldError('value', 'DATE_IN_FUTURE');
    if (p.date_of_death && value > p.date_of_death) return fieldError('value', 'BIRTH_AFTER_DEATH', { dateOfDeath: vnDate(p.date_of_death) });
    // The personal ID encodes the century and the year of birth: a date outside them is not a correction of this record.
    const problem = checkPersonalId(p.personal_id, p.sex, value).find((x) => x.code === 'PERSONAL_ID_CENTURY' || x.code === 'PERSONAL_ID_BIRTH_YEAR');
    if (problem) return fieldError('value', problem.code, problem);
  }
  if (value === old) return fieldError('value', 'CORRECTION_UNCHANGED');
  return { value, old };
}

export interface PortraitInput {
  /** Base64 of a JPEG or PNG file. */
  image: string;
  source: 'card' | 'import';
  capturedOn?: string;
}

type PortraitRow = NonNullable<Awaited<ReturnType<RegistryStore['findPortrait']>>>;

/** A stored portrait's bytes, or the synthetic one drawn from the record. */
function portraitImage(row: PortraitRow): { mediaType: string; image: Buffer } {
  if (row.image && row.media_type) return { mediaType: row.media_type, image: Buffer.from(row.image) };
  return { mediaType: 'image/jpeg', image: syntheticPortrait({ personalId: row.personal_id, sex: row.sex, dateOfBirth: row.date_of_birth }) };
}

function portraitView(row: PortraitRow) {
  const { mediaType, image } = portraitImage(row);
  return { personalId: row.personal_id, source: row.source, synthetic: row.source === 'synthetic', mediaType, data: image.toString('base64'), capturedOn: row.captured_on };
}

/** A portrait file as sent: base64 of a JPEG or PNG, within the size limit; field errors otherwise. */
function checkPortraitFile(input: PortraitInput): { mediaType: string; image: Buffer } {
  const image = /^[A-Za-z0-9+/]*={0,2}$/.test(input.image) ? Buffer.from(input.image, 'base64') : Buffer.alloc(0);
  const mediaType = imageMediaType(image);
  if (!mediaType) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('image', 'PHOTO_FORMAT')]);
  if (image.length > PORTRAIT_MAX_BYTES) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('image', 'PHOTO_TOO_LARGE', { kb: PORTRAIT_MAX_BYTES / 1024 })]);
  if (input.capturedOn !== undefined && (!isRealDate(input.capturedOn) || input.capturedOn > todayInVietnam())) {
    throw new DomainError('VALIDATION_FAILED', {}, [fieldError('capturedOn', 'INVALID_DATE')]);
  }
  return { mediaType, image };
}

export function createRegistryService(db: Db, audit: AuditWriter, events: EventBus) {
  const store = createRegistryStore(db);

  /** The household a permanent move lands in: an existing one of the destination commune, or a new one headed by the person. */
  async function destinationHousehold(tx: Queryable, p: PersonDetailRow, communeCode: string, input: MoveInput): Promise<number> {
    if (input.householdNo) {
      const h = await store.findHouseholdId(tx, input.householdNo);
      if (!h) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('householdNo', 'HOUSEHOLD_UNKNOWN', { householdNo: input.householdNo })]);
      if (h.commune_code !== communeCode) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('householdNo', 'HOUSEHOLD_ELSEWHERE', { householdNo: input.householdNo })]);
      return Number(h.id);
    }
    return store.createHousehold(tx, { householdNo: `HK${communeCode}P${p.id}-${input.movedOn.replaceAll('-', '')}`, communeCode, address: input.address, headId: p.id });
  }

  async function communeCodesFor(code: string, scheme: 'pre2025' | '2025'): Promise<string[]> {
    if (scheme === '2025') return [code];
    const next = await store.successors(code);
    if (!next.length) throw new DomainError('UNIT_NOT_FOUND', { code, scheme });
    return next.map((n) => n.code);
  }

  async function loadPersonInArea(scope: AreaScope, key: string): Promise<PersonDetailRow> {
    const person = await store.findPersonDetail(scope, parsePersonKey(key));
    // Outside the caller's area reads as absent: 404, never 403, so existence does not leak.
    if (!person) throw new DomainError('PERSON_NOT_FOUND');
    return person;
  }

  function checkCommuneInArea(scope: AreaScope, communeCode: string, provinceCode: string) {
    const inside = scope.level === 'commune' ? scope.code === communeCode : scope.code === provinceCode;
    if (!inside) throw new DomainError('FORBIDDEN');
  }

  return {
    /** Pre-aggregated counts for the operations centre (statistics.ts). */
    statistics: createStatistics(db),

    store,

    /** A page of people in the caller's area; the route audits one entry per person shown (subjectShown). */
    async searchPeople(caller: OfficerCaller, query: SearchQuery) {
      const limit = Math.min(query.limit ?? 20, 100);
      const raw = (query.q ?? '').trim();
      const filter = {
        limit: limit + 1,
        offset: query.offset ?? 0,
        personalId: /^\d{12}$/.test(raw) ? raw : undefined,
        legacyId: /^\d{9}$/.test(raw) ? raw : undefined,
        nameNorm: raw && !/^\d+$/.test(raw) ? normalizeName(raw) : undefined,
        dateOfBirth: query.dateOfBirth,
        communeCodes: query.communeCode ? await communeCodesFor(query.communeCode, query.scheme ?? '2025') : undefined,
      };
      if (raw && /^\d+$/.test(raw) && !filter.personalId && !filter.legacyId) {
        throw new DomainError('VALIDATION_FAILED', {}, [fieldError('q', 'PERSONAL_ID_FORMAT')]);
      }
      const rows = await store.searchPeople(caller.area, filter);
      return {
        items: rows.slice(0, limit).map((r) => showing({
          personalIdMasked: maskPersonalId(r.personal_id),
          fullName: r.full_name,
          dateOfBirth: r.date_of_birth,
          sex: r.sex,
          communeCode: r.commune_code,
          communeName: r.commune_name,
          deceased: r.date_of_death !== null,
          // The list links to the detail page through the record handle, so the whole ID never appears in lists.
          ref: `p${r.id}`,
        }, r.personal_id)),
        hasMore: rows.length > limit,
      };
    },

    /**
     * The full record for another module's route that shows it without declaring the read itself
     * (identity's citizen-account views): recorded as `person.read`, durable before it returns.
     */
    async getPerson(caller: OfficerCaller, key: string, purpose: string, requestId = currentContext()?.requestId): Promise<Person> {
      const person = await this.readPerson(caller, key);
      await audit.record({
        actorKind: 'officer', actorId: String(caller.officerId), actorName: caller.fullName, action: 'person.read',
        subjectKind: 'person', subjectId: person.personalId, fields: DETAIL_FIELDS, purpose, requestId,
      });
      return person;
    },

    /**
     * The full record, if inside the caller's area (404 otherwise). Not audited here: the route that
     * shows it declares the read (`person.read`), or the entry of its write covers it.
     */
    async readPerson(caller: OfficerCaller, key: string): Promise<Person> {
      const p = await loadPersonInArea(caller.area, key);
      return {
        personalId: p.personal_id,
        fullName: p.full_name,
        dateOfBirth: p.date_of_birth,
        sex: p.sex,
        ethnicity: p.ethnicity,
        religion: p.religion,
        occupation: p.occupation,
        phone: p.phone,
        deceased: p.date_of_death !== null,
        dateOfDeath: p.date_of_death,
        commune: { code: p.commune_code, name: p.commune_name, provinceCode: p.province_code, provinceName: p.province_name },
        household: p.household_no
          ? { householdNo: p.household_no, address: p.household_address, relationToHead: p.relation_to_head, members: maskMembers(p.members) }
          : null,
        formerIdentifiers: p.former_identifiers,
        residences: p.residences,
        lifeEvents: p.life_events,
        corrections: p.corrections,
      };
    },

    /**
     * The same record as readPerson, built by the database in one round trip (the hot read path: the
     * detail route, which audits the read). The route's serializer sends the declared fields only.
     */
    async getPersonDocument(caller: OfficerCaller, key: string): Promise<Person> {
      const row = await store.findPersonDocument(caller.area, parsePersonKey(key));
      // Outside the caller's area reads as absent: 404, never 403, so existence does not leak.
      if (!row) throw new DomainError('PERSON_NOT_FOUND');
      const { household, ...person } = row.doc;
      return { ...person, household: household && { ...household, members: maskMembers(household.members) } };
    },

    /** A household of the caller's area; the route audits one entry per member shown (subjectShown). */
    async getHousehold(caller: OfficerCaller, householdNo: string) {
      const h = await store.findHousehold(caller.area, householdNo);
      if (!h) throw new DomainError('HOUSEHOLD_NOT_FOUND');
      return {
        householdNo: h.household_no,
        address: h.address,
        commune: { code: h.commune_code, name: h.commune_name, provinceCode: h.province_code },
        members: maskMembers(h.members),
      };
    },

    async personAuditTrail(caller: OfficerCaller, key: string) {
      const p = await loadPersonInArea(caller.area, key);
      const rows = await auditTrail(db, 'person', p.personal_id);
      return rows.map((r) => ({ at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action, fields: [...r.fields], purpose: r.purpose }));
    },

    /** Registers a person; the entry of `person.create` commits with the rows. */
    async createPerson(caller: OfficerCaller, input: PersonInput): Promise<Person> {
      const { value, errors } = validatePerson(input, todayInVietnam(), API_FIELD_NAMES);
      if (!value) throw new DomainError('PERSON_INVALID', {}, errors);
      const unit = await store.findUnit('2025', value.communeCode);
      if (!unit || unit.level !== 'commune') {
        throw new DomainError('PERSON_INVALID', {}, [fieldError('communeCode', 'UNIT_UNKNOWN', { code: value.communeCode, scheme: '2025' })]);
      }
      checkCommuneInArea(caller.area, unit.code, unit.province_code);
      if ((await store.existingPersonalIds([value.personalId])).size) throw new DomainError('PERSON_DUPLICATE', { personalId: value.personalId });
      if (value.legacyId && (await store.existingLegacyIds([value.legacyId])).size) {
        throw new DomainError('PERSON_INVALID', {}, [fieldError('legacyId', 'DUPLICATE_IN_REGISTRY')]);
      }
      const insert = () => db.transaction(async (tx) => {
        await store.insertPeopleBatch(tx, [{
          ...value, occupation: null, dateOfDeath: null, address: value.address ?? unit.full_name, residenceFrom: todayInVietnam(),
        }]);
        await audited(tx, { subjectKind: 'person', subjectId: value.personalId, fields: DETAIL_FIELDS });
      });
      // The checks above cannot stop a registration made at the same moment: the unique indexes decide.
      try {
        await insert().catch((err) => {
          // Another registration created the same new household meanwhile: written again, this person joins it.
          if (uniqueViolation(err) === 'households_household_no_key') return insert();
          throw err;
        });
      } catch (err) {
        const constraint = uniqueViolation(err);
        if (constraint === 'people_personal_id_key') throw new DomainError('PERSON_DUPLICATE', { personalId: value.personalId });
        if (constraint === 'former_identifiers_pkey') throw new DomainError('PERSON_INVALID', {}, [fieldError('legacyId', 'DUPLICATE_IN_REGISTRY')]);
        throw err;
      }
      return this.readPerson(caller, value.personalId);
    },

    /** A death is recorded, never a deletion: the person stays in the registry, marked. */
    async recordDeath(caller: OfficerCaller, key: string, dateOfDeath: string, place?: string): Promise<Person> {
      const p = await loadPersonInArea(caller.area, key);
      const personalId = p.personal_id;
      if (p.date_of_death) throw new DomainError('PERSON_DECEASED');
      if (!isRealDate(dateOfDeath)) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('dateOfDeath', 'INVALID_DATE')]);
      if (dateOfDeath > todayInVietnam()) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('dateOfDeath', 'DATE_IN_FUTURE')]);
      if (dateOfDeath < p.date_of_birth) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('dateOfDeath', 'DATE_BEFORE', { after: vnDate(p.date_of_birth) })]);
      await db.transaction(async (tx) => {
        await store.recordDeath(tx, p.id, dateOfDeath, p.commune_code, place?.trim().normalize('NFC') || null);
        await audited(tx, { subjectKind: 'person', subjectId: personalId, fields: ['dateOfDeath', 'lifeEvents'] });
      });
      await events.emit('registry.person.died', { personId: p.id, personalId, dateOfDeath });
      return this.readPerson(caller, personalId);
    },

    /**
     * A move: permanent (the person's residence and household change, a `move` life event is written)
     * or temporary (a temporary residence is added). The destination must lie in the caller's area.
     */
    async recordMove(caller: OfficerCaller, key: string, input: MoveInput): Promise<Person> {
      const p = await loadPersonInArea(caller.area, key);
      if (p.date_of_death) throw new DomainError('PERSON_DECEASED');
      const errors = [];
      if (!isRealDate(input.movedOn) || input.movedOn > todayInVietnam()) errors.push(fieldError('movedOn', 'INVALID_DATE'));
      else if (input.movedOn < p.date_of_birth) errors.push(fieldError('movedOn', 'DATE_BEFORE', { after: p.date_of_birth }));
      if (input.until && (!isRealDate(input.until) || input.until <= input.movedOn)) errors.push(fieldError('until', 'DATE_BEFORE', { after: input.movedOn }));
      const unit = await store.findUnit('2025', input.communeCode);
      if (!unit || unit.level !== 'commune') errors.push(fieldError('communeCode', 'UNIT_UNKNOWN', { code: input.communeCode, scheme: '2025' }));
      if (errors.length) throw new DomainError('VALIDATION_FAILED', {}, errors);
      checkCommuneInArea(caller.area, unit!.code, unit!.province_code);
      await db.transaction(async (tx) => {
        if (input.kind === 'temporary') {
          await store.recordTemporaryResidence(tx, { personId: p.id, communeCode: unit!.code, address: input.address, validFrom: input.movedOn, validTo: input.until ?? null });
        } else {
          const householdId = await destinationHousehold(tx, p, unit!.code, input);
          await store.recordPermanentMove(tx, {
            personId: p.id, communeCode: unit!.code, address: input.address, movedOn: input.movedOn, householdId,
            relationToHead: input.householdNo ? input.relationToHead ?? 'Khác' : 'Chủ hộ',
          });
        }
        await audited(tx, { subjectKind: 'person', subjectId: p.personal_id, fields: ['residence', 'household', 'lifeEvents'], data: { kind: input.kind } });
      });
      return this.readPerson(caller, `p${p.id}`);
    },

    /**
     * Corrects one recorded fact with a reason (cải chính). The old value stays in the person's
     * correction history; the entry of `person.correct` names the field and the reason (its data).
     */
    async correctPerson(caller: OfficerCaller, key: string, input: { field: CorrectableField; value: string; reason: string }): Promise<Person> {
      const p = await loadPersonInArea(caller.area, key);
      const checked = checkCorrection(p, input.field, input.value);
      const reason = input.reason.trim().normalize('NFC');
      const errors = [...('field' in checked ? [checked] : []), ...(reason ? [] : [fieldError('reason', 'REQUIRED')])];
      if (errors.length || 'field' in checked) throw new DomainError('VALIDATION_FAILED', {}, errors);
      const { value, old } = checked;
      await db.transaction(async (tx) => {
        await store.correctPerson(tx, { personId: p.id, field: input.field, oldValue: old, newValue: value, reason, correctedBy: caller.fullName });
        await audited(tx, { subjectKind: 'person', subjectId: p.personal_id, fields: [input.field, 'corrections'], data: { field: input.field, reason } });
      });
      return this.readPerson(caller, `p${p.id}`);
    },

    /**
     * A re-established personal ID (e.g. after sex is re-registered): the old number is kept as a
     * cancelled former identifier and is never issued again.
     */
    async reestablishPersonalId(caller: OfficerCaller, key: string, input: { newPersonalId: string; sex: 'Nam' | 'Nữ' }): Promise<Person> {
      const p = await loadPersonInArea(caller.area, key);
      const problems = checkPersonalId(input.newPersonalId, input.sex, p.date_of_birth);
      const errors = problems.map((x) => fieldError('newPersonalId', x.code, x));
      if (input.newPersonalId === p.personal_id) errors.push(fieldError('newPersonalId', 'PERSONAL_ID_UNCHANGED'));
      if (errors.length) throw new DomainError('PERSON_INVALID', {}, errors);
      const inUse = () => new DomainError('PERSON_INVALID', {}, [fieldError('newPersonalId', 'PERSONAL_ID_IN_USE')]);
      await db.transaction(async (tx) => {
        if (await store.personalIdInUse(tx, input.newPersonalId)) throw inUse();
        await store.replacePersonalId(tx, { personId: p.id, oldId: p.personal_id, newId: input.newPersonalId, sex: input.sex, cancelledOn: todayInVietnam() });
        // One entry for the one person changed, under the new number; the cancelled number is its data.
        await audited(tx, {
          subjectKind: 'person', subjectId: input.newPersonalId, fields: ['personalId', 'sex', 'formerIdentifiers'], data: { cancelledPersonalId: p.personal_id },
        });
      }).catch((err) => {
        // The same number given to someone else at the same moment: the unique index decides.
        throw uniqueViolation(err) === 'people_personal_id_key' ? inUse() : err;
      });
      await events.emit('registry.person.id-changed', { personId: p.id, oldPersonalId: p.personal_id, newPersonalId: input.newPersonalId });
      return this.readPerson(caller, input.newPersonalId);
    },

    /** The portrait of a person of the caller's area (404 when out of area or none); the route audits the read (field photo). */
    async getPortrait(caller: OfficerCaller, key: string) {
      const p = await loadPersonInArea(caller.area, key);
      const row = await store.findPortrait(p.id);
      if (!row) throw new DomainError('PORTRAIT_NOT_FOUND');
      return portraitView(row);
    },

    /** Card issuance or an import sets the portrait; the entry of `person.photo.set` commits with it. */
    async setPortrait(caller: OfficerCaller, key: string, input: PortraitInput) {
      const p = await loadPersonInArea(caller.area, key);
      if (p.date_of_death) throw new DomainError('PERSON_DECEASED');
      const { mediaType, image } = checkPortraitFile(input);
      await db.transaction(async (tx) => {
        await store.savePortrait(tx, { personId: p.id, source: input.source, mediaType, image, capturedOn: input.capturedOn ?? todayInVietnam() });
        await audited(tx, { subjectKind: 'person', subjectId: p.personal_id, fields: PORTRAIT_FIELDS });
      });
      return portraitView((await store.findPortrait(p.id))!);
    },

    /** The portrait a counter's verification shows, as a data URL (the credentials module audits the read). */
    async unsafePortrait(personId: number): Promise<string | null> {
      const row = await store.findPortrait(personId);
      if (!row) return null;
      const { mediaType, image } = portraitImage(row);
      return `data:${mediaType};base64,${image.toString('base64')}`;
    },

    // ---- for the identity module (no officer area: the caller is the person, or a service they consented to) ----

    /**
     * Does a declaration (ID, name, date of birth, phone) match a living person? Answers only yes or
     * no, never which field differs. Audited under the caller's actor.
     */
    async unsafeMatchForAccount(input: { personalId: string; fullName: string; dateOfBirth: string; phone: string }, who: AuditActor) {
      if (!/^\d{12}$/.test(input.personalId)) return null;
      const p = await store.unsafeFindIdentityFacts({ personalId: input.personalId });
      const matches = !!p && !p.date_of_death && p.name_norm === normalizeName(input.fullName) && p.date_of_birth === input.dateOfBirth
        && !!p.phone && p.phone === input.phone.replace(/[\s.-]/g, '');
      await audit.record({ ...who, action: 'person.match', subjectKind: 'person', subjectId: input.personalId, fields: ['personalId', 'fullName', 'dateOfBirth', 'phone'], purpose: 'Đối chiếu đăng ký định danh điện tử' });
      return matches ? identityFacts(p!) : null;
    },

    /** The person's identity facts for their own profile or for claims released with consent; audited. */
    async unsafeIdentityFacts(personId: number, who: AuditActor, fields: string[], purpose: string) {
      const p = await store.unsafeFindIdentityFacts({ id: personId });
      if (!p) return null;
      // Named by the request it serves, when it serves one (a route that chooses its action counts its entries by request).
      await audit.record({ ...who, requestId: who.requestId ?? currentContext()?.requestId, action: 'person.release', subjectKind: 'person', subjectId: p.personal_id, fields, purpose });
      return identityFacts(p);
    },

    /** A person as a counter's verification compares them (the credentials module audits the read). */
    async unsafeFindForVerification(personalId: string) {
      const p = await store.unsafeFindForVerification(personalId);
      if (!p) return null;
      return {
        personId: Number(p.id), personalId: p.personal_id, fullName: p.full_name, dateOfBirth: p.date_of_birth, sex: p.sex,
        dateOfDeath: p.date_of_death, address: p.address, legacyIds: p.legacy_ids, numberCancelled: p.cancelled,
      };
    },

    // ---- administrative units (public reference data) ----
    async listUnits(scheme: string, f: { level?: string; parentCode?: string; provinceCode?: string; q?: string }) {
      const rows = await store.listUnits(scheme, f);
      return rows.map((u) => ({ scheme, code: u.code, level: u.level, name: u.name, fullName: u.full_name, type: u.type, parentCode: u.parent_code, provinceCode: u.province_code }));
    },

    /** The province (2025 scheme) an officer's area lies in. */
    async provinceOf(area: AreaScope): Promise<string> {
      if (area.level === 'province') return area.code;
      return (await store.findUnit('2025', area.code))?.province_code ?? area.code;
    },

    async getUnit(scheme: string, code: string) {
      const u = await store.findUnit(scheme, code);
      if (!u) throw new DomainError('UNIT_NOT_FOUND', { code, scheme });
      const links = scheme === 'pre2025' ? await store.successors(code) : await store.predecessors(code);
      return {
        scheme, code: u.code, level: u.level, name: u.name, fullName: u.full_name, type: u.type, parentCode: u.parent_code, provinceCode: u.province_code,
        [scheme === 'pre2025' ? 'successors' : 'predecessors']: links.map((l) => ({ code: l.code, name: l.full_name, level: l.level, kind: l.kind })),
      };
    },
  };
}

export type RegistryService = ReturnType<typeof createRegistryService>;
