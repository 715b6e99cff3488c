/**
 * The linkage engine (pure: no database, no clock): rows of a sector's list against the registry's
 * people, in two passes.
 *
 * 1. Deterministic: a row's personal ID (or its CMND, a former identifier) found in the registry is
 *    checked against the row's name, sex and birth date. All that the row gives agrees → matched; anything
 *    disagrees → review, never matched silently.
 * 2. Probabilistic for the rest (Fellegi–Sunter, fellegi-sunter.ts): candidates come from blocking keys
 *    (normalised name parts with the birth year, the birth date with day and month in either order, the
 *    given name with the year and commune), so a row meets tens of people, not the registry. Each
 *    candidate pair gets a comparison vector that knows Vietnamese names and sector lists' dates; m, u
 *    and λ are estimated by EM on the list's own pairs; the best candidate's probability decides the status
 *    against the source's thresholds.
 */
import { foldSpelling, matchNameTokens, nameTokens } from '../../platform/name-match.js';
import { PatternSpace, estimateByEm, probabilityTable, type FsParams } from './fellegi-sunter.js';
import { digitsOf, parseDateOfBirth, parseSex, type DateParts, type ListRow } from './input.js';

/** A person as the registry knows them, as much as linkage compares. */
export interface RegistryRecord {
  personalId: string;
  /** Former identifiers: 9-digit CMND numbers and cancelled personal IDs. */
  formerIds: readonly string[];
  fullName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  sex: 'Nam' | 'Nữ';
  /** Permanent residence, 2025 scheme. */
  communeCode: string | null;
  phone: string | null;
}

export interface Thresholds {
  /** A row whose best candidate reaches this probability is matched. */
  match: number;
  /** Below `match` and at least this: review; below: unmatched. */
  review: number;
}
export const DEFAULT_THRESHOLDS: Thresholds = { match: 0.9, review: 0.5 };

export type LinkStatus = 'matched' | 'review' | 'unmatched';

export interface LinkResult {
  row: number;
  /** The person matched, or the candidate a review is about; null when unmatched. */
  personalId: string | null;
  matchProbability: number;
  status: LinkStatus;
  /** Which fields agreed or differed, and why a row was decided as it was (codes; messages.ts words them). */
  reasons: string[];
  /** Which pass decided: the identifier, or the probabilistic comparison. */
  pass: 'id' | 'probabilistic' | 'none';
}

export interface LinkOptions {
  thresholds?: Thresholds;
  /** The scheme of the list's commune codes; pre-2025 codes are read through `successors`. */
  scheme?: '2025' | 'pre2025';
  /** The 2025 communes a pre-2025 commune became (the registry's unit links). */
  successors?: (code: string) => readonly string[];
  /** Candidates of one blocking key beyond this are not compared (a key that selects nobody in particular). */
  maxBlock?: number;
}

// ---- names ----

const TONE_MARKS = /[\u0300\u0301\u0303\u0309\u0323]/g;
const TONE_DIGIT: Record<string, string> = { '\u0300': '2', '\u0301': '1', '\u0303': '4', '\u0309': '3', '\u0323': '5' };

/**
 * A name with its marks but each syllable's tone moved to its end: the old and new tone placements
 * (Hoà/Hòa, Thuỷ/Thủy) meet, while Lan and Lân, or Hòa and Hóa, stay apart.
 */
export function toneCanonicalName(name: string): string {
  return name.normalize('NFD').toLowerCase().split(/[^\p{L}\p{M}]+/u).filter(Boolean).map(toneCanonicalSyllable).join(' ');
}

/** Names are made of a few thousand syllables: each one's canonical form is remembered (bounded), not redone for every name. */
const canonicalSyllables = new Map<string, string>();
function toneCanonicalSyllable(syllable: string): string {
  let out = canonicalSyllables.get(syllable);
  if (out === undefined) {
    const tones = syllable.match(TONE_MARKS);
    const base = syllable.replace(TONE_MARKS, '').normalize('NFC');
    out = tones ? base + TONE_DIGIT[tones[0]] : base;
    if (canonicalSyllables.size >= 50_000) canonicalSyllables.clear();
    canonicalSyllables.set(syllable, out);
  }
  return out;
}

