/**
 * Horizontal bar charts drawn as vector shapes in the PDF: crisp at any zoom and searchable, since
 * the labels and values are real text. Each bar is a row: label on the left, bar, then the value.
 */
import { BAR_COLOR, SIZE } from './layout.js';
import { bottomY, centredLine, ensureSpace, setFont, topY, type PdfCtx } from './pdf-blocks.js';
import { chartCaption, chartUnitLine, formatCount, NOTHING_REPORTED } from './format.js';
import type { ReportChart } from './types.js';

const LABEL_SHARE = 0.4;
const GAP = 6;
const VALUE_WIDTH = 56;
const ROW_PAD = 3;
const BAR_MAX_HEIGHT = 14;

const safeValue = (value: number): number => (Number.isFinite(value) && value > 0 ? value : 0);

interface ChartGeometry {
  labelW: number;
  axisX: number;
  span: number;
  max: number;
}

function geometry(ctx: PdfCtx, chart: ReportChart): ChartGeometry {
  const labelW = ctx.width * LABEL_SHARE;
  const axisX = ctx.left + labelW + GAP;
  return { labelW, axisX, span: ctx.width - labelW - GAP * 2 - VALUE_WIDTH, max: Math.max(0, ...chart.bars.map((b) => safeValue(b.value))) };
}

function barRowHeight(ctx: PdfCtx, label: string, g: ChartGeometry): number {
  setFont(ctx, 'regular', SIZE.table);
  return Math.max(ctx.doc.heightOfString(label, { width: g.labelW }), BAR_MAX_HEIGHT) + ROW_PAD * 2;
}

function drawBar(ctx: PdfCtx, bar: ReportChart['bars'][number], g: ChartGeometry, y: number, rowH: number): void {
  const { doc } = ctx;
  setFont(ctx, 'regular', SIZE.table);
  const labelH = doc.heightOfString(bar.label, { width: g.labelW });
  doc.text(bar.label, ctx.left, y + (rowH - labelH) / 2, { width: g.labelW, align: 'right', height: labelH + 1 });

  const barH = Math.min(BAR_MAX_HEIGHT, rowH - ROW_PAD * 2);
  const barY = y + (rowH - barH) / 2;
  const length = g.max > 0 ? (safeValue(bar.value) / g.max) * g.span : 0;
  if (length > 0) doc.save().rect(g.axisX, barY, length, barH).fill(`#${BAR_COLOR}`).restore();
  // The axis is drawn per row so it stays whole when the chart continues on the next page.
  doc.save().lineWidth(0.8).strokeColor('#333333').moveTo(g.axisX, y).lineTo(g.axisX, y + rowH).stroke().restore();

  const value = formatCount(safeValue(bar.value));
  const valueH = doc.currentLineHeight();
  doc.text(value, g.axisX + length + 4, y + (rowH - valueH) / 2, { width: VALUE_WIDTH + g.span - length, height: valueH + 1, lineBreak: false });
}

/** Caption, unit line and bars; the caption is kept on the same page as the first bars. */
export function drawChart(ctx: PdfCtx, chart: ReportChart, index: number): void {
  const g = geometry(ctx, chart);
  const firstRows = chart.bars.slice(0, 3).reduce((sum, b) => sum + barRowHeight(ctx, b.label, g), 0);
  ensureSpace(ctx, 44 + firstRows);
  ctx.doc.moveDown(0.5);
  centredLine(ctx, chartCaption(chart, index), 'bold', SIZE.header);
  centredLine(ctx, chartUnitLine(chart), 'italic', SIZE.table, 4);
  if (chart.bars.length === 0) {
    centredLine(ctx, NOTHING_REPORTED, 'italic', SIZE.table, 6);
    return;
  }

  let y = ctx.doc.y;
  for (const bar of chart.bars) {
    const rowH = barRowHeight(ctx, bar.label, g);
    if (y + rowH > bottomY(ctx)) {
      ctx.doc.addPage();
      y = topY(ctx);
    }
    drawBar(ctx, bar, g, y, rowH);
    y += rowH;
  }
  ctx.doc.x = ctx.left;
  ctx.doc.y = y + 10;
}
