import type { CitizenCaller } from '../../../platform/access.js';
import { shownAs, unchanged } from '../../../platform/audit.js';
import type { Transaction } from '../../../platform/db.js';
import { currentContext } from '../../../platform/context.js';
import { formatTimeWords } from '../../../platform/format.js';
import { todayInVietnam } from '../../../platform/time.js';
import { dueFlag } from '../calendar/index.js';
import { groupTimeLimit, stepTimeLimit, timeLimitText, type LinkedGroup, type TimeLimit } from '../catalogue/index.js';
import { resultDue } from '../deadlines.js';
import { DomainError, fieldError, type FieldError } from '../errors.js';
import { applyPrefill, PREFILL_FIELDS, type ApplicantFacts } from '../prefill.js';
import { competentUnit, resolveSubjects } from '../subjects.js';
import type { DeskContext, EffectResult, InTransaction, LinkedStepInput } from '../service.js';
import type { DossierRow } from '../store.js';
import { AGENCY_LABELS, dossierCore, timelineEntry } from '../views.js';
import { CARRY_RULES, carriedPaths, carryInto, type Carried } from './carry.js';
import { inPlatformAgencySteps, type AgencyStepConnector } from './connector.js';
import { createGroupStore, type GroupRow, type GroupState } from './store.js';
import type { GroupStartInput } from './schema.js';

/** What the groups need of the citizen's dossier functions (service.ts), bound once the service exists. */
export interface CitizenDossiers {
  start(caller: CitizenCaller, input: { procedure: string; form?: Record<string, unknown>; unitCode?: string }, opts?: { inTransaction?: InTransaction }): Promise<{ id: number }>;
  submit(caller: CitizenCaller, id: number, key: string | undefined, opts?: { viaGroup?: boolean; inTransaction?: InTransaction }): Promise<unknown>;
  startLinkedStep(tx: Transaction, input: LinkedStepInput): Promise<{ id: number; code: string | null }>;
}

export interface GroupDeps {
  ctx: DeskContext;
  dossiers: () => CitizenDossiers;
  connectors?: AgencyStepConnector[];
}

export const GROUP_STATES: Record<GroupState, string> = {
  draft: 'Bản nháp', in_progress: 'Đang giải quyết liên thông', completed: 'Đã hoàn thành các bước', stopped: 'Dừng liên thông',
};
const PREFILL_PURPOSE = 'Điền sẵn hồ sơ liên thông từ Cơ sở dữ liệu quốc gia về dân cư';
const SYSTEM = { kind: 'system' as const, id: 'groups', name: null };

/**
 * Linked life-event groups (NĐ 63/2024/NĐ-CP): the citizen submits once; each step is a dossier of its own in
 * the right unit's and agency's queue, opened in the transaction that approves the step before it, with its
 * form filled from what the earlier steps returned (carry.ts); the group has its own deadline and one timeline.
 */
