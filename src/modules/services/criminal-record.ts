import { createHash } from 'node:crypto';
import { formatIsoDate } from '../../platform/format.js';
import { fieldError, type FieldError } from './errors.js';
import { receivingUnit, type UnitNames } from './receipt-paper.js';
import { NO_CONVICTION, renderCriminalRecordPdf } from './receipt/criminal-record.js';
import type { DossierRow } from './store.js';
import type { Sealing } from './receipt/sealed.js';

/** What the handling officer records at the approval of a criminal-record request: no conviction, or the convictions' text. */
export interface CriminalRecordResult {
  convictions: 'none' | 'recorded';
  text?: string;
}

/** The officer's result is required, and a recorded conviction needs its text. */
export function criminalRecordErrors(result: CriminalRecordResult | undefined): FieldError[] {
  if (!result) return [fieldError('result', 'CRIMINAL_RECORD_RESULT_REQUIRED')];
  if (result.convictions === 'recorded' && !result.text?.trim()) return [fieldError('result.text', 'CRIMINAL_RECORD_TEXT_REQUIRED')];
  return [];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** What the phiếu prints, by the field names of its wallet credential (credentials wallet/types.ts 'result-criminal-record'). */
export function criminalRecordFields(d: DossierRow, result: CriminalRecordResult): Record<string, string> {
  const applicant = obj(d.form_data.applicant);
  const birth = str(applicant.birthDate);
  const printed: [string, string | undefined][] = [
    ['fullName', str(applicant.fullName) ?? d.applicant_name], ['sex', str(applicant.sex)],
    ['birthDate', birth && formatIsoDate(birth)],
    ['permanentAddress', str(applicant.permanentAddress)], ['form', `Phiếu lý lịch tư pháp số ${d.form_data.formType === '2' ? '2' : '1'}`],
    ['criminalRecord', result.convictions === 'none' ? NO_CONVICTION : (result.text ?? '').trim().normalize('NFC')], ['purpose', str(d.form_data.purpose)],
  ];
  return Object.fromEntries(printed.filter((f): f is [string, string] => f[1] !== undefined));
}

/**
 * The phiếu lý lịch tư pháp of an approved request as a PDF, from the request's form (whose identity fields the
 * registry filled and locked) and the officer's result; with what the dossier's result row keeps beside it.
 */
export async function criminalRecordPaper(
  d: DossierRow, result: CriminalRecordResult, unit: UnitNames, officer: { fullName: string }, lookupUrl: string, issuedAt: Date, seal?: Sealing,
) {
  const applicant = obj(d.form_data.applicant);
  const formType = d.form_data.formType === '2' ? '2' : '1';
  const convictions = result.convictions === 'none' ? null : (result.text ?? '').trim().normalize('NFC');
  const pdf = await renderCriminalRecordPdf({
    dossierCode: d.code ?? `#${d.id}`, unit: receivingUnit(d.agency, unit), procedure: { name: d.procedure_name, code: d.procedure_code },
    applicant: { name: d.applicant_name }, lookupUrl, issuedAt, formType,
    subject: {
      fullName: str(applicant.fullName) ?? d.applicant_name, sex: str(applicant.sex), birthDate: str(applicant.birthDate),
      personalId: d.applicant_personal_id, permanentAddress: str(applicant.permanentAddress),
    },
    purpose: str(d.form_data.purpose), convictions, preparedBy: officer.fullName, signer: { name: officer.fullName, caption: ['TM. SỞ TƯ PHÁP'] },
  }, { seal });
  return {
    pdf, sha256: createHash('sha256').update(pdf).digest('hex'),
    data: { formType, convictions: convictions === null ? 'none' : 'recorded' },
    summary: `Đã lập Phiếu lý lịch tư pháp số ${formType}: ${convictions === null ? NO_CONVICTION.toLowerCase() : 'có án tích'}`,
  };
}
