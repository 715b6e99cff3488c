/**
 * The bordered model table of the PDF report. Drawn by hand rather than with pdfkit's table helper
 * so that rows are measured before drawing, a row is never cut across pages, and the header row is
 * repeated at the top of every page the table runs onto, the way Word does with a header row.
 */
import { MODEL_COLUMNS_MM, SIZE, mmToPt } from './layout.js';
import { bottomY, setFont, topY, type PdfCtx } from './pdf-blocks.js';
import type { Cell } from './format.js';

const PAD_X = 3;
const PAD_Y = 3;
const LINE_GAP = 0.5;
const BORDER = 0.5;
const HEADER_FILL = '#F2F2F2';

export interface TableSpec {
  header: Cell[];
  rows: Cell[][];
}

const columnWidths = (ctx: PdfCtx): number[] => {
  const total = MODEL_COLUMNS_MM.reduce((a, b) => a + b, 0);
  return MODEL_COLUMNS_MM.map((mm) => (mmToPt(mm) / mmToPt(total)) * ctx.width);
};

function cellHeight(ctx: PdfCtx, cell: Cell, width: number): number {
  const text = cell.reduce((sum, para) => {
    setFont(ctx, para.style, SIZE.table);
    return sum + ctx.doc.heightOfString(para.text || ' ', { width: width - 2 * PAD_X, lineGap: LINE_GAP });
  }, 0);
  return text + 2 * PAD_Y;
}

const rowHeight = (ctx: PdfCtx, cells: Cell[], widths: number[]): number =>
  Math.max(...cells.map((cell, i) => cellHeight(ctx, cell, widths[i])));

/**
 * Writes a cell's paragraphs from its top; stops at `limit` so an oversized cell is cut short on
 * its page (pdfkit's `height` option also keeps it from opening a page of its own).
 */
function drawCellText(ctx: PdfCtx, cell: Cell, x: number, y: number, width: number, limit: number): void {
  let cursor = y + PAD_Y;
  for (const para of cell) {
    const room = limit - cursor;
    if (room < 4) return;
    setFont(ctx, para.style, SIZE.table);
    if (para.color) ctx.doc.fillColor(`#${para.color}`);
    const options = { width: width - 2 * PAD_X, lineGap: LINE_GAP, align: para.align ?? 'left' } as const;
    const h = ctx.doc.heightOfString(para.text || ' ', options);
    ctx.doc.text(para.text, x + PAD_X, cursor, { ...options, height: Math.min(h + 1, room), ellipsis: h + 1 > room });
    cursor += h;
  }
}

function drawRow(ctx: PdfCtx, cells: Cell[], widths: number[], y: number, height: number, fill?: string): void {
  let x = ctx.left;
  cells.forEach((cell, i) => {
    if (fill) ctx.doc.save().rect(x, y, widths[i], height).fill(fill).restore();
    ctx.doc.save().lineWidth(BORDER).strokeColor('black').rect(x, y, widths[i], height).stroke().restore();
    drawCellText(ctx, cell, x, y, widths[i], y + height);
    x += widths[i];
  });
}

function newPage(ctx: PdfCtx): number {
  ctx.doc.addPage();
  return topY(ctx);
}

/**
 * Draws the table from the current position. A row that does not fit the rest of the page moves to
 * the next page under a repeated header; a row taller than a whole page is cut to the page.
 */
export function drawTable(ctx: PdfCtx, table: TableSpec): void {
  const widths = columnWidths(ctx);
  const headerH = rowHeight(ctx, table.header, widths);
  let y = ctx.doc.y;
  const firstRowH = table.rows.length > 0 ? rowHeight(ctx, table.rows[0], widths) : 0;
  if (y + headerH + Math.min(firstRowH, 60) > bottomY(ctx)) y = newPage(ctx);
  drawRow(ctx, table.header, widths, y, headerH, HEADER_FILL);
  y += headerH;

  for (const cells of table.rows) {
    const maxRow = bottomY(ctx) - topY(ctx) - headerH;
    const h = Math.min(rowHeight(ctx, cells, widths), maxRow);
    if (y + h > bottomY(ctx)) {
      y = newPage(ctx);
      drawRow(ctx, table.header, widths, y, headerH, HEADER_FILL);
      y += headerH;
    }
    drawRow(ctx, cells, widths, y, h);
    y += h;
  }
  ctx.doc.fillColor('black');
  ctx.doc.x = ctx.left;
  ctx.doc.y = y + 10;
}
