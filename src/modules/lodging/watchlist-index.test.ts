import { describe, expect, it } from 'vitest';
import { matchVietnameseName } from '../../platform/name-match.js';
import { WatchlistIndex } from './watchlist-index.js';
import type { WatchlistRow } from './store.js';

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Đặng'];
const MIDDLES = ['Văn', 'Thị', 'Minh', 'Ngọc'];
const GIVENS = ['An', 'Anh', 'Bình', 'Hoàng', 'Huyền', 'Thủy', 'Vy', 'Tuấn', 'Phương'];

function row(id: number, fullName: string, birthYear: number, extra: Partial<WatchlistRow> = {}): WatchlistRow {
  return {
    id: String(id), kind: 'wanted', personal_id: null, full_name: fullName, name_norm: '', date_of_birth: null, birth_year: birthYear, sex: null,
    note: null, province_code: '82', active: true, revision: String(id), created_at: '2026-01-01', ...extra,
  };
}

/** Typos a desk might make: a letter dropped, doubled, swapped, replaced; diacritics lost; tokens rotated; the middle name left out. */
function variants(name: string): string[] {
  const plain = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  const out = [name, plain, plain.toUpperCase()];
  const t = plain.split(' ');
  out.push(`${t[t.length - 1]} ${t.slice(0, -1).join(' ')}`, `${t[0]} ${t[t.length - 1]}`);
  for (let i = 1; i < plain.length - 1; i++) {
    out.push(plain.slice(0, i) + plain.slice(i + 1), plain.slice(0, i) + plain[i] + plain.slice(i), plain.slice(0, i) + plain[i + 1] + plain[i] + plain.slice(i + 2));
    out.push(plain.slice(0, i) + 'x' + plain.slice(i + 1));
  }
  return out;
}

describe('WatchlistIndex', () => {
  const names: string[] = [];
  for (const s of SURNAMES) for (const m of MIDDLES) for (const g of GIVENS) names.push(`${s} ${m} ${g}`);
  const index = new WatchlistIndex();
  index.apply(names.map((n, i) => row(i + 1, n, 1980 + (i % 3))));

  it('finds by name block keys exactly what a comparison with every entry of the year finds', () => {
    let compared = 0;
    for (const [i, listed] of names.entries()) {
      if (i % 7) continue;
      const year = 1980 + (i % 3);
      for (const declared of variants(listed)) {
        const fromIndex = index.match({ personalId: null, verified: false, fullName: declared, dateOfBirth: `${year}-06-01`, sex: null }).map((h) => h.entry.id).sort((a, b) => a - b);
        const brute = names.map((n, j) => ({ n, id: j + 1, year: 1980 + (j % 3) }))
          .filter((e) => e.year === year && matchVietnameseName(declared, e.n)).map((e) => e.id);
        expect(fromIndex, `${declared} vs ${listed}`).toEqual(brute);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('matches a personal ID exactly, and never by name against a different proved ID', () => {
    const idx = new WatchlistIndex();
    idx.apply([row(1, 'Trịnh Văn Hùng', 1990, { personal_id: '001090007777', date_of_birth: '1990-08-08' })]);
    const guest = { fullName: 'Trịnh Văn Hùng', dateOfBirth: '1990-08-08', sex: null };
    expect(idx.match({ ...guest, personalId: '001090007777', verified: true }).map((h) => h.match)).toEqual(['personal_id']);
    expect(idx.match({ ...guest, personalId: '001090001111', verified: true })).toEqual([]);
    expect(idx.match({ ...guest, personalId: '001090001111', verified: false }).map((h) => h.match)).toEqual(['name_birth_date']);
  });

  it('forgets removed entries', () => {
    const idx = new WatchlistIndex();
    idx.apply([row(1, 'Lê Thị Vy', 1995)]);
    expect(idx.match({ personalId: null, verified: false, fullName: 'Le Thi Vi', dateOfBirth: '1995-02-02', sex: null })).toHaveLength(1);
    idx.apply([row(1, 'Lê Thị Vy', 1995, { active: false, revision: '9' })]);
    expect(idx.match({ personalId: null, verified: false, fullName: 'Le Thi Vi', dateOfBirth: '1995-02-02', sex: null })).toHaveLength(0);
    expect(idx.size).toBe(0);
    expect(idx.revision).toBe(9);
  });
});
