/**
 * The layout helpers all four papers are drawn with: an A4 page in the layout of Vietnamese
 * administrative documents (Nghị định 30/2020/NĐ-CP, Phụ lục I: margins, the unit top left and the
 * national name top right, each over a short rule), labelled fields, numbered lists, a ruled table,
 * the dossier code beside its QR, and signature blocks side by side. pdfkit flows text down the
 * page; blocks that must not split (a signature block, a table row) are measured first.
 */
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { registerSerifFonts, type FontFamily, type FontStyle } from '../../../platform/pdf-fonts.js';

type Doc = InstanceType<typeof PDFDocument>;

export const mmToPt = (mm: number): number => (mm * 72) / 25.4;

/** A4 in points, margins inside the ranges of Phụ lục I (top/bottom 20–25 mm, left 30–35, right 15–20). */
export const PAGE = { width: 595.28, height: 841.89 } as const;
export const MARGINS_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;

/** Type sizes (points): a form fits its fields on one page at 12.5; tables and lists a size less. */
export const SIZE = { body: 12.5, header: 12, nationalName: 12, title: 14, table: 11.5, note: 11 } as const;

/** Share of the text width taken by the unit's column in the header. */
export const HEADER_LEFT_SHARE = 0.42;
/** Space left for a handwritten signature between a caption and the name. */
export const SIGNATURE_SPACE_PT = mmToPt(20);

const LINE_GAP = 1.5;
const RULE_WIDTH = 0.6;

export interface FormInfo {
  title: string;
  subject: string;
  author: string;
}

export interface TableColumn {
  heading: string;
  /** Share of the text width. */
  share: number;
  align: 'left' | 'center' | 'right';
}

export interface SignatureBlock {
  caption: readonly string[];
  hint?: string;
  name: string;
}

export class FormWriter {
  readonly doc: Doc;
  readonly left: number;
  readonly width: number;
  private readonly done: Promise<Buffer>;

  constructor(info: FormInfo, fontFamilies?: FontFamily[]) {
    const margins = {
      top: mmToPt(MARGINS_MM.top), bottom: mmToPt(MARGINS_MM.bottom), left: mmToPt(MARGINS_MM.left), right: mmToPt(MARGINS_MM.right),
    };
    this.doc = new PDFDocument({
      size: [PAGE.width, PAGE.height], margins, autoFirstPage: true, lang: 'vi-VN',
      info: { Title: info.title, Subject: info.subject, Author: info.author },
    });
    registerSerifFonts(this.doc, fontFamilies);
    this.left = margins.left;
    this.width = PAGE.width - margins.left - margins.right;
    const chunks: Buffer[] = [];
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
  }

  get y(): number {
    return this.doc.y;
  }

  font(style: FontStyle, size: number): this {
    this.doc.font(style).fontSize(size).fillColor('black');
    return this;
  }

  private bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page when fewer than `needed` points are left. */
  keepTogether(needed: number): void {
    if (this.doc.y + needed > this.bottom()) this.doc.addPage();
  }

  gap(points: number): void {
    this.doc.y += points;
  }

  private rule(centreX: number, y: number, length: number): void {
    this.doc.save().lineWidth(RULE_WIDTH).strokeColor('black').moveTo(centreX - length / 2, y).lineTo(centreX + length / 2, y).stroke().restore();
  }

  /** Centred lines in a column from `y`; returns the y below them. */
  private column(lines: { text: string; style: FontStyle; size: number }[], x: number, width: number, y: number): number {
    let cursor = y;
    for (const line of lines) {
      this.font(line.style, line.size);
      const height = this.doc.heightOfString(line.text, { width, lineGap: 1 });
      this.doc.text(line.text, x, cursor, { width, align: 'center', lineGap: 1 });
      cursor += height;
    }
    return cursor;
  }

