import type { Db, Queryable } from '../../platform/db.js';
import type { CitizenCaller } from '../../platform/access.js';
import { audited } from '../../platform/audit.js';
import { formatIsoDate } from '../../platform/format.js';
import { DomainError } from './errors.js';
import { message } from './messages.js';
import { createConsentStore, type ConsentRow } from './consent-store.js';
import type { GrantRow } from './store.js';

/**
 * Consent the citizen holds (Nghị định 13/2023 Art. 11, Luật Bảo vệ dữ liệu cá nhân 2025): where a grant's purpose
 * rests on consent rather than on the law, an agency asks, the citizen approves (choosing fields and validity) or
 * refuses in the portal with their e-ID at the service's level, and may revoke at any time. The gateway answers
 * such a purpose only under a consent in force; a `once` consent is used up by the query it answers.
 */

export type Frequency = 'once' | 'periodic';
/** On what basis a query is answered: the law, or a consent in force (the row), or refused for want of one. */
export type Basis = { kind: 'law' } | { kind: 'consent'; consent: ConsentRow } | { kind: 'refused' };

const iso = (d: Date | string) => new Date(d).toISOString();

/** The consent as the agency and the citizen see it. */
export const consentView = (c: ConsentRow) => ({
  id: Number(c.id), agency: c.agency_name, service: c.service_code, serviceTitle: c.service_title, requiredLevel: Number(c.consent_level),
  purpose: c.purpose, fieldsAsked: c.fields_asked, validUntilAsked: c.valid_until_asked, frequency: c.frequency, status: c.status,
  fields: c.fields, validFrom: c.valid_from, validUntil: c.valid_until,
  decidedAt: c.decided_at === null ? null : iso(c.decided_at), revokedAt: c.revoked_at === null ? null : iso(c.revoked_at),
  usedAt: c.used_at === null ? null : iso(c.used_at), createdAt: iso(c.created_at),
});

/** What the agency learns of its request: never whether the personal ID exists (a request for nobody stays pending). */
const agencyView = (c: ConsentRow) => ({
  id: Number(c.id), service: c.service_code, purpose: c.purpose, fieldsAsked: c.fields_asked, validUntilAsked: c.valid_until_asked,
  frequency: c.frequency, status: c.status, fields: c.fields, validFrom: c.valid_from, validUntil: c.valid_until, createdAt: iso(c.created_at),
});

const invalid = (reason: string) => new DomainError('EXCHANGE_INVALID', { reason });

export interface ConsentDeps {
  db: Db;
  today: () => string;
  /** Refuses a purpose outside the service's purpose catalogue (EXCHANGE_PURPOSE_UNKNOWN). */
  checkCatalogued?: (serviceCode: string, purpose: string) => void;
  /** The Vietnamese label of a catalogued purpose: what the citizen reads. */
  purposeLabel?: (code: string) => string;
  /** The approved grants in force of an agency for a service. */
  grantsInForce: (agencyId: number, serviceCode: string) => Promise<GrantRow[]>;
}

