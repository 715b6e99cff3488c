import { defineMessages } from '../../platform/messages.js';

/** Text of the exchange module other than errors. */
export const { texts: MESSAGES, text: message } = defineMessages({
  EXCHANGE_NAME_EMPTY: 'tên cơ quan và căn cứ pháp lý không được để trống',
  EXCHANGE_CLIENT_UNKNOWN: 'ứng dụng OIDC không tồn tại hoặc không phải ứng dụng bảo mật (được cấp mã bằng client credentials)',
  EXCHANGE_SERVICE_UNKNOWN: 'dịch vụ dữ liệu không tồn tại',
  EXCHANGE_FIELD_NOT_OFFERED: 'trường "{field}" không thuộc dịch vụ này',
  EXCHANGE_CHECK_FIELDS: 'dịch vụ xác nhận chỉ trả lời có/không, không cấp trường dữ liệu nào',
  EXCHANGE_VALIDITY: 'thời hạn hiệu lực không hợp lệ (ngày kết thúc trước ngày bắt đầu)',
  EXCHANGE_PARAM_MISSING: 'dịch vụ này cần tham số "{param}"',
  EXCHANGE_BATCH_AT_LINE: 'dòng {line}: {reason}',
  EXCHANGE_BATCH_EMPTY: 'tệp không có dòng dữ liệu nào',
  EXCHANGE_BATCH_NOT_UTF8: 'tệp không ở bảng mã UTF-8 (hãy lưu lại tệp dưới dạng CSV UTF-8)',
  EXCHANGE_BATCH_HEADER_MALFORMED: 'dòng tiêu đề không đúng định dạng CSV hoặc có cột trùng tên',
  EXCHANGE_BATCH_COLUMN_UNKNOWN: 'cột "{column}" không thuộc dịch vụ này; các cột cần có: {columns}',
  EXCHANGE_BATCH_COLUMN_MISSING: 'thiếu cột "{column}"',
  EXCHANGE_BATCH_FAILED: 'lô không trả lời được do lỗi hệ thống; các dòng đã trả lời vẫn được giữ, hãy gửi lại phần còn lại',
  EXCHANGE_NOT_CHECK: 'dịch vụ này không phải dịch vụ xác nhận có/không',
});
