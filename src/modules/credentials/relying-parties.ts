import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../../platform/db.js';
import type { RelyingPartyCaller } from '../../platform/access.js';
import { deriveKey, hmac } from '../../platform/crypto.js';
import { DomainError } from './errors.js';
import { message } from './messages.js';
import { createCredentialStore, type RelyingPartyRow } from './store.js';
import { IDENTITY_FIELDS, RELYING_PARTY_TYPES, isIdentityField, type RelyingPartyType } from './fields.js';

/**
 * Relying parties: the counters (hospitals, lodgings, notaries, pawn shops, driving-test and exam
 * centres, ticket offices) that verify people. Each has a purpose and the fields that purpose allows;
 * its staff sign in as rp_staff officers, its own system may call with an API key.
 */
export interface RelyingPartyInput {
  code: string;
  name: string;
  type: RelyingPartyType;
  purpose: string;
  allowedFields: string[];
  minLevel: 1 | 2;
  provinceCode: string;
  ratePerMinute?: number;
}

const API_KEY_PREFIX = 'da06rp_';
const CACHE_MS = 5_000;
const DEFAULT_RATE = 600;

function view(r: RelyingPartyRow) {
  return {
    id: Number(r.id), code: r.code, name: r.name, type: r.type, typeLabel: RELYING_PARTY_TYPES[r.type as RelyingPartyType] ?? r.type,
    purpose: r.purpose, allowedFields: r.allowed_fields, minLevel: Number(r.min_level), provinceCode: r.province_code,
    ratePerMinute: Number(r.rate_per_minute), active: r.active, hasApiKey: r.has_api_key, createdAt: new Date(r.created_at).toISOString(),
  };
}
export type RelyingPartyView = ReturnType<typeof view>;

function validate(input: Omit<RelyingPartyInput, 'code' | 'provinceCode'>) {
  const invalid = (reason: string) => new DomainError('RELYING_PARTY_INVALID', { reason });
  // The reason names the position, never the submitted text.
  const unknown = input.allowedFields.findIndex((f) => !isIdentityField(f));
  if (unknown >= 0) throw invalid(message('RP_FIELDS_UNKNOWN', { field: `allowedFields[${unknown}]`, known: IDENTITY_FIELDS.join(', ') }));
  if (!input.allowedFields.length) throw invalid(message('RP_FIELDS_EMPTY'));
  if (!(input.type in RELYING_PARTY_TYPES)) throw invalid(message('RP_TYPE_UNKNOWN', { known: Object.keys(RELYING_PARTY_TYPES).join(', ') }));
  if (!input.name.trim() || !input.purpose.trim()) throw invalid(message('RP_NAME_PURPOSE'));
}

