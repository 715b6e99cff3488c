import type { PrefillRule, PrefillSource, Procedure } from './catalogue/index.js';
import { fieldError, type FieldError } from './errors.js';

/** What the registry tells the services module about the signed-in citizen (registry `unsafeIdentityFacts`). */
export interface ApplicantFacts {
  personId: number;
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: string;
  phone: string | null;
  ethnicity: string;
  nationality: string;
  residence: { communeCode: string; communeName: string; provinceCode: string; provinceName: string; address: string | null };
  household: { householdNo: string; relationToHead: string | null; headFullName: string | null; headPersonalId: string | null } | null;
}

/** Registry fields a prefill reads, as the audit entry of the release names them. */
export const PREFILL_FIELDS = ['personalId', 'fullName', 'dateOfBirth', 'sex', 'phone', 'ethnicity', 'nationality', 'residence', 'household'];

/** Which parent of the child the applicant is, or null when they declare as someone else (a grandparent, a relative). */
export type ParentRole = 'mother' | 'father' | null;

/** The form field where the declarant says how they relate to the child (a birth's `declarant.relation`). */
export const RELATION_FIELD = 'declarant.relation';
const ROLE_OF: Record<string, ParentRole> = { 'mẹ': 'mother', 'cha': 'father', 'bố': 'father' };

/**
 * The parent the applicant is, from the form's relation field only (`Mẹ`/`Cha`; any other answer — ông, bà,
 * người thân khác — makes them neither, and a form without the field too). Never from the applicant's sex: a
 * grandmother declaring a birth is not its mother (review-fixes.test.ts, civil.test.ts "birth").
 */
export function parentRole(p: Procedure, form: Record<string, unknown>): ParentRole {
  if (getPath(p.form as unknown as Record<string, unknown>, 'properties.declarant.properties.relation') === undefined) return null;
  const said = getPath(form, RELATION_FIELD);
  return typeof said === 'string' ? ROLE_OF[said.trim().normalize('NFC').toLowerCase()] ?? null : null;
}

/** A relation that contradicts the registry: a man declaring as the mother, a woman as the father. */
export function relationErrors(p: Procedure, form: Record<string, unknown>, f: ApplicantFacts): FieldError[] {
  const role = parentRole(p, form);
  if ((role === 'mother' && f.sex !== 'Nữ') || (role === 'father' && f.sex !== 'Nam')) {
    return [fieldError(`form.${RELATION_FIELD}`, 'RELATION_SEX', { relation: role === 'mother' ? 'mẹ' : 'cha', sex: f.sex })];
  }
  return [];
}

const addressOf = (f: ApplicantFacts) => {
  const parts = [f.residence.address, f.residence.communeName, f.residence.provinceName].filter((p): p is string => !!p);
  return parts.length ? parts.join(', ') : undefined;
};

/**
 * The value of a prefill source the registry holds for the applicant, or undefined when it holds none
 * (that field stays the citizen's to fill, unlocked). Sources about other people (the spouse, the other
 * parent) are not filled: the personal ID the citizen types for them is checked against the applicant's
 * household and parent links at submission (subjects.ts) instead of being trusted.
 */
function valueOf(source: PrefillSource, f: ApplicantFacts, role: ParentRole): unknown {
  const [who, field] = source.split('.') as [string, string];
  if (who === 'mother' || who === 'father') return who === role ? valueOf(`self.${field}` as PrefillSource, f, role) : undefined;
  switch (source) {
    case 'self.fullName': return f.fullName;
    case 'self.personalId': return f.personalId;
    case 'self.birthDate': return f.dateOfBirth;
    case 'self.sex': return f.sex;
    case 'self.ethnicity': return f.ethnicity || undefined;
    case 'self.nationality': return f.nationality || undefined;
    case 'self.phone': return f.phone ?? undefined;
    case 'self.permanentAddress': return addressOf(f);
    case 'household.relationToHead': return f.household?.relationToHead ?? undefined;
    case 'household.headFullName': return f.household?.headFullName ?? undefined;
    case 'household.headPersonalId': return f.household?.headPersonalId ?? undefined;
    default: return undefined;
  }
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Sets a dotted path in a plain object, creating the objects on the way (never through a prototype key). */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  if (keys.some((k) => UNSAFE_KEYS.has(k) || !k)) return;
  let node = target;
  keys.slice(0, -1).forEach((k, i) => {
    const next = node[k];
    // A numeric key goes into a list (`members.0.personalId`, a carried field); any other into an object.
    const wantList = /^\d+$/.test(keys[i + 1]);
    if (!next || typeof next !== 'object' || Array.isArray(next) !== wantList) node[k] = wantList ? [] : {};
    node = node[k] as Record<string, unknown>;
  });
  node[keys[keys.length - 1]] = value;
}

export function getPath(source: Record<string, unknown>, path: string): unknown {
  let node: unknown = source;
  for (const k of path.split('.')) {
    if (!node || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, k)) return undefined;
    node = (node as Record<string, unknown>)[k];
  }
  return node;
}

/** A deep copy of JSON data (form data is JSON by construction). */
export const cloneJson = <T>(v: T): T => JSON.parse(JSON.stringify(v ?? {})) as T;

/**
 * The form with every field the registry holds filled in, and the locked ones (the server ignores the
 * client's values for them and writes the registry's again at submission).
 */
export function applyPrefill(p: Procedure, facts: ApplicantFacts, form: Record<string, unknown>): { form: Record<string, unknown>; locked: string[] } {
  const out = cloneJson(form);
  const locked: string[] = [];
  const role = parentRole(p, out);
  for (const rule of p.prefill as PrefillRule[]) {
    if (rule.when === 'spouse_confirmed') continue;
    const value = valueOf(rule.from, facts, role);
    if (value === undefined) continue;
    setPath(out, rule.field, value);
    if (rule.locked) locked.push(rule.field);
  }
  return { form: out, locked };
}

/**
 * The form with a confirming person's fields (the spouse, the father: the prefill rules read from `<party>.`)
 * filled from the registry's facts about them, and those fields locked: what they confirmed with their own e-ID.
 */
export function applyPartyPrefill(p: Procedure, party: 'spouse' | 'father', facts: ApplicantFacts, form: Record<string, unknown>): { form: Record<string, unknown>; locked: string[] } {
  const out = cloneJson(form);
  const locked: string[] = [];
  for (const rule of p.prefill as PrefillRule[]) {
    const [who, field] = rule.from.split('.') as [string, string];
    if (who !== party) continue;
    const value = valueOf(`self.${field}` as PrefillSource, facts, null);
    if (value === undefined) continue;
    setPath(out, rule.field, value);
    locked.push(rule.field);
  }
  return { form: out, locked };
}

/** The client's form with the locked fields put back to what the dossier holds for them. */
export function keepLocked(client: Record<string, unknown>, stored: Record<string, unknown>, locked: readonly string[]): Record<string, unknown> {
  const out = cloneJson(client);
  for (const path of locked) setPath(out, path, getPath(stored, path));
  return out;
}
