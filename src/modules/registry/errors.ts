import { defineErrors, defineFieldErrors, type CodesOf } from '../../platform/errors.js';

/** Error codes of the registry module (RFC 9457 `code`); listed in docs/errors.md. Never renamed or reused. */
export const REGISTRY_ERRORS = defineErrors({
  PERSON_NOT_FOUND: { status: 404, title: 'Không tìm thấy công dân' },
  HOUSEHOLD_NOT_FOUND: { status: 404, title: 'Không tìm thấy hộ gia đình' },
  UNIT_NOT_FOUND: { status: 404, title: 'Không tìm thấy đơn vị hành chính {code} trong danh mục {scheme}' },
  BIRTH_ALREADY_REGISTERED: { status: 409, title: 'Trẻ đã được đăng ký khai sinh: cha hoặc mẹ đã có con cùng họ tên và ngày sinh trong Cơ sở dữ liệu về dân cư' },
  PERSON_DUPLICATE: { status: 409, title: 'Số định danh cá nhân {personalId} đã có trong cơ sở dữ liệu' },
  PERSON_DECEASED: { status: 409, title: 'Công dân đã mất, không thể thực hiện thao tác này' },
  PERSON_INVALID: { status: 422, title: 'Thông tin công dân không hợp lệ' },
  IMPORT_ENCODING: { status: 422, title: 'Tệp không phải văn bản UTF-8 (dòng {line} là dòng đầu tiên sai mã); chưa nhập dòng nào. Hãy lưu lại tệp với bảng mã UTF-8 rồi nhập lại' },
  IMPORT_HEADER: { status: 422, title: 'Dòng tiêu đề của tệp không hợp lệ ({problems}); chưa nhập dòng nào' },
  PORTRAIT_NOT_FOUND: { status: 404, title: 'Công dân chưa có ảnh chân dung trong cơ sở dữ liệu' },
  PERSONAL_ID_EXHAUSTED: { status: 409, title: 'Đã cấp hết số thứ tự định danh của nhóm {prefix} (mã tỉnh nơi đăng ký khai sinh, thế kỷ và giới tính, năm sinh); không thể cấp thêm số trong nhóm này' },
  NO_PERMANENT_RESIDENCE: { status: 409, title: 'Công dân không có nơi thường trú đang có hiệu lực để xóa đăng ký' },
  MARRIAGE_EXISTING: { status: 409, title: 'Một bên đang có vợ hoặc chồng trong Cơ sở dữ liệu hộ tịch: không đăng ký được kết hôn mới' },
  IMPORT_BULK_NOT_EMPTY: { status: 409, title: 'Chế độ nạp ban đầu (--bulk) chỉ dùng khi cơ sở dữ liệu dân cư còn trống' },
});

/** Field-error codes of the registry module (`errors[].code`). */
export const REGISTRY_FIELD_ERRORS = defineFieldErrors({
  INVALID_SEX: 'Giới tính phải là "Nam" hoặc "Nữ"',
  SPOUSES_SAME: 'Hai bên kết hôn phải là hai người khác nhau',
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
  HOUSEHOLD_ELSEWHERE: 'Hộ {householdNo} không thuộc xã chuyển đến',
  HOUSEHOLD_UNKNOWN: 'Không tìm thấy hộ {householdNo}',
  PERSONAL_ID_IN_USE: 'Số định danh này đã được cấp hoặc đã hủy, không thể dùng lại',
  PERSONAL_ID_UNCHANGED: 'Số định danh mới phải khác số hiện tại',
  CORRECTION_UNCHANGED: 'Giá trị mới giống giá trị đang ghi: không có gì để cải chính',
  BIRTH_AFTER_DEATH: 'Ngày sinh không được sau ngày mất ({dateOfDeath})',
  BIRTH_PROVINCE_CODE: 'Mã {code} không phải mã tỉnh nơi đăng ký khai sinh (Phụ lục 1, Thông tư 07/2016/TT-BCA)',
  PARENT_UNKNOWN: 'Không tìm thấy công dân có số định danh {personalId}',
  PARENT_SEX: 'Công dân có số định danh {personalId} có giới tính {sex}, không thể ghi là {role}',
  PARENT_BORN_AFTER: 'Cha, mẹ phải sinh trước ngày sinh của con ({dateOfBirth})',
  HOUSEHOLD_REQUIRED: 'Cha, mẹ chưa thuộc hộ nào: hãy ghi số hộ mà trẻ được nhập vào',
  PHOTO_FORMAT: 'Ảnh chân dung phải là tệp JPEG hoặc PNG (mã hóa base64)',
  PHOTO_TOO_LARGE: 'Ảnh chân dung không được lớn hơn {kb} KB',
});

declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodesOf<typeof REGISTRY_ERRORS> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface FieldErrorCodes extends CodesOf<typeof REGISTRY_FIELD_ERRORS> {}
}

// Every file that throws this module's errors imports them from here: that loads all of the module's
// catalogues (actions, permissions, events) wherever its code runs, the CLI and unit tests included.
import './audit-actions.js';
import './permissions.js';
import './events.js';

/** Thrown with this module's codes. */
export { DomainError, fieldError, type FieldError } from '../../platform/errors.js';
