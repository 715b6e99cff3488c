import type { OfficerCaller } from '../../platform/access.js';
import { csvLine } from '../../platform/csv.js';
import writeXlsxFile, { type Row as SheetRow } from 'write-excel-file/node';
import type { Db } from '../../platform/db.js';
import type { LinkResult } from './engine.js';
import { KNOWN_COLUMNS, digitsOf, type ListRow } from './input.js';
import { PERSON_FLAGS, QualityAccumulator, type QualityFigures, type QualityReport } from './quality.js';
import { createQualityStore } from './quality-store.js';
import { MESSAGES, message } from './messages.js';
import type { RunRow } from './store.js';

export interface QualityDeps {
  db: Db;
  /** A finished run of the caller's province (throws LINKAGE_RUN_NOT_FOUND / LINKAGE_RUN_NOT_DONE). */
  doneRun: (caller: OfficerCaller, id: number) => Promise<RunRow>;
}

type CommuneFigures = QualityFigures & { communeCode: string | null; communeName: string | null };

export interface QualityView extends Omit<QualityReport, 'byPersonCommune' | 'byListCommune'> {
  runId: number;
  source: string;
  byPersonCommune: CommuneFigures[];
  byListCommune: CommuneFigures[];
}

/** The identifier a row points at: the person it was matched to (or the review's candidate), else the ID it gives that was not found among the province's living people. */
function pointedId(result: LinkResult, row: ListRow): string | undefined {
  if (result.personalId) return result.personalId;
  if (result.reasons.includes('personal_id:not_found')) return digitsOf(row.fields.personal_id);
  if (result.reasons.includes('legacy_id:not_found')) return digitsOf(row.fields.legacy_id);
  return undefined;
}

/**
 * Adds `person:deceased` / `person:moved_out` to the reasons of each result whose person the registry records
 * as dead or moved out of the province, so the sector sees it in the results (JSON and CSV). The registry's
 * index of a run holds only the province's living residents, so such a row is usually unmatched with
 * `personal_id:not_found`: the flag says why.
 */
export async function flagPeople(db: Db, provinceCode: string, results: LinkResult[], rows: readonly ListRow[]): Promise<void> {
  const store = createQualityStore(db);
  const pointed = results.map((r, i) => pointedId(r, rows[i]));
  for (let i = 0; i < results.length; i += 10_000) {
    const ids = pointed.slice(i, i + 10_000).filter((x): x is string => !!x);
    const flags = await store.unsafePersonFlags(provinceCode, ids);
    if (!flags.size) continue;
    for (let k = i; k < Math.min(i + 10_000, results.length); k++) {
      const f = pointed[k] === undefined ? undefined : flags.get(pointed[k]!);
      if (f?.deceased) results[k].reasons.push(PERSON_FLAGS.deceased);
      if (f?.movedOut) results[k].reasons.push(PERSON_FLAGS.movedOut);
    }
  }
}

/** The quality report of a finished run, as JSON and as the per-commune CSV. */
export function createLinkageQuality(deps: QualityDeps) {
  const store = createQualityStore(deps.db);

  async function reportOf(run: RunRow): Promise<QualityView> {
    const acc = new QualityAccumulator();
    for await (const page of store.rows(Number(run.id))) for (const r of page) acc.add(r);
    const report = acc.report();
    const codes = [...new Set([...report.byPersonCommune, ...report.byListCommune].map((c) => c.communeCode).filter((c): c is string => c !== null))];
    const names = await store.communeNames(codes);
    const named = (c: QualityFigures & { communeCode: string | null }) => ({ ...c, communeName: c.communeCode === null ? null : (names.get(c.communeCode) ?? null) });
    return { runId: Number(run.id), source: run.source, ...report, byPersonCommune: report.byPersonCommune.map(named), byListCommune: report.byListCommune.map(named) };
  }

  return {
    /** The operations centre's data-cleaning figure (models 34–36): each source's latest finished run in a province by `before`. */
    latestPerSource: (provinceCode: string, before: Date) => store.latestRuns(provinceCode, before),

    async report(caller: OfficerCaller, id: number): Promise<QualityView> {
      return reportOf(await deps.doneRun(caller, id));
    },

    /** One line for the list, then one per commune of the person, then one per commune the rows give. */
    async csv(caller: OfficerCaller, id: number): Promise<Buffer> {
      const { header, rows } = qualityTable(await reportOf(await deps.doneRun(caller, id)));
      const lines = [csvLine(header), ...rows.map((r) => csvLine(r))];
      return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
    },

    /** The same table as a spreadsheet for Excel: Vietnamese column titles, counts as numbers, shares as percentages. */
    async xlsx(caller: OfficerCaller, id: number): Promise<Buffer> {
      return qualitySpreadsheet(await reportOf(await deps.doneRun(caller, id)));
    },
  };
}

