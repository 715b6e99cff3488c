/**
 * Turns a MonthlyReport into the words and emphasis both renderers print, so the Word and PDF
 * files can never disagree on what a cell or a line says; only how it is drawn differs.
 */
import { formatIsoDate, formatNumber } from '../../../platform/format.js';
import type { FontStyle } from '../../../platform/pdf-fonts.js';
import { OVERDUE_COLOR } from './layout.js';
import type { MonthlyReport, ReportChart, ReportIndicator, ReportModelRow } from './types.js';

/** The cuts of the serif family (platform/pdf-fonts.ts) a line may be set in. */
export type TextStyle = FontStyle;

/** One paragraph inside a table cell or a block, with one style for the whole line. */
export interface Para {
  text: string;
  style: TextStyle;
  /** Hex RGB without '#', when the text must stand out (overdue models). */
  color?: string;
  align?: 'left' | 'center' | 'right';
}

export type Cell = Para[];

export const SECTION_HEADINGS = {
  general: 'I. KẾT QUẢ CHUNG',
  models: 'II. KẾT QUẢ TRIỂN KHAI CÁC MÔ HÌNH',
  problems: 'III. KHÓ KHĂN, VƯỚNG MẮC VÀ ĐỀ XUẤT',
  nextTasks: 'IV. NHIỆM VỤ THÁNG TỚI',
} as const;

export const MODEL_TABLE_HEADER = ['STT', 'Mô hình', 'Đơn vị chủ trì', 'Tiến độ', 'Chỉ số', 'Khó khăn, vướng mắc'] as const;

export const NATIONAL_MOTTO = { name: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', motto: 'Độc lập - Tự do - Hạnh phúc' } as const;

export const RECIPIENTS_HEADING = 'Nơi nhận:';

/** Said where a section would otherwise be left blank, so a reader knows nothing was omitted. */
export const NOTHING_REPORTED = 'Không có nội dung báo cáo.';

/** Upper-cases with the Vietnamese locale so letters like "đ" become "Đ". */
export const upper = (text: string): string => text.toLocaleUpperCase('vi-VN');

/** Vietnamese number notation, the same as on screen (src/platform/format.ts): "1.234" and "12,5". */
export const formatCount = (value: number): string => formatNumber(value, 1);

/** Shows ISO dates the way Vietnamese documents write them (dd/MM/yyyy); leaves anything else as given. */
export const formatDeadline = (deadline: string): string => formatIsoDate(deadline);

/** The model's name, without repeating its number when the name already starts with "Mô hình <number>". */
export function modelTitle(row: ReportModelRow): string {
  const prefix = `mô hình ${row.number}`.toLocaleLowerCase('vi-VN');
  const name = row.name.trim();
  return name.toLocaleLowerCase('vi-VN').startsWith(prefix) ? name : `${row.number}. ${name}`;
}

/** A dash or em dash opening a label marks a detail of the line above it. */
const DETAIL_MARK = /^\s*[-–—]\s*/;

/**
 * One indicator as a line of the table: "- label: value (origin)", and a detail of the indicator
 * above as "+ label: ..." the way administrative documents nest their lists, never "- — label".
 * A value that could not be computed (a share of nothing, given as a dash) says so in words.
 */
export function indicatorLine(indicator: ReportIndicator): string {
  const origin = indicator.kind === 'platform'
    ? '(tự động)'
    : indicator.source.trim() ? `(nhập tay: ${indicator.source.trim()})` : '(nhập tay)';
  const detail = DETAIL_MARK.test(indicator.label);
  const label = indicator.label.replace(DETAIL_MARK, '');
  const value = indicator.value.trim().replace(/\([-–—]\)/g, '(chưa có số liệu)').replace(/^[-–—]?(?=\s|$)/, (dash) => (dash || !indicator.value.trim() ? 'chưa có số liệu' : ''));
  return `${detail ? '+' : '-'} ${label}: ${value} ${origin}`;
}

/** Moved to the platform's formatter, where the services papers use it too; re-exported for the report's callers. */
export { documentDateWords } from '../../../platform/format.js';

function modelCell(row: ReportModelRow): Cell {
  const cell: Cell = [{ text: modelTitle(row), style: 'regular' }];
  // The plan's own number leads, as on screen; the national number is added only where it differs.
  if (row.national !== null && String(row.national) !== row.number) cell.push({ text: `[Mô hình số ${row.national} toàn quốc]`, style: 'italic' });
  return cell;
}

function statusCell(row: ReportModelRow): Cell {
  const overdue = row.status === 'overdue';
  const cell: Cell = [{ text: row.statusLabel, style: overdue ? 'bold' : 'regular', color: overdue ? OVERDUE_COLOR : undefined, align: 'center' }];
  if (row.deadline) cell.push({ text: `Hạn: ${formatDeadline(row.deadline)}`, style: 'italic', align: 'center' });
  return cell;
}

function indicatorsCell(row: ReportModelRow): Cell {
  if (row.indicators.length === 0) return [{ text: 'Chưa có chỉ số', style: 'italic' }];
  return row.indicators.map((indicator) => ({ text: indicatorLine(indicator), style: 'regular' as const }));
}

/** The cells of one model row, in the order of MODEL_TABLE_HEADER. */
export function modelRowCells(row: ReportModelRow, index: number): Cell[] {
  return [
    [{ text: String(index + 1), style: 'regular', align: 'center' }],
    modelCell(row),
    [{ text: row.leadUnit, style: 'regular' }],
    statusCell(row),
    indicatorsCell(row),
    [{ text: row.problems.trim() || 'Không', style: 'regular' }],
  ];
}

export function highlightLines(report: MonthlyReport): string[] {
  if (report.highlights.length === 0) return [NOTHING_REPORTED];
  return report.highlights.map((h) => `- ${h.label}: ${h.value}.`.replace(/\.\.$/, '.'));
}

/** Paragraphs of a free-text section, or a single line saying there is nothing to report. */
export const sectionParagraphs = (paragraphs: string[]): string[] => {
  const kept = paragraphs.map((p) => p.trim()).filter((p) => p.length > 0);
  return kept.length > 0 ? kept : [NOTHING_REPORTED];
};

export const chartCaption = (chart: ReportChart, index: number): string => `Biểu đồ ${index + 1}. ${chart.title}`;

export const chartUnitLine = (chart: ReportChart): string => `(Đơn vị tính: ${chart.unit})`;

/**
 * Recipient lines as Phụ lục I writes them: "- Name;" and the last one closed by a full stop
 * (conventionally "- Lưu: VT, ..."). Leading dashes and trailing punctuation already typed are kept once.
 */
export function recipientLines(recipients: string[]): string[] {
  const cleaned = recipients.map((r) => r.trim().replace(/^[-–]\s*/, '').replace(/[;.,]+$/, '')).filter((r) => r.length > 0);
  return cleaned.map((r, i) => `- ${r}${i === cleaned.length - 1 ? '.' : ';'}`);
}
