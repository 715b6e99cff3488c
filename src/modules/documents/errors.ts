import { defineErrors, type CodesOf } from '../../platform/errors.js';

/** Error codes of the documents module (RFC 9457 `code`); listed in docs/errors.md. Never renamed or reused. */
export const DOCUMENTS_ERRORS = defineErrors({
  SIGNED_DOCUMENT_NOT_FOUND: { status: 404, title: 'Không tìm thấy văn bản điện tử' },
  SIGNED_DOCUMENT_REVOKED_ALREADY: { status: 409, title: 'Văn bản này đã bị thu hồi' },
  SIGNED_DOCUMENT_UPLOAD_REFUSED: { status: 422, title: 'Tệp kiểm tra phải là tệp PDF, không quá {mb} MB' },
  SHARE_LINK_NOT_FOUND: { status: 404, title: 'Liên kết chia sẻ không tồn tại hoặc không còn hiệu lực' },
  SHARE_LINK_INACTIVE: { status: 409, title: 'Liên kết chia sẻ này đã hết hạn hoặc đã bị thu hồi' },
});

declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodesOf<typeof DOCUMENTS_ERRORS> {}
}



// Every file that throws this module's errors imports them from here: that loads the module's catalogues.
import './audit-actions.js';
import './permissions.js';
export { DomainError } from '../../platform/errors.js';
