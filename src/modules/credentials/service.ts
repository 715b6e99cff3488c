import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../../platform/db.js';
import { appendAudit, type AuditEntry, type AuditWriter } from '../../platform/audit.js';
import { GroupCommit } from '../../platform/group-commit.js';
import { createBatcher } from '../../platform/batch.js';
import { DomainError } from './errors.js';
import { MESSAGES, message, type MessageKey } from './messages.js';
import type { AreaScope, CitizenCaller, OfficerCaller, VerifierCaller } from '../../platform/access.js';
import type { RegistryService } from '../registry/index.js';
import { todayInVietnam } from '../../platform/time.js';
import { createCredentialStore, type RelyingPartyRow, type VerificationInsert } from './store.js';
import { loadCredentialKeys, rotateCredentialKeys, type CredentialKeys } from './keys.js';
import { checkIdentityToken, looksLikeJws, signIdentityToken, QR_GRACE_SECONDS, type IdentityClaims } from './identity-qr.js';
import { CARD_QR_NOTICE, compareCardWithRegistry, parseCardQr, type CardComparedField, type CardComparison, type ComparableCard } from './card-qr.js';
import { FIELD_LABELS, IDENTITY_FIELDS, RELYING_PARTY_TYPES, fieldValues, isIdentityField, pick, type IdentityField, type RelyingPartyType } from './fields.js';
import { createRelyingPartyService } from './relying-parties.js';
import { createTrustListService } from './trust-list.js';
import { createWalletService } from './wallet-service.js';
import { CARD_QR_FAILURES_PER_COUNTER, CARD_QR_FAILURES_PER_ID, CARD_QR_WINDOW_HOURS, createCardCheckGuard, type CardCheckPause } from './card-qr-guard.js';
import { SPECS } from './wallet/index.js';
import { ChipInputError, passiveAuthenticate, type ChipCheck, type ChipInput, type PassiveAuthReport } from './chip/index.js';

export interface CredentialDeps {
  db: Db;
  registry: RegistryService;
  audit: AuditWriter;
  /** DA06_SECRET_KEY: seals signing keys, keys the API-key HMAC. */
  masterKey: string;
  /** `iss` of identity QR tokens: the platform's public URL. */
  issuer: string;
  qrSeconds: number;
}

export type VerificationMethod = 'identity_qr' | 'card_qr' | 'chip' | 'wallet';

export interface Reason {
  code: string;
  message: string;
}

/** What a counter sees after a verification; `person` holds only the relying party's allowed fields. */
export interface VerificationOutcome {
  method: VerificationMethod;
  valid: boolean;
  reasons: Reason[];
  level: 1 | 2 | null;
  person: Partial<Record<IdentityField, string | boolean | null>>;
  /** Allowed fields the citizen chose not to show. */
  withheld: IdentityField[];
  issuedAt: string | null;
  expiresAt: string | null;
  verifiedAt: string;
  relyingParty: { name: string; purpose: string };
  /**
   * Card QR and chip: how what the card says compares with the registry. An authentic chip names the
   * differing fields (never registry values); unsigned card data gets only 'match' or 'unconfirmed'.
   */
  registry: { status: CardComparison['status'] | 'number_cancelled' | 'unconfirmed'; differences: { field: string; label: string; kind: string }[] } | null;
  /** What the counter must keep in mind (a printed QR proves nothing about the card). */
  notice: string | null;
  /** Chip: each step of passive authentication, separately. */
  checks: ChipCheck[] | null;
  /** Wallet document: its type and the claims the citizen chose to show. */
  document: { type: string; typeLabel: string; claims: { claim: string; label: string; text: string }[]; withheld: string[] } | null;
}

interface LogItem {
  row: VerificationInsert;
  audit: AuditEntry | null;
  /** An identity QR seen for the first time: claimed for this relying party when the batch commits. */
  claim?: { jti: string; relyingPartyId: number };
  /** Set by the batch when another counter claimed the token first. */
  replayed: boolean;
}

/** Another counter verified this QR first: nothing is shown. */
function replayed(outcome: VerificationOutcome) {
  outcome.valid = false;
  outcome.reasons = [reason('VERIFY_QR_REPLAYED')];
  outcome.person = {};
  outcome.withheld = [];
}

