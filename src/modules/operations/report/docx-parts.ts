/**
 * Building blocks of the Word report: runs and paragraphs that always carry Times New Roman and an
 * explicit size (so the document keeps its look when pasted into another template), short rules,
 * borderless layout tables and the bordered data tables.
 */
import {
  AlignmentType, BorderStyle, LineRuleType, Paragraph, ShadingType, Table, TableBorders, TableCell, TableLayoutType,
  TableRow, TextRun, VerticalAlign, WidthType,
} from 'docx';
import { FIRST_LINE_INDENT_MM, SIZE, TEXT_WIDTH_MM, estimateTextWidthMm, mmToTwip } from './layout.js';
import type { Cell, Para, TextStyle } from './format.js';

export const FONT = 'Times New Roman';

/** Word's default left and right cell margins (0.19 cm), which eat into a cell's text width. */
const CELL_MARGIN_TWIP = 108;

type Align = (typeof AlignmentType)[keyof typeof AlignmentType];

const ALIGN: Record<NonNullable<Para['align']>, Align> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
};

export interface RunSpec {
  style?: TextStyle;
  /** Points; Word stores twice this value. */
  size?: number;
  color?: string;
}

export function run(text: string, spec: RunSpec = {}): TextRun {
  const style = spec.style ?? 'regular';
  return new TextRun({
    text,
    font: FONT,
    size: (spec.size ?? SIZE.body) * 2,
    // Only set when on: an explicit "off" would override a style the user applies later in Word.
    bold: style === 'bold' || style === 'boldItalic' || undefined,
    italics: style === 'italic' || style === 'boldItalic' || undefined,
    color: spec.color,
    language: { value: 'vi-VN' },
  });
}

/** A single-line paragraph with no extra spacing, for header, closing and table cells. */
export function line(text: string, spec: RunSpec & { align?: Para['align']; before?: number; after?: number; keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: ALIGN[spec.align ?? 'center'],
    keepNext: spec.keepNext || undefined,
    spacing: { before: spec.before ?? 0, after: spec.after ?? 0 },
    children: [run(text, spec)],
  });
}

/** A justified body paragraph with the first-line indent and spacing of Phụ lục I. */
export function bodyParagraph(text: string, spec: RunSpec & { keepNext?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    keepNext: spec.keepNext || undefined,
    indent: { firstLine: mmToTwip(FIRST_LINE_INDENT_MM) },
    spacing: { before: 0, after: 120, line: 288, lineRule: LineRuleType.AUTO },
    children: [run(text, spec)],
  });
}

export function sectionHeading(text: string): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: mmToTwip(FIRST_LINE_INDENT_MM) },
    spacing: { before: 120, after: 120 },
    keepNext: true,
    children: [run(text, { style: 'bold' })],
  });
}

/**
 * A horizontal rule of `lengthMm`, centred in a space `spaceMm` wide: an empty paragraph whose top
 * border is shortened by equal indents. Word has no simpler way to draw a line that moves with text.
 */
export function rule(lengthMm: number, spaceMm: number, insideCell: boolean): Paragraph {
  const available = mmToTwip(spaceMm) - (insideCell ? 2 * CELL_MARGIN_TWIP : 0);
  const indent = Math.max(0, Math.round((available - mmToTwip(lengthMm)) / 2));
  return new Paragraph({
    indent: { left: indent, right: indent },
    spacing: { before: 0, after: 0, line: 120, lineRule: LineRuleType.EXACT },
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [],
  });
}

/** Length of the rule under a line of text: as long as it (`share` 1) or a fraction of it. */
export function ruleUnder(text: string, sizePt: number, share: number, spaceMm: number, minMm = 15): number {
  return Math.min(spaceMm * 0.9, Math.max(minMm, estimateTextWidthMm(text, sizePt, true) * share));
}

/** A table used only for placing blocks side by side, as in the header and the signature area. */
export function layoutTable(columnsMm: number[], rows: Paragraph[][][]): Table {
  return new Table({
    width: { size: mmToTwip(TEXT_WIDTH_MM), type: WidthType.DXA },
    columnWidths: columnsMm.map(mmToTwip),
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: rows.map((cells) => new TableRow({
      cantSplit: true,
      children: cells.map((children, i) => new TableCell({
        width: { size: mmToTwip(columnsMm[i]), type: WidthType.DXA },
        children: children.length > 0 ? children : [new Paragraph({})],
      })),
    })),
  });
}

function cellParagraphs(cell: Cell, size: number): Paragraph[] {
  const paras = cell.map((para) => line(para.text, { style: para.style, color: para.color, align: para.align ?? 'left', size }));
  return paras.length > 0 ? paras : [new Paragraph({})];
}

/**
 * A bordered data table whose first row is marked as a header row, so Word repeats it at the top
 * of every page the table runs onto.
 */
export function dataTable(columnsMm: readonly number[], header: Cell[], rows: Cell[][], size: number = SIZE.table): Table {
  const makeRow = (cells: Cell[], isHeader: boolean): TableRow => new TableRow({
    tableHeader: isHeader || undefined,
    children: cells.map((cell, i) => new TableCell({
      width: { size: mmToTwip(columnsMm[i]), type: WidthType.DXA },
      verticalAlign: isHeader ? VerticalAlign.CENTER : VerticalAlign.TOP,
      shading: isHeader ? { fill: 'F2F2F2', type: ShadingType.CLEAR, color: 'auto' } : undefined,
      margins: { top: 40, bottom: 40 },
      children: cellParagraphs(cell, size),
    })),
  });
  return new Table({
    width: { size: mmToTwip(columnsMm.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    columnWidths: columnsMm.map(mmToTwip),
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    rows: [makeRow(header, true), ...rows.map((cells) => makeRow(cells, false))],
  });
}
