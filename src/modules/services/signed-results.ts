/**
 * Results as signed documents (issue 16). The documents module signs (compose.ts wires it as `ResultSigning`);
 * this file decides which result a dossier has and draws it: the phiếu lý lịch tư pháp at the approval
 * (officer-service.ts), the trích lục khai sinh and the xác nhận thông tin về cư trú (CT07) at the return of
 * the result, from what the approval recorded. Without the hook, or without a certificate, results stay as before.
 */
import type { Transaction } from '../../platform/db.js';
import { formatIsoDate } from '../../platform/format.js';
import type { RegistryService } from '../registry/index.js';
import { receivingUnit } from './receipt-paper.js';
import { renderResultPaperPdf, type ResultPaperData } from './receipt/result-paper.js';
import type { Sealing } from './receipt/sealed.js';
import type { DossierRow, EventRow } from './store.js';

export type { Sealing } from './receipt/sealed.js';

/** What the documents module records beside a signed result. */
export interface ResultMeta {
  kind: string;
  title: string;
  /** A dossier's result, or a certified copy issued at the counter without a dossier (copies/service.ts). */
  source: { kind: 'dossier'; id: number; code: string | null } | { kind: 'certified_copy'; id: null; code: null };
  holder: { personalId: string; name: string };
  unit: { code: string; provinceCode: string; name: string; agency: string };
  /** What the result prints, by field name: the wallet credential issued with it shows the same (selectively). */
  fields?: Record<string, string>;
}

/** A signed result not yet kept: `record` keeps it in the transaction of the decision. */
export interface SignedResultRef {
  id: string;
  pdf: Buffer;
  sha256: string;
  record(tx: Transaction): Promise<void>;
}

/** The documents module's signing, as the services module uses it (null: no certificate; nothing signed). */
export interface ResultSigning {
  sign(meta: ResultMeta, draw: (seal: Sealing) => Promise<Buffer>, issuedAt?: Date): Promise<SignedResultRef | null>;
  /** Loads the certificate (outside any transaction: on PGlite a query inside one would wait for it); false: none. */
  ready?(): Promise<boolean>;
  /** A signed document's bytes as issued, by id, without access checks (the caller checked its own record). */
  pdf?(id: string): Promise<Buffer | undefined>;
  /** The revoked ones among signed documents, by id (the caller checked its own record of them). */
  revocations?(ids: string[]): Promise<Map<string, Revocation>>;
  /** The documents issued to a person (their document store), without access checks: the caller is that person. */
  heldBy?(personalId: string): Promise<HeldDocument[]>;
}
/** A signed document of a citizen's store, as the reuse in a later dossier sees it. */
export interface HeldDocument {
  id: string;
  kind: string;
  title: string;
  issuedAt: Date;
  issuerName: string;
  revoked: boolean;
}
/** A signed document's revocation (thu hồi). */
export interface Revocation {
  at: Date;
}

export const RESULT_TITLES = {
  criminal_record: 'Phiếu lý lịch tư pháp',
  birth: 'Trích lục khai sinh',
  residence_confirmation: 'Xác nhận thông tin về cư trú',
} as const;

/** The unit as the result names it (the agency's authority over the unit). */
export function resultMeta(d: DossierRow, kind: keyof typeof RESULT_TITLES, unitFullName: string, holder?: { personalId: string; name: string }): ResultMeta {
  return {
    kind, title: RESULT_TITLES[kind], source: { kind: 'dossier', id: Number(d.id), code: d.code },
    holder: holder ?? { personalId: d.applicant_personal_id, name: d.applicant_name },
    unit: { code: d.unit_code, provinceCode: d.province_code, name: issuerName(d.agency, unitFullName), agency: d.agency },
  };
}

