/**
 * The wallet's document types as the officer's issuing form needs them (SPECS in
 * src/modules/credentials/wallet/types.ts): per field its request name, its claim name, its label
 * and how it is typed in. Holder name, birth date, sex and personal ID are left out: the server
 * fills them from the registry.
 */
import type { RequestBody } from '../api.js';

export type WalletDocumentType = RequestBody<'/api/v1/wallet/documents'>['type'];
export const WALLET_DOCUMENT_TYPES = ['health-insurance', 'judicial-record', 'certified-copy'] as const satisfies readonly WalletDocumentType[];

export type FieldInput =
  | { kind: 'text'; max: number; pattern?: RegExp; placeholder?: string }
  | { kind: 'textarea'; max: number }
  | { kind: 'date'; notFuture?: boolean }
  | { kind: 'choice'; options: { value: string | number; label: string }[] }
  /** One line per item (sent as a list). */
  | { kind: 'lines'; maxItems: number; maxItem: number }
  /** A file the officer picks; its SHA-256 (hex) is what is sent. */
  | { kind: 'sha256' };

export interface WalletField {
  /** Name in the issuing request (camelCase). */
  input: string;
  /** Name inside the token (what presentations and verifications list). */
  claim: string;
  label: string;
  required: boolean;
  field: FieldInput;
  /** Only shown when another field has this value (e.g. convictions when "recorded"). */
  when?: { input: string; value: string | number };
}

export interface WalletTypeForm {
  type: WalletDocumentType;
  label: string;
  fields: WalletField[];
}

const f = (input: string, claim: string, label: string, field: FieldInput, required = true, when?: WalletField['when']): WalletField => ({
  input,
  claim,
  label,
  field,
  required,
  when,
});

const BENEFIT_LEVELS = [
  'Mức 1: 100% chi phí, không giới hạn tỷ lệ thanh toán thuốc, vật tư, dịch vụ kỹ thuật',
  'Mức 2: 100% chi phí trong phạm vi chi trả (có giới hạn một số thuốc, vật tư, dịch vụ)',
  'Mức 3: 95% chi phí trong phạm vi chi trả',
  'Mức 4: 80% chi phí trong phạm vi chi trả',
  'Mức 5: 100% chi phí, kể cả ngoài phạm vi chi trả',
];

export const WALLET_TYPE_FORMS: Record<WalletDocumentType, WalletTypeForm> = {
  'health-insurance': {
    type: 'health-insurance',
    label: 'Thẻ bảo hiểm y tế',
    fields: [
      f('cardNumber', 'card_number', 'Mã số thẻ BHYT', { kind: 'text', max: 15, pattern: /^(?:[A-Z]{2}[1-5]\d{12}|\d{10})$/, placeholder: 'HS4828401234567 hoặc 10 chữ số' }),
      f('benefitLevel', 'benefit_level', 'Mức hưởng', { kind: 'choice', options: BENEFIT_LEVELS.map((label, i) => ({ value: i + 1, label })) }),
      f('primaryCareFacility', 'primary_care_facility', 'Nơi đăng ký khám bệnh, chữa bệnh ban đầu', { kind: 'text', max: 200 }),
      f('primaryCareFacilityCode', 'primary_care_facility_code', 'Mã cơ sở khám bệnh, chữa bệnh ban đầu', { kind: 'text', max: 5, pattern: /^\d{5}$/, placeholder: '5 chữ số' }, false),
      f('validFrom', 'valid_from', 'Giá trị sử dụng từ ngày', { kind: 'date' }),
      f('validTo', 'valid_to', 'Giá trị sử dụng đến ngày', { kind: 'date' }),
    ],
  },
  'judicial-record': {
    type: 'judicial-record',
    label: 'Phiếu lý lịch tư pháp',
    fields: [
      f('form', 'form', 'Loại phiếu', {
        kind: 'choice',
        options: [
          { value: 1, label: 'Phiếu lý lịch tư pháp số 1' },
          { value: 2, label: 'Phiếu lý lịch tư pháp số 2' },
        ],
      }),
      f('recordNumber', 'record_number', 'Số phiếu', { kind: 'text', max: 50 }, false),
      f('criminalRecordStatus', 'criminal_record_status', 'Tình trạng án tích', {
        kind: 'choice',
        options: [
          { value: 'none', label: 'Không có án tích' },
          { value: 'recorded', label: 'Có án tích' },
        ],
      }),
      f('convictions', 'convictions', 'Tóm tắt án tích (mỗi dòng một án tích)', { kind: 'lines', maxItems: 10, maxItem: 300 }, false, { input: 'criminalRecordStatus', value: 'recorded' }),
      f('managementBan', 'management_ban', 'Cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã', { kind: 'textarea', max: 300 }, false),
      f('issuingAuthority', 'issuing_authority', 'Cơ quan cấp phiếu', { kind: 'text', max: 200, placeholder: 'Công an tỉnh …' }),
      f('issueDate', 'issue_date', 'Ngày cấp phiếu', { kind: 'date', notFuture: true }),
      f('purpose', 'purpose', 'Mục đích sử dụng', { kind: 'text', max: 300 }),
    ],
  },
  'certified-copy': {
    type: 'certified-copy',
    label: 'Bản sao điện tử được chứng thực từ bản chính',
    fields: [
      f('documentTitle', 'document_title', 'Tên giấy tờ, văn bản', { kind: 'text', max: 300 }),
      f('documentNumber', 'document_number', 'Số, ký hiệu giấy tờ', { kind: 'text', max: 50 }, false),
      f('documentIssuer', 'document_issuer', 'Cơ quan, tổ chức cấp bản chính', { kind: 'text', max: 200 }),
      f('documentIssueDate', 'document_issue_date', 'Ngày cấp bản chính', { kind: 'date', notFuture: true }),
      f('certifierName', 'certifier_name', 'Người thực hiện chứng thực', { kind: 'text', max: 100 }),
      f('certifierTitle', 'certifier_title', 'Chức danh người thực hiện chứng thực', { kind: 'text', max: 100 }, false),
      f('certifyingAuthority', 'certifying_authority', 'Cơ quan, tổ chức thực hiện chứng thực', { kind: 'text', max: 200 }),
      f('certificationDate', 'certification_date', 'Ngày chứng thực', { kind: 'date', notFuture: true }),
      f('certificationNumber', 'certification_number', 'Số chứng thực (số, quyển số)', { kind: 'text', max: 60 }),
      f('fileSha256', 'file_sha256', 'Tệp bản sao điện tử (bản số hóa)', { kind: 'sha256' }),
    ],
  },
};

/** Claims the server fills from the registry, by claim name (for the labels of withheld claims). */
const HOLDER_LABELS: Record<string, string> = {
  holder_name: 'Họ, chữ đệm và tên',
  holder_personal_id: 'Số định danh cá nhân',
  birth_date: 'Ngày sinh',
  sex: 'Giới tính',
  file_sha256: 'Mã băm SHA-256 của tệp bản sao điện tử',
};

/** The Vietnamese label of a claim of a type (the claim name itself when unknown). */
export function walletClaimLabel(type: string, claim: string): string {
  if (claim in HOLDER_LABELS) return HOLDER_LABELS[claim];
  const form = WALLET_TYPE_FORMS[type as WalletDocumentType] as WalletTypeForm | undefined;
  return form?.fields.find((x) => x.claim === claim)?.label ?? claim;
}

/** SHA-256 of a file, lower-case hex (Web Crypto). */
export async function sha256Hex(file: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
