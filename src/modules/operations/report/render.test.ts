import { existsSync, writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PNG } from 'pngjs';
import { renderDocx } from './render-docx.js';
import { renderPdf } from './render-pdf.js';
import { CHART_DPI, renderChartPng, tickStep } from './chart-png.js';
import { pngDpi } from './raster.js';
import { DEFAULT_FAMILIES, missingVietnamese, resolveSerifFonts } from '../../../platform/pdf-fonts.js';
import { SECTION_HEADINGS, documentDateWords, indicatorLine, modelTitle, recipientLines } from './format.js';
import { inkIn, inkRows, longestRun, pdfPageImages, pdftoppmMissing, type PageImage } from '../testing.js';
import { A4_PT, HEADER_LEFT_SHARE, MARGIN_MM, CLOSING_LEFT_SHARE, mmToPt } from './layout.js';
import { FIXTURE_REPORT, longReport } from './render.fixture.js';
import type { MonthlyReport } from './types.js';

const MOTTO = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
const MOTTO_LINE = 'Độc lập - Tự do - Hạnh phúc';
const HEADINGS = Object.values(SECTION_HEADINGS);

/** Text compared without whitespace, since PDF lines and table cells wrap words anywhere. */
const squash = (text: string): string => text.normalize('NFC').replace(/\s+/g, '');

