import type { Transaction } from '../../platform/db.js';
import type { RegistryService } from '../registry/index.js';
import type { Effect } from './catalogue/index.js';
import { fieldError, type FieldError } from './errors.js';

/**
 * The form paths where a dossier names other people by personal ID: the people an approval's effect changes
 * (effects.ts) — the members moving with the applicant, the deceased, the person whose residence is removed,
 * a child's parents. Every one of them must be the applicant, a member of the applicant's household or a
 * parent or child of the applicant in the registry.
 */
export function namedPeople(form: Record<string, unknown>): { path: string; personalId: string }[] {
  const out: { path: string; personalId: string }[] = [];
  const add = (path: string, v: unknown) => {
    if (typeof v === 'string' && v.trim()) out.push({ path, personalId: v.trim() });
  };
  if (Array.isArray(form.members)) form.members.forEach((m, i) => add(`form.members.${i}.personalId`, obj(m).personalId));
  // `child`: the child of a BHYT or ID card for a child under 6 (review #4); `spouse` is confirmed by the spouse's own e-ID (#5).
  for (const key of ['deceased', 'subject', 'mother', 'father', 'child']) add(`form.${key}.personalId`, obj(form[key]).personalId);
  return out;
}

/**
 * The registry's people a dossier is about (its `subject_person_ids`, shown to the officer beside the form), or
 * one field error per named person who is not the applicant's: the same answer for an unknown number and an
 * unrelated person, so the form never tells whether a number exists. People who confirmed the dossier with their
 * own e-ID (`confirmed`: the other party of a marriage, a father not married to the mother) are its subjects too.
 */
export async function resolveSubjects(
  registry: RegistryService, applicantPersonId: number, form: Record<string, unknown>, tx?: Transaction,
  confirmed: readonly { personalId: string; personId: number }[] = [],
): Promise<{ personIds: number[]; errors: FieldError[]; people: NamedPerson[] }> {
  const named = namedPeople(form);
  const headErrors = await householdHeadErrors(registry, form, tx);
  if (!named.length && !confirmed.length) return { personIds: [], errors: headErrors, people: [] };
  const related = named.length ? await registry.unsafeRelatedPeople(applicantPersonId, named.map((n) => n.personalId), tx) : [];
  const byId = new Map([...related, ...confirmed].map((r) => [r.personalId, r.personId]));
  const errors = [...named.filter((n) => !byId.has(n.personalId)).map((n) => fieldError(n.path, 'PERSON_NOT_RELATED')), ...headErrors];
  // Nobody declares their own death (review #14); a removal of one's own residence stays allowed (Luật Cư trú: the person may ask).
  errors.push(...named.filter((n) => n.path === 'form.deceased.personalId' && byId.get(n.personalId) === applicantPersonId).map((n) => fieldError(n.path, 'PERSON_IS_APPLICANT')));
  const personIds = [...new Set([...named.flatMap((n) => (byId.has(n.personalId) ? [byId.get(n.personalId)!] : [])), ...confirmed.map((c) => c.personId)])]
    .filter((id) => id !== applicantPersonId);
  const people = named.flatMap((n) => related.filter((r) => r.personalId === n.personalId).map((r) => ({ ...r, path: n.path })));
  return { personIds, errors, people };
}

/** A named person the registry relates to the applicant, with where they live (their permanent residence's commune). */
export interface NamedPerson {
  path: string;
  personId: number;
  personalId: string;
  communeCode: string | null;
  provinceCode: string | null;
}

/**
 * Effects that change a person's own civil status or residence, and the form path naming that person: only the
 * unit of their residence decides them (Luật Hộ tịch 2014 Art. 32: the commune of the deceased's last residence;
 * Luật Cư trú: the police of the commune where the residence is registered).
 */
const RESIDENT_PATHS: Partial<Record<NonNullable<Effect>, string>> = {
  death: 'form.deceased.personalId',
  remove_permanent_residence: 'form.subject.personalId',
};

/** The person whose residence decides which unit is competent for the dossier, when its effect has one. */
export function residentOf(effect: Effect, people: NamedPerson[]): NamedPerson | undefined {
  const path = effect ? RESIDENT_PATHS[effect] : undefined;
  return path ? people.find((p) => p.path === path) : undefined;
}

/** The unit competent for a dossier whose effect changes a named person's residence: that person's commune (or province). */
export function competentUnit(p: { effect: Effect; level: 'commune' | 'province' }, people: NamedPerson[]): { unitCode: string; provinceCode: string } | undefined {
  const r = residentOf(p.effect, people);
  if (!r?.communeCode || !r.provinceCode) return undefined;
  return { unitCode: p.level === 'commune' ? r.communeCode : r.provinceCode, provinceCode: r.provinceCode };
}

/**
 * A field error when the unit deciding the dossier is not the one where the person its effect changes lives:
 * the commune for a commune procedure, the province for a province one (review 2026-12-07 #1).
 */
export function outsideUnit(
  effect: Effect, people: NamedPerson[], level: 'commune' | 'province', unit: { unitCode: string; provinceCode: string },
): FieldError[] {
  const p = residentOf(effect, people);
  if (!p) return [];
  const competent = level === 'commune' ? p.communeCode === unit.unitCode : p.provinceCode === unit.provinceCode;
  return competent ? [] : [fieldError(p.path, 'PERSON_OUTSIDE_UNIT')];
}

/**
 * The household head a residence form names (`household.headPersonalId`, with `headFullName`) must be the head of a
 * household in the registry, by that name; the head may be a stranger (a tạm trú at someone else's home), so it is
 * not required to be the applicant's relative (review #4).
 */
async function householdHeadErrors(registry: RegistryService, form: Record<string, unknown>, tx?: Transaction): Promise<FieldError[]> {
  const h = obj(form.household);
  const id = typeof h.headPersonalId === 'string' ? h.headPersonalId.trim() : '';
  if (!id) return [];
  const name = typeof h.headFullName === 'string' && h.headFullName.trim() ? h.headFullName : undefined;
  return (await registry.unsafeIsHouseholdHead(id, name, tx)) ? [] : [fieldError('form.household.headPersonalId', 'HOUSEHOLD_HEAD_UNKNOWN')];
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
