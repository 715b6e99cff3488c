import { defineMessages } from '../../platform/messages.js';

/**
 * Text the identity module sends to people (errors live in errors.ts). SMS are written without
 * diacritics on purpose: a Vietnamese SMS with diacritics is encoded in UCS-2 and fits 70 characters
 * instead of 160, and some handsets still show it garbled.
 */
export const { texts: MESSAGES, text: message } = defineMessages({
  SMS_REGISTRATION_CODE: 'da06: Ma xac thuc dang ky tai khoan dinh danh dien tu la {code}, hieu luc {minutes} phut. Khong cung cap ma nay cho bat ky ai.',
  SMS_PASSWORD_RESET_CODE: 'da06: Ma khoi phuc mat khau tai khoan dinh danh dien tu la {code}, hieu luc {minutes} phut. Neu ban khong yeu cau, hay bo qua tin nhan nay.',
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
  OFFICER_SELF_DISABLE: 'vô hiệu hóa',
  OFFICER_SELF_RESET: 'đặt lại mật khẩu',
  OFFICER_ALREADY_DISABLED: 'đã bị vô hiệu hóa',
  OFFICER_ALREADY_ACTIVE: 'đang hoạt động',
  ACTOR_CLI: 'Người vận hành (dòng lệnh, {name})',
  ACTOR_SYSTEM: 'Hệ thống',
});

export type MessageKey = keyof typeof MESSAGES;
