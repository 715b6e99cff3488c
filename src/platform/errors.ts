/**
 * The catalogue of stable error codes. A code is never renamed or reused once released;
 * `docs/errors.md` lists the same codes and a test keeps the two in step (errors.test.ts).
 * Titles are Vietnamese; `{name}` placeholders are filled from the error's params.
 */
export const ERRORS = {
  VALIDATION_FAILED: { status: 400, title: 'Dữ liệu gửi lên không hợp lệ' },
  UNAUTHENTICATED: { status: 401, title: 'Chưa đăng nhập hoặc phiên làm việc đã hết hạn' },
  LOGIN_FAILED: { status: 401, title: 'Tên đăng nhập hoặc mật khẩu không đúng' },
  FORBIDDEN: { status: 403, title: 'Bạn không có quyền thực hiện thao tác này' },
  CSRF_INVALID: { status: 403, title: 'Yêu cầu thiếu mã chống giả mạo (CSRF) hợp lệ, vui lòng tải lại trang' },
  NOT_FOUND: { status: 404, title: 'Không tìm thấy địa chỉ yêu cầu' },
  URI_TOO_LONG: { status: 414, title: 'Địa chỉ yêu cầu quá dài' },
  PERSON_NOT_FOUND: { status: 404, title: 'Không tìm thấy công dân' },
  HOUSEHOLD_NOT_FOUND: { status: 404, title: 'Không tìm thấy hộ gia đình' },
  UNIT_NOT_FOUND: { status: 404, title: 'Không tìm thấy đơn vị hành chính {code} trong danh mục {scheme}' },
  PERSON_DUPLICATE: { status: 409, title: 'Số định danh cá nhân {personalId} đã có trong cơ sở dữ liệu' },
  PERSON_DECEASED: { status: 409, title: 'Công dân đã mất, không thể thực hiện thao tác này' },
  PERSON_INVALID: { status: 422, title: 'Thông tin công dân không hợp lệ' },
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
  IMPORT_ENCODING: { status: 422, title: 'Tệp không phải văn bản UTF-8 (dòng {line} là dòng đầu tiên sai mã); chưa nhập dòng nào. Hãy lưu lại tệp với bảng mã UTF-8 rồi nhập lại' },
  IMPORT_HEADER: { status: 422, title: 'Dòng tiêu đề của tệp không hợp lệ ({problems}); chưa nhập dòng nào' },
  IMPORT_BULK_NOT_EMPTY: { status: 409, title: 'Chế độ nạp ban đầu (--bulk) chỉ dùng khi cơ sở dữ liệu dân cư còn trống' },
  RELYING_PARTY_INVALID: { status: 422, title: 'Thông tin đơn vị xác thực không hợp lệ: {reason}' },
  RELYING_PARTY_EXISTS: { status: 409, title: 'Mã đơn vị xác thực đã được dùng' },
  RELYING_PARTY_OUT_OF_AREA: { status: 403, title: 'Chỉ đăng ký được đơn vị xác thực thuộc tỉnh bạn quản trị' },
  RELYING_PARTY_NOT_FOUND: { status: 404, title: 'Không tìm thấy đơn vị xác thực' },
  RELYING_PARTY_INACTIVE: { status: 403, title: 'Đơn vị xác thực đã ngừng hoạt động hoặc không còn được phép xác thực' },
  WALLET_DOCUMENT_NOT_FOUND: { status: 404, title: 'Không tìm thấy giấy tờ trong ví' },
  WALLET_DOCUMENT_REVOKED: { status: 409, title: 'Giấy tờ đã bị thu hồi, không xuất trình được' },
  CSCA_INVALID: { status: 422, title: 'Chứng thư CSCA không dùng được: {reason}' },
  CSCA_NOT_FOUND: { status: 404, title: 'Không tìm thấy chứng thư CSCA trong danh sách tin cậy' },
  CHIP_CHECK_FAILED: { status: 422, title: 'Kiểm tra chip thẻ căn cước không đạt: {reasons}' },
  CHIP_REQUIRED: { status: 422, title: 'Cần dữ liệu đọc từ chip thẻ căn cước để nâng tài khoản lên mức độ 2' },
  OIDC_AUDIENCE_MISMATCH: { status: 403, title: 'Dịch vụ này dành cho {audience}; phiên đăng nhập hiện tại không dùng được' },
  FACILITY_NOT_FOUND: { status: 404, title: 'Không tìm thấy cơ sở lưu trú' },
  FACILITY_INVALID: { status: 422, title: 'Thông tin cơ sở lưu trú không hợp lệ' },
  FACILITY_STATE: { status: 409, title: 'Cơ sở lưu trú đang ở trạng thái "{status}", không thực hiện được thao tác này' },
  FACILITY_USERNAME_TAKEN: { status: 409, title: 'Tên đăng nhập {username} đã được dùng' },
  STAY_INVALID: { status: 422, title: 'Thông báo lưu trú chưa hợp lệ, vui lòng sửa các trường được đánh dấu' },
  STAY_NOT_FOUND: { status: 404, title: 'Không tìm thấy thông tin lưu trú' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, title: 'Thiếu tiêu đề Idempotency-Key (8–100 ký tự) để chống gửi trùng khai báo' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Khóa chống gửi trùng này đã dùng cho một khai báo khác; hãy tạo khóa mới cho khai báo mới' },
  WATCHLIST_ENTRY_INVALID: { status: 422, title: 'Thông tin đối tượng trong danh sách theo dõi không hợp lệ' },
  WATCHLIST_ENTRY_NOT_FOUND: { status: 404, title: 'Không tìm thấy đối tượng trong danh sách theo dõi' },
  ALERT_NOT_FOUND: { status: 404, title: 'Không tìm thấy cảnh báo hoặc cảnh báo đã được xác nhận' },
  PLAN_NOT_FOUND: { status: 404, title: 'Không tìm thấy kế hoạch' },
  PLAN_MODEL_NOT_FOUND: { status: 404, title: 'Không tìm thấy mô hình trong kế hoạch' },
  PLAN_REPORT_INVALID: { status: 422, title: 'Báo cáo tiến độ mô hình chưa hợp lệ' },
  RATE_LIMITED: { status: 429, title: 'Quá nhiều yêu cầu, vui lòng thử lại sau' },
  INTERNAL: { status: 500, title: 'Lỗi hệ thống, vui lòng thử lại sau' },
  NOT_READY: { status: 503, title: 'Hệ thống đang khởi động, chưa sẵn sàng phục vụ' },
} as const satisfies Record<string, { status: number; title: string }>;

/** Field-level problem codes, each with its Vietnamese message. Also listed in docs/errors.md. */
export const FIELD_ERRORS = {
  REQUIRED: 'Trường bắt buộc',
  INVALID_FORMAT: 'Sai định dạng',
  INVALID_DATE: 'Ngày không hợp lệ (định dạng YYYY-MM-DD)',
  DATE_IN_FUTURE: 'Ngày không được ở tương lai',
  INVALID_SEX: 'Giới tính phải là "Nam" hoặc "Nữ"',
  PERSONAL_ID_FORMAT: 'Số định danh cá nhân phải gồm đúng 12 chữ số',
  PERSONAL_ID_PROVINCE: 'Ba chữ số đầu ({prefix}) không phải mã tỉnh nơi đăng ký khai sinh',
  PERSONAL_ID_SEX: 'Chữ số thứ 4 của số định danh ứng với giới tính {expected}, nhưng giới tính khai là {actual}',
  PERSONAL_ID_CENTURY: 'Chữ số thứ 4 của số định danh ứng với người sinh từ năm {idCentury}, nhưng năm sinh khai là {birthYear}',
  PERSONAL_ID_BIRTH_YEAR: 'Chữ số thứ 5–6 của số định danh ({idYear}) không khớp năm sinh {birthYear}',
  LEGACY_ID_FORMAT: 'Số CMND cũ phải gồm đúng 9 chữ số',
  PHONE_FORMAT: 'Số điện thoại phải gồm 10 chữ số, bắt đầu bằng 0',
  UNIT_UNKNOWN: 'Mã xã {code} không có trong danh mục {scheme}',
  UNIT_AMBIGUOUS: 'Xã cũ {code} đã tách vào nhiều xã mới ({successors}); hãy ghi mã xã theo danh mục 2025',
  FILE_HEADER: 'Thiếu cột bắt buộc trong dòng tiêu đề',
  FILE_ROW: 'Dòng không đọc được (sai định dạng CSV hoặc JSON)',
  FILE_QUOTES: 'Dấu ngoặc kép (") không khép đúng; mỗi dòng của tệp là một bản ghi, trường trong ngoặc kép không được xuống dòng',
  FILE_COLUMN_COUNT: 'Dòng có {count} cột, dòng tiêu đề có {expected} cột',
  NAME_CHARACTERS: "Họ tên chỉ gồm chữ cái, dấu cách, dấu nháy (') và dấu gạch nối, bắt đầu bằng chữ cái",
  DUPLICATE_IN_FILE: 'Số định danh trùng với dòng {row} trong cùng tệp',
  DUPLICATE_IN_REGISTRY: 'Số định danh đã có trong cơ sở dữ liệu',
  UNKNOWN_FIELD: 'Trường không được hỗ trợ',
  TOO_LONG: 'Giá trị quá dài',
  INVALID_CHARACTERS: 'Có ký tự không hợp lệ (ký tự điều khiển hoặc mã Unicode lỗi)',
  HOUSEHOLD_ELSEWHERE: 'Hộ {householdNo} không thuộc xã chuyển đến',
  HOUSEHOLD_UNKNOWN: 'Không tìm thấy hộ {householdNo}',
  DATE_BEFORE: 'Ngày phải sau {after}',
  PERSONAL_ID_IN_USE: 'Số định danh này đã được cấp hoặc đã hủy, không thể dùng lại',
  PERSONAL_ID_UNCHANGED: 'Số định danh mới phải khác số hiện tại',
  ARRIVAL_IN_FUTURE: 'Giờ đến không được ở tương lai',
  DEPARTURE_IN_FUTURE: 'Giờ rời đi không được ở tương lai',
  ARRIVAL_TOO_OLD: 'Giờ đến cách đây quá {days} ngày; lưu trú dài hơn phải đăng ký tạm trú',
  INVALID_INSTANT: 'Thời điểm không hợp lệ (ISO 8601, ví dụ 2026-11-26T14:30:00+07:00)',
  DEPARTURE_BEFORE_ARRIVAL: 'Ngày rời đi phải từ ngày đến trở đi',
  GUEST_ONE_METHOD: 'Mỗi khách chỉ khai theo một cách: mã QR, chip thẻ, hoặc nhập thông tin',
  GUEST_NOT_VERIFIED: 'Không xác thực được: {reasons}',
  GUEST_FIELD_WITHHELD: 'Mã QR không hiển thị {label}; thông báo lưu trú cần thông tin này, hãy đề nghị khách tạo mã có {label}',
  GUEST_ID_REQUIRED: 'Cần số định danh cá nhân hoặc số CMND của khách',
  GUEST_ROLE: 'Cơ sở này không khai báo {role}; chọn một trong: {allowed}',
  GUEST_DUPLICATE: 'Khách này đã có ở dòng {index} của cùng khai báo',
  NATIONALITY_UNKNOWN: 'Mã quốc tịch {code} không có trong danh mục ISO 3166-1 (3 chữ cái, ví dụ KOR, USA)',
  NATIONALITY_VIETNAMESE: 'Công dân Việt Nam khai theo số định danh cá nhân, không theo hộ chiếu',
  PASSPORT_FORMAT: 'Số hộ chiếu gồm 5–20 chữ cái hoặc chữ số',
  TRIP_REQUIRED: 'Nhà xe phải khai tuyến, biển số và giờ xuất bến của chuyến',
  TRIP_NOT_ALLOWED: 'Chỉ nhà xe khách khai thông tin chuyến xe',
  COMMUNE_OUTSIDE_AREA: 'Xã/phường {code} không thuộc địa bàn của bạn',
  COMMUNE_NOT_2025: 'Mã {code} không phải xã/phường trong danh mục 2025',
  STAR_CLASS_HOTEL_ONLY: 'Chỉ khách sạn mới có hạng sao',
  BIRTH_YEAR_MISMATCH: 'Năm sinh không khớp ngày sinh',
  BIRTH_REQUIRED: 'Cần ngày sinh hoặc năm sinh',
  NAME_REQUIRED: 'Cần họ và tên',
  PASSWORD_TOO_SHORT: 'Mật khẩu phải có ít nhất {min} ký tự',
  PASSWORD_CONTAINS_ID: 'Mật khẩu không được chứa số định danh cá nhân',
} as const;

export type ErrorCode = keyof typeof ERRORS;
export type FieldErrorCode = keyof typeof FIELD_ERRORS;

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export function fill(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function fieldError(field: string, code: FieldErrorCode, params?: Record<string, unknown>): FieldError {
  return { field, code, message: fill(FIELD_ERRORS[code], params) };
}

/** What services throw. The edge turns it into RFC 9457 problem+json. */
export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly errors: FieldError[] = [],
  ) {
    super(fill(ERRORS[code].title, params));
    this.status = ERRORS[code].status;
  }
  /** Only 4xx details reach the caller; a 5xx says nothing about the inside. */
  get expose(): boolean {
    return this.status < 500;
  }
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}

export function toProblem(err: DomainError, instance?: string): Problem {
  const problem: Problem = {
    type: `urn:da06:error:${err.code.toLowerCase().replace(/_/g, '-')}`,
    title: err.expose ? err.message : ERRORS.INTERNAL.title,
    status: err.status,
    code: err.expose ? err.code : 'INTERNAL',
    instance,
  };
  if (err.errors.length) problem.errors = err.errors;
  return problem;
}
