import type { Static } from '@sinclair/typebox';
import type { ReceiptData as ReceiptView } from './schema.js';
import { renderApologyPdf, renderReceiptPdf, renderRefusalPdf, renderSupplementPdf, upperVi, type ReceivingUnit } from './receipt/index.js';

/** The names of the unit that received a dossier, as the registry's unit list gives them (2025 scheme). */
export interface UnitNames {
  /** E.g. 'Tân Hòa' (the place of the date line). */
  name: string;
  /** E.g. 'Xã Tân Hòa' or 'Tỉnh Đồng Tháp'. */
  fullName: string;
}

/** Who issues the paper, printed top left: the agency of that unit and, under it, the desk that received the dossier. */
export function receivingUnit(agency: string, unit: UnitNames): ReceivingUnit {
  const place = unit.name;
  switch (agency) {
    case 'commune_people_committee': return { parent: upperVi(`Ủy ban nhân dân ${unit.fullName}`), name: 'Bộ phận Một cửa', place };
    case 'commune_police': return { parent: upperVi(`Công an ${unit.fullName}`), name: 'Bộ phận tiếp nhận hồ sơ', place };
    case 'province_justice': return { parent: upperVi(`Sở Tư pháp ${unit.fullName}`), name: 'Bộ phận Một cửa', place };
    case 'social_insurance': return { parent: upperVi(`Bảo hiểm xã hội ${unit.fullName}`), name: 'Bộ phận Một cửa', place };
    default: return { parent: upperVi(unit.fullName), name: 'Bộ phận Một cửa', place };
  }
}

/**
 * The Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01) of a received dossier as a PDF, from the same data the
 * receipt's JSON route answers. `lookupUrl`: where the citizen follows their dossier (the QR adds its code).
 */
export function receiptPaper(view: Static<typeof ReceiptView>, unit: UnitNames, lookupUrl: string, issuedAt: Date): Promise<Buffer> {
  return renderReceiptPdf({
    dossierCode: view.dossierCode,
    unit: receivingUnit(view.agency, unit),
    applicant: { name: view.applicant.name, address: view.applicant.address ?? undefined },
    procedure: { name: view.procedure.name, code: view.procedure.code || undefined },
    lookupUrl,
    issuedAt,
    documents: view.documents,
    notRequired: view.notRequired,
    sets: view.sets,
    timeLimit: view.timeLimit,
    receivedAt: new Date(view.receivedAt),
    appointmentAt: new Date(view.appointmentAt),
    delivery: view.delivery,
    fees: view.fees,
    officer: { name: view.officer.name },
  });
}

/** The papers besides the receipt, each issued by a change of the dossier (its timeline event). */
export const PAPERS = {
  'supplement-request': { events: ['request_supplement'], file: 'phieu-yeu-cau-bo-sung', label: 'Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)' },
  rejection: { events: ['reject', 'refuse'], file: 'phieu-tu-choi', label: 'Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)' },
  extension: { events: ['extend'], file: 'van-ban-xin-loi', label: 'Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết (Mẫu 04)' },
} as const;
export type PaperName = keyof typeof PAPERS;

/** What a paper of a dossier is made of: the dossier's heading facts and the event that issued it. */
export interface PaperSource {
  dossierCode: string;
  agency: string;
  procedure: { name: string; code: string };
  applicant: { name: string; address: string | null };
  receivedAt: Date;
  event: { at: Date; actorName: string | null; comment: string | null; data: Record<string, unknown> | null };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const instant = (v: unknown, fallback: Date): Date => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v) : fallback);

/**
 * Mẫu 02, 03 or 04 of a dossier as a PDF, from the event that issued it (its date is the paper's date, so a
 * reprint is the same paper): the supplement's items and note, the refusal's reason, the apology's two dates.
 */
export function dossierPaper(name: PaperName, src: PaperSource, unit: UnitNames, lookupUrl: string): Promise<Buffer> {
  const base = {
    dossierCode: src.dossierCode, unit: receivingUnit(src.agency, unit), lookupUrl, issuedAt: src.event.at,
    applicant: { name: src.applicant.name, address: src.applicant.address ?? undefined },
    procedure: { name: src.procedure.name, code: src.procedure.code || undefined },
  };
  const officer = { name: src.event.actorName ?? '' };
  const reasons = src.event.comment ? [src.event.comment] : [];
  switch (name) {
    case 'supplement-request':
      return renderSupplementPdf({
        ...base, receivedAt: src.receivedAt, officer, note: src.event.comment ?? undefined,
        items: strings(src.event.data?.items).map((what) => ({ what })),
      });
    case 'rejection':
      return renderRefusalPdf({ ...base, receivedAt: src.receivedAt, reasons, officer });
    case 'extension':
      return renderApologyPdf({
        ...base, receivedAt: src.receivedAt, reasons, signer: officer,
        originalAppointmentAt: instant(src.event.data?.previousDueAt, src.event.at), newAppointmentAt: instant(src.event.data?.dueAt, src.event.at),
      });
  }
}
