import { defineMessages } from '../../platform/messages.js';

/** Text of the linkage module other than errors: why a file is refused. */
export const { texts: MESSAGES, text: message } = defineMessages({
  LINKAGE_PROBLEM_ENCODING: 'tệp không phải UTF-8 (hãy lưu lại với mã hóa UTF-8)',
  LINKAGE_PROBLEM_QUOTING: 'dấu ngoặc kép không đúng quy cách CSV',
  LINKAGE_PROBLEM_COLUMNS: 'số cột khác dòng tiêu đề',
  LINKAGE_PROBLEM_JSON: 'không phải một đối tượng JSON trên một dòng',
  LINKAGE_PROBLEM_HEADER: 'dòng tiêu đề có cột trống hoặc trùng tên',
  LINKAGE_PROBLEM_EMPTY: 'tệp không có dòng dữ liệu',
  LINKAGE_PROBLEM_TOO_MANY_ROWS: 'quá số dòng cho phép của một lượt',
  LINKAGE_PROBLEM_CHARACTERS: 'có ký tự điều khiển không lưu được',
  LINKAGE_HISTORY_CONFIRMED: 'Bạn xác nhận "Đây là tôi" cho một dòng của danh sách',
  LINKAGE_HISTORY_REFUSED: 'Bạn cho biết "Không phải tôi" cho một dòng của danh sách',
  LINKAGE_FIELD_NAME: 'Họ và tên',
  LINKAGE_FIELD_BIRTH: 'Ngày sinh',
  LINKAGE_HISTORY_PURPOSE: 'Làm sạch danh sách của ngành: gắn số định danh cho dòng nêu tên bạn',
  LINKAGE_CITIZEN_REASON_CONFIRMED: 'Công dân xác nhận qua tài khoản định danh điện tử',
  LINKAGE_CITIZEN_REASON_REFUSED: 'Công dân cho biết dòng này không phải của mình',
});
