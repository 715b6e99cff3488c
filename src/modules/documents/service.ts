import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type PDFDocument from 'pdfkit';
import type { CitizenCaller, OfficerCaller } from '../../platform/access.js';
import { audited, shownAs } from '../../platform/audit.js';
import { deriveKey, open, seal } from '../../platform/crypto.js';
import type { Db, Queryable, Transaction } from '../../platform/db.js';
import { DomainError } from './errors.js';
import { addSignaturePlaceholder, signWithIdentity } from './pdf-signature.js';
import { CadesSigner } from './cades.js';
import { DEVELOPMENT_MARK, generateDevelopmentIdentity, identityFromFile, readIdentity, type SigningIdentity } from './signing-identity.js';
import { createDocumentsStore, type SignedDocumentRow } from './store.js';
import { createShares } from './shares.js';

type Doc = InstanceType<typeof PDFDocument>;

/** Where the issuing unit's PKCS#12 comes from (DA06_DOCUMENTS_P12*); none: a development certificate. */
export interface DocumentsDeps {
  db: Db;
  masterKey: string;
  /** The deployment's public address: the QR leads to `<publicUrl>/verify?d=…&t=…`. */
  publicUrl: string;
  p12?: { path: string; passphrase: string };
  /** Production never signs with a generated certificate: without a PKCS#12 no result is signed. */
  production: boolean;
  log?: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  /** The development certificate's subject names this unit (the demo province). */
  developmentUnitName?: string;
  /** The authorities an officer role issues for (src/roles.ts SERVICE_AGENCIES): a revocation is theirs only. */
  issuersOf: (role: string) => readonly string[];
  /** The clock of share links' validity (tests move it; `useClock`). */
  now?: () => Date;
  /** The citizen's wallet (credentials module): each result also as an SD-JWT VC there, revoked with its document. */
  wallet?: ResultWallet;
}

