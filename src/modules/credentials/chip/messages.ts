import { fill } from '../../../platform/errors.js';

/**
 * Every Vietnamese text of the chip library, keyed by a stable code. The same codes appear in
 * `ChipInputError.code` and in each check of a passive-authentication report, so a caller can
 * branch on the code and show the message. `{name}` placeholders are filled from params.
 * A code is never renamed or reused once released.
 */
export const CHIP_MESSAGES = {
  // Input that cannot even be decoded: thrown as ChipInputError by passiveAuthenticate.
  INPUT_WRONG_TYPE: 'Trường {field} phải là chuỗi base64 hoặc dãy byte.',
  INPUT_MISSING: 'Thiếu dữ liệu bắt buộc: {field}.',
  INPUT_NOT_BASE64: 'Trường {field} không phải chuỗi base64 hợp lệ.',
  INPUT_TOO_LARGE: 'Trường {field} vượt quá kích thước cho phép ({max} byte).',
  INPUT_TOTAL_TOO_LARGE: 'Tổng dung lượng dữ liệu đọc từ chip vượt quá {max} byte.',
  TRUST_LIST_INVALID: 'Danh sách CSCA tin cậy không hợp lệ.',

  // Parsers (thrown as ChipInputError by parseSod/parseDg1/…; reported as a failed check by passiveAuthenticate).
  SOD_MALFORMED: 'EF.SOD không đúng cấu trúc theo ICAO 9303.',
  DG1_MALFORMED: 'DG1 (vùng đọc máy MRZ) không đúng cấu trúc.',
  MRZ_NOT_TD1: 'MRZ không đúng định dạng TD1 (3 dòng × 30 ký tự) của thẻ căn cước.',
  DG13_MALFORMED: 'DG13 (thông tin nhân thân mở rộng) không đúng cấu trúc.',
  DG15_MALFORMED: 'DG15 (khóa công khai xác thực chủ động) không đúng cấu trúc.',

  // Trust store (thrown as ChipInputError by parseCscaCertificate/prepareTrustList).
  CSCA_PEM_INVALID: 'Nội dung không chứa chứng thư số dạng PEM (BEGIN CERTIFICATE) hợp lệ.',
  CSCA_DER_INVALID: 'Chứng thư CSCA không đúng cấu trúc X.509.',
  CSCA_NOT_CA: 'Chứng thư không phải của tổ chức cấp chứng thư (thiếu basicConstraints cA=TRUE hoặc quyền keyCertSign).',
  CSCA_KEY_UNSUPPORTED: 'Khóa công khai của chứng thư CSCA không được hỗ trợ.',
  CSCA_MULTIPLE: 'Nội dung chứa {count} chứng thư; mỗi lần chỉ nạp một chứng thư CSCA.',

  // Check sod_signature
  SOD_SIGNATURE_VALID: 'Chữ ký số trên EF.SOD hợp lệ (thuật toán {algorithm}).',
  SOD_SIGNER_CERTIFICATE_MISSING: 'EF.SOD không kèm chứng thư ký tài liệu (Document Signer) khớp với bên ký.',
  SOD_SIGNED_ATTRIBUTES_INVALID: 'Thuộc tính ký trong EF.SOD thiếu hoặc sai (contentType, messageDigest).',
  SOD_DIGEST_MISMATCH: 'Giá trị băm messageDigest trong EF.SOD không khớp nội dung đã ký.',
  SOD_ALGORITHM_UNSUPPORTED: 'Thuật toán chữ ký {algorithm} của EF.SOD chưa được hỗ trợ.',
  SOD_SIGNATURE_INVALID: 'Chữ ký số trên EF.SOD không hợp lệ.',

  // Check certificate_chain
  CHAIN_VALID: 'Chứng thư ký tài liệu do CSCA tin cậy "{csca}" cấp.',
  CHAIN_NOT_CHECKED: 'Chưa kiểm tra chuỗi chứng thư vì không đọc được chứng thư ký tài liệu.',
  CHAIN_TRUST_LIST_EMPTY: 'Danh sách CSCA tin cậy đang trống.',
  CHAIN_UNTRUSTED_ISSUER: 'Không có CSCA tin cậy nào trùng với bên cấp "{issuer}".',
  CHAIN_CSCA_NOT_CA: 'Chứng thư CSCA "{csca}" không có quyền cấp chứng thư.',
  CHAIN_SIGNATURE_INVALID: 'Chữ ký của CSCA trên chứng thư ký tài liệu không hợp lệ.',
  CHAIN_ALGORITHM_UNSUPPORTED: 'Thuật toán chữ ký {algorithm} trên chứng thư ký tài liệu chưa được hỗ trợ.',

  // Check certificate_validity
  CERTIFICATES_VALID: 'Chứng thư ký tài liệu và chứng thư CSCA còn hiệu lực vào ngày {at}.',
  DS_CERTIFICATE_VALID: 'Chứng thư ký tài liệu còn hiệu lực vào ngày {at} (chưa xác định được CSCA).',
  DS_CERTIFICATE_EXPIRED: 'Chứng thư ký tài liệu đã hết hiệu lực từ ngày {notAfter}.',
  DS_CERTIFICATE_NOT_YET_VALID: 'Chứng thư ký tài liệu chỉ có hiệu lực từ ngày {notBefore}.',
  CSCA_CERTIFICATE_EXPIRED: 'Chứng thư CSCA đã hết hiệu lực từ ngày {notAfter}.',
  CSCA_CERTIFICATE_NOT_YET_VALID: 'Chứng thư CSCA chỉ có hiệu lực từ ngày {notBefore}.',
  VALIDITY_NOT_CHECKED: 'Chưa kiểm tra thời hạn chứng thư vì không đọc được chứng thư ký tài liệu.',

  // Check dg_hash (one per supplied data group)
  DG_HASH_MATCH: 'Giá trị băm của DG{dg} khớp với EF.SOD.',
  DG_HASH_MISMATCH: 'Giá trị băm của DG{dg} không khớp với EF.SOD: dữ liệu đã bị thay đổi.',
  DG_NOT_IN_SOD: 'EF.SOD không có giá trị băm cho DG{dg}.',
  DG_HASH_NOT_CHECKED: 'Chưa kiểm tra giá trị băm của DG{dg} vì không đọc được EF.SOD.',

  // Check dg1_mrz
  MRZ_VALID: 'Các chữ số kiểm tra trong MRZ đều đúng.',
  MRZ_CHECK_DIGIT_INVALID: 'Chữ số kiểm tra trong MRZ sai ở: {fields}.',

  // Check dg13_parse
  DG13_PARSED: 'Đọc được {count} trường thông tin trong DG13.',
  DG13_NOT_SUPPLIED: 'Không có DG13.',

  // Check dg1_dg13_consistency
  DG1_DG13_CONSISTENT: 'Thông tin trong DG1 (MRZ) và DG13 khớp nhau: {fields}.',
  DG1_DG13_INCONSISTENT: 'Thông tin trong DG1 (MRZ) và DG13 không khớp: {fields}.',
  CONSISTENCY_NOT_CHECKED: 'Chưa đối chiếu DG1 với DG13 vì thiếu hoặc không đọc được một trong hai.',

  // Check active_authentication
  AA_VALID: 'Xác thực chủ động thành công: chip giữ khóa bí mật ứng với DG15 (không phải chip sao chép).',
  AA_SIGNATURE_INVALID: 'Chữ ký xác thực chủ động không hợp lệ: chip có thể là bản sao.',
  AA_KEY_NOT_AUTHENTICATED: 'Khóa trong DG15 chưa được xác thực qua EF.SOD nên không dùng được để xác thực chủ động.',
  AA_ALGORITHM_UNSUPPORTED: 'Chưa hỗ trợ xác thực chủ động với khóa {algorithm}.',
  AA_NOT_REQUESTED: 'Không thực hiện xác thực chủ động (cần đủ DG15, thử thách và chữ ký của chip).',

  // Any check that meets data no parser anticipated
  CHECK_FAILED_UNEXPECTEDLY: 'Không thực hiện được bước kiểm tra này do dữ liệu bất thường.',

  // Field names used inside the messages above
  FIELD_DOCUMENT_NUMBER: 'số giấy tờ',
  FIELD_DATE_OF_BIRTH: 'ngày sinh',
  FIELD_DATE_OF_EXPIRY: 'ngày hết hạn',
  FIELD_COMPOSITE: 'chữ số kiểm tra tổng hợp',
  FIELD_PERSONAL_ID: 'số định danh cá nhân',
  FIELD_SEX: 'giới tính',
} as const;

export type ChipMessageCode = keyof typeof CHIP_MESSAGES;

export function chipMessage(code: ChipMessageCode, params: Record<string, unknown> = {}): string {
  return fill(CHIP_MESSAGES[code], params);
}

/** A day as people read it in Vietnam: dd/MM/yyyy in Asia/Ho_Chi_Minh. */
export function formatDay(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Ho_Chi_Minh',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('day')}/${part('month')}/${part('year')}`;
}
