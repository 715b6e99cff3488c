import { defineErrors, defineFieldErrors, type CodesOf } from '../../platform/errors.js';

/** Error codes of the identity module (RFC 9457 `code`); listed in docs/errors.md. Never renamed or reused. */
export const IDENTITY_ERRORS = defineErrors({
  LOGIN_FAILED: { status: 401, title: 'Tên đăng nhập hoặc mật khẩu không đúng' },
  ACCOUNT_LOCKED: { status: 429, title: 'Đăng nhập sai nhiều lần, vui lòng thử lại sau {seconds} giây' },
  REGISTRATION_MISMATCH: { status: 422, title: 'Không thể đăng ký tài khoản định danh điện tử: thông tin khai báo không khớp với Cơ sở dữ liệu quốc gia về dân cư hoặc không đủ điều kiện đăng ký' },
  CITIZEN_LOGIN_FAILED: { status: 401, title: 'Số định danh cá nhân hoặc mật khẩu không đúng' },
  CITIZEN_ACCOUNT_LOCKED: { status: 403, title: 'Tài khoản định danh điện tử đã bị khóa: {reason}' },
  CITIZEN_ACCOUNT_NOT_FOUND: { status: 404, title: 'Công dân chưa có tài khoản định danh điện tử' },
  OTP_INVALID: { status: 400, title: 'Mã xác thực không đúng' },
  OTP_EXPIRED: { status: 410, title: 'Mã xác thực đã hết hạn hoặc không còn dùng được, vui lòng bắt đầu lại' },
  FACTOR_NOT_AVAILABLE: { status: 400, title: 'Phương thức xác thực này chưa được bật cho tài khoản' },
  TOTP_NOT_SET_UP: { status: 409, title: 'Chưa khởi tạo ứng dụng xác thực, hãy bắt đầu lại bước cài đặt' },
  LEVEL_UNCHANGED: { status: 409, title: 'Tài khoản đã ở mức độ {level}' },
  SESSION_NOT_FOUND: { status: 404, title: 'Không tìm thấy phiên đăng nhập' },
  PASSKEY_INVALID: { status: 400, title: 'Khóa truy cập (passkey) không hợp lệ hoặc không xác minh được' },
  PASSKEY_CHALLENGE_EXPIRED: { status: 410, title: 'Yêu cầu đăng ký khóa truy cập đã hết hạn hoặc đã được dùng, vui lòng thử lại' },
  PASSKEY_ALREADY_REGISTERED: { status: 409, title: 'Khóa truy cập này đã được đăng ký' },
  PASSKEY_NOT_FOUND: { status: 404, title: 'Không tìm thấy khóa truy cập' },
  PASSKEY_LIMIT: { status: 409, title: 'Mỗi tài khoản chỉ đăng ký được tối đa {max} khóa truy cập; hãy xóa bớt khóa không dùng' },
  CONNECTED_SERVICE_NOT_FOUND: { status: 404, title: 'Không tìm thấy dịch vụ đã kết nối' },
  OIDC_CLIENT_INVALID: { status: 422, title: 'Thông tin dịch vụ kết nối đăng nhập một lần không hợp lệ: {reason}' },
  OIDC_INTERACTION_NOT_FOUND: { status: 404, title: 'Yêu cầu đăng nhập một lần đã hết hạn hoặc không còn hiệu lực, vui lòng quay lại dịch vụ và đăng nhập lại' },
  OIDC_INTERACTION_STATE: { status: 409, title: 'Bước này không phù hợp với yêu cầu đăng nhập một lần hiện tại ({prompt})' },
  OIDC_ACCOUNT_MISMATCH: { status: 403, title: 'Tài khoản đang đăng nhập khác tài khoản đã xác thực cho yêu cầu này' },
  CHIP_CHECK_FAILED: { status: 422, title: 'Kiểm tra chip thẻ căn cước không đạt: {reasons}' },
  CHIP_REQUIRED: { status: 422, title: 'Cần dữ liệu đọc từ chip thẻ căn cước để nâng tài khoản lên mức độ 2' },
  OIDC_AUDIENCE_MISMATCH: { status: 403, title: 'Dịch vụ này dành cho {audience}; phiên đăng nhập hiện tại không dùng được' },
  OFFICER_ACCOUNT_DISABLED: { status: 403, title: 'Tài khoản cán bộ đã bị vô hiệu hóa; liên hệ quản trị hệ thống của tỉnh' },
  OFFICER_NOT_FOUND: { status: 404, title: 'Không tìm thấy tài khoản cán bộ' },
  OFFICER_USERNAME_TAKEN: { status: 409, title: 'Tên đăng nhập {username} đã có người dùng' },
  OFFICER_SELF: { status: 409, title: 'Không thể {what} tài khoản của chính mình' },
  OFFICER_STATE: { status: 409, title: 'Tài khoản {username} {state}' },
  OFFICER_ROLE_PROTECTED: { status: 403, title: 'Tài khoản vai trò "{role}" chỉ do người vận hành hệ thống quản lý (dòng lệnh da06 officers), không do quản trị tỉnh' },
  PASSWORD_RESET_LIMITED: { status: 429, title: 'Đã yêu cầu khôi phục mật khẩu nhiều lần, vui lòng thử lại sau {seconds} giây' },
  LEVEL2_REQUEST_OPEN: { status: 409, title: 'Bạn đã có một đề nghị nâng lên mức độ 2 đang chờ xử lý; hãy hủy đề nghị đó trước khi chọn nơi khác' },
  LEVEL2_REQUEST_NOT_FOUND: { status: 404, title: 'Không tìm thấy đề nghị nâng mức độ 2 đang chờ xử lý' },
});

