/**
 * Quality of a linked list (issue 18, "Quality reports"; models 34–36's data cleaning), pure: rows in, figures
 * out. Per list and per commune, in two ways: the commune of the person a row points at (the matched person,
 * or the candidate of a review row, as the registry knows them now) and the commune_code the row gives.
 */
import { nameTokens } from '../../platform/name-match.js';
import type { LinkStatus } from './engine.js';
import { KNOWN_COLUMNS, digitsOf, parseDateOfBirth, parseSex, type KnownColumn } from './input.js';

/** Reason codes the run adds to a row whose person (matched, candidate, or named by its ID) the registry records so. */
export const PERSON_FLAGS = { deceased: 'person:deceased', movedOut: 'person:moved_out' } as const;

/** One stored result as the report reads it. */
export interface QualityInputRow {
  row: number;
  status: LinkStatus;
  personalId: string | null;
  reasons: readonly string[];
  fields: Readonly<Record<string, string>>;
  /** The current commune (2025) of the person the row points at; null when it points at nobody. */
  personCommune: string | null;
}

export type DatePrecision = 'full' | 'monthYear' | 'yearOnly';

/** The precision of a readable date of birth; undefined when there is none or it cannot be read. */
export function datePrecision(text: string | undefined): DatePrecision | undefined {
  const d = parseDateOfBirth(text);
  if (!d) return undefined;
  return d.day !== undefined ? 'full' : d.month !== undefined ? 'monthYear' : 'yearOnly';
}

/**
 * Whether a field has a value linkage can use: a 12-digit personal ID; a 9- or 12-digit CMND; a name with a
 * letter; a date read as a full date, month and year or a year; a sex read as Nam/Nữ; an address that is not
 * blank; a 5-digit commune code; a phone of 10 or 11 digits starting with 0.
 */
export function usable(field: KnownColumn, text: string | undefined): boolean {
  const s = (text ?? '').trim();
  if (!s) return false;
  switch (field) {
    case 'personal_id': return /^\d{12}$/.test(digitsOf(s));
    case 'legacy_id': return /^(\d{9}|\d{12})$/.test(digitsOf(s));
    case 'full_name': return nameTokens(s).length > 0;
    case 'date_of_birth': return datePrecision(s) !== undefined;
    case 'sex': return parseSex(s) !== undefined;
    case 'address': return /[\p{L}\p{N}]/u.test(s);
    case 'commune_code': return /^\d{5}$/.test(s);
    case 'phone': return /^0\d{9,10}$/.test(digitsOf(s));
  }
}

export interface FieldCompleteness {
  field: KnownColumn;
  /** Rows with a usable value. */
  count: number;
  share: number;
}

export interface QualityFigures {
  rows: number;
  matched: number;
  review: number;
  unmatched: number;
  completeness: FieldCompleteness[];
  /** Rows whose date of birth reads as a full date, as month and year, as a year only. */
  dateOfBirth: Record<DatePrecision, number>;
  /** Matched rows whose person another matched row of the list also is. */
  duplicateRows: number;
  deceased: number;
  movedOut: number;
}

export interface DuplicateGroup {
  personalId: string;
  rows: number[];
}

export interface QualityReport {
  overall: QualityFigures;
  /** By the commune of the person a row points at (null: the row points at nobody). */
  byPersonCommune: (QualityFigures & { communeCode: string | null })[];
  /** By the commune_code the row gives (null: the row gives none). */
  byListCommune: (QualityFigures & { communeCode: string | null })[];
  duplicates: { groups: number; rows: number; items: DuplicateGroup[] };
}

interface Tally {
  rows: number;
  status: Record<LinkStatus, number>;
  usable: number[];
  dates: Record<DatePrecision, number>;
  deceased: number;
  movedOut: number;
  /** Row numbers of the matched rows, by person (for the duplicates once the whole list is read). */
  matchedRows: number[];
}

const newTally = (): Tally => ({ rows: 0, status: { matched: 0, review: 0, unmatched: 0 }, usable: KNOWN_COLUMNS.map(() => 0), dates: { full: 0, monthYear: 0, yearOnly: 0 }, deceased: 0, movedOut: 0, matchedRows: [] });

const share = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);

/** Reads a run's rows one at a time (a list of a million rows is never held whole) and answers its report. */
export class QualityAccumulator {
  private readonly overall = newTally();
  private readonly byPerson = new Map<string | null, Tally>();
  private readonly byList = new Map<string | null, Tally>();
  private readonly rowsOfPerson = new Map<string, number[]>();

  /** Duplicate groups listed in the report beyond which only the counts are given. */
  constructor(private readonly listedDuplicates = 500) {}

  add(r: QualityInputRow): void {
    const listCommune = (r.fields.commune_code ?? '').trim() || null;
    const tallies = [this.overall, this.tally(this.byPerson, r.personCommune), this.tally(this.byList, listCommune)];
    const usableFields = KNOWN_COLUMNS.map((f) => usable(f, r.fields[f]));
    const precision = datePrecision(r.fields.date_of_birth);
    const deceased = r.reasons.includes(PERSON_FLAGS.deceased);
    const movedOut = r.reasons.includes(PERSON_FLAGS.movedOut);
    for (const t of tallies) {
      t.rows++;
      t.status[r.status]++;
      usableFields.forEach((u, i) => { if (u) t.usable[i]++; });
      if (precision) t.dates[precision]++;
      if (deceased) t.deceased++;
      if (movedOut) t.movedOut++;
      if (r.status === 'matched' && r.personalId) t.matchedRows.push(r.row);
    }
    if (r.status === 'matched' && r.personalId) {
      const rows = this.rowsOfPerson.get(r.personalId);
      if (rows) rows.push(r.row);
      else this.rowsOfPerson.set(r.personalId, [r.row]);
    }
  }

  report(): QualityReport {
    const groups: DuplicateGroup[] = [];
    const duplicated = new Set<number>();
    for (const [personalId, rows] of this.rowsOfPerson) {
      if (rows.length < 2) continue;
      groups.push({ personalId, rows });
      for (const row of rows) duplicated.add(row);
    }
    groups.sort((a, b) => a.rows[0] - b.rows[0]);
    const communes = (m: Map<string | null, Tally>, key: (row: number) => boolean) => [...m.entries()]
      .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
      .map(([communeCode, t]) => ({ communeCode, ...figures(t, key) }));
    const isDuplicate = (row: number) => duplicated.has(row);
    return {
      overall: figures(this.overall, isDuplicate),
      byPersonCommune: communes(this.byPerson, isDuplicate),
      byListCommune: communes(this.byList, isDuplicate),
      duplicates: { groups: groups.length, rows: duplicated.size, items: groups.slice(0, this.listedDuplicates) },
    };
  }

  private tally(m: Map<string | null, Tally>, key: string | null): Tally {
    let t = m.get(key);
    if (!t) m.set(key, (t = newTally()));
    return t;
  }
}

function figures(t: Tally, isDuplicate: (row: number) => boolean): QualityFigures {
  return {
    rows: t.rows, matched: t.status.matched, review: t.status.review, unmatched: t.status.unmatched,
    completeness: KNOWN_COLUMNS.map((field, i) => ({ field, count: t.usable[i], share: share(t.usable[i], t.rows) })),
    dateOfBirth: { ...t.dates },
    duplicateRows: t.matchedRows.filter(isDuplicate).length,
    deceased: t.deceased, movedOut: t.movedOut,
  };
}
