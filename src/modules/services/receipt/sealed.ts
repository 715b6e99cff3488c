/**
 * What a result paper carries when the documents module signs it (issue 16): the QR leads to the public
 * verification of this very document instead of the dossier's look-up, a development certificate is said
 * in words on the paper, and the signature field is added just before the PDF ends.
 */
import type PDFDocument from 'pdfkit';
import { FormWriter, SIZE } from './pdf-form.js';
import { QR_SIDE_MM } from './wording.js';

/** Under the signature caption of a signed paper (no ink signature, no stamp: the PAdES signature stands for both). */
export const SIGNED_HINT = '(Đã ký số)';

export interface Sealing {
  verifyUrl: string;
  development: boolean;
  developmentNotice: string;
  placeholder: (doc: InstanceType<typeof PDFDocument>) => void;
}

/** The QR block of a signed result: its number, the verification link. */
export function verificationQr(form: FormWriter, number: string, seal: Sealing): void {
  const top = form.y;
  form.qrBeside(seal.verifyUrl, QR_SIDE_MM, [
    { text: `Số: ${number}`, style: 'bold' },
    { text: 'Văn bản điện tử có chữ ký số. Kiểm tra tính xác thực bằng mã QR hoặc tại:', style: 'italic', size: SIZE.note },
    { text: seal.verifyUrl, style: 'regular', size: SIZE.note },
  ]);
  // The block is also a link (a reader on a screen opens the verification without a camera).
  form.doc.link(form.left, top, form.width, form.y - top, seal.verifyUrl);
  if (seal.development) form.paragraph(seal.developmentNotice, 'bold', SIZE.note);
}

/** Ends the paper, with the signature field when it is to be signed. */
export function finishSealed(form: FormWriter, seal: Sealing | undefined): Promise<Buffer> {
  seal?.placeholder(form.doc);
  return form.finish();
}
