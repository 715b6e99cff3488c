/**
 * Every Vietnamese sentence the wallet library produces, by stable code. Codes are never renamed or
 * reused; `{name}` placeholders are filled from params. Two groups:
 * - `WALLET_*`: why a presented document is not valid (shown at the counter and in the citizen's history);
 * - `WALLET_FIELD_*`: what is wrong with one field of an issuing request or a presentation request
 *   (returned as `FieldError`s inside a VALIDATION_FAILED problem).
 */
export const WALLET_MESSAGES = {
  WALLET_MALFORMED: 'Không đọc được giấy tờ điện tử: sai định dạng hoặc đã bị sửa.',
  WALLET_TOO_LARGE: 'Dữ liệu xuất trình quá lớn (tối đa {max} ký tự): không phải giấy tờ điện tử của da06.',
  WALLET_WRONG_TYPE: 'Không phải giấy tờ điện tử (SD-JWT VC) thuộc loại da06 hỗ trợ.',
  WALLET_KEY_BINDING_UNSUPPORTED: 'Bản xuất trình có ràng buộc khóa thiết bị (KB-JWT) hoặc khóa người giữ (cnf), da06 chưa hỗ trợ hình thức này.',
  WALLET_UNKNOWN_KEY: 'Giấy tờ được ký bằng khóa không do da06 công bố (hoặc khóa đã thôi được công bố).',
  WALLET_SIGNATURE_INVALID: 'Chữ ký của giấy tờ không hợp lệ: giấy tờ giả hoặc đã bị sửa.',
  WALLET_WRONG_ISSUER: 'Giấy tờ không do hệ thống da06 này cấp.',
  WALLET_NOT_YET_VALID: 'Giấy tờ có thời điểm cấp ở tương lai; kiểm tra đồng hồ của thiết bị.',
  WALLET_EXPIRED: 'Giấy tờ điện tử đã hết thời hạn sử dụng (từ {expiresAt}).',
  WALLET_DISCLOSURE_MALFORMED: 'Một thông tin được xuất trình sai định dạng hoặc không thuộc loại giấy tờ này.',
  WALLET_DISCLOSURE_NOT_REFERENCED: 'Một thông tin được xuất trình không thuộc giấy tờ đã ký: đã bị sửa hoặc ghép từ giấy tờ khác.',
  WALLET_DISCLOSURE_DUPLICATE: 'Một thông tin được xuất trình hai lần.',
  WALLET_REVOKED: 'Giấy tờ điện tử đã bị thu hồi.',
  WALLET_SUSPENDED: 'Giấy tờ điện tử đang bị tạm dừng hiệu lực.',
  WALLET_STATUS_UNAVAILABLE: 'Không tải được danh sách trạng thái để kiểm tra giấy tờ có bị thu hồi hay không; chưa thể xác nhận giấy tờ còn hiệu lực.',
  WALLET_STATUS_INVALID: 'Danh sách trạng thái của giấy tờ không hợp lệ (sai chữ ký, hết hạn hoặc không khớp địa chỉ); chưa thể xác nhận giấy tờ còn hiệu lực.',

  WALLET_FIELD_NOT_OBJECT: 'Dữ liệu phải là một đối tượng JSON',
  WALLET_FIELD_REQUIRED: 'Trường bắt buộc',
  WALLET_FIELD_UNKNOWN: 'Trường không được hỗ trợ',
  WALLET_FIELD_NOT_TEXT: 'Phải là chuỗi ký tự',
  WALLET_FIELD_NOT_INTEGER: 'Phải là số nguyên',
  WALLET_FIELD_CONTROL_CHARS: 'Không được chứa ký tự điều khiển hoặc xuống dòng',
  WALLET_FIELD_TOO_LONG: 'Quá dài (tối đa {max} ký tự)',
  WALLET_FIELD_NAME_FORMAT: 'Họ, chữ đệm và tên chỉ gồm chữ cái, khoảng trắng và dấu nháy đơn',
  WALLET_FIELD_DATE_FORMAT: 'Ngày không hợp lệ (định dạng YYYY-MM-DD)',
  WALLET_FIELD_DATE_IN_FUTURE: 'Ngày không được ở tương lai',
  WALLET_FIELD_DATE_TOO_EARLY: 'Ngày phải từ {min} trở đi',
  WALLET_FIELD_DATE_ORDER: 'Ngày phải từ {after} ({afterLabel}) trở đi',
  WALLET_FIELD_CHOICE: 'Giá trị phải là một trong: {choices}',
  WALLET_FIELD_PERSONAL_ID_FORMAT: 'Số định danh cá nhân phải gồm đúng 12 chữ số',
  WALLET_FIELD_PERSONAL_ID_BIRTH: 'Chữ số thứ 4–6 của số định danh cá nhân ({digits}) không khớp năm sinh {birthYear}',
  WALLET_FIELD_SHA256_FORMAT: 'Mã băm SHA-256 phải gồm đúng 64 chữ số thập lục phân viết thường (0-9, a-f)',
  WALLET_FIELD_BHYT_CARD_FORMAT: 'Mã số thẻ BHYT gồm 2 chữ cái in hoa và 13 chữ số (thẻ mẫu trước 01/4/2021, ví dụ DN4791234567890) hoặc 10 chữ số mã số BHXH (thẻ mẫu từ 01/4/2021)',
  WALLET_FIELD_BHYT_BENEFIT_MISMATCH: 'Mức hưởng {level} khác mức hưởng ghi trong mã thẻ (chữ số thứ 3: {digit})',
  WALLET_FIELD_FACILITY_CODE_FORMAT: 'Mã cơ sở đăng ký khám bệnh, chữa bệnh ban đầu gồm đúng 5 chữ số',
  WALLET_FIELD_CARD_EXPIRED: 'Thẻ đã hết giá trị sử dụng từ ngày {date}',
  WALLET_FIELD_LIST: 'Phải là danh sách từ 1 đến {max} mục',
  WALLET_FIELD_CONVICTIONS_REQUIRED: 'Phiếu ghi "Có án tích" thì phải có tóm tắt các án tích',
  WALLET_FIELD_CONVICTIONS_FORBIDDEN: 'Phiếu ghi "Không có án tích" thì không được có nội dung án tích',
  WALLET_FIELD_JUDICIAL_AUTHORITY: 'Cơ quan cấp phải là "Trung tâm Lý lịch tư pháp quốc gia", "Sở Tư pháp …" (phiếu cấp trước 01/3/2025) hoặc "Công an tỉnh/thành phố …" (phiếu cấp từ 01/3/2025)',
  WALLET_FIELD_RECORD_TOO_OLD: 'Phiếu cấp đã quá {months} tháng, không còn đưa vào ví được',
  WALLET_FIELD_DOCUMENT_TOO_LARGE: 'Giấy tờ quá lớn ({size} byte, tối đa {max} byte); hãy rút gọn nội dung trường này',
  WALLET_FIELD_CLAIM_UNKNOWN: 'Loại giấy tờ này không có thông tin "{claim}"',
  WALLET_FIELD_DOCUMENT_UNREADABLE: 'Không đọc được giấy tờ điện tử đã lưu',
} as const;

export type WalletMessageCode = keyof typeof WALLET_MESSAGES;
/** Codes that can appear in `reasons` of a verification. */
export type WalletReasonCode = Extract<WalletMessageCode, `WALLET_${string}`> extends infer C
  ? C extends `WALLET_FIELD_${string}` ? never : C
  : never;
export type WalletFieldCode = Extract<WalletMessageCode, `WALLET_FIELD_${string}`>;

export function walletMessage(code: WalletMessageCode, params: Record<string, unknown> = {}): string {
  return WALLET_MESSAGES[code].replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}