/** A signed result as the wallet receives it (credentials' ResultCredential). */
export interface ResultForWallet {
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

/** What the documents module needs of the wallet: issue in the decision's transaction, revoke in the revocation's. */
export interface ResultWallet {
  /** Called before the transaction (keys are loaded then); the function issues in it and answers the wallet document's id. */
  resultIssuer(): Promise<(tx: Queryable, r: ResultForWallet) => Promise<string | undefined>>;
  revokeResult(tx: Queryable, walletDocumentId: string, reason: string): Promise<void>;
}

/** What a result document says about itself, recorded beside its PDF. */
export interface DocumentMeta {
  kind: string;
  title: string;
  /** A dossier's result, or a certified copy issued at the counter (services' sổ chứng thực keeps the link). */
  source: { kind: 'dossier'; id: number; code: string | null } | { kind: 'certified_copy'; id: null; code: null };
  holder: { personalId: string; name: string };
  /** The issuing unit; `agency`: its authority (an officer sees and revokes the documents of the authorities their role works for). */
  unit: { code: string; provinceCode: string; name: string; agency: string };
  /** What the result prints, by field name (the wallet credential's claims); values as printed. */
  fields?: Record<string, string>;
}

/** What the drawing of a result receives: the QR's link, whether the certificate is a development one, the signature field. */
export interface Sealing {
  verifyUrl: string;
  /** Printed on the PDF when true: "BẢN THỬ NGHIỆM ..." (DEVELOPMENT_NOTICE). */
  development: boolean;
  developmentNotice: string;
  /** Call on the pdfkit document just before it ends. */
  placeholder: (doc: Doc) => void;
}

/** A signed PDF not yet recorded (recorded in the caller's transaction with `record`). */
export interface SignedResult {
  id: string;
  pdf: Buffer;
  sha256: string;
  meta: DocumentMeta;
  tokenSha256: string;
  issuedAt: Date;
  certificate: { sha256: string; subject: string; development: boolean };
  /** Issues the wallet credential in the recording transaction (none: no wallet wired). */
  issueCredential?: (tx: Queryable, r: ResultForWallet) => Promise<string | undefined>;
}

export const DEVELOPMENT_NOTICE = `BẢN THỬ NGHIỆM: ký bằng chứng thư số ${DEVELOPMENT_MARK.toLowerCase()} do da06 tự tạo, không có giá trị pháp lý.`;

/** What the public verification shows: the document's own facts, never more than it prints. */
export interface Verification {
  authentic: boolean;
  /** Why not authentic: 'unknown' (no such document, or a token that does not match), 'not_pdf'. */
  reason?: 'unknown';
  document?: {
    id: string;
    title: string;
    dossierCode: string | null;
    holderName: string;
    issuerName: string;
    issuedAt: string;
    signedBy: string;
    development: boolean;
    revoked: boolean;
    revokedAt: string | null;
  };
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A document as /verify and a share link describe it. */
export type DocumentView = NonNullable<Verification['document']>;

export function createDocumentsService(deps: DocumentsDeps) {
  const store = createDocumentsStore(deps.db);
  const key = deriveKey(deps.masterKey, 'document-signing-identity');
  let identity: Promise<{ identity: SigningIdentity; signer: CadesSigner } | null> | undefined;

  /** The configured PKCS#12; else (outside production) the stored development identity, generated the first time. */
  async function loadIdentity(): Promise<SigningIdentity | null> {
    if (deps.p12) return identityFromFile(deps.p12.path, deps.p12.passphrase);
    if (deps.production) {
      deps.log?.error({}, 'documents: DA06_DOCUMENTS_P12 is not configured; result documents are not signed in production');
      return null;
    }
    let row = await store.developmentIdentity();
    if (!row) {
      const fresh = await generateDevelopmentIdentity(deps.developmentUnitName ?? 'da06');
      await store.saveDevelopmentIdentity(fresh.p12, seal(key, fresh.passphrase), fresh.certificateSha256);
      row = await store.developmentIdentity();
      deps.log?.warn({ certificateSha256: fresh.certificateSha256 }, 'documents: generated a development signing certificate (not for production)');
    }
    return readIdentity(Buffer.from(row!.p12), open(key, row!.passphrase_sealed));
  }

  function signing() {
    identity ??= loadIdentity().then((i) => (i ? { identity: i, signer: new CadesSigner(i) } : null));
    // A failed load (a wrong passphrase) is tried again at the next document, and logged each time.
    identity.catch(() => { identity = undefined; });
    return identity;
  }

  const view = (d: SignedDocumentRow): DocumentView => ({
    id: d.id, title: d.title, dossierCode: d.source_code, holderName: d.holder_name, issuerName: d.issuer_name,
    issuedAt: new Date(d.issued_at).toISOString(), signedBy: d.certificate_subject, development: d.development,
    revoked: d.revoked_at !== null, revokedAt: d.revoked_at && new Date(d.revoked_at).toISOString(),
  });

  /** A found document is marked with its holder: the route's read entry goes to their access history. */
  const found = (d: SignedDocumentRow | undefined): Verification =>
    (d ? shownAs({ authentic: true, document: view(d) }, { kind: 'person', id: d.holder_personal_id }) : { authentic: false, reason: 'unknown' });

  let clock = deps.now ?? (() => new Date());
  const shares = createShares({ db: deps.db, store, publicUrl: deps.publicUrl, now: () => clock(), view });

  const inArea = (caller: OfficerCaller, d: SignedDocumentRow) =>
    (caller.area.level === 'commune' ? d.unit_code === caller.area.code : d.province_code === caller.area.code) && deps.issuersOf(caller.role).includes(d.issuer_agency);

  return {
    /** Share links of a citizen's documents and their access history (shares.ts). */
    shares,

    /** Moves the clock the share links' validity is measured by (a test, or a development server's chosen instant). */
    useClock(now: () => Date) {
      clock = now;
    },

    /** The signing certificate in use (null: none; production without DA06_DOCUMENTS_P12). */
    async certificate() {
      const s = await signing();
      return s && { subject: s.identity.subject, sha256: s.identity.certificateSha256, development: s.identity.development, notAfter: s.identity.notAfter };
    },

    /**
     * Whether results can be signed now (a certificate), with what signing needs loaded beforehand: the certificate and
     * the wallet's credential keys. A caller that signs inside its transaction (a certified copy draws its register
     * number) calls this first: on PGlite a first load of the keys inside that transaction would wait for it to end.
     */
    async ready(): Promise<boolean> {
      if (!(await signing())) return false;
      await deps.wallet?.resultIssuer();
      return true;
    },

    /**
     * Draws a result with its QR and signature field and signs it with the unit's certificate; null when no
     * certificate is available (production without DA06_DOCUMENTS_P12). Not recorded yet: `record` it in the
     * transaction that decides the result.
     */
    async sign(meta: DocumentMeta, draw: (sealing: Sealing) => Promise<Buffer>, issuedAt = new Date()): Promise<SignedResult | null> {
      const s = await signing();
      if (!s) return null;
      const id = randomUUID();
      const token = randomBytes(16).toString('base64url');
      const verifyUrl = `${deps.publicUrl.replace(/\/$/, '')}/verify?d=${id}&t=${token}`;
      const drawn = await draw({
        verifyUrl, development: s.identity.development, developmentNotice: DEVELOPMENT_NOTICE,
        placeholder: (doc) => addSignaturePlaceholder(doc, {
          reason: `${meta.title}${meta.source.code ? ` — hồ sơ ${meta.source.code}` : ''}`, name: meta.unit.name, signedAt: issuedAt,
        }),
      });
      const pdf = await signWithIdentity(drawn, s.signer);
      const subject = [s.identity.subject.commonName, s.identity.subject.organization].filter(Boolean).join(', ');
      return {
        id, pdf, sha256: sha256(pdf), meta, tokenSha256: sha256(token), issuedAt,
        certificate: { sha256: s.identity.certificateSha256, subject, development: s.identity.development },
        issueCredential: await deps.wallet?.resultIssuer(),
      };
    },

    /**
     * Keeps a signed result in the transaction of the decision it belongs to, with its SD-JWT VC in the holder's
     * wallet (same transaction: both commit or neither; a holder without an e-ID account gets the PDF only).
     */
    async record(tx: Queryable, r: SignedResult): Promise<void> {
      const fields = r.meta.fields ?? {};
      const walletDocumentId = await r.issueCredential?.(tx, {
        kind: r.meta.kind, documentId: r.id, title: r.meta.title, issuerName: r.meta.unit.name, issuedAt: r.issuedAt, dossierCode: r.meta.source.code,
        holder: r.meta.holder, pdfSha256: r.sha256, fields,
      });
      await store.insert(tx, {
        fields, walletDocumentId: walletDocumentId ?? null,
        id: r.id, tokenSha256: r.tokenSha256, kind: r.meta.kind, title: r.meta.title, sourceKind: r.meta.source.kind, sourceId: r.meta.source.id,
        sourceCode: r.meta.source.code, holderPersonalId: r.meta.holder.personalId, holderName: r.meta.holder.name, unitCode: r.meta.unit.code, issuerAgency: r.meta.unit.agency,
        provinceCode: r.meta.unit.provinceCode, issuerName: r.meta.unit.name, pdf: r.pdf, sha256: r.sha256, certificateSha256: r.certificate.sha256,
        certificateSubject: r.certificate.subject, development: r.certificate.development, issuedAt: r.issuedAt,
      });
    },

    /** The QR's check: the id and its token. A wrong pair reads as unknown, as a document never issued does. */
    async verifyLink(id: string, token: string): Promise<Verification> {
      if (!UUID.test(id) || !/^[A-Za-z0-9_-]{10,64}$/.test(token)) return { authentic: false, reason: 'unknown' };
      return found(await store.byIdAndToken(id, sha256(token)));
    },

    /** An uploaded file: authentic when it is byte for byte a document da06 issued (its SHA-256). */
    async verifyFile(content: Buffer): Promise<Verification> {
      return found(await store.bySha256(sha256(content)));
    },

    /** Thu hồi: by an officer of the issuing unit (another unit's document reads as absent), once. */
    async revoke(caller: OfficerCaller, id: string, reason: string) {
      if (!UUID.test(id)) throw new DomainError('SIGNED_DOCUMENT_NOT_FOUND');
      return deps.db.transaction(async (tx: Transaction) => {
        const d = await store.lock(tx, id);
        if (!d || !inArea(caller, d)) throw new DomainError('SIGNED_DOCUMENT_NOT_FOUND');
        if (d.revoked_at) throw new DomainError('SIGNED_DOCUMENT_REVOKED_ALREADY');
        const at = new Date();
        await store.revoke(tx, id, at, `${caller.fullName} (${caller.username})`, reason);
        if (d.wallet_document_id) await deps.wallet?.revokeResult(tx, d.wallet_document_id, reason);
        await audited(tx, { subjectKind: 'person', subjectId: d.holder_personal_id, fields: ['revoked'], purpose: reason });
        return view({ ...d, revoked_at: at, revocation_reason: reason });
      });
    },

    /** The unit's documents, for its officers (each marked with its holder for the read entries). */
    async listOfUnit(caller: OfficerCaller) {
      const agencies = deps.issuersOf(caller.role);
      const rows = agencies.length ? await store.ofArea(caller.area, agencies, 200) : [];
      return rows.map((d) => shownAs({ ...view(d), kind: d.kind, unitCode: d.unit_code }, { kind: 'person', id: d.holder_personal_id }));
    },

    /** A document's bytes as issued, without access checks: for a module that checked its own record of it (a certified copy). */
    unsafePdf(id: string): Promise<Buffer | undefined> {
      return UUID.test(id) ? store.pdf(id) : Promise.resolve(undefined);
    },

    /** Which of some documents are revoked, without access checks: for a module that checked its own record of them (a certified copy). */
    unsafeRevocations(ids: string[]): Promise<Map<string, { at: Date }>> {
      const valid = ids.filter((id) => UUID.test(id));
      return valid.length ? store.revocations(valid) : Promise.resolve(new Map());
    },

    /** The documents issued to a person, without access checks: for a module that serves that person (reuse in a dossier). */
    async unsafeHeldBy(personalId: string) {
      const rows = await store.ofHolder(personalId);
      return rows.map((d) => ({ id: d.id, kind: d.kind, title: d.title, issuedAt: new Date(d.issued_at), issuerName: d.issuer_name, revoked: d.revoked_at !== null }));
    },

    /** Kho dữ liệu điện tử: the citizen's own documents. */
    async listOwn(caller: CitizenCaller) {
      const rows = await store.ofHolder(caller.personalId);
      return rows.map((d) => shownAs({ ...view(d), kind: d.kind, sha256: d.sha256, inWallet: d.wallet_document_id !== null }, { kind: 'person', id: d.holder_personal_id }));
    },

    /** One of the citizen's own documents as the PDF issued; another's reads as absent. */
    async ownPdf(caller: CitizenCaller, id: string): Promise<Buffer> {
      const d = UUID.test(id) ? await store.byId(id) : undefined;
      if (!d || d.holder_personal_id !== caller.personalId) throw new DomainError('SIGNED_DOCUMENT_NOT_FOUND');
      return shownAs((await store.pdf(id))!, { kind: 'person', id: d.holder_personal_id });
    },
  };
}

export type DocumentsService = ReturnType<typeof createDocumentsService>;
