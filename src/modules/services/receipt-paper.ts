import type { Static } from '@sinclair/typebox';
import type { ReceiptData as ReceiptView } from './schema.js';
import { renderReceiptPdf, upperVi, type ReceivingUnit } from './receipt/index.js';

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
