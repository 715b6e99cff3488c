/**
 * The wallet's document types (Đề án 06 models), each an SD-JWT VC type (`vct`). For every claim:
 * its name in the token (snake_case), its name in an issuing request (camelCase), its Vietnamese
 * label, its value rule, and whether it is always shown or selectively disclosable.
 *
 * Rule for disclosure: only what says which document this is stays in the signed payload (vct, iss,
 * iat, exp, status, and the document's own title or form). Everything about the person — and every
 * number that leads back to a person through a register (certification number, card number) — is a
 * selectively disclosable claim, so a citizen shows a counter only what it needs.
 */

export const DOCUMENT_TYPES = ['certified-copy', 'health-insurance', 'judicial-record', 'result-criminal-record', 'result-birth-extract', 'result-residence-confirmation'] as const;
/** The types issued only with a signed result document (the documents module), never from an officer's form. */
export const RESULT_DOCUMENT_TYPES = ['result-criminal-record', 'result-birth-extract', 'result-residence-confirmation'] as const;
export type ResultDocumentType = (typeof RESULT_DOCUMENT_TYPES)[number];
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export type ClaimValue = string | number | boolean | string[];

export type ValueRule =
  | { kind: 'text'; max: number }
  | { kind: 'name' }
  | { kind: 'date'; notFuture?: boolean; min?: string }
  | { kind: 'personal_id' }
  | { kind: 'sex' }
  | { kind: 'sha256_hex' }
  | { kind: 'pattern'; pattern: RegExp; max: number; code: 'WALLET_FIELD_BHYT_CARD_FORMAT' | 'WALLET_FIELD_FACILITY_CODE_FORMAT' }
  | { kind: 'choice'; values: readonly (string | number)[]; labels: Readonly<Record<string, string>> }
  | { kind: 'text_list'; maxItems: number; maxItem: number };

export interface ClaimSpec {
  /** Name inside the token. */
  claim: string;
  /** Name in an issuing request (API JSON is camelCase). */
  input: string;
  label: string;
  rule: ValueRule;
  required: boolean;
  disclosure: 'always' | 'selective';
}

export interface DocumentTypeSpec {
  type: DocumentType;
  vct: string;
  label: string;
  /** The Đề án 06 model and legal basis, for people reading the catalogue. */
  basis: string;
  claims: readonly ClaimSpec[];
}

const SEX = { kind: 'sex' } as const;
const NAME = { kind: 'name' } as const;
const PID = { kind: 'personal_id' } as const;
const PAST_DATE = { kind: 'date', notFuture: true, min: '1900-01-01' } as const;
const text = (max: number) => ({ kind: 'text', max }) as const;

const selective = (claim: string, input: string, label: string, rule: ValueRule, required = true): ClaimSpec =>
  ({ claim, input, label, rule, required, disclosure: 'selective' });
const always = (claim: string, input: string, label: string, rule: ValueRule): ClaimSpec =>
  ({ claim, input, label, rule, required: true, disclosure: 'always' });

/**
 * Benefit levels printed as the 3rd character of the 15-character card code (QĐ 1351/QĐ-BHXH 2015),
 * summarised. Cards of the 2021 template (QĐ 1666/QĐ-BHXH 2020) print only the 10-digit social
 * insurance number; the level is still recorded by Vietnam Social Security and is passed by the caller.
 */
export const BENEFIT_LEVELS: Readonly<Record<string, string>> = {
  1: 'Mức 1: 100% chi phí, không áp dụng giới hạn tỷ lệ thanh toán thuốc, vật tư, dịch vụ kỹ thuật',
  2: 'Mức 2: 100% chi phí trong phạm vi chi trả (có giới hạn tỷ lệ thanh toán một số thuốc, vật tư, dịch vụ)',
  3: 'Mức 3: 95% chi phí trong phạm vi chi trả',
  4: 'Mức 4: 80% chi phí trong phạm vi chi trả',
  5: 'Mức 5: 100% chi phí, kể cả chi phí ngoài phạm vi chi trả',
};

export const JUDICIAL_FORMS: Readonly<Record<string, string>> = {
  1: 'Phiếu lý lịch tư pháp số 1',
  2: 'Phiếu lý lịch tư pháp số 2',
};

