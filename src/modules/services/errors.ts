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
  STORED_DOCUMENT_NOT_FOUND: { status: 404, title: 'Không tìm thấy giấy tờ này trong kho dữ liệu điện tử của bạn' },
  STORED_DOCUMENT_REVOKED: { status: 409, title: 'Giấy tờ này đã bị cơ quan cấp thu hồi: không dùng lại được' },
  STORED_DOCUMENT_WRONG_KIND: { status: 422, title: 'Giấy tờ trong kho không phải loại giấy tờ hồ sơ này yêu cầu' },
  DOSSIER_IDEMPOTENCY_KEY_REQUIRED: { status: 400, title: 'Thiếu tiêu đề Idempotency-Key (8–100 ký tự) để chống nộp trùng hồ sơ' },
  DOSSIER_IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Khóa chống gửi trùng này đã dùng cho một hồ sơ khác; hãy tạo khóa mới' },
  DOSSIER_IN_GROUP: { status: 409, title: 'Hồ sơ này là bước đầu của một nhóm thủ tục liên thông: hãy nộp cả nhóm (Nộp nhóm thủ tục)' },
  DOSSIER_RESULT_MISSING: { status: 409, title: 'Chưa lập được kết quả giải quyết từ Cơ sở dữ liệu về dân cư; vui lòng thử lại sau' },
  CONFIRMATION_NOT_NEEDED: { status: 422, title: 'Thủ tục này không cần người khác xác nhận bằng tài khoản định danh điện tử' },
  INVITATION_NOT_FOUND: { status: 404, title: 'Không tìm thấy lời mời xác nhận' },
  CONFIRMATION_LEVEL_REQUIRED: { status: 403, title: 'Xác nhận hồ sơ cần tài khoản định danh điện tử mức độ 2, như khi nộp hồ sơ' },
  INVITATION_ANSWERED: { status: 409, title: 'Lời mời này đã được trả lời ({state})' },
  MARRIAGE_CONDITIONS: { status: 422, title: 'Hai bên chưa đủ điều kiện đăng ký kết hôn theo Cơ sở dữ liệu hộ tịch; xem các trường được đánh dấu' },
  DOSSIER_RESULT_NOT_FOUND: { status: 404, title: 'Hồ sơ chưa có kết quả để tải về' },
  DOSSIER_TRANSFER_REFUSED: { status: 409, title: 'Hồ sơ này cập nhật Cơ sở dữ liệu về dân cư theo địa bàn của đơn vị tiếp nhận: không chuyển sang đơn vị khác được' },
  DOSSIER_SUPPLEMENT_USED: { status: 409, title: 'Hồ sơ đã được yêu cầu bổ sung một lần; pháp luật yêu cầu nêu đầy đủ trong một lần' },
  DOSSIER_SUPPLEMENT_LATE: { status: 409, title: 'Chỉ yêu cầu bổ sung trong 3 ngày làm việc kể từ khi tiếp nhận (đến hết ngày {last})' },
  DOSSIER_PAPER_NOT_FOUND: { status: 404, title: 'Hồ sơ không có phiếu này (chưa có yêu cầu bổ sung, từ chối hoặc gia hạn tương ứng)' },
  DOSSIER_APPLICANT_NO_ACCOUNT: { status: 409, title: 'Công dân chưa có tài khoản định danh điện tử: hướng dẫn công dân đăng ký tài khoản (mức độ 1) rồi tiếp nhận hồ sơ' },
  DVCQG_NOT_CONFIGURED: { status: 404, title: 'Chưa kết nối Cổng Dịch vụ công quốc gia (DA06_DVCQG_URL) hoặc chưa cấu hình nhận hồ sơ qua webhook' },
  DVCQG_DOSSIER_INVALID: { status: 422, title: 'Hồ sơ từ Cổng Dịch vụ công quốc gia sai cấu trúc ({reason}); hồ sơ không được nhận' },
  DVCQG_FORM_INVALID: { status: 422, title: 'Tờ khai của hồ sơ từ Cổng Dịch vụ công quốc gia không đúng biểu mẫu của thủ tục (xem các trường được đánh dấu); hồ sơ không được nhận' },
  DVCQG_PROCEDURE_UNKNOWN: { status: 422, title: 'Hồ sơ từ Cổng Dịch vụ công quốc gia thuộc thủ tục {code} không có trong danh mục; hồ sơ không được nhận' },
  DVCQG_APPLICANT_UNKNOWN: { status: 422, title: 'Số định danh cá nhân của người nộp hồ sơ trên Cổng Dịch vụ công quốc gia không có trong Cơ sở dữ liệu về dân cư; hồ sơ không được nhận' },
  DVCQG_UNIT_UNKNOWN: { status: 422, title: 'Không có đơn vị tiếp nhận {code} phù hợp với thủ tục của hồ sơ từ Cổng Dịch vụ công quốc gia; hồ sơ không được nhận' },
  DVCQG_SIGNATURE: { status: 401, title: 'Chữ ký của Cổng Dịch vụ công quốc gia (X-DVCQG-Signature, X-DVCQG-Timestamp) thiếu hoặc không đúng' },
  DVCQG_TIMESTAMP: { status: 401, title: 'Thời điểm ký (X-DVCQG-Timestamp) lệch quá {seconds} giây so với máy chủ' },
  DVCQG_REPLAY: { status: 409, title: 'Yêu cầu này đã được nhận trước đây (gửi lại cùng chữ ký)' },
  DVCQG_DEAD_LETTER_NOT_FOUND: { status: 404, title: 'Không tìm thấy thay đổi trạng thái gửi lỗi này (có thể đã được gửi lại)' },
  DOSSIER_APPROVER_IS_HANDLER: { status: 403, title: 'Cán bộ đã xử lý, đề xuất kết quả hồ sơ này không được tự phê duyệt hay tự từ chối giải quyết: việc quyết định phải do một lãnh đạo khác có thẩm quyền thực hiện' },
  DOSSIER_STOP_WITHDRAW: { status: 409, title: 'Hồ sơ chưa được tiếp nhận: hãy rút hồ sơ (Rút hồ sơ) thay vì đề nghị dừng giải quyết' },
  DOSSIER_STOP_REQUESTED: { status: 409, title: 'Đã đề nghị dừng giải quyết hồ sơ này; cơ quan giải quyết sẽ ra Thông báo dừng giải quyết hồ sơ' },
  DOSSIER_STOP_PENDING: { status: 409, title: 'Công dân đã đề nghị dừng giải quyết hồ sơ này: ra Thông báo dừng giải quyết hồ sơ, không phê duyệt hay từ chối giải quyết' },
  CALENDAR_NOT_PUBLISHED: { status: 409, title: 'Lịch làm việc năm {year} chưa được công bố: chưa tính được ngày hẹn trả kết quả' },
});

