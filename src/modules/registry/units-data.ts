/**
 * Administrative-unit code lists (data/units/*.csv, built by scripts/build-units-data.py; see
 * data/SOURCES.md). Two schemes that must never be compared without the link table:
 *  - 'pre2025': 63 provinces → 696 districts → 10,035 communes (GSO codes, state of 01/03/2025),
 *    valid until 30/06/2025;
 *  - '2025': 34 provinces → 3,321 communes (QĐ 19/2025/QĐ-TTg), valid from 01/07/2025, with the
 *    later type changes of NQ 237/NQ-UBTVQH16 and NQ 30/2026/QH16 (Đồng Nai) applied; codes unchanged.
 * A surviving code can name a different unit in the two schemes ('15' = Yên Bái / Lào Cai).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsvRecord } from '../../platform/csv.js';

export type UnitScheme = 'pre2025' | '2025';
export type UnitLevel = 'province' | 'district' | 'commune';

export interface UnitRow {
  scheme: UnitScheme;
  code: string;
  level: UnitLevel;
  name: string;
  fullName: string;
  type: string;
  parentCode: string | null;
  provinceCode: string;
}

/**
 * Old (pre2025) → new (2025) unit. 'province' and 'commune' link units of the same level;
 * 'district' is used only for the 5 island districts that had no communes (Bạch Long Vĩ, Cồn Cỏ,
 * Hoàng Sa, Lý Sơn, Côn Đảo) and became đặc khu (commune level) in 2025.
 * kind 'full': the whole old unit went into the new one; 'partial': only part of it did.
 */
export interface UnitLinkRow {
  level: 'province' | 'district' | 'commune';
  oldCode: string;
  newCode: string;
  kind: 'full' | 'partial';
}

/**
 * effectiveFrom of 'pre2025' is the state date of the list (01/03/2025, last change before the
 * reform); earlier district/commune mergers (2019–2025) are not modelled.
 */
export const SCHEMES: Record<UnitScheme, { name: string; effectiveFrom: string; effectiveTo: string | null }> = {
  pre2025: {
    name: 'Danh mục ĐVHC 3 cấp (63 tỉnh/thành phố, trạng thái 01/03/2025)',
    effectiveFrom: '2025-03-01',
    effectiveTo: '2025-06-30',
  },
  '2025': {
    name: 'Danh mục ĐVHC 2 cấp (34 tỉnh/thành phố, QĐ 19/2025/QĐ-TTg)',
    effectiveFrom: '2025-07-01',
    effectiveTo: null,
  },
};

const DATA_DIR = fileURLToPath(new URL('../../../data/units/', import.meta.url));
const FILES: Record<UnitScheme, string> = { pre2025: 'units-pre2025.csv', '2025': 'units-2025.csv' };
const UNIT_COLUMNS = ['code', 'level', 'name', 'full_name', 'type', 'parent_code', 'province_code'];
const LINK_COLUMNS = ['level', 'old_code', 'new_code', 'kind'];
const LEVELS: ReadonlySet<string> = new Set(['province', 'district', 'commune']);

/** The shipped unit files: one record per line (no line breaks inside fields), strict quoting. */
export function parseCsv(text: string, file = 'csv'): string[][] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((line, i) => {
    const fields = line.includes('\r') ? null : parseCsvRecord(line);
    if (!fields) throw new Error(`${file}: malformed row ${i + 1}`);
    return fields;
  });
}

function readTable(fileName: string, columns: string[]): string[][] {
  const rows = parseCsv(readFileSync(DATA_DIR + fileName, 'utf8'), fileName);
  const header = rows.shift();
  if (!header || header.join(',') !== columns.join(',')) {
    throw new Error(`${fileName}: unexpected header ${header?.join(',')}`);
  }
  rows.forEach((r, idx) => {
    if (r.length !== columns.length) throw new Error(`${fileName}: row ${idx + 2} has ${r.length} fields`);
  });
  return rows;
}

const unitCache = new Map<UnitScheme, readonly UnitRow[]>();
let linkCache: readonly UnitLinkRow[] | null = null;

/** All units of one scheme (provinces, then districts, then communes; each sorted by code). */
export function loadUnitRows(scheme: UnitScheme): UnitRow[] {
  let rows = unitCache.get(scheme);
  if (!rows) {
    if (!(scheme in FILES)) throw new Error(`unknown unit scheme ${String(scheme)}`);
    rows = readTable(FILES[scheme], UNIT_COLUMNS).map(([code, level, name, fullName, type, parent, province]) => {
      if (!LEVELS.has(level)) throw new Error(`${FILES[scheme]}: bad level ${level} for ${code}`);
      return Object.freeze({
        scheme,
        code,
        level: level as UnitLevel,
        name,
        fullName,
        type,
        parentCode: parent === '' ? null : parent,
        provinceCode: province,
      });
    });
    unitCache.set(scheme, rows);
  }
  return rows.slice();
}

/** Old→new links between the 'pre2025' and '2025' schemes (many-to-many for communes). */
export function loadUnitLinks(): UnitLinkRow[] {
  if (!linkCache) {
    linkCache = readTable('unit-links.csv', LINK_COLUMNS).map(([level, oldCode, newCode, kind]) => {
      if (!LEVELS.has(level) || (kind !== 'full' && kind !== 'partial')) {
        throw new Error(`unit-links.csv: bad row ${level},${oldCode},${newCode},${kind}`);
      }
      return Object.freeze({ level: level as UnitLinkRow['level'], oldCode, newCode, kind });
    });
  }
  return linkCache.slice();
}
