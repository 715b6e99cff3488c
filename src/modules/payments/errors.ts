import { defineErrors, defineFieldErrors, type CodesOf } from '../../platform/errors.js';

/** Error codes of the payments module (RFC 9457 `code`); listed in docs/errors.md. Never renamed or reused. */
export const PAYMENTS_ERRORS = defineErrors({
  PAYMENT_NOT_FOUND: { status: 404, title: 'Không tìm thấy khoản thanh toán' },
  PAYMENT_NOT_CONFIGURED: { status: 503, title: 'Chưa cấu hình tài khoản thu phí, lệ phí (DA06_PAYMENTS_*)' },
  PAYMENT_AMOUNT_INVALID: { status: 422, title: 'Số tiền phải là số nguyên đồng lớn hơn 0' },
  PAYMENT_STATE: { status: 409, title: 'Khoản thanh toán đang ở trạng thái "{state}": không thể {action}' },
  PAYMENT_NOTIFY_SIGNATURE: { status: 401, title: 'Chữ ký của thông báo thanh toán không hợp lệ' },
  PAYMENT_NOTIFY_TIMESTAMP: { status: 401, title: 'Thông báo thanh toán đã quá hạn (thời điểm ký lệch quá {seconds} giây)' },
  PAYMENT_NOTIFY_REPLAY: { status: 409, title: 'Thông báo thanh toán này đã được nhận (gửi lại cùng chữ ký): bị từ chối' },
  PAYMENT_NOTIFY_INVALID: { status: 400, title: 'Nội dung thông báo thanh toán không hợp lệ: {reason}' },
  PAYMENT_REFERENCE_UNKNOWN: { status: 422, title: 'Không có khoản thanh toán nào mang mã tham chiếu {reference}' },
  PAYMENT_AMOUNT_MISMATCH: { status: 422, title: 'Số tiền nhận được ({received} đồng) khác số tiền phải nộp ({expected} đồng): chờ kế toán đối soát, chưa ghi nhận' },
  PAYMENT_NOT_PENDING: { status: 422, title: 'Khoản thanh toán {reference} không còn chờ thanh toán (trạng thái "{state}"): chờ kế toán đối soát, chưa ghi nhận' },
  PAYMENT_RECEIPT_NOT_FOUND: { status: 404, title: 'Khoản thanh toán chưa có biên lai điện tử' },
  PAYMENT_STATEMENT_INVALID: { status: 422, title: 'Tệp sao kê ngân hàng không hợp lệ' },
  PAYMENT_NOT_DUE: { status: 409, title: 'Việc này không còn chờ nộp tiền: không cấp lại mã thanh toán' },
  PAYMENT_PLATFORM_UNAVAILABLE: { status: 502, title: 'Nền tảng thanh toán không trả lời hoặc trả lời không hợp lệ' },
});

/** Field-level errors of the payments module (problem+json `errors[]`). */
export const PAYMENTS_FIELD_ERRORS = defineFieldErrors({
  STATEMENT_LINE: 'Dòng {line}: {reason}',
});

declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodesOf<typeof PAYMENTS_ERRORS> {}
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface FieldErrorCodes extends CodesOf<typeof PAYMENTS_FIELD_ERRORS> {}
}

// Every file that throws this module's errors imports them from here: that loads all of the module's
// catalogues (actions, permissions, events) wherever its code runs, the CLI and unit tests included.
import './audit-actions.js';
import './permissions.js';
import './events.js';

/** Thrown with this module's codes. */
export { DomainError, fieldError, type FieldError } from '../../platform/errors.js';
