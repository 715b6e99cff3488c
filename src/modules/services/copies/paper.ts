/**
 * The bản sao điện tử được chứng thực từ bản chính (DOMAIN-SERVICES.md §5): the scanned images of the whole
 * original, one page each, then the certification statement (lời chứng) with its register number, the page
 * count of the original, who compared and certified it and when, and the QR of its public verification;
 * the unit's PAdES signature covers the whole file. A scan handed in as a PDF is embedded in the signed file
 * as an attachment (pdfkit cannot draw another PDF's pages) and named with its SHA-256 in the statement.
 * The layout of the official lời chứng (TT 01/2020/TT-BTP) was not read [U]; the words follow its practice.
 */
import { documentDateWords, formatNumber, vietnamDay } from '../../../platform/format.js';
import { FormWriter, PAGE, SIZE, mmToPt } from '../receipt/pdf-form.js';
import { NATIONAL_MOTTO, NATIONAL_NAME, upperVi } from '../receipt/wording.js';
import { SIGNED_HINT, finishSealed, verificationQr, type Sealing } from '../receipt/sealed.js';
import type { CheckedUpload } from '../uploads.js';

export const COPY_TITLE = 'Bản sao điện tử được chứng thực từ bản chính';

export interface CopyPaperData {
  registerNumber: string;
  issuedAt: Date;
  /** The unit: 'Ủy ban nhân dân xã Tân Hòa' and the place of the date line. */
  unit: { authority: string; place: string };
  requesterName: string;
  documentName: string;
  pages: number;
  copies: number;
  feePerCopy: number;
  dossierCode: string | null;
  certifier: string;
  scans: CheckedUpload[];
}

const vnd = (n: number) => `${formatNumber(n)} đồng`;

/** One scanned image per page, as large as the page allows, with its place in the original above it. */
function drawImages(form: FormWriter, images: CheckedUpload[]): void {
  const { doc } = form;
  const margin = mmToPt(12);
  images.forEach((img, i) => {
    if (i > 0) doc.addPage({ size: [PAGE.width, PAGE.height], margin });
    form.font('italic', SIZE.note);
    doc.text(`Bản chụp bản chính — ảnh ${i + 1}/${images.length}`, margin, margin, { width: PAGE.width - 2 * margin, align: 'center' });
    doc.image(img.content, margin, margin + 20, { fit: [PAGE.width - 2 * margin, PAGE.height - 2 * margin - 20], align: 'center', valign: 'center' });
  });
  doc.addPage();
}

export function renderCopyPdf(data: CopyPaperData, seal: Sealing): Promise<Buffer> {
  const form = new FormWriter({ title: `${COPY_TITLE} số ${data.registerNumber}`, subject: data.documentName, author: data.unit.authority });
  const images = data.scans.filter((s) => s.mediaType !== 'application/pdf');
  const attached = data.scans.filter((s) => s.mediaType === 'application/pdf');
  if (images.length) drawImages(form, images);
  attached.forEach((s, i) => {
    form.doc.file(s.content, { name: `ban-chup-${i + 1}.pdf`, type: 'application/pdf', description: `Bản chụp bản chính: ${s.fileName}` });
  });

  const day = documentDateWords(vietnamDay(data.issuedAt));
  form.header({ name: upperVi(data.unit.authority) }, { name: NATIONAL_NAME, motto: NATIONAL_MOTTO }, `${data.unit.place}, ${day}`);
  form.title('LỜI CHỨNG');
  form.centred(COPY_TITLE, 'bold');
  form.gap(6);
  verificationQr(form, `${data.registerNumber}`, seal);
  form.field('Giấy tờ, văn bản được chứng thực', data.documentName, 'bold');
  form.field('Người yêu cầu chứng thực', data.requesterName, 'bold');
  form.field('Số trang của bản chính', String(data.pages));
  form.field('Số bản sao', String(data.copies));
  if (data.dossierCode) form.field('Hồ sơ', data.dossierCode);
  form.field('Phí chứng thực', `${vnd(data.feePerCopy)}/bản × ${data.copies} bản = ${vnd(data.feePerCopy * data.copies)}`);
  const parts: string[] = [];
  if (images.length) parts.push(`${images.length} ảnh chụp ở các trang đầu của tệp này`);
  attached.forEach((s, i) => parts.push(`tệp đính kèm ban-chup-${i + 1}.pdf (SHA-256 ${s.sha256})`));
  form.paragraph(`Bản chụp màu toàn bộ bản chính: ${parts.join('; ')}.`, 'regular', SIZE.note);
  form.gap(6);
  form.paragraph(
    `Chứng thực bản sao đúng với bản chính. Bản chính gồm ${data.pages} trang, đã được ${data.certifier} đối chiếu trực tiếp `
    + `${day}. Bản sao điện tử này có giá trị sử dụng thay cho bản chính đã dùng để đối chiếu chứng thực trong các giao dịch, `
    + 'trừ trường hợp pháp luật có quy định khác.', 'regular',
  );
  form.paragraph(`Số chứng thực: ${data.registerNumber}`, 'bold');
  form.signatures([{ caption: ['NGƯỜI THỰC HIỆN CHỨNG THỰC'], hint: SIGNED_HINT, name: data.certifier }]);
  return finishSealed(form, seal);
}
