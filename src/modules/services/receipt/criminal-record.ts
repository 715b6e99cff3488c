/**
 * The phiếu lý lịch tư pháp (criminal-record certificate) a province's justice department issues at the approval
 * of a request (Luật Lý lịch tư pháp 28/2009/QH12 Art. 41–43 [U]: the certificate's content is not in the research
 * notes; the layout follows the other papers of this folder). Signed by the documents module when `seal` is given.
 */
import { formatIsoDate } from '../../../platform/format.js';
import { FormWriter, SIZE } from './pdf-form.js';
import { NATIONAL_MOTTO, NATIONAL_NAME, QR_SIDE_MM, SEAL_HINT, lookupLink, placeAndDate, upperVi } from './wording.js';
import type { DossierPaperBase, Signer } from './index.js';
import type { RenderFormOptions } from './render.js';
import { SIGNED_HINT, finishSealed, verificationQr, type Sealing } from './sealed.js';

export const NO_CONVICTION = 'Không có án tích';

export interface CriminalRecordData extends DossierPaperBase {
  /** Phiếu số 1 or số 2 (the applicant's choice in the request). */
  formType: '1' | '2';
  subject: { fullName: string; sex?: string; birthDate?: string; personalId: string; permanentAddress?: string };
  /** The request's purpose, as the applicant stated it. */
  purpose?: string;
  /** null: no conviction on record; otherwise the convictions as the handling officer recorded them. */
  convictions: string | null;
  /** Who drew the certificate up, and who signs it for the department. */
  preparedBy: string;
  signer: Signer;
}

/** The certificate as an A4 PDF. */
export async function renderCriminalRecordPdf(data: CriminalRecordData, options: RenderFormOptions & { seal?: Sealing } = {}): Promise<Buffer> {
  const title = `PHIẾU LÝ LỊCH TƯ PHÁP SỐ ${data.formType}`;
  const form = new FormWriter({ title: `${title} ${data.dossierCode}`, subject: data.procedure.name, author: data.unit.name }, options.fontFamilies);
  form.header({ parent: data.unit.parent && upperVi(data.unit.parent), name: upperVi(data.unit.name) }, { name: NATIONAL_NAME, motto: NATIONAL_MOTTO }, placeAndDate(data));
  form.title(title);
  if (options.seal) verificationQr(form, data.dossierCode, options.seal);
  else {
    const link = lookupLink(data);
    form.qrBeside(link, QR_SIDE_MM, [
      { text: `Số: ${data.dossierCode}`, style: 'bold' },
      { text: 'Tra cứu hồ sơ bằng mã QR hoặc tại:', style: 'italic', size: SIZE.note },
      { text: link, style: 'regular', size: SIZE.note },
    ]);
  }
  const s = data.subject;
  form.field('Họ, chữ đệm và tên', s.fullName, 'bold');
  if (s.sex) form.field('Giới tính', s.sex);
  if (s.birthDate) form.field('Ngày, tháng, năm sinh', formatIsoDate(s.birthDate));
  form.field('Số định danh cá nhân', s.personalId);
  if (s.permanentAddress) form.field('Nơi thường trú', s.permanentAddress);
  if (data.purpose) form.field('Mục đích sử dụng phiếu', data.purpose);
  form.paragraph('TÌNH TRẠNG ÁN TÍCH:', 'bold');
  if (data.convictions === null) form.paragraph(`${NO_CONVICTION}.`, 'bold');
  else for (const line of data.convictions.split(/\r?\n/).map((l) => l.trim()).filter(Boolean)) form.paragraph(line);
  form.paragraph(`Người lập phiếu: ${data.preparedBy}`, 'italic', SIZE.note);
  form.signatures([{ caption: data.signer.caption ?? ['GIÁM ĐỐC'], hint: options.seal ? SIGNED_HINT : SEAL_HINT, name: data.signer.name }]);
  return finishSealed(form, options.seal);
}