/** The reason as it was shown at the time (older rows: the catalogue text of its code). */
function reasonText(r: { reason: string | null; reason_text: string | null }): string | null {
  if (r.reason_text) return r.reason_text;
  return r.reason && r.reason in MESSAGES ? message(r.reason as MessageKey) : r.reason;
}

/** Labels of every wallet document claim for the citizen's history (where types word a claim differently, the last one). */
const WALLET_CLAIM_LABELS = new Map(Object.values(SPECS).flatMap((spec) => spec.claims.map((c) => [c.claim, c.label] as const)));

const CARD_FIELD_LABELS: Record<CardComparedField, string> = {
  personalId: FIELD_LABELS.personal_id, fullName: FIELD_LABELS.full_name, dateOfBirth: FIELD_LABELS.date_of_birth, sex: FIELD_LABELS.sex,
  legacyId: 'Số CMND cũ',
};

const reason = (code: MessageKey, params?: Record<string, unknown>): Reason => ({ code, message: message(code, params) });

/** Why a counter may not compare unsigned card data now; the same whether or not the ID exists. */
function pausedReason(pause: CardCheckPause): Reason {
  return pause === 'personal_id'
    ? reason('VERIFY_CARD_CHECKS_PAUSED', { count: CARD_QR_FAILURES_PER_ID, hours: CARD_QR_WINDOW_HOURS })
    : reason('VERIFY_CARD_CHECKS_PAUSED_COUNTER', { count: CARD_QR_FAILURES_PER_COUNTER, hours: CARD_QR_WINDOW_HOURS });
}


