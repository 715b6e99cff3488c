import type { CitizenCaller, OfficerCaller } from '../../platform/access.js';
import { appendAudit, audited, auditedTogether, shownAs, subjectShown, unchanged, type AuditEntry, type AuditWriter } from '../../platform/audit.js';
import { afterCommit, uniqueViolation, type Db, type Queryable, type Transaction } from '../../platform/db.js';
import type { EventBus } from '../../platform/events.js';
import { currentContext } from '../../platform/context.js';
import { todayInVietnam } from '../../platform/time.js';
import type { RegistryService } from '../registry/index.js';
import { loadWorkCalendar, dossierCode, type OfficeHours, type TimeLimit, type WorkCalendar } from './calendar/index.js';
import { computeFee, computeFormFee, loadCatalogue, validateForm, type Agency, type Catalogue, type Effect, type Procedure } from './catalogue/index.js';
import { DomainError, fieldError, type FieldError } from './errors.js';
import { message, type MessageKey } from './messages.js';
import { applyPrefill, keepLocked, parentRole, PREFILL_FIELDS, type ApplicantFacts } from './prefill.js';
import { confirmationViews, confirmedParties, createConfirmations, type ConfirmedParty } from './confirmation-service.js';
import { acceptanceDue, missingCalendarYears, officeHoursOf } from './deadlines.js';
import { createServicesStore, type DocumentRow, type DossierChange, type DossierRow } from './store.js';
import { TRANSITIONS, DOSSIER_STATES, type DossierState, type TransitionName } from './states.js';
import { checkUpload } from './uploads.js';
import { storedCandidates, storedSource } from './reuse.js';
import { resolveSubjects } from './subjects.js';
import { createIntake, type CheckIntake, missingPapers, uploadsRequired } from './intake.js';
import type { ErrorLog, ResultReaders } from './results.js';
import type { ResultSigning } from './signed-results.js';
import { CRITERIA, RATING_CRITERIA, loadRatingScale } from './rating.js';
import type { RatingInput, StartInput, UploadInput } from './schema.js';
import { documentView, dossierCore, dossierSummary, procedureSummary, timelineEntry } from './views.js';
import { createOfficerDesk } from './officer-service.js';
import { createCounterDesk } from './counter.js';
import { createKioskIntake } from './kiosk-intake.js';
import { createCloseOut } from './close-out.js';
import { dossierPaper, receiptPaper, type PaperName } from './receipt-paper.js';
import { createDvcqgLink, type DvcqgLinkSettings } from './dvcqg-link.js';
import type { DvcqgPortal } from './connectors/index.js';
// [groups hook] linked life-event groups (h/groups): src/modules/services/groups/
import { createLinkedGroups, type CitizenDossiers } from './groups/service.js';
import type { AgencyStepConnector } from './groups/connector.js';
import { createLifeEvents } from './life/service.js';
import { createCertifiedCopies } from './copies/service.js'; // [copies]

/** A linked group's next step, as the group's code starts it (startLinkedStep). */
export interface LinkedStepInput {
  procedure: string;
  applicantAccountId: number;
  applicantPersonId: number;
  applicantName: string;
  applicantPersonalId: string;
  subjectPersonIds?: number[];
  /** Receiving unit (2025) and its province. */
  unitCode: string;
  provinceCode: string;
  form: Record<string, unknown>;
  groupId: number;
  groupStep: number;
  /**
   * The step's dossier code, taken (reserveCode) before the approval ran its registry effect: the dossier-code
   * sequence's lock is then always taken before the audit chain's, as a submission takes them (no deadlock).
   */
  code?: string;
  /** Form paths the citizen cannot change (the registry's and the carried values; a supplement answer keeps them). */
  locked?: string[];
  /** The step's due date, counted from its opening with its limit inside the group (and that limit). */
  dueAt?: Date;
  timeLimit?: TimeLimit;
}

/** Work a caller (a linked group) does in the transaction of a citizen's change of a dossier: it commits with the change or neither does. */
export type InTransaction = (tx: Transaction, row: DossierRow) => Promise<void>;

/** What an approval's registry effect is given (the lead wires the registry's functions at merge). */
export interface ApprovedDossier {
  id: number;
  code: string;
  procedure: Procedure;
  form: Record<string, unknown>;
  applicantPersonId: number;
  applicantPersonalId: string;
  subjectPersonIds: number[];
  /** People who confirmed the dossier with their own e-ID (the other party of a marriage, a father): confirmation-service.ts. */
  confirmed: ConfirmedParty[];
  unitCode: string;
  /** The province (2025) of the receiving unit: where a birth is registered (digits 1–3 of the child's ID). */
  provinceCode: string;
  actor: { officerId: number; fullName: string };
}
export interface EffectResult {
  /** One line for the timeline ("Đã cấp số định danh cá nhân …"). */
  summary: string;
  data?: Record<string, unknown>;
}
/** An approval's effect on the registry, run in the approval's transaction: it commits or rolls back with it. */
export type EffectHandler = (dossier: ApprovedDossier, tx: Transaction) => Promise<EffectResult>;
export type Effects = Partial<Record<NonNullable<Effect>, EffectHandler>>;

/** The catalogue's form and fee rules (catalogue/index.ts). */
export interface FormRules {
  validateForm: typeof validateForm;
  computeFee: typeof computeFee;
}

/** What a dossier's payment request says: whose dossier, which unit collects, how much for what. */
export interface DossierPaymentRequest {
  dossierId: number;
  code: string | null;
  amount: number;
  /** NULL for a dossier received from the national portal (no da06 account). */
  applicantAccountId: number | null;
  applicantName: string;
  applicantPersonalId: string;
  procedureName: string;
  unitCode: string;
  provinceCode: string;
}

/** Called in the transaction that asks the citizen to pay: the payments module issues the payment code (compose.ts). */
export interface PaymentHook {
  requested(request: DossierPaymentRequest, tx: Transaction): Promise<void>;
}

/** A payment the payments module confirmed for a dossier, settled in its confirming transaction (`settlePayment`). */
export interface DossierPayment {
  reference: string;
  amount: number;
  transactionId: string;
  paidAt: Date;
  receiptNumber: string;
}

