import { randomBytes } from 'node:crypto';
import type { Db, Queryable } from '../../platform/db.js';
import { audited } from '../../platform/audit.js';
import { deriveKey, open, seal } from '../../platform/crypto.js';
import { DomainError } from './errors.js';
import type { CitizenCaller, OfficerCaller } from '../../platform/access.js';
import type { RegistryService } from '../registry/index.js';
import type { CredentialKeys } from './keys.js';
import { createWalletStore, type DocumentRow } from './wallet-store.js';
import {
  SPECS, allocateStatusIndex, createDocumentVerifier, createStatusList, decodeDocument, isDocumentType, isResultDocumentType, issueDocument, parseStatusList,
  presentDocument, serializeStatusList, setStatus, signStatusListToken, type DocumentInputs, type DocumentType, type DocumentVerifier,
  type ResultDocumentInput, type ResultDocumentType, vietnamDay,
} from './wallet/index.js';

/** Bits per status list: enough for a province's documents for years; a full list starts a new one. */
const STATUS_LIST_SIZE = 131_072;
/** A published status list token is re-signed this often even without changes (its `exp` is 24 hours). */
const STATUS_TOKEN_REFRESH_MS = 60 * 60 * 1000;

export interface WalletDeps {
  db: Db;
  registry: RegistryService;
  masterKey: string;
  issuer: string;
  keys: () => Promise<CredentialKeys>;
}


const iso = (v: string | Date) => new Date(v).toISOString();

/** A signed result (documents module) to issue as a wallet document; `fields`: what the PDF prints, by claim input name. */
export interface ResultCredential {
  kind: string;
  documentId: string;
  title: string;
  issuerName: string;
  issuedAt: Date;
  dossierCode: string | null;
  holder: { personalId: string; name: string };
  pdfSha256: string;
  fields: Record<string, string>;
}

/** The wallet type of each result kind the services module signs (services/signed-results.ts RESULT_TITLES). */
const RESULT_TYPES: Readonly<Record<string, ResultDocumentType>> = {
  criminal_record: 'result-criminal-record',
  birth: 'result-birth-extract',
  residence_confirmation: 'result-residence-confirmation',
};

/**
 * Wallet documents (SD-JWT VC) in citizens' e-ID wallets: issued by officers of the issuing
 * services, held sealed, listed and presented by the citizen with chosen claims, revoked through a
 * Token Status List published at /api/v1/status-lists/{id}.
 */