function decodeXml(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

async function readDocx(buffer: Buffer): Promise<{ xml: string; text: string; media: string[]; zip: JSZip }> {
  const zip = await JSZip.loadAsync(buffer);
  const xml = await zip.file('word/document.xml')!.async('string');
  const text = decodeXml([...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n'));
  const media = Object.keys(zip.files).filter((name) => name.startsWith('word/media/'));
  return { xml, text, media, zip };
}

async function readPdf(buffer: Buffer): Promise<{ pages: number; text: string; sizes: number[][] }> {
  const pdf = await getDocument({ data: new Uint8Array(buffer), isEvalSupported: false }).promise;
  const texts: string[] = [];
  const sizes: number[][] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const { width, height } = page.getViewport({ scale: 1 });
    sizes.push([width, height]);
    const content = await page.getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await pdf.destroy();
  return { pages: pdf.numPages, text: texts.join('\n'), sizes };
}

interface TextItem { page: number; str: string; x: number; top: number; bottom: number }

/** Every text item of a PDF with its page (1-based) and its box in points from the page's top. */
async function pdfTextItems(buffer: Buffer): Promise<TextItem[]> {
  const pdf = await getDocument({ data: new Uint8Array(buffer), isEvalSupported: false }).promise;
  const items: TextItem[] = [];
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    const { height } = page.getViewport({ scale: 1 });
    for (const item of (await page.getTextContent()).items) {
      if (!('str' in item) || !item.str.trim()) continue;
      const baseline = height - item.transform[5];
      items.push({ page: p, str: item.str, x: item.transform[4], top: baseline - item.height, bottom: baseline + item.height * 0.25 });
    }
  }
  await pdf.destroy();
  return items;
}

const itemWith = (items: TextItem[], text: string): TextItem => {
  const found = items.find((i) => i.str.includes(text));
  if (!found) throw new Error(`"${text}" is not in the PDF`);
  return found;
};

/** The page (1-based) whose text holds `text`, compared without whitespace since lines wrap anywhere. */
function pageOf(items: TextItem[], text: string): number {
  const pages = [...new Set(items.map((i) => i.page))];
  const found = pages.find((p) => squash(items.filter((i) => i.page === p).map((i) => i.str).join('')).includes(squash(text)));
  if (found === undefined) throw new Error(`"${text}" is not in the PDF`);
  return found;
}

const EMPTY_REPORT: MonthlyReport = {
  ...FIXTURE_REPORT,
  intro: [],
  highlights: [],
  models: [],
  charts: [{ title: 'Biểu đồ không có số liệu', unit: 'lượt', bars: [] }],
  problems: [],
  nextTasks: [],
  recipients: [],
  signature: { authority: [], title: '', name: '' },
  generatedNote: '',
};

describe('renderDocx', () => {
  it('writes an A4 Word document in the Phụ lục I layout with every part of the report', async () => {
    const buffer = await renderDocx(FIXTURE_REPORT);
    if (process.env.DA06_WRITE_SAMPLE) writeFileSync('/tmp/da06-report-sample.docx', buffer);
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    const { xml, text, media } = await readDocx(buffer);

    for (const expected of [MOTTO, MOTTO_LINE, ...FIXTURE_REPORT.issuer, FIXTURE_REPORT.number, FIXTURE_REPORT.placeAndDate, 'BÁO CÁO', FIXTURE_REPORT.title, ...HEADINGS]) {
      expect(text).toContain(expected);
    }
    for (const model of FIXTURE_REPORT.models) {
      expect(text).toContain(model.name);
      expect(text).toContain(model.statusLabel);
      expect(text).toContain(model.leadUnit);
    }
    expect(text).toContain('(nhập tay: Sở Tư pháp)');
    expect(text).toContain('42/57 (73,7%) (tự động)');
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('- Lưu: VT, CAT.');
    expect(text).toContain(FIXTURE_REPORT.signature.name);
    expect(text).toContain('TM. TỔ CÔNG TÁC');
    expect(text).toContain(FIXTURE_REPORT.generatedNote);

    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toMatch(/<w:sz w:val="(26|28)"\/>/);
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    // Overdue models stand out in red.
    expect(xml).toContain('<w:color w:val="C00000"/>');
    expect(media.filter((name) => name.endsWith('.png'))).toHaveLength(FIXTURE_REPORT.charts.length);
  });

  it('embeds the charts as sharp pictures with set text, not the old pixel-font bitmaps', async () => {
    const { zip, media, xml } = await readDocx(await renderDocx(FIXTURE_REPORT));
    const extents = [...xml.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(extents).toHaveLength(FIXTURE_REPORT.charts.length);
    // No numbered caption table beside the charts any more: the pictures carry their own labels.
    expect(xml).not.toContain('Số lượng (lượt)');
    for (const [i, name] of media.sort().entries()) {
      const data = Buffer.from(await zip.file(name)!.async('uint8array'));
      const png = PNG.sync.read(data);
      // Shown at its extent, the picture has at least 300 pixels per inch (1 inch = 914 400 EMU).
      const [cx, cy] = extents[i];
      expect(png.width / (cx / 914_400)).toBeGreaterThanOrEqual(299);
      expect(png.height / (cy / 914_400)).toBeGreaterThanOrEqual(295);
      expect(pngDpi(data)).toBe(300);
      // Anti-aliased outlines leave many grey levels; the old 5×7 pixel digits had four colours in all.
      const greys = new Set<number>();
      let labelInk = 0;
      for (let y = 0; y < png.height; y++) {
        for (let x = 0; x < png.width; x++) {
          const p = (y * png.width + x) * 4;
          const [r, g, b] = [png.data[p], png.data[p + 1], png.data[p + 2]];
          if (Math.abs(r - g) < 6 && Math.abs(g - b) < 6) {
            greys.add(r);
            // Grey ink in the label column (bars are blue): the Vietnamese labels are written in the picture.
            if (r < 140 && x > png.width * 0.08 && x < png.width * 0.3) labelInk++;
          }
        }
      }
      expect(greys.size).toBeGreaterThan(40);
      expect(labelInk).toBeGreaterThan(2000);
    }
  });

  it('keeps the last section with the signature block and leaves room to sign', async () => {
    const { xml } = await readDocx(await renderDocx(FIXTURE_REPORT));
    const last = FIXTURE_REPORT.nextTasks.at(-1)!;
    const paragraph = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*<\/w:p>/gs)].map((m) => m[0]).find((p) => p.includes(last))!;
    expect(paragraph).toContain('<w:keepNext/>');
    expect(xml).toContain('<w:cantSplit/>');
    expect(xml).toMatch(/<w:spacing [^>]*w:before="1440"/);
  });

  it('keeps margins within Phụ lục I and numbers pages from page 2', async () => {
    const { xml } = await readDocx(await renderDocx(FIXTURE_REPORT));
    const margin = /<w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" w:left="(\d+)"/.exec(xml);
    expect(margin).not.toBeNull();
    const [top, right, bottom, left] = margin!.slice(1).map((twip) => (Number(twip) * 25.4) / 1440);
    expect(top).toBeGreaterThanOrEqual(19.9); expect(top).toBeLessThanOrEqual(25.1);
    expect(bottom).toBeGreaterThanOrEqual(19.9); expect(bottom).toBeLessThanOrEqual(25.1);
    expect(left).toBeGreaterThanOrEqual(29.9); expect(left).toBeLessThanOrEqual(35.1);
    expect(right).toBeGreaterThanOrEqual(14.9); expect(right).toBeLessThanOrEqual(20.1);
    expect(xml).toContain('<w:titlePg/>');
  });

  it('handles a 45-model report with a repeating table header', async () => {
    const report = longReport(45);
    const { xml, text } = await readDocx(await renderDocx(report));
    expect(xml).toContain('<w:tblHeader/>');
    expect(text).toContain(report.models[44].name);
  });

  it('renders a report with nothing in it', async () => {
    const { text, media } = await readDocx(await renderDocx(EMPTY_REPORT));
    expect(text).toContain('Không có nội dung báo cáo.');
    expect(media).toHaveLength(0);
  });
});

describe('renderPdf', () => {
  it('writes an A4 PDF whose text keeps every Vietnamese letter', async () => {
    const buffer = await renderPdf(FIXTURE_REPORT);
    if (process.env.DA06_WRITE_SAMPLE) writeFileSync('/tmp/da06-report-sample.pdf', buffer);
    expect(buffer.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const { text, sizes } = await readPdf(buffer);

    // A font without Vietnamese glyphs shows up as NUL characters in the extracted text.
    expect(text).not.toContain('\u0000');
    const flat = squash(text);
    for (const expected of [MOTTO, MOTTO_LINE, ...FIXTURE_REPORT.issuer, FIXTURE_REPORT.number, FIXTURE_REPORT.placeAndDate, 'BÁO CÁO', FIXTURE_REPORT.title, ...HEADINGS]) {
      expect(flat).toContain(squash(expected));
    }
    for (const model of FIXTURE_REPORT.models) {
      expect(flat).toContain(squash(modelTitle(model)));
      expect(flat).toContain(squash(model.statusLabel));
    }
    for (const figure of ['42/57 (73,7%)', '18.204/25.671 (70,9%)', '(nhập tay: Sở Tư pháp)', '1.245', '6.120', '14.382 hồ sơ']) {
      expect(flat).toContain(squash(figure));
    }
    for (const chart of FIXTURE_REPORT.charts) expect(flat).toContain(squash(chart.title));
    expect(flat).toContain(squash('Nơi nhận:'));
    expect(flat).toContain(squash(FIXTURE_REPORT.signature.name));

    for (const [width, height] of sizes) {
      expect(width).toBeCloseTo(595.28, 1);
      expect(height).toBeCloseTo(841.89, 1);
    }
  });

  it('paginates a 45-model report and repeats the table header on each page', async () => {
    const report = longReport(45);
    const { pages, text } = await readPdf(await renderPdf(report));
    expect(pages).toBeGreaterThan(1);
    const flat = squash(text);
    expect(flat).toContain(squash(modelTitle(report.models[44])));
    expect(flat.split(squash('Khó khăn, vướng mắc')).length - 1).toBeGreaterThan(2);
  });

  it('renders a report with nothing in it', async () => {
    const { pages, text } = await readPdf(await renderPdf(EMPTY_REPORT));
    expect(pages).toBe(1);
    expect(squash(text)).toContain(squash('Không có nội dung báo cáo.'));
  });

  it('keeps the signature block on the page of the last lines of text, wherever the text ends', async () => {
    const signer = 'Trần Thị Ký';
    const endPages = new Set<number>();
    // One more paragraph at a time moves the end of the text down the page and across page breaks.
    for (let n = 1; n <= 24; n++) {
      const nextTasks = [...Array.from({ length: n - 1 }, (_, i) => `Nhiệm vụ thứ ${i + 1}: tiếp tục triển khai, rà soát số liệu và báo cáo kết quả đúng hạn.`), 'Việc cuối cùng của tháng tới.'];
      const report = { ...FIXTURE_REPORT, nextTasks, signature: { ...FIXTURE_REPORT.signature, name: signer } };
      const items = await pdfTextItems(await renderPdf(report));
      const lastPage = pageOf(items, 'Việc cuối cùng của tháng tới.');
      expect(pageOf(items, signer), `${n} paragraphs`).toBe(lastPage);
      expect(pageOf(items, 'TM. TỔ CÔNG TÁC')).toBe(lastPage);
      expect(pageOf(items, 'Nơi nhận:')).toBe(lastPage);
      endPages.add(lastPage);
    }
    // The endings crossed a page break, so some fell where the signature alone would not have fitted.
    expect(endPages.size).toBeGreaterThan(1);
  });

  it('fails with an error naming the missing font file', async () => {
    const family = { ...DEFAULT_FAMILIES[0], dir: '/nonexistent/fonts' };
    await expect(renderPdf(FIXTURE_REPORT, { fontFamilies: [family] })).rejects.toThrow(/\/nonexistent\/fonts\/LiberationSerif-Regular\.ttf/);
  });
});

const noPoppler = pdftoppmMissing();

describe.skipIf(noPoppler !== null)(`the PDF as page images${noPoppler ? ` (skipped: ${noPoppler})` : ''}`, () => {
  const textLeft = mmToPt(MARGIN_MM.left);
  const textRight = A4_PT.width - mmToPt(MARGIN_MM.right);
  const textWidth = textRight - textLeft;
  const top = mmToPt(MARGIN_MM.top);
  const report = { ...FIXTURE_REPORT, signature: { ...FIXTURE_REPORT.signature, name: 'Nguyễn Văn An' } };
  let pages: PageImage[];
  let items: TextItem[];

  beforeAll(async () => {
    const pdf = await renderPdf(report);
    pages = pdfPageImages(pdf, 100);
    items = await pdfTextItems(pdf);
    if (process.env.DA06_WRITE_SAMPLE) {
      writeFileSync('/tmp/da06-report-first.png', pages[0].png);
      writeFileSync('/tmp/da06-report-last.png', pages[pages.length - 1].png);
    }
  });

  it('places the header blocks of Phụ lục I: issuer left, national name right, each over its rule', () => {
    const first = pages[0];
    const split = textLeft + textWidth * HEADER_LEFT_SHARE;
    const band = { top, bottom: top + mmToPt(22) };
    expect(inkIn(first, { left: textLeft, right: split, ...band })).toBeGreaterThan(200);
    expect(inkIn(first, { left: split, right: textRight, ...band })).toBeGreaterThan(200);
    // Rules: under the issuer a third to a half of its line; under the motto as long as the motto.
    const issuerRule = longestRun(first, { left: textLeft, right: split, ...band });
    expect(issuerRule).toBeGreaterThan(mmToPt(14));
    expect(issuerRule).toBeLessThan(textWidth * HEADER_LEFT_SHARE * 0.9);
    expect(longestRun(first, { left: split, right: textRight, ...band })).toBeGreaterThan(mmToPt(40));
    // Number on the left and place-and-date on the right, on one level below the rules.
    const number = itemWith(items, 'Số:');
    const date = itemWith(items, 'Đồng Tháp, ngày');
    expect(number.page).toBe(1);
    expect(date.page).toBe(1);
    expect(Math.abs(number.top - date.top)).toBeLessThan(3);
    expect(number.x).toBeLessThan(split);
    expect(date.x).toBeGreaterThan(split - 10);
    // The document kind is centred below the header.
    const kind = itemWith(items, 'BÁO CÁO');
    expect(kind.top).toBeGreaterThan(date.bottom);
    expect(Math.abs(inkCentre(first, kind) - (textLeft + textRight) / 2)).toBeLessThan(6);
  });

  it('shows the last lines of text, the recipients and the signature with room to sign on the last page', () => {
    const last = pages[pages.length - 1];
    const name = itemWith(items, report.signature.name);
    const authority = itemWith(items, 'TM. TỔ CÔNG TÁC');
    expect(name.page).toBe(pages.length);
    expect(authority.page).toBe(pages.length);
    const split = textLeft + textWidth * CLOSING_LEFT_SHARE;
    // Body text above the closing block on the same page.
    expect(inkIn(last, { left: textLeft, right: textRight, top: top + 10, bottom: authority.top - 12 })).toBeGreaterThan(300);
    // Recipients on the left, at the level of the signature.
    expect(inkIn(last, { left: textLeft, right: split - 4, top: authority.top - 2, bottom: name.bottom })).toBeGreaterThan(300);
    // Between the signer's title and name the right column is blank for at least 18 mm: room for the signature and seal.
    const title = items.filter((i) => i.page === name.page && i.top > authority.top && i.top < name.top && i.x > split).at(-1)!;
    const blank = inkRows(last, { left: split, right: textRight, top: title.bottom + 1, bottom: name.top - 1 });
    expect(blank).toEqual([]);
    expect(name.top - title.bottom).toBeGreaterThan(mmToPt(18));
    // The name itself is printed, centred in the right column.
    expect(inkIn(last, { left: split, right: textRight, top: name.top, bottom: name.bottom })).toBeGreaterThan(100);
  });
});

/** Horizontal centre of the ink on the line of a text item. */
function inkCentre(page: PageImage, item: TextItem): number {
  const k = page.dpi / 72;
  let min = Infinity;
  let max = -Infinity;
  for (let y = Math.floor(item.top * k); y < Math.ceil(item.bottom * k); y++) {
    for (let x = 0; x < page.width; x++) {
      if (page.ink(x, y)) {
        min = Math.min(min, x);
        max = Math.max(max, x);
      }
    }
  }
  return (min + max) / 2 / k;
}

describe('pdf fonts', () => {
  const oldLiberation = '/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf';

  it.skipIf(!existsSync(oldLiberation) || missingVietnamese(oldLiberation).length === 0)(
    'skips a Liberation Serif without Vietnamese letters (Debian fonts-liberation 1.07)',
    () => {
      const old = DEFAULT_FAMILIES.find((f) => f.dir.endsWith('/liberation'))!;
      expect(() => resolveSerifFonts([old])).toThrow(/lacks Vietnamese glyphs/);
      expect(resolveSerifFonts().regular).not.toBe(oldLiberation);
    },
  );
});

describe('chart PNG', () => {
  /** Lengths of the bars: runs of rows holding the bar colour, each measured at its widest. */
  function barLengths(png: PNG): number[] {
    const lengths: number[] = [];
    let current = 0;
    for (let y = 0; y < png.height; y++) {
      let count = 0;
      for (let x = 0; x < png.width; x++) {
        const i = (y * png.width + x) * 4;
        if (png.data[i] === 0x1f && png.data[i + 1] === 0x4e && png.data[i + 2] === 0x79) count++;
      }
      if (count > 0) current = Math.max(current, count);
      else if (current > 0) {
        lengths.push(current);
        current = 0;
      }
    }
    if (current > 0) lengths.push(current);
    return lengths;
  }

  it('draws bars proportional to the values', () => {
    const image = renderChartPng({ title: 't', unit: 'lượt', bars: [{ label: 'Phường Cao Lãnh', value: 10 }, { label: 'Xã Tháp Mười', value: 5 }] });
    const png = PNG.sync.read(image.data);
    expect([png.width, png.height]).toEqual([image.widthPx, image.heightPx]);
    const [first, second] = barLengths(png);
    expect(first).toBeGreaterThan(0);
    expect(second / first).toBeCloseTo(0.5, 1);
  });

  it('is drawn at 300 dpi for its printed width, and says so in the file', () => {
    const image = renderChartPng(FIXTURE_REPORT.charts[0]);
    expect(image.dpi).toBe(CHART_DPI);
    expect(image.widthPx / (image.widthMm / 25.4)).toBeCloseTo(300, 0);
    expect(pngDpi(image.data)).toBe(300);
  });

  it('chooses round axis steps and never a fraction of a count', () => {
    expect(tickStep(1245)).toBe(500);
    expect(tickStep(6120)).toBe(2000);
    expect(tickStep(3)).toBe(1);
    expect(tickStep(9)).toBe(5);
    expect(tickStep(25)).toBe(10);
  });

  it('does not throw on zero, negative or missing values', () => {
    expect(() => renderChartPng({ title: 't', unit: 'x', bars: [{ label: 'a', value: 0 }, { label: 'b', value: -3 }, { label: 'c', value: Number.NaN }] })).not.toThrow();
    expect(() => renderChartPng({ title: 't', unit: 'x', bars: [] })).not.toThrow();
  });
});

describe('report wording', () => {
  it('marks where each indicator comes from', () => {
    expect(indicatorLine({ label: 'A', value: '1', kind: 'platform', source: 'da06' })).toBe('- A: 1 (tự động)');
    expect(indicatorLine({ label: 'A', value: '1', kind: 'manual', source: 'Sở Y tế' })).toBe('- A: 1 (nhập tay: Sở Y tế)');
    expect(indicatorLine({ label: 'A', value: '1', kind: 'manual', source: ' ' })).toBe('- A: 1 (nhập tay)');
  });

  it('does not repeat the model number already in its name', () => {
    expect(modelTitle(FIXTURE_REPORT.models[0])).toBe(FIXTURE_REPORT.models[0].name);
    expect(modelTitle(FIXTURE_REPORT.models[1])).toBe('2.1. Cấp Phiếu lý lịch tư pháp trên ứng dụng VNeID');
  });

  it('writes a detail indicator with "+", never "- —", and a missing share in words', () => {
    expect(indicatorLine({ label: '— Bệnh viện', value: '12 lượt tại 3 điểm', kind: 'platform', source: 'da06' })).toBe('+ Bệnh viện: 12 lượt tại 3 điểm (tự động)');
    expect(indicatorLine({ label: 'Thông báo đúng hạn', value: '— (0/0)', kind: 'platform', source: 'da06' })).toBe('- Thông báo đúng hạn: chưa có số liệu (0/0) (tự động)');
    expect(indicatorLine({ label: 'Cơ sở', value: '0/0 (—)', kind: 'platform', source: 'da06' })).toBe('- Cơ sở: 0/0 (chưa có số liệu) (tự động)');
    expect(indicatorLine({ label: 'Tỷ lệ', value: '—', kind: 'platform', source: 'da06' })).toBe('- Tỷ lệ: chưa có số liệu (tự động)');
  });

  it('dates the document as Phụ lục I writes it: 0 before a day under 10 and before months 1 and 2', () => {
    expect(documentDateWords('2026-12-06')).toBe('ngày 06 tháng 12 năm 2026');
    expect(documentDateWords('2027-02-15')).toBe('ngày 15 tháng 02 năm 2027');
    expect(documentDateWords('2027-01-09')).toBe('ngày 09 tháng 01 năm 2027');
    expect(documentDateWords('2027-03-01')).toBe('ngày 01 tháng 3 năm 2027');
  });

  it('writes recipients with a dash and a semicolon, the last with a full stop', () => {
    expect(recipientLines(['- Sở Y tế;', 'Lưu: VT.'])).toEqual(['- Sở Y tế;', '- Lưu: VT.']);
  });
});