export interface ServicesDeps {
  db: Db;
  audit: AuditWriter;
  events: EventBus;
  registry: RegistryService;
  /** The agencies whose dossiers an officer role works on (src/roles.ts SERVICE_AGENCIES). */
  agenciesOf: (role: string) => readonly Agency[];
  /** An officer account that may sign in, for assigning a colleague. */
  officer: (id: number) => Promise<{ id: number; fullName: string; role: string; areaCode: string } | undefined>;
  /** Active officers of an area who work on an agency's dossiers (assigning a colleague). */
  colleagues?: (areaCode: string, agency: string) => Promise<{ id: number; fullName: string; role: string }[]>;
  /** Sends a text message to an e-ID account's phone (the identity module's message sender). */
  notify: (accountId: number, text: string) => Promise<void>;
  /** Sends a text message to the e-ID account of a personal ID, when there is one (an invitation to confirm a dossier). */
  notifyPerson?: (personalId: string, text: string) => Promise<void>;
  /** Registry effects of an approval, by the procedure's effect (default: none). */
  effects?: Effects;
  /** Result documents read after an approval, by the procedure's effect (the CT07): read again at return when missing. */
  results?: ResultReaders;
  /** Where failures no request answers are logged (a result that could not be read). */
  log?: ErrorLog;
  /** The payments module's side of "awaiting payment" (a payment code for the citizen); default: none, an officer records the payment. */
  payments?: PaymentHook;
  /** Results as signed documents (the documents module, issue 16); absent: results stay unsigned. */
  documents?: ResultSigning;
  /** Office hours per agency (default: deadlines.ts). */
  officeHours?: Partial<Record<string, OfficeHours>>;
  /** Reference data; loaded from data/ when first needed unless given (tests may pass their own). */
  catalogue?: Catalogue;
  calendar?: WorkCalendar;
  /** The agency identifier a dossier code starts with (NĐ 118 Art. 28.2(a)); default `agencyCodeOf`. */
  agencyCode?: (agency: string, unitCode: string) => string;
  /** The deployment's public address: the receipt's QR leads to the citizen's dossiers there. */
  publicUrl?: string;
  /** The e-ID account of a registry person (identity): a counter dossier belongs to it. */
  citizenAccount?: (personId: number) => Promise<number | undefined>;
  /** The national portal (DVCQG): off when undefined (dvcqg-link.ts, from DA06_DVCQG_*). */
  dvcqg?: DvcqgLinkSettings;
  /** The portal client to use instead of the HTTP one built from `dvcqg` (a test's). */
  dvcqgPortal?: DvcqgPortal;
  /** [groups hook] Who settles the agency steps of linked groups (default: the agencies' officers in da06; groups/connector.ts). */
  agencyStepConnectors?: AgencyStepConnector[];
  /** [life] The type of an active relying party (`hospital`, `lodging`, ...): only a hospital's counter declares births. */
  relyingPartyType?: (relyingPartyId: number) => Promise<string | undefined>;
  /** [life] Which of some people hold an active e-ID account (person id → account id): offers and reminders reach only them. */
  accountsOf?: (personIds: readonly number[]) => Promise<Map<number, number>>;
}

const AGENCY_PREFIX: Record<string, string> = {
  commune_people_committee: 'UBX', commune_police: 'CAX', province_justice: 'STP', social_insurance: 'BHXH', labour_social: 'LDXH',
};
/**
 * The receiving agency's identifier in a dossier code. The real one is the agency's electronic identifier
 * (`000.00.12.H62` style, QCVN 102:2016/BTTTT [P]) that the province configures; until it does, a stable
 * stand-in built from the agency kind and the 2025 unit code (dots only: the code's parts are split on '-').
 */
export const agencyCodeOf = (agency: string, unitCode: string) => `${AGENCY_PREFIX[agency] ?? 'CQ'}.${unitCode}`;


/** How long a change's answer waits for its text message to be handed to the gateway. */
const NOTICE_WAIT_MS = 2_000;
const LINKED_PURPOSE = 'Liên thông thủ tục hành chính (bước tiếp theo của nhóm thủ tục)';
const PREFILL_PURPOSE = 'Điền sẵn hồ sơ thủ tục hành chính từ Cơ sở dữ liệu quốc gia về dân cư';
const SMS_OF: Partial<Record<TransitionName, MessageKey>> = {
  submit: 'SERVICES_SMS_SUBMITTED', receive: 'SERVICES_SMS_RECEIVED', request_supplement: 'SERVICES_SMS_SUPPLEMENT', reject: 'SERVICES_SMS_REJECTED',
  refuse: 'SERVICES_SMS_REFUSED', request_payment: 'SERVICES_SMS_PAYMENT', approve: 'SERVICES_SMS_APPROVED', return_result: 'SERVICES_SMS_RETURNED',
  extend: 'SERVICES_SMS_EXTENDED', stop: 'SERVICES_SMS_STOPPED', transfer: 'SERVICES_SMS_TRANSFERRED', withdraw: 'SERVICES_SMS_WITHDRAWN',
  answer_supplement: 'SERVICES_SMS_SUPPLEMENTED', receive_at_counter: 'SERVICES_SMS_RECEIVED', close_unanswered: 'SERVICES_SMS_CLOSED_UNANSWERED',
};
/** The domain event (and the audit action of its route) of each change. */
export const EVENT_OF = {
  submit: 'services.dossier.submitted', answer_supplement: 'services.dossier.supplemented', withdraw: 'services.dossier.withdrawn',
  request_stop: 'services.dossier.stop-requested',
  assign: 'services.dossier.assigned', receive: 'services.dossier.received', request_supplement: 'services.dossier.supplement-requested',
  reject: 'services.dossier.rejected', refuse: 'services.dossier.refused', start_processing: 'services.dossier.processing',
  transfer: 'services.dossier.transferred', request_payment: 'services.dossier.payment-requested', record_payment: 'services.dossier.paid',
  approve: 'services.dossier.approved', return_result: 'services.dossier.returned', extend: 'services.dossier.extended', stop: 'services.dossier.stopped',
  receive_at_counter: 'services.dossier.received', close_unanswered: 'services.dossier.closed-unanswered',
} as const satisfies Record<TransitionName, string>;

/** Changes that end a dossier without approval, and how a group's timeline says it. */
const GROUP_ENDING = {
  reject: 'không được tiếp nhận', refuse: 'bị từ chối giải quyết', withdraw: 'đã được rút', stop: 'đã dừng giải quyết',
  close_unanswered: 'đã dừng giải quyết do không bổ sung hồ sơ trong thời hạn',
} as const satisfies Partial<Record<TransitionName, string>>;

const vnDateTime = (d: Date | null) => {
  if (!d) return '';
  const s = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return `${s.slice(11, 16)} ${s.slice(8, 10)}/${s.slice(5, 7)}/${s.slice(0, 4)}`;
};

/** The change a transition makes, and what the timeline and the citizen are told about it. */
export interface Change {
  change: DossierChange;
  comment?: string | null;
  data?: Record<string, unknown> | null;
  /** Shown on the citizen's timeline (default true; an assignment is internal). */
  visible?: boolean;
  /** Parameters of the text message beside the code, due date and comment. */
  notice?: Record<string, unknown>;
  /** The purpose of a system change's audit entry (default: a linked group's next step). */
  purpose?: string;
  /** Entries of the registry's facts released into the dossier by this change, appended with the change's own entry. */
  release?: AuditEntry[];
}

export interface Actor {
  kind: 'citizen' | 'officer' | 'system';
  id: string;
  name: string | null;
  /** A system change made for a request of its own (a dossier received from the portal): audited under it, with this purpose. */
  purpose?: string;
}

