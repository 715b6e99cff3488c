import type { Db, Queryable } from '../../platform/db.js';
import { importJWK, type JSONWebKeySet } from 'jose';
import { DPOP_WINDOW_S, checkDpopProof, type ProofTarget } from './dpop.js';
import type { OfficerCaller, AreaScope } from '../../platform/access.js';
import { appendAudit, audited, entriesOfAction, identifiedNobody } from '../../platform/audit.js';
import { currentContext } from '../../platform/context.js';
import { todayInVietnam } from '../../platform/time.js';
import { DomainError } from './errors.js';
import { message } from './messages.js';
import { exchangeLogFile, sha256 } from './log.js';
import { checkAnswer } from './checks.js';
import { createBatchService, type BatchDeps } from './batch.js';
import { createCallRecorder } from './calls.js';
import { callsStore } from './calls-store.js';
import { createExchangeStore, type AgencyRow, type GrantRow, type ServiceRow } from './store.js';
import { createConsents, type Basis } from './consent.js';
import { CALLERS_KEPT_MS, Kept } from './kept.js';
import { createSectorRecords, type SectorDeps } from './sector.js';
import { loadPurposes, purposeCatalogue, type CataloguePurpose } from './purposes.js';

/** A person as the registry hands them to the gateway (the registry's identity facts). */
export interface PersonFacts {
  personId: number;
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: string;
  nationality: string;
  ethnicity: string | null;
  deceased: boolean;
  residence: { communeCode: string | null; communeName: string | null; provinceName: string | null; address: string | null };
}

export interface ExchangeDeps {
  db: Db;
  provinceOf: (area: AreaScope) => Promise<string>;
  /** A confidential OIDC client (client credentials) an agency's system may authenticate as. */
  confidentialClient: (clientId: string) => Promise<{ clientId: string; name: string } | undefined>;
  /** The client an access token of da06's provider (client credentials) was issued to, its expiry, and the DPoP key it is bound to. */
  clientOfToken: (token: string) => Promise<{ clientId: string; expired: boolean; jkt?: string } | undefined>;
  /** Registers, in the transaction, a client authenticating with its public keys (private_key_jwt, DPoP-bound tokens); returns its id. */
  insertKeyClient: (q: Queryable, input: { name: string; jwks: PublicJwks; provinceCode: string }) => Promise<string>;
  /** True the first time a DPoP proof id of the client is seen before `expiresAt` (seconds), false for a replay. */
  uniqueProof: (clientId: string, jti: string, expiresAt: number) => Promise<boolean>;
  /** The person of a personal ID (unaudited: the gateway's route audits the read it answers). */
  unsafeFindPerson: (personalId: string) => Promise<PersonFacts | null>;
  /** Names compared as the registry compares them (case, accents and spacing aside). */
  normalizeName: (name: string) => string;
  /** Signs compact JWS with da06's signing key (credentials: ES256, /.well-known/jwks.json); the signer reads no database. */
  jwsSigner: () => Promise<(payload: string, typ: string) => Promise<string>>;
  /** The signer's public keys, retired ones included (/.well-known/jwks.json), and da06's public URL. */
  publicJwks: () => Promise<JSONWebKeySet>;
  publicUrl: string;
  /** The members of a person's household with their relation to its head (unaudited: the gateway's route audits the read). */
  unsafeHouseholdMembers?: (personId: number) => Promise<HouseholdMember[]>;
  /** The facts the yes/no checks compare, for many personal IDs at once (a batch's chunk; unaudited: the batch audits each read). */
  unsafeFactsForChecks: BatchDeps['unsafeFactsForChecks'];
  /** The personal ID of a person (by personal ID or record handle) inside the officer's area; throws a 404 otherwise. */
  personalIdInArea?: (caller: OfficerCaller, key: string) => Promise<string>;
  /** Holds a sector record that disagrees with the registry in the linkage review queue, in the record's transaction. */
  holdForReview?: SectorDeps['hold'];
  /** Where failures of the background batch answering are logged. */
  onError: (err: unknown) => void;
  /** The purpose catalogue of the data services (default: data/exchange/purposes.json, purposes.ts). */
  purposes?: CataloguePurpose[];
  clock?: () => Date;
}

export type PublicJwks = { keys: Record<string, unknown>[] };

