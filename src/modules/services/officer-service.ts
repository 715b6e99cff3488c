import type { OfficerCaller, Permission } from '../../platform/access.js';
import { shownAs } from '../../platform/audit.js';
import { afterCommit, type Queryable, type Transaction } from '../../platform/db.js';
import { formatIsoDate, formatNumber } from '../../platform/format.js';
import { todayInVietnam } from '../../platform/time.js';
import { dueFlag as calendarDueFlag, type DueFlag } from './calendar/index.js';
import { DomainError, fieldError } from './errors.js';
import { outsideUnit, resolveSubjects } from './subjects.js';
import { recordResult } from './results.js';
import { confirmedParties } from './confirmation-service.js';
import { createConfirmationStore } from './confirmation-store.js';
import { criminalRecordErrors, criminalRecordFields, criminalRecordPaper, type CriminalRecordResult } from './criminal-record.js';
import { resultMeta, signReturnedResult } from './signed-results.js';
import { atVn, dueWindow, isProvisional, previousWorkingDay, resultDue } from './deadlines.js';
import type { DossierRow, OfficerScope } from './store.js';
import { DOSSIER_STATES, TRANSITIONS, type DossierState, type TransitionName } from './states.js';
import type { QueueQueryInput } from './schema.js';
import { AGENCY_LABELS, applicantAddress, documentView, dossierCore, queueItem, timelineEntry } from './views.js';
import type { Actor, Change, DeskContext, DossierPayment } from './service.js';
import { PAPERS, type PaperName, type PaperSource } from './receipt-paper.js';
import { COPY_PROCEDURE } from './copies/catalogue.js';

/** The transitions an officer makes, and the permission each needs (the routes declare the same). */
export const OFFICER_TRANSITIONS = {
  assign: 'services.dossiers.process',
  receive: 'services.dossiers.receive',
  request_supplement: 'services.dossiers.receive',
  reject: 'services.dossiers.receive',
  start_processing: 'services.dossiers.process',
  transfer: 'services.dossiers.process',
  request_payment: 'services.dossiers.process',
  record_payment: 'services.dossiers.process',
  refuse: 'services.dossiers.approve',
  approve: 'services.dossiers.approve',
  return_result: 'services.dossiers.process',
  extend: 'services.dossiers.process',
  stop: 'services.dossiers.process',
} as const satisfies Partial<Record<TransitionName, Permission>>;
export type OfficerTransition = keyof typeof OFFICER_TRANSITIONS;

/** Why the system moves a dossier on when its fee is paid (its audit entry's purpose). */
const PAYMENT_PURPOSE = 'Ghi nhận công dân đã nộp phí, lệ phí (ngân hàng xác nhận)';

/** Fields of the registry record shown beside the form (the detail's read audit lists them). */
export const RECORD_FIELDS = ['personalId', 'fullName', 'dateOfBirth', 'sex', 'ethnicity', 'residence', 'household', 'form', 'documents'];

/**
 * The changes by which an officer handles a dossier's substance and so proposes its result (chuyển xử lý, thẩm định,
 * nghĩa vụ tài chính). Separation of duties (review 3 #7): none of them, and not the officer assigned to process it,
 * may approve that result: the leader's approval is a second person's check.
 */
const HANDLING_ACTIONS = ['start_processing', 'request_payment', 'record_payment'] as const;
/** The decisions on a dossier's substance (phê duyệt, từ chối giải quyết): never by its handler. */
const DECISIONS: readonly OfficerTransition[] = ['approve', 'refuse'];

/** States whose deadline is running (an acceptance or a result); a supplement request stops the clock. */
const CLOCK_STATES: readonly DossierState[] = ['submitted', 'received', 'in_process', 'awaiting_payment', 'processed'];

