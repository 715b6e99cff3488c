import type { Transaction } from '../../platform/db.js';
import type { RegistryService } from '../registry/index.js';
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
  for (const key of ['deceased', 'subject', 'mother', 'father']) add(`form.${key}.personalId`, obj(form[key]).personalId);
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
): Promise<{ personIds: number[]; errors: FieldError[] }> {
  const named = namedPeople(form);
  if (!named.length && !confirmed.length) return { personIds: [], errors: [] };
  const related = named.length ? await registry.unsafeRelatedPeople(applicantPersonId, named.map((n) => n.personalId), tx) : [];
  const byId = new Map([...related, ...confirmed].map((r) => [r.personalId, r.personId]));
  const errors = named.filter((n) => !byId.has(n.personalId)).map((n) => fieldError(n.path, 'PERSON_NOT_RELATED'));
  const personIds = [...new Set([...named.flatMap((n) => (byId.has(n.personalId) ? [byId.get(n.personalId)!] : [])), ...confirmed.map((c) => c.personId)])]
    .filter((id) => id !== applicantPersonId);
  return { personIds, errors };
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
