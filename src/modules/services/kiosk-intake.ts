// Paperless dossiers at a self-service kiosk (issue 16, model 2): the citizen signed in at a registered kiosk of a
// public-administration centre (kiosk module) starts and submits a dossier themself, in one go. It is their own
// online submission — their e-ID account's, shown in their portal, the online fee, the workflow of a submission
// (intake.ts: every rule the portal's submission checks) — made at a kiosk, which the dossier records
// (`kiosk_device_id`, and the submission's timeline event). "Paperless": every paper the procedure asks the citizen
// for comes from their own store (reuse.ts: an earlier upload of theirs, a result da06 issued to them); the rest the
// platform reads itself (providedByPlatform). Nothing is scanned or uploaded at a kiosk.
import type { CitizenCaller } from '../../platform/access.js';
import { shownAs, unchanged, type AuditEntry } from '../../platform/audit.js';
import { uniqueViolation } from '../../platform/db.js';
import { todayInVietnam } from '../../platform/time.js';
import type { Procedure } from './catalogue/index.js';
import { CONFIRMING_PARTY } from './confirmation-service.js';
import { acceptanceDue } from './deadlines.js';
import { DomainError, fieldError } from './errors.js';
import { applyPrefill, type ApplicantFacts } from './prefill.js';
import { storedCandidates, storedSource } from './reuse.js';
import type { DossierRow } from './store.js';
import { DOSSIER_STATES } from './states.js';
import { checkUpload } from './uploads.js';
import { procedureSummary } from './views.js';
import type { DeskContext } from './service.js';

/** A paper of the citizen's store chosen for a paper of the procedure (`ref` as GET …/stored-documents gives it). */
export interface KioskPaper {
  kind: string;
  ref: string;
}
export interface KioskSubmission {
  procedure: string;
  form?: Record<string, unknown>;
  documents?: KioskPaper[];
}

export interface KioskIntakeHelpers {
  /** The applicant's facts from the registry and the entry of their release (service.ts applicantFacts). */
  applicantFacts: (caller: CitizenCaller) => Promise<{ facts: ApplicantFacts; release: AuditEntry }>;
  /** The unit a new dossier goes to, as on the portal (service.ts receivingUnit). */
  receivingUnit: (p: Procedure, facts: ApplicantFacts, asked: string | undefined) => Promise<{ unitCode: string; provinceCode: string }>;
  /** The procedures in force today (the portal's list). */
  inForce: () => Procedure[];
  /** The online fee on a day, by the form (service.ts dossierFee). */
  fee: (p: Procedure, on: string, form: Record<string, unknown>) => { amount: number };
}

const papersToChoose = (p: Procedure) => p.documents.filter((x) => !x.providedByPlatform && x.upload);

