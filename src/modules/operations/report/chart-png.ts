/**
 * Draws a horizontal bar chart as a PNG for the Word report. Word cannot draw charts from data
 * without a chart part that many viewers ignore, so the chart is a picture: drawn at 300 dpi for its
 * printed width, with the bar labels, values and a value axis set in the report's own serif font
 * (Liberation Serif or DejaVu Serif, checked for Vietnamese letters by platform/pdf-fonts.ts) and numbers
 * written the Vietnamese way (1.245). The PDF draws the same chart as vectors (pdf-chart.ts).
 */
import { BAR_COLOR, TEXT_WIDTH_MM } from './layout.js';
import { formatCount } from './format.js';
import { resolveSerifFonts, type FontFamily } from '../../../platform/pdf-fonts.js';
import { Canvas, RasterFont, hexToRgb, type Rgb } from './raster.js';
import type { ReportChart } from './types.js';

export interface ChartImage {
  data: Buffer;
  widthPx: number;
  heightPx: number;
  /** Resolution the picture is drawn for at `widthMm`. */
  dpi: number;
  /** Width the picture is meant to be printed at. */
  widthMm: number;
}

/** Print resolution of the pictures. */
export const CHART_DPI = 300;
/** The chart spans nine tenths of the text block, centred. */
export const CHART_WIDTH_MM = TEXT_WIDTH_MM * 0.9;

const px = (mm: number): number => Math.round((mm * CHART_DPI) / 25.4);
const ptPx = (pt: number): number => (pt * CHART_DPI) / 72;

/** Geometry in millimetres or points of the printed chart, turned into pixels at CHART_DPI. */
const G = {
  pad: px(2),
  labelSize: ptPx(11),
  valueSize: ptPx(11),
  axisSize: ptPx(10),
  barHeight: px(4.5),
  rowGap: px(2.6),
  gap: px(2),
  maxLabelShare: 0.4,
} as const;

const INK: Rgb = [33, 33, 33];
const MUTED: Rgb = [90, 90, 90];
const GRID: Rgb = [215, 215, 215];

/** Values are counts, but a negative or missing one must not break the drawing: it shows as an empty bar. */
const safeValue = (value: number): number => (Number.isFinite(value) && value > 0 ? value : 0);

/** A tick step of 1, 2, 2,5 or 5 times a power of ten giving at most four intervals; always a whole number, as values are counts. */
export function tickStep(max: number): number {
  if (max <= 4) return 1;
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough && Number.isInteger(s)) ?? 10 * power;
}

/** Breaks a label into at most two lines that fit `width`; the second is cut with an ellipsis if needed. */
function wrapLabel(font: RasterFont, label: string, width: number): string[] {
  if (font.width(label, G.labelSize) <= width) return [label];
  const words = label.split(/\s+/);
  let first = '';
  let i = 0;
  for (; i < words.length; i++) {
    const next = first ? `${first} ${words[i]}` : words[i];
    if (first && font.width(next, G.labelSize) > width) break;
    first = next;
  }
  let second = words.slice(i).join(' ');
  if (!second) return [first];
  while (second.length > 1 && font.width(`${second}…`, G.labelSize) > width) second = second.slice(0, -1).trimEnd();
  return [first, font.width(words.slice(i).join(' '), G.labelSize) <= width ? words.slice(i).join(' ') : `${second}…`];
}

/** Fonts opened once per file: parsing a TrueType file costs more than drawing a chart. */
const opened = new Map<string, RasterFont>();
const rasterFont = (path: string): RasterFont => {
  let font = opened.get(path);
  if (!font) opened.set(path, (font = new RasterFont(path)));
  return font;
};

/** Renders the chart with each bar's label on the left, its value after the bar and a value axis below. */
export function renderChartPng(chart: ReportChart, fontFamilies?: FontFamily[]): ChartImage {
  const fonts = resolveSerifFonts(fontFamilies);
  const regular = rasterFont(fonts.regular);
  const bold = rasterFont(fonts.bold);
  const width = px(CHART_WIDTH_MM);
  const { ascent, descent } = regular.metrics(G.labelSize);
  const lineH = (ascent + descent) * 1.02;

  const values = chart.bars.map((b) => safeValue(b.value));
  const max = Math.max(0, ...values);
  const step = tickStep(max);
  const axisMax = Math.max(step, Math.ceil(max / step) * step);
  const valueTexts = values.map(formatCount);
  const valueW = Math.max(regular.width(formatCount(axisMax), G.valueSize), ...valueTexts.map((t) => bold.width(t, G.valueSize))) + G.gap;

  const labelRoom = width * G.maxLabelShare;
  const labels = chart.bars.map((b) => wrapLabel(regular, b.label, labelRoom));
  const labelW = Math.min(labelRoom, Math.max(0, ...labels.flat().map((l) => regular.width(l, G.labelSize))));
  const axisX = G.pad + labelW + G.gap;
  const span = width - axisX - valueW - G.gap - G.pad;
  const rowH = labels.map((lines) => Math.max(lines.length * lineH, G.barHeight) + G.rowGap);
  const barsH = rowH.reduce((a, b) => a + b, 0);
  const axisLabelH = lineH;
  const height = Math.ceil(G.pad + Math.max(barsH, lineH) + G.gap + axisLabelH + G.pad);

  const canvas = new Canvas(width, height);
  const top = G.pad;
  const axisY = top + Math.max(barsH, lineH);
  for (let tick = 0; tick <= axisMax; tick += step) {
    const x = axisX + (tick / axisMax) * span;
    if (tick > 0) canvas.fillRect(x - 1, top, 3, axisY - top, GRID);
    canvas.fillRect(x - 1, axisY, 3, G.gap / 2, MUTED);
    canvas.text(regular, formatCount(tick), x, axisY + G.gap + ascent, G.axisSize, MUTED, 'center');
  }

  const barColor = hexToRgb(BAR_COLOR);
  let y = top;
  chart.bars.forEach((_, i) => {
    const centre = y + rowH[i] / 2;
    const lines = labels[i];
    const firstBaseline = centre - (lines.length * lineH) / 2 + ascent;
    lines.forEach((line, k) => canvas.text(regular, line, axisX - G.gap, firstBaseline + k * lineH, G.labelSize, INK, 'right'));
    const length = (values[i] / axisMax) * span;
    canvas.fillRect(axisX, centre - G.barHeight / 2, length, G.barHeight, barColor);
    canvas.text(bold, valueTexts[i], axisX + length + G.gap, centre - (ascent + descent) / 2 + ascent, G.valueSize, INK, 'left');
    y += rowH[i];
  });
  canvas.fillRect(axisX - 2, top, 3, axisY - top + 1, INK);
  canvas.fillRect(axisX - 2, axisY, span + 3, 3, INK);

  return { data: canvas.toPng(CHART_DPI), widthPx: width, heightPx: height, dpi: CHART_DPI, widthMm: CHART_WIDTH_MM };
}
