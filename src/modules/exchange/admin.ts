import type { Db, Queryable } from '../../platform/db.js';
import type { AreaScope, OfficerCaller } from '../../platform/access.js';
import { audited } from '../../platform/audit.js';
import { todayInVietnam } from '../../platform/time.js';
import { DomainError } from './errors.js';
import { message } from './messages.js';
import { checkJwks, type Agency, type PublicJwks } from './service.js';
import { createExchangeStore, type AgencyRow } from './store.js';
import { createUsageStore } from './usage-store.js';

export interface ExchangeAdminDeps {
  db: Db;
  provinceOf: (area: AreaScope) => Promise<string>;
  /** The public keys of a client authenticating with them (private_key_jwt), or undefined (a client_secret client). */
  clientJwks: (clientId: string, q?: Queryable) => Promise<PublicJwks | undefined>;
  /** Replaces those keys in the transaction; the provider reads them again within a few seconds. */
  setClientJwks: (q: Queryable, clientId: string, jwks: PublicJwks) => Promise<boolean>;
  /** Makes this node's calls read agencies and grants afresh (service.ts keeps them a few seconds). */
  forgetKept?: () => void;
  clock?: () => Date;
}

/** The longest span of days one usage report covers. */
export const USAGE_MAX_DAYS = 92;
const DAY_MS = 86_400_000;

/**
 * The gateway's administration beyond registration and grants: usage per day (the administrator, the data owner,
 * and an agency for its own calls), an agency's keys rotated (a key added while the old one stays valid, then the
 * old one retired), and an agency disabled.
 */
