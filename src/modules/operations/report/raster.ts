/**
 * A small raster canvas for the charts of the Word report: filled rectangles and text set in a
 * TrueType font (outlines read with fontkit, filled with anti-aliased edges), written as PNG. Word
 * shows a picture as it is, so the chart is drawn at print resolution (chart-png.ts) with the same
 * Vietnamese-capable font as the PDF; no canvas library or system renderer is needed.
 */
import * as fontkit from 'fontkit';
import { PNG } from 'pngjs';

export type Rgb = readonly [number, number, number];

/** Vertical samples per pixel row; horizontal coverage is computed exactly along each sample line. */
const SUBROWS = 5;
/** Straight segments a curve of a glyph outline is cut into; glyphs here are under 100 px tall. */
const CURVE_STEPS = 8;

/** A closed outline as a flat list x0, y0, x1, y1, ... in pixels, y downwards. */
type Contour = number[];

export function hexToRgb(hex: string): Rgb {
  const n = parseInt(hex, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** A TrueType font laid out with fontkit's shaper, so combining marks of Vietnamese letters sit where the font puts them. */
export class RasterFont {
  private readonly font: fontkit.Font;

  constructor(path: string) {
    const opened = fontkit.openSync(path);
    if (!('layout' in opened)) throw new Error(`${path} is a font collection; a single font file is needed`);
    this.font = opened;
  }

  /** Advance width of `text` at `sizePx`. */
  width(text: string, sizePx: number): number {
    return (this.font.layout(text.normalize('NFC')).advanceWidth * sizePx) / this.font.unitsPerEm;
  }

  /** Distance from the baseline to the top of the tallest letters (with their marks) and to the bottom of descenders. */
  metrics(sizePx: number): { ascent: number; descent: number } {
    const scale = sizePx / this.font.unitsPerEm;
    return { ascent: this.font.ascent * scale, descent: -this.font.descent * scale };
  }

  /** The outlines of `text` with its pen starting at (x, baseline). */
  contours(text: string, x: number, baseline: number, sizePx: number): Contour[] {
    const run = this.font.layout(text.normalize('NFC'));
    const scale = sizePx / this.font.unitsPerEm;
    const out: Contour[] = [];
    let pen = 0;
    run.glyphs.forEach((glyph, i) => {
      const pos = run.positions[i];
      const ox = x + (pen + pos.xOffset) * scale;
      const oy = baseline - pos.yOffset * scale;
      out.push(...flatten(glyph.path.commands, (px, py) => [ox + px * scale, oy - py * scale]));
      pen += pos.xAdvance;
    });
    return out;
  }
}

/** Turns path commands into straight-edged contours, mapping each point with `at`. */
function flatten(commands: fontkit.PathCommand[], at: (x: number, y: number) => [number, number]): Contour[] {
  const contours: Contour[] = [];
  let current: Contour = [];
  let cx = 0;
  let cy = 0;
  const push = (x: number, y: number) => {
    const [px, py] = at(x, y);
    current.push(px, py);
    cx = x;
    cy = y;
  };
  for (const { command, args } of commands) {
    if (command === 'moveTo') {
      if (current.length >= 6) contours.push(current);
      current = [];
      push(args[0], args[1]);
    } else if (command === 'lineTo') {
      push(args[0], args[1]);
    } else if (command === 'quadraticCurveTo') {
      const [x0, y0] = [cx, cy];
      for (let s = 1; s <= CURVE_STEPS; s++) {
        const t = s / CURVE_STEPS;
        const u = 1 - t;
        push(u * u * x0 + 2 * u * t * args[0] + t * t * args[2], u * u * y0 + 2 * u * t * args[1] + t * t * args[3]);
      }
    } else if (command === 'bezierCurveTo') {
      const [x0, y0] = [cx, cy];
      for (let s = 1; s <= CURVE_STEPS; s++) {
        const t = s / CURVE_STEPS;
        const u = 1 - t;
        push(
          u * u * u * x0 + 3 * u * u * t * args[0] + 3 * u * t * t * args[2] + t * t * t * args[4],
          u * u * u * y0 + 3 * u * u * t * args[1] + 3 * u * t * t * args[3] + t * t * t * args[5],
        );
      }
    } else if (current.length >= 6) {
      contours.push(current);
      current = [];
    }
  }
  if (current.length >= 6) contours.push(current);
  return contours;
}

/** An RGB picture on white. */
export class Canvas {
  readonly data: Uint8Array;

  constructor(readonly width: number, readonly height: number) {
    this.data = new Uint8Array(width * height * 3).fill(255);
  }

  private blend(x: number, y: number, color: Rgb, alpha: number): void {
    if (alpha <= 0) return;
    const a = Math.min(1, alpha);
    const i = (y * this.width + x) * 3;
    for (let c = 0; c < 3; c++) this.data[i + c] = Math.round(this.data[i + c] * (1 - a) + color[c] * a);
  }

  /** A rectangle snapped to whole pixels (bars and rules are meant to be crisp). */
  fillRect(x: number, y: number, w: number, h: number, color: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let py = y0; py < y1; py++) for (let px = x0; px < x1; px++) this.blend(px, py, color, 1);
  }

  /** Fills contours with the non-zero winding rule (TrueType's), anti-aliased. */
  fillContours(contours: Contour[], color: Rgb): void {
    const edges: [number, number, number, number, number][] = [];
    let minY = Infinity;
    let maxY = -Infinity;
    let minX = Infinity;
    let maxX = -Infinity;
    for (const c of contours) {
      for (let i = 0; i < c.length; i += 2) {
        const j = (i + 2) % c.length;
        const [x0, y0, x1, y1] = [c[i], c[i + 1], c[j], c[j + 1]];
        if (y0 === y1) continue;
        edges.push(y0 < y1 ? [x0, y0, x1, y1, 1] : [x1, y1, x0, y0, -1]);
        minY = Math.min(minY, y0, y1);
        maxY = Math.max(maxY, y0, y1);
        minX = Math.min(minX, x0, x1);
        maxX = Math.max(maxX, x0, x1);
      }
    }
    if (edges.length === 0) return;
    const rowFrom = Math.max(0, Math.floor(minY));
    const rowTo = Math.min(this.height - 1, Math.ceil(maxY));
    const coverage = new Float32Array(this.width + 1);
    // Sorted by their top, so a sample line stops at the first edge that starts below it.
    edges.sort((a, b) => a[1] - b[1]);
    const crossings: { x: number; dir: number }[] = [];
    for (let row = rowFrom; row <= rowTo; row++) {
      coverage.fill(0);
      let touched = false;
      for (let s = 0; s < SUBROWS; s++) {
        const sy = row + (s + 0.5) / SUBROWS;
        crossings.length = 0;
        for (const [x0, y0, x1, y1, dir] of edges) {
          if (y0 > sy) break;
          if (sy < y1) crossings.push({ x: x0 + ((sy - y0) * (x1 - x0)) / (y1 - y0), dir });
        }
        if (crossings.length < 2) continue;
        crossings.sort((a, b) => a.x - b.x);
        let winding = 0;
        for (let k = 0; k < crossings.length - 1; k++) {
          winding += crossings[k].dir;
          if (winding !== 0) {
            this.addSpan(coverage, crossings[k].x, crossings[k + 1].x);
            touched = true;
          }
        }
      }
      if (!touched) continue;
      const xTo = Math.min(this.width - 1, Math.ceil(maxX));
      for (let x = Math.max(0, Math.floor(minX)); x <= xTo; x++) this.blend(x, row, color, coverage[x] / SUBROWS);
    }
  }

  /** Adds the covered share of each pixel of [a, b) on one sample line. */
  private addSpan(coverage: Float32Array, a: number, b: number): void {
    const from = Math.max(0, a);
    const to = Math.min(this.width, b);
    if (to <= from) return;
    const first = Math.floor(from);
    const last = Math.floor(to);
    if (first === last) {
      coverage[first] += to - from;
      return;
    }
    coverage[first] += first + 1 - from;
    for (let x = first + 1; x < last; x++) coverage[x] += 1;
    if (last < this.width) coverage[last] += to - last;
  }

  /** Writes `text` with its left edge at x (or its right edge / centre), on the given baseline. */
  text(font: RasterFont, text: string, x: number, baseline: number, sizePx: number, color: Rgb, align: 'left' | 'right' | 'center' = 'left'): void {
    const w = font.width(text, sizePx);
    const left = align === 'right' ? x - w : align === 'center' ? x - w / 2 : x;
    this.fillContours(font.contours(text, left, baseline, sizePx), color);
  }

  /** The picture as PNG, with its resolution recorded (pHYs) so that viewers size it as meant. */
  toPng(dpi: number): Buffer {
    const png = new PNG({ width: this.width, height: this.height });
    for (let p = 0, q = 0; p < this.data.length; p += 3, q += 4) {
      png.data[q] = this.data[p];
      png.data[q + 1] = this.data[p + 1];
      png.data[q + 2] = this.data[p + 2];
      png.data[q + 3] = 255;
    }
    // One filter for every row (Paeth suits anti-aliased edges) instead of pngjs trying all five per row.
    return withPhys(PNG.sync.write(png, { colorType: 2, filterType: 4 }), dpi);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Inserts a pHYs chunk (pixels per metre) after IHDR; pngjs does not write one. */
function withPhys(png: Buffer, dpi: number): Buffer {
  const ppm = Math.round(dpi / 0.0254);
  const body = Buffer.alloc(9);
  body.writeUInt32BE(ppm, 0);
  body.writeUInt32BE(ppm, 4);
  body.writeUInt8(1, 8);
  const typeAndBody = Buffer.concat([Buffer.from('pHYs', 'latin1'), body]);
  const chunk = Buffer.alloc(4 + typeAndBody.length + 4);
  chunk.writeUInt32BE(body.length, 0);
  typeAndBody.copy(chunk, 4);
  chunk.writeUInt32BE(crc32(typeAndBody), 4 + typeAndBody.length);
  const ihdrEnd = 8 + 4 + 4 + 13 + 4;
  return Buffer.concat([png.subarray(0, ihdrEnd), chunk, png.subarray(ihdrEnd)]);
}

/** Reads the resolution a PNG records (pHYs), in dots per inch; null when it records none. */
export function pngDpi(png: Buffer): number | null {
  let at = 8;
  while (at + 8 <= png.length) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    if (type === 'pHYs' && png.readUInt8(at + 16) === 1) return Math.round(png.readUInt32BE(at + 8) * 0.0254);
    if (type === 'IDAT') return null;
    at += 12 + length;
  }
  return null;
}