export function createRelyingPartyService(db: Db, masterKey: string) {
  const store = createCredentialStore(db);
  const keyHmac = deriveKey(masterKey, 'relying-party-api-keys');
  const byId = new Map<number, { rp: RelyingPartyRow; until: number }>();
  const byKey = new Map<string, { caller: RelyingPartyCaller | null; until: number }>();

  function newApiKey() {
    const key = API_KEY_PREFIX + randomBytes(24).toString('base64url');
    return { key, hash: hmac(keyHmac, key) };
  }
  const storeIn = (tx: Queryable | undefined) => (tx ? createCredentialStore(tx) : store);
  function forget(id?: number) {
    if (id === undefined) byId.clear();
    else byId.delete(id);
    byKey.clear();
  }

  return {
    /** An active relying party (cached for a few seconds); a deactivated one is refused. */
    async active(id: number): Promise<RelyingPartyRow> {
      const hit = byId.get(id);
      if (hit && hit.until > Date.now()) return hit.rp;
      const rp = await store.findRelyingParty(id);
      if (!rp || !rp.active) throw new DomainError('RELYING_PARTY_INACTIVE');
      byId.set(id, { rp, until: Date.now() + CACHE_MS });
      return rp;
    },

    view,

    /**
     * `withinProvince`: an administrator registers relying parties of the province they administer only;
     * the operator (CLI) and lodging approvals name any province. `tx`: the transaction the caller audits the change in.
     */
    async add(input: RelyingPartyInput, opts: { withApiKey: boolean; withinProvince?: string; tx?: Queryable }) {
      if (opts.withinProvince !== undefined && input.provinceCode !== opts.withinProvince) throw new DomainError('RELYING_PARTY_OUT_OF_AREA');
      validate(input);
      const key = opts.withApiKey ? newApiKey() : null;
      const row = await storeIn(opts.tx).insertRelyingParty({ ...input, apiKeyHash: key?.hash ?? null, ratePerMinute: input.ratePerMinute ?? DEFAULT_RATE });
      if (!row) throw new DomainError('RELYING_PARTY_EXISTS');
      return { relyingParty: view(row), apiKey: key?.key ?? null };
    },

    /** One of another province than `withinProvince` reads as absent (404), like any record out of area. */
    async update(id: number, input: Omit<RelyingPartyInput, 'code' | 'provinceCode'> & { active: boolean }, withinProvince?: string, tx?: Queryable) {
      validate(input);
      const row = await storeIn(tx).updateRelyingParty(id, { ...input, ratePerMinute: input.ratePerMinute ?? DEFAULT_RATE }, withinProvince);
      if (!row) throw new DomainError('RELYING_PARTY_NOT_FOUND');
      forget(id);
      return view(row);
    },

    /** Lets a relying party verify again, or stops it (a suspended lodging facility). */
    async setActive(id: number, active: boolean, tx?: Queryable): Promise<void> {
      await storeIn(tx).setRelyingPartyActive(id, active);
      forget(id);
    },

    /** A new API key replaces the old one at once; it is shown once. */
    async newApiKey(id: number, withinProvince?: string, tx?: Queryable): Promise<{ key: string; code: string }> {
      const rp = await storeIn(tx).findRelyingParty(id);
      if (!rp || (withinProvince !== undefined && rp.province_code !== withinProvince)) throw new DomainError('RELYING_PARTY_NOT_FOUND');
      const key = newApiKey();
      await storeIn(tx).setApiKeyHash(id, key.hash);
      forget(id);
      return { key: key.key, code: rp.code };
    },

    async list(withinProvince?: string) {
      const [rows, counts] = await Promise.all([store.listRelyingParties(withinProvince), store.verificationCounts()]);
      const byRp = new Map(counts.map((c) => [c.relying_party_id, c]));
      return rows.map((r) => {
        const c = byRp.get(Number(r.id));
        return { ...view(r), verifications: c?.total ?? 0, valid: c?.valid ?? 0, lastVerificationAt: c?.last_at ? new Date(c.last_at).toISOString() : null };
      });
    },

    async findByCode(code: string) {
      const row = await store.findRelyingPartyByCode(code);
      return row ? view(row) : undefined;
    },

    /** Resolves `Authorization: Bearer da06rp_...` to its relying party (cached briefly, misses too). */
    async resolveApiKey(authorization: string | undefined): Promise<RelyingPartyCaller | undefined> {
      if (!authorization?.startsWith(`Bearer ${API_KEY_PREFIX}`) || authorization.length > 100) return undefined;
      // Cached by the key itself: a hit (every call of a counter's system within the cache's life) costs no
      // HMAC. Only the database holds the HMAC, so a copy of it still opens nothing.
      const key = authorization.slice('Bearer '.length);
      const hit = byKey.get(key);
      if (hit && hit.until > Date.now()) return hit.caller ?? undefined;
      const row = await store.findRelyingPartyByKeyHash(hmac(keyHmac, key));
      const caller: RelyingPartyCaller | null = row ? { kind: 'relying_party', relyingPartyId: Number(row.id) } : null;
      byKey.set(key, { caller, until: Date.now() + CACHE_MS });
      if (byKey.size > 10_000) byKey.delete(byKey.keys().next().value as string);
      return caller ?? undefined;
    },
  };
}

export type RelyingPartyService = ReturnType<typeof createRelyingPartyService>;
