/**
 * Draws a horizontal bar chart as a PNG for the Word report. Word cannot draw charts from data
 * without a chart part that many viewers ignore, so the chart is a picture; its bar labels go in a
 * caption table next to it (render-docx.ts), while the picture carries only the bar numbers and
 * values, drawn with a tiny built-in digit font so no system font or canvas library is needed.
 */
import { PNG } from 'pngjs';
import { BAR_COLOR } from './layout.js';
import { formatCount } from './format.js';
import type { ReportChart } from './types.js';

export interface ChartImage {
  data: Buffer;
  widthPx: number;
  heightPx: number;
}

type Rgb = readonly [number, number, number];

/** 5×7 glyphs, one number per row, most significant of the 5 bits on the left. */
const GLYPHS: Record<string, readonly number[]> = {
  '0': [14, 17, 19, 21, 25, 17, 14],
  '1': [4, 12, 4, 4, 4, 4, 14],
  '2': [14, 17, 1, 2, 4, 8, 31],
  '3': [30, 1, 1, 14, 1, 1, 30],
  '4': [2, 6, 10, 18, 31, 2, 2],
  '5': [31, 16, 30, 1, 1, 17, 14],
  '6': [6, 8, 16, 30, 17, 17, 14],
  '7': [31, 1, 2, 4, 8, 8, 8],
  '8': [14, 17, 17, 14, 17, 17, 14],
  '9': [14, 17, 17, 15, 1, 2, 12],
  '.': [0, 0, 0, 0, 0, 12, 12],
  ',': [0, 0, 0, 0, 12, 4, 8],
  '-': [0, 0, 0, 31, 0, 0, 0],
};

/** Geometry in image pixels; the image is drawn large and shown smaller, so it stays sharp in print. */
const G = {
  width: 1200,
  pad: 24,
  barHeight: 56,
  barGap: 28,
  glyphScale: 5,
  indexColumn: 110,
  valueColumn: 260,
} as const;

const WHITE: Rgb = [255, 255, 255];
const INK: Rgb = [33, 33, 33];
const GRID: Rgb = [221, 221, 221];

function hexToRgb(hex: string): Rgb {
  const n = parseInt(hex, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function fillRect(png: PNG, x: number, y: number, w: number, h: number, color: Rgb): void {
  const x0 = Math.max(0, Math.round(x));
  const y0 = Math.max(0, Math.round(y));
  const x1 = Math.min(png.width, Math.round(x + w));
  const y1 = Math.min(png.height, Math.round(y + h));
  for (let py = y0; py < y1; py++) {
    for (let px = x0; px < x1; px++) {
      const i = (py * png.width + px) * 4;
      png.data[i] = color[0];
      png.data[i + 1] = color[1];
      png.data[i + 2] = color[2];
      png.data[i + 3] = 255;
    }
  }
}

/** Advance of one glyph including a one-pixel (scaled) gap. */
const glyphAdvance = (): number => 6 * G.glyphScale;

export const textWidthPx = (text: string): number => text.length * glyphAdvance();

/** Draws digits and separators; characters without a glyph are skipped, leaving a gap. */
function drawText(png: PNG, text: string, x: number, centreY: number, color: Rgb): void {
  const top = centreY - (7 * G.glyphScale) / 2;
  [...text].forEach((ch, i) => {
    const rows = GLYPHS[ch];
    if (!rows) return;
    rows.forEach((bits, row) => {
      for (let col = 0; col < 5; col++) {
        if (bits & (1 << (4 - col))) {
          fillRect(png, x + i * glyphAdvance() + col * G.glyphScale, top + row * G.glyphScale, G.glyphScale, G.glyphScale, color);
        }
      }
    });
  });
}

/** Values are counts, but a negative or missing one must not break the drawing: it shows as an empty bar. */
const safeValue = (value: number): number => (Number.isFinite(value) && value > 0 ? value : 0);

export function chartHeightPx(barCount: number): number {
  return G.pad * 2 + Math.max(1, barCount) * (G.barHeight + G.barGap) - G.barGap;
}

function drawGrid(png: PNG, axisX: number, barSpan: number): void {
  for (const share of [0.25, 0.5, 0.75, 1]) {
    fillRect(png, axisX + barSpan * share, G.pad / 2, 2, png.height - G.pad, GRID);
  }
  fillRect(png, axisX - 4, G.pad / 2, 4, png.height - G.pad, INK);
}

/** Renders the chart's bars, numbered 1..n in the order given, each followed by its value. */
export function renderChartPng(chart: ReportChart): ChartImage {
  const height = chartHeightPx(chart.bars.length);
  const png = new PNG({ width: G.width, height });
  fillRect(png, 0, 0, G.width, height, WHITE);

  const axisX = G.pad + G.indexColumn;
  const barSpan = G.width - axisX - G.valueColumn;
  const max = Math.max(0, ...chart.bars.map((b) => safeValue(b.value)));
  const barColor = hexToRgb(BAR_COLOR);
  drawGrid(png, axisX, barSpan);

  chart.bars.forEach((bar, i) => {
    const top = G.pad + i * (G.barHeight + G.barGap);
    const centreY = top + G.barHeight / 2;
    const length = max > 0 ? (safeValue(bar.value) / max) * barSpan : 0;
    const index = String(i + 1);
    drawText(png, index, axisX - 16 - textWidthPx(index), centreY, INK);
    fillRect(png, axisX, top, length, G.barHeight, barColor);
    drawText(png, formatCount(safeValue(bar.value)), axisX + length + 16, centreY, INK);
  });

  return { data: PNG.sync.write(png), widthPx: G.width, heightPx: height };
}
