import { matchVietnameseName } from './name-match.js';
import type { MatchKind } from './kinds.js';
import type { WatchlistRow } from './store.js';

/**
 * The watchlist in memory, so matching a guest costs microseconds at 100,000 entries. Entries are
 * indexed by personal ID, by birth date, and (those with only a birth year) by year; a guest is
 * compared by name only with entries born the same day or, for year-only entries, the same year.
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

function add<K>(map: Map<K, Set<number>>, key: K, id: number) {
  const set = map.get(key);
  if (set) set.add(id);
  else map.set(key, new Set([id]));
}

function remove<K>(map: Map<K, Set<number>>, key: K, id: number) {
  const set = map.get(key);
  if (!set) return;
  set.delete(id);
  if (!set.size) map.delete(key);
}

export class WatchlistIndex {
  private readonly entries = new Map<number, WatchEntry>();
  private readonly byPersonalId = new Map<string, Set<number>>();
  private readonly byDate = new Map<string, Set<number>>();
  private readonly byYearOnly = new Map<number, Set<number>>();
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
        birthYear: Number(r.birth_year), sex: r.sex, provinceCode: r.province_code,
      });
      this.revision = Math.max(this.revision, Number(r.revision));
    }
  }

  private put(e: WatchEntry) {
    this.entries.set(e.id, e);
    if (e.personalId) add(this.byPersonalId, e.personalId, e.id);
    if (e.dateOfBirth) add(this.byDate, e.dateOfBirth, e.id);
    else add(this.byYearOnly, e.birthYear, e.id);
  }

  private drop(id: number) {
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    if (e.personalId) remove(this.byPersonalId, e.personalId, id);
    if (e.dateOfBirth) remove(this.byDate, e.dateOfBirth, id);
    else remove(this.byYearOnly, e.birthYear, id);
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
    const year = Number(c.dateOfBirth.slice(0, 4));
    const byName = (ids: Iterable<number> | undefined, match: MatchKind) => {
      for (const id of ids ?? []) {
        if (seen.has(id)) continue;
        const e = this.entries.get(id)!;
        // A proved personal ID that differs from the entry's is another person, whatever the name.
        if (c.verified && c.personalId && e.personalId && e.personalId !== c.personalId) continue;
        if (c.sex && e.sex && c.sex !== e.sex) continue;
        const m = matchVietnameseName(c.fullName, e.fullName);
        if (m) hits.push({ entry: e, match, score: m.score });
      }
    };
    byName(this.byDate.get(c.dateOfBirth), 'name_birth_date');
    byName(this.byYearOnly.get(year), 'name_birth_year');
    return hits;
  }
}
