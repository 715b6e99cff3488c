import type { CitizenCaller, OfficerCaller } from '../../../platform/access.js';
import { appendAudit, audited, shownAs, unchanged } from '../../../platform/audit.js';
import { formatIsoDate } from '../../../platform/format.js';
import { todayInVietnam } from '../../../platform/time.js';
import type { LinkedGroup, Procedure } from '../catalogue/index.js';
import { DomainError, fieldError, type FieldError } from '../errors.js';
import type { LinkedGroups } from '../groups/service.js';
import { message } from '../messages.js';
import type { DeskContext } from '../service.js';
import { loadReminderRules, type ReminderRules } from './rules.js';
import { createLifeStore, type OfferKind, type OfferRow, type ReminderReason } from './store.js';
import type { BirthNoticeInput } from './schema.js';

export interface LifeDeps {
  ctx: DeskContext;
  groups: LinkedGroups;
}

/** The first procedure of each group offered: the group in force when the offer is made or accepted is the one that starts with it. */
const FIRST_STEP: Record<OfferKind, string> = { birth: 'dang-ky-khai-sinh', death: 'dang-ky-khai-tu' };
/** A birth notice older than this is refused: the parents have 60 days to register the birth (Luật Hộ tịch 2014 Art. 15). */
const NOTICE_MAX_AGE_DAYS = 60;
/** A counter's clock may run a few minutes ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** Adults (Bộ luật Dân sự 2015 Art. 20: 18 years) are offered a deceased's group; a child is not. */
const ADULT_AGE = 18;
const SPOUSE_OF_HEAD: Record<string, string> = { 'Nữ': 'Vợ', Nam: 'Chồng' };
const OFFER_PURPOSE = 'Gợi ý nhóm thủ tục liên thông cho thân nhân sau khi công dân mất (NĐ 63/2024/NĐ-CP)';
const REMIND_PURPOSE = 'Nhắc công dân tạm trú sắp hết hạn, đến tuổi cấp đổi thẻ căn cước';

const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const yearsLater = (day: string, years: number) => `${Number(day.slice(0, 4)) + years}${day.slice(4, 10)}`;
const vnTime = (d: Date) => {
  const s = new Date(d.getTime() + 7 * 3600_000).toISOString();
  return `${s.slice(11, 16)} ${formatIsoDate(s.slice(0, 10))}`;
};

type Json = Record<string, unknown>;

/** The properties a procedure's form declares for one of its objects (`child`, `deceased`, `subject`), if it has it. */
function objectProps(p: Procedure, key: string): string[] | undefined {
  const node = (p.form.properties as Record<string, { properties?: Record<string, unknown> } | undefined>)[key];
  return node?.properties ? Object.keys(node.properties) : undefined;
}

/** Only the values a form's object declares (a fixture's or a newer version's form may name fewer fields). */
const pick = (values: Json, keys: string[]) => Object.fromEntries(Object.entries(values).filter(([k, v]) => keys.includes(k) && v !== undefined && v !== null));

/**
 * Life-event detection and proactive reminders (issue 15, "beyond what any portal does"): a hospital counter's
 * birth notice and a death the police record become an offer of the linked group, filled in, on the family's
 * portal; temporary residences about to lapse and card-renewal ages become a reminder, sent once.
 */