/** The authority that issues a result, by the dossier's agency (receipt-paper.ts prints the same in capitals). */
export function issuerName(agency: string, unitFullName: string): string {
  switch (agency) {
    case 'commune_people_committee': return `Ủy ban nhân dân ${unitFullName}`;
    case 'commune_police': return `Công an ${unitFullName}`;
    case 'province_justice': return `Sở Tư pháp ${unitFullName}`;
    case 'social_insurance': return `Bảo hiểm xã hội ${unitFullName}`;
    default: return unitFullName;
  }
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const date = (v: unknown) => (str(v) ? formatIsoDate(str(v)!) : undefined);

type Field = ResultPaperData['fields'][number];
/** A printed field: its name in the wallet credential (wallet/types.ts), its label on the paper, its value. */
type Printed = [key: string, label: string, value: string | undefined, bold?: boolean];
const fields = (...list: Printed[]): Field[] =>
  list.filter(([, , v]) => v !== undefined).map(([, label, value, bold]) => ({ label, value: value!, bold }));
/** The same fields by name, as the result's metadata keeps them. */
export const printedFields = (...list: Printed[]): Record<string, string> =>
  Object.fromEntries(list.filter(([, , v]) => v !== undefined).map(([key, , value]) => [key, value!]));

/**
 * The signed result drawn at the return of a birth registration or a residence confirmation; undefined when
 * the dossier's procedure has no such result or its data are not on the timeline.
 */
export async function signReturnedResult(
  signing: ResultSigning, registry: RegistryService, d: DossierRow, effect: string | undefined, events: EventRow[],
  officer: { fullName: string }, lookupUrl: string, now: Date,
): Promise<SignedResultRef | null | undefined> {
  if (effect !== 'birth' && effect !== 'residence_confirmation') return undefined;
  const unit = await registry.getUnit('2025', d.unit_code);
  const base = {
    dossierCode: d.code ?? `#${d.id}`, unit: receivingUnit(d.agency, unit), applicant: { name: d.applicant_name },
    procedure: { name: d.procedure_name, code: d.procedure_code }, lookupUrl, issuedAt: now,
    signer: { name: officer.fullName, caption: d.agency === 'commune_police' ? ['TRƯỞNG CÔNG AN XÃ'] : ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'] },
  };
  if (effect === 'birth') {
    const approved = [...events].reverse().find((e) => e.action === 'approve');
    const result = obj(obj(approved?.data).result);
    const child = obj(d.form_data.child);
    const personalId = str(result.personalId);
    const name = str(child.fullName);
    if (!personalId || !name) return undefined;
    const printed: Printed[] = [
      ['childName', 'Họ, chữ đệm và tên', name, true], ['birthDate', 'Ngày, tháng, năm sinh', date(child.birthDate)], ['sex', 'Giới tính', str(child.sex)],
      ['ethnicity', 'Dân tộc', str(child.ethnicity)], ['nationality', 'Quốc tịch', str(child.nationality) ?? 'Việt Nam'], ['birthPlace', 'Nơi sinh', str(child.birthPlace)],
      ['hometown', 'Quê quán', str(child.hometown)], ['childPersonalId', 'Số định danh cá nhân', personalId, true],
      ['motherName', 'Họ, chữ đệm và tên người mẹ', str(obj(d.form_data.mother).fullName)], ['fatherName', 'Họ, chữ đệm và tên người cha', str(obj(d.form_data.father).fullName)],
      ['registrationDate', 'Ngày đăng ký', date(approved ? new Date(approved.at).toISOString().slice(0, 10) : undefined)],
    ];
    const paper: ResultPaperData = { ...base, title: RESULT_TITLES.birth, fields: fields(...printed) };
    // The extract names the child; the declarant (a parent) keeps it in their document store.
    const meta = { ...resultMeta(d, 'birth', unit.fullName, { personalId: d.applicant_personal_id, name }), fields: printedFields(...printed) };
    return signing.sign(meta, (seal) => renderResultPaperPdf(paper, seal), now);
  }
  const ct07 = obj(obj([...events].reverse().find((e) => e.action === 'result')?.data).ct07);
  if (!str(ct07.personalId)) return undefined;
  const place = (p: unknown) => {
    const r = obj(p);
    return [str(r.address), str(r.communeName), str(r.provinceName)].filter(Boolean).join(', ');
  };
  const household = obj(ct07.household);
  const temporary = Array.isArray(ct07.temporaryResidences) ? ct07.temporaryResidences : [];
  const printed: Printed[] = [
    ['fullName', 'Họ, chữ đệm và tên', str(ct07.fullName), true], ['birthDate', 'Ngày, tháng, năm sinh', date(ct07.dateOfBirth)], ['sex', 'Giới tính', str(ct07.sex)],
    ['personalId', 'Số định danh cá nhân', str(ct07.personalId), true], ['ethnicity', 'Dân tộc', str(ct07.ethnicity)], ['nationality', 'Quốc tịch', str(ct07.nationality)],
    ['permanentResidence', 'Nơi thường trú', ct07.permanentResidence ? place(ct07.permanentResidence) : 'Không có'],
    ['temporaryResidence', 'Nơi tạm trú', temporary.length ? temporary.map(place).join('; ') : 'Không có'],
    ['householdNumber', 'Số hộ', str(household.householdNo)], ['householdHead', 'Họ tên chủ hộ', str(household.headFullName)], ['relationToHead', 'Quan hệ với chủ hộ', str(household.relationToHead)],
  ];
  const validity = ct07.validUntil ? `Xác nhận có giá trị đến hết ngày ${date(ct07.validUntil)} hoặc đến khi thông tin về cư trú thay đổi.` : 'Xác nhận có giá trị đến khi thông tin về cư trú thay đổi.';
  const paper: ResultPaperData = { ...base, title: RESULT_TITLES.residence_confirmation, fields: fields(...printed), notes: [validity] };
  const meta = { ...resultMeta(d, 'residence_confirmation', unit.fullName), fields: { ...printedFields(...printed), validityNote: validity } };
  return signing.sign(meta, (seal) => renderResultPaperPdf(paper, seal), now);
}