export const NAME_LEVELS = ['different', 'partial', 'fuzzy', 'folded', 'exact'] as const;
export const DATE_LEVELS = ['different', 'same_year', 'year', 'month_year', 'swapped', 'exact'] as const;
const FIELDS = [
  { name: 'name', levels: NAME_LEVELS },
  { name: 'dob', levels: DATE_LEVELS },
  { name: 'sex', levels: ['differs', 'agrees'] },
  { name: 'commune', levels: ['differs', 'agrees'] },
  { name: 'phone', levels: ['differs', 'agrees'] },
] as const;
export const SPACE = new PatternSpace(FIELDS);

interface NameForm {
  canonical: string;
  tokens: string[];
  /** Tokens with y/i folded. */
  folded: string[];
}

function nameForm(fullName: string): NameForm | undefined {
  const tokens = nameTokens(fullName);
  if (tokens.length === 0) return undefined;
  return { canonical: toneCanonicalName(fullName), tokens, folded: tokens.map(foldSpelling) };
}

const sameTokens = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

/** The level of agreement of two names (index in NAME_LEVELS). */
export function compareNames(a: NameForm, b: NameForm): number {
  if (a.canonical === b.canonical) return 4;
  if (sameTokens(a.folded, b.folded)) return 3;
  if (matchNameTokens(a.tokens, b.tokens)) return 2;
  const fa = a.folded;
  const fb = b.folded;
  // The given name alone, or surname and given name with the middle names differing.
  if (fa.length === 1 || fb.length === 1) return fa[fa.length - 1] === fb[fb.length - 1] ? 1 : 0;
  return fa[0] === fb[0] && fa[fa.length - 1] === fb[fb.length - 1] ? 1 : 0;
}

/** The level of agreement of a row's date of birth with a record's full date (index in DATE_LEVELS). */
export function compareDates(row: DateParts, rec: DateParts): number {
  if (row.year !== rec.year) return 0;
  if (row.month === undefined) return 2;
  if (row.day === undefined) return row.month === rec.month ? 3 : 1;
  if (row.month === rec.month && row.day === rec.day) return 5;
  if (row.month === rec.day && row.day === rec.month) return 4;
  return 1;
}

// ---- the registry side ----

/** The registry's people, prepared once for many rows: names split and folded, blocking keys sorted. */
export class RegistryIndex {
  readonly size: number;
  readonly personalIds: string[];
  readonly names: NameForm[];
  readonly dates: DateParts[];
  readonly sexes: ('Nam' | 'Nữ')[];
  readonly communes: (string | null)[];
  readonly phones: (string | null)[];
  private readonly byId = new Map<string, number>();
  private readonly byFormerId = new Map<string, number>();
  /** Blocking keys: hash × 2^idxBits + record index, sorted; a key's records are one range. */
  private readonly keys: Float64Array;
  private readonly idxBits: number;

  constructor(records: Iterable<RegistryRecord>) {
    this.personalIds = [];
    this.names = [];
    this.dates = [];
    this.sexes = [];
    this.communes = [];
    this.phones = [];
    const hashes: number[] = [];
    const owners: number[] = [];
    for (const r of records) {
      const i = this.personalIds.length;
      const name = nameForm(r.fullName) ?? { canonical: '', tokens: [], folded: [] };
      const [y, m, d] = r.dateOfBirth.split('-').map(Number);
      this.personalIds.push(r.personalId);
      this.names.push(name);
      this.dates.push({ year: y, month: m, day: d });
      this.sexes.push(r.sex);
      this.communes.push(r.communeCode);
      this.phones.push(r.phone ? digitsOf(r.phone) || null : null);
      this.byId.set(r.personalId, i);
      for (const f of r.formerIds) this.byFormerId.set(f, i);
      for (const key of blockKeys(name.folded, { year: y, month: m, day: d }, r.communeCode ? [r.communeCode] : [], false)) {
        hashes.push(hashKey(key));
        owners.push(i);
      }
    }
    this.size = this.personalIds.length;
    this.idxBits = Math.max(1, Math.ceil(Math.log2(this.size + 1)));
    const scale = 2 ** this.idxBits;
    const hashMask = 2 ** (52 - this.idxBits);
    this.keys = new Float64Array(hashes.length);
    for (let k = 0; k < hashes.length; k++) this.keys[k] = (hashes[k] % hashMask) * scale + owners[k];
    this.keys.sort();
  }

