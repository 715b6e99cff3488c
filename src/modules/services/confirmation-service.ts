import { createHash } from 'node:crypto';
import type { CitizenCaller } from '../../platform/access.js';
import { audited, shownAs } from '../../platform/audit.js';
import { afterCommit, type Db, type Transaction } from '../../platform/db.js';
import { currentContext } from '../../platform/context.js';
import type { RegistryService } from '../registry/index.js';
import type { Effect, Procedure } from './catalogue/index.js';
import { DomainError, fieldError, type FieldError } from './errors.js';
import { message } from './messages.js';
import { applyPartyPrefill, getPath, parentRole, PREFILL_FIELDS, type ApplicantFacts } from './prefill.js';
import { createConfirmationStore, type ConfirmationRow } from './confirmation-store.js';
import type { DossierRow, ServicesStore } from './store.js';
import { DOSSIER_STATES } from './states.js';

/**
 * A second person's confirmation of a dossier with their own e-ID (issue 15): the other party of a marriage,
 * and the father of a birth whose parents are not married in the registry (nhận cha con). The applicant names
 * them by personal ID; they see the invitation on their portal (and by text message when they have an account),
 * and confirm (e-ID level 2, as for submitting) or decline. Only a confirmation puts their registry data into
 * the dossier, filled and locked; until then the applicant sees the state and nothing else — an unknown number
 * and a number without an account stay "pending" alike (civil.test.ts "non-leak").
 */
export type PartyRole = 'spouse' | 'father';

/** Which procedures ask for a confirmation, by effect: the role and the form's object of that person. */
export const CONFIRMING_PARTY: Partial<Record<NonNullable<Effect>, PartyRole>> = { marriage: 'spouse', birth: 'father' };
export const PARTY_LABELS: Record<PartyRole, string> = { spouse: 'Bên kết hôn còn lại', father: 'Người cha (nhận cha con)' };
export const CONFIRMATION_STATES = { pending: 'Chưa xác nhận', declined: 'Đã từ chối', confirmed: 'Đã xác nhận' } as const;

const PARTY_PURPOSE = 'Xác nhận hồ sơ thủ tục hành chính của người khác bằng tài khoản định danh điện tử (thông tin được điền sẵn vào hồ sơ)';
const SUBMIT_PURPOSE = 'Nộp hồ sơ đã được người liên quan xác nhận: đọc lại thông tin của họ từ Cơ sở dữ liệu quốc gia về dân cư';

export interface ConfirmationDeps {
  db: Db;
  registry: RegistryService;
  store: ServicesStore;
  getProcedure: (slug: string, on?: string) => Procedure;
  now: () => Date;
  /** A text message to the account of a personal ID, if it has one (nothing is said either way). */
  notifyPerson?: (personalId: string, text: string) => Promise<void>;
  notifyAccount: (accountId: number, text: string) => Promise<void>;
}

const procedureOf = (deps: ConfirmationDeps, d: DossierRow) => deps.getProcedure(d.procedure_slug, String(d.procedure_version).slice(0, 10));
/** A confirmed party, as the approval and resolveSubjects take them. */
export interface ConfirmedParty { role: PartyRole; personalId: string; personId: number }

/** The applicant's view of a dossier's invitations: role and state only. */
export function confirmationViews(rows: ConfirmationRow[]) {
  return rows.map((c) => ({ role: c.role, roleLabel: PARTY_LABELS[c.role], state: c.state, stateLabel: CONFIRMATION_STATES[c.state] }));
}

/**
 * What a confirmation is about: the parts of the form the invitee confirms (review 2 #2). The other party of a
 * marriage confirms who marries whom (both parties' parts); a father confirms the child he acknowledges, with its
 * mother and his own part. Other parts (how the result is delivered, the declarant's phone) may change freely.
 */
export const CONFIRMED_PARTS: Record<PartyRole, readonly string[]> = { spouse: ['applicant', 'spouse'], father: ['child', 'mother', 'father'] };

/** "31/12/2024" → "2024-12-31" (as the form's validation stores a date); any other text as it is. */
function isoIfDate(text: string): string {
  const dmy = /^([0-9]{1,2})\/([0-9]{1,2})\/([0-9]{4})$/.exec(text);
  return dmy ? `${dmy[3]}-${dmy[2].padStart(2, '0')}-${dmy[1].padStart(2, '0')}` : text;
}

