import { defineErrors, type CodesOf } from '../../platform/errors.js';

/** Error codes of the kiosk module (RFC 9457 `code`); listed in docs/errors.md. Never renamed or reused. */
export const KIOSK_ERRORS = defineErrors({
  KIOSK_NOT_REGISTERED: { status: 401, title: 'Thiết bị này chưa được đăng ký làm kiosk hoặc đã bị ngừng' },
  KIOSK_NOT_FOUND: { status: 404, title: 'Không tìm thấy thiết bị kiosk' },
  KIOSK_INVALID: { status: 422, title: 'Thông tin thiết bị kiosk không hợp lệ: {reason}' },
  KIOSK_OUT_OF_AREA: { status: 403, title: 'Chỉ đăng ký được kiosk thuộc tỉnh bạn quản trị' },
  KIOSK_SESSION_ENDED: { status: 401, title: 'Phiên tại kiosk đã kết thúc; mời quét lại mã QR định danh' },
  KIOSK_SIGNIN_FAILED: { status: 422, title: 'Không đăng nhập được bằng mã QR: {reason}' },
  KIOSK_DOSSIER_NOT_FOUND: { status: 404, title: 'Không tìm thấy hồ sơ có mã này' },
  KIOSK_CHIP_SIGNIN_FAILED: { status: 422, title: 'Không đăng nhập được bằng thẻ căn cước gắn chip: {reason}' },
  KIOSK_LOOKUP_LIMITED: { status: 429, title: 'Đã tra cứu quá nhiều lần; vui lòng thử lại sau {seconds} giây' },
  KIOSK_CITIZEN_DOSSIER_NOT_FOUND: { status: 404, title: 'Không tìm thấy hồ sơ này trong các hồ sơ của ông/bà' },
  KIOSK_NO_ACCOUNT: { status: 409, title: 'Ông/bà chưa có tài khoản định danh điện tử nên chưa nộp được hồ sơ tại kiosk. Mời ông/bà lấy số thứ tự để nộp hồ sơ tại quầy tiếp nhận' },
  KIOSK_PAYMENT_NOT_FOUND: { status: 404, title: 'Hồ sơ này không có khoản phí, lệ phí nào cần nộp' },
});

declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodesOf<typeof KIOSK_ERRORS> {}
}

import './audit-actions.js';
import './permissions.js';

export { DomainError } from '../../platform/errors.js';
