/**
 * A result paper drawn from the registry's data once a dossier is approved (issue 16): the trích lục khai
 * sinh of a birth registration and the xác nhận thông tin về cư trú (CT07) of a residence confirmation. The
 * official forms' layouts are not in the research notes [U]; these follow the other papers of this folder
 * (header, title, labelled fields, the verification QR, the signature block) and print the same facts.
 */
import { FormWriter, SIZE } from './pdf-form.js';
import { NATIONAL_MOTTO, NATIONAL_NAME, placeAndDate, upperVi } from './wording.js';
import type { DossierPaperBase, Signer } from './index.js';
import type { RenderFormOptions } from './render.js';
import { SIGNED_HINT, finishSealed, verificationQr, type Sealing } from './sealed.js';

export interface ResultPaperData extends DossierPaperBase {
  title: string;
  fields: { label: string; value: string; bold?: boolean }[];
  /** Lines under the fields (a list of temporary residences, a validity). */
  notes?: string[];
  signer: Signer;
}

export async function renderResultPaperPdf(data: ResultPaperData, seal: Sealing, options: RenderFormOptions = {}): Promise<Buffer> {
  const form = new FormWriter({ title: `${data.title} ${data.dossierCode}`, subject: data.procedure.name, author: data.unit.name }, options.fontFamilies);
  form.header({ parent: data.unit.parent && upperVi(data.unit.parent), name: upperVi(data.unit.name) }, { name: NATIONAL_NAME, motto: NATIONAL_MOTTO }, placeAndDate(data));
  form.title(upperVi(data.title));
  verificationQr(form, data.dossierCode, seal);
  for (const f of data.fields) form.field(f.label, f.value, f.bold ? 'bold' : 'regular');
  for (const line of data.notes ?? []) form.paragraph(line, 'regular', SIZE.note);
  form.signatures([{ caption: data.signer.caption ?? ['THỦ TRƯỞNG ĐƠN VỊ'], hint: SIGNED_HINT, name: data.signer.name }]);
  return finishSealed(form, seal);
}
