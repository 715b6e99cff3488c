import { defineErrors, defineFieldErrors, type CodesOf } from '../../platform/errors.js';

/** Error codes of the services module (RFC 9457 `code`); listed in docs/errors.md. Never renamed or reused. */
export const SERVICES_ERRORS = defineErrors({
  PROCEDURE_NOT_FOUND: { status: 404, title: 'Không tìm thấy thủ tục hành chính' },
  DOSSIER_NOT_FOUND: { status: 404, title: 'Không tìm thấy hồ sơ' },
  DOSSIER_DOCUMENT_NOT_FOUND: { status: 404, title: 'Không tìm thấy giấy tờ của hồ sơ' },
  DOSSIER_STATE: { status: 409, title: 'Hồ sơ đang ở trạng thái "{state}": không thực hiện được thao tác "{action}"' },
  DOSSIER_INVALID: { status: 422, title: 'Hồ sơ chưa hợp lệ, vui lòng sửa các trường được đánh dấu' },
  DOSSIER_LEVEL_REQUIRED: { status: 403, title: 'Nộp hồ sơ cần tài khoản định danh điện tử mức độ 2; tài khoản mức độ 1 chỉ xem thủ tục và lưu bản nháp' },
  DOSSIER_EXTENSION_USED: { status: 409, title: 'Hồ sơ đã được gia hạn một lần; pháp luật chỉ cho hẹn lại một lần' },
  DOSSIER_EXTENSION_LATE: { status: 409, title: 'Phải xin lỗi và gia hạn chậm nhất 1 ngày làm việc trước ngày hẹn trả ({due})' },
  DOSSIER_ALREADY_RATED: { status: 409, title: 'Hồ sơ này đã được đánh giá' },
  DOSSIER_UNIT_UNKNOWN: { status: 422, title: 'Không có đơn vị tiếp nhận {code} phù hợp với thủ tục này' },
  DOSSIER_ASSIGNEE_UNKNOWN: { status: 422, title: 'Cán bộ được phân công không thuộc đơn vị hoặc không xử lý loại hồ sơ này' },
  DOCUMENT_REFUSED: { status: 422, title: 'Tệp tải lên không được chấp nhận' },
  DOSSIER_IDEMPOTENCY_KEY_REQUIRED: { status: 400, title: 'Thiếu tiêu đề Idempotency-Key (8–100 ký tự) để chống nộp trùng hồ sơ' },
  DOSSIER_IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Khóa chống gửi trùng này đã dùng cho một hồ sơ khác; hãy tạo khóa mới' },
  DOSSIER_IN_GROUP: { status: 409, title: 'Hồ sơ này là bước đầu của một nhóm thủ tục liên thông: hãy nộp cả nhóm (Nộp nhóm thủ tục)' },
  DOSSIER_RESULT_MISSING: { status: 409, title: 'Chưa lập được kết quả giải quyết từ Cơ sở dữ liệu về dân cư; vui lòng thử lại sau' },
  DVCQG_NOT_CONFIGURED: { status: 404, title: 'Chưa kết nối Cổng Dịch vụ công quốc gia (DA06_DVCQG_URL) hoặc chưa cấu hình nhận hồ sơ qua webhook' },
  DVCQG_DOSSIER_INVALID: { status: 422, title: 'Hồ sơ từ Cổng Dịch vụ công quốc gia sai cấu trúc ({reason}); hồ sơ không được nhận' },
  DVCQG_PROCEDURE_UNKNOWN: { status: 422, title: 'Hồ sơ từ Cổng Dịch vụ công quốc gia thuộc thủ tục {code} không có trong danh mục; hồ sơ không được nhận' },
  DVCQG_APPLICANT_UNKNOWN: { status: 422, title: 'Số định danh cá nhân của người nộp hồ sơ trên Cổng Dịch vụ công quốc gia không có trong Cơ sở dữ liệu về dân cư; hồ sơ không được nhận' },
  DVCQG_UNIT_UNKNOWN: { status: 422, title: 'Không có đơn vị tiếp nhận {code} phù hợp với thủ tục của hồ sơ từ Cổng Dịch vụ công quốc gia; hồ sơ không được nhận' },
  DVCQG_SIGNATURE: { status: 401, title: 'Chữ ký của Cổng Dịch vụ công quốc gia (X-DVCQG-Signature, X-DVCQG-Timestamp) thiếu hoặc không đúng' },
  DVCQG_TIMESTAMP: { status: 401, title: 'Thời điểm ký (X-DVCQG-Timestamp) lệch quá {seconds} giây so với máy chủ' },
  DVCQG_REPLAY: { status: 409, title: 'Yêu cầu này đã được nhận trước đây (gửi lại cùng chữ ký)' },
  DVCQG_DEAD_LETTER_NOT_FOUND: { status: 404, title: 'Không tìm thấy thay đổi trạng thái gửi lỗi này (có thể đã được gửi lại)' },
  CALENDAR_NOT_PUBLISHED: { status: 409, title: 'Lịch làm việc năm {year} chưa được công bố: chưa tính được ngày hẹn trả kết quả' },
});

/** Field-error codes of the services module (`errors[].code`). */
export const SERVICES_FIELD_ERRORS = defineFieldErrors({
  FORM_FIELD: '{message}',
  FIELD_LOCKED: 'Thông tin này lấy từ Cơ sở dữ liệu quốc gia về dân cư, không sửa được',
  COMMENT_REQUIRED: 'Cần ghi ý kiến, lý do cho công dân',
  SUPPLEMENT_ITEMS_REQUIRED: 'Liệt kê đầy đủ một lần các giấy tờ, nội dung cần bổ sung',
  DOCUMENT_KIND_UNKNOWN: 'Thủ tục này không có loại giấy tờ {kind}',
  DOCUMENT_NOT_UPLOADED: 'Giấy tờ này nền tảng tự đọc từ dữ liệu sẵn có, không cần tải lên',
  DOCUMENT_TYPE: 'Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp)',
  DOCUMENT_TYPE_MISMATCH: 'Nội dung tệp là {actual}, không khớp với tên tệp ({declared})',
  DOCUMENT_TYPE_NOT_ALLOWED: 'Giấy tờ này chỉ nhận {allowed}',
  DOCUMENT_TOO_LARGE: 'Tệp lớn hơn {mb} MB',
  DOCUMENT_EMPTY: 'Tệp rỗng hoặc không phải base64',
  DOCUMENT_MISSING: 'Còn thiếu giấy tờ: {label}',
  DUE_DATE_NOT_LATER: 'Ngày hẹn mới phải sau ngày hẹn cũ ({due})',
  DUE_DATE_NOT_WORKING_DAY: 'Ngày hẹn mới phải là ngày làm việc',
  UNIT_SAME: 'Hồ sơ đang ở đơn vị này',
  RATING_SCORE: 'Điểm phải là một trong: {values}',
  PERSON_NOT_RELATED: 'Người này không thuộc hộ gia đình của bạn trong Cơ sở dữ liệu về dân cư',
});

declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodesOf<typeof SERVICES_ERRORS> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface FieldErrorCodes extends CodesOf<typeof SERVICES_FIELD_ERRORS> {}
}

// Every file that throws this module's errors imports them from here: that loads all of the module's
// catalogues (actions, permissions, events) wherever its code runs, the CLI and unit tests included.
import './audit-actions.js';
import './permissions.js';
import './events.js';

/** Thrown with this module's codes. */
export { DomainError, fieldError, type FieldError } from '../../platform/errors.js';