export function createServicesService(deps: ServicesDeps) {
  const { db, registry } = deps;
  const store = createServicesStore(db);
  let catalogue = deps.catalogue;
  let calendar = deps.calendar;
  let forms: FormRules = { validateForm, computeFee };
  /** The time the workflow reads: deadlines and timestamps of changes (a test sets it; audit entries keep the real time). */
  let clock: () => Date = () => new Date();
  const ref = {
    catalogue: () => (catalogue ??= loadCatalogue()),
    calendar: () => (calendar ??= withMissingYearsWarned(loadWorkCalendar())),
    hours: (agency: string) => officeHoursOf(agency, deps.officeHours),
  };
  /** The published calendar, read once; a missing notice for this year (or from October next year's) is logged, never fatal. */
  function withMissingYearsWarned(cal: WorkCalendar): WorkCalendar {
    const years = missingCalendarYears(cal, new Date());
    if (years.length) deps.log?.warn?.({ years }, 'working-day calendar: no data/calendar/<year>.json for these years; due dates use the statutory holidays and are provisional');
    return cal;
  }
  const validate = (p: Procedure, data: unknown) => forms.validateForm(p, data);
  const feeOf = (p: Procedure, input: Parameters<typeof computeFee>[1]) => forms.computeFee(p, input);
  /** A dossier's fee by its form: a per-page rule counts the form's pages, per copy times its copies (certified copies). */
  const dossierFee = (p: Procedure, form: Record<string, unknown> | null | undefined, input: Omit<Parameters<typeof computeFee>[1], 'pages'>) =>
    computeFormFee(p, input, form, forms.computeFee);
  const agencyCode = deps.agencyCode ?? agencyCodeOf;

  const notStateErr = (d: DossierRow, name: TransitionName) =>
    new DomainError('DOSSIER_STATE', { state: DOSSIER_STATES[d.state].label, action: TRANSITIONS[name].label });

  function requireFrom(d: DossierRow, name: TransitionName): void {
    if (!(TRANSITIONS[name].from as readonly DossierState[]).includes(d.state)) throw notStateErr(d, name);
  }

  /** The procedure in force on a day, by slug or code; 404 when the catalogue has none. */
  function getProcedure(slugOrCode: string, on = todayInVietnam(clock())): Procedure {
    const p = ref.catalogue().get(slugOrCode, on);
    if (!p) throw new DomainError('PROCEDURE_NOT_FOUND');
    return p;
  }

  /** The text message of a change, sent once the change has committed; a failing gateway never undoes it. */
  async function notifyCitizen(d: DossierRow, name: TransitionName, _comment: string | null | undefined, extra: Record<string, unknown> = {}) {
    const key = SMS_OF[name];
    // A dossier received from the national portal has no da06 account: the portal tells its citizen.
    if (!key || d.applicant_account_id === null) return;
    // The text names the code and dates only (messages.ts): not the procedure, not the officer's comment.
    const text = message(key, { ...extra, code: d.code ?? `#${d.id}`, due: vnDateTime(d.due_at), acceptanceDue: vnDateTime(d.acceptance_due_at) });
    // Awaited a moment at most: a slow gateway delays no answer by more than NOTICE_WAIT_MS (the message still leaves).
    const sending = deps.notify(Number(d.applicant_account_id), text).catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([sending, new Promise<void>((resolve) => {
      timer = setTimeout(resolve, NOTICE_WAIT_MS);
    })]);
    clearTimeout(timer);
  }

  /**
   * Applies one change to a locked dossier inside the caller's transaction: the state the transition
   * leads to, the timeline event, the route's audit entry, and — once committed — the domain event.
   */
  async function applyChange(tx: Transaction, d: DossierRow, name: TransitionName, actor: Actor, c: Change, at: Date): Promise<DossierRow> {
    const to = TRANSITIONS[name].to ?? d.state;
    const updated = await store.update(tx, Number(d.id), { ...c.change, state: to }, at, {
      at, action: name, fromState: d.state, toState: to, actorKind: actor.kind, actorId: actor.id, actorName: actor.name,
      comment: c.comment ?? null, data: c.data ?? null, visibleToCitizen: c.visible ?? true,
    });
    // A change the system makes by itself (a linked group's next step) is audited under the change's own action;
    // a person's change under the action its route declared.
    if (actor.kind === 'system') {
      // Its purpose: the change's own (the close-out), the actor's (a dossier received from the portal), else the linked group's.
      await appendAudit(tx, [{
        actorKind: 'system', actorId: actor.id, action: EVENT_OF[name], subjectKind: 'dossier', subjectId: String(d.id), purpose: c.purpose ?? actor.purpose ?? LINKED_PURPOSE,
        ...(actor.purpose ? { requestId: currentContext()?.requestId } : {}),
      }, ...(c.release ?? [])]);
    } else if (c.release?.length) {
      await auditedTogether(tx, [{ details: [{ subjectKind: 'dossier', subjectId: String(d.id) }], ctx: currentContext() }], c.release);
    } else {
      await audited(tx, { subjectKind: 'dossier', subjectId: String(d.id) });
    }
    // The status message for the national portal, in this transaction (dvcqg-link.ts): no change without it, none without the change.
    await dvcqg.enqueue(tx, updated, name, actor, c, at);
    // [groups hook] a step that ends without approval stops its group (its later steps never open).
    if (updated.group_id !== null && name in GROUP_ENDING) await context.stepEnded?.(tx, updated, GROUP_ENDING[name as keyof typeof GROUP_ENDING], at);
    afterCommit(tx, () => {
      void deps.events.emit(EVENT_OF[name], {
        dossierId: Number(d.id), code: updated.code, procedureSlug: updated.procedure_slug, unitCode: updated.unit_code, agency: updated.agency,
        transition: name, from: d.state, to, groupId: updated.group_id === null ? null : Number(updated.group_id), at: at.toISOString(),
      }).catch(() => undefined);
    });
    return updated;
  }

  /**
   * The next dossier code of a receiving agency, taken in a short transaction of its own before the submission's:
   * the day's sequence row is locked for that one statement only, so submissions to one unit no longer wait for
   * each other's commit. A submission that fails after this leaves its number unused (a gap: NĐ 118 Art. 28 asks
   * for the number of the dossier in the day, unique, not for a gapless series). Committed without waiting for
   * the disk (`relaxed`): a dossier bearing the number commits durably after it, which flushes the write-ahead log
   * past the number's own commit; a crash can lose only numbers that no durable dossier bears.
   */
  async function takeCode(agencyKind: string, unitCode: string, at: Date): Promise<string> {
    const agency = agencyCode(agencyKind, unitCode);
    return dossierCode(agency, at, await store.takeSequence(db.relaxed(), agency, todayInVietnam(at)));
  }

  /** The next dossier code of a receiving agency (the day's sequence row stays locked until the transaction ends). */
  async function reserveCode(tx: Transaction, agencyKind: string, unitCode: string, at: Date): Promise<string> {
    const agency = agencyCode(agencyKind, unitCode);
    return dossierCode(agency, at, await store.nextSequence(tx, agency, todayInVietnam(at)));
  }

  const confirmations = createConfirmations({
    db, registry, store, getProcedure, now: () => clock(), notifyPerson: deps.notifyPerson, notifyAccount: deps.notify,
  });
  const checkIntake = createIntake({ registry, store, confirmations, formErrors: (p, form) => formErrors(p, form), db });
  /** NĐ 118 Art. 21: once the citizen asked to stop, the agency stops; it does not decide the dossier instead (approve, refuse, certify). */
  async function rejectIfStopRequested(d: DossierRow, tx: Transaction): Promise<void> {
    if (await store.countEvents(tx, Number(d.id), 'request_stop') > 0) throw new DomainError('DOSSIER_STOP_PENDING');
  }

  const context: DeskContext = {
    deps, store, ref, getProcedure, requireFrom, applyChange, notifyCitizen, notStateErr, now: () => clock(), feeExplanation: (d: DossierRow) => feeExplanation(d),
    reserveCode, validate, confirmations, checkIntake, rejectIfStopRequested,
  };
  // [groups hook] the linked groups open a group's next step in the transaction that approves the one before it.
  const late: { dossiers?: CitizenDossiers } = {};
  const groups = createLinkedGroups({
    ctx: context, dossiers: () => late.dossiers as CitizenDossiers, connectors: deps.agencyStepConnectors,
  });
  context.beforeApproval = (tx, d, at) => groups.beforeApproval(tx, d, at);
  context.stepEnded = (tx, d, label, at) => groups.stepEnded(tx, d, label, at);
  context.afterApproval = (tx, d, result, at, reserved) => groups.afterApproval(tx, d, result, at, reserved);
  context.groupStepLimit = (tx, d, at) => groups.stepLimit(tx, d, at);
  const desk = createOfficerDesk(context);
  // [life] life-event offers and reminders: a death the police record offers the family the linked group.
  const life = createLifeEvents({ ctx: context, groups });
  deps.events.on('registry.person.died', async (e) => {
    try {
      await life.deathRecorded(e);
    } catch (err) {
      deps.log?.error({ err, personId: e.personId }, 'life-event offer after a death failed');
    }
  });

  const counter = createCounterDesk(context, {
    checkIntake, fee: (p, on, form) => dossierFee(p, form, { channel: 'direct', on }), citizenAccount: deps.citizenAccount,
  });
  /** The procedures of a list in force today. */
  const inForce = (list: Procedure[]) => {
    const today = todayInVietnam(clock());
    return list.filter((p) => p.validFrom <= today && (!p.validUntil || p.validUntil >= today));
  };
  // Paperless dossiers the citizen submits themself at a self-service kiosk (kiosk-intake.ts).
  const kioskIntake = createKioskIntake(context, {
    applicantFacts: (caller) => applicantFacts(caller), receivingUnit: (p, facts, asked) => receivingUnit(p, facts, asked),
    inForce: () => inForce(ref.catalogue().list()),
    fee: (p, on, form) => dossierFee(p, form, { channel: 'online', on }),
  });
  const closeOut = createCloseOut(context);
  // [copies] certified electronic copies (model 4) and the commune's sổ chứng thực.
  const copies = createCertifiedCopies(context);

  const lookupUrl = () => `${(deps.publicUrl ?? 'http://localhost:3000').replace(/\/$/, '')}/citizen/services`;

  const dvcqg = createDvcqgLink(context, deps.dvcqg, deps.dvcqgPortal);

  /** The paper of a receipt's data, showing the same person the data shows (the route's read entry names them). */
  async function receiptPdfOf(view: Awaited<ReturnType<typeof desk.receiptOf>>): Promise<Buffer> {
    const unit = await deps.registry.getUnit('2025', view.unitCode);
    const pdf = await receiptPaper(view, unit, lookupUrl(), clock());
    return shownAs(pdf, subjectShown(view));
  }

  /** Mẫu 02–04 as the PDF paper, showing the applicant (the route's read entry names them). */
  async function paperPdfOf(name: PaperName, src: Awaited<ReturnType<typeof desk.paperSourceOf>>): Promise<Buffer> {
    const unit = await deps.registry.getUnit('2025', src.unitCode);
    const pdf = await dossierPaper(name, src, unit, lookupUrl());
    return shownAs(pdf, { kind: 'person', id: src.personalId });
  }

  // ---- the citizen ----

  const citizenActor = (caller: CitizenCaller): Actor => ({ kind: 'citizen', id: String(caller.accountId), name: null });

  /**
   * The applicant's facts from the registry, and the entry of their release (`person.release`), which the caller
   * appends with its change's own entry in the change's transaction: written only when the facts go into a dossier.
   */
  async function applicantFacts(caller: CitizenCaller): Promise<{ facts: ApplicantFacts; release: AuditEntry }> {
    const found = await registry.unsafeIdentityFactsToRecord(
      caller.personId, { actorKind: 'citizen', actorId: String(caller.accountId), requestId: currentContext()?.requestId }, PREFILL_FIELDS, PREFILL_PURPOSE,
    );
    if (!found) throw new DomainError('UNAUTHENTICATED');
    return found;
  }

  /** The unit a new dossier goes to: the one asked for, if it is of the procedure's level; else the applicant's own. */
  async function receivingUnit(p: Procedure, facts: ApplicantFacts, asked: string | undefined): Promise<{ unitCode: string; provinceCode: string }> {
    if (asked === undefined) {
      return { unitCode: p.level === 'commune' ? facts.residence.communeCode : facts.residence.provinceCode, provinceCode: facts.residence.provinceCode };
    }
    const unit = await registry.getUnit('2025', asked).catch(() => undefined);
    if (!unit || unit.level !== p.level) throw new DomainError('DOSSIER_UNIT_UNKNOWN', { code: asked });
    return { unitCode: asked, provinceCode: unit.provinceCode };
  }

  async function ownDossier(caller: CitizenCaller, id: number): Promise<DossierRow> {
    const d = await store.findOwn(caller.accountId, id);
    if (!d) throw new DomainError('DOSSIER_NOT_FOUND');
    return d;
  }

  /** The citizen's full view of their dossier: form, papers, fee, timeline, rating. */
  async function citizenView(d: DossierRow, known: { documents?: DocumentRow[] } = {}) {
    // A dossier is rated only once returned (`rate`): no need to look before.
    const [documents, events, rating, parties] = await Promise.all([
      known.documents ?? store.documents(Number(d.id)), store.events(Number(d.id), true), d.state === 'returned' ? store.rating(Number(d.id)) : undefined,
      confirmations.forDossier(Number(d.id)),
    ]);
    return shownAs({
      ...dossierCore(d),
      form: d.form_data,
      prefilledFields: d.prefilled_fields,
      documents: documents.map(documentView),
      fee: d.fee_amount === null ? null : { amount: Number(d.fee_amount), currency: 'VND' as const, explanation: feeExplanation(d) },
      timeline: events.map(timelineEntry),
      rating: rating ? { ratedAt: new Date(rating.rated_at).toISOString(), scores: rating.scores, comment: rating.comment } : null,
      confirmations: confirmationViews(parties),
    }, { kind: 'person', id: d.applicant_personal_id });
  }

  /** The form's fields of the people who confirmed it stay locked through a submission (the applicant's own are prefilled again). */
  const partyFields = (locked: readonly string[], parties: ConfirmedParty[]) =>
    locked.filter((f) => parties.some((c) => f.startsWith(`${c.role}.`)) || (f === 'spouseConfirmed' && parties.some((c) => c.role === 'spouse')));

  function feeExplanation(d: DossierRow): string {
    try {
      const p = getProcedure(d.procedure_slug, String(d.procedure_version).slice(0, 10));
      return dossierFee(p, d.form_data, { channel: d.channel === 'direct' ? 'direct' : 'online', on: todayInVietnam(d.submitted_at ?? clock()) }).explanation;
    } catch {
      return '';
    }
  }

  /** Form errors of the catalogue's validation, as field errors on `form.<path>` (Vietnamese messages). */
  function formErrors(p: Procedure, form: Record<string, unknown>): { value: Record<string, unknown>; errors: FieldError[] } {
    const r = validate(p, form);
    if (r.ok) return { value: r.value, errors: [] };
    return { value: form, errors: r.errors.map((e) => fieldError(`form.${e.path}`.replace(/\.$/, ''), 'FORM_FIELD', { message: e.message })) };
  }

  /** The kinds of paper a dossier holds (read only when the procedure asks for any). */
  async function papersOf(p: Procedure, d: DossierRow, q?: Queryable): Promise<Set<string>> {
    return uploadsRequired(p).length ? new Set((await store.documents(Number(d.id), q)).map((x) => x.kind)) : new Set();
  }

  /** Every paper the citizen must upload is there (the ones the platform reads itself are not asked for). */
  async function missingDocuments(p: Procedure, d: DossierRow, q?: Queryable): Promise<FieldError[]> {
    return missingPapers(p, await papersOf(p, d, q));
  }

  const api = {
    // ---- catalogue (public) ----
    listProcedures(q?: string) {
      const cat = ref.catalogue();
      const items = inForce(q && q.trim() ? cat.search(q) : cat.list());
      return { items: items.map(procedureSummary) };
    },

    procedure(slug: string) {
      const p = getProcedure(slug);
      const on = todayInVietnam(clock());
      const online = feeOf(p, { channel: 'online', on });
      const direct = feeOf(p, { channel: 'direct', on });
      return {
        ...procedureSummary(p), localCode: p.localCode, form: p.form as unknown as Record<string, unknown>,
        prefill: p.prefill.map((r) => ({ field: r.field, from: r.from, locked: r.locked })),
        documents: p.documents.map((x) => ({ id: x.id, name: x.name, required: x.required, condition: x.condition, providedByPlatform: x.providedByPlatform, upload: x.upload })),
        result: { name: p.result.name, formCode: p.result.formCode, electronic: p.result.electronic, paper: p.result.paper },
        fees: p.fees as unknown as Record<string, unknown>[],
        feeQuote: { online: online.amount, direct: direct.amount, explanation: online.explanation },
        validFrom: p.validFrom,
      };
    },

    /** The rating form: the nine contents and the scale in force (data/services/rating-scale.json, [P]). */
    ratingScale() {
      const scale = loadRatingScale(todayInVietnam(clock()));
      return { criteria: CRITERIA.map((key) => ({ key, label: RATING_CRITERIA[key] })), values: scale.values, validFrom: scale.validFrom, mark: scale.mark, source: scale.source };
    },

    // ---- the citizen's dossiers ----

    /** A draft with every field the registry holds filled and locked (level 1 may draft; submitting needs level 2). */
    async start(caller: CitizenCaller, input: StartInput, opts: { inTransaction?: InTransaction } = {}) {
      const p = getProcedure(input.procedure);
      const { facts, release } = await applicantFacts(caller);
      const { unitCode, provinceCode } = await receivingUnit(p, facts, input.unitCode);
      const { form, locked } = applyPrefill(p, facts, input.form ?? {});
      const d = await db.transaction(async (tx) => {
        const row = await store.insertDossier(tx, {
          procedureSlug: p.slug, procedureCode: p.code, procedureName: p.name, procedureVersion: p.validFrom, agency: p.agency,
          applicantAccountId: caller.accountId, applicantPersonId: caller.personId, applicantName: facts.fullName, applicantPersonalId: facts.personalId,
          subjectPersonIds: [], unitCode, provinceCode, channel: 'online', formData: form, prefilledFields: locked,
          documentsNotRequired: p.documents.filter((x) => x.providedByPlatform).length,
        }, { at: clock(), action: 'started', fromState: null, toState: 'draft', actorKind: 'citizen', actorId: String(caller.accountId), actorName: null });
        await auditedTogether(tx, [{ details: [{ subjectKind: 'dossier', subjectId: String(row.id) }], ctx: currentContext() }], [release]);
        // [groups hook] the linked group this draft is the first step of, created with it or not at all.
        await opts.inTransaction?.(tx, row);
        return row;
      });
      // A new draft has no papers and no rating yet.
      return citizenView(d, { documents: [] });
    },

    /**
     * Saves a draft: locked fields keep the registry's values whatever the client sent. A birth whose declarant
     * changes their relation to the child (Mẹ, Cha, Bà…) has the parent's part filled again: the one they now are is
     * filled and locked from the registry, the one they no longer are is theirs to type (registry read before the transaction).
     */
    async saveDraft(caller: CitizenCaller, id: number, form: Record<string, unknown>) {
      const current = await ownDossier(caller, id);
      const p = getProcedure(current.procedure_slug, String(current.procedure_version).slice(0, 10));
      const read = parentRole(p, current.form_data) !== parentRole(p, form) ? await applicantFacts(caller) : null;
      const d = await db.transaction(async (tx) => {
        const row = await store.lockOwn(tx, caller.accountId, id);
        if (!row) throw new DomainError('DOSSIER_NOT_FOUND');
        if (row.state !== 'draft') throw new DomainError('DOSSIER_STATE', { state: DOSSIER_STATES[row.state].label, action: 'Lưu bản nháp' });
        let formData = keepLocked(form, row.form_data, row.prefilled_fields);
        let prefilledFields: string[] | undefined;
        const before = parentRole(p, row.form_data);
        if (read && before !== parentRole(p, form)) {
          const kept = row.prefilled_fields.filter((f) => !before || !f.startsWith(`${before}.`));
          formData = before ? { ...keepLocked(form, row.form_data, kept), [before]: {} } : formData;
          const again = applyPrefill(p, read.facts, formData);
          formData = again.form;
          prefilledFields = [...new Set([...kept, ...again.locked])];
        }
        const saved = await store.update(tx, id, { formData, prefilledFields }, clock());
        // The registry's release entry (when its facts were read again) is written with the change's own.
        if (read) await auditedTogether(tx, [{ details: [{ subjectKind: 'dossier', subjectId: String(id) }], ctx: currentContext() }], [read.release]);
        else await audited(tx, { subjectKind: 'dossier', subjectId: String(id) });
        return saved;
      });
      return citizenView(d);
    },

    /**
     * Submits a draft: the registry is read again for the locked fields, the form is validated, the papers
     * checked, the dossier numbered and the 8-working-hour acceptance clock started. The same Idempotency-Key
     * answers with the dossier it submitted (one dossier, however many times the citizen presses the button).
     */
    async submit(caller: CitizenCaller, id: number, key: string | undefined, opts: { viaGroup?: boolean; inTransaction?: InTransaction } = {}) {
      if (caller.level < 2) throw new DomainError('DOSSIER_LEVEL_REQUIRED');
      if (!key || key.length < 8 || key.length > 100) throw new DomainError('DOSSIER_IDEMPOTENCY_KEY_REQUIRED');
      const replay = async (row: DossierRow) => {
        if (Number(row.id) !== id) throw new DomainError('DOSSIER_IDEMPOTENCY_KEY_REUSED');
        unchanged();
        return shownAs({ ...(await citizenView(row)), replayed: true }, { kind: 'person', id: row.applicant_personal_id });
      };
      // The dossier this key submitted (a repeat), and the draft: one read.
      const found = await store.findOwnOrByKey(caller.accountId, id, key);
      const known = found.find((r) => r.idempotency_key === key);
      if (known) return replay(known);
      const draft = found.find((r) => Number(r.id) === id);
      if (!draft) throw new DomainError('DOSSIER_NOT_FOUND');
      // A group's first step is submitted through its group (which then starts the group's clock and later steps).
      if (draft.group_id !== null && !opts.viaGroup) throw new DomainError('DOSSIER_IN_GROUP');
      const p = getProcedure(draft.procedure_slug);
      const { facts, release } = await applicantFacts(caller);
      // The confirmed parties' fields are read again from the registry, before the transaction (PGlite: one connection).
      const refreshParties = await confirmations.refreshParties(caller, draft);
      const now = clock();
      /** The form with the registry's values, its errors (fields, papers, people named) and the people it names: intake.ts, as at the counter. */
      const check = async (row: DossierRow, q?: Transaction) => checkIntake({
        procedure: p, facts, form: row.form_data, dossierId: id, unit: { unitCode: row.unit_code, provinceCode: row.province_code },
        papers: await papersOf(p, row, q), parties: await confirmations.forDossier(id, q), refreshParties,
      }, q);
      // Checked before the dossier is numbered, so that a refused submission takes no number; checked again below,
      // on the locked row, only if the draft changed meanwhile (or has papers to upload, which change without it).
      let checked: Awaited<ReturnType<typeof check>> | undefined;
      let code: string | undefined;
      if (draft.state === 'draft') {
        checked = await check(draft);
        if (checked.errors.length) throw new DomainError('DOSSIER_INVALID', {}, checked.errors);
        code = await takeCode(draft.agency, checked.unit.unitCode, now);
      }
      try {
        const d = await db.transaction(async (tx) => {
          const row = await store.lockOwn(tx, caller.accountId, id);
          if (!row) throw new DomainError('DOSSIER_NOT_FOUND');
          if (row.state !== 'draft') {
            if (row.idempotency_key === key) return { row, replayed: true };
            throw notStateErr(row, 'submit');
          }
          // Another party's answer may have changed meanwhile (a confirmation withdrawn): then everything is checked again.
          const numberedFor = checked?.unit.unitCode;
          if (!checked || checked.parties.length || JSON.stringify(row.form_data) !== JSON.stringify(draft.form_data)) checked = await check(row, tx);
          else if (uploadsRequired(p).length) checked = { ...checked, errors: await missingDocuments(p, row, tx) };
          const { prefilled, value, errors, subjects, confirmed, unit } = checked;
          if (errors.length) throw new DomainError('DOSSIER_INVALID', {}, errors);
          const hours = ref.hours(row.agency);
          const acceptanceDueAt = acceptanceDue(ref.calendar(), now, hours);
          const rerouted = unit.unitCode !== row.unit_code ? { unitCode: unit.unitCode, provinceCode: unit.provinceCode } : {};
          // Taken above, for the unit the dossier goes to; again only if the form changed meanwhile and names another unit.
          if (numberedFor !== unit.unitCode) code = undefined;
          code ??= await reserveCode(tx, row.agency, unit.unitCode, now);
          // A per-page fee counts the form's pages, times its copies (certified copies): never "1 page" for every dossier.
          const fee = dossierFee(p, value, { channel: 'online', on: todayInVietnam(now) });
          await confirmations.rebind(tx, id, confirmed, value);
          const submitted = await applyChange(tx, row, 'submit', citizenActor(caller), {
            change: {
              code, formData: value, prefilledFields: [...new Set([...prefilled.locked, ...partyFields(row.prefilled_fields, confirmed)])], submittedAt: now, receivedAt: now, acceptanceDueAt, deadlineAt: acceptanceDueAt,
              idempotencyKey: key, feeAmount: fee.amount, procedureVersion: p.validFrom, subjectPersonIds: subjects.personIds, ...rerouted,
            },
            data: { fee: fee.amount, acceptanceDueAt: acceptanceDueAt.toISOString(), ...(rerouted.unitCode ? { fromUnit: row.unit_code, toUnit: rerouted.unitCode } : {}) },
            release: [release],
          }, now);
          // [groups hook] the group's own clock starts with its first step's submission, or neither happens (review 3 #12).
          await opts.inTransaction?.(tx, submitted);
          return { row: submitted, replayed: false };
        });
        if (d.replayed) return replay(d.row);
        await notifyCitizen(d.row, 'submit', null);
        return citizenView(d.row);
      } catch (err) {
        // Two submissions of other drafts with one key: the unique index decides; the loser gets the rule's answer.
        if (uniqueViolation(err)) {
          const row = await store.findByIdempotencyKey(caller.accountId, key);
          if (row) return replay(row);
        }
        throw err;
      }
    },

    /** Answers a supplement request: the (unlocked) form may change, papers are uploaded before; the clock restarts from this receipt. */
    async answerSupplement(caller: CitizenCaller, id: number, input: { form?: Record<string, unknown>; comment?: string }) {
      const draft = await ownDossier(caller, id);
      const p = getProcedure(draft.procedure_slug, String(draft.procedure_version).slice(0, 10));
      const now = clock();
      const d = await db.transaction(async (tx) => {
        const row = await store.lockOwn(tx, caller.accountId, id);
        if (!row) throw new DomainError('DOSSIER_NOT_FOUND');
        requireFrom(row, 'answer_supplement');
        const form = input.form ? keepLocked(input.form, row.form_data, row.prefilled_fields) : row.form_data;
        const { value, errors } = formErrors(p, form);
        const parties = await confirmations.forDossier(id, tx);
        errors.push(...await missingDocuments(p, row, tx));
        errors.push(...await confirmations.errors(p, value, parties, row.applicant_personal_id, tx));
        const subjects = await resolveSubjects(registry, caller.personId, value, tx, confirmedParties(parties, value));
        errors.push(...subjects.errors);
        if (errors.length) throw new DomainError('DOSSIER_INVALID', {}, errors);
        const acceptanceDueAt = acceptanceDue(ref.calendar(), now, ref.hours(row.agency));
        return applyChange(tx, row, 'answer_supplement', citizenActor(caller), {
          change: { formData: value, subjectPersonIds: subjects.personIds, receivedAt: now, acceptedAt: null, dueAt: null, acceptanceDueAt, deadlineAt: acceptanceDueAt },
          comment: input.comment ?? null,
        }, now);
      });
      await notifyCitizen(d, 'answer_supplement', null);
      return citizenView(d);
    },

    async withdraw(caller: CitizenCaller, id: number, comment: string | undefined) {
      const now = clock();
      const d = await db.transaction(async (tx) => {
        const row = await store.lockOwn(tx, caller.accountId, id);
        if (!row) throw new DomainError('DOSSIER_NOT_FOUND');
        requireFrom(row, 'withdraw');
        return applyChange(tx, row, 'withdraw', citizenActor(caller), { change: { closedAt: now, deadlineAt: null }, comment: comment ?? null }, now);
      });
      if (d.code) await notifyCitizen(d, 'withdraw', null);
      return citizenView(d);
    },

    /**
     * The citizen asks that the processing of their received dossier stop (NĐ 118 Art. 21), with a reason: on their
     * timeline and the officer's, audited; the agency confirms it with the officer's `stop` (Thông báo dừng giải quyết).
     * Once: a second request answers that the first is pending. Before reception the dossier is withdrawn instead.
     */
    async requestStop(caller: CitizenCaller, id: number, reason: string) {
      if (!reason.trim()) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('reason', 'STOP_REASON_REQUIRED')]);
      const now = clock();
      const d = await db.transaction(async (tx) => {
        const row = await store.lockOwn(tx, caller.accountId, id);
        if (!row) throw new DomainError('DOSSIER_NOT_FOUND');
        if (row.state === 'draft' || row.state === 'submitted') throw new DomainError('DOSSIER_STOP_WITHDRAW');
        requireFrom(row, 'request_stop');
        if (await store.countEvents(tx, id, 'request_stop') > 0) throw new DomainError('DOSSIER_STOP_REQUESTED');
        return applyChange(tx, row, 'request_stop', citizenActor(caller), { change: {}, comment: reason.trim(), data: { reason: reason.trim() } }, now);
      });
      return citizenView(d);
    },

    /** The nine criteria of NĐ 118 Art. 33, once, after the result was returned. */
    async rate(caller: CitizenCaller, id: number, input: RatingInput) {
      const scale = loadRatingScale(todayInVietnam(clock()));
      const allowed = new Set(scale.values.map((v) => v.value));
      const errors = CRITERIA.filter((k) => !allowed.has(input.scores[k]))
        .map((k) => fieldError(`scores.${k}`, 'RATING_SCORE', { values: scale.values.map((v) => `${v.value} (${v.label})`).join(', ') }));
      if (errors.length) throw new DomainError('DOSSIER_INVALID', {}, errors);
      const d = await db.transaction(async (tx) => {
        const row = await store.lockOwn(tx, caller.accountId, id);
        if (!row) throw new DomainError('DOSSIER_NOT_FOUND');
        if (row.state !== 'returned') throw new DomainError('DOSSIER_STATE', { state: DOSSIER_STATES[row.state].label, action: 'Đánh giá' });
        const inserted = await store.insertRating(tx, { dossierId: id, accountId: caller.accountId, scaleVersion: scale.validFrom, scores: input.scores, comment: input.comment ?? null });
        if (!inserted) throw new DomainError('DOSSIER_ALREADY_RATED');
        await audited(tx, { subjectKind: 'dossier', subjectId: String(id) });
        return row;
      });
      return citizenView(d);
    },

    async uploadDocument(caller: CitizenCaller, id: number, input: UploadInput) {
      const row0 = await ownDossier(caller, id);
      const p = getProcedure(row0.procedure_slug, String(row0.procedure_version).slice(0, 10));
      const doc = p.documents.find((x) => x.id === input.kind);
      if (!doc) throw new DomainError('DOCUMENT_REFUSED', {}, [fieldError('kind', 'DOCUMENT_KIND_UNKNOWN', { kind: input.kind })]);
      const file = checkUpload(doc, input);
      const saved = await db.transaction(async (tx) => {
        const row = await store.lockOwn(tx, caller.accountId, id);
        if (!row) throw new DomainError('DOSSIER_NOT_FOUND');
        if (row.state !== 'draft' && row.state !== 'supplement_requested') {
          throw new DomainError('DOSSIER_STATE', { state: DOSSIER_STATES[row.state].label, action: 'Tải lên giấy tờ' });
        }
        const r = await store.insertDocument(tx, { dossierId: id, kind: doc.id, fileName: file.fileName, mediaType: file.mediaType, content: file.content, sha256: file.sha256, by: 'citizen' });
        await audited(tx, { subjectKind: 'dossier', subjectId: String(id) });
        return r;
      });
      return documentView(saved);
    },

    /**
     * Kho dữ liệu điện tử, reused (issue 16, "never asked twice"): for each paper the citizen's dossier still asks
     * them to upload, the documents of their store that may stand for it — a paper of the same kind they uploaded
     * for an earlier dossier, or a result da06 issued to them of a kind that proves it (reuse.ts), not revoked.
     */
    async storedForDossier(caller: CitizenCaller, id: number) {
      const d = await ownDossier(caller, id);
      const p = getProcedure(d.procedure_slug, String(d.procedure_version).slice(0, 10));
      const papers = p.documents.filter((x) => !x.providedByPlatform && x.upload);
      const [uploads, held] = await Promise.all([
        store.uploadsOfAccount(caller.accountId, papers.map((x) => x.id), Number(d.id)),
        deps.documents?.heldBy ? deps.documents.heldBy(caller.personalId) : Promise.resolve([]),
      ]);
      return shownAs({ items: storedCandidates(papers, uploads, held) }, { kind: 'person', id: caller.personalId });
    },

    /** One tap: a document of the citizen's store attached to a paper of their dossier by reference (reuse.ts checks it). */
    async reuseDocument(caller: CitizenCaller, id: number, input: { kind: string; ref: string }) {
      const row0 = await ownDossier(caller, id);
      const p = getProcedure(row0.procedure_slug, String(row0.procedure_version).slice(0, 10));
      const doc = p.documents.find((x) => x.id === input.kind);
      if (!doc) throw new DomainError('DOCUMENT_REFUSED', {}, [fieldError('kind', 'DOCUMENT_KIND_UNKNOWN', { kind: input.kind })]);
      const source = await storedSource(caller, doc.id, input.ref, { uploads: store, documents: deps.documents });
      const file = checkUpload(doc, { fileName: source.fileName, content: source.content.toString('base64') });
      const saved = await db.transaction(async (tx) => {
        const row = await store.lockOwn(tx, caller.accountId, id);
        if (!row) throw new DomainError('DOSSIER_NOT_FOUND');
        if (row.state !== 'draft' && row.state !== 'supplement_requested') {
          throw new DomainError('DOSSIER_STATE', { state: DOSSIER_STATES[row.state].label, action: 'Dùng giấy tờ đã có trong kho' });
        }
        const r = await store.insertDocument(tx, {
          dossierId: id, kind: doc.id, fileName: file.fileName, mediaType: file.mediaType, content: file.content, sha256: file.sha256, by: 'citizen', reusedFrom: input.ref,
        });
        await audited(tx, { subjectKind: 'dossier', subjectId: String(id), data: { paper: doc.id, source: input.ref } });
        return r;
      });
      return documentView(saved);
    },

    async deleteDocument(caller: CitizenCaller, id: number, documentId: number) {
      await db.transaction(async (tx) => {
        const row = await store.lockOwn(tx, caller.accountId, id);
        if (!row) throw new DomainError('DOSSIER_NOT_FOUND');
        if (row.state !== 'draft' && row.state !== 'supplement_requested') {
          throw new DomainError('DOSSIER_STATE', { state: DOSSIER_STATES[row.state].label, action: 'Xóa giấy tờ' });
        }
        if (!(await store.deleteDocument(tx, id, documentId, clock()))) throw new DomainError('DOSSIER_DOCUMENT_NOT_FOUND');
        await audited(tx, { subjectKind: 'dossier', subjectId: String(id) });
      });
    },

    async ownDocument(caller: CitizenCaller, id: number, documentId: number) {
      const d = await ownDossier(caller, id);
      const doc = await store.documentContent(Number(d.id), documentId);
      if (!doc) throw new DomainError('DOSSIER_DOCUMENT_NOT_FOUND');
      return shownAs({ ...documentView(doc), content: Buffer.from(doc.content).toString('base64') }, { kind: 'person', id: d.applicant_personal_id });
    },

    async listOwn(caller: CitizenCaller, limit: number, offset: number) {
      const { rows, total } = await store.listOwn(caller.accountId, limit, offset);
      return { items: rows.map(dossierSummary), total };
    },

    /** The citizen's copy of the Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
    async ownReceipt(caller: CitizenCaller, id: number) {
      return desk.receiptOf(await ownDossier(caller, id));
    },

    /** The citizen's copy of the receipt as the PDF paper (Mẫu 01). */
    async ownReceiptPdf(caller: CitizenCaller, id: number) {
      return receiptPdfOf(await desk.receiptOf(await ownDossier(caller, id)));
    },

    /** The receipt of a dossier of the officer's unit as the PDF paper (Mẫu 01), to print and sign. */
    async receiptPdf(caller: OfficerCaller, id: number) {
      return receiptPdfOf(await desk.receipt(caller, id));
    },

    /** The citizen's copy of Mẫu 02, 03 or 04 of their dossier, once the dossier has that event. */
    async ownPaperPdf(caller: CitizenCaller, id: number, name: PaperName) {
      return paperPdfOf(name, await desk.paperSourceOf(await ownDossier(caller, id), name));
    },

    /** Mẫu 02, 03 or 04 of a dossier of the officer's unit, to print and sign. */
    async paperPdf(caller: OfficerCaller, id: number, name: PaperName) {
      return paperPdfOf(name, await desk.paperSource(caller, id, name));
    },

    async getOwn(caller: CitizenCaller, id: number) {
      return citizenView(await ownDossier(caller, id));
    },

    /**
     * The look-up by dossier code (the code on the paper receipt; the kiosk, issue 16): state and due date,
     * nothing about the applicant or the procedure, so it needs no sign-in and reads no personal data.
     */
    async statusByCode(code: string) {
      const d = await store.findStatusByCode(code);
      if (!d?.code || d.state === 'draft') return undefined;
      return { code: d.code, state: d.state, stateLabel: DOSSIER_STATES[d.state].label, dueAt: d.due_at === null ? null : new Date(d.due_at).toISOString() };
    },

    /**
     * A dossier by id with no access check (a linked group's listener reading the step that was approved):
     * never for an answer to a caller.
     */
    async unsafeDossier(id: number) {
      const d = await store.findById(id);
      return d && {
        ...dossierCore(d), form: d.form_data, applicantAccountId: Number(d.applicant_account_id), applicantPersonId: Number(d.applicant_person_id),
        applicantPersonalId: d.applicant_personal_id, subjectPersonIds: d.subject_person_ids.map(Number), provinceCode: d.province_code,
      };
    },

    /**
     * A later step of a linked group (liên thông, NĐ 63/2024): a dossier of its own, submitted by the system in
     * the caller's transaction (the previous step's approval), numbered, in the queue of `unitCode` with its
     * acceptance clock running, on the citizen's timeline. The caller says what the form holds.
     */
    async startLinkedStep(tx: Transaction, input: LinkedStepInput) {
      const at = clock();
      const p = getProcedure(input.procedure, todayInVietnam(at));
      // The people the carried form names (a newborn in the residence step): resolved as a submission resolves them;
      // one that is not the applicant's leaves the step open, and its approval refuses (approve re-checks).
      const subjects = await resolveSubjects(registry, input.applicantPersonId, input.form, tx);
      const draft = await store.insertDossier(tx, {
        procedureSlug: p.slug, procedureCode: p.code, procedureName: p.name, procedureVersion: p.validFrom, agency: p.agency,
        applicantAccountId: input.applicantAccountId, applicantPersonId: input.applicantPersonId, applicantName: input.applicantName,
        applicantPersonalId: input.applicantPersonalId, subjectPersonIds: [...new Set([...(input.subjectPersonIds ?? []), ...subjects.personIds])], unitCode: input.unitCode,
        provinceCode: input.provinceCode, channel: 'online', formData: input.form, prefilledFields: input.locked ?? [],
        documentsNotRequired: p.documents.filter((x) => x.providedByPlatform).length, groupId: input.groupId, groupStep: input.groupStep,
      });
      const acceptanceDueAt = acceptanceDue(ref.calendar(), at, ref.hours(p.agency));
      const code = input.code ?? await reserveCode(tx, p.agency, input.unitCode, at);
      const fee = dossierFee(p, input.form, { channel: 'online', on: todayInVietnam(at) });
      const row = await applyChange(tx, draft, 'submit', { kind: 'system', id: 'services', name: null }, {
        change: { code, submittedAt: at, receivedAt: at, acceptanceDueAt, deadlineAt: acceptanceDueAt, feeAmount: fee.amount, ...(input.dueAt ? { dueAt: input.dueAt } : {}) },
        data: {
          groupId: input.groupId, groupStep: input.groupStep,
          ...(input.dueAt ? { dueAt: input.dueAt.toISOString(), timeLimit: input.timeLimit } : {}),
        },
      }, at);
      afterCommit(tx, () => void notifyCitizen(row, 'submit', null));
      return dossierCore(row);
    },

    // ---- a second person's confirmation (confirmation-service.ts) ----

    /** The applicant invites the person their draft names (the other party of a marriage, the child's father) to confirm it. */
    async invite(caller: CitizenCaller, id: number, personalId: string) {
      await confirmations.invite(caller, id, personalId);
      return citizenView(await ownDossier(caller, id));
    },
    invitations: (caller: CitizenCaller, limit: number, offset: number) => confirmations.invitations(caller, limit, offset),
    confirmInvitation: (caller: CitizenCaller, invitationId: number) => confirmations.confirm(caller, invitationId),
    declineInvitation: (caller: CitizenCaller, invitationId: number) => confirmations.decline(caller, invitationId),

    /** The result document of the citizen's own dossier (the phiếu lý lịch tư pháp), once returned to them. */
    async ownResultPdf(caller: CitizenCaller, id: number) {
      const d = await ownDossier(caller, id);
      if (d.state !== 'returned') throw new DomainError('DOSSIER_STATE', { state: DOSSIER_STATES[d.state].label, action: 'Tải kết quả' });
      return desk.resultOf(d);
    },

    // ---- the officers (officer-service.ts), the counter (counter.ts), the close-out (close-out.ts) ----
    ...desk,
    ...counter,
    ...kioskIntake,
    ...closeOut,

    /** Reference data given by a test (or a stand-in deployment) instead of data/ and the catalogue's rules. */
    useReferenceData(data: { catalogue?: Catalogue; calendar?: WorkCalendar; forms?: FormRules; clock?: () => Date }) {
      catalogue = data.catalogue ?? catalogue;
      calendar = data.calendar ?? calendar;
      forms = data.forms ?? forms;
      clock = data.clock ?? clock;
    },
    /** [groups hook] linked life-event groups (groups/service.ts). */
    groups,
    /** [life] life-event offers, birth notices and reminders (life/service.ts). */
    life,
    /** [copies] certified electronic copies and the sổ chứng thực (copies/service.ts). */
    copies,
    /** The national portal: outbox worker, receiving, dead letters (dvcqg-link.ts). */
    dvcqg,
  };
  late.dossiers = api;
  return api;
}