/** A read whose audit entry the call writes itself, with its count (calls.ts). */
type OwnRead = { action: 'exchange.person.lookup' | 'exchange.person.check'; fields: string[] };

/** An agency's public keys: 1 to 5 public EC P-256 or Ed25519 keys, each with a kid (no private part). */
export async function checkJwks(jwks: PublicJwks): Promise<PublicJwks> {
  const bad = () => invalid(message('JWKS_INVALID'));
  if (!Array.isArray(jwks.keys) || jwks.keys.length < 1 || jwks.keys.length > 5) throw bad();
  const keys = [];
  for (const k of jwks.keys) {
    const ok = typeof k.kid === 'string' && k.kid.length > 0 && k.d === undefined
      && ((k.kty === 'EC' && k.crv === 'P-256') || (k.kty === 'OKP' && k.crv === 'Ed25519'));
    if (!ok) throw bad();
    try {
      await importJWK(k, k.kty === 'EC' ? 'ES256' : 'EdDSA');
    } catch {
      throw bad();
    }
    const { kty, crv, x, y, kid, use, alg } = k;
    keys.push(Object.fromEntries(Object.entries({ kty, crv, x, y, kid, use, alg }).filter(([, v]) => v !== undefined)));
  }
  return { keys };
}

export interface HouseholdMember { personalId: string; fullName: string; dateOfBirth: string; sex: string; dateOfDeath: string | null; relationToHead: string | null }

/** An agency's system, authenticated. */
export interface Agency { id: number; name: string; clientId: string }

export const LOOKUP_FIELDS = ['fullName', 'dateOfBirth', 'sex', 'nationality', 'ethnicity', 'deceased', 'permanentAddress', 'communeCode', 'communeName', 'provinceName'] as const;
export type LookupField = (typeof LOOKUP_FIELDS)[number];

/** The citizen reads what an agency received in Vietnamese: a field's label, or for a yes/no check that only the answer left. */
const FIELD_LABEL_KEYS = {
  fullName: 'FIELD_FULL_NAME', dateOfBirth: 'FIELD_DATE_OF_BIRTH', sex: 'FIELD_SEX', nationality: 'FIELD_NATIONALITY', ethnicity: 'FIELD_ETHNICITY',
  deceased: 'FIELD_DECEASED', permanentAddress: 'FIELD_PERMANENT_ADDRESS', communeCode: 'FIELD_COMMUNE_CODE', communeName: 'FIELD_COMMUNE_NAME', provinceName: 'FIELD_PROVINCE_NAME',
} as const satisfies Record<LookupField, Parameters<typeof message>[0]>;
const fieldLabel = (f: string) => (f in FIELD_LABEL_KEYS ? message(FIELD_LABEL_KEYS[f as LookupField]) : message('FIELD_CHECK_ANSWER'));

const invalid = (reason: string) => new DomainError('EXCHANGE_INVALID', { reason });
const iso = (d: Date | string) => new Date(d).toISOString();

const agencyView = (a: AgencyRow) => ({ id: Number(a.id), name: a.name, legalBasis: a.legal_basis, clientId: a.client_id, provinceCode: a.province_code, active: a.active, createdAt: iso(a.created_at) });
const grantView = (g: GrantRow) => ({
  id: Number(g.id), agencyId: Number(g.agency_id), service: g.service_code, purposes: g.purposes, fields: g.fields, dailyQuota: Number(g.daily_quota),
  validFrom: g.valid_from, validUntil: g.valid_until, consentPurposes: g.consent_purposes, status: g.status, approvedAt: g.approved_at === null ? null : iso(g.approved_at), createdAt: iso(g.created_at),
});

function fieldValue(p: PersonFacts, f: LookupField): string | boolean | null {
  switch (f) {
    case 'fullName': return p.fullName;
    case 'dateOfBirth': return p.dateOfBirth;
    case 'sex': return p.sex;
    case 'nationality': return p.nationality;
    case 'ethnicity': return p.ethnicity;
    case 'deceased': return p.deceased;
    case 'permanentAddress': return p.residence.address;
    case 'communeCode': return p.residence.communeCode;
    case 'communeName': return p.residence.communeName;
    case 'provinceName': return p.residence.provinceName;
  }
}

export interface CheckInput { service: string; personalId: string; purpose: string; communeCode?: string; fullName?: string; dateOfBirth?: string }

