import { fill } from './errors.js';

/**
 * Text the server itself sends to people (errors live in errors.ts). SMS are written without
 * diacritics on purpose: a Vietnamese SMS with diacritics is encoded in UCS-2 and fits 70 characters
 * instead of 160, and some handsets still show it garbled.
 */
export const MESSAGES = {
  SMS_REGISTRATION_CODE: 'da06: Ma xac thuc dang ky tai khoan dinh danh dien tu la {code}, hieu luc {minutes} phut. Khong cung cap ma nay cho bat ky ai.',
  SMS_SIGN_IN_CODE: 'da06: Ma dang nhap tai khoan dinh danh dien tu la {code}, hieu luc {minutes} phut. Khong cung cap ma nay cho bat ky ai.',
  OIDC_LEVEL2_HINT: 'Dịch vụ này yêu cầu tài khoản định danh điện tử mức độ 2. Vui lòng mang thẻ căn cước (có gắn chip) đến công an cấp xã nơi cư trú để được nâng lên mức độ 2.',
  OIDC_ACCOUNT_INACTIVE: 'Tài khoản định danh điện tử không còn hiệu lực.',
  OIDC_TOKEN_NOT_STORED: 'Không lưu được mã truy cập vào cơ sở dữ liệu; vui lòng thử lại.',
  OIDC_TEXT_UNSTORABLE: 'Yêu cầu có ký tự không hợp lệ (ký tự điều khiển hoặc mã Unicode lỗi).',
  OIDC_CONSENT_DENIED: 'Người dùng không đồng ý chia sẻ thông tin với dịch vụ.',
  OIDC_AUDIENCE_CITIZEN: 'công dân (tài khoản định danh điện tử)',
  OIDC_AUDIENCE_OFFICER: 'cán bộ (tài khoản cán bộ da06)',
  CLIENT_URI_INVALID: '{field} không phải là địa chỉ hợp lệ',
  CLIENT_URI_FRAGMENT: '{field}: địa chỉ không được có phần #',
  CLIENT_URI_SCHEME: '{field}: chỉ chấp nhận địa chỉ http hoặc https',
  CLIENT_URI_INSECURE: '{field}: chỉ chấp nhận https; http chỉ dùng cho localhost, 127.0.0.1 hoặc [::1] (ứng dụng cài trên máy, RFC 8252)',
  CLIENT_NAME_MISSING: 'thiếu tên dịch vụ',
  CLIENT_REDIRECT_MISSING: 'cần ít nhất một địa chỉ chuyển hướng',
  CLIENT_ONE_HOST: 'mọi địa chỉ chuyển hướng phải cùng một máy chủ (định danh theo cặp)',
  CLIENT_AUDIENCE: 'đối tượng phải là citizen hoặc officer',
  CLIENT_OFFICER_SCOPES: 'dịch vụ dành cho cán bộ chỉ có phạm vi {scope}',
  CLIENT_OFFICER_PERSONAL_ID: 'dịch vụ dành cho cán bộ không nhận số định danh cá nhân',
  CLIENT_SCOPES_UNKNOWN: '{field}: phạm vi không hỗ trợ (có: {known})',
  CLIENT_MIN_LEVEL: 'mức định danh tối thiểu phải là 1 hoặc 2',
  IMPORT_HEADER_MISSING: 'thiếu cột {columns}',
  IMPORT_HEADER_UNKNOWN: 'cột không được hỗ trợ: {columns}',
  IMPORT_HEADER_DUPLICATED: 'cột lặp lại: {columns}',
  IMPORT_SUMMARY: 'Tệp có {lines} dòng: {header} dòng tiêu đề, {blank} dòng trống, {read} dòng dữ liệu; nhập {imported}, từ chối {rejected}',
  // Verification at a counter: why a scan is not valid (shown to staff and in the citizen's history).
  STATS_OTHER: 'Khác',
  LODGING_WALLET_NOT_IDENTITY: 'đây là giấy tờ trong ví, không phải mã QR định danh hay mã QR trên thẻ căn cước',
  LODGING_QR_INVALID: 'mã không hợp lệ',
  VERIFY_QR_UNREADABLE: 'Không nhận ra mã QR: không phải mã QR định danh da06 hay mã QR trên thẻ căn cước.',
  VERIFY_QR_MALFORMED: 'Mã QR định danh sai định dạng hoặc đã bị sửa.',
  VERIFY_QR_UNKNOWN_KEY: 'Mã QR được ký bằng khóa không do da06 công bố.',
  VERIFY_QR_SIGNATURE_INVALID: 'Chữ ký của mã QR không hợp lệ: mã giả hoặc đã bị sửa.',
  VERIFY_QR_EXPIRED: 'Mã QR đã hết hạn; đề nghị công dân mở lại mã QR mới trên ứng dụng.',
  VERIFY_QR_NOT_YET_VALID: 'Mã QR có thời điểm cấp ở tương lai; kiểm tra đồng hồ của thiết bị.',
  VERIFY_QR_WRONG_ISSUER: 'Mã QR không do hệ thống da06 này cấp.',
  VERIFY_QR_REVOKED: 'Mã QR không còn hiệu lực (không tìm thấy hoặc đã bị thu hồi).',
  VERIFY_QR_REPLAYED: 'Mã QR này đã được xuất trình tại đơn vị khác: có thể bị chụp lại và dùng lại.',
  VERIFY_ACCOUNT_LOCKED: 'Tài khoản định danh điện tử của công dân đang bị khóa.',
  VERIFY_PERSON_DECEASED: 'Công dân đã được ghi nhận là đã mất trong Cơ sở dữ liệu dân cư.',
  VERIFY_LEVEL_TOO_LOW: 'Đơn vị yêu cầu tài khoản định danh điện tử mức độ {level}.',
  VERIFY_CARD_NOT_IN_REGISTRY: 'Không tìm thấy số định danh trên thẻ trong Cơ sở dữ liệu dân cư.',
  VERIFY_CARD_MISMATCH: 'Thông tin trên thẻ khác Cơ sở dữ liệu dân cư: {fields}.',
  VERIFY_CARD_UNCONFIRMED:
    'Không xác nhận được thẻ với Cơ sở dữ liệu dân cư. Mã QR in trên thẻ không có chữ ký số nên hệ thống không cho biết khác ở đâu; đề nghị công dân xuất trình mã QR định danh hoặc đọc chip thẻ.',
  VERIFY_CARD_CHECKS_PAUSED:
    'Đơn vị đã đối chiếu số định danh này không xác nhận được {count} lần trong {hours} giờ: tạm ngừng đối chiếu thẻ không được xác thực của số định danh này tại đơn vị. Đề nghị công dân xuất trình mã QR định danh hoặc đọc chip thẻ.',
  VERIFY_CARD_CHECKS_PAUSED_COUNTER:
    'Đơn vị đã có {count} lần đối chiếu thẻ không xác nhận được trong {hours} giờ: tạm ngừng đối chiếu thẻ không được xác thực tại đơn vị và kiểm tra viên đã được báo. Đề nghị công dân xuất trình mã QR định danh hoặc đọc chip thẻ.',
  CARD_QR_PAUSED_AUDIT:
    'Đơn vị đối chiếu thẻ không được xác thực (mã QR in trên thẻ hoặc chip không xác thực được) của số định danh này {count} lần trong {hours} giờ mà không khớp: tạm ngừng đối chiếu số này tại đơn vị (có thể đang dò thông tin cá nhân).',
  CARD_QR_COUNTER_PAUSED_AUDIT:
    'Đơn vị đối chiếu thẻ không được xác thực {count} lần trong {hours} giờ mà không khớp: tạm ngừng mọi đối chiếu loại này tại đơn vị (có thể đang dò thông tin cá nhân của nhiều người).',
  VERIFY_CARD_NUMBER_CANCELLED: 'Số định danh trên thẻ đã bị hủy và được xác lập lại: thẻ không còn giá trị sử dụng.',
  VERIFY_CARD_EXPIRED: 'Thẻ đã hết hạn sử dụng từ ngày {date}.',
  VERIFY_CHIP_NO_DG13: 'Dữ liệu chip thiếu nhóm DG13 (thông tin công dân): không đối chiếu được với Cơ sở dữ liệu dân cư.',
  VERIFY_CHIP_OTHER_PERSON: 'Chip đọc được là thẻ của người khác, không phải của công dân đang được xử lý.',
  VERIFY_AA_CHALLENGE_UNKNOWN: 'Thử thách xác thực chủ động không do da06 cấp cho đơn vị này, đã hết hạn hoặc đã dùng: đọc lại chip với thử thách mới.',
  VERIFY_OFFLINE_LIMITS: 'Kiểm tra ngoại tuyến chỉ xác nhận chữ ký và thời hạn của mã; không biết được mã đã bị thu hồi, tài khoản bị khóa, công dân đã mất hay mã đã dùng ở nơi khác sau thời điểm cấp.',
  RP_FIELDS_UNKNOWN: '{field}: trường thông tin không hỗ trợ (có: {known})',
  RP_FIELDS_EMPTY: 'cần ít nhất một trường thông tin được phép xem',
  RP_TYPE_UNKNOWN: 'loại đơn vị phải là một trong: {known}',
  RP_NAME_PURPOSE: 'cần tên đơn vị và mục đích xác thực',
} as const;

export type MessageKey = keyof typeof MESSAGES;

export function message(key: MessageKey, params: Record<string, unknown> = {}): string {
  return fill(MESSAGES[key], params);
}