  idOf(personalId: string): number | undefined {
    return this.byId.get(personalId);
  }

  formerIdOf(id: string): number | undefined {
    return this.byFormerId.get(id);
  }

  /** Calls `each` for every record under a blocking key; false when the key holds more than `max` (nothing called). */
  block(key: string, max: number, each: (record: number) => void): boolean {
    const scale = 2 ** this.idxBits;
    const lo = (hashKey(key) % 2 ** (52 - this.idxBits)) * scale;
    const hi = lo + scale;
    let a = 0;
    let b = this.keys.length;
    while (a < b) {
      const mid = (a + b) >>> 1;
      if (this.keys[mid] < lo) a = mid + 1;
      else b = mid;
    }
    let end = a;
    while (end < this.keys.length && this.keys[end] < hi) end++;
    if (end - a > max) return false;
    for (let k = a; k < end; k++) each(this.keys[k] - lo);
    return true;
  }
}

/** FNV-1a, 32 bits: blocking keys as numbers (a collision only adds a candidate, which the comparison then rejects). */
function hashKey(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Blocking keys of a name, a date and communes. The registry side and the row side use the same keys;
 * a row also asks its name's rotations (a given name written first).
 *  - n: surname, given name, birth year (typos and missing middle names meet here);
 *  - g / s: surname, or given name, with the birth date, day and month in either order (a typo in the other part);
 *  - c: given name, birth year, commune (a given name alone, a surname missing or mistyped).
 */
function blockKeys(folded: readonly string[], date: DateParts | undefined, communes: readonly string[], rotations: boolean): string[] {
  const keys: string[] = [];
  if (folded.length === 0 || !date) return keys;
  const first = folded[0];
  const last = folded[folded.length - 1];
  const y = date.year;
  if (folded.length >= 2) keys.push(`n|${first}|${last}|${y}`);
  if (rotations && folded.length >= 3) for (let k = 1; k < folded.length; k++) keys.push(`n|${folded[k]}|${folded[k - 1]}|${y}`);
  if (date.month !== undefined && date.day !== undefined) {
    const dk = `${y}|${Math.min(date.month, date.day)}|${Math.max(date.month, date.day)}`;
    if (folded.length >= 2) keys.push(`g|${first}|${dk}`);
    keys.push(`s|${last}|${dk}`);
  }
  for (const c of communes) keys.push(`c|${last}|${y}|${c}`);
  return keys;
}

// ---- the rows ----

interface ParsedRow {
  personalId: string;
  formerId: string;
  name?: NameForm;
  date?: DateParts;
  sex?: 'Nam' | 'Nữ';
  communes: readonly string[];
  phone: string;
  notes: string[];
}

function parseRow(r: ListRow, opts: LinkOptions): ParsedRow {
  const f = r.fields;
  const notes: string[] = [];
  const date = parseDateOfBirth(f.date_of_birth);
  if ((f.date_of_birth ?? '').trim() && !date) notes.push('date_of_birth:unreadable');
  const sex = parseSex(f.sex);
  if ((f.sex ?? '').trim() && !sex) notes.push('sex:unreadable');
  const code = (f.commune_code ?? '').trim();
  const communes = !code ? [] : opts.scheme === 'pre2025' ? (opts.successors?.(code) ?? []) : [code];
  if (code && communes.length === 0) notes.push('commune_code:unknown');
  return {
    personalId: digitsOf(f.personal_id), formerId: digitsOf(f.legacy_id), name: nameForm(f.full_name ?? ''), date, sex, communes,
    phone: digitsOf(f.phone), notes,
  };
}

function comparePattern(row: ParsedRow, reg: RegistryIndex, i: number): number {
  const levels = [-1, -1, -1, -1, -1];
  if (row.name && reg.names[i].tokens.length) levels[0] = compareNames(row.name, reg.names[i]);
  if (row.date) levels[1] = compareDates(row.date, reg.dates[i]);
  if (row.sex) levels[2] = row.sex === reg.sexes[i] ? 1 : 0;
  const commune = reg.communes[i];
  if (row.communes.length && commune) levels[3] = row.communes.includes(commune) ? 1 : 0;
  const phone = reg.phones[i];
  if (row.phone && phone) levels[4] = row.phone === phone ? 1 : 0;
  return SPACE.encode(levels);
}

/** Reason codes of a pattern: `field:level` for each field both sides have. */
export function patternReasons(p: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < FIELDS.length; i++) {
    const l = SPACE.level(p, i);
    if (l >= 0) out.push(`${FIELDS[i].name}:${FIELDS[i].levels[l]}`);
  }
  return out;
}

