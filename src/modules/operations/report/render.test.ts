import { existsSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PNG } from 'pngjs';
import { renderDocx } from './render-docx.js';
import { renderPdf } from './render-pdf.js';
import { renderChartPng } from './chart-png.js';
import { DEFAULT_FAMILIES, missingVietnamese, resolveSerifFonts } from './pdf-fonts.js';
import { SECTION_HEADINGS, indicatorLine, modelTitle, recipientLines } from './format.js';
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

  it('embeds the chart pictures as real PNG files', async () => {
    const { zip, media } = await readDocx(await renderDocx(FIXTURE_REPORT));
    for (const name of media) {
      const png = PNG.sync.read(Buffer.from(await zip.file(name)!.async('uint8array')));
      expect(png.width).toBeGreaterThan(0);
    }
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

  it('fails with an error naming the missing font file', async () => {
    const family = { ...DEFAULT_FAMILIES[0], dir: '/nonexistent/fonts' };
    await expect(renderPdf(FIXTURE_REPORT, { fontFamilies: [family] })).rejects.toThrow(/\/nonexistent\/fonts\/LiberationSerif-Regular\.ttf/);
  });
});

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
  it('draws bars proportional to the values', () => {
    const image = renderChartPng({ title: 't', unit: 'lượt', bars: [{ label: 'a', value: 10 }, { label: 'b', value: 5 }] });
    const png = PNG.sync.read(image.data);
    expect([png.width, png.height]).toEqual([image.widthPx, image.heightPx]);
    const barLength = (row: number): number => {
      let count = 0;
      for (let x = 0; x < png.width; x++) {
        const i = (row * png.width + x) * 4;
        if (png.data[i] === 0x1f && png.data[i + 1] === 0x4e && png.data[i + 2] === 0x79) count++;
      }
      return count;
    };
    const first = barLength(24 + 28);
    const second = barLength(24 + 56 + 28 + 28);
    expect(first).toBeGreaterThan(0);
    expect(second / first).toBeCloseTo(0.5, 1);
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

  it('writes recipients with a dash and a semicolon, the last with a full stop', () => {
    expect(recipientLines(['- Sở Y tế;', 'Lưu: VT.'])).toEqual(['- Sở Y tế;', '- Lưu: VT.']);
  });
});
