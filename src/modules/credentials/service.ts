import { randomBytes } from 'node:crypto';
import { CompactSign } from 'jose';
import type { Db, Queryable } from '../../platform/db.js';
import { actorOf, audited, type AuditWriter } from '../../platform/audit.js';
import { currentContext } from '../../platform/context.js';
import { createBatcher } from '../../platform/batch.js';
import { DomainError } from './errors.js';
import { MESSAGES, message, type MessageKey } from './messages.js';
import type { AreaScope, CitizenCaller, OfficerCaller, VerifierCaller } from '../../platform/access.js';
import { maskPersonalId, normalizeName, type RegistryService } from '../registry/index.js';
import { todayInVietnam } from '../../platform/time.js';
import { createCredentialStore, type RelyingPartyRow } from './store.js';
import { loadCredentialKeys, rotateCredentialKeys, type CredentialKeys } from './keys.js';
import { looksLikeJws, signIdentityToken, QR_GRACE_SECONDS, type IdentityClaims } from './identity-qr.js';
import { CHIP_FACE_FIELD, CHIP_FACE_LABEL, FIELD_LABELS, IDENTITY_FIELDS, RELYING_PARTY_TYPES, fieldValues, isIdentityField, type IdentityField, type RelyingPartyType } from './fields.js';
import type { Reason, VerificationOutcome } from './schema.js';
import { createRelyingPartyService, type RelyingPartyInput } from './relying-parties.js';
import { createTrustListService } from './trust-list.js';
import { createWalletService } from './wallet-service.js';
import { createCardCheckGuard } from './card-qr-guard.js';
import { SPECS } from './wallet/index.js';
import type { ChipInput } from './chip/index.js';
import { reason, type Finding } from './verify/finding.js';
import { createVerificationLog } from './verify/log.js';
import { verifyIdentityQr, type IdentityQrSteps } from './verify/identity-qr.js';
import { verifyCardQr, type CardQrSteps } from './verify/card-qr.js';
import { verifyWalletDocument } from './verify/wallet.js';
import { checkChipForUpgrade, verifyChip, type ChipSteps } from './verify/chip.js';

export interface CredentialDeps {
  db: Db;
  registry: RegistryService;
  audit: AuditWriter;
  /** DA06_SECRET_KEY: seals signing keys, keys the API-key HMAC. */
  masterKey: string;
  /** `iss` of identity QR tokens: the platform's public URL. */
  issuer: string;
  qrSeconds: number;
  /** Officers' usernames by id, from the identity module (its `officers` table is not read here). */
  staffNames: (ids: number[]) => Promise<Map<number, string>>;
}

/** The reason as it was shown at the time (older rows: the catalogue text of its code). */
function reasonText(r: { reason: string | null; reason_text: string | null }): string | null {
  if (r.reason_text) return r.reason_text;
  return r.reason && r.reason in MESSAGES ? message(r.reason as MessageKey) : r.reason;
}

/** Why a counter reads back its own verifications. */
const RECENT_PURPOSE = 'Đơn vị xem lại các lần xác thực tại quầy';

/** Labels of every wallet document claim for the citizen's history (where types word a claim differently, the last one). */
const WALLET_CLAIM_LABELS = new Map(Object.values(SPECS).flatMap((spec) => spec.claims.map((c) => [c.claim, c.label] as const)));

/** Text that is neither an identity QR, a wallet document nor a printed card QR: it identifies nobody. */
const unreadable = async (): Promise<Finding> => ({ method: 'identity_qr', outcome: { reasons: [reason('VERIFY_QR_UNREADABLE')] } });

