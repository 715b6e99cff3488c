import { defineErrors, defineFieldErrors, type CodesOf } from '../../platform/errors.js';

/** Error codes of the lodging module (RFC 9457 `code`); listed in docs/errors.md. Never renamed or reused. */
export const LODGING_ERRORS = defineErrors({
  FACILITY_NOT_FOUND: { status: 404, title: 'Không tìm thấy cơ sở lưu trú' },
  FACILITY_INVALID: { status: 422, title: 'Thông tin cơ sở lưu trú không hợp lệ' },
  FACILITY_STATE: { status: 409, title: 'Cơ sở lưu trú đang ở trạng thái "{status}", không thực hiện được thao tác này' },
  FACILITY_USERNAME_TAKEN: { status: 409, title: 'Tên đăng nhập {username} đã được dùng' },
  STAY_INVALID: { status: 422, title: 'Thông báo lưu trú chưa hợp lệ, vui lòng sửa các trường được đánh dấu' },
  STAY_NOT_FOUND: { status: 404, title: 'Không tìm thấy thông tin lưu trú' },
  STAY_CLOSED: { status: 409, title: 'Khách đã rời đi hoặc khai báo đã bị hủy: không sửa hoặc hủy được nữa' },
  IDEMPOTENCY_KEY_REQUIRED: { status: 400, title: 'Thiếu tiêu đề Idempotency-Key (8–100 ký tự) để chống gửi trùng khai báo' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Khóa chống gửi trùng này đã dùng cho một khai báo khác; hãy tạo khóa mới cho khai báo mới' },
  WATCHLIST_ENTRY_INVALID: { status: 422, title: 'Thông tin đối tượng trong danh sách theo dõi không hợp lệ' },
  WATCHLIST_ENTRY_NOT_FOUND: { status: 404, title: 'Không tìm thấy đối tượng trong danh sách theo dõi' },
  ALERT_NOT_FOUND: { status: 404, title: 'Không tìm thấy cảnh báo hoặc cảnh báo đã được xác nhận' },
});

/** Field-error codes of the lodging module (`errors[].code`). */
export const LODGING_FIELD_ERRORS = defineFieldErrors({
  ARRIVAL_IN_FUTURE: 'Giờ đến không được ở tương lai',
  DEPARTURE_IN_FUTURE: 'Giờ rời đi không được ở tương lai',
  ARRIVAL_TOO_OLD: 'Giờ đến cách đây quá {days} ngày; lưu trú dài hơn phải đăng ký tạm trú',
  INVALID_INSTANT: 'Thời điểm không hợp lệ (ISO 8601, ví dụ 2026-11-26T14:30:00+07:00)',
  DEPARTURE_BEFORE_ARRIVAL: 'Ngày rời đi phải từ ngày đến trở đi',
  DEPARTURE_TOO_LATE: 'Ngày dự kiến rời đi quá {days} ngày kể từ ngày đến; công dân lưu trú dài hơn phải đăng ký tạm trú',
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
  AMEND_NOTHING: 'Chọn phòng hoặc ngày dự kiến rời đi để sửa',
});

declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodesOf<typeof LODGING_ERRORS> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface FieldErrorCodes extends CodesOf<typeof LODGING_FIELD_ERRORS> {}
}

// Every file that throws this module's errors imports them from here: that loads all of the module's
// catalogues (actions, permissions, events) wherever its code runs, the CLI and unit tests included.
import './audit-actions.js';
import './permissions.js';
import './events.js';

/** Thrown with this module's codes. */
export { DomainError, fieldError, type FieldError } from '../../platform/errors.js';
