/**
 * Drawing helpers for the PDF report: the page frame, body paragraphs and headings, the header
 * block (issuer / national name) and the closing block (recipients / signature). pdfkit flows text
 * down the page by itself; the two-column blocks are placed by hand because pdfkit has no
 * borderless layout table, and measured first so a block is never split across two pages.
 */
import type PDFDocument from 'pdfkit';
import { CLOSING_LEFT_SHARE, FIRST_LINE_INDENT_MM, HEADER_LEFT_SHARE, SIZE, mmToPt } from './layout.js';
import { NATIONAL_MOTTO, RECIPIENTS_HEADING, recipientLines, upper, type Para, type TextStyle } from './format.js';
import type { MonthlyReport } from './types.js';

type Doc = InstanceType<typeof PDFDocument>;

/** The document plus the text block's horizontal extent, which pdfkit does not keep for us. */
export interface PdfCtx {
  doc: Doc;
  left: number;
  width: number;
}

export const INDENT_PT = mmToPt(FIRST_LINE_INDENT_MM);
const LINE_GAP = 2;
const PARAGRAPH_GAP = 6;
const RULE_WIDTH = 0.6;
/** Distance of a rule below the line box of the text it underlines, clear of descenders and diacritics. */
const RULE_DROP = 4;

export const bottomY = (ctx: PdfCtx): number => ctx.doc.page.height - ctx.doc.page.margins.bottom;
export const topY = (ctx: PdfCtx): number => ctx.doc.page.margins.top;

export function setFont(ctx: PdfCtx, style: TextStyle, size: number): void {
  ctx.doc.font(style).fontSize(size).fillColor('black');
}

/** Starts a new page when fewer than `needed` points are left, so a block stays in one piece. */
export function ensureSpace(ctx: PdfCtx, needed: number): void {
  if (ctx.doc.y + needed > bottomY(ctx)) {
    ctx.doc.addPage();
    ctx.doc.y = topY(ctx);
  }
}

export function horizontalRule(ctx: PdfCtx, centreX: number, y: number, length: number): void {
  ctx.doc.save().lineWidth(RULE_WIDTH).strokeColor('black')
    .moveTo(centreX - length / 2, y).lineTo(centreX + length / 2, y).stroke().restore();
}

/** A justified body paragraph with a first-line indent, as Phụ lục I asks. */
export function bodyParagraph(ctx: PdfCtx, text: string, style: TextStyle = 'regular', size: number = SIZE.body): void {
  setFont(ctx, style, size);
  ctx.doc.text(text, ctx.left, ctx.doc.y, {
    width: ctx.width, align: 'justify', indent: INDENT_PT, lineGap: LINE_GAP, paragraphGap: PARAGRAPH_GAP,
  });
}

/** Height a body paragraph takes, its gap after included. */
export function bodyParagraphHeight(ctx: PdfCtx, text: string, style: TextStyle = 'regular', size: number = SIZE.body): number {
  setFont(ctx, style, size);
  return ctx.doc.heightOfString(text, { width: ctx.width, align: 'justify', indent: INDENT_PT, lineGap: LINE_GAP }) + PARAGRAPH_GAP;
}

/** Height of a section heading as sectionHeading draws it. */
export function sectionHeadingHeight(ctx: PdfCtx, text: string): number {
  setFont(ctx, 'bold', SIZE.body);
  return ctx.doc.currentLineHeight(true) * 0.3 + ctx.doc.heightOfString(text, { width: ctx.width, indent: INDENT_PT, lineGap: LINE_GAP }) + PARAGRAPH_GAP;
}

/** A section heading; kept with at least two lines of what follows. */
export function sectionHeading(ctx: PdfCtx, text: string): void {
  setFont(ctx, 'bold', SIZE.body);
  ensureSpace(ctx, ctx.doc.currentLineHeight(true) * 3);
  ctx.doc.moveDown(0.3);
  ctx.doc.text(text, ctx.left, ctx.doc.y, { width: ctx.width, indent: INDENT_PT, lineGap: LINE_GAP, paragraphGap: PARAGRAPH_GAP });
}

