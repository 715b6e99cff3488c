/**
 * The four papers of a dossier, each a short list of blocks drawn with the same helpers
 * (pdf-form.ts) from words composed in wording.ts. Every paper opens with the same header and the
 * dossier code beside a QR of its look-up link, and closes with its signature blocks.
 */
import { formatNumber, formatTimeWords } from '../../../platform/format.js';
import type { FontFamily } from '../../../platform/pdf-fonts.js';
import { FormWriter, SIZE, type TableColumn } from './pdf-form.js';
import {
  DEFAULT_CAPTIONS, FORM_NUMBERS, FORM_TITLES, NATIONAL_MOTTO, NATIONAL_NAME, NOT_REQUIRED_HEADING, QR_SIDE_MM, SEAL_HINT, SIGN_HINT,
  applicantLines, deliveryWords, documentCounts, feeAmountWords, feeLines, lookupLink, placeAndDate, procedureText, timeLimitWords, upperVi,
} from './wording.js';
import type { ApologyData, DossierPaperBase, ReceiptData, RefusalData, Signer, SupplementData } from './index.js';

export interface RenderFormOptions {
  /** Font families to try, in order (platform/pdf-fonts.ts); defaults to Liberation Serif then DejaVu Serif. */
  fontFamilies?: FontFamily[];
}

type FormKind = keyof typeof FORM_TITLES;

/** Header, title and the code-with-QR block every paper starts with. */
function openPaper(kind: FormKind, paper: DossierPaperBase, options: RenderFormOptions): FormWriter {
  const form = new FormWriter(
    { title: `${FORM_TITLES[kind]} ${paper.dossierCode}`, subject: `${FORM_NUMBERS[kind]} — ${paper.procedure.name}`, author: paper.unit.name },
    options.fontFamilies,
  );
  form.header({ parent: paper.unit.parent && upperVi(paper.unit.parent), name: upperVi(paper.unit.name) }, { name: NATIONAL_NAME, motto: NATIONAL_MOTTO }, placeAndDate(paper));
  form.title(FORM_TITLES[kind]);
  const link = lookupLink(paper);
  form.qrBeside(link, QR_SIDE_MM, [
    { text: `Mã hồ sơ: ${paper.dossierCode}`, style: 'bold' },
    { text: 'Tra cứu tình trạng hồ sơ bằng mã QR hoặc tại:', style: 'italic', size: SIZE.note },
    { text: link, style: 'regular', size: SIZE.note },
  ]);
  return form;
}

/** 'Tiếp nhận hồ sơ của', address, phone, then the procedure. */
function applicantAndProcedure(form: FormWriter, paper: DossierPaperBase): void {
  for (const [label, value] of applicantLines(paper)) form.field(label, value, label === 'Tiếp nhận hồ sơ của' ? 'bold' : 'regular');
  form.field('Nội dung yêu cầu giải quyết', procedureText(paper));
}

const signerBlock = (signer: Signer, fallback: readonly string[], hint = SIGN_HINT) => ({ caption: signer.caption ?? fallback, hint, name: signer.name });

const DOCUMENT_COLUMNS: TableColumn[] = [
  { heading: 'STT', share: 0.08, align: 'center' },
  { heading: 'Tên giấy tờ', share: 0.62, align: 'left' },
  { heading: 'Bản chính', share: 0.15, align: 'center' },
  { heading: 'Bản sao', share: 0.15, align: 'center' },
];

/** Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export async function renderReceiptPdf(data: ReceiptData, options: RenderFormOptions = {}): Promise<Buffer> {
  const form = openPaper('receipt', data, options);
  form.field('Bộ phận tiếp nhận', [data.unit.name, data.unit.address].filter(Boolean).join(', '));
  applicantAndProcedure(form, data);
  form.paragraph('(1) Thành phần hồ sơ nộp gồm:');
  if (data.documents.length) {
    form.table(DOCUMENT_COLUMNS, data.documents.map((doc, i) => [String(i + 1), doc.name, ...documentCounts(doc)]));
  } else {
    form.paragraph('Không có giấy tờ phải nộp.', 'italic', SIZE.table, 14);
  }
  form.paragraph(`${NOT_REQUIRED_HEADING}: ${formatNumber(data.notRequired.length)}`, 'italic');
  if (data.notRequired.length) form.list(data.notRequired, 'dash', SIZE.table);
  form.field('(2) Số lượng hồ sơ', `${formatNumber(data.sets)} bộ`);
  form.field('(3) Thời gian giải quyết hồ sơ theo quy định', timeLimitWords(data.timeLimit));
  form.field('(4) Thời gian nhận hồ sơ', formatTimeWords(data.receivedAt));
  form.field('(5) Thời gian trả kết quả giải quyết hồ sơ', formatTimeWords(data.appointmentAt), 'bold');
  form.field('(6) Đăng ký nhận kết quả tại', deliveryWords(data.delivery, data.deliveryDetail));
  const fees = feeLines(data.fees);
  // One fee: its amount beside the heading ("Phí, lệ phí: miễn"), not its label a second time.
  if (data.fees.length === 1) form.field('Phí, lệ phí', data.fees[0].label === 'Phí, lệ phí' ? feeAmountWords(data.fees[0]) : fees[0]);
  else if (fees.length === 1) form.field('Phí, lệ phí', fees[0]);
  else {
    form.paragraph('Phí, lệ phí:');
    form.list(fees, 'dash', SIZE.table);
  }
  if (data.register) form.paragraph(`Vào Sổ theo dõi hồ sơ, Quyển số: ${data.register.book}, Số thứ tự: ${data.register.entry}`, 'italic', SIZE.note);
  form.signatures([
    { caption: DEFAULT_CAPTIONS.applicant, hint: SIGN_HINT, name: data.applicant.name },
    signerBlock(data.officer, DEFAULT_CAPTIONS.receivingOfficer),
  ]);
  return form.finish();
}

/** Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ: everything still needed, in one go. */
export async function renderSupplementPdf(data: SupplementData, options: RenderFormOptions = {}): Promise<Buffer> {
  const form = openPaper('supplement', data, options);
  applicantAndProcedure(form, data);
  form.field('Thời gian nhận hồ sơ', formatTimeWords(data.receivedAt));
  form.paragraph(`Sau khi xem xét thành phần hồ sơ, ${data.unit.name} đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau (${formatNumber(data.items.length)} nội dung):`);
  form.list(data.items.map((item) => (item.reason ? `${item.what}. Lý do: ${item.reason}` : item.what)), 'number');
  if (data.note) form.paragraph(`Ghi chú: ${data.note}`, 'italic');
  if (data.respondBy) form.field('Đề nghị bổ sung trước', formatTimeWords(data.respondBy), 'bold');
  if (data.contact) {
    const phone = data.contact.phone ? `, số điện thoại ${data.contact.phone}` : '';
    form.paragraph(`Trong quá trình bổ sung, hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ với ${data.contact.name}${phone} để được hướng dẫn.`);
  }
  form.signatures([signerBlock(data.officer, DEFAULT_CAPTIONS.guidingOfficer)]);
  return form.finish();
}

/** Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ, with its reasons. */
export async function renderRefusalPdf(data: RefusalData, options: RenderFormOptions = {}): Promise<Buffer> {
  const form = openPaper('refusal', data, options);
  applicantAndProcedure(form, data);
  form.field('Thời gian nhận hồ sơ', formatTimeWords(data.receivedAt));
  form.paragraph(`Qua xem xét, ${data.unit.name} từ chối tiếp nhận, giải quyết hồ sơ này vì lý do sau:`);
  form.list(data.reasons, 'number');
  form.paragraph('Xin thông báo để Ông/Bà được biết và thực hiện./.');
  form.signatures([signerBlock(data.officer, DEFAULT_CAPTIONS.receivingOfficer)]);
  return form.finish();
}

/** Mẫu 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết, with the one new appointment. */
export async function renderApologyPdf(data: ApologyData, options: RenderFormOptions = {}): Promise<Buffer> {
  const form = openPaper('apology', data, options);
  form.centred(`Kính gửi: Ông/Bà ${data.applicant.name}`, 'bold');
  form.paragraph(
    `Vào lúc ${formatTimeWords(data.receivedAt)}, ${data.unit.name} đã tiếp nhận hồ sơ của Ông/Bà ` +
      `đề nghị giải quyết thủ tục ${procedureText(data)} (mã hồ sơ ${data.dossierCode}), hẹn trả kết quả lúc ${formatTimeWords(data.originalAppointmentAt)}.`,
  );
  form.paragraph(`Đến nay, ${data.unit.name} chưa trả kết quả giải quyết hồ sơ của Ông/Bà đúng hẹn vì lý do:`);
  form.list(data.reasons, 'dash');
  form.paragraph(`${data.unit.name} xin lỗi Ông/Bà và đề nghị gia hạn thời gian giải quyết hồ sơ. Thời gian hẹn trả kết quả mới:`);
  form.centred(formatTimeWords(data.newAppointmentAt), 'bold');
  form.paragraph(`Mong Ông/Bà thông cảm vì sự chậm trễ này. ${data.unit.name} sẽ thông báo cho Ông/Bà khi có kết quả.`);
  form.signatures([signerBlock(data.signer, DEFAULT_CAPTIONS.head, SEAL_HINT)]);
  return form.finish();
}