/**
 * A value in the form the validation leaves it (text NFC and trimmed, dates ISO, empty values dropped), keys
 * sorted: the draft as typed and the dossier as submitted give the same content when nothing was changed.
 */
function canonical(v: unknown): unknown {
  if (typeof v === 'string') {
    const text = v.normalize('NFC').trim();
    return text === '' ? undefined : isoIfDate(text);
  }
  if (Array.isArray(v)) return v.map((x) => canonical(x) ?? null);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const c = canonical((v as Record<string, unknown>)[k]);
      if (c !== undefined && c !== null) out[k] = c;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return v ?? undefined;
}

/** SHA-256 (hex) of the confirmed parts of a form for `role`: what a confirmation is bound to. */
export function confirmedContentHash(role: PartyRole, form: Record<string, unknown>): string {
  const parts = Object.fromEntries(CONFIRMED_PARTS[role].map((k) => [k, canonical(form[k]) ?? null]));
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** A confirmation that was given, whatever the form now holds. */
const answeredYes = (c: ConfirmationRow) => c.state === 'confirmed' && c.invitee_person_id !== null;

/**
 * The parties who confirmed; given the form (the content the applicant holds now), only those whose confirmation
 * is bound to it: a confirmation of content the applicant changed since counts for nothing (review 2 #2).
 */
export const confirmedParties = (rows: ConfirmationRow[], content?: Record<string, unknown>): ConfirmedParty[] => rows
  .filter((c) => answeredYes(c) && (content === undefined || c.content_sha256 === confirmedContentHash(c.role, content)))
  .map((c) => ({ role: c.role, personalId: c.invitee_personal_id, personId: Number(c.invitee_person_id) }));

export function createConfirmations(deps: ConfirmationDeps) {
  const { db, registry, store } = deps;
  const confirmations = createConfirmationStore(db);

  const roleOf = (p: Procedure): PartyRole => {
    const role = p.effect ? CONFIRMING_PARTY[p.effect] : undefined;
    if (!role) throw new DomainError('CONFIRMATION_NOT_NEEDED');
    return role;
  };

  /** The form without what the previous invitee's confirmation had put in (their locked fields), naming the new invitee. */
  function resetParty(d: DossierRow, role: PartyRole, personalId: string) {
    const form = { ...d.form_data, [role]: { personalId } };
    if (role === 'spouse') form.spouseConfirmed = false;
    const locked = d.prefilled_fields.filter((f) => !f.startsWith(`${role}.`) && f !== 'spouseConfirmed');
    return { form, locked };
  }

  async function facts(personId: number, actor: { actorKind: 'citizen'; actorId: string }, purpose: string): Promise<ApplicantFacts> {
    const f = await registry.unsafeIdentityFacts(personId, { ...actor, requestId: currentContext()?.requestId }, PREFILL_FIELDS, purpose);
    if (!f) throw new DomainError('INVITATION_NOT_FOUND');
    return f;
  }

  return {
    /** The applicant invites (or re-invites) the person their draft names; the answer is the same whoever that number is. */
    async invite(caller: CitizenCaller, id: number, personalId: string) {
      const own = await store.findOwn(caller.accountId, id);
      if (!own) throw new DomainError('DOSSIER_NOT_FOUND');
      const role = roleOf(procedureOf(deps, own));
      if (!/^\d{12}$/.test(personalId)) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('personalId', 'INVITEE_FORMAT')]);
      if (personalId === caller.personalId) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('personalId', 'INVITEE_SELF')]);
      const at = deps.now();
      await db.transaction(async (tx) => {
        const d = await store.lockOwn(tx, caller.accountId, id);
        if (!d) throw new DomainError('DOSSIER_NOT_FOUND');
        if (d.state !== 'draft') throw new DomainError('DOSSIER_STATE', { state: DOSSIER_STATES[d.state].label, action: 'Mời xác nhận' });
        const { form, locked } = resetParty(d, role, personalId);
        await store.update(tx, id, { formData: form, prefilledFields: locked }, at);
        await confirmations.upsert(tx, { dossierId: id, role, personalId, at });
        await store.insertEvent(tx, {
          dossierId: id, at, action: 'invited', fromState: 'draft', toState: 'draft', actorKind: 'citizen', actorId: String(caller.accountId), actorName: null,
          comment: `Đã gửi lời mời xác nhận: ${PARTY_LABELS[role]}`,
        });
        await audited(tx, { subjectKind: 'dossier', subjectId: String(id) });
        // Sent after the commit and not awaited: the answer takes as long whether the number has an account or not.
        afterCommit(tx, () => void deps.notifyPerson?.(personalId, message('SERVICES_SMS_INVITED', {})).catch(() => undefined));
      });
    },

    /** The invitations addressed to the signed-in citizen: who asks (the applicant's name), for which procedure, in which role. */
    async invitations(caller: CitizenCaller, limit: number, offset: number) {
      const rows = await confirmations.invitationsFor(caller.personalId, limit, offset);
      return {
        items: rows.map((r) => shownAs({
          id: Number(r.id), role: r.role, roleLabel: PARTY_LABELS[r.role], state: r.state, stateLabel: CONFIRMATION_STATES[r.state],
          procedureName: r.procedure_name, applicantName: r.applicant_name, dossierState: r.dossier_state,
          invitedAt: new Date(r.created_at).toISOString(), answeredAt: r.answered_at === null ? null : new Date(r.answered_at).toISOString(),
          answerable: r.state === 'pending' && r.dossier_state === 'draft',
        }, { kind: 'person', id: r.applicant_personal_id })),
      };
    },

    /**
     * The invitee confirms with their own e-ID (level 2): their registry data fill the dossier's fields of their role,
     * locked, in the transaction that records the answer (the registry is read before it: PGlite has one connection).
     */
    async confirm(caller: CitizenCaller, invitationId: number) {
      if (caller.level < 2) throw new DomainError('CONFIRMATION_LEVEL_REQUIRED');
      const invitation = await confirmations.findInvitation(invitationId, caller.personalId);
      if (!invitation) throw new DomainError('INVITATION_NOT_FOUND');
      const mine = await facts(caller.personId, { actorKind: 'citizen', actorId: String(caller.accountId) }, PARTY_PURPOSE);
      return answer(caller, invitationId, 'confirmed', (d, p, role) => {
        const filled = applyPartyPrefill(p, role, mine, d.form_data);
        const locked = [...new Set([...d.prefilled_fields.filter((f) => !f.startsWith(`${role}.`)), ...filled.locked])];
        if (role === 'spouse') {
          filled.form.spouseConfirmed = true;
          locked.push('spouseConfirmed');
        }
        return { formData: filled.form, prefilledFields: [...new Set(locked)] };
      });
    },

    /** The invitee declines: the dossier cannot be submitted with them until the applicant invites again. */
    async decline(caller: CitizenCaller, invitationId: number) {
      return answer(caller, invitationId, 'declined', () => ({}));
    },

    /** The confirmations of a dossier (its applicant's view, the approval's check). */
    forDossier: (dossierId: number, q?: Transaction) => confirmations.forDossier(dossierId, q),

    /**
     * What a submission (and the approval, again) requires of the confirmations: a marriage's other party confirmed,
     * and a birth's father either married to the mother in the registry, the applicant himself, or confirmed.
     */
    async errors(
      p: Procedure, form: Record<string, unknown>, rows: ConfirmationRow[], applicantPersonalId: string, tx?: Transaction, content: Record<string, unknown> = form,
    ): Promise<FieldError[]> {
      const confirmed = confirmedParties(rows, content);
      // Confirmed, but of content the applicant has changed since: a new confirmation is needed (invite again).
      const outdated = (role: PartyRole, personalId: unknown) => rows.some((c) => c.role === role && answeredYes(c) && c.invitee_personal_id === personalId);
      if (p.effect === 'marriage') {
        const spouse = getPath(form, 'spouse.personalId');
        if (confirmed.some((c) => c.role === 'spouse' && c.personalId === spouse)) return [];
        return [fieldError('form.spouse.personalId', outdated('spouse', spouse) ? 'CONFIRMATION_OUTDATED' : 'SPOUSE_NOT_CONFIRMED')];
      }
      if (p.effect === 'birth') {
        const father = form.father && typeof form.father === 'object' ? (form.father as Record<string, unknown>) : {};
        const said = Object.values(father).some((v) => typeof v === 'string' && v.trim());
        if (!said || parentRole(p, form) === 'father') return [];
        const fatherId = typeof father.personalId === 'string' ? father.personalId : '';
        // The father declaring himself (signed in with his own e-ID, whatever the form's relation says) is his confirmation.
        if (fatherId === applicantPersonalId) return [];
        const motherId = getPath(form, 'mother.personalId');
        const born = getPath(form, 'child.birthDate');
        const married = typeof motherId === 'string' && typeof born === 'string' && await registry.unsafeMarried(motherId, fatherId, born, tx);
        if (married || confirmed.some((c) => c.role === 'father' && c.personalId === fatherId)) return [];
        return [fieldError('form.father.personalId', outdated('father', fatherId) ? 'CONFIRMATION_OUTDATED' : 'PATERNITY_CONFIRMATION_REQUIRED')];
      }
      return [];
    },

    /**
     * In the submission's transaction, after its checks: the confirmations still bound to the draft are bound to the
     * form as submitted (the registry's values written again), which the approval checks them against.
     */
    async rebind(tx: Transaction, dossierId: number, parties: ConfirmedParty[], submitted: Record<string, unknown>): Promise<void> {
      for (const c of parties) await confirmations.rebind(tx, dossierId, c.role, confirmedContentHash(c.role, submitted));
    },

    /**
     * At submission, the confirmed parties' fields read again from the registry (as the applicant's own are), under
     * the applicant's account: the dossier carries the registry's data as they are when it is submitted.
     */
    async refreshParties(caller: CitizenCaller, d: DossierRow): Promise<(form: Record<string, unknown>) => Record<string, unknown>> {
      const p = procedureOf(deps, d);
      const parties = confirmedParties(await confirmations.forDossier(Number(d.id)));
      const fills = await Promise.all(parties.map(async (c) => ({
        role: c.role, facts: await registry.unsafeIdentityFacts(c.personId, { actorKind: 'citizen', actorId: String(caller.accountId), requestId: currentContext()?.requestId }, PREFILL_FIELDS, SUBMIT_PURPOSE),
      })));
      return (form) => fills.reduce((f, x) => (x.facts ? applyPartyPrefill(p, x.role, x.facts, f).form : f), form);
    },
  };

  /** Records the invitee's answer on a draft, with the dossier's change the answer makes, its timeline row and audit entry. */
  async function answer(
    caller: CitizenCaller, invitationId: number, state: 'confirmed' | 'declined',
    change: (d: DossierRow, p: Procedure, role: PartyRole) => { formData?: Record<string, unknown>; prefilledFields?: string[] },
  ) {
    const at = deps.now();
    const d = await db.transaction(async (tx) => {
      const c = await confirmations.lockInvitation(tx, invitationId, caller.personalId);
      if (!c) throw new DomainError('INVITATION_NOT_FOUND');
      const row = await confirmations.lockDossier(tx, Number(c.dossier_id));
      if (!row) throw new DomainError('INVITATION_NOT_FOUND');
      if (c.state !== 'pending') throw new DomainError('INVITATION_ANSWERED', { state: CONFIRMATION_STATES[c.state] });
      if (row.state !== 'draft') throw new DomainError('DOSSIER_STATE', { state: DOSSIER_STATES[row.state].label, action: 'Trả lời lời mời xác nhận' });
      const p = procedureOf(deps, row);
      const updated = await store.update(tx, Number(row.id), change(row, p, c.role), at);
      // A confirmation is of the content as it now stands (with the invitee's own registry data filled in).
      const contentSha256 = state === 'confirmed' ? confirmedContentHash(c.role, updated.form_data) : null;
      await confirmations.answer(tx, invitationId, { state, personId: caller.personId, accountId: caller.accountId, at, contentSha256 });
      await store.insertEvent(tx, {
        dossierId: Number(row.id), at, action: state, fromState: 'draft', toState: 'draft', actorKind: 'citizen', actorId: String(caller.accountId), actorName: null,
        comment: `${PARTY_LABELS[c.role]}: ${CONFIRMATION_STATES[state].toLowerCase()}`,
      });
      await audited(tx, { subjectKind: 'dossier', subjectId: String(row.id) });
      return updated;
    });
    void deps.notifyAccount(Number(d.applicant_account_id), message('SERVICES_SMS_ANSWERED', { code: d.code ?? `#${d.id}` })).catch(() => undefined);
    return { id: invitationId, state, stateLabel: CONFIRMATION_STATES[state] };
  }
}

export type Confirmations = ReturnType<typeof createConfirmations>;