  /**
   * The unit (parent authority, then the unit in bold) on the left and the national name and motto on
   * the right, each with its rule; the place and date below on the right.
   */
  header(unit: { parent?: string; name: string }, national: { name: string; motto: string }, placeAndDate: string): void {
    const leftWidth = this.width * HEADER_LEFT_SHARE;
    const rightX = this.left + leftWidth;
    const rightWidth = this.width - leftWidth;
    const top = this.doc.page.margins.top;
    const unitLines = [
      ...(unit.parent ? [{ text: unit.parent, style: 'regular' as const, size: SIZE.header }] : []),
      { text: unit.name, style: 'bold' as const, size: SIZE.header },
    ];
    // A few points between the columns so a long unit name never runs into the national name.
    const leftBottom = this.column(unitLines, this.left, leftWidth - 4, top);
    this.font('bold', SIZE.header);
    this.rule(this.left + leftWidth / 2, leftBottom + 3, Math.min(leftWidth * 0.8, Math.max(mmToPt(15), this.doc.widthOfString(unit.name) * 0.4)));
    const rightBottom = this.column(
      [{ text: national.name, style: 'bold', size: SIZE.nationalName }, { text: national.motto, style: 'bold', size: SIZE.header }],
      rightX + 4, rightWidth - 4, top,
    );
    this.font('bold', SIZE.header);
    this.rule(rightX + rightWidth / 2, rightBottom + 3, Math.min(rightWidth, this.doc.widthOfString(national.motto)));
    const dateBottom = this.column([{ text: placeAndDate, style: 'italic', size: SIZE.header }], rightX, rightWidth, Math.max(leftBottom, rightBottom) + 10);
    this.doc.x = this.left;
    this.doc.y = dateBottom + 10;
  }

  /** The paper's name in capitals, centred. */
  title(text: string): void {
    this.font('bold', SIZE.title);
    this.doc.text(text, this.left, this.doc.y, { width: this.width, align: 'center', lineGap: LINE_GAP });
    this.doc.y += 8;
  }

  /** A centred line under the title (Kính gửi: …). */
  centred(text: string, style: FontStyle = 'regular', size: number = SIZE.body): void {
    this.font(style, size);
    this.doc.text(text, this.left, this.doc.y, { width: this.width, align: 'center', lineGap: LINE_GAP });
    this.doc.y += 4;
  }

  /** The QR at the right, with text lines to its left; continues below whichever is lower. */
  qrBeside(payload: string, sideMm: number, lines: { text: string; style: FontStyle; size?: number }[]): void {
    const side = mmToPt(sideMm);
    this.keepTogether(side + 4);
    const top = this.doc.y;
    const qrLeft = this.left + this.width - side;
    this.drawQr(payload, qrLeft, top, side);
    const textWidth = this.width - side - mmToPt(6);
    let cursor = top + 2;
    for (const line of lines) {
      this.font(line.style, line.size ?? SIZE.body);
      this.doc.text(line.text, this.left, cursor, { width: textWidth, lineGap: LINE_GAP });
      cursor = this.doc.y + 2;
    }
    this.doc.x = this.left;
    this.doc.y = Math.max(cursor, top + side) + 5;
  }

  private drawQr(payload: string, left: number, top: number, side: number): void {
    // Level M survives a smudge or a fold; a look-up link of ~80 characters stays at version 5 or 6.
    const code = QRCode.create(payload, { errorCorrectionLevel: 'M' });
    const count = code.modules.size;
    // Four modules of quiet zone inside the printed square, as ISO/IEC 18004 asks.
    const unit = side / (count + 8);
    const { doc } = this;
    doc.save();
    for (let row = 0; row < count; row++) {
      for (let col = 0; col < count; col++) {
        if (code.modules.get(row, col)) doc.rect(left + (col + 4) * unit, top + (row + 4) * unit, unit, unit);
      }
    }
    doc.fill('black').restore();
  }

  /** 'Label: value' with the value in `valueStyle`; wraps under the label. */
  field(label: string, value: string, valueStyle: FontStyle = 'regular', size: number = SIZE.body): void {
    this.font('regular', size);
    this.doc.text(`${label}: `, this.left, this.doc.y, { width: this.width, continued: true, lineGap: LINE_GAP });
    this.font(valueStyle, size);
    this.doc.text(value, { width: this.width, lineGap: LINE_GAP });
    this.doc.y += 2;
  }

  paragraph(text: string, style: FontStyle = 'regular', size: number = SIZE.body, indent = 0): void {
    this.font(style, size);
    this.doc.text(text, this.left + indent, this.doc.y, { width: this.width - indent, align: 'justify', lineGap: LINE_GAP });
    this.doc.y += 2;
  }