export const CRIMINAL_RECORD_STATUS: Readonly<Record<string, string>> = {
  none: 'Không có án tích',
  recorded: 'Có án tích',
};

/**
 * BHYT card code: 15 characters (2-letter beneficiary group, benefit level 1–5, 2-digit province,
 * 10-digit social insurance number) on cards before 01/4/2021, or the bare 10-digit social
 * insurance number on the 2021 template. Both are still in circulation.
 */
export const BHYT_CARD_NUMBER = /^(?:[A-Z]{2}[1-5]\d{12}|\d{10})$/;

/**
 * A signed result (documents module, issue 16) as a wallet document: which document it is (its id, title and kind)
 * is always shown; who issued it, to whom, what it says (each field as printed on the PDF) and the PDF's SHA-256
 * (to match the PDF at /verify) are selectively disclosable.
 */
const resultClaims = (fieldClaims: ClaimSpec[]): readonly ClaimSpec[] => [
  always('document_id', 'documentId', 'Số văn bản điện tử', text(36)),
  always('document_title', 'documentTitle', 'Tên văn bản', text(200)),
  always('document_kind', 'documentKind', 'Loại kết quả', text(40)),
  selective('issuer_name', 'issuerName', 'Đơn vị cấp', text(200)),
  selective('issue_date', 'issueDate', 'Ngày cấp', PAST_DATE),
  selective('dossier_code', 'dossierCode', 'Mã hồ sơ', text(40), false),
  selective('holder_name', 'holderName', 'Họ, chữ đệm và tên người được cấp', text(100)),
  selective('holder_personal_id', 'holderPersonalId', 'Số định danh cá nhân người được cấp', PID),
  ...fieldClaims,
  selective('pdf_sha256', 'pdfSha256', 'Mã băm SHA-256 của tệp PDF có chữ ký số', { kind: 'sha256_hex' }),
];
/** A field of the result as printed on it (dates as dd/MM/yyyy): optional, selectively disclosable. */
const printed = (claim: string, input: string, label: string, max = 200) => selective(claim, input, label, text(max), false);

const RESULT_BASIS = 'Kết quả giải quyết thủ tục hành chính bản điện tử có chữ ký số (Nghị định 118/2025/NĐ-CP Điều 22; Thông tư 01/2023/TT-VPCP): cùng nội dung với văn bản PDF trong kho dữ liệu điện tử';

