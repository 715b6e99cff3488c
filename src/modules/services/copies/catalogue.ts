import { definePermissions, type PermissionsOf } from '../../../platform/access.js';
import { defineAuditActions, type ActionsOf } from '../../../platform/audit.js';
import { defineErrors, type CodesOf } from '../../../platform/errors.js';

/** The procedure whose dossiers a certification decides (chứng thực bản sao từ bản chính). */
export const COPY_PROCEDURE = 'chung-thuc-ban-sao-tu-ban-chinh';

/** Error codes of certified copies (merged into the services module's catalogue in ../index.ts). */
export const COPIES_ERRORS = defineErrors({
  COPY_NOT_COMPARED: { status: 422, title: 'Cán bộ phải xác nhận đã đối chiếu bản chụp với bản chính trước khi chứng thực' },
  COPY_REQUESTER_REQUIRED: { status: 422, title: 'Chứng thực cho hồ sơ đã nộp trực tuyến (mã hồ sơ) hoặc cho công dân tại quầy (số định danh cá nhân): chọn đúng một' },
  COPY_WRONG_PROCEDURE: { status: 409, title: 'Hồ sơ này không phải yêu cầu chứng thực bản sao từ bản chính' },
  COPY_SCANS_TOO_LARGE: { status: 422, title: 'Tổng dung lượng các bản chụp lớn hơn {mb} MB' },
  COPY_SIGNING_UNAVAILABLE: { status: 503, title: 'Đơn vị chưa có chứng thư số để ký: chưa thể chứng thực bản sao điện tử' },
  COPY_NOT_FOUND: { status: 404, title: 'Không tìm thấy bản sao chứng thực trong sổ chứng thực của đơn vị' },
  COPY_IDEMPOTENCY_KEY_REQUIRED: { status: 400, title: 'Thiếu tiêu đề Idempotency-Key (8–100 ký tự) để chống chứng thực trùng' },
  COPY_MONTH_INVALID: { status: 422, title: 'Tháng phải có dạng YYYY-MM' },
  COPY_APPROVE_BY_CERTIFICATION: { status: 409, title: 'Hồ sơ chứng thực bản sao không phê duyệt ở đây: kết quả là bản sao chứng thực, hãy đối chiếu bản chính và chứng thực tại mục Chứng thực bản sao điện tử' },
  COPY_REVOKED: { status: 410, title: 'Bản sao chứng thực này đã bị thu hồi ngày {date}: không tải về từ sổ chứng thực' },
  COPY_PAGES_REQUIRED: { status: 422, title: 'Cần ghi số trang của bản chính và số bản sao (cán bộ đếm trên bản chính)' },
});

/** Permissions of the sổ chứng thực (src/roles.ts gives them to the commune's justice officer and leaders). */
export const COPIES_PERMISSIONS = definePermissions({
  'services.copies.certify': 'Chứng thực bản sao điện tử từ bản chính (đối chiếu bản chính, ký số của đơn vị)',
  'services.copies.register': 'Xem, tìm kiếm và xuất sổ chứng thực bản sao của đơn vị',
});

/** Audit actions of certified copies (docs/audit-actions.md). */
export const COPIES_AUDIT = defineAuditActions({
  'services.copy.certified': { kind: 'write', label: 'Chứng thực bản sao điện tử từ bản chính (ghi sổ chứng thực, ký số, lưu vào kho dữ liệu của công dân)' },
  'services.copy-register.read': { kind: 'read', label: 'Xem, tìm kiếm hoặc xuất sổ chứng thực bản sao của đơn vị' },
  'services.copy.read': { kind: 'read', label: 'Tải về bản sao điện tử đã chứng thực (PDF đã ký số)' },
  'services.copy.requester-read': { kind: 'read', label: 'Tra cứu công dân đến yêu cầu chứng thực tại quầy (họ tên theo số định danh)' },
});

declare module '../../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodesOf<typeof COPIES_ERRORS> {}
}
declare module '../../../platform/access.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Permissions extends PermissionsOf<typeof COPIES_PERMISSIONS> {}
}
declare module '../../../platform/audit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActions extends ActionsOf<typeof COPIES_AUDIT> {}
}