export function createLifeEvents({ ctx, groups }: LifeDeps) {
  const { deps, ref } = ctx;
  const store = createLifeStore(deps.db);
  let rulesOf: (on: string) => ReminderRules = (on) => loadReminderRules(on);

  function groupStarting(kind: OfferKind, on: string): LinkedGroup | undefined {
    return ref.catalogue().groups(on).find((g) => g.steps[0] === FIRST_STEP[kind]);
  }

  /**
   * Every step's form of the group with `values` put in where the step's form declares them: an object
   * (`child`, `deceased`, `subject`) with only the fields its form names, a top-level value as it is.
   */
  function formsFor(g: LinkedGroup, on: string, values: Record<string, unknown>): Record<string, Json> {
    const forms: Record<string, Json> = {};
    for (const slug of g.steps) {
      const p = ref.catalogue().get(slug, on);
      if (!p) continue;
      const form: Json = {};
      for (const [key, v] of Object.entries(values)) {
        if (v === undefined || v === null) continue;
        if (isObject(v)) {
          const keys = objectProps(p, key);
          const picked = keys ? pick(v, keys) : {};
          if (Object.keys(picked).length) form[key] = picked;
        } else if (key in (p.form.properties as Json)) {
          form[key] = v;
        }
      }
      if (Object.keys(form).length) forms[slug] = form;
    }
    return forms;
  }

  // ---- the hospital counter's birth notice: a list of steps ----

  async function checkHospitalCounter(caller: OfficerCaller): Promise<number> {
    const type = caller.relyingPartyId === null ? undefined : await deps.relyingPartyType?.(caller.relyingPartyId);
    if (type !== 'hospital') throw new DomainError('BIRTH_NOTICE_COUNTER');
    return caller.relyingPartyId as number;
  }

  function checkNotice(input: BirthNoticeInput, now: Date) {
    const errors: FieldError[] = [];
    const bornAt = new Date(input.bornAt);
    if (Number.isNaN(bornAt.getTime())) errors.push(fieldError('bornAt', 'INVALID_DATE'));
    else if (bornAt.getTime() > now.getTime() + CLOCK_SKEW_MS) errors.push(fieldError('bornAt', 'DATE_IN_FUTURE'));
    else if (todayInVietnam(bornAt) < addDays(todayInVietnam(now), -NOTICE_MAX_AGE_DAYS)) {
      errors.push(fieldError('bornAt', 'DATE_BEFORE', { after: formatIsoDate(addDays(todayInVietnam(now), -NOTICE_MAX_AGE_DAYS)) }));
    }
    const birthPlace = input.birthPlace.trim().normalize('NFC');
    if (!birthPlace) errors.push(fieldError('birthPlace', 'REQUIRED'));
    const intendedName = input.intendedName?.trim().normalize('NFC').replace(/\s+/g, ' ') || null;
    if (errors.length) throw new DomainError('VALIDATION_FAILED', {}, errors);
    return { bornAt, birthPlace, intendedName };
  }

  /** The mother as the registry holds her (living, a woman, by her current number), or null: the counter is told the same either way. */
  async function findMother(personalId: string) {
    const p = await deps.registry.unsafeFindForVerification(personalId);
    if (!p || p.numberCancelled || p.dateOfDeath || p.sex !== 'Nữ') return null;
    return p;
  }

  /** The father, only when the registry makes him the mother's spouse in her household (head and Vợ/Chồng); else nobody. */
  async function findSpouse(motherId: number) {
    const members = await deps.registry.unsafeHouseholdMembers(motherId);
    const mother = members.find((m) => m.personId === motherId);
    if (!mother) return null;
    const living = members.filter((m) => m.personId !== motherId && !m.dateOfDeath && m.sex === 'Nam');
    const spouses = mother.relationToHead === 'Chủ hộ'
      ? living.filter((m) => m.relationToHead === SPOUSE_OF_HEAD.Nam)
      : mother.relationToHead === SPOUSE_OF_HEAD['Nữ'] ? living.filter((m) => m.relationToHead === 'Chủ hộ') : [];
    return spouses.length === 1 ? spouses[0] : null;
  }

  async function declareBirth(caller: OfficerCaller, input: BirthNoticeInput) {
    const relyingPartyId = await checkHospitalCounter(caller);
    const now = ctx.now();
    const { bornAt, birthPlace, intendedName } = checkNotice(input, now);
    const mother = await findMother(input.motherPersonalId);
    const father = mother ? await findSpouse(mother.personId) : null;
    const today = todayInVietnam(now);
    const g = groupStarting('birth', today);
    const child = { fullName: intendedName ?? undefined, sex: input.sex, birthDate: todayInVietnam(bornAt), birthPlace };
    // The newborn's permanent residence is normally the parents' (DOMAIN-SERVICES.md §3.2): the mother's, which the father shares.
    const home = mother?.address ?? undefined;
    const residence = home
      ? { address: home, request: `Đăng ký thường trú cho trẻ mới sinh vào hộ gia đình của cha, mẹ tại ${home}`, accommodationBasis: 'family' }
      : {};
    const summary = { sex: input.sex, bornAt: bornAt.toISOString(), birthPlace, weightGrams: input.weightGrams, intendedName };
    const notice = await deps.db.transaction(async (tx) => {
      const n = await store.insertNotice(tx, {
        relyingPartyId, declaredBy: caller.officerId, motherPersonalId: input.motherPersonalId, motherPersonId: mother?.personId ?? null,
        bornAt, sex: input.sex, weightGrams: input.weightGrams, birthPlace, intendedName,
      });
      if (mother && g) {
        // Each parent's form names the other parent; the applicant's own fields are filled from the registry when the group starts.
        // The declarant's relation to the child says which parent's part the registry fills (prefill.ts parentRole).
        const recipients: { personId: number; other: Record<string, Json> }[] = [
          { personId: mother.personId, other: { declarant: { relation: 'Mẹ' }, ...(father ? { father: { personalId: father.personalId, fullName: father.fullName } } : {}) } },
          ...(father ? [{ personId: father.personId, other: { declarant: { relation: 'Cha' }, mother: { personalId: mother.personalId, fullName: mother.fullName } } }] : []),
        ];
        for (const r of recipients) {
          await store.insertOffer(tx, {
            kind: 'birth', recipientPersonId: r.personId, sourceKey: `birth:${n.id}`, firstStep: FIRST_STEP.birth,
            forms: formsFor(g, today, { child, ...residence, ...r.other }), summary,
          });
        }
      }
      await audited(tx, { subjectKind: 'person', subjectId: input.motherPersonalId, fields: ['birthNotice'], data: { noticeId: n.id } });
      return n;
    });
    // The same answer whether the registry holds the mother or not: the counter learns nothing it did not type.
    return { id: notice.id, declaredAt: new Date(notice.declared_at).toISOString(), status: 'Đã ghi nhận thông tin báo sinh' };
  }

  // ---- a death recorded by the police ----

  /**
   * Offers group 2 to the deceased's household members who are adults (18 or over today) and hold an active
   * e-ID account. A death registered from a services dossier (it has a source dossier) offers nothing: the
   * family has already filed it.
   */
  async function deathRecorded(e: { personId: number; personalId: string; dateOfDeath: string; place: string | null; sourceDossier: string | null }) {
    if (e.sourceDossier) return 0;
    const today = todayInVietnam(ctx.now());
    const g = groupStarting('death', today);
    if (!g) return 0;
    const members = (await deps.registry.unsafeHouseholdMembers(e.personId))
      .filter((m) => m.personId !== e.personId && !m.dateOfDeath && yearsLater(m.dateOfBirth, ADULT_AGE) <= today);
    if (!members.length) return 0;
    const accounts = await (deps.accountsOf?.(members.map((m) => m.personId)) ?? Promise.resolve(new Map<number, number>()));
    const recipients = members.filter((m) => accounts.has(m.personId));
    if (!recipients.length) return 0;
    const d = await deps.registry.unsafeFindForVerification(e.personalId);
    if (!d) return 0;
    const deceased = {
      fullName: d.fullName, birthDate: d.dateOfBirth, sex: d.sex, personalId: d.personalId, deathDate: e.dateOfDeath,
      deathPlace: e.place ?? undefined, lastResidence: d.address ?? undefined,
    };
    const forms = formsFor(g, today, { deceased, subject: deceased });
    const summary = { fullName: d.fullName, dateOfDeath: e.dateOfDeath, deceasedPersonalId: d.personalId };
    let made = 0;
    await deps.db.transaction(async (tx) => {
      for (const r of recipients) {
        const id = await store.insertOffer(tx, { kind: 'death', recipientPersonId: r.personId, sourceKey: `death:${e.personId}`, firstStep: FIRST_STEP.death, forms, summary });
        if (id === null) continue;
        made++;
        await appendAudit(tx, [{
          actorKind: 'system', actorId: 'registry.person.died', action: 'services.life-offer.made', subjectKind: 'person', subjectId: d.personalId,
          fields: ['fullName', 'dateOfBirth', 'sex', 'dateOfDeath', 'residence'], purpose: OFFER_PURPOSE, data: { offerId: id, recipient: r.personalId },
        }]);
      }
    });
    return made;
  }

  // ---- the citizen's portal ----

  function offerView(o: OfferRow, caller: CitizenCaller) {
    const s = o.summary;
    const birth = o.kind === 'birth';
    const text = birth
      ? message('LIFE_OFFER_BIRTH_TEXT', { sex: s.sex === 'Nữ' ? 'bé gái' : 'bé trai', bornAt: vnTime(new Date(String(s.bornAt))), birthPlace: s.birthPlace })
      : message('LIFE_OFFER_DEATH_TEXT', { fullName: s.fullName, dateOfDeath: formatIsoDate(String(s.dateOfDeath)) });
    return shownAs({
      id: Number(o.id), kind: o.kind, title: message(birth ? 'LIFE_OFFER_BIRTH_TITLE' : 'LIFE_OFFER_DEATH_TITLE'), text,
      createdAt: new Date(o.created_at).toISOString(), forms: o.forms,
    }, { kind: 'person', id: birth ? caller.personalId : String(s.deceasedPersonalId) });
  }

  async function ownOpenOffer(caller: CitizenCaller, id: number) {
    const o = await store.findOwnOffer(caller.personId, id);
    if (!o) throw new DomainError('LIFE_OFFER_NOT_FOUND');
    return o;
  }

  return {
    declareBirth,
    deathRecorded,

    /** The caller's open offers and recent reminders: never anyone else's. */
    async own(caller: CitizenCaller) {
      const now = ctx.now();
      const [offers, reminders] = await Promise.all([store.openOffers(caller.personId), store.reminders(caller.accountId, addDays(todayInVietnam(now), -7))]);
      const rules = rulesOf(todayInVietnam(now));
      return {
        offers: offers.map((o) => offerView(o, caller)),
        reminders: reminders.map((r) => shownAs({
          id: Number(r.id), reason: r.reason, dueOn: r.due_on, text: reminderText(r.reason, r.params),
          procedure: r.reason === 'temporary_residence' ? rules.temporaryResidence.procedure : rules.cardRenewal.procedure,
        }, { kind: 'person', id: caller.personalId })),
      };
    },

    /** Starts the offered group with its forms filled (the linked groups' `start`); a second click answers the group it started. */
    async accept(caller: CitizenCaller, id: number, additions: Record<string, Json> = {}) {
      const o = await ownOpenOffer(caller, id);
      if (o.dismissed_at) throw new DomainError('LIFE_OFFER_NOT_FOUND');
      if (o.accepted_at && o.group_id !== null) {
        unchanged();
        return groups.getOwn(caller, Number(o.group_id));
      }
      // The group in force today that starts with the offer's first procedure (a newer version may add a step).
      const g = ref.catalogue().groups(todayInVietnam(ctx.now())).find((x) => x.steps[0] === o.first_step);
      if (!g) throw new DomainError('GROUP_NOT_FOUND');
      // What the citizen adds goes over what the offer filled; the registry's own fields are filled and locked by `start` again.
      const forms: Record<string, Json> = { ...o.forms };
      for (const [slug, extra] of Object.entries(additions)) forms[slug] = mergeJson(o.forms[slug] ?? {}, extra);
      const started = await groups.start(caller, { group: g.slug, forms });
      await deps.db.transaction((tx) => store.accept(tx, Number(o.id), started.id, ctx.now()));
      return started;
    },

    async dismiss(caller: CitizenCaller, id: number) {
      await deps.db.transaction(async (tx) => {
        const o = await store.lockOwnOffer(tx, caller.personId, id);
        if (!o || o.accepted_at) throw new DomainError('LIFE_OFFER_NOT_FOUND');
        if (o.dismissed_at) {
          unchanged();
          return;
        }
        await store.dismiss(tx, Number(o.id), ctx.now());
        await audited(tx, { subjectKind: 'person', subjectId: caller.personalId, fields: ['lifeOffer'], data: { offerId: Number(o.id) } });
      });
      return { id, dismissed: true };
    },

    /**
     * The daily reminders: temporary residences ending within the rule's days and birthdays at a card-renewal
     * age within its days, for people with an active e-ID account. Each is written once per person, reason and
     * period (the residence and its end; the age and its birthday) and its text message sent when it is first
     * written: a second run the same day, or the next, sends nothing.
     */
    async remind(now: Date = ctx.now()) {
      const today = todayInVietnam(now);
      const rules = rulesOf(today);
      const [residences, birthdays] = await Promise.all([
        deps.registry.unsafeTemporaryResidencesEnding(today, addDays(today, rules.temporaryResidence.daysBefore)),
        deps.registry.unsafeReachingAges(rules.cardRenewal.ages, today, addDays(today, rules.cardRenewal.daysBefore)),
      ]);
      const due: { personId: number; reason: ReminderReason; period: string; dueOn: string; params: Json }[] = [
        ...residences.map((r) => ({ personId: r.personId, reason: 'temporary_residence' as const, period: `${r.residenceId}:${r.validTo}`, dueOn: r.validTo, params: { date: r.validTo } })),
        ...birthdays.map((b) => ({ personId: b.personId, reason: 'card_renewal' as const, period: `${b.age}:${b.birthday}`, dueOn: b.birthday, params: { age: b.age, date: b.birthday } })),
      ];
      const accounts = due.length ? await (deps.accountsOf?.(due.map((x) => x.personId)) ?? Promise.resolve(new Map<number, number>())) : new Map<number, number>();
      const written: { id: number; accountId: number; reason: ReminderReason; params: Json }[] = [];
      for (const x of due) {
        const accountId = accounts.get(x.personId);
        if (accountId === undefined) continue;
        const id = await deps.db.transaction(async (tx) => {
          const rid = await store.insertReminder(tx, { ...x, accountId });
          if (rid !== null) {
            await appendAudit(tx, [{
              actorKind: 'system', actorId: 'services.remind', action: 'services.reminder.sent', subjectKind: 'account', subjectId: String(accountId),
              fields: [x.reason === 'temporary_residence' ? 'residence' : 'dateOfBirth'], purpose: REMIND_PURPOSE, data: { reminderId: rid, reason: x.reason },
            }]);
          }
          return rid;
        });
        if (id !== null) written.push({ id, accountId, reason: x.reason, params: x.params });
      }
      let sent = 0;
      for (const w of written) {
        try {
          await deps.notify(w.accountId, message('LIFE_SMS_REMINDER', { text: reminderText(w.reason, w.params) }));
          await store.markSent(w.id, new Date());
          sent++;
        } catch (err) {
          deps.log?.error({ err, reminderId: w.id }, 'reminder text message failed');
        }
      }
      return { candidates: due.length, written: written.length, sent };
    },

    /** Reminder rules given by a test instead of data/services/reminders.json. */
    useRules(rules: (on: string) => ReminderRules) {
      rulesOf = rules;
    },
  };
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const isObject = (v: unknown): v is Json => !!v && typeof v === 'object' && !Array.isArray(v);

/** `extra` merged over `base`, object by object (a list or a value replaces); never through a prototype key. */
function mergeJson(base: Json, extra: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    if (UNSAFE_KEYS.has(k)) continue;
    out[k] = isObject(v) && isObject(out[k]) ? mergeJson(out[k] as Json, v) : v;
  }
  return out;
}

function reminderText(reason: ReminderReason, params: Json): string {
  const date = formatIsoDate(String(params.date ?? ''));
  return reason === 'temporary_residence'
    ? message('LIFE_REMIND_TEMPORARY_RESIDENCE', { date })
    : message('LIFE_REMIND_CARD_RENEWAL', { age: params.age, date });
}

export type LifeEvents = ReturnType<typeof createLifeEvents>;
