import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One reason's rule: how many days before its date a person is reminded, and the procedure the reminder leads to. */
export interface ReminderRule {
  daysBefore: number;
  procedure: string;
  mark: 'verified' | 'P' | 'U';
  source: string;
}

export interface ReminderRules {
  validFrom: string;
  temporaryResidence: ReminderRule;
  cardRenewal: ReminderRule & { ages: number[] };
}

const RULES_FILE = fileURLToPath(new URL('../../../../data/services/reminders.json', import.meta.url));

const ruleOk = (r: ReminderRule | undefined) =>
  !!r && Number.isInteger(r.daysBefore) && r.daysBefore >= 1 && r.daysBefore <= 366 && typeof r.procedure === 'string' && r.procedure.length > 0;

/** The reminder rules in force on a day: dated data (data/services/reminders.json; the card-renewal ages are [U]), checked when loaded. */
export function loadReminderRules(on: string, file = RULES_FILE): ReminderRules {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { versions?: ReminderRules[] };
  const rules = (doc.versions ?? []).filter((v) => v.validFrom <= on).sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1))[0];
  const ok = rules && ruleOk(rules.temporaryResidence) && ruleOk(rules.cardRenewal) && Array.isArray(rules.cardRenewal.ages)
    && rules.cardRenewal.ages.length > 0 && rules.cardRenewal.ages.every((a) => Number.isInteger(a) && a > 0 && a < 150);
  if (!ok) throw new Error(`${file}: no valid reminder rules in force on ${on}`);
  return rules;
}