export function createLinkedGroups({ ctx, dossiers, connectors = [inPlatformAgencySteps] }: GroupDeps) {
  const { deps, store, ref } = ctx;
  const groups = createGroupStore(deps.db);

  function getGroup(slug: string, on: string): LinkedGroup {
    const g = ref.catalogue().groups(on).find((x) => x.slug === slug || x.code === slug);
    if (!g) throw new DomainError('GROUP_NOT_FOUND');
    return g;
  }

  async function facts(caller: CitizenCaller): Promise<ApplicantFacts> {
    const f = await deps.registry.unsafeIdentityFacts(
      caller.personId, { actorKind: 'citizen', actorId: String(caller.accountId), requestId: currentContext()?.requestId }, PREFILL_FIELDS, PREFILL_PURPOSE,
    );
    if (!f) throw new DomainError('UNAUTHENTICATED');
    return f;
  }

  /** The version of the group a stored group was started under (its step limits); the one in force when none matches. */
  function catalogueGroup(g: GroupRow, on: string): LinkedGroup | undefined {
    const all = ref.catalogue().groups();
    return all.find((x) => x.slug === g.group_slug && x.validFrom === String(g.group_version).slice(0, 10))
      ?? ref.catalogue().groups(on).find((x) => x.slug === g.group_slug);
  }

  /** A step's limit inside its group (a later step's due date is counted with it from the step's opening). */
  function limitOfStep(g: GroupRow, slug: string, on: string): TimeLimit {
    const p = ctx.getProcedure(slug, on);
    return stepTimeLimit(catalogueGroup(g, on) ?? {}, p);
  }

  async function ownGroup(caller: CitizenCaller, id: number): Promise<GroupRow> {
    const g = await groups.findOwn(caller.accountId, id);
    if (!g) throw new DomainError('GROUP_NOT_FOUND');
    return g;
  }

  /** The group with its steps and one timeline of every step's visible events, oldest first. */
  async function view(g: GroupRow) {
    const ids = await groups.stepDossierIds(Number(g.id));
    const rows = (await Promise.all(ids.map((x) => store.findOwn(Number(g.applicant_account_id), x.id)))).filter((r): r is DossierRow => !!r);
    const events = await Promise.all(rows.map(async (d) => (await store.events(Number(d.id), true)).map((e) => ({ d, e }))));
    const now = ctx.now();
    let flag = null as ReturnType<typeof dueFlag>;
    if (g.due_at && g.state === 'in_progress') {
      try {
        flag = dueFlag(ref.calendar(), now, new Date(g.due_at));
      } catch {
        flag = null;
      }
    }
    // A group completed after its own deadline stays flagged late (review 3 #11), as a late dossier stays late.
    if (g.due_at && g.state === 'completed' && g.completed_at && new Date(g.completed_at).getTime() > new Date(g.due_at).getTime()) flag = 'late';
    const applicant = rows[0]?.applicant_personal_id ?? '';
    return shownAs({
      id: Number(g.id),
      group: { slug: g.group_slug, code: g.group_code, name: g.group_name, version: String(g.group_version).slice(0, 10), timeLimit: { ...g.time_limit } },
      state: g.state, stateLabel: GROUP_STATES[g.state], currentStep: Number(g.current_step),
      submittedAt: g.submitted_at ? new Date(g.submitted_at).toISOString() : null,
      dueAt: g.due_at ? new Date(g.due_at).toISOString() : null, dueFlag: flag, late: flag === 'late',
      completedAt: g.completed_at ? new Date(g.completed_at).toISOString() : null,
      steps: g.steps.map((slug, index) => {
        const d = rows.find((r) => Number(r.group_step) === index);
        const p = ref.catalogue().get(slug);
        return {
          index, procedure: { slug, name: p?.name ?? slug, agency: p?.agency ?? '', agencyLabel: p ? AGENCY_LABELS[p.agency] ?? p.agency : '' },
          timeLimit: p ? stepTimeLimit(catalogueGroup(g, todayInVietnam(now)) ?? {}, p) : null,
          dossier: d ? dossierCore(d) : null,
        };
      }),
      timeline: events.flat()
        // A step's approval and the next step's opening share an instant: the earlier step's events come first.
        .sort((a, b) => new Date(a.e.at).getTime() - new Date(b.e.at).getTime() || Number(a.d.group_step) - Number(b.d.group_step) || Number(a.e.id) - Number(b.e.id))
        .map(({ d, e }) => ({ ...timelineEntry(e), step: Number(d.group_step), dossierId: Number(d.id), dossierCode: d.code, procedureName: d.procedure_name })),
    }, { kind: 'person', id: applicant });
  }

  /**
   * Opens step `index` of a group as a submitted dossier in its unit's and agency's queue (the core's
   * startLinkedStep: numbered, acceptance clock running, audited as the system), its form filled from the
   * steps before; an agency's step is then handed to that agency's connector.
   */
  async function openStep(tx: Transaction, g: GroupRow, index: number, carried: Carried, prev: DossierRow, now: Date, code?: string) {
    const slug = g.steps[index];
    const p = ctx.getProcedure(slug, todayInVietnam(now));
    const unit = g.step_units[slug];
    const { form, filled } = carryInto(slug, g.step_forms[slug] ?? {}, carried);
    // The step's form is validated as a submission's is; what the registry filled and what the steps before carried
    // (the child's allocated ID) are locked: a supplement answer cannot change them (keepLocked).
    const checked = ctx.validate(p, form);
    const locked = [...new Set([...(g.step_locked[slug] ?? []), ...filled])];
    // The step's due date runs from its opening (the approval of the step before), with its limit inside the group;
    // its reception keeps it (officer-service.ts `receive`, review 3 #11).
    const limit = limitOfStep(g, slug, todayInVietnam(now));
    const dueAt = resultDue(ref.calendar(), now, limit, ref.hours(p.agency));
    const opened = await dossiers().startLinkedStep(tx, {
      procedure: slug, applicantAccountId: Number(prev.applicant_account_id), applicantPersonId: Number(prev.applicant_person_id),
      applicantName: prev.applicant_name, applicantPersonalId: prev.applicant_personal_id, subjectPersonIds: prev.subject_person_ids.map(Number),
      unitCode: unit.unitCode, provinceCode: unit.provinceCode, form: checked.ok ? checked.value : form, groupId: Number(g.id), groupStep: index,
      code, locked, dueAt, timeLimit: limit,
    });
    await store.insertEvent(tx, {
      dossierId: opened.id, at: now, action: 'linked', fromState: 'submitted', toState: 'submitted', actorKind: 'system', actorId: SYSTEM.id, actorName: null,
      comment: `Liên thông: chuyển tiếp sau khi hồ sơ ${prev.code ?? ''} (${prev.procedure_name}) được phê duyệt`,
      // A form the carried data leaves invalid opens all the same (the approval before it stands); the officer sees
      // what is wrong and asks the citizen to supplement it.
      data: {
        groupId: Number(g.id), previousDossier: prev.code, carriedFields: filled, dueAt: dueAt.toISOString(), timeLimit: limit,
        ...(checked.ok ? {} : { formErrors: checked.errors }),
      },
    });
    const connector = connectors.find((c) => c.agencies.includes(p.agency));
    if (connector) {
      const handoff = await connector.submitStep({
        groupId: Number(g.id), stepIndex: index, procedure: p, dossierId: opened.id, dossierCode: opened.code ?? '', unitCode: unit.unitCode, form,
      }, tx);
      if (handoff.handledBy === 'external') {
        await store.insertEvent(tx, {
          dossierId: opened.id, at: now, action: 'handed_to_agency', fromState: 'submitted', toState: 'submitted', actorKind: 'system', actorId: connector.name,
          actorName: null, comment: `Đã chuyển cho hệ thống của ${AGENCY_LABELS[p.agency] ?? p.agency}`, data: { connector: connector.name, externalRef: handoff.externalRef },
        });
      }
    }
    return opened;
  }

  return {
    /** The group's procedures and, for each step, the form the citizen fills (the registry's fields filled and locked). */
    async start(caller: CitizenCaller, input: GroupStartInput) {
      const now = ctx.now();
      const g = getGroup(input.group, todayInVietnam(now));
      const f = await facts(caller);
      const forms: GroupRow['step_forms'] = {};
      const locked: GroupRow['step_locked'] = {};
      const units: GroupRow['step_units'] = {};
      const invalid: FieldError[] = [];
      for (const slug of g.steps) {
        const p = ctx.getProcedure(slug, todayInVietnam(now));
        const filled = applyPrefill(p, f, (input.forms?.[slug] ?? {}) as Record<string, unknown>);
        forms[slug] = filled.form;
        locked[slug] = filled.locked;
        // A later step is checked now, but for what the steps before it will carry (the child's ID, a dossier code);
        // the first step is checked at submission, once its papers are there.
        if (slug !== g.steps[0]) {
          const carried = Object.keys(CARRY_RULES[slug] ?? {});
          const checked = ctx.validate(p, filled.form);
          if (!checked.ok) {
            invalid.push(...checked.errors
              .filter((e) => !carried.some((c) => c === e.path || c.startsWith(`${e.path}.`) || e.path.startsWith(`${c}.`)))
              .map((e) => fieldError(`forms.${slug}.${e.path}`.replace(/\.$/, ''), 'FORM_FIELD', { message: e.message })));
          }
        }
        const commune = slug === g.steps[0] && input.unitCode ? input.unitCode : f.residence.communeCode;
        units[slug] = { unitCode: p.level === 'commune' ? commune : f.residence.provinceCode, provinceCode: f.residence.provinceCode };
      }
      if (invalid.length) throw new DomainError('DOSSIER_INVALID', {}, invalid);
      // Group 2: every step goes to where the deceased lived (death registered, residence removed there), not to the
      // applicant's commune (review #1); the first step's submission routes it there too.
      const firstProcedure = ctx.getProcedure(g.steps[0], todayInVietnam(now));
      const named = await resolveSubjects(deps.registry, caller.personId, forms[g.steps[0]]);
      for (const slug of g.steps) {
        const home = competentUnit({ effect: firstProcedure.effect, level: ctx.getProcedure(slug, todayInVietnam(now)).level }, named.people);
        if (home) units[slug] = home;
      }
      // The first step is an ordinary draft: the citizen uploads its papers and submits the group through it. The draft
      // and the group are written in one transaction: a failure leaves neither behind (review 3 #12).
      let row: GroupRow | undefined;
      await dossiers().start(caller, { procedure: g.steps[0], form: forms[g.steps[0]], unitCode: input.unitCode }, {
        inTransaction: async (tx, first) => {
          row = await groups.insert(tx, {
            slug: g.slug, code: g.code, name: g.name, version: g.validFrom, accountId: caller.accountId, personId: caller.personId, steps: g.steps,
            forms, locked, units, timeLimit: groupTimeLimit(g, (slug) => ctx.getProcedure(slug, todayInVietnam(now))),
          }, now);
          await groups.linkDossier(tx, Number(first.id), Number(row.id), 0);
        },
      });
      return view(row as GroupRow);
    },

    /**
     * One submission for the whole group: its first step's dossier is submitted (validated, numbered) and the
     * group's own deadline starts; the later steps open by themselves as each one before them is approved.
     */
    async submit(caller: CitizenCaller, id: number, key: string | undefined) {
      const g0 = await ownGroup(caller, id);
      const [first] = await groups.stepDossierIds(Number(g0.id));
      if (!first) throw new DomainError('GROUP_NOT_FOUND');
      // Submitted before: the answer is the group as it is (the first submission wrote the entry).
      if (g0.state !== 'draft') {
        unchanged();
        return view(g0);
      }
      // The first step's submission and the start of the group's clock are one transaction (review 3 #12): a submission
      // refused (its form, its papers, a registry read) or a group that cannot start leaves both as they were.
      await dossiers().submit(caller, first.id, key, {
        viaGroup: true,
        inTransaction: async (tx, submitted) => {
          const locked = await groups.lock(tx, id);
          if (!locked) throw new DomainError('GROUP_NOT_FOUND');
          if (locked.state !== 'draft') throw new DomainError('GROUP_STATE', { state: GROUP_STATES[locked.state], action: 'Nộp hồ sơ liên thông' });
          const at = new Date(submitted.submitted_at ?? ctx.now());
          const p = ctx.getProcedure(locked.steps[0], todayInVietnam(at));
          const dueAt = resultDue(ref.calendar(), at, locked.time_limit, ref.hours(p.agency));
          await groups.update(tx, id, { state: 'in_progress', submittedAt: at, dueAt }, at);
          // The group's own deadline, on its timeline (review 3 #11).
          await store.insertEvent(tx, {
            dossierId: Number(submitted.id), at, action: 'group_due', fromState: submitted.state, toState: submitted.state, actorKind: 'system', actorId: SYSTEM.id,
            actorName: null, comment: `Hạn giải quyết của cả nhóm liên thông: ${formatTimeWords(dueAt)} (${timeLimitText(locked.time_limit)})`,
            data: { groupId: id, dueAt: dueAt.toISOString(), timeLimit: locked.time_limit },
          });
        },
      });
      return view(await ownGroup(caller, id));
    },

    async getOwn(caller: CitizenCaller, id: number) {
      return view(await ownGroup(caller, id));
    },

    async listOwn(caller: CitizenCaller, limit: number, offset: number) {
      const { rows, total } = await groups.listOwn(caller.accountId, limit, offset);
      return { items: await Promise.all(rows.map(view)), total };
    },

    /** The groups in force today, with their steps (public). */
    list() {
      const today = todayInVietnam(ctx.now());
      return {
        items: ref.catalogue().groups(today).map((g) => ({
          slug: g.slug, code: g.code, name: g.name, timeLimit: groupTimeLimit(g, (slug) => ref.catalogue().get(slug, today)),
          steps: g.steps.map((slug, index) => {
            const p = ref.catalogue().get(slug, today);
            return {
              slug, name: p?.name ?? slug, agency: p?.agency ?? '', agencyLabel: p ? AGENCY_LABELS[p.agency] ?? p.agency : '',
              timeLimit: p ? stepTimeLimit(g, p) : null,
              carried: carriedPaths(slug, g.steps.slice(0, index)),
            };
          }),
        })),
      };
    },

    /**
     * Called in the transaction that approves a dossier (officer-service.ts `approve`): a group step's result
     * is carried forward and the next step opens; the last step's approval completes the group.
     */
    /**
     * A group step's limit inside its group, read in a reception's transaction: the first step's due date is counted
     * with it from its reception; a later step keeps the due date it got when it opened (`keepDue`), unless a
     * supplement request cleared it (the clock restarts, NĐ 118 Art. 19).
     */
    async stepLimit(tx: Transaction, d: DossierRow, now: Date): Promise<{ limit: TimeLimit; keepDue: boolean } | undefined> {
      if (d.group_id === null) return undefined;
      const g = await groups.find(tx, Number(d.group_id));
      if (!g) return undefined;
      return { limit: limitOfStep(g, d.procedure_slug, todayInVietnam(now)), keepDue: Number(d.group_step) > 0 && d.due_at !== null };
    },

    async beforeApproval(tx: Transaction, d: DossierRow, now: Date): Promise<string | undefined> {
      if (d.group_id === null) return undefined;
      const g = await groups.lock(tx, Number(d.group_id));
      const next = Number(d.group_step) + 1;
      if (!g || g.state !== 'in_progress' || next >= g.steps.length) return undefined;
      const p = ctx.getProcedure(g.steps[next], todayInVietnam(now));
      return ctx.reserveCode(tx, p.agency, g.step_units[g.steps[next]].unitCode, now);
    },

    /**
     * Called in the transaction of a change that ends a step without approval (rejected, refused, withdrawn,
     * stopped): the group stops there — its later steps never open — and the step's timeline says so.
     */
    async stepEnded(tx: Transaction, d: DossierRow, label: string, now: Date): Promise<void> {
      if (d.group_id === null) return;
      const g = await groups.lock(tx, Number(d.group_id));
      if (!g || (g.state !== 'in_progress' && g.state !== 'draft')) return;
      await groups.update(tx, Number(g.id), { state: 'stopped', currentStep: Number(d.group_step) }, now);
      const later = g.steps.length - 1 - Number(d.group_step);
      await store.insertEvent(tx, {
        dossierId: Number(d.id), at: now, action: 'group_stopped', fromState: d.state, toState: d.state, actorKind: 'system', actorId: SYSTEM.id, actorName: null,
        comment: `Dừng liên thông: hồ sơ ${d.code ?? ''} (${d.procedure_name}) ${label}${later > 0 ? `; ${later} thủ tục tiếp theo của nhóm không được thực hiện` : ''}`,
        data: { groupId: Number(g.id), step: Number(d.group_step) },
      });
    },

    async afterApproval(tx: Transaction, d: DossierRow, result: EffectResult | null, now: Date, reservedCode?: string): Promise<{ id: number; code: string | null } | null> {
      if (d.group_id === null) return null;
      const g = await groups.lock(tx, Number(d.group_id));
      if (!g || g.state !== 'in_progress') return null;
      const step = Number(d.group_step);
      const carried: Carried = { ...g.carried, [g.steps[step]]: { code: d.code ?? '', form: d.form_data, result: result?.data ?? {} } };
      const next = step + 1;
      if (next >= g.steps.length) {
        await groups.update(tx, Number(g.id), { state: 'completed', currentStep: step, carried, completedAt: now }, now);
        return null;
      }
      const opened = await openStep(tx, g, next, carried, d, now, reservedCode);
      await groups.update(tx, Number(g.id), { currentStep: next, carried }, now);
      return opened;
    },
  };
}

export type LinkedGroups = ReturnType<typeof createLinkedGroups>;