export function centredLine(ctx: PdfCtx, text: string, style: TextStyle, size: number, gapAfter = 0): void {
  setFont(ctx, style, size);
  ctx.doc.text(text, ctx.left, ctx.doc.y, { width: ctx.width, align: 'center', lineGap: LINE_GAP, paragraphGap: gapAfter });
}

/** Writes centred lines in a column starting at y and returns the y below them. */
function columnLines(ctx: PdfCtx, paras: Para[], x: number, width: number, y: number, size: number): number {
  let cursor = y;
  for (const para of paras) {
    setFont(ctx, para.style, size);
    const align = para.align ?? 'center';
    const h = ctx.doc.heightOfString(para.text, { width, lineGap: 1 });
    ctx.doc.text(para.text, x, cursor, { width, align, lineGap: 1, height: h + 1 });
    cursor += h;
  }
  return cursor;
}

function columnHeight(ctx: PdfCtx, paras: Para[], width: number, size: number): number {
  return paras.reduce((sum, para) => {
    setFont(ctx, para.style, size);
    return sum + ctx.doc.heightOfString(para.text, { width, lineGap: 1 });
  }, 0);
}

/** Issuer and national name side by side, each with its rule, then the number and place-and-date lines on one level. */
export function drawHeaderBlock(ctx: PdfCtx, report: MonthlyReport): void {
  const { doc } = ctx;
  const leftW = ctx.width * HEADER_LEFT_SHARE;
  const rightX = ctx.left + leftW;
  const rightW = ctx.width - leftW;
  const y0 = topY(ctx);

  const issuer = report.issuer.map((line, i): Para => ({ text: upper(line), style: i === report.issuer.length - 1 ? 'bold' : 'regular' }));
  const leftBottom = columnLines(ctx, issuer, ctx.left, leftW, y0, SIZE.header);
  setFont(ctx, 'bold', SIZE.header);
  const lastIssuer = issuer[issuer.length - 1]?.text ?? '';
  // Phụ lục I: the rule under the issuer is a third to a half of the line above it.
  const issuerRule = Math.min(leftW * 0.9, Math.max(mmToPt(15), doc.widthOfString(lastIssuer) * 0.4));
  horizontalRule(ctx, ctx.left + leftW / 2, leftBottom + RULE_DROP, issuerRule);

  let rightBottom = columnLines(ctx, [{ text: NATIONAL_MOTTO.name, style: 'bold' }], rightX, rightW, y0, SIZE.nationalName);
  rightBottom = columnLines(ctx, [{ text: NATIONAL_MOTTO.motto, style: 'bold' }], rightX, rightW, rightBottom, SIZE.header);
  setFont(ctx, 'bold', SIZE.header);
  // The rule under the motto is as long as the motto itself.
  horizontalRule(ctx, rightX + rightW / 2, rightBottom + RULE_DROP, Math.min(rightW, doc.widthOfString(NATIONAL_MOTTO.motto)));

  const lineY = Math.max(leftBottom, rightBottom) + 10;
  const numberBottom = columnLines(ctx, [{ text: report.number, style: 'regular' }], ctx.left, leftW, lineY, SIZE.header);
  const dateBottom = columnLines(ctx, [{ text: report.placeAndDate, style: 'italic' }], rightX, rightW, lineY, SIZE.header);
  doc.x = ctx.left;
  doc.y = Math.max(numberBottom, dateBottom) + 18;
}

