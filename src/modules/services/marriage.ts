import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Kinship, MarriageFacts } from '../registry/index.js';
import { fieldError, type FieldError } from './errors.js';

/** Who may marry, in force from a day: configurable data (data/services/marriage-age.json, [P]). */
export interface MarriageRule {
  validFrom: string;
  mark: 'verified' | 'P' | 'U';
  source: string;
  minimumAge: { Nam: number; 'Nữ': number };
  sameSex: boolean;
}

const RULE_FILE = fileURLToPath(new URL('../../../data/services/marriage-age.json', import.meta.url));

/** The rule in force on `on` (the latest version that started by then), checked when loaded. */
export function loadMarriageRule(on: string, file = RULE_FILE): MarriageRule {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { versions?: MarriageRule[] };
  const rule = (doc.versions ?? []).filter((v) => v.validFrom <= on).sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
  const age = (n: unknown) => Number.isInteger(n) && (n as number) > 0 && (n as number) < 100;
  if (!rule || !age(rule.minimumAge?.Nam) || !age(rule.minimumAge?.['Nữ']) || typeof rule.sameSex !== 'boolean') {
    throw new Error(`${file}: no valid marriage rule in force on ${on}`);
  }
  return rule;
}

/** Full years of age on `day` (yyyy-mm-dd): a person born on 29/02 is a year older on 01/03 of a common year. */
export function ageOn(dateOfBirth: string, day: string): number {
  const years = Number(day.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return day.slice(5) >= dateOfBirth.slice(5) ? years : years - 1;
}

/**
 * What stops a marriage of the two people, as field errors on their form paths: a party unknown or dead, under
 * the rule's age for their sex, already the spouse of someone in the registry, the two of the same sex, or related
 * by blood as the registry's parent links show (Luật HN&GĐ 2014 Art. 5.2.d with the meanings of Art. 3.17 and 3.18:
 * in direct line, or sharing a parent or grandparent). Kinship the registry does not hold (adoption, in-laws,
 * step-parents) stays the civil-status officer's check of the papers.
 */
export function marriageErrors(
  parties: { path: string; personalId: string }[], facts: MarriageFacts[], rule: MarriageRule, day: string,
  kin: Kinship = { directLine: false, withinThreeGenerations: false },
): FieldError[] {
  const errors: FieldError[] = [];
  const found = parties.map((p) => ({ ...p, facts: facts.find((f) => f.personalId === p.personalId) }));
  for (const p of found) {
    if (!p.facts || p.facts.deceased) {
      errors.push(fieldError(`${p.path}.personalId`, 'MARRIAGE_PARTY_UNKNOWN'));
      continue;
    }
    const minimum = rule.minimumAge[p.facts.sex];
    if (ageOn(p.facts.dateOfBirth, day) < minimum) {
      errors.push(fieldError(`${p.path}.birthDate`, 'MARRIAGE_UNDER_AGE', { sex: p.facts.sex === 'Nam' ? 'nam' : 'nữ', age: minimum, source: rule.source.split(',')[0] }));
    }
    if (p.facts.spousePersonalId !== null) errors.push(fieldError(`${p.path}.personalId`, 'MARRIAGE_ALREADY_MARRIED'));
  }
  const [a, b] = found;
  if (!rule.sameSex && a?.facts && b?.facts && a.facts.sex === b.facts.sex) errors.push(fieldError(`${b.path}.sex`, 'MARRIAGE_SAME_SEX'));
  if (b && kin.directLine) errors.push(fieldError(`${b.path}.personalId`, 'MARRIAGE_DIRECT_LINE'));
  else if (b && kin.withinThreeGenerations) errors.push(fieldError(`${b.path}.personalId`, 'MARRIAGE_CLOSE_KIN'));
  return errors;
}