export function createConsents(deps: ConsentDeps) {
  const { db, today } = deps;
  const store = createConsentStore(db);
  const label = deps.purposeLabel ?? ((code: string) => code);
  const citizenView = (c: ConsentRow) => ({ ...consentView(c), purpose: label(c.purpose) });

  async function mine(q: Queryable, caller: CitizenCaller, id: number, lock = false) {
    const c = await store.ofCitizen(q, caller.personalId, id, lock);
    if (!c) throw new DomainError('EXCHANGE_CONSENT_NOT_FOUND');
    return c;
  }

  return {
    /**
     * The agency asks the citizen holding `personalId` for consent: only for a purpose its grant in force rests on
     * consent, for fields of that grant, until a day within it. Answered the same whether the ID exists or not.
     */
    async askConsent(agency: { id: number }, input: { personalId: string; service: string; purpose: string; fields: string[]; validUntil: string; frequency: Frequency }) {
      // The catalogue first, before any grant is read: the answer is then the same with a grant or without one.
      deps.checkCatalogued?.(input.service, input.purpose);
      const grants = await deps.grantsInForce(agency.id, input.service);
      if (!grants.length) throw new DomainError('EXCHANGE_NO_GRANT');
      const withPurpose = grants.filter((g) => g.purposes.includes(input.purpose));
      if (!withPurpose.length) throw new DomainError('EXCHANGE_PURPOSE_NOT_GRANTED', { purpose: input.purpose });
      const grant = withPurpose.find((g) => g.consent_purposes.includes(input.purpose));
      if (!grant) throw invalid(message('EXCHANGE_CONSENT_NOT_NEEDED', { purpose: input.purpose }));
      const fields = [...new Set(input.fields)];
      const outside = fields.find((f) => !grant.fields.includes(f));
      if (outside) throw invalid(message('EXCHANGE_FIELD_NOT_OFFERED', { field: outside }));
      if (input.validUntil < today() || input.validUntil > grant.valid_until) throw invalid(message('EXCHANGE_CONSENT_VALIDITY', { until: formatIsoDate(grant.valid_until) }));
      return db.transaction(async (tx) => {
        const row = await store.insert(tx, {
          agencyId: agency.id, serviceCode: input.service, personalId: input.personalId, purpose: input.purpose, fieldsAsked: fields,
          validUntilAsked: input.validUntil, frequency: input.frequency,
        });
        await audited(tx, { subjectKind: 'exchange_consent', subjectId: String(row.id) });
        return agencyView(row);
      });
    },

    /** A request of the agency with its answer so far. */
    async consentOfAgency(agency: { id: number }, id: number) {
      const c = await store.ofAgency(agency.id, id);
      if (!c) throw new DomainError('EXCHANGE_CONSENT_NOT_FOUND');
      return agencyView(c);
    },

    /** Every consent asked of the citizen, pending first then newest. */
    async ownConsents(caller: CitizenCaller) {
      const rows = (await store.listOf(caller.personalId, 200)).map(citizenView);
      return [...rows.filter((c) => c.status === 'pending'), ...rows.filter((c) => c.status !== 'pending')];
    },

    /** The citizen approves, choosing among the fields asked and a validity up to the day asked, with an e-ID of the service's level. */
    async approveConsent(caller: CitizenCaller, id: number, input: { fields: string[]; validUntil: string }) {
      return db.transaction(async (tx) => {
        const c = await mine(tx, caller, id, true);
        if (c.status !== 'pending') throw new DomainError('EXCHANGE_CONSENT_DECIDED');
        if (caller.level < Number(c.consent_level)) throw new DomainError('EXCHANGE_CONSENT_LEVEL_REQUIRED', { level: c.consent_level });
        const fields = [...new Set(input.fields)];
        const outside = fields.find((f) => !c.fields_asked.includes(f));
        if (outside) throw invalid(message('EXCHANGE_CONSENT_FIELD', { field: outside }));
        if (input.validUntil < today() || input.validUntil > c.valid_until_asked) throw invalid(message('EXCHANGE_CONSENT_VALIDITY', { until: formatIsoDate(c.valid_until_asked) }));
        await store.decide(tx, id, { personId: caller.personId, status: 'approved', fields, validFrom: today(), validUntil: input.validUntil, level: caller.level });
        await audited(tx, { subjectKind: 'exchange_consent', subjectId: String(id) });
        return citizenView((await mine(tx, caller, id))!);
      });
    },

    async refuseConsent(caller: CitizenCaller, id: number) {
      return db.transaction(async (tx) => {
        const c = await mine(tx, caller, id, true);
        if (c.status !== 'pending') throw new DomainError('EXCHANGE_CONSENT_DECIDED');
        await store.decide(tx, id, { personId: caller.personId, status: 'refused', fields: [], validFrom: null, validUntil: null, level: caller.level });
        await audited(tx, { subjectKind: 'exchange_consent', subjectId: String(id) });
        return citizenView(await mine(tx, caller, id));
      });
    },

    /** Revocation takes effect at the agency's next query. */
    async revokeConsent(caller: CitizenCaller, id: number) {
      return db.transaction(async (tx) => {
        const c = await mine(tx, caller, id, true);
        if (c.status !== 'approved') throw new DomainError('EXCHANGE_CONSENT_NOT_ACTIVE');
        await store.revoke(tx, id);
        await audited(tx, { subjectKind: 'exchange_consent', subjectId: String(id) });
        return citizenView(await mine(tx, caller, id));
      });
    },

    /** The basis on which the gateway may answer `purpose` under `grant` about `personalId`. */
    async basisOf(agency: { id: number }, grant: GrantRow, purpose: string, personalId: string): Promise<Basis> {
      if (!grant.consent_purposes.includes(purpose)) return { kind: 'law' };
      const consent = await store.inForce(agency.id, grant.service_code, purpose, personalId, today());
      return consent ? { kind: 'consent', consent } : { kind: 'refused' };
    },

    /** Inside the query's transaction: a `once` consent is used up; false when it no longer answers (used or revoked meanwhile). */
    async useConsent(tx: Queryable, basis: Basis) {
      if (basis.kind !== 'consent') return basis.kind === 'law';
      // Checked again in the transaction: a consent revoked (or run out) since it was read answers no more.
      return basis.consent.frequency === 'periodic' ? store.stillInForce(tx, Number(basis.consent.id), today()) : store.useOnce(tx, Number(basis.consent.id), today());
    },

    /** The citizen's consent decisions for their access history (a revocation is its own item). */
    async consentHistory(personId: number, limit: number) {
      const rows = await store.decisionsOf(personId, limit);
      return rows.flatMap((c) => {
        const frequency = message(c.frequency === 'once' ? 'EXCHANGE_FREQUENCY_ONCE' : 'EXCHANGE_FREQUENCY_PERIODIC');
        const decided = {
          at: iso(c.decided_at!), agency: c.agency_name, fields: c.fields_asked, purpose: label(c.purpose), refused: false, reason: null,
          service: `${c.service_title} · ${c.status === 'refused' ? message('EXCHANGE_DECISION_REFUSED') : message('EXCHANGE_DECISION_APPROVED', { frequency, until: formatIsoDate(c.valid_until ?? '') })}`,
        };
        if (c.status !== 'refused') decided.fields = c.fields;
        return c.revoked_at === null ? [decided] : [decided, { ...decided, at: iso(c.revoked_at), service: `${c.service_title} · ${message('EXCHANGE_DECISION_REVOKED')}` }];
      });
    },
  };
}

export type Consents = ReturnType<typeof createConsents>;
