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
  EXCHANGE_CONSENT_PURPOSES: 'mục đích cần sự đồng ý phải là một trong các mục đích của quyền khai thác',
  EXCHANGE_CONSENT_NOT_NEEDED: 'mục đích "{purpose}" dựa trên quy định pháp luật, không cần sự đồng ý của công dân',
  EXCHANGE_CONSENT_FIELD: 'trường "{field}" không nằm trong phạm vi được đề nghị',
  EXCHANGE_CONSENT_VALIDITY: 'thời hạn đồng ý phải từ hôm nay đến {until}',
  EXCHANGE_BASIS_CONSENT: 'theo đồng ý',
  EXCHANGE_BASIS_LAW: 'theo quy định pháp luật',
  EXCHANGE_REFUSED_NO_CONSENT: 'Bị từ chối: chưa có sự đồng ý còn hiệu lực của bạn',
  EXCHANGE_DECISION_APPROVED: 'Bạn đã đồng ý chia sẻ ({frequency}, đến {until})',
  EXCHANGE_DECISION_REFUSED: 'Bạn đã từ chối chia sẻ',
  EXCHANGE_DECISION_REVOKED: 'Bạn đã thu hồi sự đồng ý',
  EXCHANGE_FREQUENCY_ONCE: 'một lần',
  EXCHANGE_FREQUENCY_PERIODIC: 'nhiều lần',
  EXCHANGE_NOT_CHECK: 'dịch vụ này không phải dịch vụ xác nhận có/không',
});