  /** Items numbered 1., 2., … (or marked with a dash), each wrapped under its own text. */
  list(items: string[], marker: 'number' | 'dash', size: number = SIZE.body, indent = mmToPt(5)): void {
    items.forEach((item, i) => {
      const mark = marker === 'number' ? `${i + 1}.` : '-';
      this.font('regular', size);
      const markWidth = mmToPt(7);
      const height = this.doc.heightOfString(item, { width: this.width - indent - markWidth, lineGap: LINE_GAP });
      this.keepTogether(Math.min(height, this.doc.currentLineHeight(true) * 2));
      const y = this.doc.y;
      this.doc.text(mark, this.left + indent, y, { width: markWidth, lineGap: LINE_GAP });
      this.doc.text(item, this.left + indent + markWidth, y, { width: this.width - indent - markWidth, align: 'justify', lineGap: LINE_GAP });
      this.doc.y += 1;
    });
  }

  /** A ruled table with a bold heading row; a row never splits across pages and the heading repeats on a new page. */
  table(columns: TableColumn[], rows: string[][], size: number = SIZE.table): void {
    const widths = columns.map((c) => c.share * this.width);
    const pad = 3;
    const heightOf = (cells: string[], style: FontStyle) => {
      this.font(style, size);
      return Math.max(...cells.map((text, i) => this.doc.heightOfString(text, { width: widths[i] - 2 * pad }))) + 2 * pad;
    };
    const drawRow = (cells: string[], style: FontStyle) => {
      const height = heightOf(cells, style);
      const top = this.doc.y;
      let x = this.left;
      cells.forEach((text, i) => {
        this.font(style, size);
        this.doc.text(text, x + pad, top + pad, { width: widths[i] - 2 * pad, align: style === 'bold' ? 'center' : columns[i].align });
        this.doc.save().lineWidth(0.5).strokeColor('black').rect(x, top, widths[i], height).stroke().restore();
        x += widths[i];
      });
      this.doc.x = this.left;
      this.doc.y = top + height;
    };
    const heading = columns.map((c) => c.heading);
    this.keepTogether(heightOf(heading, 'bold') + (rows[0] ? heightOf(rows[0], 'regular') : 0));
    drawRow(heading, 'bold');
    for (const row of rows) {
      const height = heightOf(row, 'regular');
      if (this.doc.y + height > this.bottom()) {
        this.doc.addPage();
        drawRow(heading, 'bold');
      }
      drawRow(row, 'regular');
    }
    this.doc.y += 6;
  }

  /** Signature blocks side by side in equal columns (one block sits in the right half), kept on one page. */
  signatures(blocks: SignatureBlock[]): void {
    const columns = blocks.length === 1 ? 2 : blocks.length;
    const width = this.width / columns;
    const firstColumn = columns - blocks.length;
    const captionHeight = (b: SignatureBlock) => {
      this.font('bold', SIZE.body);
      const caption = b.caption.reduce((h, line) => h + this.doc.heightOfString(line, { width, lineGap: 1 }), 0);
      this.font('italic', SIZE.note);
      return caption + (b.hint ? this.doc.heightOfString(b.hint, { width, lineGap: 1 }) : 0);
    };
    const captionsHeight = Math.max(...blocks.map(captionHeight));
    this.font('bold', SIZE.body);
    const nameHeight = this.doc.currentLineHeight(true) * 2;
    this.doc.y += 10;
    this.keepTogether(captionsHeight + SIGNATURE_SPACE_PT + nameHeight);
    const top = this.doc.y;
    let bottom = top;
    blocks.forEach((block, i) => {
      const x = this.left + (firstColumn + i) * width;
      const lines = [
        ...block.caption.map((text) => ({ text, style: 'bold' as const, size: SIZE.body })),
        ...(block.hint ? [{ text: block.hint, style: 'italic' as const, size: SIZE.note }] : []),
      ];
      this.column(lines, x, width, top);
      bottom = Math.max(bottom, this.column([{ text: block.name, style: 'bold', size: SIZE.body }], x, width, top + captionsHeight + SIGNATURE_SPACE_PT));
    });
    this.doc.x = this.left;
    this.doc.y = bottom + 10;
  }

  /** Ends the document and gives its bytes. */
  finish(): Promise<Buffer> {
    this.doc.end();
    return this.done;
  }
}
