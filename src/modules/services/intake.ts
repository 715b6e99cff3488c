// The rules a dossier must pass to be taken in, whichever way it comes (review 2 #4): the citizen's own submission
// (service.ts submit) and the one-stop desk's counter intake (counter.ts receiveAtCounter) call this one function,
// so a dossier the citizen could not submit is not received at the counter either.
import type { Queryable, Transaction } from '../../platform/db.js';
import { normalizeName, type RegistryService } from '../registry/index.js';
import type { Procedure } from './catalogue/index.js';
import { confirmedParties, type Confirmations, type ConfirmedParty } from './confirmation-service.js';
import type { ConfirmationRow } from './confirmation-store.js';
import { fieldError, type FieldError } from './errors.js';
import { applyPrefill, relationErrors, type ApplicantFacts } from './prefill.js';
import type { ServicesStore } from './store.js';
import { competentUnit, resolveSubjects } from './subjects.js';

/** The papers a citizen must upload for a procedure (the ones the platform reads itself are not asked for). */
export const uploadsRequired = (p: Procedure) => p.documents.filter((x) => x.required && !x.providedByPlatform && x.upload);

/** One field error per required paper not among those present. */
export const missingPapers = (p: Procedure, present: ReadonlySet<string>): FieldError[] =>
  uploadsRequired(p).filter((x) => !present.has(x.id)).map((x) => fieldError(`documents.${x.id}`, 'DOCUMENT_MISSING', { label: x.name }));

export interface IntakeInput {
  procedure: Procedure;
  /** The applicant's facts from the registry: their fields are filled and locked again, whatever the form says. */
  facts: ApplicantFacts;
  /** The form as the citizen saved it or the officer typed it. */
  form: Record<string, unknown>;
  /** The draft being submitted; null at the counter (no dossier yet). */
  dossierId: number | null;
  /** The unit the dossier is filed with (the draft's, the counter's). */
  unit: { unitCode: string; provinceCode: string };
  /** The kinds of paper the dossier holds (uploaded, or scanned at the counter). */
  papers: ReadonlySet<string>;
  /** The draft's invitations to confirm (none at the counter: nobody could be invited there). */
  parties?: ConfirmationRow[];
  /** The confirmed parties' fields read again from the registry (submission). */
  refreshParties?: (form: Record<string, unknown>) => Record<string, unknown>;
}

export interface IntakeResult {
  /** The form with the applicant's registry values and the fields locked. */
  prefilled: { form: Record<string, unknown>; locked: string[] };
  /** The validated form the dossier keeps. */
  value: Record<string, unknown>;
  /** Every problem at once, as field errors (form fields, papers, people named, confirmations, the same child). */
  errors: FieldError[];
  subjects: Awaited<ReturnType<typeof resolveSubjects>>;
  parties: ConfirmationRow[];
  /** The parties whose confirmation counts (bound to the form as it stands). */
  confirmed: ConfirmedParty[];
  /** The unit competent for the dossier: the one of the person whose residence it changes, else the one it was filed with. */
  unit: { unitCode: string; provinceCode: string };
}

export interface IntakeDeps {
  registry: RegistryService;
  store: ServicesStore;
  confirmations: Pick<Confirmations, 'errors'>;
  /** The catalogue's validation as field errors on `form.<path>` (service.ts formErrors). */
  formErrors: (p: Procedure, form: Record<string, unknown>) => { value: Record<string, unknown>; errors: FieldError[] };
  db: Queryable;
}

export function createIntake(deps: IntakeDeps) {
  const { registry, store } = deps;

  /**
   * One child, one birth dossier (review #3): "the same child" is a child of the same mother or father (personal ID
   * named in the form), born on the same day, with the same name once normalised; twins have their own names.
   * An open (or approved) dossier of the procedure about that child refuses this one; the registry refuses a second
   * registration at approval (BIRTH_ALREADY_REGISTERED) for the cases this misses.
   */
  async function sameChildFiled(p: Procedure, dossierId: number | null, form: Record<string, unknown>, q?: Queryable): Promise<FieldError[]> {
    if (p.effect !== 'birth') return [];
    const field = (o: unknown, k: string): string | undefined => {
      const v = o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined;
      return typeof v === 'string' && v.trim() ? v.trim() : undefined;
    };
    const name = field(form.child, 'fullName');
    const birthDate = field(form.child, 'birthDate');
    const parents = [field(form.mother, 'personalId'), field(form.father, 'personalId')].filter((x): x is string => !!x);
    if (!name || !birthDate || !parents.length) return [];
    const same = (await store.openBirthDossiers(q ?? deps.db, p.slug, dossierId ?? 0, birthDate, parents))
      .find((x) => x.child_name && normalizeName(x.child_name) === normalizeName(name));
    return same ? [fieldError('form.child.fullName', 'CHILD_DOSSIER_OPEN', { code: same.code ?? '' })] : [];
  }

  /** Every rule of taking a dossier in, in one pass; nothing is written. */
  return async function checkIntake(i: IntakeInput, q?: Transaction): Promise<IntakeResult> {
    const p = i.procedure;
    const parties = i.parties ?? [];
    const prefilled = applyPrefill(p, i.facts, i.form);
    // Only confirmations of the form as it stands count (a confirmed content changed since asks for a new one).
    const confirmed = confirmedParties(parties, i.form);
    const { value, errors } = deps.formErrors(p, i.refreshParties ? i.refreshParties(prefilled.form) : prefilled.form);
    errors.push(...relationErrors(p, value, i.facts));
    errors.push(...missingPapers(p, i.papers));
    errors.push(...await deps.confirmations.errors(p, value, parties, i.facts.personalId, q, i.form));
    // Everyone the form names by personal ID must be the applicant's (household, parent, child) or have confirmed it: the officer sees them.
    const subjects = await resolveSubjects(registry, i.facts.personId, value, q, confirmed);
    errors.push(...subjects.errors, ...await sameChildFiled(p, i.dossierId, value, q));
    // A death or a removal goes to the unit where the person it changes lives, whatever the draft's unit (review #1).
    const unit = competentUnit(p, subjects.people) ?? i.unit;
    return { prefilled, value, errors, subjects, parties, confirmed, unit };
  };
}

export type CheckIntake = ReturnType<typeof createIntake>;