export type ServicesService = ReturnType<typeof createServicesService>;
export type DeskContext = {
  deps: ServicesDeps;
  store: ReturnType<typeof createServicesStore>;
  ref: { catalogue: () => Catalogue; calendar: () => WorkCalendar; hours: (agency: string) => OfficeHours };
  getProcedure: (slugOrCode: string, on?: string) => Procedure;
  requireFrom: (d: DossierRow, name: TransitionName) => void;
  applyChange: (tx: Transaction, d: DossierRow, name: TransitionName, actor: Actor, c: Change, at: Date) => Promise<DossierRow>;
  notifyCitizen: (d: DossierRow, name: TransitionName, comment: string | null | undefined, extra?: Record<string, unknown>) => Promise<void>;
  notStateErr: (d: DossierRow, name: TransitionName) => DomainError;
  now: () => Date;
  feeExplanation: (d: DossierRow) => string;
  /** Refuses (409 DOSSIER_STOP_PENDING) to decide a dossier whose citizen asked to stop it (NĐ 118 Art. 21); in the deciding transaction. */
  rejectIfStopRequested: (d: DossierRow, tx: Transaction) => Promise<void>;
  reserveCode: (tx: Transaction, agencyKind: string, unitCode: string, at: Date) => Promise<string>;
  /** Second persons' confirmations (confirmation-service.ts). */
  confirmations: ReturnType<typeof createConfirmations>;
  /** The catalogue's form validation (the rules a test may replace). */
  validate: (p: Procedure, data: unknown) => ReturnType<typeof validateForm>;
  /** Every rule of taking a dossier in (intake.ts): the citizen's submission, the counter, the national portal. */
  checkIntake: CheckIntake;
  /** [groups hook] run in the transaction of a change that ends a group's step without approval. */
  stepEnded?: (tx: Transaction, d: DossierRow, label: string, at: Date) => Promise<void>;
  /** [groups hook] run in an approval's transaction BEFORE its effect: the next step's code (lock order, groups/service.ts). */
  beforeApproval?: (tx: Transaction, d: DossierRow, at: Date) => Promise<string | undefined>;
  /** [groups hook] a group step's limit inside its group, and whether its reception keeps the due date it opened with. */
  groupStepLimit?: (tx: Transaction, d: DossierRow, at: Date) => Promise<{ limit: TimeLimit; keepDue: boolean } | undefined>;
  /** [groups hook] run in an approval's transaction after its effect (groups/service.ts `afterApproval`). */
  afterApproval?: (tx: Transaction, d: DossierRow, result: EffectResult | null, at: Date, reservedCode?: string) => Promise<unknown>;
};