/** The deterministic pass for one row: a result, or the reason it goes on to the probabilistic pass. */
function byIdentifier(row: ParsedRow, reg: RegistryIndex): LinkResult | string[] {
  const notes: string[] = [];
  let i: number | undefined;
  let via = '';
  if (row.personalId) {
    if (!/^\d{12}$/.test(row.personalId)) notes.push('personal_id:invalid');
    else if ((i = reg.idOf(row.personalId)) === undefined) notes.push('personal_id:not_found');
    else via = 'personal_id';
  }
  if (i === undefined && row.formerId) {
    if (!/^(\d{9}|\d{12})$/.test(row.formerId)) notes.push('legacy_id:invalid');
    else if ((i = reg.formerIdOf(row.formerId) ?? (row.formerId.length === 12 ? reg.idOf(row.formerId) : undefined)) === undefined) notes.push('legacy_id:not_found');
    else via = 'legacy_id';
  }
  if (i === undefined) return notes;
  const p = comparePattern(row, reg, i);
  const reasons = [`${via}:found`, ...patternReasons(p)];
  const name = SPACE.level(p, 0);
  const date = SPACE.level(p, 1);
  const disagrees = name === 0 || date === 0 || date === 1 || SPACE.level(p, 2) === 0;
  const corroborated = name >= 1 || date >= 2;
  const result = { row: 0, personalId: reg.personalIds[i], pass: 'id' as const };
  if (disagrees) return { ...result, matchProbability: 0.5, status: 'review', reasons: [...reasons, 'id:disagrees'] };
  if (!corroborated) return { ...result, matchProbability: 0.5, status: 'review', reasons: [...reasons, 'id:uncorroborated'] };
  return { ...result, matchProbability: 1, status: 'matched', reasons };
}

/** u of every field level from random pairs (row, registry person): how often two different people agree by chance. */
function randomPairsU(rows: readonly ParsedRow[], reg: RegistryIndex, samples: number): number[][] {
  const tallies = FIELDS.map((f) => new Array<number>(f.levels.length).fill(0.5));
  let seed = 0x9e3779b9;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return Math.floor((seed / 2 ** 32) * n);
  };
  if (!rows.length || !reg.size) return tallies.map((t) => t.map(() => 1 / t.length));
  for (let k = 0; k < samples; k++) {
    const p = comparePattern(rows[next(rows.length)], reg, next(reg.size));
    for (let i = 0; i < FIELDS.length; i++) {
      const l = SPACE.level(p, i);
      if (l >= 0) tallies[i][l] += 1;
    }
  }
  return tallies.map((t) => {
    const sum = t.reduce((a, b) => a + b, 0);
    return t.map((v) => v / sum);
  });
}

/** Starting values for EM: agreement far likelier among matches than among non-matches. */
function startParams(lambda: number): FsParams {
  return {
    lambda,
    m: [[0.02, 0.05, 0.13, 0.3, 0.5], [0.02, 0.03, 0.1, 0.1, 0.05, 0.7], [0.05, 0.95], [0.2, 0.8], [0.3, 0.7]],
    u: [[0.6, 0.3, 0.05, 0.04, 0.01], [0.3, 0.5, 0.1, 0.05, 0.02, 0.03], [0.5, 0.5], [0.9, 0.1], [0.99, 0.01]],
  };
}

export interface LinkOutcome {
  results: LinkResult[];
  /** The parameters EM found (undefined when no row went to the probabilistic pass). */
  params?: FsParams;
  /** How many candidate pairs the probabilistic pass compared. */
  pairs: number;
}

