/**
 * Certified electronic copies (issue 16, model 4; DOMAIN-SERVICES.md §5): the commune's certifying officer
 * compares the original paper with its scan and issues the bản sao điện tử được chứng thực từ bản chính, a PDF
 * of the scan and the lời chứng signed by the unit's certificate (the documents module, through ResultSigning).
 * It is numbered in the unit's sổ chứng thực (gapless per unit and year: store.ts `nextNumber`), kept in the
 * requester's document store and verifiable at /verify. Either for a dossier the citizen filed online
 * (procedure chung-thuc-ban-sao-tu-ban-chinh; the copy becomes its result and the dossier is decided) or
 * directly at the counter for a citizen identified by personal ID. The fee is the catalogue's dated per-page
 * rule (TT 226/2016/TT-BTC), per copy.
 */
import type { OfficerCaller } from '../../../platform/access.js';
import { audited, shownAs, unchanged, type AuditSubject } from '../../../platform/audit.js';
import { uniqueViolation } from '../../../platform/db.js';
import { csvLine } from '../../../platform/csv.js';
import { momentInVietnam, todayInVietnam } from '../../../platform/time.js';
import { computeFee, foldText, formCounts, type Procedure } from '../catalogue/index.js';
import { createConfirmationStore } from '../confirmation-store.js';
import { DomainError, fieldError } from '../errors.js';
import { issuerName, type ResultMeta, type Revocation } from '../signed-results.js';
import type { DeskContext } from '../service.js';
import type { DossierRow } from '../store.js';
import { checkUpload, MAX_DOCUMENT_BYTES, type CheckedUpload } from '../uploads.js';
import { formatIsoDate, formatNumber } from '../../../platform/format.js';
import { COPY_PROCEDURE } from './catalogue.js';
import { COPY_TITLE, renderCopyPdf } from './paper.js';
import { createCopiesStore, type CertifiedCopyRow } from './store.js';

export { COPY_PROCEDURE };
const SCAN_DOCUMENT = 'ban-chinh';
const PURPOSE = 'Chứng thực bản sao điện tử từ bản chính';

export interface CopyScan {
  fileName: string;
  content: string;
}
export interface IssueInput {
  dossierId?: number;
  personalId?: string;
  documentName?: string;
  /** Counted by the officer on the original; for a dossier, the form's count when not given. */
  pages?: number;
  copies?: number;
  compared: boolean;
  scans: CopyScan[];
  comment?: string;
}
export interface RegisterFilter {
  from?: string;
  to?: string;
  number?: number;
  name?: string;
  limit?: number;
  offset?: number;
}

/** The CSV of a month, marked with the requesters it shows (the route's read entry names each). */
const exported = new WeakMap<object, AuditSubject[]>();
export const exportSubjects = (csv: object): AuditSubject[] => exported.get(csv) ?? [];

const person = (id: string): AuditSubject => ({ kind: 'person', id });