export const SPECS: Readonly<Record<DocumentType, DocumentTypeSpec>> = {
  'result-criminal-record': {
    type: 'result-criminal-record',
    vct: 'urn:da06:vc:result:criminal-record',
    label: 'Phiếu lý lịch tư pháp (kết quả điện tử)',
    basis: RESULT_BASIS,
    claims: resultClaims([
      printed('full_name', 'fullName', 'Họ, chữ đệm và tên', 100), printed('sex', 'sex', 'Giới tính', 10), printed('birth_date', 'birthDate', 'Ngày, tháng, năm sinh', 10),
      printed('permanent_address', 'permanentAddress', 'Nơi thường trú', 300), printed('form', 'form', 'Loại phiếu', 60),
      printed('criminal_record', 'criminalRecord', 'Tình trạng án tích', 1500), printed('purpose', 'purpose', 'Mục đích sử dụng', 300),
    ]),
  },
  'result-birth-extract': {
    type: 'result-birth-extract',
    vct: 'urn:da06:vc:result:birth-extract',
    label: 'Trích lục khai sinh (kết quả điện tử)',
    basis: RESULT_BASIS,
    claims: resultClaims([
      printed('child_name', 'childName', 'Họ, chữ đệm và tên', 100), printed('birth_date', 'birthDate', 'Ngày, tháng, năm sinh', 10), printed('sex', 'sex', 'Giới tính', 10),
      printed('ethnicity', 'ethnicity', 'Dân tộc', 50), printed('nationality', 'nationality', 'Quốc tịch', 60), printed('birth_place', 'birthPlace', 'Nơi sinh', 300),
      printed('hometown', 'hometown', 'Quê quán', 300), printed('child_personal_id', 'childPersonalId', 'Số định danh cá nhân', 12),
      printed('mother_name', 'motherName', 'Họ, chữ đệm và tên người mẹ', 100), printed('father_name', 'fatherName', 'Họ, chữ đệm và tên người cha', 100),
      printed('registration_date', 'registrationDate', 'Ngày đăng ký', 10),
    ]),
  },
  'result-residence-confirmation': {
    type: 'result-residence-confirmation',
    vct: 'urn:da06:vc:result:residence-confirmation',
    label: 'Xác nhận thông tin về cư trú (kết quả điện tử)',
    basis: RESULT_BASIS,
    claims: resultClaims([
      printed('full_name', 'fullName', 'Họ, chữ đệm và tên', 100), printed('birth_date', 'birthDate', 'Ngày, tháng, năm sinh', 10), printed('sex', 'sex', 'Giới tính', 10),
      printed('personal_id', 'personalId', 'Số định danh cá nhân', 12), printed('ethnicity', 'ethnicity', 'Dân tộc', 50), printed('nationality', 'nationality', 'Quốc tịch', 60),
      printed('permanent_residence', 'permanentResidence', 'Nơi thường trú', 300), printed('temporary_residence', 'temporaryResidence', 'Nơi tạm trú', 600),
      printed('household_number', 'householdNumber', 'Số hộ', 30), printed('household_head', 'householdHead', 'Họ tên chủ hộ', 100),
      printed('relation_to_head', 'relationToHead', 'Quan hệ với chủ hộ', 50), printed('validity_note', 'validityNote', 'Thời hạn giá trị', 200),
    ]),
  },
  'certified-copy': {
    type: 'certified-copy',
    vct: 'urn:da06:vc:certified-copy',
    label: 'Bản sao điện tử được chứng thực từ bản chính',
    basis: 'Mô hình 4 Đề án 06; Nghị định 23/2015/NĐ-CP, Nghị định 45/2020/NĐ-CP (chứng thực bản sao điện tử từ bản chính)',
    claims: [
      always('document_title', 'documentTitle', 'Tên giấy tờ, văn bản', text(300)),
      selective('document_number', 'documentNumber', 'Số, ký hiệu giấy tờ', text(50), false),
      selective('document_issuer', 'documentIssuer', 'Cơ quan, tổ chức cấp bản chính', text(200)),
      selective('document_issue_date', 'documentIssueDate', 'Ngày cấp bản chính', PAST_DATE),
      selective('holder_name', 'holderName', 'Họ, chữ đệm và tên người yêu cầu chứng thực', NAME),
      selective('holder_personal_id', 'holderPersonalId', 'Số định danh cá nhân', PID),
      selective('certifier_name', 'certifierName', 'Người thực hiện chứng thực', NAME),
      selective('certifier_title', 'certifierTitle', 'Chức danh người thực hiện chứng thực', text(100), false),
      selective('certifying_authority', 'certifyingAuthority', 'Cơ quan, tổ chức thực hiện chứng thực', text(200)),
      selective('certification_date', 'certificationDate', 'Ngày chứng thực', PAST_DATE),
      selective('certification_number', 'certificationNumber', 'Số chứng thực (số, quyển số)', text(60)),
      selective('file_sha256', 'fileSha256', 'Mã băm SHA-256 của tệp bản sao điện tử', { kind: 'sha256_hex' }),
    ],
  },
  'health-insurance': {
    type: 'health-insurance',
    vct: 'urn:da06:vc:health-insurance',
    label: 'Thẻ bảo hiểm y tế',
    basis: 'Đề án 06 (thông tin thẻ BHYT trên tài khoản định danh điện tử); QĐ 1351/QĐ-BHXH, QĐ 1666/QĐ-BHXH (mẫu thẻ)',
    claims: [
      selective('card_number', 'cardNumber', 'Mã số thẻ BHYT', { kind: 'pattern', pattern: BHYT_CARD_NUMBER, max: 15, code: 'WALLET_FIELD_BHYT_CARD_FORMAT' }),
      selective('holder_name', 'holderName', 'Họ, chữ đệm và tên', NAME),
      selective('birth_date', 'birthDate', 'Ngày sinh', PAST_DATE),
      selective('sex', 'sex', 'Giới tính', SEX),
      selective('holder_personal_id', 'holderPersonalId', 'Số định danh cá nhân', PID, false),
      selective('benefit_level', 'benefitLevel', 'Mức hưởng', { kind: 'choice', values: [1, 2, 3, 4, 5], labels: BENEFIT_LEVELS }),
      selective('primary_care_facility', 'primaryCareFacility', 'Nơi đăng ký khám bệnh, chữa bệnh ban đầu', text(200)),
      selective('primary_care_facility_code', 'primaryCareFacilityCode', 'Mã cơ sở khám bệnh, chữa bệnh ban đầu', { kind: 'pattern', pattern: /^\d{5}$/, max: 5, code: 'WALLET_FIELD_FACILITY_CODE_FORMAT' }, false),
      selective('valid_from', 'validFrom', 'Giá trị sử dụng từ ngày', { kind: 'date', min: '2000-01-01' }),
      selective('valid_to', 'validTo', 'Giá trị sử dụng đến ngày', { kind: 'date', min: '2000-01-01' }),
    ],
  },
  'judicial-record': {
    type: 'judicial-record',
    vct: 'urn:da06:vc:judicial-record',
    label: 'Phiếu lý lịch tư pháp',
    basis: 'Mô hình 32 Đề án 06; Luật Lý lịch tư pháp 2009; từ 01/3/2025 Bộ Công an cấp Phiếu',
    claims: [
      always('form', 'form', 'Loại phiếu', { kind: 'choice', values: [1, 2], labels: JUDICIAL_FORMS }),
      selective('record_number', 'recordNumber', 'Số phiếu', text(50), false),
      selective('holder_name', 'holderName', 'Họ, chữ đệm và tên', NAME),
      selective('birth_date', 'birthDate', 'Ngày sinh', PAST_DATE),
      selective('holder_personal_id', 'holderPersonalId', 'Số định danh cá nhân', PID),
      selective('criminal_record_status', 'criminalRecordStatus', 'Tình trạng án tích', { kind: 'choice', values: ['none', 'recorded'], labels: CRIMINAL_RECORD_STATUS }),
      selective('convictions', 'convictions', 'Tóm tắt án tích', { kind: 'text_list', maxItems: 10, maxItem: 300 }, false),
      selective('management_ban', 'managementBan', 'Cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã', text(300), false),
      selective('issuing_authority', 'issuingAuthority', 'Cơ quan cấp phiếu', text(200)),
      selective('issue_date', 'issueDate', 'Ngày cấp phiếu', PAST_DATE),
      selective('purpose', 'purpose', 'Mục đích sử dụng', text(300)),
    ],
  },
};

