import { matchNameTokens, nameBlockKeys, nameTokens } from '../../platform/name-match.js';
import type { MatchKind } from './kinds.js';
import type { WatchlistRow } from './store.js';

/**
 * The watchlist in memory, so matching a guest costs microseconds at 100,000 entries. Entries are
 * indexed by personal ID, by birth date, and (those with only a birth year) by year and name block
 * key; a guest is compared by name only with entries born the same day, or born the same year and
 * sharing a block key (nameBlockKeys: surname and given name, one typo allowed).
 * Each node keeps its own copy and applies the rows changed since the revision it holds.
 */
export interface WatchEntry {
  id: number;
  kind: string;
  personalId: string | null;
  fullName: string;
  dateOfBirth: string | null;
  birthYear: number;
  sex: string | null;
  provinceCode: string;
  tokens: string[];
}

export interface WatchCandidate {
  personalId: string | null;
  /** The personal ID was proved (identity QR, chip, card QR matching the registry), not typed. */
  verified: boolean;
  fullName: string;
  dateOfBirth: string;
  sex: string | null;
}

export interface WatchHit {
  entry: WatchEntry;
  match: MatchKind;
  score: number;
}

// Arrays rather than sets: a year-only entry sits under a dozen keys, and removals are rare.
function add<K>(map: Map<K, number[]>, key: K, id: number) {
  const ids = map.get(key);
  if (ids) ids.push(id);
  else map.set(key, [id]);
}

function remove<K>(map: Map<K, number[]>, key: K, id: number) {
  const ids = map.get(key);
  if (!ids) return;
  const i = ids.indexOf(id);
  if (i >= 0) ids.splice(i, 1);
  if (!ids.length) map.delete(key);
}

const yearKeys = (year: number, tokens: string[]) => nameBlockKeys(tokens).map((k) => `${year}|${k}`);

export class WatchlistIndex {
  private readonly entries = new Map<number, WatchEntry>();
  private readonly byPersonalId = new Map<string, number[]>();
  private readonly byDate = new Map<string, number[]>();
  private readonly byYearAndName = new Map<string, number[]>();
  /** The highest revision applied. */
  revision = 0;

  get size(): number {
    return this.entries.size;
  }

  /** Applies changed rows in revision order: an inactive row removes its entry. */
  apply(rows: WatchlistRow[]): void {
    for (const r of rows) {
      const id = Number(r.id);
      this.drop(id);
      if (r.active) this.put({
        id, kind: r.kind, personalId: r.personal_id, fullName: r.full_name, dateOfBirth: r.date_of_birth,
        birthYear: Number(r.birth_year), sex: r.sex, provinceCode: r.province_code, tokens: nameTokens(r.full_name),
      });
      this.revision = Math.max(this.revision, Number(r.revision));
    }
  }

  private put(e: WatchEntry) {
    this.entries.set(e.id, e);
    if (e.personalId) add(this.byPersonalId, e.personalId, e.id);
    if (e.dateOfBirth) add(this.byDate, e.dateOfBirth, e.id);
    else for (const k of yearKeys(e.birthYear, e.tokens)) add(this.byYearAndName, k, e.id);
  }

  private drop(id: number) {
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    if (e.personalId) remove(this.byPersonalId, e.personalId, id);
    if (e.dateOfBirth) remove(this.byDate, e.dateOfBirth, id);
    else for (const k of yearKeys(e.birthYear, e.tokens)) remove(this.byYearAndName, k, id);
  }

  /** Every entry the guest may be: same personal ID, or a near-identical name born the same day (or year). */
  match(c: WatchCandidate): WatchHit[] {
    const hits: WatchHit[] = [];
    const seen = new Set<number>();
    if (c.personalId) {
      for (const id of this.byPersonalId.get(c.personalId) ?? []) {
        seen.add(id);
        hits.push({ entry: this.entries.get(id)!, match: 'personal_id', score: 1 });
      }
    }
    const tokens = nameTokens(c.fullName);
    const byName = (ids: Iterable<number> | undefined, match: MatchKind) => {
      for (const id of ids ?? []) {
        if (seen.has(id)) continue;
        seen.add(id);
        const e = this.entries.get(id)!;
        // A proved personal ID that differs from the entry's is another person, whatever the name.
        if (c.verified && c.personalId && e.personalId && e.personalId !== c.personalId) continue;
        if (c.sex && e.sex && c.sex !== e.sex) continue;
        const m = matchNameTokens(tokens, e.tokens);
        if (m) hits.push({ entry: e, match, score: m.score });
      }
    };
    byName(this.byDate.get(c.dateOfBirth), 'name_birth_date');
    for (const k of yearKeys(Number(c.dateOfBirth.slice(0, 4)), tokens)) byName(this.byYearAndName.get(k), 'name_birth_year');
    return hits;
  }
}
