/**
 * The one-stop desk's papers for a dossier (TT 03/2025/TT-VPCP, Phụ lục I, DOMAIN-SERVICES.md §1.5
 * [P]): Mẫu 01 Giấy tiếp nhận hồ sơ và hẹn trả kết quả, Mẫu 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ
 * sơ, Mẫu 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ and Mẫu 04 Văn bản xin lỗi và đề nghị gia hạn
 * thời gian giải quyết, rendered as A4 PDFs from plain data. The module's core maps a dossier to
 * these types; nothing here reads the database or decides a deadline (the calendar does).
 *
 * Instants are `Date`s and are printed in Asia/Ho_Chi_Minh; amounts are whole đồng.
 */
export { renderApologyPdf, renderReceiptPdf, renderRefusalPdf, renderSupplementPdf, type RenderFormOptions } from './render.js';
export { lookupLink, QR_SIDE_MM, upperVi } from './wording.js';

/** The unit issuing the paper: its parent authority and itself, as printed top left. */
export interface ReceivingUnit {
  /** Parent authority, e.g. 'UBND XÃ TÂN HÒA'; omitted when the unit stands alone. */
  parent?: string;
  /** The unit, e.g. 'Bộ phận Một cửa'. */
  name: string;
  /** Place name of the date line: '<place>, ngày … tháng … năm …'. */
  place: string;
  address?: string;
  phone?: string;
}

export interface Applicant {
  name: string;
  address?: string;
  phone?: string;
  email?: string;
}

export interface ProcedureRef {
  name: string;
  /** Mã TTHC, printed after the name when known. */
  code?: string;
}

/** A document handed in, with how many originals and copies. */
export interface SubmittedDocument {
  name: string;
  originals: number;
  copies: number;
}

/** Processing time as the procedure states it (the catalogue's TimeLimit). */
export interface StatedTimeLimit {
  workingDays?: number;
  workingHours?: number;
  sameDay?: boolean;
}

/** Where the applicant chose to receive the result (DOMAIN-SERVICES.md §1.5 (6)). */
export type ResultDelivery = 'counter' | 'post' | 'online';

export interface FeeLine {
  /** E.g. 'Lệ phí đăng ký thường trú'. */
  label: string;
  /** Whole đồng; 0 prints as "miễn". */
  amount: number;
}

/** A person signing a paper: the caption above the space for the signature, then the name. */
export interface Signer {
  name: string;
  /** Caption line(s) in capitals, e.g. ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH']; each form has its default. */
  caption?: string[];
}

/** What every paper of a dossier carries. */
export interface DossierPaperBase {
  /** Mã hồ sơ (§1.6), printed and encoded in the QR. */
  dossierCode: string;
  unit: ReceivingUnit;
  applicant: Applicant;
  procedure: ProcedureRef;
  /** The public look-up page; the QR and the printed link add `?maHoSo=<code>` (lookupLink). */
  lookupUrl: string;
  /** When the paper is issued (its date line). */
  issuedAt: Date;
}

/** Mẫu 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export interface ReceiptData extends DossierPaperBase {
  /** (1) Documents handed in. */
  documents: SubmittedDocument[];
  /** Documents the applicant did not have to hand in because the platform read them from the population database. */
  notRequired: string[];
  /** (2) Number of sets (bộ). */
  sets: number;
  /** (3) Statutory processing time. */
  timeLimit: StatedTimeLimit;
  /** (4) When the dossier was received. */
  receivedAt: Date;
  /** (5) Appointment for the result. */
  appointmentAt: Date;
  /** (6) Where the result is received, and a detail (the postal address, the counter). */
  delivery: ResultDelivery;
  deliveryDetail?: string;
  /** Fees and charges; empty: none. */
  fees: FeeLine[];
  /** Entry in the dossier register (Sổ theo dõi hồ sơ), when kept on paper. */
  register?: { book: string; entry: string };
  officer: Signer;
}

/** One thing the applicant must add or correct (Mẫu 02), all listed in one go (NĐ 118 Art. 11.2(c)). */
export interface SupplementItem {
  what: string;
  reason?: string;
}

/** Mẫu 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
export interface SupplementData extends DossierPaperBase {
  receivedAt: Date;
  items: SupplementItem[];
  /** The date by which the supplement is expected, when the unit sets one. */
  respondBy?: Date;
  /** Who to ask while completing the dossier. */
  contact?: { name: string; phone?: string };
  /** The officer's explanation, printed under the list. */
  note?: string;
  officer: Signer;
}

/** Mẫu 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export interface RefusalData extends DossierPaperBase {
  receivedAt: Date;
  reasons: string[];
  officer: Signer;
}

/** Mẫu 04 — Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (the new date may be set only once). */
export interface ApologyData extends DossierPaperBase {
  receivedAt: Date;
  /** The appointment on the receipt. */
  originalAppointmentAt: Date;
  /** The one new appointment. */
  newAppointmentAt: Date;
  reasons: string[];
  /** The head of the unit (or the agency) who signs the apology. */
  signer: Signer;
}