export type LinkageQuality = ReturnType<typeof createLinkageQuality>;

const COLUMN_LABEL = {
  personal_id: 'LINKAGE_COLUMN_PERSONAL_ID', legacy_id: 'LINKAGE_COLUMN_LEGACY_ID', full_name: 'LINKAGE_COLUMN_FULL_NAME',
  date_of_birth: 'LINKAGE_COLUMN_DATE_OF_BIRTH', sex: 'LINKAGE_COLUMN_SEX', address: 'LINKAGE_COLUMN_ADDRESS',
  commune_code: 'LINKAGE_COLUMN_COMMUNE_CODE', phone: 'LINKAGE_COLUMN_PHONE',
} as const satisfies Record<(typeof KNOWN_COLUMNS)[number], keyof typeof MESSAGES>;

/** The lines of `qualityTable`, written for people: titles in Vietnamese, shares as percentages (Excel shows them in the reader's locale). */
async function qualitySpreadsheet(q: QualityView): Promise<Buffer> {
  const titles = [
    MESSAGES.LINKAGE_XLSX_BASIS, MESSAGES.LINKAGE_XLSX_COMMUNE_CODE, MESSAGES.LINKAGE_XLSX_COMMUNE_NAME, MESSAGES.LINKAGE_XLSX_ROWS,
    MESSAGES.LINKAGE_XLSX_MATCHED, MESSAGES.LINKAGE_XLSX_REVIEW, MESSAGES.LINKAGE_XLSX_UNMATCHED,
    ...KNOWN_COLUMNS.map((f) => message('LINKAGE_XLSX_COMPLETE', { field: MESSAGES[COLUMN_LABEL[f]] })),
    MESSAGES.LINKAGE_XLSX_DOB_FULL, MESSAGES.LINKAGE_XLSX_DOB_MONTH_YEAR, MESSAGES.LINKAGE_XLSX_DOB_YEAR,
    MESSAGES.LINKAGE_XLSX_DUPLICATES, MESSAGES.LINKAGE_XLSX_DECEASED, MESSAGES.LINKAGE_XLSX_MOVED_OUT,
  ];
  const basis: Record<string, string> = {
    list: MESSAGES.LINKAGE_XLSX_BASIS_LIST, person_commune: MESSAGES.LINKAGE_XLSX_BASIS_PERSON, list_commune: MESSAGES.LINKAGE_XLSX_BASIS_ROW,
  };
  const { header, rows } = qualityTable(q);
  const share = new Set(header.flatMap((h, i) => (h.endsWith('_complete') ? [i] : [])));
  const data: SheetRow[] = [
    titles.map((value) => ({ value, fontWeight: 'bold' as const, wrap: true })),
    ...rows.map((r) => r.map((value, i) => {
      if (i === 0) return { value: basis[value as string] ?? String(value) };
      if (typeof value === 'number') return share.has(i) ? { value, type: Number, format: '0.0%' } : { value, type: Number, format: '#,##0' };
      return value === '' ? null : { value, type: String };
    })),
  ];
  return writeXlsxFile(data, {
    sheet: MESSAGES.LINKAGE_XLSX_SHEET, stickyRowsCount: 1,
    columns: titles.map((_, i) => ({ width: i === 0 ? 28 : i === 2 ? 24 : 14 })),
  }).toBuffer();
}

/**
 * The quality report as one table, whatever file it is written to (the CSV; a spreadsheet later): a line for the
 * list, then one per commune of the person matched, then one per commune code the rows give.
 */
export function qualityTable(q: QualityView): { header: string[]; rows: (string | number)[][] } {
  const header = ['basis', 'commune_code', 'commune_name', 'rows', 'matched', 'review', 'unmatched', ...KNOWN_COLUMNS.map((f) => `${f}_complete`),
    'dob_full', 'dob_month_year', 'dob_year_only', 'duplicate_rows', 'deceased', 'moved_out'];
  const line = (basis: string, c: CommuneFigures | QualityFigures) => [
    basis, 'communeCode' in c ? (c.communeCode ?? '') : '', 'communeName' in c ? (c.communeName ?? '') : '', c.rows, c.matched, c.review, c.unmatched,
    ...c.completeness.map((x) => x.share), c.dateOfBirth.full, c.dateOfBirth.monthYear, c.dateOfBirth.yearOnly, c.duplicateRows, c.deceased, c.movedOut,
  ];
  return { header, rows: [line('list', q.overall), ...q.byPersonCommune.map((c) => line('person_commune', c)), ...q.byListCommune.map((c) => line('list_commune', c))] };
}
