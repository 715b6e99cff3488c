import { defineErrors, type CodesOf } from '../../platform/errors.js';

/** Error codes of the exchange module (RFC 9457 `code`); listed in docs/errors.md. Never renamed or reused. */
export const EXCHANGE_ERRORS = defineErrors({
  EXCHANGE_TOKEN_INVALID: { status: 401, title: 'Thiếu hoặc sai mã truy cập của hệ thống kết nối, hoặc mã đã hết hạn' },
  EXCHANGE_TOKEN_EXPIRED: { status: 401, title: 'Mã truy cập của hệ thống kết nối đã hết hạn; vui lòng xin mã mới' },
  EXCHANGE_DPOP_MISSING: { status: 401, title: 'Mã truy cập này được gắn với khóa DPoP: yêu cầu phải có tiêu đề "Authorization: DPoP" kèm bằng chứng DPoP' },
  EXCHANGE_DPOP_INVALID: { status: 401, title: 'Bằng chứng DPoP không hợp lệ: {reason}' },
  EXCHANGE_DPOP_REPLAYED: { status: 401, title: 'Bằng chứng DPoP này đã được dùng; mỗi yêu cầu cần một bằng chứng mới' },
  EXCHANGE_DPOP_WRONG_TARGET: { status: 401, title: 'Bằng chứng DPoP được lập cho địa chỉ hoặc phương thức khác với yêu cầu này' },
  EXCHANGE_AGENCY_UNKNOWN: { status: 403, title: 'Hệ thống này chưa được đăng ký là cơ quan kết nối hoặc đã bị ngừng' },
  EXCHANGE_NO_GRANT: { status: 403, title: 'Cơ quan chưa được cấp quyền (hoặc quyền chưa được phê duyệt, đã hết hạn) sử dụng dịch vụ này' },
  EXCHANGE_PURPOSE_NOT_GRANTED: { status: 403, title: 'Mục đích "{purpose}" không nằm trong quyền đã được cấp cho dịch vụ này' },
  EXCHANGE_QUOTA_EXCEEDED: { status: 429, title: 'Đã dùng hết hạn mức {quota} lượt trong ngày của quyền khai thác này; vui lòng thử lại vào ngày mai' },
  EXCHANGE_AGENCY_NOT_FOUND: { status: 404, title: 'Không tìm thấy cơ quan kết nối' },
  EXCHANGE_GRANT_NOT_FOUND: { status: 404, title: 'Không tìm thấy quyền khai thác dữ liệu' },
  EXCHANGE_PERSON_NOT_FOUND: { status: 404, title: 'Không tìm thấy công dân có số định danh này' },
  EXCHANGE_INVALID: { status: 422, title: 'Yêu cầu không hợp lệ: {reason}' },
  EXCHANGE_CLIENT_TAKEN: { status: 409, title: 'Ứng dụng OIDC này đã được gắn với một cơ quan kết nối khác' },
  EXCHANGE_GRANT_DECIDED: { status: 409, title: 'Quyền khai thác này đã được phê duyệt' },
  EXCHANGE_CONSENT_REQUIRED: { status: 403, title: 'Mục đích này cần sự đồng ý còn hiệu lực của công dân; cơ quan có thể gửi yêu cầu đồng ý qua POST /api/v1/exchange/consent-requests' },
  EXCHANGE_CONSENT_NOT_FOUND: { status: 404, title: 'Không tìm thấy yêu cầu đồng ý chia sẻ dữ liệu' },
  EXCHANGE_CONSENT_DECIDED: { status: 409, title: 'Yêu cầu đồng ý này đã được trả lời' },
  EXCHANGE_CONSENT_NOT_ACTIVE: { status: 409, title: 'Sự đồng ý này không còn hiệu lực (đã thu hồi, đã dùng hoặc chưa được chấp thuận)' },
  EXCHANGE_CONSENT_LEVEL_REQUIRED: { status: 403, title: 'Để đồng ý chia sẻ dữ liệu cho dịch vụ này, tài khoản định danh điện tử phải ở mức độ {level}' },
  EXCHANGE_BATCH_REFUSED: { status: 422, title: 'Tệp xác nhận theo lô không được nhận: {reason}' },
  EXCHANGE_BATCH_TOO_LARGE: { status: 413, title: 'Tệp xác nhận theo lô quá lớn: tối đa {limit} và {rows} dòng' },
  EXCHANGE_BATCH_OVER_QUOTA: { status: 422, title: 'Tệp có {rows} dòng, vượt hạn mức {quota} lượt mỗi ngày của quyền khai thác; hãy chia thành các tệp nhỏ hơn' },
  EXCHANGE_BATCH_NOT_FOUND: { status: 404, title: 'Không tìm thấy lô xác nhận' },
  EXCHANGE_KEY_NOT_FOUND: { status: 404, title: 'Cơ quan không có khóa công khai với kid này' },
  EXCHANGE_BATCH_NOT_READY: { status: 409, title: 'Lô xác nhận chưa trả lời xong ({progress}%); xem tiến độ rồi tải lại sau' },
  EXCHANGE_RECORD_INVALID: { status: 422, title: 'Hồ sơ "{kind}" không hợp lệ: {reason}' },
  EXCHANGE_RECORD_REFERENCE_TAKEN: { status: 409, title: 'Mã hồ sơ "{reference}" đã được dùng cho một hồ sơ khác của cơ quan; gửi lại đúng hồ sơ cũ hoặc dùng mã mới' },
  EXCHANGE_PURPOSE_UNKNOWN: { status: 403, title: 'Mục đích "{purpose}" không có trong danh mục mục đích đang có hiệu lực của dịch vụ này (xem docs/connectors/exchange-agencies.md)' },
});

declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodesOf<typeof EXCHANGE_ERRORS> {}
}

import './audit-actions.js';
import './permissions.js';

export { DomainError } from '../../platform/errors.js';