/** "BÁO CÁO", the title and the short rule under the title. */
export function drawTitleBlock(ctx: PdfCtx, report: MonthlyReport): void {
  centredLine(ctx, upper(report.kind), 'bold', SIZE.body);
  centredLine(ctx, report.title, 'bold', SIZE.body);
  setFont(ctx, 'bold', SIZE.body);
  const ruleLength = Math.min(ctx.width * 0.4, ctx.doc.widthOfString(report.title) * 0.4);
  horizontalRule(ctx, ctx.left + ctx.width / 2, ctx.doc.y + RULE_DROP, Math.max(mmToPt(20), ruleLength));
  ctx.doc.y += 16;
}

function recipientParas(report: MonthlyReport): { heading: Para[]; lines: Para[] } {
  return {
    heading: [{ text: RECIPIENTS_HEADING, style: 'boldItalic', align: 'left' }],
    lines: recipientLines(report.recipients).map((text): Para => ({ text, style: 'regular', align: 'left' })),
  };
}

function signatureParas(report: MonthlyReport): { top: Para[]; name: Para[] } {
  const { authority, title, name } = report.signature;
  const top = [...authority, title].filter((l) => l.trim()).map((text): Para => ({ text: upper(text), style: 'bold' }));
  return { top, name: [{ text: name, style: 'bold' }] };
}

/** Space left for the signature and seal between the title and the signer's name. */
const SIGNATURE_SPACE = 64;

const CLOSING_GAP_BEFORE = 10;
const CLOSING_GAP_AFTER = 18;

function closingGeometry(ctx: PdfCtx, report: MonthlyReport) {
  const leftW = ctx.width * CLOSING_LEFT_SHARE;
  const rightW = ctx.width - leftW;
  const recipients = recipientParas(report);
  const signature = signatureParas(report);
  const leftH = columnHeight(ctx, recipients.heading, leftW, SIZE.recipientsHeading) + columnHeight(ctx, recipients.lines, leftW, SIZE.recipients);
  const rightH = columnHeight(ctx, signature.top, rightW, SIZE.body) + SIGNATURE_SPACE + columnHeight(ctx, signature.name, rightW, SIZE.body);
  return { leftW, rightX: ctx.left + leftW, rightW, recipients, signature, height: Math.max(leftH, rightH) };
}

/** Height of the closing block with the gaps around it (closingBlockHeight + drawClosingBlock agree). */
export function closingBlockHeight(ctx: PdfCtx, report: MonthlyReport): number {
  return CLOSING_GAP_BEFORE + closingGeometry(ctx, report).height + CLOSING_GAP_AFTER;
}

/**
 * Recipients on the left, signature on the right, started on a new page if they would not fit (the
 * caller, render-pdf.ts, moves the last lines of text along with it so the signature never stands alone).
 */
export function drawClosingBlock(ctx: PdfCtx, report: MonthlyReport): void {
  const { leftW, rightX, rightW, recipients, signature, height } = closingGeometry(ctx, report);
  ctx.doc.y += CLOSING_GAP_BEFORE;
  ensureSpace(ctx, height);

  const y0 = ctx.doc.y;
  let leftBottom = columnLines(ctx, recipients.heading, ctx.left, leftW, y0 + 2, SIZE.recipientsHeading);
  leftBottom = columnLines(ctx, recipients.lines, ctx.left, leftW, leftBottom, SIZE.recipients);
  const signTop = columnLines(ctx, signature.top, rightX, rightW, y0, SIZE.body);
  const rightBottom = columnLines(ctx, signature.name, rightX, rightW, signTop + SIGNATURE_SPACE, SIZE.body);
  ctx.doc.x = ctx.left;
  ctx.doc.y = Math.max(leftBottom, rightBottom) + CLOSING_GAP_AFTER;
}

/** Page numbers centred in the top margin from page 2 on, as Phụ lục I asks (page 1 shows none). */
export function drawPageNumbers(ctx: PdfCtx): void {
  const { doc } = ctx;
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    setFont(ctx, 'regular', SIZE.header);
    doc.text(String(i + 1), ctx.left, topY(ctx) / 2 - 6, { width: ctx.width, align: 'center', height: 20, lineBreak: false });
  }
}
