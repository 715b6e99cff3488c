/**
 * Test helpers of the operations module: the monthly report's PDF rendered to page images with
 * Poppler's `pdftoppm` (Debian poppler-utils; .ci/run installs it), and the layout landmarks read off
 * those images, so tests check where blocks sit on a page rather than compare pixels.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';

/** Whether `pdftoppm` can be run here; tests that need it skip with this reason otherwise. */
export function pdftoppmMissing(): string | null {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'pdftoppm (Debian poppler-utils) is not installed: the report page images are not checked';
  }
}

export interface PageImage {
  png: Buffer;
  width: number;
  height: number;
  /** Dots per inch the page was rendered at: a PDF point is dpi / 72 pixels. */
  dpi: number;
  /** Whether the pixel at (x, y) is ink (darker than light grey). */
  ink: (x: number, y: number) => boolean;
}

/** Renders every page of a PDF to PNG at `dpi`. */
export function pdfPageImages(pdf: Buffer, dpi = 100): PageImage[] {
  const dir = mkdtempSync(join(tmpdir(), 'da06-pdf-'));
  try {
    writeFileSync(join(dir, 'report.pdf'), pdf);
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', join(dir, 'report.pdf'), join(dir, 'page')], { stdio: 'ignore', timeout: 60_000 });
    const files = readdirSync(dir).filter((f) => f.startsWith('page') && f.endsWith('.png')).sort((a, b) => pageNo(a) - pageNo(b));
    return files.map((f) => {
      const data = readFileSync(join(dir, f));
      const png = PNG.sync.read(data);
      return {
        png: data, width: png.width, height: png.height, dpi,
        ink: (x: number, y: number) => {
          const i = (Math.round(y) * png.width + Math.round(x)) * 4;
          return png.data[i] + png.data[i + 1] + png.data[i + 2] < 3 * 160;
        },
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const pageNo = (file: string): number => Number(/(\d+)\.png$/.exec(file)?.[1] ?? 0);

/** A rectangle of a page in PDF points (origin top left). */
export interface Box { left: number; top: number; right: number; bottom: number }

/** Ink pixels in a box given in points. */
export function inkIn(page: PageImage, box: Box): number {
  const k = page.dpi / 72;
  let n = 0;
  for (let y = Math.floor(box.top * k); y < Math.min(page.height, Math.ceil(box.bottom * k)); y++) {
    for (let x = Math.floor(box.left * k); x < Math.min(page.width, Math.ceil(box.right * k)); x++) if (page.ink(x, y)) n++;
  }
  return n;
}

/** Rows (in points from the top) of a box that hold any ink. */
export function inkRows(page: PageImage, box: Box): number[] {
  const k = page.dpi / 72;
  const rows: number[] = [];
  for (let y = Math.floor(box.top * k); y < Math.min(page.height, Math.ceil(box.bottom * k)); y++) {
    for (let x = Math.floor(box.left * k); x < Math.min(page.width, Math.ceil(box.right * k)); x++) {
      if (page.ink(x, y)) {
        rows.push(y / k);
        break;
      }
    }
  }
  return rows;
}

/** The longest unbroken horizontal run of ink in a box, in points: a rule under a heading shows as one. */
export function longestRun(page: PageImage, box: Box): number {
  const k = page.dpi / 72;
  let best = 0;
  for (let y = Math.floor(box.top * k); y < Math.min(page.height, Math.ceil(box.bottom * k)); y++) {
    let run = 0;
    for (let x = Math.floor(box.left * k); x < Math.min(page.width, Math.ceil(box.right * k)); x++) {
      run = page.ink(x, y) ? run + 1 : 0;
      best = Math.max(best, run);
    }
  }
  return best / k;
}
