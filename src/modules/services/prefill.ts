import type { PrefillRule, PrefillSource, Procedure } from './catalogue/index.js';

/** What the registry tells the services module about the signed-in citizen (registry `unsafeIdentityFacts`). */
export interface ApplicantFacts {
  personId: number;
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: string;
  phone: string | null;
  residence: { communeCode: string; communeName: string; provinceCode: string; provinceName: string; address: string | null };
  household: { householdNo: string; relationToHead: string | null } | null;
}

/** Registry fields a prefill reads, as the audit entry of the release names them. */
export const PREFILL_FIELDS = ['personalId', 'fullName', 'dateOfBirth', 'sex', 'phone', 'residence', 'household'];

/**
 * The value of a prefill source the registry holds for the applicant, or undefined when it holds none
 * (that field stays the citizen's to fill, unlocked). Sources about other people (spouse, parents,
 * household head) need the registry-effects work (h/registry-effects): until then they are not filled.
 */
function valueOf(source: PrefillSource, f: ApplicantFacts): unknown {
  switch (source) {
    case 'self.fullName': return f.fullName;
    case 'self.personalId': return f.personalId;
    case 'self.birthDate': return f.dateOfBirth;
    case 'self.sex': return f.sex;
    case 'self.phone': return f.phone ?? undefined;
    case 'self.permanentAddress': {
      const parts = [f.residence.address, f.residence.communeName, f.residence.provinceName].filter((p): p is string => !!p);
      return parts.length ? parts.join(', ') : undefined;
    }
    case 'household.relationToHead': return f.household?.relationToHead ?? undefined;
    // A mother or father filing a birth is one of the child's parents: their own data fills their side.
    case 'mother.fullName': return f.sex === 'Nữ' ? f.fullName : undefined;
    case 'mother.personalId': return f.sex === 'Nữ' ? f.personalId : undefined;
    case 'mother.birthDate': return f.sex === 'Nữ' ? f.dateOfBirth : undefined;
    case 'father.fullName': return f.sex === 'Nam' ? f.fullName : undefined;
    case 'father.personalId': return f.sex === 'Nam' ? f.personalId : undefined;
    case 'father.birthDate': return f.sex === 'Nam' ? f.dateOfBirth : undefined;
    default: return undefined;
  }
}

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Sets a dotted path in a plain object, creating the objects on the way (never through a prototype key). */
export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  if (keys.some((k) => UNSAFE_KEYS.has(k) || !k)) return;
  let node = target;
  for (const k of keys.slice(0, -1)) {
    const next = node[k];
    if (!next || typeof next !== 'object' || Array.isArray(next)) node[k] = {};
    node = node[k] as Record<string, unknown>;
  }
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
  for (const rule of p.prefill as PrefillRule[]) {
    if (rule.when === 'spouse_confirmed') continue;
    const value = valueOf(rule.from, facts);
    if (value === undefined) continue;
    setPath(out, rule.field, value);
    if (rule.locked) locked.push(rule.field);
  }
  return { form: out, locked };
}

/** The client's form with the locked fields put back to what the dossier holds for them. */
export function keepLocked(client: Record<string, unknown>, stored: Record<string, unknown>, locked: readonly string[]): Record<string, unknown> {
  const out = cloneJson(client);
  for (const path of locked) setPath(out, path, getPath(stored, path));
  return out;
}
