/**
 * The words of the four papers, apart from how they are drawn (render.ts), so tests can read them
 * and the drawing code holds no Vietnamese. Dates, times and amounts go through the platform's one
 * formatter (platform/format.ts).
 */
import { documentDateWords, formatNumber, vietnamDay } from '../../../platform/format.js';
import type { DossierPaperBase, FeeLine, ResultDelivery, StatedTimeLimit, SubmittedDocument } from './index.js';

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** Printed side of the QR in millimetres: large enough for a phone camera at arm's length. */
export const QR_SIDE_MM = 24;

export const FORM_TITLES = {
  receipt: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ',
  supplement: 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ',
  refusal: 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ',
  apology: 'VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT',
} as const;

/** The form numbers of TT 03/2025/TT-VPCP, Phụ lục I (DOMAIN-SERVICES.md §1.5 [P]). */
export const FORM_NUMBERS = { receipt: 'Mẫu 01', supplement: 'Mẫu 02', refusal: 'Mẫu 03', apology: 'Mẫu 04' } as const;

export const NOT_REQUIRED_HEADING = 'Giấy tờ không phải nộp (đã khai thác từ Cơ sở dữ liệu quốc gia về dân cư)';

export const DEFAULT_CAPTIONS = {
  applicant: ['NGƯỜI NỘP HỒ SƠ'],
  receivingOfficer: ['NGƯỜI TIẾP NHẬN HỒ SƠ'],
  guidingOfficer: ['NGƯỜI HƯỚNG DẪN'],
  head: ['THỦ TRƯỞNG CƠ QUAN'],
} as const;
export const SIGN_HINT = '(Ký và ghi rõ họ tên)';
/** Under the head of the unit, who also seals the letter. */
export const SEAL_HINT = '(Ký, ghi rõ họ tên và đóng dấu)';

/** The look-up address of a dossier: the public page with its code as the `maHoSo` parameter. */
export function lookupLink(paper: Pick<DossierPaperBase, 'lookupUrl' | 'dossierCode'>): string {
  const url = new URL(paper.lookupUrl);
  url.searchParams.set('maHoSo', paper.dossierCode);
  return url.toString();
}

export function upperVi(text: string): string {
  return text.toLocaleUpperCase('vi-VN');
}

/** '<place>, ngày 12 tháng 02 năm 2026' of the day (in Vietnam) the paper is issued. */
export function placeAndDate(paper: DossierPaperBase): string {
  return `${paper.unit.place}, ${documentDateWords(vietnamDay(paper.issuedAt))}`;
}

export function procedureText(paper: DossierPaperBase): string {
  return paper.procedure.code ? `${paper.procedure.name} (mã thủ tục ${paper.procedure.code})` : paper.procedure.name;
}

/** Applicant lines: name, then address, phone and e-mail when known. */
export function applicantLines(paper: DossierPaperBase): [label: string, value: string][] {
  const { applicant } = paper;
  const lines: [string, string][] = [['Tiếp nhận hồ sơ của', applicant.name]];
  if (applicant.address) lines.push(['Địa chỉ', applicant.address]);
  if (applicant.phone || applicant.email) {
    lines.push(['Số điện thoại', [applicant.phone, applicant.email && `Email: ${applicant.email}`].filter(Boolean).join('    ')]);
  }
  return lines;
}

/** '3 ngày làm việc', '4 giờ làm việc', 'Trong ngày làm việc'. */
export function timeLimitWords(limit: StatedTimeLimit): string {
  if (limit.sameDay) return 'trong ngày làm việc';
  const parts: string[] = [];
  if (limit.workingDays) parts.push(`${formatNumber(limit.workingDays)} ngày làm việc`);
  if (limit.workingHours) parts.push(`${formatNumber(limit.workingHours)} giờ làm việc`);
  return parts.length ? parts.join(' ') : 'theo quy định của thủ tục';
}


/** A document's originals and copies: 'Bản chính: 1; Bản sao: 0'. */
export function documentCounts(doc: SubmittedDocument): string[] {
  return [formatNumber(doc.originals), formatNumber(doc.copies)];
}

const DELIVERY: Record<ResultDelivery, string> = {
  counter: 'Bộ phận Một cửa',
  post: 'Qua dịch vụ bưu chính công ích',
  online: 'Trực tuyến (Cổng Dịch vụ công, kho dữ liệu điện tử của công dân)',
};

export function deliveryWords(delivery: ResultDelivery, detail?: string): string {
  return detail ? `${DELIVERY[delivery]}: ${detail}` : DELIVERY[delivery];
}

/** One fee's amount in words: "8.000 đồng" or "miễn". */
export function feeAmountWords(f: FeeLine): string {
  return f.amount > 0 ? `${formatNumber(f.amount)} đồng` : 'miễn';
}

/** 'Lệ phí đăng ký thường trú: 20.000 đồng' per line, and the total when there are several; nothing charged → one line saying so. */
export function feeLines(fees: FeeLine[]): string[] {
  const charged = fees.filter((f) => f.amount > 0);
  if (fees.length === 0) return ['Không thu phí, lệ phí'];
  const lines = fees.map((f) => `${f.label}: ${feeAmountWords(f)}`);
  if (charged.length > 1) lines.push(`Tổng cộng: ${formatNumber(charged.reduce((s, f) => s + f.amount, 0))} đồng`);
  return lines;
}