export function createOfficerDesk(ctx: DeskContext) {
  const { deps, store, ref } = ctx;
  const { db, registry } = deps;
  const results = createConfirmationStore(db);

  const scopeOf = (caller: OfficerCaller): OfficerScope => ({ level: caller.area.level, code: caller.area.code, agencies: deps.agenciesOf(caller.role) });
  const actorOf = (caller: OfficerCaller): Actor => ({ kind: 'officer', id: String(caller.officerId), name: caller.fullName });

  function flagOf(d: DossierRow, now: Date): DueFlag {
    if (!d.deadline_at || !CLOCK_STATES.includes(d.state)) return null;
    try {
      return calendarDueFlag(ref.calendar(), now, new Date(d.deadline_at));
    } catch {
      return null;
    }
  }

  async function officerDossier(caller: OfficerCaller, id: number): Promise<DossierRow> {
    const scope = scopeOf(caller);
    const d = scope.agencies.length ? await store.findForOfficer(scope, id) : undefined;
    // Another unit's or agency's dossier reads as absent: 404, never 403, so its existence does not leak.
    if (!d) throw new DomainError('DOSSIER_NOT_FOUND');
    return d;
  }

  /** The registry's record of a person of the dossier, read within the province of the dossier's unit. */
  async function recordOf(caller: OfficerCaller, provinceCode: string, key: string) {
    const p = await registry.readPerson({ ...caller, area: { level: 'province', code: provinceCode } }, key).catch(() => undefined);
    if (!p) return null;
    return shownAs({
      personalId: p.personalId, fullName: p.fullName, dateOfBirth: p.dateOfBirth, sex: p.sex, ethnicity: p.ethnicity, deceased: p.deceased,
      commune: p.commune,
      household: p.household && { householdNo: p.household.householdNo, address: p.household.address, relationToHead: p.household.relationToHead },
      residences: p.residences,
    }, { kind: 'person', id: p.personalId });
  }


  /**
   * One officer change: the dossier locked inside the officer's unit and agencies (404 otherwise), the
   * transition allowed from its state (409, nothing changed, otherwise), then the change, its timeline
   * event, audit entry and domain event in one transaction, and the citizen's text message after it.
   */
  async function act(caller: OfficerCaller, id: number, name: OfficerTransition, build: (d: DossierRow, tx: Transaction, now: Date) => Promise<Change> | Change) {
    const scope = scopeOf(caller);
    const now = ctx.now();
    const { row, change } = await db.transaction(async (tx) => {
      const d = scope.agencies.length ? await store.lockForOfficer(tx, scope, id) : undefined;
      if (!d) throw new DomainError('DOSSIER_NOT_FOUND');
      ctx.requireFrom(d, name);
      const c = await build(d, tx, now);
      return { row: await ctx.applyChange(tx, d, name, actorOf(caller), c, now), change: c };
    });
    if (change.visible !== false) await ctx.notifyCitizen(row, name, change.comment, change.notice);
    return queueItem(row, flagOf(row, now));
  }

  /** The officers who handled the dossier (see HANDLING_ACTIONS): its assigned officer and those who made a handling change. */
  async function handlersOf(d: DossierRow, q: Queryable = db): Promise<Set<string>> {
    const ids = new Set(await store.officersWho(q, Number(d.id), HANDLING_ACTIONS));
    if (d.assigned_officer_id !== null) ids.add(String(d.assigned_officer_id));
    return ids;
  }

  /** NĐ 118 Art. 21: once the citizen asked to stop, the agency stops (shared with the copies' certification: service.ts). */
  const rejectIfStopRequested = ctx.rejectIfStopRequested;

  /** Mẫu 01's data; a dossier not (or not yet again) received has none (409). */
  async function receiptOf(d: DossierRow) {
    if (!d.accepted_at || !d.due_at || !d.code) throw new DomainError('DOSSIER_STATE', { state: DOSSIER_STATES[d.state].label, action: 'In giấy tiếp nhận' });
    const p = ctx.getProcedure(d.procedure_slug, String(d.procedure_version).slice(0, 10));
    const [documents, events] = await Promise.all([store.documents(Number(d.id)), store.events(Number(d.id), false)]);
    const received = [...events].reverse().find((e) => e.action === 'receive' || e.action === 'receive_at_counter');
    const names = new Map(p.documents.map((x) => [x.id, x.name]));
    const handedIn = new Map<string, number>();
    for (const doc of documents) handedIn.set(doc.kind, (handedIn.get(doc.kind) ?? 0) + 1);
    return shownAs({
      dossierCode: d.code, procedure: { name: d.procedure_name, code: d.procedure_code },
      applicant: { name: d.applicant_name, address: applicantAddress(d) },
      unitCode: d.unit_code, agency: d.agency, agencyLabel: AGENCY_LABELS[d.agency] ?? d.agency,
      documents: [...handedIn].map(([kind, n]) => ({ name: names.get(kind) ?? kind, originals: 0, copies: n })),
      notRequired: p.documents.filter((x) => x.providedByPlatform).map((x) => x.name),
      sets: 1, timeLimit: { ...p.timeLimit },
      receivedAt: new Date(d.accepted_at).toISOString(), appointmentAt: new Date(d.due_at).toISOString(),
      delivery: d.channel === 'direct' ? 'counter' as const : 'online' as const,
      fees: d.fee_amount === null ? [] : [{ label: 'Phí, lệ phí', amount: Number(d.fee_amount) }],
      officer: { name: received?.actor_name ?? '' },
    }, { kind: 'person', id: d.applicant_personal_id });
  }

  /** The dossier's result document (a PDF), marked with its applicant for the route's read entry; 404 when there is none. */
  async function resultOf(d: DossierRow): Promise<Buffer> {
    const r = await results.result(Number(d.id));
    if (!r) throw new DomainError('DOSSIER_RESULT_NOT_FOUND');
    return shownAs(Buffer.from(r.content), { kind: 'person', id: d.applicant_personal_id });
  }

  /** The dossier's facts and the latest event that issued the paper; a dossier without one has no such paper (404). */
  async function paperSourceOf(d: DossierRow, name: PaperName): Promise<PaperSource & { unitCode: string; personalId: string }> {
    const events = await store.events(Number(d.id), true);
    const issued = [...events].reverse().find((e) => (PAPERS[name].events as readonly string[]).includes(e.action));
    if (!issued || !d.code) throw new DomainError('DOSSIER_PAPER_NOT_FOUND');
    return {
      dossierCode: d.code, agency: d.agency, procedure: { name: d.procedure_name, code: d.procedure_code },
      applicant: { name: d.applicant_name, address: applicantAddress(d) }, receivedAt: new Date(d.accepted_at ?? d.received_at ?? issued.at),
      event: { at: new Date(issued.at), actorName: issued.actor_name, comment: issued.comment, data: issued.data },
      unitCode: d.unit_code, personalId: d.applicant_personal_id,
    };
  }

  return {
    receiptOf,
    paperSourceOf,

    async queue(caller: OfficerCaller, q: QueueQueryInput) {
      const scope = scopeOf(caller);
      const now = ctx.now();
      const cal = ref.calendar();
      const covers = (() => {
        try {
          return cal.covers(todayInVietnam(now));
        } catch {
          return false;
        }
      })();
      if (!scope.agencies.length) return { items: [], total: 0, calendarCovers: covers };
      const window = q.due ? dueWindow(cal, now, q.due) : {};
      const { rows, total } = await store.queue(scope, {
        procedure: q.procedure, state: q.state, unitCode: q.unit, deadlineFrom: window.from, deadlineBefore: window.before,
        assignedTo: q.mine ? caller.officerId : undefined, limit: q.limit ?? 20, offset: q.offset ?? 0,
      });
      return { items: rows.map((d) => queueItem(d, flagOf(d, now))), total, calendarCovers: covers };
    },

    /** The dossier with its form, papers, full timeline and, beside them, the registry's records of the people it is about. */
    async detail(caller: OfficerCaller, id: number) {
      const d = await officerDossier(caller, id);
      const province = d.province_code;
      const [documents, events, rating, applicant, subjects, handlers] = await Promise.all([
        store.documents(Number(d.id)), store.events(Number(d.id), false), store.rating(Number(d.id)),
        recordOf(caller, province, d.applicant_personal_id),
        Promise.all(d.subject_person_ids.map((pid) => recordOf(caller, province, `p${pid}`))),
        handlersOf(d),
      ]);
      const shown = subjects.filter((s) => s !== null);
      const allowed = (Object.keys(OFFICER_TRANSITIONS) as OfficerTransition[])
        .filter((t) => caller.permissions.has(OFFICER_TRANSITIONS[t]) && (TRANSITIONS[t].from as readonly DossierState[]).includes(d.state))
        .filter((t) => t !== 'extend' || !d.extended)
        .filter((t) => !DECISIONS.includes(t) || !handlers.has(String(caller.officerId)))
        // A certified copy's dossier is decided by its certification (copies/), never by a generic approval without a copy.
        .filter((t) => t !== 'approve' || d.procedure_slug !== COPY_PROCEDURE);
      return shownAs({
        ...dossierCore(d),
        applicantPersonalId: d.applicant_personal_id,
        form: d.form_data, prefilledFields: d.prefilled_fields,
        documents: documents.map(documentView),
        fee: d.fee_amount === null ? null : { amount: Number(d.fee_amount), currency: 'VND' as const, explanation: ctx.feeExplanation(d) },
        timeline: events.map(timelineEntry),
        rating: rating ? { ratedAt: new Date(rating.rated_at).toISOString(), scores: rating.scores, comment: rating.comment } : null,
        dueFlag: flagOf(d, ctx.now()),
        dueProvisional: d.due_at !== null && isProvisional(ref.calendar(), new Date(d.due_at)),
        assignedOfficerId: d.assigned_officer_id === null ? null : Number(d.assigned_officer_id),
        approvalAsks: ctx.getProcedure(d.procedure_slug, String(d.procedure_version).slice(0, 10)).effect === 'criminal_record' ? 'criminal_record' as const : null,
        registry: { applicant, subjects: shown },
        allowed,
      }, { kind: 'person', id: d.applicant_personal_id });
    },

    /** Whom the officer may assign their unit's dossiers of an agency to: active colleagues of the same area and agency. */
    async colleagues(caller: OfficerCaller) {
      const agencies = deps.agenciesOf(caller.role);
      const lists = await Promise.all(agencies.map((a) => deps.colleagues?.(caller.area.code, a) ?? Promise.resolve([])));
      const seen = new Set<number>();
      const items = lists.flat().filter((o) => !seen.has(o.id) && seen.add(o.id)).map((o) => ({ id: o.id, name: o.fullName, role: o.role }));
      return { items };
    },

    /** Mẫu 02, 03 or 04 of a dossier of the officer's unit (404 when the dossier has no such paper). */
    async paperSource(caller: OfficerCaller, id: number, name: PaperName) {
      return paperSourceOf(await officerDossier(caller, id), name);
    },

    /**
     * The data of the Giấy tiếp nhận hồ sơ và hẹn trả kết quả of a received dossier (Mẫu 01): who received it
     * and when, the papers handed in and those the platform read itself, the time limit and the appointment.
     */
    async receipt(caller: OfficerCaller, id: number) {
      return receiptOf(await officerDossier(caller, id));
    },

    async officerDocument(caller: OfficerCaller, id: number, documentId: number) {
      const d = await officerDossier(caller, id);
      const doc = await store.documentContent(Number(d.id), documentId);
      if (!doc) throw new DomainError('DOSSIER_DOCUMENT_NOT_FOUND');
      return shownAs({ ...documentView(doc), content: Buffer.from(doc.content).toString('base64') }, { kind: 'person', id: d.applicant_personal_id });
    },

    // Lookups run before the dossier's transaction: on PGlite (one connection) a query outside it would wait for it.
    async assign(caller: OfficerCaller, id: number, body: { officerId?: number; comment?: string }) {
      const target = body.officerId ?? caller.officerId;
      const colleague = target === caller.officerId
        ? { areaCode: caller.area.code, role: caller.role }
        : await deps.officer(target);
      return act(caller, id, 'assign', (d) => {
        if (!colleague || (colleague.areaCode !== d.unit_code && colleague.areaCode !== d.province_code) || !deps.agenciesOf(colleague.role).includes(d.agency as never)) {
          throw new DomainError('DOSSIER_ASSIGNEE_UNKNOWN');
        }
        return { change: { assignedOfficerId: target }, comment: body.comment ?? null, data: { officerId: target }, visible: false };
      });
    },

    /** Giấy tiếp nhận: the processing period runs from now, the due date from the calendar and the procedure's limit. */
    receive: (caller: OfficerCaller, id: number, comment?: string) => act(caller, id, 'receive', async (d, tx, now) => {
      const p = ctx.getProcedure(d.procedure_slug, String(d.procedure_version).slice(0, 10));
      const cal = ref.calendar();
      // A linked group's step is counted with its limit inside the group; a later step keeps the due date it got when
      // it opened, at the approval of the step before (review 3 #11).
      const step = d.group_id !== null ? await ctx.groupStepLimit?.(tx, d, now) : undefined;
      const limit = step?.limit ?? p.timeLimit;
      const due = step?.keepDue && d.due_at ? new Date(d.due_at) : resultDue(cal, now, limit, ref.hours(d.agency));
      const data = { dueAt: due.toISOString(), timeLimit: { ...limit }, ...(isProvisional(cal, due) ? { dueProvisional: true } : {}) };
      return { change: { acceptedAt: now, dueAt: due, deadlineAt: due }, comment: comment ?? null, data };
    }),

    /** Phiếu yêu cầu bổ sung: everything needed, listed at once; the clock stops until the citizen answers. */
    requestSupplement: (caller: OfficerCaller, id: number, body: { comment: string; items: string[] }) => act(caller, id, 'request_supplement', async (d, tx, now) => {
      // "Yêu cầu bổ sung một lần" (NĐ 118 Art. 11.2(c), 16.3; review #9): a second request would restart the clock again.
      if (await store.countEvents(tx, Number(d.id), 'request_supplement') > 0) throw new DomainError('DOSSIER_SUPPLEMENT_USED');
      // In processing, only within 3 working days of the acceptance (Art. 19, DOMAIN-SERVICES §1.3 item 3).
      if (d.state === 'in_process' && d.accepted_at) {
        const last = ref.calendar().addWorkingDays(todayInVietnam(new Date(d.accepted_at)), 3);
        if (todayInVietnam(now) > last) throw new DomainError('DOSSIER_SUPPLEMENT_LATE', { last: formatIsoDate(last) });
      }
      if (!body.comment.trim()) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('comment', 'COMMENT_REQUIRED')]);
      const items = body.items.map((i) => i.trim()).filter(Boolean);
      if (!items.length) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('items', 'SUPPLEMENT_ITEMS_REQUIRED')]);
      return { change: { dueAt: null, deadlineAt: null }, comment: body.comment, data: { items }, notice: { comment: `${body.comment} (${items.join('; ')})` } };
    }),

    reject: (caller: OfficerCaller, id: number, comment: string) => act(caller, id, 'reject', (_d, _tx, now) => {
      if (!comment.trim()) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('comment', 'COMMENT_REQUIRED')]);
      return { change: { closedAt: now, deadlineAt: null }, comment };
    }),

    refuse: (caller: OfficerCaller, id: number, comment: string) => act(caller, id, 'refuse', async (d, tx, now) => {
      if (!comment.trim()) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('comment', 'COMMENT_REQUIRED')]);
      // A refusal is a decision like an approval: a second person's, not the handler's (review 3 #7).
      if ((await handlersOf(d, tx)).has(String(caller.officerId))) throw new DomainError('DOSSIER_APPROVER_IS_HANDLER');
      await rejectIfStopRequested(d, tx);
      return { change: { decision: 'refused', decidedAt: now }, comment };
    }),

    startProcessing: (caller: OfficerCaller, id: number, comment?: string) => act(caller, id, 'start_processing', () => ({ change: {}, comment: comment ?? null })),

    async transfer(caller: OfficerCaller, id: number, body: { unitCode: string; comment: string }) {
      const to = await registry.getUnit('2025', body.unitCode).catch(() => undefined);
      return act(caller, id, 'transfer', (d) => {
        if (body.unitCode === d.unit_code) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('unitCode', 'UNIT_SAME')]);
        const p = ctx.getProcedure(d.procedure_slug, String(d.procedure_version).slice(0, 10));
        if (!to || to.level !== p.level) throw new DomainError('DOSSIER_UNIT_UNKNOWN', { code: body.unitCode });
        // A registry effect is written for the unit's area (a residence is registered in the unit's commune, a death
        // decided by the deceased's): such a dossier stays where it is; it is refused for the citizen to file it
        // where it belongs (review #8). Others move within the province only (NĐ 118 Art. 40.4).
        if (p.effect && deps.effects?.[p.effect]) throw new DomainError('DOSSIER_TRANSFER_REFUSED');
        if (to.provinceCode !== d.province_code) throw new DomainError('DOSSIER_UNIT_UNKNOWN', { code: body.unitCode });
        return {
          change: { unitCode: body.unitCode, provinceCode: to.provinceCode, assignedOfficerId: null }, comment: body.comment,
          data: { fromUnit: d.unit_code, toUnit: body.unitCode, toUnitName: to.fullName }, notice: { unit: to.fullName },
        };
      });
    },

    /** Waiting for fees or taxes: a state the payments module (later) will leave by itself; until then an officer records the payment. */
    requestPayment: (caller: OfficerCaller, id: number, body: { amount?: number; comment?: string }) => act(caller, id, 'request_payment', async (d, tx) => {
      const amount = body.amount ?? (d.fee_amount === null ? 0 : Number(d.fee_amount));
      // A fee of 0 (exempt) asks no one to pay: an officer records it as settled.
      if (amount > 0) {
        await deps.payments?.requested({
          dossierId: Number(d.id), code: d.code, amount, applicantAccountId: d.applicant_account_id === null ? null : Number(d.applicant_account_id),
          applicantName: d.applicant_name, applicantPersonalId: d.applicant_personal_id, procedureName: d.procedure_name, unitCode: d.unit_code, provinceCode: d.province_code,
        }, tx);
      }
      return { change: { feeAmount: amount }, comment: body.comment ?? null, data: { amount }, notice: { amount: formatNumber(amount) } };
    }),

    recordPayment: (caller: OfficerCaller, id: number, comment?: string) => act(caller, id, 'record_payment', (_d, _tx, now) => ({ change: { paidAt: now }, comment: comment ?? null })),

    /**
     * A payment the payments module confirmed (a signed bank notification), settled in its confirming transaction:
     * the dossier waiting for it moves on (record_payment by the system, audited). A dossier no longer waiting
     * (withdrawn, stopped meanwhile) is left as it is and the payment stays for the accountant (refund).
     */
    async settlePayment(tx: Transaction, dossierId: number, p: DossierPayment): Promise<boolean> {
      const d = await store.lockById(tx, dossierId);
      if (!d || d.state !== 'awaiting_payment') return false;
      const at = ctx.now();
      const row = await ctx.applyChange(tx, d, 'record_payment', { kind: 'system', id: 'payments', name: null }, {
        change: { paidAt: p.paidAt },
        comment: `Đã nhận ${formatNumber(p.amount)} đồng qua chuyển khoản (mã thanh toán ${p.reference}), biên lai điện tử số ${p.receiptNumber}.`,
        data: { reference: p.reference, amount: p.amount, transactionId: p.transactionId, receiptNumber: p.receiptNumber },
        purpose: PAYMENT_PURPOSE,
      }, at);
      afterCommit(tx, () => void ctx.notifyCitizen(row, 'record_payment', null));
      return true;
    },

    /** Whether the dossier still waits for its fee (a renewed payment code is issued only then); locks it for the renewing transaction. */
    async awaitsPayment(tx: Transaction, dossierId: number): Promise<boolean> {
      const d = await store.lockById(tx, dossierId);
      return d?.state === 'awaiting_payment';
    },

    /**
     * The decision; the procedure's registry effect (if wired) runs in the same transaction. A criminal-record request
     * needs the officer's result, drawn as the certificate (PDF) before the transaction and stored as the dossier's
     * result in it. The people the form names, and those who confirmed it, are checked again (confirmation-service.ts).
     */
    async approve(caller: OfficerCaller, id: number, body: { comment?: string; result?: CriminalRecordResult } = {}) {
      const d0 = await officerDossier(caller, id);
      // Its result is the certified copy: approved only by the certification route, which issues it (copies/service.ts).
      if (d0.procedure_slug === COPY_PROCEDURE) throw new DomainError('COPY_APPROVE_BY_CERTIFICATION');
      const p0 = ctx.getProcedure(d0.procedure_slug, String(d0.procedure_version).slice(0, 10));
      let paper: Awaited<ReturnType<typeof criminalRecordPaper>> | null = null;
      let signed: Awaited<ReturnType<NonNullable<typeof deps.documents>['sign']>> = null;
      if (p0.effect === 'criminal_record') {
        const errors = criminalRecordErrors(body.result);
        if (errors.length) throw new DomainError('VALIDATION_FAILED', {}, errors);
        const unit = await registry.getUnit('2025', d0.unit_code);
        const lookup = `${(deps.publicUrl ?? 'http://localhost:3000').replace(/\/$/, '')}/citizen/services`;
        const issuedAt = ctx.now();
        // Signed by the unit's certificate when the documents module has one (issue 16): the stored result is the signed PDF.
        let drawn: Awaited<ReturnType<typeof criminalRecordPaper>> | undefined;
        const meta = { ...resultMeta(d0, 'criminal_record', unit.fullName), fields: criminalRecordFields(d0, body.result!) };
        signed = await deps.documents?.sign(meta, async (seal) => {
          drawn = await criminalRecordPaper(d0, body.result!, unit, caller, lookup, issuedAt, seal);
          return drawn.pdf;
        }, issuedAt) ?? null;
        paper = signed && drawn ? { ...drawn, pdf: signed.pdf, sha256: signed.sha256 } : await criminalRecordPaper(d0, body.result!, unit, caller, lookup, issuedAt);
      }
      return act(caller, id, 'approve', async (d, tx, now) => {
        if ((await handlersOf(d, tx)).has(String(caller.officerId))) throw new DomainError('DOSSIER_APPROVER_IS_HANDLER');
        await rejectIfStopRequested(d, tx);
        const p = ctx.getProcedure(d.procedure_slug, String(d.procedure_version).slice(0, 10));
        const handler = p.effect ? deps.effects?.[p.effect] : undefined;
        const parties = await ctx.confirmations.forDossier(Number(d.id), tx);
        const confirmed = confirmedParties(parties);
        // The people the form names are checked again against the registry as it is now (a member may have moved out).
        const subjects = await resolveSubjects(registry, Number(d.applicant_person_id), d.form_data, tx, confirmed);
        const errors = [...subjects.errors, ...await ctx.confirmations.errors(p, d.form_data, parties, d.applicant_personal_id, tx)];
        if (errors.length) throw new DomainError('DOSSIER_INVALID', {}, errors);
        // Only the unit where the person lives decides their death or the removal of their residence (review #1).
        const outside = outsideUnit(p.effect, subjects.people, p.level, { unitCode: d.unit_code, provinceCode: d.province_code });
        if (outside.length) throw new DomainError('DOSSIER_INVALID', {}, outside);
        // Lock order: the next step's dossier code (the sequence row) before the effect takes the audit chain's lock,
        // as a submission takes them; the other order could deadlock an unrelated citizen's submission.
        const reserved = await ctx.beforeApproval?.(tx, d, now);
        let result = handler
          ? await handler({
            id: Number(d.id), code: d.code ?? '', procedure: p, form: d.form_data, applicantPersonId: Number(d.applicant_person_id),
            applicantPersonalId: d.applicant_personal_id, subjectPersonIds: subjects.personIds, confirmed, unitCode: d.unit_code, provinceCode: d.province_code,
            actor: { officerId: caller.officerId, fullName: caller.fullName },
          }, tx)
          : null;
        if (paper) {
          await results.insertResult(tx, {
            dossierId: Number(d.id), kind: 'criminal_record', mediaType: 'application/pdf', content: paper.pdf, sha256: paper.sha256, data: paper.data, officerId: caller.officerId,
          });
          await signed?.record(tx);
          result = { summary: paper.summary, data: { document: 'result.pdf', sha256: paper.sha256, ...(signed && { signedDocument: signed.id }) } };
        }
        await ctx.afterApproval?.(tx, d, result, now, reserved); // [groups hook] a linked group's next step opens in this transaction
        return { change: { decision: 'approved', decidedAt: now }, comment: body.comment ?? null, data: { effect: p.effect, result: result ? { summary: result.summary, ...result.data } : null } };
      });
    },

    resultOf,

    /** The result document of a dossier of the officer's unit and agencies (others read as absent). */
    async resultPdf(caller: OfficerCaller, id: number) {
      return resultOf(await officerDossier(caller, id));
    },

    /**
     * Trả kết quả. An approved dossier whose result document (the CT07) could not be read after the approval has
     * it read again first (outside the return's transaction: on PGlite the registry reads on its own connection);
     * when that fails too, the return is refused (409) and the timeline says so: never a return without its result.
     */
    async returnResult(caller: OfficerCaller, id: number, comment?: string) {
      const d0 = await officerDossier(caller, id);
      const p = ctx.getProcedure(d0.procedure_slug, String(d0.procedure_version).slice(0, 10));
      const read = p.effect ? deps.results?.[p.effect] : undefined;
      if (read && d0.state === 'processed' && d0.decision === 'approved' && !(await store.events(id, false)).some((e) => e.action === 'result')) {
        const source = { id, code: d0.code ?? '', applicantPersonalId: d0.applicant_personal_id, actor: { officerId: caller.officerId, fullName: caller.fullName } };
        if (!(await recordResult(db, () => read(source), id, deps.log))) throw new DomainError('DOSSIER_RESULT_MISSING');
      }
      // A birth extract or a CT07 is drawn and signed now (outside the transaction), kept with the return (issue 16).
      const signed = deps.documents && d0.state === 'processed' && d0.decision === 'approved'
        ? await signReturnedResult(deps.documents, registry, d0, p.effect ?? undefined, await store.events(id, false), caller, `${(deps.publicUrl ?? 'http://localhost:3000').replace(/\/$/, '')}/citizen/services`, ctx.now())
        : undefined;
      return act(caller, id, 'return_result', async (d, tx, now) => {
        if (signed) {
          await signed.record(tx);
          await results.insertResult(tx, {
            dossierId: Number(d.id), kind: p.effect!, mediaType: 'application/pdf', content: signed.pdf, sha256: signed.sha256, data: { signedDocument: signed.id }, officerId: caller.officerId,
          });
        }
        return { change: { returnedAt: now, closedAt: now, deadlineAt: null }, comment: comment ?? null, ...(signed && { data: { signedDocument: signed.id, sha256: signed.sha256 } }) };
      });
    },

    /**
     * The apology and the new appointment (NĐ 118 Art. 19): once per dossier, asked at least one working day
     * before the due date, for a later working day.
     */
    extend: (caller: OfficerCaller, id: number, body: { newDueDate: string; comment: string }) => act(caller, id, 'extend', (d, _tx, now) => {
      if (d.extended) throw new DomainError('DOSSIER_EXTENSION_USED');
      if (!d.due_at) throw ctx.notStateErr(d, 'extend');
      const cal = ref.calendar();
      const dueDay = todayInVietnam(new Date(d.due_at));
      if (todayInVietnam(now) > previousWorkingDay(cal, dueDay)) throw new DomainError('DOSSIER_EXTENSION_LATE', { due: formatIsoDate(dueDay) });
      if (body.newDueDate <= dueDay) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('newDueDate', 'DUE_DATE_NOT_LATER', { due: formatIsoDate(dueDay) })]);
      if (!cal.isWorkingDay(body.newDueDate)) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('newDueDate', 'DUE_DATE_NOT_WORKING_DAY')]);
      // At most the procedure's limit again after the old date (at least one working day): the one extension cannot park a dossier (review #16).
      const limit = ctx.getProcedure(d.procedure_slug, String(d.procedure_version).slice(0, 10)).timeLimit;
      const latest = cal.addWorkingDays(dueDay, Math.max(1, limit.workingDays ?? Math.ceil((limit.workingHours ?? 0) / 8)));
      if (body.newDueDate > latest) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('newDueDate', 'DUE_DATE_TOO_LATE', { latest: formatIsoDate(latest) })]);
      const due = atVn(body.newDueDate, ref.hours(d.agency).close);
      return {
        change: { dueAt: due, deadlineAt: due, extended: true }, comment: body.comment,
        data: { previousDueAt: new Date(d.due_at).toISOString(), dueAt: due.toISOString() },
      };
    }),

    /**
     * Thông báo dừng giải quyết hồ sơ (NĐ 118 Art. 21): confirms the citizen's request made online (`request_stop`,
     * named in the event), or records one made on paper at the desk (the officer's comment says so).
     */
    stop: (caller: OfficerCaller, id: number, comment: string) => act(caller, id, 'stop', async (d, tx, now) => {
      if (!comment.trim()) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('comment', 'COMMENT_REQUIRED')]);
      const request = await store.latestEvent(tx, Number(d.id), 'request_stop');
      const data = request ? { request: { at: new Date(request.at).toISOString(), reason: request.comment } } : null;
      return { change: { closedAt: now, deadlineAt: null }, comment, data };
    }),
  };
}