/** Field-error codes of the identity module (`errors[].code`). */
export const IDENTITY_FIELD_ERRORS = defineFieldErrors({
  PASSWORD_TOO_SHORT: 'Mật khẩu phải có ít nhất {min} ký tự',
  PASSWORD_CONTAINS_ID: 'Mật khẩu không được chứa số định danh cá nhân',
  PASSWORD_CONTAINS_USERNAME: 'Mật khẩu không được chứa tên đăng nhập',
  PASSWORD_UNCHANGED: 'Mật khẩu mới phải khác mật khẩu hiện tại',
  PASSWORD_WRONG: 'Mật khẩu hiện tại không đúng',
  USERNAME_TAKEN: 'Tên đăng nhập đã có người dùng',
  ROLE_UNKNOWN: 'Vai trò không có trong danh mục vai trò được cấp',
  ROLE_OPERATOR_ONLY: 'Tài khoản vai trò này chỉ do người vận hành hệ thống tạo (dòng lệnh da06 officers)',
  AREA_OUTSIDE_PROVINCE: 'Địa bàn phải thuộc tỉnh do bạn quản trị',
  AREA_LEVEL: 'Vai trò này chỉ được giao địa bàn cấp {level}',
  RELYING_PARTY_REQUIRED: 'Chọn đơn vị xác thực mà nhân viên làm việc',
  RELYING_PARTY_OUTSIDE_PROVINCE: 'Đơn vị xác thực không thuộc tỉnh do bạn quản trị',
  RELYING_PARTY_INACTIVE: 'Đơn vị xác thực đã ngừng hoạt động: không tạo thêm tài khoản nhân viên',
  OFFICE_UNKNOWN: 'Không có đơn vị công an cấp xã này',
});

declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodesOf<typeof IDENTITY_ERRORS> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface FieldErrorCodes extends CodesOf<typeof IDENTITY_FIELD_ERRORS> {}
}

// Every file that throws this module's errors imports them from here: that loads all of the module's
// catalogues (actions, permissions, events) wherever its code runs, the CLI and unit tests included.
import './audit-actions.js';
import './permissions.js';

/** Thrown with this module's codes. */
export { DomainError, fieldError, type FieldError } from '../../platform/errors.js';