export function createExchangeAdmin(deps: ExchangeAdminDeps) {
  const { db } = deps;
  const store = createExchangeStore(db);
  const usageStore = createUsageStore(db);
  const invalid = (reason: string) => new DomainError('EXCHANGE_INVALID', { reason });

  /** The span asked, by default the last 30 days up to today (Asia/Ho_Chi_Minh). */
  function span(q: { from?: string; to?: string }) {
    const to = q.to ?? todayInVietnam(deps.clock?.() ?? new Date());
    const from = q.from ?? new Date(Date.parse(to) - 29 * DAY_MS).toISOString().slice(0, 10);
    const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1;
    if (!(days >= 1 && days <= USAGE_MAX_DAYS)) throw invalid(message('EXCHANGE_USAGE_SPAN', { max: USAGE_MAX_DAYS }));
    return { from, to };
  }

  async function report(provinceCode: string, agencyId: number | null, q: { from?: string; to?: string }) {
    const { from, to } = span(q);
    const [days, refusals] = await Promise.all([usageStore.grantDays(provinceCode, agencyId, from, to), usageStore.refusals(provinceCode, agencyId, from, to)]);
    return {
      from, to,
      days: days.map((d) => ({
        day: d.day, agencyId: Number(d.agency_id), agencyName: d.agency_name, grantId: Number(d.grant_id), service: d.service_code,
        calls: Number(d.calls), dailyQuota: Number(d.daily_quota), refusedNoConsent: Number(d.refused_no_consent),
      })),
      refusals: refusals.map((r) => ({ day: r.day, agencyId: Number(r.agency_id), agencyName: r.agency_name, endpoint: r.endpoint, status: Number(r.status), problem: r.problem, calls: Number(r.calls) })),
    };
  }

  /** The agency of the administrator's province that authenticates with keys, with those keys. */
  async function keyedAgency(caller: OfficerCaller, id: number) {
    const agency = await store.agency(id);
    if (!agency || agency.province_code !== (await deps.provinceOf(caller.area))) throw new DomainError('EXCHANGE_AGENCY_NOT_FOUND');
    const jwks = await deps.clientJwks(agency.client_id);
    if (!jwks) throw invalid(message('EXCHANGE_AGENCY_NO_KEYS'));
    return { agency, jwks };
  }

  /**
   * Changes an agency's keys from what they are when its row is held: two changes at once (a key added while another
   * is retired) follow each other, so neither writes back keys the other has just changed.
   */
  async function replaceKeys(agencyId: string, clientId: string, change: (current: PublicJwks) => Promise<PublicJwks>, kid: string) {
    return db.transaction(async (tx) => {
      await usageStore.holdAgency(tx, Number(agencyId));
      // Read after the hold, in the transaction: every earlier change has committed by then.
      const jwks = await change((await deps.clientJwks(clientId, tx)) ?? { keys: [] });
      await deps.setClientJwks(tx, clientId, jwks);
      await audited(tx, { subjectKind: 'exchange_agency', subjectId: agencyId, data: { kid } });
      return { agencyId: Number(agencyId), clientId, keys: jwks.keys };
    });
  }

  /** The agency of the administrator's province (another province's answers 404). */
  async function agencyOfProvince(caller: OfficerCaller, id: number) {
    const agency = await store.agency(id);
    if (!agency || agency.province_code !== (await deps.provinceOf(caller.area))) throw new DomainError('EXCHANGE_AGENCY_NOT_FOUND');
    return agency;
  }
  const agencyAs = (a: AgencyRow, active: boolean) => ({
    id: Number(a.id), name: a.name, legalBasis: a.legal_basis, clientId: a.client_id, provinceCode: a.province_code, active, createdAt: new Date(a.created_at).toISOString(),
  });

  return {
    /** Usage per agency × grant (service) × day in the caller's province, and the refused answers of the signed logs. */
    async usage(caller: OfficerCaller, q: { from?: string; to?: string; agencyId?: number }) {
      return report(await deps.provinceOf(caller.area), q.agencyId ?? null, q);
    },

    /** The same for the agency's own calls only. */
    async ownUsage(agency: Agency, q: { from?: string; to?: string }) {
      const row = await store.agency(agency.id);
      if (!row) throw new DomainError('EXCHANGE_AGENCY_UNKNOWN');
      const r = await report(row.province_code, agency.id, q);
      // A consent refusal is counted only when the person exists: told to the agency, it would say whether the
      // personal ID it asked about is in the registry (its answer was "consent required" either way).
      return { ...r, days: r.days.map(({ refusedNoConsent: _, ...d }) => d) };
    },

    /**
     * The agency's own calls, newest first, `limit` at a time before entry `before`: when, which service and purpose,
     * the answer's status and problem code, and the request's SHA-256 to match the agency's own records. No personal
     * ID, not even the one the agency sent: the entry number and hash find the call in its own system.
     */
    async ownCalls(agency: Agency, q: { before?: number; limit?: number }) {
      const limit = q.limit ?? 50;
      const rows = await usageStore.callsOf(agency.id, q.before ?? null, limit + 1);
      const calls = rows.slice(0, limit).map((r) => ({
        seq: Number(r.seq), at: new Date(r.at).toISOString(), method: r.method, path: r.path, service: r.service_code, purpose: r.purpose,
        status: Number(r.status), problem: r.problem, requestSha256: r.request_sha256,
      }));
      return { calls, nextBefore: rows.length > limit ? calls.at(-1)!.seq : null };
    },

    async keys(caller: OfficerCaller, id: number) {
      const { agency, jwks } = await keyedAgency(caller, id);
      return { agencyId: Number(agency.id), clientId: agency.client_id, keys: jwks.keys };
    },

    /** Adds a public key (its own kid); the agency's other keys stay valid until retired. */
    async addKey(caller: OfficerCaller, id: number, jwk: Record<string, unknown>) {
      const { agency } = await keyedAgency(caller, id);
      return replaceKeys(agency.id, agency.client_id, async (jwks) => {
        if (jwks.keys.some((k) => k.kid === jwk.kid)) throw invalid(message('EXCHANGE_KEY_KID_TAKEN', { kid: String(jwk.kid) }));
        return checkJwks({ keys: [...jwks.keys, jwk] });
      }, String(jwk.kid));
    },

    /** Retires a key: an assertion signed with it is refused from then on (tokens already issued run to their expiry). */
    async retireKey(caller: OfficerCaller, id: number, kid: string) {
      const { agency } = await keyedAgency(caller, id);
      return replaceKeys(agency.id, agency.client_id, async (jwks) => {
        if (!jwks.keys.some((k) => k.kid === kid)) throw new DomainError('EXCHANGE_KEY_NOT_FOUND');
        const keys = jwks.keys.filter((k) => k.kid !== kid);
        if (!keys.length) throw invalid(message('EXCHANGE_KEY_LAST'));
        return { keys };
      }, kid);
    },

    /** Disables an agency: its system's calls are refused (EXCHANGE_AGENCY_UNKNOWN) from the next request. */
    async disableAgency(caller: OfficerCaller, id: number) {
      const agency = await agencyOfProvince(caller, id);
      return db.transaction(async (tx) => {
        await usageStore.disableAgency(tx, id);
        await audited(tx, { subjectKind: 'exchange_agency', subjectId: String(id) });
        return agencyAs(agency, false);
      }).finally(() => deps.forgetKept?.());
    },

    /**
     * Lets a disabled agency call again, with the administrator's reason in the audit entry: its grants, keys and
     * log are as they were (a grant that expired meanwhile stays expired). An agency already active is refused.
     */
    async enableAgency(caller: OfficerCaller, id: number, input: { reason: string }) {
      const reason = input.reason.trim();
      if (!reason) throw invalid(message('EXCHANGE_REASON_EMPTY'));
      const agency = await agencyOfProvince(caller, id);
      return db.transaction(async (tx) => {
        if (!(await usageStore.enableAgency(tx, id))) throw invalid(message('EXCHANGE_AGENCY_ACTIVE'));
        await audited(tx, { subjectKind: 'exchange_agency', subjectId: String(id), data: { reason } });
        return agencyAs(agency, true);
      }).finally(() => deps.forgetKept?.());
    },
  };
}

export type ExchangeAdmin = ReturnType<typeof createExchangeAdmin>;
