import { afterCommit, isTransaction, uniqueViolation, type Db, type Queryable, type Transaction } from '../../platform/db.js';
import { appendAudit, audited, auditTrail, shownAs, type AuditAction, type AuditEntry, type AuditWriter } from '../../platform/audit.js';
import type { EventBus } from '../../platform/events.js';
import { currentContext } from '../../platform/context.js';
import type { AreaScope, OfficerCaller } from '../../platform/access.js';
import { DomainError, fieldError, type FieldError } from './errors.js';
import { checkPersonalId, makePersonalId, maskPersonalId, type Sex } from './personal-id.js';
import { BIRTH_PROVINCE_CODES } from './birth-province-codes.js';
import { addMonths, CONFIRMATION_VALIDITY, confirmationRuleOn, type ConfirmationValidityRule } from './residence-confirmation.js';
import { createStatistics } from './statistics.js';
import { canonicalName, isPersonName, normalizeName } from './names.js';
import type { CorrectableField } from './correctable.js';
import { createRegistryStore, type PersonDetailRow, type RegistryStore } from './store.js';
import { createMarriageStore } from './marriage-store.js';
import type { Person } from './schema.js';
import { API_FIELD_NAMES, isRealDate, todayInVietnam, validatePerson, type PersonInput } from './validate.js';
import { imageMediaType, syntheticPortrait } from './portrait.js';

