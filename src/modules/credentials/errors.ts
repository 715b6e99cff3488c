import { defineErrors, type CodesOf } from '../../platform/errors.js';

/** Error codes of the credentials module (RFC 9457 `code`); listed in docs/errors.md. Never renamed or reused. */
export const CREDENTIAL_ERRORS = defineErrors({
  RELYING_PARTY_INVALID: { status: 422, title: 'Thông tin đơn vị xác thực không hợp lệ: {reason}' },
  RELYING_PARTY_EXISTS: { status: 409, title: 'Mã đơn vị xác thực đã được dùng' },
  RELYING_PARTY_OUT_OF_AREA: { status: 403, title: 'Chỉ đăng ký được đơn vị xác thực thuộc tỉnh bạn quản trị' },
  RELYING_PARTY_NOT_FOUND: { status: 404, title: 'Không tìm thấy đơn vị xác thực' },
  RELYING_PARTY_INACTIVE: { status: 403, title: 'Đơn vị xác thực đã ngừng hoạt động hoặc không còn được phép xác thực' },
  WALLET_DOCUMENT_NOT_FOUND: { status: 404, title: 'Không tìm thấy giấy tờ trong ví' },
  WALLET_DOCUMENT_REVOKED: { status: 409, title: 'Giấy tờ đã bị thu hồi, không xuất trình được' },
  WALLET_DOCUMENT_IS_RESULT: { status: 409, title: 'Giấy tờ này là kết quả có chữ ký số: đơn vị cấp thu hồi văn bản, giấy tờ trong ví bị thu hồi theo' },
  CSCA_INVALID: { status: 422, title: 'Chứng thư CSCA không dùng được: {reason}' },
  CSCA_NOT_FOUND: { status: 404, title: 'Không tìm thấy chứng thư CSCA trong danh sách tin cậy' },
});

declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodesOf<typeof CREDENTIAL_ERRORS> {}
}

// Every file that throws this module's errors imports them from here: that loads all of the module's
// catalogues (actions, permissions, events) wherever its code runs, the CLI and unit tests included.
import './audit-actions.js';
import './permissions.js';

/** Thrown with this module's codes. */
export { DomainError, fieldError, type FieldError } from '../../platform/errors.js';
