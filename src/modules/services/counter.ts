// Counter intake (channel 1, trực tiếp — DOMAIN-SERVICES.md §1.2): a one-stop officer receives a paper dossier
// for a citizen standing at the desk. The form is prefilled and locked from the registry as online (prefill.ts),
// the scans pass the citizen upload's checks (uploads.ts), the dossier passes the rules of the citizen's own
// submission (intake.ts: the form's schema, locked fields, the declarant's relation, the people named, a second
// person's confirmation, the same child filed twice), and "Tiếp nhận" creates the dossier already received,
// numbered, with its appointment: the receipt (Mẫu 01) prints at once. The dossier is the citizen's own.
// A second person whose confirmation the procedure needs (the other party of a marriage, a father acknowledging
// his child) may confirm in person at the desk instead of with their e-ID: the officer checks their identity paper
// and says so; their registry data fill their part, locked, and the confirmation is recorded with the dossier.
import type { OfficerCaller } from '../../platform/access.js';
import { shownAs, unchanged, type AuditEntry } from '../../platform/audit.js';
import { uniqueViolation } from '../../platform/db.js';
import { currentContext } from '../../platform/context.js';
import { todayInVietnam } from '../../platform/time.js';
import type { Procedure } from './catalogue/index.js';
import { DomainError, fieldError } from './errors.js';
import { applyPartyPrefill, applyPrefill, PREFILL_FIELDS, type ApplicantFacts } from './prefill.js';
import { CONFIRMING_PARTY, confirmedContentHash, PARTY_LABELS, type PartyRole } from './confirmation-service.js';
import { createConfirmationStore, type ConfirmationRow } from './confirmation-store.js';
import { resultDue } from './deadlines.js';
import { checkUpload, type CheckedUpload } from './uploads.js';
import { outsideUnit } from './subjects.js';
import type { CheckIntake } from './intake.js';
import type { DossierRow } from './store.js';
import { queueItem } from './views.js';
import type { DeskContext } from './service.js';

const PREFILL_PURPOSE = 'Tiếp nhận hồ sơ trực tiếp: điền sẵn tờ khai từ Cơ sở dữ liệu quốc gia về dân cư';
const PARTY_PURPOSE = 'Tiếp nhận hồ sơ trực tiếp: người liên quan có mặt xác nhận hồ sơ, đã đối chiếu giấy tờ tùy thân; điền sẵn phần của họ';

/** A second person confirming at the desk: their personal ID, and the officer's word that their identity paper was checked. */
export interface CounterParty {
  role: PartyRole;
  personalId: string;
  identityChecked: boolean;
}

export interface CounterFile {
  kind: string;
  fileName: string;
  content: string;
}
export interface CounterInput {
  procedure: string;
  personalId: string;
  form?: Record<string, unknown>;
  documents: CounterFile[];
  comment?: string;
  parties?: CounterParty[];
}

export interface CounterHelpers {
  /** The rules of taking a dossier in, the same as the citizen's submission (intake.ts). */
  checkIntake: CheckIntake;
  /** The fee of the direct channel on a day, by the form (a per-page fee counts its pages and copies). */
  fee: (p: Procedure, on: string, form: Record<string, unknown>) => { amount: number };
  /** The citizen's e-ID account of a registry person (identity); none: the officer helps them register first. */
  citizenAccount?: (personId: number) => Promise<number | undefined>;
}