export function createWalletService(deps: WalletDeps) {
  const { db, registry } = deps;
  const store = createWalletStore(db);
  const sealKey = deriveKey(deps.masterKey, 'wallet-documents');
  const statusUri = (id: number) => `${deps.issuer}/api/v1/status-lists/${id}`;
  const published = new Map<number, { token: string; version: string; at: number }>();
  let verifier: { keys: CredentialKeys; verifier: DocumentVerifier } | undefined;

  /** The signed token of a status list, re-signed when the list changed or the last one is old. */
  async function statusToken(id: number): Promise<string | undefined> {
    const row = await store.statusList(id);
    if (!row) return undefined;
    const version = iso(row.updated_at);
    const hit = published.get(id);
    if (hit && hit.version === version && Date.now() - hit.at < STATUS_TOKEN_REFRESH_MS) return hit.token;
    const keys = await deps.keys();
    const token = signStatusListToken(parseStatusList(row.state), { uri: statusUri(id), issuer: deps.issuer, signer: keys.current, now: new Date() });
    published.set(id, { token, version, at: Date.now() });
    return token;
  }

  /** Takes a free index of the current list (a new list when it is full), under a row lock. */
  async function allocate(tx: Queryable): Promise<{ listId: number; idx: number }> {
    const latest = await store.lockLatestStatusList(tx);
    let row = latest ? { id: Number(latest.id), list: parseStatusList(latest.state) } : undefined;
    let idx = row ? allocateStatusIndex(row.list) : undefined;
    if (!row || idx === undefined) {
      const list = createStatusList(STATUS_LIST_SIZE);
      row = { id: await store.insertStatusList(tx, serializeStatusList(list)), list };
      idx = allocateStatusIndex(list)!;
    }
    await store.saveStatusList(tx, row.id, serializeStatusList(row.list));
    return { listId: row.id, idx };
  }

  async function documentVerifier(): Promise<DocumentVerifier> {
    const keys = await deps.keys();
    if (verifier?.keys !== keys) {
      verifier = {
        keys,
        verifier: createDocumentVerifier({
          keys: keys.verification, issuer: deps.issuer,
          statusList: (uri) => {
            const m = /\/api\/v1\/status-lists\/(\d+)$/.exec(uri);
            return m && uri === statusUri(Number(m[1])) ? statusToken(Number(m[1])) : undefined;
          },
        }),
      };
    }
    return verifier.verifier;
  }

  function view(row: DocumentRow) {
    const decoded = decodeDocument(open(sealKey, row.sd_jwt_enc));
    return {
      id: row.id, type: row.type, typeLabel: decoded.typeLabel, title: row.title, issuedAt: iso(row.issued_at), expiresAt: iso(row.expires_at),
      status: row.revoked_at ? 'revoked' as const : new Date(row.expires_at) < new Date() ? 'expired' as const : 'valid' as const,
      revokedReason: row.revoked_reason,
      claims: Object.entries(decoded.claims).map(([claim, c]) => ({ claim, label: c.label, text: c.text, selective: c.disclosure === 'selective' })),
    };
  }

  async function setRevoked(tx: Queryable, id: string, doc: { status_list_id: number; status_idx: number }, reason: string) {
    const state = parseStatusList((await store.lockStatusList(tx, Number(doc.status_list_id))).state);
    setStatus(state, Number(doc.status_idx), 1);
    await store.saveStatusList(tx, Number(doc.status_list_id), serializeStatusList(state));
    await store.markRevoked(tx, id, reason);
  }

  async function ownDocument(caller: CitizenCaller, id: string): Promise<DocumentRow> {
    const row = await store.documentOf(caller.accountId, id);
    if (!row) throw new DomainError('WALLET_DOCUMENT_NOT_FOUND');
    return row;
  }

  return {
    /**
     * Issues a document into the wallet of the person with this personal ID (who must hold an e-ID
     * account). The holder's name, birth date, sex and personal ID come from the registry, not the form.
     */
    async issue(officer: OfficerCaller, personalId: string, type: string, input: Record<string, unknown>) {
      if (!isDocumentType(type) || isResultDocumentType(type)) throw new DomainError('VALIDATION_FAILED');
      const found = await registry.unsafeFindForVerification(personalId);
      if (!found || found.numberCancelled) throw new DomainError('PERSON_NOT_FOUND');
      const facts = await registry.unsafeIdentityFacts(found.personId, { actorKind: 'officer', actorId: String(officer.officerId), actorName: officer.fullName },
        ['fullName', 'dateOfBirth', 'sex'], `Cấp ${SPECS[type].label} vào ví giấy tờ`);
      const inArea = officer.area.level === 'province' ? facts?.residence.provinceCode === officer.area.code : facts?.residence.communeCode === officer.area.code;
      if (!facts || !inArea) throw new DomainError('PERSON_NOT_FOUND');
      if (facts.deceased) throw new DomainError('PERSON_DECEASED');
      const accountId = await store.activeAccountOfPerson(facts.personId);
      if (!accountId) throw new DomainError('CITIZEN_ACCOUNT_NOT_FOUND');
      const fromRegistry: Record<string, string> = { holderName: facts.fullName, holderPersonalId: facts.personalId, birthDate: facts.dateOfBirth, sex: facts.sex };
      const holder = Object.fromEntries(SPECS[type].claims.filter((c) => c.input in fromRegistry).map((c) => [c.input, fromRegistry[c.input]]));
      const claims = { ...input, ...holder } as unknown as DocumentInputs[DocumentType];
      const keys = await deps.keys();
      const id = randomBytes(12).toString('base64url');
      const now = new Date();
      const doc = await db.transaction(async (tx) => {
        const { listId, idx } = await allocate(tx);
        const sdJwt = await issueDocument(type, claims as never, { signer: keys.current, issuer: deps.issuer, status: { uri: statusUri(listId), idx }, now });
        const decoded = decodeDocument(sdJwt);
        const title = String(decoded.claims.document_title?.text ?? SPECS[type].label);
        const row = await store.insertDocument(tx, {
          id, accountId, type, title, sdJwtEnc: seal(sealKey, sdJwt), listId, idx, kid: keys.current.kid, issuedBy: officer.officerId, expiresAt: decoded.expiresAt,
        });
        await audited(tx, { subjectKind: 'person', subjectId: facts.personalId, fields: Object.keys(decoded.claims), purpose: `Cấp ${SPECS[type].label} vào ví giấy tờ` });
        return row;
      });
      return view(doc);
    },

    /**
     * Revokes a document: its status bit is set, and verifiers see it at their next status list refresh.
     * Revoking it again changes nothing but is recorded like the first time (the officer's act).
     */
    async revoke(id: string, reason: string) {
      await db.transaction(async (tx) => {
        const doc = await store.lockForRevocation(tx, id);
        if (!doc) throw new DomainError('WALLET_DOCUMENT_NOT_FOUND');
        // A result's credential goes with its signed document: the issuing unit revokes the document (one revocation, checked against its area).
        if (isResultDocumentType(doc.type)) throw new DomainError('WALLET_DOCUMENT_IS_RESULT');
        await audited(tx, { subjectKind: 'person', subjectId: doc.personal_id, fields: ['status'], purpose: reason });
        if (doc.revoked_at) return;
        await setRevoked(tx, id, doc, reason);
      });
    },

    /**
     * What issues a signed result into its holder's wallet: the signing key is loaded now (before the decision's
     * transaction: nothing reads outside it meanwhile); the returned function issues in that transaction and answers
     * the wallet document's id, or undefined when the holder has no active e-ID account or the kind has no wallet type.
     */
    async resultIssuer(): Promise<(tx: Queryable, r: ResultCredential) => Promise<string | undefined>> {
      const keys = await deps.keys();
      return async (tx, r) => {
        const type = RESULT_TYPES[r.kind];
        if (!type) return undefined;
        const accountId = await store.activeAccountOfPersonalId(tx, r.holder.personalId);
        if (!accountId) return undefined;
        const known = new Set(SPECS[type].claims.map((c) => c.input));
        const input: ResultDocumentInput = {
          ...Object.fromEntries(Object.entries(r.fields).filter(([k]) => known.has(k))),
          documentId: r.documentId, documentTitle: r.title, documentKind: r.kind, issuerName: r.issuerName, issueDate: vietnamDay(r.issuedAt),
          ...(r.dossierCode ? { dossierCode: r.dossierCode } : {}), holderName: r.holder.name, holderPersonalId: r.holder.personalId, pdfSha256: r.pdfSha256,
        };
        const { listId, idx } = await allocate(tx);
        const sdJwt = await issueDocument(type, input, { signer: keys.current, issuer: deps.issuer, status: { uri: statusUri(listId), idx }, now: r.issuedAt });
        const id = randomBytes(12).toString('base64url');
        await store.insertDocument(tx, {
          id, accountId, type, title: r.title, sdJwtEnc: seal(sealKey, sdJwt), listId, idx, kid: keys.current.kid, issuedBy: null, expiresAt: decodeDocument(sdJwt).expiresAt,
        });
        return id;
      };
    },

    /** Revokes a result's credential with its signed document, in the document's revocation transaction. */
    async revokeResult(tx: Queryable, id: string, reason: string): Promise<void> {
      const doc = await store.lockForRevocation(tx, id);
      if (doc && !doc.revoked_at) await setRevoked(tx, id, doc, reason);
    },

    /** Like the citizen's own profile, reading one's own documents is an audited read (routes.ts declares it). */
    async listOwn(caller: CitizenCaller) {
      return (await store.documentsOf(caller.accountId)).map(view);
    },

    /** A presentation with only the chosen claims (and the always-shown ones), for a QR or a link. */
    async present(caller: CitizenCaller, id: string, claims: string[]) {
      const row = await ownDocument(caller, id);
      if (row.revoked_at) throw new DomainError('WALLET_DOCUMENT_REVOKED');
      const presentation = await presentDocument(open(sealKey, row.sd_jwt_enc), claims);
      await db.transaction((tx) => audited(tx, { subjectKind: 'wallet_document', subjectId: id, fields: claims }));
      return { presentation, expiresAt: iso(row.expires_at) };
    },

    statusToken,

    /** What the verification at a counter needs (verify/wallet.ts); not part of the service's API. */
    verification: {
      documentVerifier,
      /** Whose wallet holds the document at this status list index. */
      holderAt: (statusListId: number, idx: number) => store.holderAt(statusListId, idx),
    },
  };
}

export type WalletService = ReturnType<typeof createWalletService>;