export function createCertifiedCopies(ctx: DeskContext) {
  const { deps } = ctx;
  const store = createCopiesStore(deps.db);
  const results = createConfirmationStore(deps.db);
  const scopeOf = (caller: OfficerCaller) => ({ level: caller.area.level, code: caller.area.code, agencies: deps.agenciesOf(caller.role) });

  /** The procedure, when the officer's level and agencies certify copies (else it reads as absent). */
  function procedureFor(caller: OfficerCaller, on?: string): Procedure {
    const p = ctx.getProcedure(COPY_PROCEDURE, on);
    if (p.level !== caller.area.level || !deps.agenciesOf(caller.role).includes(p.agency)) throw new DomainError('PROCEDURE_NOT_FOUND');
    return p;
  }

  /** The fee of one copy of `pages` pages on a day (the catalogue's dated rule), times the copies. */
  function quoteOf(p: Procedure, pages: number, copies: number, on: string) {
    const q = computeFee(p, { channel: 'direct', pages, on });
    return { pages, copies, perCopy: q.amount, total: q.amount * copies, explanation: q.explanation, source: q.source && { document: q.source.document, note: q.source.note ?? null } };
  }

  /** Every scan through the upload checks of the procedure's "bản chính" (type by content, size); the total within the platform's limit. */
  function checkScans(p: Procedure, scans: CopyScan[]): CheckedUpload[] {
    const doc = p.documents.find((d) => d.id === SCAN_DOCUMENT);
    if (!doc) throw new Error(`${COPY_PROCEDURE}: no "${SCAN_DOCUMENT}" document in the catalogue`);
    const checked = scans.map((s, i) => {
      try {
        return checkUpload(doc, s);
      } catch (err) {
        if (err instanceof DomainError) throw new DomainError(err.code, err.params, err.errors.map((e) => ({ ...e, field: `scans.${i}.${e.field}` })));
        throw err;
      }
    });
    const max = Math.min(doc.upload?.maxBytes ?? MAX_DOCUMENT_BYTES, MAX_DOCUMENT_BYTES);
    if (checked.reduce((n, s) => n + s.content.length, 0) > max) throw new DomainError('COPY_SCANS_TOO_LARGE', { mb: Math.round((max / 1024 / 1024) * 10) / 10 });
    return checked;
  }

  /** Revocations of the copies' signed documents (the documents module): a revoked copy reads as such in the register. */
  async function revocationsOf(rows: CertifiedCopyRow[]): Promise<Map<string, Revocation>> {
    if (!rows.length || !deps.documents?.revocations) return new Map();
    return deps.documents.revocations(rows.map((r) => r.signed_document_id));
  }

  const view = (r: CertifiedCopyRow, replayed = false, revoked?: Revocation) => shownAs({
    id: Number(r.id), registerNumber: r.register_number, number: r.number, year: r.year, issuedAt: new Date(r.issued_at).toISOString(),
    requesterName: r.requester_name, requesterPersonalId: r.requester_personal_id, documentName: r.document_name, pages: r.pages, copies: r.copies,
    feePerCopy: r.fee_per_copy, feeTotal: r.fee_total, dossierId: r.dossier_id === null ? null : Number(r.dossier_id), dossierCode: r.dossier_code,
    signedDocumentId: r.signed_document_id, certifierName: r.certifier_name, replayed,
    revokedAt: revoked ? revoked.at.toISOString() : null,
  }, person(r.requester_personal_id));

  /** The requester at the counter: the person by personal ID within the province of the officer's unit (else 404). */
  async function requesterAt(caller: OfficerCaller, personalId: string) {
    const province = await deps.registry.provinceOf(caller.area);
    const p = await deps.registry.readPerson({ ...caller, area: { level: 'province', code: province } }, personalId);
    return { personalId: p.personalId, fullName: p.fullName };
  }

  /** The dossier the copy answers: of the officer's unit and agencies (404), of this procedure (409), awaiting its decision (409). */
  function checkDossier(d: DossierRow | undefined): DossierRow {
    if (!d) throw new DomainError('DOSSIER_NOT_FOUND');
    if (d.procedure_slug !== COPY_PROCEDURE) throw new DomainError('COPY_WRONG_PROCEDURE');
    ctx.requireFrom(d, 'approve');
    return d;
  }

  const replay = (r: CertifiedCopyRow) => {
    unchanged();
    return view(r, true);
  };

  return {
    /** The fee shown before issuing (per copy and in total). */
    quote(caller: OfficerCaller, pages: number, copies: number) {
      const on = todayInVietnam(ctx.now());
      return quoteOf(procedureFor(caller, on), pages, copies, on);
    },

    /** The citizen at the counter, by personal ID (their name for the lời chứng). */
    async requester(caller: OfficerCaller, personalId: string) {
      procedureFor(caller);
      return shownAs(await requesterAt(caller, personalId), person(personalId));
    },

    /**
     * Issues the certified copy: checks, then in one transaction the register's next number, the signed PDF
     * (drawn with that number), its record in the documents module, the register entry, and for a dossier
     * its result and decision. A failure rolls the number back. The same Idempotency-Key answers with the copy made.
     */
    async issue(caller: OfficerCaller, input: IssueInput, key: string | undefined) {
      if (!key || key.length < 8 || key.length > 100) throw new DomainError('COPY_IDEMPOTENCY_KEY_REQUIRED');
      const known = await store.byIdempotencyKey(caller.officerId, key);
      if (known) return replay(known);
      if (input.compared !== true) throw new DomainError('COPY_NOT_COMPARED');
      if ((input.dossierId === undefined) === (input.personalId === undefined)) throw new DomainError('COPY_REQUESTER_REQUIRED');
      const now = ctx.now();
      const today = todayInVietnam(now);
      const p = procedureFor(caller, today);
      const scans = checkScans(p, input.scans);
      const scope = scopeOf(caller);
      const dossier = input.dossierId === undefined ? undefined : checkDossier(await ctx.store.findForOfficer(scope, input.dossierId));
      const requester = dossier
        ? { personalId: dossier.applicant_personal_id, fullName: dossier.applicant_name }
        : await requesterAt(caller, input.personalId!);
      const formName = typeof dossier?.form_data.documentName === 'string' ? dossier.form_data.documentName : undefined;
      const documentName = (input.documentName ?? formName ?? '').trim();
      if (!documentName) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('documentName', 'REQUIRED')]);
      // The officer counts the original's pages; a dossier's form gives the counts the citizen declared (and paid the quote of).
      const declared = formCounts(dossier?.form_data);
      const pages = input.pages ?? declared.pages;
      const copies = input.copies ?? declared.copies ?? (pages === undefined ? undefined : 1);
      if (pages === undefined || copies === undefined) throw new DomainError('COPY_PAGES_REQUIRED');
      const fee = quoteOf(p, pages, copies, today);
      // Charged by the officer's count (they counted the original); a difference from the form is said on the timeline.
      const difference = dossier && (pages !== declared.pages || copies !== declared.copies)
        ? `Tờ khai ghi ${declared.pages ?? '?'} trang × ${declared.copies ?? '?'} bản; cán bộ đối chiếu bản chính: ${pages} trang × ${copies} bản. `
          + `Phí tính theo số cán bộ đếm: ${formatNumber(fee.total)} đồng.`
        : null;
      const unit = await deps.registry.getUnit('2025', caller.area.code);
      const provinceCode = unit.provinceCode ?? (await deps.registry.provinceOf(caller.area));
      const signing = deps.documents;
      // The certificate is loaded before the transaction: on PGlite a query outside it would wait for it to end.
      if (!signing || !(await signing.ready?.() ?? true)) throw new DomainError('COPY_SIGNING_UNAVAILABLE');
      const year = Number(today.slice(0, 4));
      const authority = issuerName(p.agency, unit.fullName);
      const meta: ResultMeta = {
        kind: 'certified_copy', title: COPY_TITLE,
        source: dossier ? { kind: 'dossier', id: Number(dossier.id), code: dossier.code } : { kind: 'certified_copy', id: null, code: null },
        holder: { personalId: requester.personalId, name: requester.fullName },
        unit: { code: caller.area.code, provinceCode, name: authority, agency: p.agency },
      };
      try {
        const { row, decided } = await deps.db.transaction(async (tx) => {
          const d = dossier && checkDossier(await ctx.store.lockForOfficer(tx, scope, Number(dossier.id)));
          // A dossier the citizen asked to stop is not decided, by a certification either (NĐ 118 Art. 21): before the number is taken.
          if (d) await ctx.rejectIfStopRequested(d, tx);
          const number = await store.nextNumber(tx, caller.area.code, year);
          const registerNumber = `${number}/${year}/SCT/BS`;
          const signed = await signing.sign(meta, (seal) => renderCopyPdf({
            registerNumber, issuedAt: now, unit: { authority, place: unit.name }, requesterName: requester.fullName, documentName,
            pages, copies, feePerCopy: fee.perCopy, dossierCode: d?.code ?? null, certifier: caller.fullName, scans,
          }, seal), now);
          if (!signed) throw new DomainError('COPY_SIGNING_UNAVAILABLE');
          await signed.record(tx);
          const entry = await store.insert(tx, {
            unitCode: caller.area.code, provinceCode, year, number, registerNumber, issuedAt: now,
            requesterPersonalId: requester.personalId, requesterName: requester.fullName, requesterNameFolded: foldText(requester.fullName),
            documentName, pages, copies, feePerCopy: fee.perCopy, feeTotal: fee.total,
            dossierId: d ? Number(d.id) : null, dossierCode: d?.code ?? null, signedDocumentId: signed.id,
            certifierOfficerId: caller.officerId, certifierName: caller.fullName, scanSha256: scans.map((s) => s.sha256), idempotencyKey: key,
          });
          if (!d) {
            await audited(tx, { subjectKind: 'person', subjectId: requester.personalId, fields: ['certifiedCopy'], purpose: PURPOSE });
            return { row: entry, decided: undefined };
          }
          // The copy is the dossier's result; its certification is the decision (the certifier compares and signs: no second approver;
          // a same-day procedure, NĐ 23/2015 Art. 7). Who signs is unverified [U]: NĐ 23/2015 names the commune's chairman or
          // vice-chairman; their delegation to the justice officer who certifies here (src/roles.ts) was not read in a primary text.
          await results.insertResult(tx, {
            dossierId: Number(d.id), kind: 'certified_copy', mediaType: 'application/pdf', content: signed.pdf, sha256: signed.sha256,
            data: { signedDocument: signed.id, registerNumber }, officerId: caller.officerId,
          });
          const summary = `Đã chứng thực bản sao điện tử số ${registerNumber}`;
          const comment = [input.comment ?? summary, difference].filter(Boolean).join(' ');
          const updated = await ctx.applyChange(tx, d, 'approve', { kind: 'officer', id: String(caller.officerId), name: caller.fullName }, {
            change: { decision: 'approved', decidedAt: now, feeAmount: fee.total }, comment,
            data: {
              effect: null, result: { summary, document: 'result.pdf', sha256: signed.sha256, signedDocument: signed.id, registerNumber, fee: fee.total },
              counts: { declared: { pages: declared.pages ?? null, copies: declared.copies ?? null }, counted: { pages, copies } },
            },
          }, now);
          return { row: entry, decided: updated };
        });
        if (decided) await ctx.notifyCitizen(decided, 'approve', input.comment ?? null);
        return view(row);
      } catch (err) {
        // Two clicks at once: the unique (officer, key) index decides; the loser's number was rolled back with it.
        if (uniqueViolation(err)) {
          const r = await store.byIdempotencyKey(caller.officerId, key);
          if (r) return replay(r);
        }
        throw err;
      }
    },

    /** The unit's register, searched by days, number and the requester's name (without diacritics). */
    async register(caller: OfficerCaller, f: RegisterFilter) {
      procedureFor(caller);
      const name = f.name?.trim() ? foldText(f.name) : undefined;
      const { rows, total } = await store.search({
        area: caller.area, from: f.from, to: f.to, number: f.number, nameFolded: name, limit: f.limit ?? 50, offset: f.offset ?? 0,
      });
      const revoked = await revocationsOf(rows);
      return { total, items: rows.map((r) => view(r, false, revoked.get(r.signed_document_id))) };
    },

    /**
     * The signed PDF exactly as issued, for an officer of the unit (another unit's copy reads as absent). A revoked copy
     * is not handed out (410, the date said): its bytes cannot say so themselves, the register and /verify do.
     */
    async pdf(caller: OfficerCaller, id: number): Promise<{ pdf: Buffer; registerNumber: string }> {
      procedureFor(caller);
      const r = await store.byIdInArea(caller.area, id);
      const revoked = r && (await revocationsOf([r])).get(r.signed_document_id);
      if (revoked) throw new DomainError('COPY_REVOKED', { date: formatIsoDate(todayInVietnam(revoked.at)) });
      const pdf = r && await deps.documents?.pdf?.(r.signed_document_id);
      if (!r || !pdf) throw new DomainError('COPY_NOT_FOUND');
      return { pdf: shownAs(pdf, person(r.requester_personal_id)), registerNumber: r.register_number };
    },

    /** A month of the register as CSV (snake_case columns, text identifiers, UTF-8 with a BOM for spreadsheets). */
    async monthCsv(caller: OfficerCaller, month: string): Promise<Buffer> {
      procedureFor(caller);
      const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(month);
      if (!m) throw new DomainError('COPY_MONTH_INVALID');
      const last = new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate();
      const { rows } = await store.search({ area: caller.area, from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}`, limit: 100_000, offset: 0 });
      const lines = [
        csvLine(['register_number', 'number', 'year', 'issued_at', 'requester_name', 'requester_personal_id', 'document_name', 'pages', 'copies',
          'fee_per_copy', 'fee_total', 'dossier_code', 'certifier_name', 'signed_document_id']),
        ...rows.map((r) => csvLine([r.register_number, r.number, r.year, momentInVietnam(new Date(r.issued_at)), r.requester_name, r.requester_personal_id, r.document_name,
          r.pages, r.copies, r.fee_per_copy, r.fee_total, r.dossier_code ?? '', r.certifier_name, r.signed_document_id])),
      ];
      const csv = Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8');
      exported.set(csv, [...new Set(rows.map((r) => r.requester_personal_id))].map(person));
      return csv;
    },
  };
}

export type CertifiedCopies = ReturnType<typeof createCertifiedCopies>;