/** Links every row of a list against the registry's index. */
export function linkRows(rows: readonly ListRow[], reg: RegistryIndex, opts: LinkOptions = {}): LinkOutcome {
  const thresholds = opts.thresholds ?? DEFAULT_THRESHOLDS;
  const maxBlock = opts.maxBlock ?? 400;
  const results: LinkResult[] = new Array(rows.length);
  // Pairs of the probabilistic pass, contiguous by row.
  let pairRec = new Int32Array(1 << 16);
  let pairPat = new Uint16Array(1 << 16);
  let pairs = 0;
  const pending: { index: number; from: number; to: number; notes: string[] }[] = [];
  const seen = new Int32Array(reg.size).fill(-1);
  const counts = new Float64Array(SPACE.size);

  rows.forEach((r, index) => {
    const row = parseRow(r, opts);
    if (!row.personalId && !row.formerId && !row.name) {
      results[index] = { row: r.row, personalId: null, matchProbability: 0, status: 'unmatched', reasons: [...row.notes, 'nothing_identifying'], pass: 'none' };
      return;
    }
    const decided = byIdentifier(row, reg);
    if (!Array.isArray(decided)) {
      results[index] = { ...decided, row: r.row, reasons: [...row.notes, ...decided.reasons] };
      return;
    }
    const notes = [...row.notes, ...decided];
    const from = pairs;
    if (row.name) {
      for (const key of blockKeys(row.name.folded, row.date, row.communes, true)) {
        const complete = reg.block(key, maxBlock, (i) => {
          if (seen[i] === index) return;
          seen[i] = index;
          if (pairs === pairRec.length) {
            pairRec = grow(pairRec);
            pairPat = grow(pairPat);
          }
          const p = comparePattern(row, reg, i);
          pairRec[pairs] = i;
          pairPat[pairs] = p;
          counts[p] += 1;
          pairs++;
        });
        if (!complete) notes.push('block:too_common');
      }
    }
    pending.push({ index, from, to: pairs, notes: [...new Set(notes)] });
  });

  let params: FsParams | undefined;
  if (pairs > 0) {
    // m from EM on the list's own candidate pairs; u from random pairs of the list and the registry (as Splink
    // does): within a block most non-matches share the name, so u measured there would make an exact name
    // count for little. λ then is the prior of a random pair: the matches EM found over all possible pairs.
    const fitted = estimateByEm(SPACE, counts, startParams(Math.min(0.5, pending.length / pairs)));
    const parsed = pending.map((x) => parseRow(rows[x.index], opts));
    const u = randomPairsU(parsed, reg, 200_000);
    const expected = Math.max(1, fitted.lambda * pairs);
    params = { lambda: Math.min(0.5, expected / (pending.length * reg.size)), m: fitted.m, u };
  }
  const table = params ? probabilityTable(SPACE, params) : new Float64Array(SPACE.size);
  for (const { index, from, to, notes } of pending) {
    const r = rows[index];
    let best = -1;
    let bestP = 0;
    let second = 0;
    for (let k = from; k < to; k++) {
      const p = table[pairPat[k]];
      if (p > bestP) {
        second = bestP;
        bestP = p;
        best = k;
      } else if (p > second) second = p;
    }
    if (best < 0 || bestP < thresholds.review) {
      const reasons = best < 0 ? [...notes, 'no_candidate'] : [...notes, ...patternReasons(pairPat[best]), 'probability:low'];
      results[index] = { row: r.row, personalId: null, matchProbability: round(bestP), status: 'unmatched', reasons, pass: 'probabilistic' };
      continue;
    }
    const reasons = [...notes, ...patternReasons(pairPat[best])];
    // Two people the row fits about as well: an officer decides.
    const ambiguous = second >= thresholds.review;
    const status: LinkStatus = bestP >= thresholds.match && !ambiguous ? 'matched' : 'review';
    if (ambiguous) reasons.push('candidates:several');
    results[index] = { row: r.row, personalId: reg.personalIds[pairRec[best]], matchProbability: round(bestP), status, reasons, pass: 'probabilistic' };
  }
  return { results, params, pairs };
}

/** The status of a result at other thresholds (the preview): a decision of the identifier pass stays. */
export function statusAt(result: Pick<LinkResult, 'matchProbability' | 'status' | 'pass' | 'reasons'>, t: Thresholds): LinkStatus {
  if (result.pass !== 'probabilistic' || result.reasons.includes('candidates:several')) return result.status;
  if (result.matchProbability >= t.match) return 'matched';
  return result.matchProbability >= t.review ? 'review' : 'unmatched';
}

const round = (p: number) => Math.round(p * 1e6) / 1e6;

function grow<T extends Int32Array | Uint16Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