/** The data-sharing gateway (model 25): agencies, data services, grants, and the agencies' calls under them. */
export function createExchangeService(deps: ExchangeDeps) {
  const { db } = deps;
  const store = createExchangeStore(db);
  const today = () => todayInVietnam(deps.clock?.() ?? new Date());
  const catalogue = purposeCatalogue(deps.purposes ?? loadPurposes());
  /** A purpose outside the service's catalogue is refused before any grant is read: the answer is the same with or without one. */
  const checkCatalogued = (serviceCode: string, purpose: string) => {
    if (!catalogue.has(serviceCode, purpose, today())) throw new DomainError('EXCHANGE_PURPOSE_UNKNOWN', { purpose });
  };
  const consents = createConsents({ db, today, checkCatalogued, purposeLabel: catalogue.label, grantsInForce: (agencyId, serviceCode) => store.grantsInForce(agencyId, serviceCode, today()) });

  async function getService(code: string, kind?: ServiceRow['kind']) {
    const s = await store.service(code);
    if (!s) throw invalid(message('EXCHANGE_SERVICE_UNKNOWN'));
    if (kind && s.kind !== kind) throw invalid(message('EXCHANGE_NOT_CHECK'));
    return s;
  }

  /** The approved grant in force that covers the purpose: none at all, or none for this purpose, is refused. */
  async function grantFor(agency: Agency, serviceCode: string, purpose: string) {
    checkCatalogued(serviceCode, purpose);
    const day = today();
    const grants = await grantsKept.get(`${agency.id}\0${serviceCode}\0${day}`, () => store.grantsInForce(agency.id, serviceCode, day));
    if (!grants.length) throw new DomainError('EXCHANGE_NO_GRANT');
    const grant = grants.find((g) => g.purposes.includes(purpose));
    if (!grant) throw new DomainError('EXCHANGE_PURPOSE_NOT_GRANTED', { purpose });
    // The purpose the agency stated, checked against its grant, is the purpose of the read's audit entry.
    const ctx = currentContext();
    if (ctx) ctx.purpose = purpose;
    return grant;
  }

  const calls = createCallRecorder(db, deps.jwsSigner);
  /** The head (hash of the newest entry) of each agency's log as this node last anchored it in the audit chain. */
  const anchored = new Map<number, string>();

  // Every call reads its agency and its grants, which change only by an administrator's or the data owner's act:
  // kept a few seconds (as the provider keeps its clients). This node forgets them at once when it makes such a
  // change; another node sees it within CALLERS_KEPT_MS. Tokens, consents and quotas are read afresh on every call.
  const agencyKept = new Kept<AgencyRow | undefined>(CALLERS_KEPT_MS);
  const grantsKept = new Kept<GrantRow[]>(CALLERS_KEPT_MS);
  const forgetKept = () => {
    agencyKept.clear();
    grantsKept.clear();
  };

  /**
   * Counts the call against the grant's daily quota and, when someone was found, records the query for their
   * access history, committed with the concurrent calls (calls.ts): a call over the quota counts nothing and is refused.
   */
  async function countAndRecord(agency: Agency, grant: GrantRow, person: PersonFacts | null, fields: string[], purpose: string, basis: Basis, read?: OwnRead) {
    const query = { agencyId: agency.id, grantId: Number(grant.id), serviceCode: grant.service_code, fields, purpose };
    if (basis.kind === 'refused') {
      // Refused for want of consent, answered as for an unknown ID; the person (if any) sees the attempt in their history.
      if (person) await store.insertQuery(db, { ...query, fields: [], personId: person.personId, basis: 'consent', refused: true });
      throw new DomainError('EXCHANGE_CONSENT_REQUIRED');
    }
    const result = await calls.count({
      grantId: Number(grant.id), quota: Number(grant.daily_quota), day: today(),
      // A consent given once is used up by the call that counts (in the same transaction); a periodic one, or the law, stays.
      useConsent: (tx) => consents.useConsent(tx, basis),
      query: person && {
        agencyId: agency.id, serviceCode: grant.service_code, personId: person.personId, fields, purpose,
        basis: basis.kind === 'consent' ? 'consent' : 'law', consentId: basis.kind === 'consent' ? Number(basis.consent.id) : null,
      },
      // The route declares the read as its module's own (`{ oneOf }`): its entry commits with the count.
      audit: read && person && {
        actorKind: 'system', actorId: `exchange:${agency.id}`, actorName: agency.name, action: read.action,
        subjectKind: 'person', subjectId: person.personalId, fields: read.fields, purpose, requestId: currentContext()?.requestId,
      },
    });
    if (result === 'consent') throw new DomainError('EXCHANGE_CONSENT_REQUIRED');
    if (result === 'quota') throw new DomainError('EXCHANGE_QUOTA_EXCEEDED', { quota: grant.daily_quota });
  }

  /** The yes/no answer of a check (checks.ts): an unknown person answers no, exactly as a person for whom it is false. */
  function answer(service: string, p: PersonFacts | null, input: CheckInput): boolean {
    const facts = p && { nameNorm: deps.normalizeName(p.fullName), dateOfBirth: p.dateOfBirth, deceased: p.deceased, communeCode: p.residence.communeCode };
    return checkAnswer(service, facts, input, today(), deps.normalizeName);
  }

  const batches = createBatchService({
    db, unsafeFactsForChecks: deps.unsafeFactsForChecks, normalizeName: deps.normalizeName, today, onError: deps.onError,
    // A batch answers under the law only: a purpose resting on consent is asked and answered one person at a time.
    grantFor: async (agency: Agency, serviceCode: string, purpose: string) => {
      const grant = await grantFor(agency, serviceCode, purpose);
      if (grant.consent_purposes.includes(purpose)) throw new DomainError('EXCHANGE_CONSENT_REQUIRED');
      return grant;
    },
    checkService: (code) => getService(code, 'check'),
  });

  /** Sector records agencies attach to people (sector.ts): the reads' grant, quota and log path, written back to nobody's registry record. */
  const sectorRecords = createSectorRecords({
    db, today, normalizeName: deps.normalizeName, unsafeFindPerson: deps.unsafeFindPerson, grantFor, hold: deps.holdForReview,
    count: (agency, grant, purpose) => countAndRecord(agency, grant, null, [], purpose, { kind: 'law' }),
    agencyFacts: async (agencyId) => {
      const a = await agencyKept.get(`id:${agencyId}`, () => store.agency(agencyId));
      if (!a) throw new DomainError('EXCHANGE_AGENCY_UNKNOWN');
      return { legalBasis: a.legal_basis, provinceCode: a.province_code };
    },
  });

  return {
    /** Sector records flowing back (sector.ts). */
    sectorRecords,

    /** A person's attached sector records, for a registry officer whose area the person lives in (404 otherwise). */
    async sectorRecordsOfPerson(caller: OfficerCaller, key: string) {
      if (!deps.personalIdInArea) throw new DomainError('EXCHANGE_PERSON_NOT_FOUND');
      const personalId = await deps.personalIdInArea(caller, key);
      return { personalId, records: await sectorRecords.recordsOf(personalId) };
    },

    /** Batch verification: up to 1,000,000 yes/no checks in one file, answered in the background (batch.ts). */
    batches,

    async catalogue() {
      const day = today();
      return (await store.services()).map((s) => ({
        code: s.code, kind: s.kind, title: s.title, fields: s.fields, params: s.params,
        purposes: catalogue.ofService(s.code, day).map((p) => ({ code: p.code, label: p.label, legalBasis: p.legalBasis, validFrom: p.validFrom, validUntil: p.validUntil ?? null })),
      }));
    },

    // ---- administration ----
    /**
     * Registers an agency: with its public keys (a client of da06's provider is created for it, authenticating with
     * private_key_jwt and holding DPoP-bound tokens: the preferred way), or with an existing confidential client.
     */
    async registerAgency(caller: OfficerCaller, input: { name: string; legalBasis: string; clientId?: string; jwks?: PublicJwks }) {
      const name = input.name.trim();
      const legalBasis = input.legalBasis.trim();
      if (!name || !legalBasis) throw invalid(message('EXCHANGE_NAME_EMPTY'));
      if ((input.clientId === undefined) === (input.jwks === undefined)) throw invalid(message('EXCHANGE_CLIENT_OR_KEYS'));
      const jwks = input.jwks && (await checkJwks(input.jwks));
      if (input.clientId !== undefined && !(await deps.confidentialClient(input.clientId))) throw invalid(message('EXCHANGE_CLIENT_UNKNOWN'));
      const provinceCode = await deps.provinceOf(caller.area);
      return db.transaction(async (tx) => {
        const clientId = jwks ? await deps.insertKeyClient(tx, { name, jwks, provinceCode }) : input.clientId!;
        const row = await store.insertAgency(tx, { name, legalBasis, clientId, provinceCode });
        if (!row) throw new DomainError('EXCHANGE_CLIENT_TAKEN');
        await audited(tx, { subjectKind: 'exchange_agency', subjectId: String(row.id) });
        return agencyView(row);
      }).finally(forgetKept);
    },

    async agencies(caller: OfficerCaller) {
      return (await store.agencies(await deps.provinceOf(caller.area))).map(agencyView);
    },

    /** A grant asked for an agency of the administrator's province; it is in force once the data owner approves it. */
    async requestGrant(caller: OfficerCaller, input: { agencyId: number; service: string; purposes: string[]; fields: string[]; dailyQuota: number; validFrom: string; validUntil: string; consentPurposes?: string[] }) {
      const agency = await store.agency(input.agencyId);
      if (!agency || agency.province_code !== (await deps.provinceOf(caller.area))) throw new DomainError('EXCHANGE_AGENCY_NOT_FOUND');
      const service = await getService(input.service);
      if (service.kind === 'check' && input.fields.length) throw invalid(message('EXCHANGE_CHECK_FIELDS'));
      if (service.kind === 'write' && input.fields.length) throw invalid(message('SECTOR_WRITE_FIELDS'));
      // An agency records what it did under its own law: a write never rests on a consent it would never check.
      if (service.kind === 'write' && input.consentPurposes?.length) throw invalid(message('SECTOR_WRITE_CONSENT'));
      const unknown = input.fields.find((f) => !service.fields.includes(f));
      if (unknown) throw invalid(message('EXCHANGE_FIELD_NOT_OFFERED', { field: unknown }));
      if (input.validUntil < input.validFrom) throw invalid(message('EXCHANGE_VALIDITY'));
      const purposes = [...new Set(input.purposes.map((p) => p.trim()).filter(Boolean))];
      if (!purposes.length) throw invalid(message('EXCHANGE_NAME_EMPTY'));
      const outside = purposes.find((p) => !catalogue.has(service.code, p, today()));
      if (outside !== undefined) throw invalid(message('EXCHANGE_PURPOSE_NOT_IN_CATALOGUE', { purpose: outside }));
      const consentPurposes = [...new Set((input.consentPurposes ?? []).map((p) => p.trim()))];
      if (consentPurposes.some((p) => !purposes.includes(p))) throw invalid(message('EXCHANGE_CONSENT_PURPOSES'));
      return db.transaction(async (tx) => {
        const row = await store.insertGrant(tx, {
          agencyId: input.agencyId, serviceCode: service.code, purposes, fields: [...new Set(input.fields)], dailyQuota: input.dailyQuota,
          validFrom: input.validFrom, validUntil: input.validUntil, requestedBy: caller.officerId, consentPurposes,
        });
        await audited(tx, { subjectKind: 'exchange_grant', subjectId: String(row.id) });
        return grantView(row);
      }).finally(forgetKept);
    },

    async grants(caller: OfficerCaller) {
      return (await store.grants(await deps.provinceOf(caller.area))).map((g) => ({ ...grantView(g), agencyName: g.agency_name }));
    },

    /** The data owner approves a grant of their province's agencies (another province's answers 404). */
    async approveGrant(caller: OfficerCaller, id: number) {
      const grant = await store.grantOfProvince(id, await deps.provinceOf(caller.area));
      if (!grant) throw new DomainError('EXCHANGE_GRANT_NOT_FOUND');
      if (grant.status !== 'requested') throw new DomainError('EXCHANGE_GRANT_DECIDED');
      return db.transaction(async (tx) => {
        const row = await store.approveGrant(tx, id, caller.officerId);
        if (!row) throw new DomainError('EXCHANGE_GRANT_DECIDED');
        await audited(tx, { subjectKind: 'exchange_grant', subjectId: String(row.id) });
        return grantView(row);
      }).finally(forgetKept);
    },

    // ---- the agencies' calls ----
    /**
     * The registered, active agency holding a valid access token of da06's provider (client credentials). A token
     * bound to a DPoP key (RFC 9449) is accepted only as `Authorization: DPoP <token>` with a fresh proof of that key
     * for this method and URL, never seen before; a Bearer token only when it is bound to nothing.
     */
    async agencyOfRequest(req: { authorization: string | undefined; dpop: string | undefined } & ProofTarget): Promise<Agency> {
      const m = /^(Bearer|DPoP) ([\x21-\x7e]+)$/i.exec(req.authorization ?? '');
      const token = m ? await deps.clientOfToken(m[2]!) : undefined;
      if (!m || !token) throw new DomainError('EXCHANGE_TOKEN_INVALID');
      if (token.expired) throw new DomainError('EXCHANGE_TOKEN_EXPIRED');
      const scheme = m[1]!.toLowerCase();
      if (token.jkt) {
        if (scheme !== 'dpop' || !req.dpop) throw new DomainError('EXCHANGE_DPOP_MISSING');
        const nowS = Math.floor((deps.clock?.() ?? new Date()).getTime() / 1000);
        const { jti } = await checkDpopProof(req.dpop, m[2]!, token.jkt, req, nowS);
        if (!(await deps.uniqueProof(token.clientId, jti, nowS + 2 * DPOP_WINDOW_S))) throw new DomainError('EXCHANGE_DPOP_REPLAYED');
      } else if (scheme !== 'bearer') {
        throw new DomainError('EXCHANGE_DPOP_INVALID', { reason: message('DPOP_UNBOUND') });
      }
      const row = await agencyKept.get(token.clientId, () => store.activeAgencyOfClient(token.clientId));
      if (!row) throw new DomainError('EXCHANGE_AGENCY_UNKNOWN');
      return { id: Number(row.id), name: row.name, clientId: row.client_id };
    },

    /** A person by personal ID, with only the fields the agency's grant releases. */
    async lookUp(agency: Agency, input: { personalId: string; purpose: string }) {
      const grant = await grantFor(agency, 'person.lookup', input.purpose);
      const basis = await consents.basisOf(agency, grant, input.purpose, input.personalId);
      // Under a consent, only the fields both the grant and the citizen released.
      const released = basis.kind === 'consent' ? grant.fields.filter((f) => basis.consent.fields.includes(f)) : grant.fields;
      const person = await deps.unsafeFindPerson(input.personalId);
      await countAndRecord(agency, grant, person, released, input.purpose, basis, { action: 'exchange.person.lookup', fields: released });
      if (!person) throw new DomainError('EXCHANGE_PERSON_NOT_FOUND');
      const fields = Object.fromEntries(released.map((f) => [f, fieldValue(person, f as LookupField)]));
      return { personalId: person.personalId, ...fields };
    },

    /**
     * The household of a person by personal ID: each member's relation to the head, with only the fields the grant
     * (and, under a consent, the citizen) released. `members` keeps the members' IDs for the read's audit entries.
     */
    async household(agency: Agency, input: { personalId: string; purpose: string }) {
      const grant = await grantFor(agency, 'household.members', input.purpose);
      const basis = await consents.basisOf(agency, grant, input.purpose, input.personalId);
      const released = basis.kind === 'consent' ? grant.fields.filter((f) => basis.consent.fields.includes(f)) : grant.fields;
      const person = await deps.unsafeFindPerson(input.personalId);
      await countAndRecord(agency, grant, person, released, input.purpose, basis);
      if (!person) throw new DomainError('EXCHANGE_PERSON_NOT_FOUND');
      const members = (await deps.unsafeHouseholdMembers?.(person.personId)) ?? [];
      const value = (m: HouseholdMember, f: string) => (f === 'deceased' ? m.dateOfDeath !== null : m[f as 'fullName' | 'dateOfBirth' | 'sex']);
      return {
        personalId: person.personalId,
        members: members.map((m) => ({ relationToHead: m.relationToHead, ...Object.fromEntries(released.map((f) => [f, value(m, f)])) })),
        subjects: members.map((m) => ({ kind: 'person', id: m.personalId, fields: ['relationToHead', ...released] })),
      };
    },

    /** A yes/no check: nothing of the person leaves, and an unknown personal ID answers as a "no" does. */
    async check(agency: Agency, input: CheckInput) {
      const service = await getService(input.service, 'check');
      for (const p of service.params) if (!input[p as 'communeCode' | 'fullName' | 'dateOfBirth']) throw invalid(message('EXCHANGE_PARAM_MISSING', { param: p }));
      const grant = await grantFor(agency, service.code, input.purpose);
      const basis = await consents.basisOf(agency, grant, input.purpose, input.personalId);
      const person = await deps.unsafeFindPerson(input.personalId);
      await countAndRecord(agency, grant, person, [service.code], input.purpose, basis, { action: 'exchange.person.check', fields: [service.code] });
      // An unknown personal ID is answered "no" and read nobody: the call owes no entry.
      if (!person) identifiedNobody();
      return { personalId: input.personalId, service: service.code, answer: answer(service.code, person, input), person };
    },

    /** The agency queries of a citizen, for their access history. */
    async queriesOf(personId: number, limit = 100) {
      const queries = (await store.queriesOfPerson(personId, limit)).map((q) => ({
        at: iso(q.at), agency: q.agency, service: `${q.service_title} · ${message(q.basis === 'consent' ? 'EXCHANGE_BASIS_CONSENT' : 'EXCHANGE_BASIS_LAW')}`,
        fields: [...new Set(q.fields.map(fieldLabel))], purpose: catalogue.label(q.purpose), refused: q.refused, reason: q.refused ? message('EXCHANGE_REFUSED_NO_CONSENT') : null,
      }));
      const decisions = await consents.consentHistory(personId, limit);
      return [...queries, ...decisions].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit);
    },

    // ---- consent the citizen holds (consent.ts) ----
    askConsent: consents.askConsent,
    consentOfAgency: consents.consentOfAgency,
    ownConsents: consents.ownConsents,
    approveConsent: consents.approveConsent,
    refuseConsent: consents.refuseConsent,
    revokeConsent: consents.revokeConsent,

    /**
     * Appends one call of the agency to its signed log: the SHA-256 of the request and response bodies, chained to
     * the agency's previous entry and signed by da06, committed with the concurrent calls (calls.ts).
     */
    async logCall(agency: Agency, call: {
      method: string; path: string; status: number; requestBody: string; responseBody: string | Uint8Array; requestSha256?: string;
      /** The problem code of a refused answer, the data service and the purpose the call named (as sent). */
      problem?: string; service?: string; purpose?: string;
    }) {
      const service = call.service !== undefined && /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/.test(call.service) && call.service.length <= 60 ? call.service : null;
      await calls.log({
        agencyId: agency.id, at: (deps.clock?.() ?? new Date()).toISOString(), method: call.method, path: call.path, status: call.status,
        requestSha256: call.requestSha256 ?? sha256(call.requestBody), responseSha256: sha256(call.responseBody),
      }, {
        problem: call.status >= 400 && call.problem !== undefined && /^[A-Z][A-Z0-9_]{0,80}$/.test(call.problem) ? call.problem : null,
        serviceCode: service,
        // Only a catalogued purpose is kept: whatever else the agency wrote there is not ours to keep.
        purpose: service && call.purpose !== undefined && catalogue.has(service, call.purpose, today()) ? call.purpose : null,
      });
    },

    /** The agency's own signed log, from its first entry. */
    logOf: (agency: Agency) => store.logOf(agency.id),

    /**
     * The agency's own signed log as a file to keep and check offline (`da06 exchange verify`): JSON Lines with a
     * header carrying the JWKS and, once older entries were removed after the retention, the base the rest chains from.
     */
    async logFile(agency: Agency) {
      // Base and entries read in one snapshot: a removal committed in between would leave a gap.
      const { base, entries } = await db.transaction(async (tx) => {
        await callsStore.oneSnapshot(tx);
        return { base: await callsStore.logBase(tx, agency.id), entries: await store.logOf(agency.id, tx) };
      });
      const jwks = await deps.publicJwks();
      return exchangeLogFile({
        agencyId: agency.id, agencyName: agency.name, issuer: deps.publicUrl, exportedAt: (deps.clock?.() ?? new Date()).toISOString(), jwks, ...(base && { base }),
      }, entries);
    },

    /**
     * Anchors the agencies' logs in the audit chain: one entry listing each head (newest entry's number and hash)
     * that moved since this node's last anchor, so the signed checkpoint of the audit log that follows covers the
     * exchange logs too — an anchored entry later removed or rewritten shows in `checkAnchors`. Returns the heads written.
     */
    async anchorLog() {
      const heads = (await callsStore.logHeads(db)).filter((h) => anchored.get(h.agencyId) !== h.hash);
      if (!heads.length) return 0;
      await db.transaction((tx) => appendAudit(tx, [{ actorKind: 'system', actorId: 'exchange', action: 'exchange.log.anchored', data: { heads } }]));
      for (const h of heads) anchored.set(h.agencyId, h.hash);
      return heads.length;
    },

    /**
     * Compares every head anchored in the audit chain with the log as it is now: the entry must still be there with
     * the same hash, or be the base left by a removal (entries before the base were removed under the retention).
     */
    async checkAnchors() {
      const [anchors, prunings, bases] = await Promise.all([
        entriesOfAction(db, 'exchange.log.anchored'), entriesOfAction(db, 'exchange.log.pruned'), callsStore.logBases(db),
      ]);
      const heads = anchors.flatMap((a) => (a.data as { heads: { agencyId: number; seq: number; hash: string }[] }).heads.map((h) => ({ ...h, anchoredAt: a.at })));
      const kept = await store.logHashes(heads.map((h) => [h.agencyId, h.seq]));
      let removed = 0;
      const failures: { agencyId: number; seq: number; anchoredAt: string; kind: 'missing' | 'altered' | 'base' }[] = [];
      // A base is only what the retention's last removal left, as its audit entry records it: one set by hand in the
      // table would let entries removed before their time pass for removed under the retention.
      const lastPruned = new Map<number, { seq: number; hash: string; at: string }>();
      for (const p of prunings) {
        const d = p.data as { agencyId: number; throughSeq: number; hash: string };
        lastPruned.set(d.agencyId, { seq: d.throughSeq, hash: d.hash, at: p.at });
      }
      for (const [agencyId, base] of bases) {
        const p = lastPruned.get(agencyId);
        if (!p || p.seq !== base.seq || p.hash !== base.hash) failures.push({ agencyId, seq: base.seq, anchoredAt: p?.at ?? '', kind: 'base' });
      }
      for (const h of heads) {
        const base = bases.get(h.agencyId);
        const now = base && h.seq === base.seq ? base.hash : kept.get(`${h.agencyId}/${h.seq}`);
        if (now === undefined && base && h.seq < base.seq) removed++;
        else if (now === undefined) failures.push({ agencyId: h.agencyId, seq: h.seq, anchoredAt: h.anchoredAt, kind: 'missing' });
        else if (now !== h.hash) failures.push({ agencyId: h.agencyId, seq: h.seq, anchoredAt: h.anchoredAt, kind: 'altered' });
      }
      return { anchors: heads.length, removed, failures };
    },

    /**
     * Removes, for each agency, the log entries older than `months` (DA06_EXCHANGE_LOG_RETENTION_MONTHS), keeping the
     * last one removed as the base of the rest; one audit entry per agency. Returns what was removed.
     */
    async pruneLog(months: number) {
      const before = new Date(deps.clock?.() ?? new Date());
      before.setUTCMonth(before.getUTCMonth() - months);
      const cutoff = before.toISOString();
      const pruned: { agencyId: number; throughSeq: number; removed: number }[] = [];
      for (const agencyId of await callsStore.agenciesWithEntriesBefore(db, cutoff)) {
        const base = await db.transaction(async (tx) => {
          const b = await callsStore.pruneLog(tx, agencyId, cutoff);
          if (b) {
            await appendAudit(tx, [{
              actorKind: 'system', actorId: 'exchange', action: 'exchange.log.pruned', subjectKind: 'exchange_agency', subjectId: String(agencyId),
              data: { agencyId, throughSeq: b.seq, hash: b.hash, removed: b.removed, before: cutoff },
            }]);
          }
          return b;
        });
        if (base) pruned.push({ agencyId, throughSeq: base.seq, removed: base.removed });
      }
      return pruned;
    },

    /** This node reads agencies and grants afresh at the next call (after a change made elsewhere in the module). */
    forgetKept,

    /** Whose the actor of the current request is: the agency. */
    actAs(agency: Agency) {
      const ctx = currentContext();
      if (ctx) ctx.actor = { kind: 'system', id: `exchange:${agency.id}`, name: agency.name };
    },
  };
}

export type ExchangeService = ReturnType<typeof createExchangeService>;