export function createKioskIntake(ctx: DeskContext, helpers: KioskIntakeHelpers) {
  const { deps, store, ref } = ctx;

  const citizenActor = (caller: CitizenCaller) => ({ kind: 'citizen' as const, id: String(caller.accountId), name: null });
  const view = (d: DossierRow, replayed: boolean) => shownAs({
    id: Number(d.id), code: d.code, procedureName: d.procedure_name, state: d.state, stateLabel: DOSSIER_STATES[d.state].label,
    submittedAt: d.submitted_at ? new Date(d.submitted_at).toISOString() : null,
    acceptanceDueAt: d.acceptance_due_at ? new Date(d.acceptance_due_at).toISOString() : null,
    fee: d.fee_amount === null ? null : Number(d.fee_amount), replayed,
  }, { kind: 'person', id: d.applicant_personal_id });

  /** A procedure a kiosk takes: none that needs the other party of a marriage to confirm with their own e-ID first. */
  const atKiosk = (p: Procedure) => !(p.effect && CONFIRMING_PARTY[p.effect] === 'spouse');

  return {
    /**
     * The procedures the signed-in citizen can submit at the kiosk without paper: each required paper they must
     * provide is in their store. With each, its form prefilled from the registry as the portal prefills it (the
     * locked fields), and the stored documents that may stand for its papers.
     */
    async kioskProcedures(caller: CitizenCaller) {
      const procedures = helpers.inForce().filter(atKiosk);
      const kinds = [...new Set(procedures.flatMap((p) => papersToChoose(p).map((x) => x.id)))];
      const [{ facts }, uploads, held] = await Promise.all([
        helpers.applicantFacts(caller),
        store.uploadsOfAccount(caller.accountId, kinds, 0),
        deps.documents?.heldBy ? deps.documents.heldBy(caller.personalId) : Promise.resolve([]),
      ]);
      const items = procedures.flatMap((p) => {
        const papers = papersToChoose(p);
        const stored = storedCandidates(papers, uploads, held);
        if (papers.some((x) => x.required && !stored.some((s) => s.paper === x.id))) return [];
        const { form, locked } = applyPrefill(p, facts, {});
        const on = todayInVietnam(ctx.now());
        return [{
          ...procedureSummary(p),
          schema: p.form as unknown as Record<string, unknown>,
          form, prefilledFields: locked,
          fee: helpers.fee(p, on, form).amount,
          papers: papers.map((x) => ({ id: x.id, name: x.name, required: x.required, stored: stored.filter((s) => s.paper === x.id) })),
          notRequired: p.documents.filter((x) => x.providedByPlatform).map((x) => x.name),
        }];
      });
      return shownAs({ items }, { kind: 'person', id: caller.personalId });
    },

    /**
     * Starts and submits the citizen's dossier in one transaction at a kiosk: the form prefilled and locked from the
     * registry, checked by every rule of the portal's submission (intake.ts), its papers copied from the citizen's
     * store (each checked theirs, of the paper's kind, not revoked, then by the paper's upload rules), numbered, the
     * acceptance clock started; one audit entry (the route's) with the registry's release. Any refusal leaves
     * nothing. The same Idempotency-Key answers with the dossier it made (a second touch makes no second one).
     */
    async submitAtKiosk(caller: CitizenCaller, input: KioskSubmission, kiosk: { deviceId: number; deviceName: string }, key: string | undefined) {
      if (caller.level < 2) throw new DomainError('DOSSIER_LEVEL_REQUIRED');
      if (!key || key.length < 8 || key.length > 100) throw new DomainError('DOSSIER_IDEMPOTENCY_KEY_REQUIRED');
      const replay = (row: DossierRow) => {
        if (row.kiosk_device_id === null) throw new DomainError('DOSSIER_IDEMPOTENCY_KEY_REUSED');
        unchanged();
        return view(row, true);
      };
      const known = await store.findByIdempotencyKey(caller.accountId, key);
      if (known) return replay(known);
      const p = ctx.getProcedure(input.procedure);
      if (!atKiosk(p)) throw new DomainError('PROCEDURE_NOT_FOUND');
      // Each chosen paper: a paper this procedure asks for, chosen once, from the citizen's own store.
      const chosen = input.documents ?? [];
      const papers = await Promise.all(chosen.map(async (c, i) => {
        const doc = papersToChoose(p).find((x) => x.id === c.kind);
        if (!doc || chosen.findIndex((o) => o.kind === c.kind) !== i) {
          throw new DomainError('DOCUMENT_REFUSED', {}, [fieldError(`documents.${i}.kind`, 'DOCUMENT_KIND_UNKNOWN', { kind: c.kind })]);
        }
        const source = await storedSource(caller, doc.id, c.ref, { uploads: store, documents: deps.documents });
        return { ...checkUpload(doc, { fileName: source.fileName, content: source.content.toString('base64') }), kind: doc.id, ref: c.ref };
      }));
      const { facts, release } = await helpers.applicantFacts(caller);
      const filed = await helpers.receivingUnit(p, facts, undefined);
      const now = ctx.now();
      try {
        const row = await deps.db.transaction(async (tx) => {
          const { prefilled, value, errors, subjects, unit } = await ctx.checkIntake({
            procedure: p, facts, form: input.form ?? {}, dossierId: null, unit: filed, papers: new Set(papers.map((x) => x.kind)), parties: [],
          }, tx);
          if (errors.length) throw new DomainError('DOSSIER_INVALID', {}, errors);
          const draft = await store.insertDossier(tx, {
            procedureSlug: p.slug, procedureCode: p.code, procedureName: p.name, procedureVersion: p.validFrom, agency: p.agency,
            applicantAccountId: caller.accountId, applicantPersonId: caller.personId, applicantName: facts.fullName, applicantPersonalId: facts.personalId,
            subjectPersonIds: subjects.personIds, unitCode: unit.unitCode, provinceCode: unit.provinceCode, channel: 'online', formData: value,
            prefilledFields: prefilled.locked, documentsNotRequired: p.documents.filter((x) => x.providedByPlatform).length, kioskDeviceId: kiosk.deviceId,
          });
          for (const x of papers) {
            await store.insertDocument(tx, {
              dossierId: Number(draft.id), kind: x.kind, fileName: x.fileName, mediaType: x.mediaType, content: x.content, sha256: x.sha256, by: 'citizen', reusedFrom: x.ref,
            });
          }
          const code = await ctx.reserveCode(tx, p.agency, unit.unitCode, now);
          const acceptanceDueAt = acceptanceDue(ref.calendar(), now, ref.hours(p.agency));
          const fee = helpers.fee(p, todayInVietnam(now), value);
          return ctx.applyChange(tx, draft, 'submit', citizenActor(caller), {
            change: {
              code, submittedAt: now, receivedAt: now, acceptanceDueAt, deadlineAt: acceptanceDueAt, idempotencyKey: key, feeAmount: fee.amount,
            },
            data: { fee: fee.amount, acceptanceDueAt: acceptanceDueAt.toISOString(), kiosk: { id: kiosk.deviceId, name: kiosk.deviceName }, papers: papers.map((x) => ({ paper: x.kind, source: x.ref })) },
            release: [release],
          }, now);
        });
        await ctx.notifyCitizen(row, 'submit', null);
        return view(row, false);
      } catch (err) {
        // Two touches at once: the unique (account, key) index decides, the loser answers with the winner's dossier.
        if (uniqueViolation(err)) {
          const row = await store.findByIdempotencyKey(caller.accountId, key);
          if (row) return replay(row);
        }
        throw err;
      }
    },
  };
}