/** How long a wallet document stays valid, per type (see `expiryOf` in issue.ts). */
export const VALIDITY = {
  /** A certified copy has no legal expiry (it stands for the original); the token is re-issued every 5 years. */
  certifiedCopyYears: 5,
  /** Longest a card summary is valid before it is refreshed from Vietnam Social Security, even if the card runs longer. */
  healthInsuranceMaxDays: 366,
  /** Procedures usually accept a Phiếu lý lịch tư pháp issued within the last 6 months. */
  judicialRecordMonths: 6,
  /** A result in the wallet without a legal expiry (a birth extract) is re-issued after this many years. */
  resultYears: 5,
  /** A criminal record certificate and a residence confirmation (CT07) are asked for fresh: their wallet copy lasts 6 months. */
  freshResultMonths: 6,
} as const;

/** Judicial records: from 01/3/2025 the police (Bộ Công an) issue them instead of the justice departments. */
export const JUDICIAL_TRANSFER_DATE = '2025-03-01';

const BY_VCT = new Map(Object.values(SPECS).map((s) => [s.vct, s]));

export function specOfVct(vct: unknown): DocumentTypeSpec | undefined {
  return typeof vct === 'string' ? BY_VCT.get(vct) : undefined;
}

export function isResultDocumentType(value: unknown): value is ResultDocumentType {
  return typeof value === 'string' && (RESULT_DOCUMENT_TYPES as readonly string[]).includes(value);
}

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && (DOCUMENT_TYPES as readonly string[]).includes(value);
}

