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
  EXCHANGE_CLIENT_OR_KEYS: 'cần đúng một trong hai: bộ khóa công khai (jwks) của hệ thống cơ quan, hoặc mã ứng dụng OIDC bảo mật (clientId)',
  DPOP_TYP: 'loại (typ) phải là "dpop+jwt"',
  DPOP_SIGNATURE: 'chữ ký hoặc định dạng không hợp lệ',
  DPOP_JTI: 'thiếu mã định danh (jti)',
  DPOP_IAT: 'thời điểm lập (iat) quá xa hiện tại',
  DPOP_ATH: 'mã băm (ath) không khớp mã truy cập',
  DPOP_KEY: 'khóa ký không phải khóa mà mã truy cập được gắn',
  DPOP_UNBOUND: 'mã truy cập này không gắn với khóa DPoP nào',
  JWKS_INVALID: 'bộ khóa công khai (JWKS) không hợp lệ: cần 1 đến 5 khóa công khai EC P-256 hoặc Ed25519, mỗi khóa có kid',
});
