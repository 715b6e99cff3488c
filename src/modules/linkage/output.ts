import { csvLine } from '../../platform/csv.js';
import type { LinkResult } from './engine.js';

/** The header of the results file: linkage's columns, then the list's own columns as they came (its personal_id as input_personal_id). */
export function resultColumns(columns: readonly string[]): string[] {
  return ['row', 'personal_id', 'match_probability', 'status', 'reasons', ...columns.map((c) => (c === 'personal_id' ? 'input_personal_id' : c))];
}

/** One line of the results file (no newline). */
export function resultLine(r: Pick<LinkResult, 'row' | 'personalId' | 'matchProbability' | 'status' | 'reasons'>, fields: Record<string, string>, columns: readonly string[]): string {
  return csvLine([r.row, r.personalId ?? '', r.matchProbability, r.status, r.reasons.join(';'), ...columns.map((c) => fields[c] ?? '')]);
}