/** Field-error codes of the services module (`errors[].code`). */
export const SERVICES_FIELD_ERRORS = defineFieldErrors({
  FORM_FIELD: '{message}',
  FIELD_LOCKED: 'Thông tin này lấy từ Cơ sở dữ liệu quốc gia về dân cư, không sửa được',
  COMMENT_REQUIRED: 'Cần ghi ý kiến, lý do cho công dân',
  STOP_REASON_REQUIRED: 'Cần ghi lý do đề nghị dừng giải quyết hồ sơ',
  SUPPLEMENT_ITEMS_REQUIRED: 'Liệt kê đầy đủ một lần các giấy tờ, nội dung cần bổ sung',
  DOCUMENT_KIND_UNKNOWN: 'Thủ tục này không có loại giấy tờ {kind}',
  DOCUMENT_NOT_UPLOADED: 'Giấy tờ này nền tảng tự đọc từ dữ liệu sẵn có, không cần tải lên',
  DOCUMENT_TYPE: 'Chỉ nhận tệp PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp)',
  DOCUMENT_TYPE_MISMATCH: 'Nội dung tệp là {actual}, không khớp với tên tệp ({declared})',
  DOCUMENT_TYPE_NOT_ALLOWED: 'Giấy tờ này chỉ nhận {allowed}',
  DOCUMENT_TOO_LARGE: 'Tệp lớn hơn {mb} MB',
  DOCUMENT_EMPTY: 'Tệp rỗng hoặc không phải base64',
  DOCUMENT_IMAGE_UNREADABLE: 'Không đọc được kích thước ảnh (tệp ảnh hỏng hoặc không đầy đủ)',
  DOCUMENT_IMAGE_TOO_LARGE: 'Ảnh {width}×{height} điểm ảnh quá lớn: tối đa {side}×{side} điểm ảnh và {mp} triệu điểm ảnh mỗi ảnh',
  DOCUMENT_MISSING: 'Còn thiếu giấy tờ: {label}',
  DUE_DATE_NOT_LATER: 'Ngày hẹn mới phải sau ngày hẹn cũ ({due})',
  DUE_DATE_NOT_WORKING_DAY: 'Ngày hẹn mới phải là ngày làm việc',
  DUE_DATE_TOO_LATE: 'Ngày hẹn mới chậm nhất là {latest} (không quá thời hạn giải quyết của thủ tục tính từ ngày hẹn cũ)',
  UNIT_SAME: 'Hồ sơ đang ở đơn vị này',
  RATING_SCORE: 'Điểm phải là một trong: {values}',
  PERSON_NOT_RELATED: 'Người này không thuộc hộ gia đình của bạn trong Cơ sở dữ liệu về dân cư',
  RELATION_SEX: 'Người khai có giới tính {sex} trong Cơ sở dữ liệu về dân cư, không thể là {relation} của trẻ',
  INVITEE_FORMAT: 'Số định danh cá nhân phải gồm đúng 12 chữ số',
  INVITEE_SELF: 'Không thể mời chính mình xác nhận',
  SPOUSE_NOT_CONFIRMED: 'Bên thứ hai chưa xác nhận hồ sơ bằng tài khoản định danh điện tử của mình (hoặc có mặt tại quầy)',
  PARTY_ROLE_NOT_NEEDED: 'Thủ tục này không cần người này xác nhận',
  PARTY_IDENTITY_NOT_CHECKED: 'Cần đối chiếu giấy tờ tùy thân (thẻ căn cước) của người xác nhận có mặt tại quầy',
  PARTY_TWICE: 'Mỗi người liên quan chỉ xác nhận một lần',
  PATERNITY_CONFIRMATION_REQUIRED: 'Cha và mẹ chưa đăng ký kết hôn trong Cơ sở dữ liệu hộ tịch: phần khai về người cha chỉ được ghi khi người cha xác nhận việc nhận cha con bằng tài khoản định danh điện tử của mình (hoặc tự đi khai sinh). Hãy gửi lời mời xác nhận cho người cha, hoặc để trống phần người cha',
  CONFIRMATION_OUTDATED: 'Nội dung đã được xác nhận bằng tài khoản định danh điện tử nhưng sau đó đã bị sửa: hãy gửi lại lời mời để người này xác nhận nội dung mới',
  MARRIAGE_PARTY_UNKNOWN: 'Không có người này (còn sống) trong Cơ sở dữ liệu về dân cư',
  MARRIAGE_UNDER_AGE: 'Chưa đủ tuổi kết hôn: {sex} phải từ đủ {age} tuổi trở lên ({source})',
  MARRIAGE_ALREADY_MARRIED: 'Người này đang có vợ hoặc chồng trong Cơ sở dữ liệu hộ tịch',
  MARRIAGE_SAME_SEX: 'Pháp luật không thừa nhận hôn nhân giữa những người cùng giới tính',
  MARRIAGE_DIRECT_LINE: 'Hai bên cùng dòng máu về trực hệ theo Cơ sở dữ liệu hộ tịch: pháp luật cấm kết hôn (Luật Hôn nhân và gia đình 2014, Điều 5 khoản 2 điểm d)',
  MARRIAGE_CLOSE_KIN: 'Hai bên có họ trong phạm vi ba đời theo Cơ sở dữ liệu hộ tịch: pháp luật cấm kết hôn (Luật Hôn nhân và gia đình 2014, Điều 5 khoản 2 điểm d)',
  CRIMINAL_RECORD_RESULT_REQUIRED: 'Cần ghi kết quả tra cứu lý lịch tư pháp: "không có án tích" hoặc nội dung án tích',
  CRIMINAL_RECORD_TEXT_REQUIRED: 'Cần ghi nội dung án tích',
  CHILD_DOSSIER_OPEN: 'Trẻ này (cùng cha hoặc mẹ, họ tên và ngày sinh) đã có hồ sơ đăng ký khai sinh {code}; không nộp hai hồ sơ cho một trẻ',
  HOUSEHOLD_HEAD_UNKNOWN: 'Không có chủ hộ mang số định danh và họ tên này trong Cơ sở dữ liệu về dân cư',
  PERSON_IS_APPLICANT: 'Không thể khai tử cho chính mình: người đi khai tử là người thân của người đã chết',
  PERSON_OUTSIDE_UNIT: 'Người này không cư trú trên địa bàn của đơn vị giải quyết hồ sơ: hồ sơ phải do đơn vị nơi người này cư trú giải quyết',
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