export function createCredentialService(deps: CredentialDeps) {
  const { db, registry } = deps;
  const store = createCredentialStore(db);
  /** The signing keys, loaded on first use and again after a rotation or an unknown kid. */
  let keys: CredentialKeys | undefined;
  const relyingParties = createRelyingPartyService(db, deps.masterKey);
  const trustList = createTrustListService(db);
  const cardChecks = createCardCheckGuard({ db, audit: deps.audit, registry });
  const wallet = createWalletService({ db, registry, audit: deps.audit, masterKey: deps.masterKey, issuer: deps.issuer, keys: () => signingKeys() });
  /** Token lookups of requests that arrive together leave as one query. */
  const tokenSubjects = createBatcher((jtis: string[]) => store.findTokenSubjects(jtis));

  /** Passive authentication against the trust list; input that cannot be decoded is a reason, not an error. */
  async function authenticateChip(input: ChipInput): Promise<{ report?: PassiveAuthReport; problem?: Reason }> {
    try {
      return { report: passiveAuthenticate(input, { trustList: await trustList.current() }) };
    } catch (err) {
      if (err instanceof ChipInputError) return { problem: { code: err.code, message: err.message } };
      throw err;
    }
  }

  /**
   * What the chip says about its holder, as a card to compare with the registry, plus the reasons the
   * chip itself is not acceptable (failed checks, expired card, no DG13 to compare).
   */
  function chipFindings(report: PassiveAuthReport): { card: ComparableCard | null; reasons: Reason[] } {
    const reasons: Reason[] = report.checks.filter((c) => c.status === 'fail').map((c) => ({ code: c.code, message: c.message }));
    const expiry = report.dg13?.expiresOn ?? report.dg1?.dateOfExpiry ?? null;
    if (expiry && /^\d{4}-\d{2}-\d{2}$/.test(expiry) && expiry < todayInVietnam()) reasons.push(reason('VERIFY_CARD_EXPIRED', { date: expiry.split('-').reverse().join('/') }));
    const d = report.dg13;
    if (!d?.personalId || !d.fullName || !d.dateOfBirth || !d.sex) {
      reasons.push(reason('VERIFY_CHIP_NO_DG13'));
      return { card: null, reasons };
    }
    return { card: { personalId: d.personalId, fullName: d.fullName, dateOfBirth: d.dateOfBirth, sex: d.sex === 'F' ? 'Nữ' : 'Nam', legacyId: d.legacyId ?? null }, reasons };
  }

  /**
   * Each verification is a row in `verifications` and an entry in the audit chain, committed together in
   * groups; an identity QR seen for the first time is claimed for its relying party in the same
   * transaction, and one already claimed by another counter turns the verification into a replay.
   */
  const log = new GroupCommit<LogItem>(db, async (tx: Queryable, items) => {
    // Decided afresh on each call: a group that failed is written again member by member (GroupCommit).
    const claiming = items.filter((i) => i.claim);
    const owners = claiming.length ? await store.claimTokens(tx, claiming.map((i) => i.claim!)) : new Map<string, number>();
    for (const i of items) i.replayed = !!i.claim && owners.get(i.claim.jti) !== i.claim.relyingPartyId;
    await store.insertVerifications(items.map((i) => (i.replayed
      ? { ...i.row, result: 'invalid' as const, reason: 'VERIFY_QR_REPLAYED', reasonText: message('VERIFY_QR_REPLAYED'), fields: [] }
      : i.row)), tx);
    const entries = items.flatMap((i) => (i.audit && !i.replayed ? [i.audit] : []));
    if (entries.length) await appendAudit(tx, entries);
  });

  async function signingKeys(): Promise<CredentialKeys> {
    keys ??= await loadCredentialKeys(db, deps.masterKey);
    return keys;
  }

  const relyingParty = (id: number) => relyingParties.active(id);

  function outcomeBase(rp: RelyingPartyRow, method: VerificationMethod): VerificationOutcome {
    return {
      method, valid: false, reasons: [], level: null, person: {}, withheld: [], issuedAt: null, expiresAt: null,
      verifiedAt: new Date().toISOString(), relyingParty: { name: rp.name, purpose: rp.purpose }, registry: null, notice: null, checks: null, document: null,
    };
  }

  /**
   * Logs a verification. `holder` is the person it identified (none for unreadable input); `fields`
   * are what was shown (default: the person fields of the outcome); `claim` a fresh identity QR to claim.
   */
  async function record(
    verifier: VerifierCaller, rp: RelyingPartyRow, outcome: VerificationOutcome, requestId: string | undefined,
    who: { holder?: { personId: number | null; personalId: string } | null; fields?: string[]; claim?: { jti: string; relyingPartyId: number } } = {},
  ) {
    const { claim } = who;
    const personId = who.holder?.personId ?? null;
    const personalId = who.holder?.personalId ?? null;
    const fields = who.fields ?? Object.keys(outcome.person);
    const item: LogItem = {
      claim,
      replayed: false,
      row: {
        relyingPartyId: Number(rp.id), staffId: verifier.staffId, method: outcome.method, personId,
        result: outcome.valid ? 'valid' : 'invalid', reason: outcome.reasons[0]?.code ?? null, reasonText: outcome.reasons[0]?.message ?? null, fields, purpose: rp.purpose,
      },
      // A person identified is a read of their registry record, even when the answer shows no field; so is
      // a lookup of an unsigned card's number, found or not (both do the same work: card-qr-oracle.test.ts).
      audit: personalId
        ? {
          actorKind: verifier.staffId ? 'officer' : 'system', actorId: verifier.staffId ? String(verifier.staffId) : `rp:${rp.code}`, actorName: rp.name,
          action: `credential.verify.${outcome.method}`, subjectKind: 'person', subjectId: personalId, fields, purpose: rp.purpose, requestId,
        }
        : null,
    };
    await log.add(item);
    if (item.replayed) replayed(outcome);
  }

  /**
   * Card data nobody signed (the printed QR) against the registry. The caller may have made it up, so
   * the answer teaches nothing the card did not say: 'match' with the allowed fields when every
   * identifying field agrees with a living person whose number is in use, else one 'unconfirmed' for
   * an unknown number, any difference, a death or a cancelled number, all doing the same work. Failures
   * are bounded per counter and ID (card-qr-guard.ts). Returns whom the number names, for the log.
   */
  async function confirmUnsigned(verifier: VerifierCaller, rp: RelyingPartyRow, outcome: VerificationOutcome, card: ComparableCard, requestId?: string) {
    const check = await cardChecks.begin(rp, card.personalId, verifier.staffId);
    if (!check.allowed) {
      outcome.reasons.push(pausedReason(check.pause));
      return null;
    }
    const found = await registry.unsafeFindForVerification(card.personalId);
    const person = found && !found.numberCancelled ? found : null;
    const matched = compareCardWithRegistry(card, person).status === 'match';
    await check.settle(matched, requestId);
    outcome.registry = { status: matched ? 'match' : 'unconfirmed', differences: [] };
    outcome.valid = matched;
    if (matched) outcome.person = pick(fieldValues({ ...person! }, todayInVietnam()), rp.allowed_fields);
    else outcome.reasons.push(reason('VERIFY_CARD_UNCONFIRMED'));
    return { personId: person?.personId ?? null, personalId: card.personalId };
  }

  return {
    async jwks() {
      return (await signingKeys()).jwks;
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
        if (v !== null) (claims as unknown as Record<string, unknown>)[f] = v;
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

    /** Verifies what a counter scanned: an identity QR (signed token) or the QR printed on an ID card. */
    async verify(verifier: VerifierCaller, text: string, requestId?: string): Promise<VerificationOutcome> {
      const rp = await relyingParty(verifier.relyingPartyId);
      const scanned = text.trim();
      if (looksLikeJws(scanned)) return this.verifyIdentityQr(verifier, rp, scanned, requestId);
      if (scanned.includes('~')) return this.verifyWalletDocument(verifier, rp, scanned, requestId);
      if (scanned.includes('|')) return this.verifyCardQr(verifier, rp, scanned, requestId);
      const outcome = outcomeBase(rp, 'identity_qr');
      outcome.reasons.push(reason('VERIFY_QR_UNREADABLE'));
      await record(verifier, rp, outcome, requestId);
      return outcome;
    },

    /**
     * The QR printed on a CCCD / căn cước card: parsed strictly, checked for internal consistency and
     * compared with the registry. Never proof of the card (the notice says so); valid means "the card's
     * text matches a living person in the registry". Anything else is one answer (confirmUnsigned).
     */
    async verifyCardQr(verifier: VerifierCaller, rp: RelyingPartyRow, text: string, requestId?: string): Promise<VerificationOutcome> {
      const outcome = outcomeBase(rp, 'card_qr');
      outcome.notice = CARD_QR_NOTICE;
      const parsed = parseCardQr(text);
      if (!parsed.ok) {
        for (const e of parsed.errors) outcome.reasons.push({ code: e.code, message: e.message });
        await record(verifier, rp, outcome, requestId);
        return outcome;
      }
      const holder = await confirmUnsigned(verifier, rp, outcome, parsed.card, requestId);
      await record(verifier, rp, outcome, requestId, { holder });
      return outcome;
    },

    /** A wallet document (SD-JWT VC) the citizen presented: signature, expiry, disclosures, revocation. */
    async verifyWalletDocument(verifier: VerifierCaller, rp: RelyingPartyRow, text: string, requestId?: string): Promise<VerificationOutcome> {
      const outcome = outcomeBase(rp, 'wallet');
      const { result, holder } = await wallet.verify(text);
      outcome.valid = result.valid;
      outcome.reasons = result.reasons.map((r) => ({ code: r.code, message: r.message }));
      outcome.issuedAt = result.issuedAt;
      outcome.expiresAt = result.expiresAt;
      if (result.type) {
        outcome.document = {
          type: result.type, typeLabel: result.typeLabel ?? result.type, withheld: result.withheld,
          claims: Object.entries(result.disclosed).map(([claim, c]) => ({ claim, label: c.label, text: c.text })),
        };
      }
      const shown = outcome.valid ? Object.keys(result.disclosed) : [];
      await record(verifier, rp, outcome, requestId, { holder, fields: shown });
      return outcome;
    },

    wallet,

    /**
     * A chip card read at the counter (ICAO 9303): passive authentication (SOD signature, chain to a
     * trusted CSCA, every data group's hash), the card's own consistency and expiry, then the registry.
     */
    async verifyChip(verifier: VerifierCaller, input: ChipInput, requestId?: string): Promise<VerificationOutcome> {
      const rp = await relyingParty(verifier.relyingPartyId);
      const outcome = outcomeBase(rp, 'chip');
      // An active-authentication answer counts only for a challenge da06 issued to this counter, once.
      if (input.aaChallenge !== undefined && !(typeof input.aaChallenge === 'string' && await store.useChallenge(input.aaChallenge, Number(rp.id)))) {
        outcome.reasons.push(reason('VERIFY_AA_CHALLENGE_UNKNOWN'));
        await record(verifier, rp, outcome, requestId);
        return outcome;
      }
      const { report, problem } = await authenticateChip(input);
      if (!report) {
        outcome.reasons.push(problem!);
        await record(verifier, rp, outcome, requestId);
        return outcome;
      }
      outcome.checks = report.checks;
      const { card, reasons } = chipFindings(report);
      // A chip that failed passive authentication says no more than a made-up card: it is never compared
      // with the registry, which would answer whether its number, name and date exist (issue 12 §2).
      if (!card || !report.authentic || report.checks.some((c) => c.status === 'fail')) {
        outcome.reasons.push(...reasons);
        await record(verifier, rp, outcome, requestId);
        return outcome;
      }
      const { person } = await this.compareWithRegistry(rp, outcome, card);
      outcome.reasons.unshift(...reasons);
      if (reasons.length) {
        outcome.valid = false;
        outcome.person = {};
      }
      await record(verifier, rp, outcome, requestId, { holder: person });
      return outcome;
    },

    /** A fresh challenge for the chip's INTERNAL AUTHENTICATE (active authentication), valid two minutes, once. */
    async chipChallenge(verifier: VerifierCaller) {
      const rp = await relyingParty(verifier.relyingPartyId);
      const challenge = randomBytes(8).toString('base64');
      await store.insertChallenge(challenge, Number(rp.id), 120);
      return { challenge, expiresAt: new Date(Date.now() + 120_000).toISOString() };
    },

    /**
     * The check a commune officer runs before raising an e-ID to level 2: the chip must be authentic,
     * belong to this personal ID and match the registry. Returns the reasons it does not (none = passed).
     */
    async chipCheckForUpgrade(personalId: string, input: ChipInput): Promise<Reason[]> {
      const { report, problem } = await authenticateChip(input);
      if (!report) return [problem!];
      const { card, reasons } = chipFindings(report);
      // As at a counter: a chip that failed passive authentication is never compared with the registry.
      if (!card || !report.authentic) return reasons;
      if (card.personalId !== personalId) return [...reasons, reason('VERIFY_CHIP_OTHER_PERSON')];
      const person = await registry.unsafeFindForVerification(personalId);
      const comparison = compareCardWithRegistry(card, person && !person.numberCancelled ? person : null);
      if (comparison.status !== 'match') {
        reasons.push(reason('VERIFY_CARD_MISMATCH', { fields: comparison.differences.map((d) => CARD_FIELD_LABELS[d.field]).join(', ') || comparison.status }));
      }
      return reasons;
    },

    trustList,

    /**
     * An authentic chip (state-signed data) against the registry: fills `registry` with the differing
     * fields, the reasons, validity and the allowed fields. Unsigned data goes through confirmUnsigned.
     */
    async compareWithRegistry(rp: RelyingPartyRow, outcome: VerificationOutcome, card: ComparableCard) {
      const person = await registry.unsafeFindForVerification(card.personalId);
      const comparison = compareCardWithRegistry(card, person && !person.numberCancelled ? person : null);
      outcome.registry = {
        status: person?.numberCancelled ? 'number_cancelled' : comparison.status,
        differences: comparison.differences.map((d) => ({ field: d.field, label: CARD_FIELD_LABELS[d.field], kind: d.kind })),
      };
      if (person?.numberCancelled) outcome.reasons.push(reason('VERIFY_CARD_NUMBER_CANCELLED'));
      else if (comparison.status === 'not_found') outcome.reasons.push(reason('VERIFY_CARD_NOT_IN_REGISTRY'));
      else if (comparison.status === 'deceased') outcome.reasons.push(reason('VERIFY_PERSON_DECEASED'));
      else if (comparison.status === 'mismatch') {
        outcome.reasons.push(reason('VERIFY_CARD_MISMATCH', { fields: outcome.registry.differences.map((d) => d.label).join(', ') }));
      }
      outcome.valid = outcome.reasons.length === 0;
      if (outcome.valid && person) {
        const values = fieldValues({ ...person }, todayInVietnam());
        outcome.person = pick(values, rp.allowed_fields);
      }
      return { person: person && !person.numberCancelled ? person : null };
    },

    async verifyIdentityQr(verifier: VerifierCaller, rp: RelyingPartyRow, text: string, requestId?: string): Promise<VerificationOutcome> {
      const outcome = outcomeBase(rp, 'identity_qr');
      const k = await signingKeys();
      let check = checkIdentityToken(text, k.verification, { issuer: deps.issuer });
      if (!check.ok && check.code === 'QR_UNKNOWN_KEY') {
        keys = undefined; // another node may have rotated: reload once
        check = checkIdentityToken(text, (await signingKeys()).verification, { issuer: deps.issuer });
      }
      if (!check.ok) {
        outcome.reasons.push(reason(`VERIFY_${check.code}`));
        await record(verifier, rp, outcome, requestId);
        return outcome;
      }
      const { claims } = check;
      outcome.issuedAt = new Date(claims.iat * 1000).toISOString();
      outcome.expiresAt = new Date(claims.exp * 1000).toISOString();
      outcome.level = claims.loa;
      const subject = await tokenSubjects.load(claims.jti);
      if (!subject) {
        outcome.reasons.push(reason('VERIFY_QR_REVOKED'));
        await record(verifier, rp, outcome, requestId);
        return outcome;
      }
      outcome.level = Number(subject.level) as 1 | 2;
      const owner = subject.first_relying_party_id === null ? null : Number(subject.first_relying_party_id);
      if (owner !== null && owner !== Number(rp.id)) outcome.reasons.push(reason('VERIFY_QR_REPLAYED'));
      if (subject.status !== 'active') outcome.reasons.push(reason('VERIFY_ACCOUNT_LOCKED'));
      if (subject.date_of_death) outcome.reasons.push(reason('VERIFY_PERSON_DECEASED'));
      if (outcome.level < Number(rp.min_level)) outcome.reasons.push(reason('VERIFY_LEVEL_TOO_LOW', { level: rp.min_level }));
      outcome.valid = outcome.reasons.length === 0;
      if (outcome.valid) {
        // Shown: what the purpose allows and the citizen chose, from the registry as it is now.
        const values = fieldValues({ personalId: subject.personal_id, fullName: subject.full_name, dateOfBirth: subject.date_of_birth, sex: subject.sex, address: subject.address }, todayInVietnam());
        const shown = rp.allowed_fields.filter((f) => subject.fields.includes(f));
        outcome.person = pick(values, shown);
        outcome.withheld = IDENTITY_FIELDS.filter((f) => rp.allowed_fields.includes(f) && !subject.fields.includes(f));
      }
      const claim = owner === null ? { jti: claims.jti, relyingPartyId: Number(rp.id) } : undefined;
      await record(verifier, rp, outcome, requestId, { holder: { personId: Number(subject.person_id), personalId: subject.personal_id }, claim });
      return outcome;
    },

    /** The citizen's "Lịch sử sử dụng": every verification of them at a counter. */
    async historyOf(caller: CitizenCaller, limit = 100) {
      const rows = await store.verificationsOfPerson(caller.personId, limit);
      return rows.map((r) => ({
        at: new Date(r.at).toISOString(), method: r.method, result: r.result, reason: reasonText(r),
        fields: r.fields.map((f) => (r.method === 'wallet' ? WALLET_CLAIM_LABELS.get(f) : FIELD_LABELS[f as IdentityField]) ?? f), purpose: r.purpose, relyingParty: r.relying_party,
        relyingPartyType: RELYING_PARTY_TYPES[r.type as RelyingPartyType] ?? r.type,
      }));
    },

    /** The counter's own recent verifications (no personal data: outcome and fields only). */
    async recentAt(verifier: VerifierCaller, limit = 50) {
      const rows = await store.verificationsOfRelyingParty(verifier.relyingPartyId, limit);
      return rows.map((r) => ({ id: Number(r.id), at: new Date(r.at).toISOString(), method: r.method, result: r.result, reason: reasonText(r), fields: r.fields, staff: r.staff }));
    },

    relyingParties,

    /** For the province's auditors: counters paused for comparing unsigned cards that did not match. */
    cardCheckPauses: (area: AreaScope) => cardChecks.pauses(area),

    /** The province an administrator manages relying parties of. */
    adminProvince: (caller: OfficerCaller) => registry.provinceOf(caller.area),

    /** Verifications per kind of counter in a period, with the kind's Vietnamese label. */
    async verificationsByType(from: Date, to: Date) {
      return (await store.verificationsByType(from, to)).map((r) => ({ ...r, label: RELYING_PARTY_TYPES[r.type as RelyingPartyType] ?? r.type }));
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
