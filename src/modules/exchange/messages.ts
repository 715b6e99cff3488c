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
  EXCHANGE_NOT_CHECK: 'dịch vụ này không phải dịch vụ xác nhận có/không',
});
