import PDFDocument from 'pdfkit';
import { documentDateWords, formatNumber, formatTimeWords, vietnamDay } from '../../platform/format.js';
import { registerSerifFonts, type FontFamily } from '../../platform/pdf-fonts.js';
import { dongInWords } from './words.js';

/**
 * The e-receipt (biên lai điện tử thu phí, lệ phí) of a confirmed payment, with the minimum content of
 * DOMAIN-SERVICES.md §6.4 (NĐ 123/2020, NĐ 254/2026): the kind of receipt; form symbol, series and number;
 * the collecting organisation's name and tax code; the payer's name and ID; the fee; the amount in digits and
 * in words; the date; and the collector's signature block. The PDF is drawn from the stored receipt each time
 * (same content, same number); it is not digitally signed yet, and says so on its face.
 */
export interface ReceiptContent {
  formSymbol: string;
  series: string;
  number: number;
  /** `<series>-<number, 7 digits>`: how the API and the payer refer to it. */
  numberText: string;
  collector: { name: string; taxCode: string };
  payer: { name: string; personalId: string | null };
  purpose: string;
  /** The code of what was paid for (a dossier code). */
  subjectCode: string | null;
  reference: string;
  transactionId: string;
  amount: number;
  paidAt: Date;
  issuedAt: Date;
  /** Paid to the development sample account: the receipt says it has no value. */
  sample: boolean;
}

export const RECEIPT_TITLE = 'BIÊN LAI THU PHÍ, LỆ PHÍ';
export const RECEIPT_KIND = 'Biên lai điện tử thu phí, lệ phí';
export const NOT_SIGNED_NOTE = 'Biên lai điện tử này chưa được ký số; bản có chữ ký số của tổ chức thu được cấp khi hệ thống ký số của đơn vị được kết nối.';
export const SAMPLE_NOTE = 'BẢN MẪU — NỘP VÀO TÀI KHOẢN MẪU, KHÔNG CÓ GIÁ TRỊ THANH TOÁN';

const MM = 72 / 25.4;

export async function renderReceiptPdf(c: ReceiptContent, fontFamilies?: FontFamily[]): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A5', layout: 'landscape', margins: { top: 12 * MM, bottom: 12 * MM, left: 15 * MM, right: 15 * MM }, lang: 'vi-VN',
    info: { Title: `${RECEIPT_KIND} ${c.numberText}`, Subject: c.purpose, Author: c.collector.name },
  });
  registerSerifFonts(doc, fontFamilies);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const half = width / 2;

  // Header: the collector on the left, the receipt's symbols on the right.
  const top = doc.y;
  doc.font('bold').fontSize(10.5).text(c.collector.name.toLocaleUpperCase('vi-VN'), left, top, { width: half });
  doc.font('regular').fontSize(10).text(`Mã số thuế: ${c.collector.taxCode}`, left, doc.y, { width: half });
  const leftBottom = doc.y;
  doc.font('regular').fontSize(10)
    .text(`Ký hiệu mẫu: ${c.formSymbol}`, left + half, top, { width: half, align: 'right' })
    .text(`Ký hiệu: ${c.series}`, { width: half, align: 'right' })
    .text(`Số: ${String(c.number).padStart(7, '0')}`, { width: half, align: 'right' });
  doc.y = Math.max(leftBottom, doc.y) + 8;

  doc.font('bold').fontSize(15).text(RECEIPT_TITLE, left, doc.y, { width, align: 'center' });
  doc.font('italic').fontSize(10).text(`(${RECEIPT_KIND})`, { width, align: 'center' });
  doc.font('italic').fontSize(10).text(documentDateWords(vietnamDay(c.issuedAt)), { width, align: 'center' });
  if (c.sample) doc.moveDown(0.3).font('bold').fontSize(10.5).fillColor('#b00020').text(SAMPLE_NOTE, { width, align: 'center' }).fillColor('black');
  doc.moveDown(0.6);

  const field = (label: string, value: string, style: 'regular' | 'bold' = 'regular') => {
    doc.font('regular').fontSize(11.5).text(`${label}: `, left, doc.y, { width, continued: true }).font(style).text(value);
  };
  field('Tên người nộp', c.payer.name, 'bold');
  if (c.payer.personalId) field('Số định danh cá nhân', c.payer.personalId);
  field('Tên loại phí, lệ phí', c.purpose);
  if (c.subjectCode) field('Mã hồ sơ', c.subjectCode);
  field('Số tiền', `${formatNumber(c.amount)} đồng`, 'bold');
  field('Bằng chữ', dongInWords(c.amount));
  field('Hình thức thanh toán', 'Chuyển khoản (VietQR)');
  field('Mã thanh toán / mã giao dịch', `${c.reference} / ${c.transactionId}`);
  field('Thời điểm thanh toán', formatTimeWords(c.paidAt));

  doc.moveDown(0.8);
  const signTop = doc.y;
  doc.font('bold').fontSize(11).text('Người nộp tiền', left, signTop, { width: half, align: 'center' });
  doc.font('bold').fontSize(11).text('Người thu tiền', left + half, signTop, { width: half, align: 'center' });
  doc.font('italic').fontSize(9.5).text('(Ký số của tổ chức thu)', left + half, doc.y, { width: half, align: 'center' });
  doc.moveDown(1.2);
  doc.font('italic').fontSize(9).text(NOT_SIGNED_NOTE, left, doc.y, { width, align: 'center' });
  doc.end();
  return done;
}