/** Fields of a person's full record, as listed in audit entries of a detail read. */
export const DETAIL_FIELDS = [
  'personalId', 'fullName', 'dateOfBirth', 'sex', 'ethnicity', 'religion', 'occupation', 'phone', 'residence',
  'household', 'formerIdentifiers', 'lifeEvents', 'corrections', 'absences', 'parents',
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
    ethnicity: p.ethnicity,
    // The national population database holds Vietnamese citizens: a record without the column filled (before 029) is one.
    nationality: p.nationality ?? 'Việt Nam',
    residence: { communeCode: p.commune_code, communeName: p.commune_name, provinceCode: p.province_code, provinceName: p.province_name, address: p.address },
    household: p.household_no
      ? { householdNo: p.household_no, relationToHead: p.relation_to_head, headFullName: p.head_full_name, headPersonalId: p.head_personal_id }
      : null,
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


/**
 * Where a registry change made for a public service comes from (issue 15): the dossier and who decided
 * it. The registry writes its own audit entry for each person changed, under this actor and the
 * registry's action (`person.birth.register`, `person.residence.register` …), with the dossier code as
 * its data, so the change appears in the person's access history; the dossier code is also stored on
 * the change's own rows (`source_dossier`), which the person API answers and the officer page shows.
 */
export interface DossierSource {
  /** The dossier code (mã hồ sơ) the change carries, e.g. `H82.01-260107-0001`. */
  dossierCode: string;
  /** Whom the entry names: the officer who approved the dossier, or the system that carried it out. */
  actor: AuditActor;
  /**
   * The caller's transaction (the dossier's approval): the change commits or rolls back with it, an
   * allocated personal ID included. Without it the registry opens and commits its own.
   *
   * Lock order: a birth takes its prefix's counter row, then the audit chain's lock (its entry). Call the
   * registry BEFORE writing the transaction's own audit entries (`audited`/`appendAudit`): an approval
   * that holds the chain's lock first and then waits for the counter, while another holds the counter and
   * waits for the chain, is a deadlock PostgreSQL breaks by failing one of them.
   */
  tx?: Transaction;
}

/** What a registry change made from a dossier answers: the person changed. */
export interface RegistryChange {
  personId: number;
  personalId: string;
}

/** The child of a birth registration (đăng ký khai sinh, Luật Hộ tịch Art. 14). */
export interface BirthInput {
  fullName: string;
  sex: Sex;
  /** yyyy-mm-dd; not in the future. */
  birthDate: string;
  /** Nơi sinh (e.g. the hospital and its commune, as the birth certificate writes it). */
  birthPlace: string;
  /** Quê quán. */
  hometown?: string;
  ethnicity: string;
  /** Quốc tịch; `Việt Nam` when omitted. */
  nationality?: string;
  religion?: string;
}

/** Who the child's parents are and which household the child joins, besides the dossier. */
export interface BirthOptions extends DossierSource {
  /** Personal IDs of the parents known to the registry (either may be absent: an unknown father, a foundling). */
  parents: { mother?: string; father?: string };
  /**
   * The household the child joins: the mother's (default when she has one, else the father's), the
   * father's, or a given one (with the child's relation to its head; by default `Con` when the head is a
   * parent, `Cháu` when a parent is the head's child, `Khác` otherwise).
   */
  household?: 'mother' | 'father' | { householdNo: string; relationToHead?: string };
  /**
   * The 3-digit province code of the place of birth registration (digits 1–3 of the ID). By default the
   * province of the household's commune (a 2025 province keeps the code of one of the provinces merged
   * into it, so `0` + its 2-digit code is a code of Phụ lục 1, TT 07/2016).
   */
  birthProvinceCode?: string;
}

/** A birth registered: the child's personal ID and the household joined. */
export interface BirthRegistered extends RegistryChange {
  householdNo: string;
  relationToHead: string;
}

/** Registration of a permanent residence (đăng ký thường trú), from `from` on. */
export interface PermanentResidenceInput {
  /** 2025 commune code of the residence. */
  communeCode: string;
  address: string;
  /** yyyy-mm-dd, not in the future. */
  from: string;
  /**
   * The household joined, of the same commune. When omitted the person stays in their household if it
   * lies in that commune (a newborn registered into the household it joined at birth), else heads a new one.
   */
  householdNo?: string;
  relationToHead?: string;
}

/** Registration of a temporary residence (đăng ký tạm trú), with its end date. */
export interface TemporaryResidenceInput {
  communeCode: string;
  address: string;
  from: string;
  /** yyyy-mm-dd, after `from`. */
  until: string;
}

/** A person as a marriage registration checks them (đăng ký kết hôn): the spouse of a current marriage, if any. */
export interface MarriageFacts {
  personalId: string;
  fullName: string;
  sex: 'Nam' | 'Nữ';
  dateOfBirth: string;
  deceased: boolean;
  /** The living spouse of the person's current marriage in the registry, or null. */
  spousePersonalId: string | null;
}

/** How two people are related by blood in the registry's parent links (Luật Hôn nhân và gia đình 2014 Art. 3.17, 3.18). */
export interface Kinship {
  /** One descends from the other (cùng dòng máu về trực hệ). */
  directLine: boolean;
  /** They share a parent or a grandparent (có họ trong phạm vi ba đời). */
  withinThreeGenerations: boolean;
}

/** A marriage to register from an approved dossier: the two spouses, the day and the registering unit (2025). */
export interface MarriageInput {
  spouses: [string, string];
  on: string;
  communeCode: string;
}

/** A declared absence (khai báo tạm vắng, Luật Cư trú Art. 31): from–to, destination, reason. */
export interface AbsenceInput {
  from: string;
  to: string;
  destination: string;
  reason: string;
}

/** The content of a residence confirmation (CT07, TT 55/2021 and TT 66/2023): who, where, since when, the household. */
export interface ResidenceConfirmation {
  form: 'CT07';
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: Sex;
  ethnicity: string;
  nationality: string;
  deceased: boolean;
  /** The permanent residence in force on the issue day, if any. */
  permanentResidence: { address: string; communeCode: string; communeName: string; provinceName: string; from: string; sourceDossier: string | null } | null;
  /** Temporary residences in force on the issue day. */
  temporaryResidences: { address: string; communeCode: string; communeName: string; provinceName: string; from: string; until: string | null; sourceDossier: string | null }[];
  /** Declared absences covering the issue day. */
  absences: { from: string; to: string; destination: string }[];
  household: { householdNo: string; headFullName: string | null; headPersonalId: string | null; relationToHead: string | null } | null;
  issuedOn: string;
  /** Last day the confirmation is valid, by the rule in force on the issue day (it also lapses when the data change). */
  validUntil: string | null;
  validity: ConfirmationValidityRule | null;
  dossierCode: string | null;
}

/** A dossier code as stored (letters, digits, `.`, `-`, `_`, `/`; at most 64): a malformed one is a programming error. */
const DOSSIER_CODE = /^[A-Za-z0-9._/-]{1,64}$/;

function checkDossierCode(code: string | undefined): void {
  if (code !== undefined && !DOSSIER_CODE.test(code)) throw new Error(`registry: malformed dossier code ${JSON.stringify(code)}`);
}

/** The 3-digit birth-registration province code (Phụ lục 1, TT 07/2016) of a 2025 province code, if it is one. */
export function birthProvinceCodeFor(provinceCode: string): string | undefined {
  const code = provinceCode.padStart(3, '0');
  return Object.hasOwn(BIRTH_PROVINCE_CODES, code) ? code : undefined;
}

/** Free text of a registration: trimmed, NFC, required, at most `max` characters; or the field error. */
function text(field: string, value: string | undefined, max: number): string | FieldError {
  const v = (value ?? '').trim().normalize('NFC');
  if (!v) return fieldError(field, 'REQUIRED');
  if (v.length > max) return fieldError(field, 'TOO_LONG');
  return v;
}

/** A date of a registration: real, not before `notBefore`, and (unless `future`) not after today. */
function dateError(field: string, value: string, notBefore?: string, future = false): FieldError | undefined {
  if (!isRealDate(value) || value < '1900-01-01') return fieldError(field, 'INVALID_DATE');
  if (!future && value > todayInVietnam()) return fieldError(field, 'DATE_IN_FUTURE');
  if (notBefore && value < notBefore) return fieldError(field, 'DATE_BEFORE', { after: vnDate(notBefore) });
  return undefined;
}

/** Settings of the registry service (compose.ts passes none: the defaults are the bundled data). */
export interface RegistryOptions {
  /** Validity rules of residence confirmations (CT07), dated; default CONFIRMATION_VALIDITY. */
  confirmationValidity?: readonly ConfirmationValidityRule[];
}

export function createRegistryService(db: Db, audit: AuditWriter, events: EventBus, options: RegistryOptions = {}) {
  const store = createRegistryStore(db);
  const marriages = createMarriageStore();
  const confirmationValidity = options.confirmationValidity ?? CONFIRMATION_VALIDITY;

  /** The household a permanent move lands in: an existing one of the destination commune, or a new one headed by the person. */
  async function destinationHousehold(tx: Queryable, p: { id: number }, communeCode: string, input: MoveInput): Promise<number> {
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


  type Unit = NonNullable<Awaited<ReturnType<RegistryStore['findUnit']>>>;
  /** What a change checks of the person it changes (a detail row or the facts of a dossier's person). */
  type PersonFacts = {
    id: number; personal_id: string; date_of_birth: string; date_of_death: string | null; household_id: number | null; relation_to_head: string | null;
  };

  /** The dates and destination of a move, checked; the destination commune (2025), or the field errors. */
  async function checkMove(p: PersonFacts, input: MoveInput, q: Queryable = db): Promise<Unit> {
    const errors = [];
    if (!isRealDate(input.movedOn) || input.movedOn > todayInVietnam()) errors.push(fieldError('movedOn', 'INVALID_DATE'));
    else if (input.movedOn < p.date_of_birth) errors.push(fieldError('movedOn', 'DATE_BEFORE', { after: p.date_of_birth }));
    if (input.until && (!isRealDate(input.until) || input.until <= input.movedOn)) errors.push(fieldError('until', 'DATE_BEFORE', { after: input.movedOn }));
    const unit = await store.findUnit('2025', input.communeCode, q);
    if (!unit || unit.level !== 'commune') errors.push(fieldError('communeCode', 'UNIT_UNKNOWN', { code: input.communeCode, scheme: '2025' }));
    if (errors.length) throw new DomainError('VALIDATION_FAILED', {}, errors);
    return unit!;
  }

  /** Writes a checked move (the officer's move route and the residence registrations of dossiers). */
  async function writeMove(tx: Transaction, p: PersonFacts, unit: Unit, input: MoveInput, sourceDossier: string | null, note?: string): Promise<void> {
    if (input.kind === 'temporary') {
      await store.recordTemporaryResidence(tx, { personId: p.id, communeCode: unit.code, address: input.address, validFrom: input.movedOn, validTo: input.until ?? null, sourceDossier });
      return;
    }
    // A dossier's registration without a household keeps the person in theirs when it lies in the commune (a newborn's).
    const own = sourceDossier && !input.householdNo && p.household_id !== null ? await store.findHouseholdFacts(tx, { id: p.household_id }) : undefined;
    const stays = own?.commune_code === unit.code;
    const householdId = stays ? own!.id : await destinationHousehold(tx, p, unit.code, input);
    await store.recordPermanentMove(tx, {
      personId: p.id, communeCode: unit.code, address: input.address, movedOn: input.movedOn, householdId,
      relationToHead: stays ? p.relation_to_head ?? 'Khác' : input.householdNo ? input.relationToHead ?? 'Khác' : 'Chủ hộ', note, sourceDossier,
    });
  }

  /** Runs a dossier's change in the caller's transaction (or its own), then `after` once it has committed. */
  async function changeFor<T>(source: DossierSource, work: (tx: Transaction) => Promise<T>, after?: (result: T) => Promise<void>): Promise<T> {
    checkDossierCode(source.dossierCode);
    if (source.tx) {
      if (!isTransaction(source.tx)) throw new Error('registry: DossierSource.tx must be an open transaction (Db.transaction)');
      const result = await work(source.tx);
      // The caller commits later: listeners run then, without holding up the caller's answer.
      if (after) afterCommit(source.tx, () => void after(result).catch(() => undefined));
      return result;
    }
    const result = await db.transaction(work);
    if (after) await after(result);
    return result;
  }

  /** The registry's entry for one person changed by a dossier (see DossierSource). */
  function entryFor(source: DossierSource, action: AuditAction, personalId: string, fields: readonly string[], data: unknown): AuditEntry {
    return {
      ...source.actor, requestId: source.actor.requestId ?? currentContext()?.requestId, action, subjectKind: 'person', subjectId: personalId,
      fields, purpose: `Theo hồ sơ ${source.dossierCode}`, data,
    };
  }

  /** The person a dossier names, by personal ID (no area: the services module checks the dossier's unit); 404 when absent. */
  async function personOfDossier(q: Queryable, personalId: string) {
    const p = /^\d{12}$/.test(personalId) ? (await store.unsafeFindByPersonalIds(q, [personalId]))[0] : undefined;
    if (!p) throw new DomainError('PERSON_NOT_FOUND');
    return p;
  }

  /**
   * The next personal ID of a prefix, in `tx` (see {@link RegistryService.allocatePersonalId}).
   * A number already held or cancelled (people imported after the counter started) is skipped.
   */
  async function allocatePersonalId(tx: Transaction, input: { birthProvinceCode: string; sex: Sex; birthDate: string }): Promise<string> {
    if (!isTransaction(tx)) throw new Error('allocatePersonalId needs the transaction of the registration (Db.transaction)');
    const errors: FieldError[] = [];
    if (!Object.hasOwn(BIRTH_PROVINCE_CODES, input.birthProvinceCode)) errors.push(fieldError('birthProvinceCode', 'BIRTH_PROVINCE_CODE', { code: input.birthProvinceCode }));
    if (input.sex !== 'Nam' && input.sex !== 'Nữ') errors.push(fieldError('sex', 'INVALID_SEX'));
    const year = Number(input.birthDate.slice(0, 4));
    if (!isRealDate(input.birthDate) || year < 1900 || year > 2399) errors.push(fieldError('birthDate', 'INVALID_DATE'));
    if (errors.length) throw new DomainError('VALIDATION_FAILED', {}, errors);
    const prefix = makePersonalId(input.birthProvinceCode, year, input.sex, 0).slice(0, 6);
    for (;;) {
      const serial = await store.takeSerial(tx, prefix);
      if (serial === null) throw new DomainError('PERSONAL_ID_EXHAUSTED', { prefix });
      const id = `${prefix}${String(serial).padStart(6, '0')}`;
      if (!(await store.personalIdInUse(tx, id))) return id;
    }
  }

  type DeathResult<B> = B extends OfficerCaller ? Person : RegistryChange;

  /** See the `recordDeath` member of the service. */
  async function recordDeath<B extends OfficerCaller | DossierSource>(by: B, key: string, dateOfDeath: string, place?: string): Promise<DeathResult<B>> {
    const officer = 'area' in by ? (by as OfficerCaller) : undefined;
    const source = officer ? undefined : (by as DossierSource);
    const p = officer ? await loadPersonInArea(officer.area, key) : await personOfDossier(source!.tx ?? db, key);
    const personalId = p.personal_id;
    if (p.date_of_death) throw new DomainError('PERSON_DECEASED');
    if (!isRealDate(dateOfDeath)) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('dateOfDeath', 'INVALID_DATE')]);
    if (dateOfDeath > todayInVietnam()) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('dateOfDeath', 'DATE_IN_FUTURE')]);
    if (dateOfDeath < p.date_of_birth) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('dateOfDeath', 'DATE_BEFORE', { after: vnDate(p.date_of_birth) })]);
    const write = async (tx: Transaction) => {
      await store.recordDeath(tx, p.id, dateOfDeath, p.commune_code, place?.trim().normalize('NFC') || null, source?.dossierCode ?? null);
      if (source) await appendAudit(tx, [entryFor(source, 'person.death.register', personalId, ['dateOfDeath', 'lifeEvents'], { dossierCode: source.dossierCode })]);
      else await audited(tx, { subjectKind: 'person', subjectId: personalId, fields: ['dateOfDeath', 'lifeEvents'] });
    };
    const died = () => events.emit('registry.person.died', {
      personId: p.id, personalId, dateOfDeath, place: place?.trim().normalize('NFC') || null, sourceDossier: source?.dossierCode ?? null,
    });
    if (source) {
      await changeFor(source, write, died);
      return { personId: p.id, personalId } as DeathResult<B>;
    }
    await db.transaction(write);
    await died();
    return (await service.readPerson(officer!, personalId)) as DeathResult<B>;
  }

  /** The household a newborn joins and the child's relation to its head. */
  async function birthHousehold(tx: Transaction, parents: { role: 'mother' | 'father'; id: number; household_id: number | null; relation_to_head: string | null }[], options: BirthOptions) {
    const choice = options.household ?? (parents.find((x) => x.role === 'mother' && x.household_id !== null) ? 'mother' : 'father');
    const parentHousehold = typeof choice === 'object' ? undefined : parents.find((x) => x.role === choice)?.household_id ?? undefined;
    const h = typeof choice === 'object'
      ? await store.findHouseholdFacts(tx, { householdNo: choice.householdNo })
      : parentHousehold !== undefined ? await store.findHouseholdFacts(tx, { id: parentHousehold }) : undefined;
    if (!h) {
      throw new DomainError('VALIDATION_FAILED', {}, [typeof choice === 'object'
        ? fieldError('householdNo', 'HOUSEHOLD_UNKNOWN', { householdNo: choice.householdNo })
        : fieldError('household', 'HOUSEHOLD_REQUIRED')]);
    }
    const given = typeof choice === 'object' ? choice.relationToHead?.trim() : undefined;
    const inHousehold = parents.filter((x) => x.household_id === h.id);
    const relationToHead = given
      || (inHousehold.some((x) => x.id === h.head_id) ? 'Con' : inHousehold.some((x) => x.relation_to_head === 'Con') ? 'Cháu' : 'Khác');
    return { household: h, relationToHead };
  }

  /** The changes public services make (issue 15); each stores its dossier code (DossierSource). */
  const effects = {
    /**
     * Allocates the next personal ID (số định danh cá nhân, Art. 7 TT 07/2016) of its 6-digit prefix
     * — birth-registration province (3 digits), century and sex, year of birth — inside `tx`, the
     * transaction of the registration: the prefix's counter row (`UPDATE … RETURNING`) stays locked
     * until `tx` ends, so concurrent registrations get consecutive serials with no repeat, and a
     * rolled-back one leaves no gap. A prefix's first use starts above the highest serial the registry
     * already holds (demo and imported residents) or has cancelled. Field errors for a bad province
     * code, sex or date; `PERSONAL_ID_EXHAUSTED` once serial 999999 is taken.
     */
    allocatePersonalId,

    /**
     * Registers a birth from an approved dossier: allocates the child's personal ID, creates the
     * person in the household (see {@link BirthOptions.household}) with the `birth` life event (note:
     * place of birth), links the parents, all carrying the dossier code, and writes the registry's
     * entry `person.birth.register`. Emits `registry.person.born` once committed. The child's
     * permanent residence is its own registration (registerPermanentResidence), as in linked group 1.
     */
    async registerBirth(input: BirthInput, options: BirthOptions): Promise<BirthRegistered> {
      const errors: FieldError[] = [];
      const name = text('fullName', input.fullName, 100);
      if (typeof name !== 'string') errors.push(name);
      else if (!isPersonName(name)) errors.push(fieldError('fullName', 'NAME_CHARACTERS'));
      if (input.sex !== 'Nam' && input.sex !== 'Nữ') errors.push(fieldError('sex', 'INVALID_SEX'));
      const bad = dateError('birthDate', input.birthDate);
      if (bad) errors.push(bad);
      const birthPlace = text('birthPlace', input.birthPlace, 200);
      const ethnicity = text('ethnicity', input.ethnicity, 100);
      const nationality = text('nationality', input.nationality ?? 'Việt Nam', 100);
      for (const v of [birthPlace, ethnicity, nationality]) if (typeof v !== 'string') errors.push(v);
      const hometown = input.hometown?.trim().normalize('NFC') || null;
      if (hometown && hometown.length > 200) errors.push(fieldError('hometown', 'TOO_LONG'));
      const wanted = (['mother', 'father'] as const).flatMap((role) => (options.parents[role] ? [{ role, personalId: options.parents[role]! }] : []));
      const parentRows = await store.unsafeFindByPersonalIds(options.tx ?? db, wanted.map((w) => w.personalId));
      const parents = wanted.flatMap((w) => {
        const row = parentRows.find((r) => r.personal_id === w.personalId);
        const field = `parents.${w.role}`;
        if (!row) {
          errors.push(fieldError(field, 'PARENT_UNKNOWN', { personalId: w.personalId }));
          return [];
        }
        if (row.sex !== (w.role === 'mother' ? 'Nữ' : 'Nam')) errors.push(fieldError(field, 'PARENT_SEX', { personalId: w.personalId, sex: row.sex, role: w.role === 'mother' ? 'mẹ' : 'cha' }));
        if (!bad && row.date_of_birth >= input.birthDate) errors.push(fieldError(field, 'PARENT_BORN_AFTER', { dateOfBirth: vnDate(input.birthDate) }));
        return [{ ...row, role: w.role }];
      });
      if (errors.length) throw new DomainError('VALIDATION_FAILED', {}, errors);
      // One child, one registration (review 2026-12-07 #3): a named parent's child with the same normalised name and
      // birth date is this child, registered already (twins have their own names).
      if (await store.unsafeSameChild(options.tx ?? db, parents.map((x) => x.id), normalizeName(name as string), input.birthDate)) {
        throw new DomainError('BIRTH_ALREADY_REGISTERED');
      }
      return changeFor(options, async (tx): Promise<BirthRegistered> => {
        const { household, relationToHead } = await birthHousehold(tx, parents, options);
        const birthProvinceCode = options.birthProvinceCode ?? birthProvinceCodeFor(household.province_code) ?? household.province_code;
        const personalId = await allocatePersonalId(tx, { birthProvinceCode, sex: input.sex, birthDate: input.birthDate });
        const personId = await store.insertBirth(tx, {
          personalId, fullName: canonicalName(name as string), dateOfBirth: input.birthDate, sex: input.sex, ethnicity: ethnicity as string,
          religion: input.religion?.trim().normalize('NFC') || 'Không', nationality: nationality as string, birthPlace: birthPlace as string, hometown,
          communeCode: household.commune_code, householdId: household.id, relationToHead,
          parents: parents.map((x) => ({ role: x.role, personId: x.id })), sourceDossier: options.dossierCode,
        });
        await appendAudit(tx, [entryFor(options, 'person.birth.register', personalId, DETAIL_FIELDS, { dossierCode: options.dossierCode })]);
        return { personId, personalId, householdNo: household.household_no, relationToHead };
      }, (r) => events.emit('registry.person.born', {
        personId: r.personId, personalId: r.personalId, dateOfBirth: input.birthDate, householdNo: r.householdNo, dossierCode: options.dossierCode,
      }));
    },

    /**
     * Registers a permanent residence from a dossier (đăng ký thường trú): the officer's move path
     * (recordMove) with the dossier code on the residence, the closed previous one and the `move` life event.
     */
    /**
     * Registers a marriage from an approved dossier (đăng ký kết hôn): both spouses living, neither the spouse of a
     * current marriage (a marriage whose other spouse has died is ended first, reason death), recorded with the
     * dossier's code and one `person.marriage.register` entry per spouse. Who may marry (age, sex) is the services
     * module's check against its dated rule; the registry keeps only what it alone knows. Two approvals marrying one
     * person at once: the partial unique index lets one commit, the other gets `MARRIAGE_EXISTING`.
     */
    async registerMarriage(input: MarriageInput, source: DossierSource): Promise<{ marriageId: number }> {
      const [a, b] = input.spouses;
      if (a === b) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('spouses', 'SPOUSES_SAME')]);
      const people = [await personOfDossier(source.tx ?? db, a), await personOfDossier(source.tx ?? db, b)];
      if (people.some((p) => p.date_of_death)) throw new DomainError('PERSON_DECEASED');
      return changeFor(source, async (tx) => {
        await marriages.endWidowed(tx, people.map((p) => p.id));
        if ((await marriages.facts(tx, [a, b])).some((f) => f.spouse_personal_id !== null)) throw new DomainError('MARRIAGE_EXISTING');
        let marriageId: number;
        try {
          marriageId = await marriages.insert(tx, { personIds: [people[0].id, people[1].id], on: input.on, communeCode: input.communeCode, sourceDossier: source.dossierCode });
        } catch (err) {
          if (uniqueViolation(err) === 'marriage_spouses_current') throw new DomainError('MARRIAGE_EXISTING');
          throw err;
        }
        await appendAudit(tx, [a, b].map((id) => entryFor(source, 'person.marriage.register', id, ['marriage'], { dossierCode: source.dossierCode })));
        return { marriageId };
      });
    },

    /** What a marriage registration checks of each person (unknown numbers are left out); not audited: the services module shows none of it. */
    async unsafeMarriageFacts(personalIds: string[], tx?: Queryable): Promise<MarriageFacts[]> {
      const rows = await marriages.facts(tx ?? db, personalIds.filter((x) => /^\d{12}$/.test(x)));
      return rows.map((r) => ({
        personalId: r.personal_id, fullName: r.full_name, sex: r.sex, dateOfBirth: r.date_of_birth, deceased: r.date_of_death !== null, spousePersonalId: r.spouse_personal_id,
      }));
    },

    /** How two people are related by blood (a marriage's bar, Luật HN&GĐ 2014 Art. 5.2.d); not audited: only the bar is shown. */
    async unsafeKinship(a: string, b: string, tx?: Queryable): Promise<Kinship> {
      if (!/^\d{12}$/.test(a) || !/^\d{12}$/.test(b) || a === b) return { directLine: false, withinThreeGenerations: false };
      return marriages.kinship(tx ?? db, a, b);
    },

    /** Whether two people had a marriage in the registry that had not ended before `day` (a child's parents on its birth date). */
    async unsafeMarried(a: string, b: string, day: string, tx?: Queryable): Promise<boolean> {
      if (!/^\d{12}$/.test(a) || !/^\d{12}$/.test(b)) return false;
      return marriages.married(tx ?? db, a, b, day);
    },

    async registerPermanentResidence(personalId: string, input: PermanentResidenceInput, source: DossierSource): Promise<RegistryChange> {
      const p = await personOfDossier(source.tx ?? db, personalId);
      if (p.date_of_death) throw new DomainError('PERSON_DECEASED');
      const move: MoveInput = { kind: 'permanent', communeCode: input.communeCode, address: input.address?.trim().normalize('NFC'), movedOn: input.from, householdNo: input.householdNo, relationToHead: input.relationToHead };
      const unit = await checkMove(p, move, source.tx);
      const address = text('address', move.address, 200);
      if (typeof address !== 'string') throw new DomainError('VALIDATION_FAILED', {}, [address]);
      return changeFor(source, async (tx) => {
        await writeMove(tx, p, unit, move, source.dossierCode, 'Đăng ký thường trú');
        await appendAudit(tx, [entryFor(source, 'person.residence.register', personalId, ['residence', 'household', 'lifeEvents'], { kind: 'permanent', dossierCode: source.dossierCode })]);
        return { personId: p.id, personalId };
      });
    },

    /**
     * Removes a permanent residence from a dossier (xóa đăng ký thường trú, e.g. after a death in linked
     * group 2): the residence in force ends on `on` (marked with the dossier) and the person leaves the
     * household. `NO_PERMANENT_RESIDENCE` when none is in force. Allowed for a deceased person.
     */
    async removePermanentResidence(personalId: string, input: { on: string; reason: string }, source: DossierSource): Promise<RegistryChange> {
      const p = await personOfDossier(source.tx ?? db, personalId);
      const errors: FieldError[] = [];
      const bad = dateError('on', input.on, p.date_of_birth);
      if (bad) errors.push(bad);
      const reason = text('reason', input.reason, 500);
      if (typeof reason !== 'string') errors.push(reason);
      if (errors.length) throw new DomainError('VALIDATION_FAILED', {}, errors);
      return changeFor(source, async (tx) => {
        if (!(await store.removePermanentResidence(tx, { personId: p.id, on: input.on, sourceDossier: source.dossierCode }))) throw new DomainError('NO_PERMANENT_RESIDENCE');
        await appendAudit(tx, [entryFor(source, 'person.residence.remove', personalId, ['residence', 'household'], { dossierCode: source.dossierCode, reason: reason as string })]);
        return { personId: p.id, personalId };
      });
    },

    /** Registers a temporary residence from a dossier (đăng ký tạm trú) until its end date: the officer's move path, with the dossier code. */
    async registerTemporaryResidence(personalId: string, input: TemporaryResidenceInput, source: DossierSource): Promise<RegistryChange> {
      const p = await personOfDossier(source.tx ?? db, personalId);
      if (p.date_of_death) throw new DomainError('PERSON_DECEASED');
      if (!input.until) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('until', 'REQUIRED')]);
      const move: MoveInput = { kind: 'temporary', communeCode: input.communeCode, address: input.address?.trim().normalize('NFC'), movedOn: input.from, until: input.until };
      const unit = await checkMove(p, move, source.tx);
      const address = text('address', move.address, 200);
      if (typeof address !== 'string') throw new DomainError('VALIDATION_FAILED', {}, [address]);
      return changeFor(source, async (tx) => {
        await writeMove(tx, p, unit, move, source.dossierCode);
        await appendAudit(tx, [entryFor(source, 'person.residence.register', personalId, ['residence'], { kind: 'temporary', dossierCode: source.dossierCode })]);
        return { personId: p.id, personalId };
      });
    },

    /** Records a declared absence from a dossier (khai báo tạm vắng): from–to (may lie ahead), destination, reason. */
    async declareAbsence(personalId: string, input: AbsenceInput, source: DossierSource): Promise<RegistryChange> {
      const p = await personOfDossier(source.tx ?? db, personalId);
      if (p.date_of_death) throw new DomainError('PERSON_DECEASED');
      const errors: FieldError[] = [];
      const badFrom = dateError('from', input.from, p.date_of_birth, true);
      if (badFrom) errors.push(badFrom);
      else if (!isRealDate(input.to) || input.to < input.from) errors.push(fieldError('to', 'DATE_BEFORE', { after: vnDate(input.from) }));
      const destination = text('destination', input.destination, 200);
      const reason = text('reason', input.reason, 500);
      for (const v of [destination, reason]) if (typeof v !== 'string') errors.push(v);
      if (errors.length) throw new DomainError('VALIDATION_FAILED', {}, errors);
      return changeFor(source, async (tx) => {
        await store.insertAbsence(tx, { personId: p.id, validFrom: input.from, validTo: input.to, destination: destination as string, reason: reason as string, sourceDossier: source.dossierCode });
        await appendAudit(tx, [entryFor(source, 'person.absence.declare', personalId, ['absences'], { dossierCode: source.dossierCode })]);
        return { personId: p.id, personalId };
      });
    },

    /**
     * The content of a residence confirmation (CT07) on `on` (default today): the person, the permanent
     * and temporary residences in force with their dates, absences, the household's head and the relation
     * to them, and how long it is valid by the dated rule in force (residence-confirmation.ts, [P]).
     * With `actor`, the read is audited (`person.residence.confirm`, durable before it returns); without,
     * the caller audits it. No area: any commune police may confirm.
     */
    async residenceConfirmation(personalId: string, options: { on?: string; actor?: AuditActor; dossierCode?: string } = {}): Promise<ResidenceConfirmation> {
      checkDossierCode(options.dossierCode);
      const f = /^\d{12}$/.test(personalId) ? await store.unsafeResidenceFacts(personalId) : undefined;
      if (!f) throw new DomainError('PERSON_NOT_FOUND');
      const on = options.on ?? todayInVietnam();
      const inForce = (r: { validFrom: string; validTo: string | null }) => r.validFrom <= on && (r.validTo === null || r.validTo > on);
      const permanent = f.residences.filter((r) => r.kind === 'permanent' && inForce(r)).at(-1);
      const temporary = f.residences.filter((r) => r.kind === 'temporary' && (r.validFrom <= on && (r.validTo === null || r.validTo >= on)));
      const rule = confirmationRuleOn(confirmationValidity, on) ?? null;
      const months = permanent || temporary.length ? rule?.months : rule?.declaredMonths;
      if (options.actor) {
        await audit.record({
          ...options.actor, requestId: options.actor.requestId ?? currentContext()?.requestId, action: 'person.residence.confirm', subjectKind: 'person', subjectId: f.personal_id,
          fields: ['personalId', 'fullName', 'dateOfBirth', 'sex', 'residence', 'household', 'absences'],
          purpose: options.dossierCode ? `Theo hồ sơ ${options.dossierCode}` : 'Xác nhận thông tin về cư trú',
        });
      }
      const place = (r: (typeof f.residences)[number]) => ({ address: r.address, communeCode: r.communeCode, communeName: r.communeName, provinceName: r.provinceName, from: r.validFrom, sourceDossier: r.sourceDossier });
      return {
        form: 'CT07', personalId: f.personal_id, fullName: f.full_name, dateOfBirth: f.date_of_birth, sex: f.sex, ethnicity: f.ethnicity,
        nationality: f.nationality ?? 'Việt Nam', deceased: f.date_of_death !== null,
        permanentResidence: permanent ? place(permanent) : null,
        temporaryResidences: temporary.map((r) => ({ ...place(r), until: r.validTo })),
        absences: f.absences.filter((a) => a.validFrom <= on && on <= a.validTo).map((a) => ({ from: a.validFrom, to: a.validTo, destination: a.destination })),
        household: f.household_no ? { householdNo: f.household_no, headFullName: f.head_name, headPersonalId: f.head_personal_id, relationToHead: f.relation_to_head } : null,
        issuedOn: on, validUntil: months === undefined ? null : addMonths(on, months), validity: rule, dossierCode: options.dossierCode ?? null,
      };
    },
  };

  const service = {
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
        absences: p.absences,
        parents: maskMembers(p.parents),
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
      const { household, parents, ...person } = row.doc;
      return { ...person, household: household && { ...household, members: maskMembers(household.members) }, parents: maskMembers(parents) };
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

    /**
     * A death is recorded, never a deletion: the person stays in the registry, marked. Called by the
     * officer's death route (`caller`: limited to the officer's area, answers the record), or by a
     * death registration's approval (`source`: a dossier, see {@link DossierSource}; `key` is then the
     * personal ID, the death's life event carries the dossier code, and the change is answered).
     * `registry.person.died` is emitted once the change has committed (identity then locks the e-ID).
     */
    recordDeath,

    /**
     * A move: permanent (the person's residence and household change, a `move` life event is written)
     * or temporary (a temporary residence is added). The destination must lie in the caller's area.
     */
    async recordMove(caller: OfficerCaller, key: string, input: MoveInput): Promise<Person> {
      const p = await loadPersonInArea(caller.area, key);
      if (p.date_of_death) throw new DomainError('PERSON_DECEASED');
      const unit = await checkMove(p, input);
      checkCommuneInArea(caller.area, unit.code, unit.province_code);
      await db.transaction(async (tx) => {
        await writeMove(tx, p, unit, input, null);
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

    /**
     * Which of the personal IDs a citizen's dossier names are the citizen, a member of their household or a
     * parent or child of theirs (the services module refuses the others with one answer, unknown and unrelated
     * alike; a spouse of a current marriage is related too). Not audited: it answers only whether a number the citizen typed relates to them; reads of the
     * people themselves are audited where they are shown. In the caller's transaction when given.
     */
    async unsafeRelatedPeople(personId: number, personalIds: string[], tx?: Transaction) {
      const wanted = [...new Set(personalIds.filter((x) => /^\d{12}$/.test(x)))];
      return store.unsafeRelatedPeople(tx ?? db, personId, wanted);
    },

    /**
     * The living and deceased members of a person's household with their relation to its head (the services
     * module's life-event offers: who is the mother's spouse, who of a deceased's family is offered the
     * group). Not audited here: the services module audits what it shows, to whom.
     */
    async unsafeHouseholdMembers(personId: number) {
      return (await store.unsafeHouseholdMembers(personId)).map((m) => ({
        personId: m.id, personalId: m.personal_id, fullName: m.full_name, dateOfBirth: m.date_of_birth, sex: m.sex,
        dateOfDeath: m.date_of_death, relationToHead: m.relation_to_head,
      }));
    },

    /** Temporary residences ending between two days (the services module's reminders). */
    async unsafeTemporaryResidencesEnding(from: string, to: string) {
      return store.unsafeTemporaryResidencesEnding(from, to);
    },

    /** People whose birthday at one of `ages` falls between two days (the services module's card-renewal reminders). */
    async unsafeReachingAges(ages: readonly number[], from: string, to: string) {
      return store.unsafeReachingAges(ages, from, to);
    },

    /**
     * Whether a personal ID and a name a citizen typed are those of a household's head (the head of the household a
     * residence form names): one yes/no, the same answer for an unknown number, a member who is not the head and
     * a wrong name. Not audited, as {@link unsafeRelatedPeople}.
     */
    async unsafeIsHouseholdHead(personalId: string, fullName: string | undefined, tx?: Transaction): Promise<boolean> {
      if (!/^\d{12}$/.test(personalId)) return false;
      const [p] = await store.unsafeFindByPersonalIds(tx ?? db, [personalId]);
      if (!p || p.household_id === null || p.date_of_death) return false;
      if (fullName !== undefined && normalizeName(fullName) !== normalizeName(p.full_name)) return false;
      const h = await store.findHouseholdFacts(tx ?? db, { id: p.household_id });
      return h?.head_id === p.id;
    },

    /** The person's identity facts for their own profile or for claims released with consent; audited. */
    async unsafeIdentityFacts(personId: number, who: AuditActor, fields: string[], purpose: string) {
      const found = await service.unsafeIdentityFactsToRecord(personId, who, fields, purpose);
      if (!found) return null;
      await audit.record(found.release);
      return found.facts;
    },

    /**
     * The same facts with their release entry unwritten: the caller appends `release` in the transaction of the
     * change the facts go into (a dossier's draft or submission), which commits before any answer shows them —
     * one append with the change's own entry instead of a durable group commit of its own.
     */
    async unsafeIdentityFactsToRecord(personId: number, who: AuditActor, fields: string[], purpose: string) {
      const p = await store.unsafeFindIdentityFacts({ id: personId });
      if (!p) return null;
      // Named by the request it serves, when it serves one (a route that chooses its action counts its entries by request).
      const release: AuditEntry = {
        ...who, requestId: who.requestId ?? currentContext()?.requestId, action: 'person.release', subjectKind: 'person', subjectId: p.personal_id, fields, purpose,
      };
      return { facts: identityFacts(p), release };
    },

    /**
     * A living record's identity facts by its personal ID, in one read (a cancelled and replaced number finds nothing):
     * for the data-sharing gateway, whose route audits the read with the agency as its actor.
     */
    async unsafeIdentityFactsByPersonalId(personalId: string) {
      const p = await store.unsafeFindIdentityFacts({ personalId });
      return p ? identityFacts(p) : null;
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

    /** The facts the gateway's yes/no checks compare, by personal ID, for a chunk of a batch (the exchange module audits each read). */
    async unsafeFactsForChecks(personalIds: string[]) {
      return (await store.unsafeFactsForChecks(personalIds)).map((p) => ({
        personId: Number(p.id), personalId: p.personal_id, nameNorm: p.name_norm, dateOfBirth: p.date_of_birth, deceased: p.date_of_death !== null, communeCode: p.commune_code,
      }));
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
    ...effects,
  };
  return service;
}

export type RegistryService = ReturnType<typeof createRegistryService>;