export function claimSpec(spec: DocumentTypeSpec, claim: string): ClaimSpec | undefined {
  return spec.claims.find((c) => c.claim === claim);
}

/** Names of the claims a citizen may choose to show, in catalogue order. */
export function selectiveClaims(type: DocumentType): string[] {
  return SPECS[type].claims.filter((c) => c.disclosure === 'selective').map((c) => c.claim);
}

/** Vietnamese labels of every claim of a type, plus the standard ones. */
export function claimLabels(type: DocumentType): Record<string, string> {
  return Object.fromEntries(SPECS[type].claims.map((c) => [c.claim, c.label]));
}

/** Screen form of a value: dates dd/MM/yyyy, choices by their label, lists joined by "; ". */
export function displayValue(rule: ValueRule, value: ClaimValue): string {
  if (rule.kind === 'date' && typeof value === 'string') return `${value.slice(8, 10)}/${value.slice(5, 7)}/${value.slice(0, 4)}`;
  if (rule.kind === 'choice') return rule.labels[String(value)] ?? String(value);
  if (Array.isArray(value)) return value.join('; ');
  return String(value);
}

/**
 * SD-JWT VC Type Metadata (draft-ietf-oauth-sd-jwt-vc §6) for a type: Vietnamese display names
 * and, per claim, its label and whether it is selectively disclosable ("always") or never.
 * Publish it where wallets and verifiers can fetch it; the `vct` URNs themselves do not resolve.
 */
export function documentTypeMetadata(type: DocumentType) {
  const spec = SPECS[type];
  return {
    vct: spec.vct,
    name: spec.label,
    description: spec.basis,
    display: [{ locale: 'vi-VN', name: spec.label, description: spec.basis }],
    claims: spec.claims.map((c) => ({
      path: [c.claim],
      display: [{ locale: 'vi-VN', label: c.label }],
      sd: c.disclosure === 'selective' ? ('always' as const) : ('never' as const),
      mandatory: c.required,
    })),
  };
}

/** Issuing request for a certified copy; dates YYYY-MM-DD, `fileSha256` the hex digest of the digitised paper (PDF). */
export interface CertifiedCopyInput {
  documentTitle: string;
  documentNumber?: string;
  documentIssuer: string;
  documentIssueDate: string;
  holderName: string;
  holderPersonalId: string;
  certifierName: string;
  certifierTitle?: string;
  certifyingAuthority: string;
  certificationDate: string;
  certificationNumber: string;
  fileSha256: string;
}

/** Issuing request for a health insurance card summary. */
export interface HealthInsuranceInput {
  /** 15-character code (old template) or 10-digit social insurance number (2021 template); see BHYT_CARD_NUMBER. */
  cardNumber: string;
  holderName: string;
  birthDate: string;
  sex: 'Nam' | 'Nữ';
  holderPersonalId?: string;
  benefitLevel: 1 | 2 | 3 | 4 | 5;
  primaryCareFacility: string;
  primaryCareFacilityCode?: string;
  validFrom: string;
  validTo: string;
}

/** Issuing request for a judicial record summary. */
export interface JudicialRecordInput {
  form: 1 | 2;
  recordNumber?: string;
  holderName: string;
  birthDate: string;
  holderPersonalId: string;
  criminalRecordStatus: 'none' | 'recorded';
  /** One short line per conviction; only with status "recorded". */
  convictions?: string[];
  managementBan?: string;
  issuingAuthority: string;
  issueDate: string;
  purpose: string;
}

/** Issuing request for a signed result: the document's own facts, then its printed fields by their input name. */
export interface ResultDocumentInput {
  documentId: string;
  documentTitle: string;
  documentKind: string;
  issuerName: string;
  issueDate: string;
  dossierCode?: string;
  holderName: string;
  holderPersonalId: string;
  pdfSha256: string;
  [field: string]: string | undefined;
}

export interface DocumentInputs {
  'certified-copy': CertifiedCopyInput;
  'health-insurance': HealthInsuranceInput;
  'judicial-record': JudicialRecordInput;
  'result-criminal-record': ResultDocumentInput;
  'result-birth-extract': ResultDocumentInput;
  'result-residence-confirmation': ResultDocumentInput;
}
