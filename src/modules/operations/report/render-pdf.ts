/**
 * Renders a MonthlyReport as a PDF in the layout of Vietnamese administrative documents
 * (Nghị định 30/2020/NĐ-CP, Phụ lục I), set in Liberation Serif, which has the metrics of
 * Times New Roman, the typeface the decree prescribes.
 */
import PDFDocument from 'pdfkit';
import { A4_PT, MARGIN_MM, SIZE, mmToPt } from './layout.js';
import {
  SECTION_HEADINGS, MODEL_TABLE_HEADER, highlightLines, modelRowCells, sectionParagraphs, type Cell,
} from './format.js';
import { registerSerifFonts, type FontFamily } from '../../../platform/pdf-fonts.js';
import {
  bodyParagraph, bodyParagraphHeight, bottomY, closingBlockHeight, drawClosingBlock, drawHeaderBlock, drawPageNumbers, drawTitleBlock,
  ensureSpace, sectionHeading, sectionHeadingHeight, setFont, topY, type PdfCtx,
} from './pdf-blocks.js';
import { drawTable } from './pdf-table.js';
import { drawChart } from './pdf-chart.js';
import type { MonthlyReport } from './types.js';

export interface RenderPdfOptions {
  /** Font families to try, in order; defaults to Liberation Serif then DejaVu Serif. */
  fontFamilies?: FontFamily[];
}

function createDocument(report: MonthlyReport, options: RenderPdfOptions): PdfCtx {
  const margins = {
    top: mmToPt(MARGIN_MM.top), bottom: mmToPt(MARGIN_MM.bottom), left: mmToPt(MARGIN_MM.left), right: mmToPt(MARGIN_MM.right),
  };
  const doc = new PDFDocument({
    size: [A4_PT.width, A4_PT.height],
    margins,
    // Pages are kept until the end so page numbers can be written once the page count is known.
    bufferPages: true,
    autoFirstPage: true,
    info: { Title: `${report.kind} ${report.title}`, Author: report.issuer.join(' - '), Subject: report.number },
    lang: 'vi-VN',
  });
  registerSerifFonts(doc, options.fontFamilies);
  return { doc, left: margins.left, width: A4_PT.width - margins.left - margins.right };
}

/** Collects the stream pdfkit writes into one Buffer. */
function collect(doc: PdfCtx['doc']): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function drawParagraphs(ctx: PdfCtx, paragraphs: string[]): void {
  for (const text of paragraphs) bodyParagraph(ctx, text);
}

function drawModelsSection(ctx: PdfCtx, report: MonthlyReport): void {
  sectionHeading(ctx, SECTION_HEADINGS.models);
  if (report.models.length === 0) {
    bodyParagraph(ctx, 'Chưa có mô hình nào trong kế hoạch của kỳ báo cáo.');
  } else {
    const header: Cell[] = MODEL_TABLE_HEADER.map((text) => [{ text, style: 'bold', align: 'center' }]);
    drawTable(ctx, { header, rows: report.models.map((row, i) => modelRowCells(row, i)) });
  }
  report.charts.forEach((chart, i) => drawChart(ctx, chart, i));
}

function noteHeight(ctx: PdfCtx, report: MonthlyReport): number {
  if (!report.generatedNote.trim()) return 0;
  setFont(ctx, 'italic', SIZE.note);
  return ctx.doc.heightOfString(report.generatedNote.trim(), { width: ctx.width, align: 'justify' });
}

/**
 * The last section, the closing block and the note. The last paragraph (and the heading, when it is the
 * section's only paragraph) goes to the next page together with the signature when they do not fit
 * below each other, so the signature block is never alone on a page (render.test.ts "keeps the
 * signature block on the page of the last lines of text").
 */
function drawLastSection(ctx: PdfCtx, report: MonthlyReport, heading: string, paragraphs: string[]): void {
  const last = paragraphs[paragraphs.length - 1];
  const tail = bodyParagraphHeight(ctx, last) + closingBlockHeight(ctx, report) + noteHeight(ctx, report);
  const page = bottomY(ctx) - topY(ctx);
  const withHeading = paragraphs.length === 1 ? sectionHeadingHeight(ctx, heading) + tail : 0;
  if (withHeading > 0 && withHeading <= page) ensureSpace(ctx, withHeading);
  sectionHeading(ctx, heading);
  drawParagraphs(ctx, paragraphs.slice(0, -1));
  if (tail <= page) ensureSpace(ctx, tail);
  bodyParagraph(ctx, last);
  drawClosingBlock(ctx, report);
  if (report.generatedNote.trim()) {
    setFont(ctx, 'italic', SIZE.note);
    ctx.doc.text(report.generatedNote.trim(), ctx.left, ctx.doc.y, { width: ctx.width, align: 'justify' });
  }
}

function drawBody(ctx: PdfCtx, report: MonthlyReport): void {
  drawHeaderBlock(ctx, report);
  drawTitleBlock(ctx, report);
  drawParagraphs(ctx, report.intro);
  sectionHeading(ctx, SECTION_HEADINGS.general);
  drawParagraphs(ctx, highlightLines(report));
  drawModelsSection(ctx, report);
  sectionHeading(ctx, SECTION_HEADINGS.problems);
  drawParagraphs(ctx, sectionParagraphs(report.problems));
  drawLastSection(ctx, report, SECTION_HEADINGS.nextTasks, sectionParagraphs(report.nextTasks));
}

/** Renders the report as an A4 PDF. Throws if no usable serif font is installed. */
export async function renderPdf(report: MonthlyReport, options: RenderPdfOptions = {}): Promise<Buffer> {
  const ctx = createDocument(report, options);
  const done = collect(ctx.doc);
  drawBody(ctx, report);
  drawPageNumbers(ctx);
  ctx.doc.end();
  return done;
}