export function createCounterDesk(ctx: DeskContext, helpers: CounterHelpers) {
  const { deps, store, ref } = ctx;
  const { registry } = deps;
  const confirmations = createConfirmationStore(deps.db);

  /** A procedure this desk receives: of the officer's level and of an agency their role works for (else 404). */
  function counterProcedure(caller: OfficerCaller, slug: string): Procedure {
    const p = ctx.getProcedure(slug);
    if (p.level !== caller.area.level || !deps.agenciesOf(caller.role).includes(p.agency)) throw new DomainError('PROCEDURE_NOT_FOUND');
    return p;
  }

  /**
   * The person by personal ID, within the province of the officer's unit (another province's person reads as
   * absent: 404), and the facts the prefill takes, released by the registry under the desk's purpose (audited).
   */
  async function applicant(caller: OfficerCaller, personalId: string): Promise<ApplicantFacts> {
    const province = await registry.provinceOf(caller.area);
    const person = await registry.readPerson({ ...caller, area: { level: 'province', code: province } }, personalId);
    const found = await registry.unsafeFindForVerification(person.personalId);
    const facts = found && await registry.unsafeIdentityFacts(found.personId,
      { actorKind: 'officer', actorId: String(caller.officerId), actorName: caller.fullName, requestId: currentContext()?.requestId }, PREFILL_FIELDS, PREFILL_PURPOSE);
    if (!facts) throw new DomainError('DOSSIER_NOT_FOUND');
    return facts;
  }

  /**
   * The people confirming in person (the procedure's confirming role only, their identity paper checked by the
   * officer), each read from the registry wherever they live (audited under the desk's purpose); an unknown or dead
   * person is a field error on their number.
   */
  async function partiesAtDesk(caller: OfficerCaller, p: Procedure, parties: CounterParty[], applicantId: string): Promise<{ role: PartyRole; facts: ApplicantFacts; release: AuditEntry }[]> {
    const role = p.effect ? CONFIRMING_PARTY[p.effect] : undefined;
    const errors = parties.flatMap((x, i) => [
      ...(!role || x.role !== role ? [fieldError(`parties.${i}.role`, 'PARTY_ROLE_NOT_NEEDED')] : []),
      ...(!x.identityChecked ? [fieldError(`parties.${i}.identityChecked`, 'PARTY_IDENTITY_NOT_CHECKED')] : []),
      ...(x.personalId === applicantId ? [fieldError(`parties.${i}.personalId`, 'INVITEE_SELF')] : []),
    ]);
    if (new Set(parties.map((x) => x.role)).size !== parties.length) errors.push(fieldError('parties', 'PARTY_TWICE'));
    if (errors.length) throw new DomainError('DOSSIER_INVALID', {}, errors);
    const who = { actorKind: 'officer' as const, actorId: String(caller.officerId), actorName: caller.fullName, requestId: currentContext()?.requestId };
    return Promise.all(parties.map(async (x, i) => {
      const found = await registry.unsafeFindForVerification(x.personalId);
      // The release is audited with the dossier's receipt, in its transaction: a refused intake leaves no entry.
      const read = found && !found.dateOfDeath && !found.numberCancelled ? await registry.unsafeIdentityFactsToRecord(found.personId, who, PREFILL_FIELDS, PARTY_PURPOSE) : null;
      if (!read) throw new DomainError('DOSSIER_INVALID', {}, [fieldError(`parties.${i}.personalId`, 'MARRIAGE_PARTY_UNKNOWN')]);
      return { role: x.role, facts: read.facts, release: read.release };
    }));
  }

  /** Every scan through the citizen upload's checks; a refusal names the file (`documents.<i>.<field>`). */
  function checkScans(p: Procedure, files: CounterFile[]): (CheckedUpload & { kind: string })[] {
    return files.map((f, i) => {
      const doc = p.documents.find((x) => x.id === f.kind);
      if (!doc) throw new DomainError('DOCUMENT_REFUSED', {}, [fieldError(`documents.${i}.kind`, 'DOCUMENT_KIND_UNKNOWN', { kind: f.kind })]);
      try {
        return { ...checkUpload(doc, f), kind: doc.id };
      } catch (err) {
        if (err instanceof DomainError) throw new DomainError(err.code, err.params, err.errors.map((e) => ({ ...e, field: `documents.${i}.${e.field}` })));
        throw err;
      }
    });
  }

  const view = (d: DossierRow, replayed: boolean) => shownAs({ ...queueItem(d, null), replayed }, { kind: 'person', id: d.applicant_personal_id });

  return {
    /** What the desk shows before "Tiếp nhận": the person, the prefilled form with its locked fields, the papers to scan. */
    async counterApplicant(caller: OfficerCaller, personalId: string, slug: string) {
      const p = counterProcedure(caller, slug);
      const facts = await applicant(caller, personalId);
      const { form, locked } = applyPrefill(p, facts, {});
      const account = await helpers.citizenAccount?.(facts.personId);
      const role = p.effect ? CONFIRMING_PARTY[p.effect] : undefined;
      return shownAs({
        person: {
          personalId: facts.personalId, fullName: facts.fullName, dateOfBirth: facts.dateOfBirth, sex: facts.sex,
          address: [facts.residence.address, facts.residence.communeName, facts.residence.provinceName].filter(Boolean).join(', '),
        },
        hasAccount: account !== undefined,
        procedure: { slug: p.slug, code: p.code, name: p.name, timeLimit: { ...p.timeLimit } },
        form, prefilledFields: locked,
        documents: p.documents.filter((x) => !x.providedByPlatform && x.upload)
          .map((x) => ({ id: x.id, name: x.name, required: x.required, kinds: [...(x.upload?.kinds ?? [])], maxBytes: x.upload?.maxBytes ?? 0 })),
        notRequired: p.documents.filter((x) => x.providedByPlatform).map((x) => x.name),
        confirmingParty: role ? { role, label: PARTY_LABELS[role] } : null,
      }, { kind: 'person', id: facts.personalId });
    },

    /**
     * "Tiếp nhận" at the desk: the dossier is created in the received state with its code and appointment, the
     * scans stored, one audit entry and the citizen's text message. The same Idempotency-Key (a double click)
     * answers with the dossier it made (200), never a second one.
     */
    async receiveAtCounter(caller: OfficerCaller, input: CounterInput, key: string | undefined) {
      if (!key || key.length < 8 || key.length > 100) throw new DomainError('DOSSIER_IDEMPOTENCY_KEY_REQUIRED');
      const p = counterProcedure(caller, input.procedure);
      const facts = await applicant(caller, input.personalId);
      const accountId = await helpers.citizenAccount?.(facts.personId);
      if (accountId === undefined) throw new DomainError('DOSSIER_APPLICANT_NO_ACCOUNT');
      const replay = (row: DossierRow) => {
        if (row.channel !== 'direct' || row.applicant_personal_id !== facts.personalId) throw new DomainError('DOSSIER_IDEMPOTENCY_KEY_REUSED');
        unchanged();
        return view(row, true);
      };
      const known = await store.findByIdempotencyKey(accountId, key);
      if (known) return replay(known);

      const scans = checkScans(p, input.documents);
      // The people confirming in person: their part of the form filled from the registry and locked, their
      // confirmation bound to the form as the desk takes it (as an e-ID confirmation is: confirmation-service.ts).
      const present = await partiesAtDesk(caller, p, input.parties ?? [], facts.personalId);
      let form = input.form ?? {};
      const partyLocked: string[] = [];
      for (const x of present) {
        const filled = applyPartyPrefill(p, x.role, x.facts, form);
        form = filled.form;
        partyLocked.push(...filled.locked);
        if (x.role === 'spouse') {
          form.spouseConfirmed = true;
          partyLocked.push('spouseConfirmed');
        }
      }
      const inPerson = (at: Date, content: Record<string, unknown>): ConfirmationRow[] => present.map((x) => ({
        id: 0, dossier_id: 0, role: x.role, invitee_personal_id: x.facts.personalId, state: 'confirmed', invitee_person_id: x.facts.personId,
        invitee_account_id: null, created_at: at, answered_at: at, content_sha256: confirmedContentHash(x.role, content),
      }));
      const unitCode = caller.area.code;
      const provinceCode = await registry.provinceOf(caller.area);
      const now = ctx.now();
      const due = resultDue(ref.calendar(), now, p.timeLimit, ref.hours(p.agency));
      try {
        const row = await deps.db.transaction(async (tx) => {
          // The citizen's own rules, all of them at once (intake.ts); nobody could be invited to confirm at the desk,
          // so a procedure that needs a second person's confirmation is refused as a draft without it would be.
          const { prefilled, value, errors, subjects, unit } = await helpers.checkIntake({
            procedure: p, facts, form, dossierId: null, unit: { unitCode, provinceCode }, papers: new Set(scans.map((s) => s.kind)), parties: inPerson(now, form),
          }, tx);
          // The desk decides for its own unit: a death or a removal of someone living elsewhere goes to that unit's desk.
          if (unit.unitCode !== unitCode) errors.push(...outsideUnit(p.effect, subjects.people, p.level, { unitCode, provinceCode }));
          if (errors.length) throw new DomainError('DOSSIER_INVALID', {}, errors);
          const draft = await store.insertDossier(tx, {
            procedureSlug: p.slug, procedureCode: p.code, procedureName: p.name, procedureVersion: p.validFrom, agency: p.agency,
            applicantAccountId: accountId, applicantPersonId: facts.personId, applicantName: facts.fullName, applicantPersonalId: facts.personalId,
            subjectPersonIds: subjects.personIds, unitCode, provinceCode, channel: 'direct', formData: value, prefilledFields: [...new Set([...prefilled.locked, ...partyLocked])],
            documentsNotRequired: p.documents.filter((x) => x.providedByPlatform).length,
          });
          // Bound to the form as received, which the approval checks them against.
          for (const c of inPerson(now, value)) await confirmations.insertConfirmed(tx, { ...c, dossier_id: Number(draft.id) });
          for (const s of scans) {
            await store.insertDocument(tx, { dossierId: Number(draft.id), kind: s.kind, fileName: s.fileName, mediaType: s.mediaType, content: s.content, sha256: s.sha256, by: 'officer' });
          }
          const code = await ctx.reserveCode(tx, p.agency, unitCode, now);
          const fee = helpers.fee(p, todayInVietnam(now), value);
          return ctx.applyChange(tx, draft, 'receive_at_counter', { kind: 'officer', id: String(caller.officerId), name: caller.fullName }, {
            change: {
              code, submittedAt: now, receivedAt: now, acceptedAt: now, dueAt: due, deadlineAt: due, idempotencyKey: key, feeAmount: fee.amount,
            },
            comment: input.comment ?? null,
            data: {
              dueAt: due.toISOString(), timeLimit: { ...p.timeLimit }, scans: scans.length, fee: fee.amount,
              ...(present.length ? { confirmedInPerson: present.map((x) => x.role) } : {}),
            },
            release: present.map((x) => x.release),
          }, now);
        });
        await ctx.notifyCitizen(row, 'receive_at_counter', null);
        return view(row, false);
      } catch (err) {
        // Two clicks at once: the unique (account, key) index decides, the loser answers with the winner's dossier.
        if (uniqueViolation(err)) {
          const row = await store.findByIdempotencyKey(accountId, key);
          if (row) return replay(row);
        }
        throw err;
      }
    },
  };
}