export function createCredentialService(deps: CredentialDeps) {
  const { db, registry } = deps;
  const store = createCredentialStore(db);
  /** The signing keys, loaded on first use and again after a rotation or an unknown kid. */
  let keys: CredentialKeys | undefined;
  const relyingParties = createRelyingPartyService(db, deps.masterKey);
  const trustList = createTrustListService(db);
  const cardChecks = createCardCheckGuard({ db, audit: deps.audit, registry });
  const { verification: walletSteps, ...wallet } = createWalletService({
    db, registry, masterKey: deps.masterKey, issuer: deps.issuer, keys: () => signingKeys(),
  });
  /** Token lookups of requests that arrive together leave as one query. */
  const tokenSubjects = createBatcher((jtis: string[]) => store.findTokenSubjects(jtis));
  const log = createVerificationLog(db, store);

  async function signingKeys(reload = false): Promise<CredentialKeys> {
    if (reload) keys = undefined;
    keys ??= await loadCredentialKeys(db, deps.masterKey);
    return keys;
  }

  const relyingParty = (id: number) => relyingParties.active(id);

  const identityQrSteps: IdentityQrSteps = {
    issuer: deps.issuer, keys: signingKeys, tokenSubject: (jti) => tokenSubjects.load(jti), portrait: (personId) => registry.unsafePortrait(personId),
  };
  const cardQrSteps: CardQrSteps = { cardChecks, registry };
  const chipSteps: ChipSteps = { trustList: () => trustList.current(), useChallenge: (c, rp) => store.useChallenge(c, rp), registry };

  /** One verification at the counter: its steps find the outcome, then it is logged once (verify/log.ts). */
  async function verifyAt(verifier: VerifierCaller, steps: (rp: RelyingPartyRow) => Promise<Finding>): Promise<VerificationOutcome> {
    const rp = await relyingParty(verifier.relyingPartyId);
    const verifiedAt = new Date().toISOString();
    const finding = await steps(rp);
    return log.record(verifier, rp, finding, verifiedAt);
  }

  /** An administrator's change (routes.ts declares its action): the change and its audit entry commit together. */
  const administered = <T>(subjectKind: string, change: (tx: Queryable) => Promise<{ result: T; subjectId: string }>) => db.transaction(async (tx) => {
    const { result, subjectId } = await change(tx);
    await audited(tx, { subjectKind, subjectId });
    return result;
  });

  /** Agencies' queries of a person through the exchange gateway (set by the composition root), shown in the same history. */
  let agencyQueries: ((personId: number) => Promise<{ at: string; agency: string; service: string; fields: string[]; purpose: string; refused?: boolean; reason?: string | null; heading?: string }[]>) | undefined;

  return {
    /** The exchange module's queries of a person, for the citizen's history (the composition root wires it). */
    useAgencyQueries(source: NonNullable<typeof agencyQueries>) {
      agencyQueries = source;
    },

    async jwks() {
      return (await signingKeys()).jwks;
    },

    /**
     * A signer with da06's current credential key: compact JWS (ES256) of a payload as is, verifiable with
     * /.well-known/jwks.json. The key is loaded before it returns, so signing reads no database (inside a transaction).
     */
    async jwsSigner(): Promise<(payload: string, typ: string) => Promise<string>> {
      const { current } = await signingKeys();
      return (payload, typ) => new CompactSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg: 'ES256', typ, kid: current.kid }).sign(current.privateKey);
    },

    async rotateKeys() {
      const kid = await rotateCredentialKeys(db, deps.masterKey);
      keys = undefined;
      return kid;
    },

    /**
     * A fresh identity QR for the signed-in citizen with the fields they chose. The token is valid for
     * the refresh interval plus a grace period; the page asks for the next one at `refreshAt`.
     */
    async issueIdentityQr(caller: CitizenCaller, fields: string[]) {
      const chosen = IDENTITY_FIELDS.filter((f) => fields.includes(f));
      if (fields.some((f) => !isIdentityField(f))) throw new DomainError('VALIDATION_FAILED');
      const facts = await registry.unsafeIdentityFacts(caller.personId, { actorKind: 'citizen', actorId: String(caller.accountId) }, chosen, 'Công dân tạo mã QR định danh');
      if (!facts || facts.deceased) throw new DomainError('CITIZEN_ACCOUNT_LOCKED', { reason: message('VERIFY_PERSON_DECEASED') });
      const now = Math.floor(Date.now() / 1000);
      const jti = randomBytes(16).toString('base64url');
      const claims: IdentityClaims = { iss: deps.issuer, jti, iat: now, exp: now + deps.qrSeconds + QR_GRACE_SECONDS, loa: caller.level };
      const values = fieldValues({ ...facts, address: facts.residence.address }, todayInVietnam());
      for (const f of chosen) {
        const v = values[f];
        // The portrait is never in the code (PORTRAIT_FIELD): fieldValues has none here.
        if (v !== null && v !== undefined) (claims as unknown as Record<string, unknown>)[f] = v;
      }
      const k = await signingKeys();
      await store.insertToken({ jti, accountId: caller.accountId, fields: chosen, expiresAt: new Date(claims.exp * 1000) });
      if (Math.random() < 0.01) await store.deleteTokensExpiredBefore(24 * 60 * 60);
      return {
        token: signIdentityToken(claims, k.current),
        fields: chosen,
        issuedAt: new Date(now * 1000).toISOString(),
        refreshAt: new Date((now + deps.qrSeconds) * 1000).toISOString(),
        refreshInSeconds: deps.qrSeconds,
        expiresAt: new Date(claims.exp * 1000).toISOString(),
      };
    },

    /** Verifies what a counter scanned: an identity QR (signed token), a wallet document or the QR printed on an ID card. */
    async verify(verifier: VerifierCaller, text: string): Promise<VerificationOutcome> {
      const scanned = text.trim();
      return verifyAt(verifier, (rp) => {
        if (looksLikeJws(scanned)) return verifyIdentityQr(identityQrSteps, rp, scanned);
        if (scanned.includes('~')) return verifyWalletDocument(walletSteps, scanned);
        if (scanned.includes('|')) return verifyCardQr(cardQrSteps, verifier, rp, scanned);
        return unreadable();
      });
    },

    wallet,

    /** A chip card read at the counter (ICAO 9303): verify/chip.ts. */
    async verifyChip(verifier: VerifierCaller, input: ChipInput): Promise<VerificationOutcome> {
      return verifyAt(verifier, (rp) => verifyChip(chipSteps, rp, input));
    },

    /** A fresh challenge for the chip's INTERNAL AUTHENTICATE (active authentication), valid two minutes, once. */
    async chipChallenge(verifier: VerifierCaller) {
      const rp = await relyingParty(verifier.relyingPartyId);
      const challenge = randomBytes(8).toString('base64');
      await store.insertChallenge(challenge, Number(rp.id), 120);
      return { challenge, expiresAt: new Date(Date.now() + 120_000).toISOString() };
    },

    /** The chip check before raising an e-ID to level 2: the reasons the chip does not prove this person's card (none = it does). */
    chipCheckForUpgrade: (personalId: string, input: ChipInput): Promise<Reason[]> => checkChipForUpgrade(chipSteps, personalId, input),

    trustList,

    /** The citizen's "Lịch sử sử dụng": every verification of them at a counter. */
    async historyOf(caller: CitizenCaller, limit = 100) {
      const rows = await store.verificationsOfPerson(caller.personId, limit);
      const counters = rows.map((r) => ({
        at: new Date(r.at).toISOString(), method: r.method, result: r.result, reason: reasonText(r),
        fields: r.fields.map((f) => (r.method === 'wallet' ? WALLET_CLAIM_LABELS.get(f) : f === CHIP_FACE_FIELD ? CHIP_FACE_LABEL : FIELD_LABELS[f as IdentityField]) ?? f), purpose: r.purpose, relyingParty: r.relying_party,
        relyingPartyType: RELYING_PARTY_TYPES[r.type as RelyingPartyType] ?? r.type,
      }));
      // An agency's query is a use of the citizen's data as a counter's verification is: by default in the same list.
      const queries = (await agencyQueries?.(caller.personId)) ?? [];
      const exchanged = queries.map((q) => ({
        at: q.at, method: 'exchange', result: q.refused ? 'invalid' : 'valid', reason: q.reason ?? null, fields: q.fields, purpose: q.purpose, relyingParty: q.agency,
        // An item that is no agency's query (a citizen's own answer to a sector list) brings its own heading.
        relyingPartyType: q.heading ?? `${message('HISTORY_EXCHANGE')}: ${q.service}`,
      }));
      return [...counters, ...exchanged].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, limit);
    },

    /**
     * The counter's own verifications, a page at a time, newest first: the outcome, the fields shown, and the
     * person as far as the counter was shown them (name and masked personal ID only where its purpose let the
     * verification show them). `q` searches what the counter was shown: digits a personal ID, else a name.
     * Each person listed is a read of personal data: one entry each, durable before the answer leaves.
     */
    async recentAt(verifier: VerifierCaller, f: { q?: string; limit?: number; offset?: number } = {}) {
      const q = f.q?.trim() ?? '';
      const digits = /^\d{3,12}$/.test(q);
      const page = await store.verificationsOfRelyingParty(verifier.relyingPartyId, {
        nameNorm: q && !digits ? normalizeName(q) || undefined : undefined, personalId: digits ? q : undefined, limit: f.limit ?? 20, offset: f.offset ?? 0,
      });
      const rows = page.rows;
      const staff = await deps.staffNames([...new Set(rows.flatMap((r) => (r.staff_id === null ? [] : [Number(r.staff_id)])))]);
      const ctx = currentContext();
      if (!ctx) throw new Error('recentAt outside a request');
      await deps.audit.recordAll(rows.filter((r) => r.personal_id && (r.shown_name || r.shown_personal_id)).map((r) => ({
        ...actorOf(ctx), action: 'credential.verification.desk-read' as const, subjectKind: 'person', subjectId: r.personal_id!,
        fields: [...(r.shown_name ? ['full_name'] : []), ...(r.shown_personal_id ? ['personal_id'] : [])], purpose: ctx.purpose ?? RECENT_PURPOSE, requestId: ctx.requestId,
      })));
      return {
        total: page.total,
        items: rows.map((r) => ({
          id: Number(r.id), at: new Date(r.at).toISOString(), method: r.method, result: r.result, reason: reasonText(r), fields: r.fields,
          staff: r.staff_id === null ? null : staff.get(Number(r.staff_id)) ?? null,
          identified: r.personal_id !== null, fullName: r.shown_name, personalId: r.shown_personal_id === null ? null : maskPersonalId(r.shown_personal_id),
        })),
      };
    },

    relyingParties,

    /** An administrator registers a counter of their province (`withApiKey`: its system may call with a key shown once). */
    addRelyingParty: async (caller: OfficerCaller, input: RelyingPartyInput, withApiKey: boolean) => {
      const withinProvince = await registry.provinceOf(caller.area);
      return administered('relying_party', async (tx) => {
        const created = await relyingParties.add(input, { withApiKey, withinProvince, tx });
        return { result: created, subjectId: created.relyingParty.code };
      });
    },

    updateRelyingParty: async (caller: OfficerCaller, id: number, input: Omit<RelyingPartyInput, 'code' | 'provinceCode'> & { active: boolean }) => {
      const withinProvince = await registry.provinceOf(caller.area);
      return administered('relying_party', async (tx) => {
        const updated = await relyingParties.update(id, input, withinProvince, tx);
        return { result: updated, subjectId: updated.code };
      });
    },

    /** A new API key replaces the old one at once; it is shown once. */
    newApiKey: async (caller: OfficerCaller, id: number) => {
      const withinProvince = await registry.provinceOf(caller.area);
      return administered('relying_party', async (tx) => {
        const { key, code } = await relyingParties.newApiKey(id, withinProvince, tx);
        return { result: { apiKey: key }, subjectId: code };
      });
    },

    addCsca: (pem: string) => administered('csca', async (tx) => {
      const added = await trustList.add(pem, tx);
      return { result: added, subjectId: added.fingerprint };
    }),

    removeCsca: (fingerprint: string) => administered('csca', async (tx) => ({ result: undefined, subjectId: await trustList.remove(fingerprint, tx) })),

    /** For the province's auditors: counters paused for comparing unsigned cards that did not match. */
    cardCheckPauses: (area: AreaScope) => cardChecks.pauses(area),

    /** The province an administrator manages relying parties of. */
    adminProvince: (caller: OfficerCaller) => registry.provinceOf(caller.area),

    /** Verifications per kind of counter in a period, with the kind's Vietnamese label. */
    async verificationsByType(from: Date, to: Date, provinceCode: string) {
      return (await store.verificationsByType(from, to, provinceCode)).map((r) => ({ ...r, label: RELYING_PARTY_TYPES[r.type as RelyingPartyType] ?? r.type }));
    },

    async relyingPartyOf(verifier: VerifierCaller) {
      return relyingParties.view(await relyingParty(verifier.relyingPartyId));
    },

    /** Requests per minute a relying party may make to the verification endpoints. */
    async rateOf(relyingPartyId: number): Promise<number> {
      return Number((await relyingParty(relyingPartyId)).rate_per_minute);
    },

    drain: () => log.drain(),
  };
}

export type CredentialService = ReturnType<typeof createCredentialService>;
