import { defineAuditActions, type ActionsOf } from '../../../platform/audit.js';
import { defineErrors, type CodesOf } from '../../../platform/errors.js';

/** Error codes of the linked groups (merged into the services module's catalogue in ../index.ts). */
export const GROUP_ERRORS = defineErrors({
  GROUP_NOT_FOUND: { status: 404, title: 'Không tìm thấy nhóm thủ tục liên thông' },
  GROUP_STATE: { status: 409, title: 'Nhóm thủ tục liên thông đang ở trạng thái "{state}": không thực hiện được thao tác "{action}"' },
});

/** Audit actions of the linked groups' routes (docs/audit-actions.md). */
export const GROUP_AUDIT = defineAuditActions({
  'services.group.started': { kind: 'write', label: 'Công dân tạo hồ sơ liên thông (bản nháp bước đầu, tờ khai các bước điền sẵn từ dữ liệu dân cư)' },
  'services.group.submitted': { kind: 'write', label: 'Công dân nộp hồ sơ liên thông một lần (bước đầu được nộp, các bước sau tự chuyển khi bước trước được phê duyệt)' },
  'services.group.own-read': { kind: 'read', label: 'Công dân xem hồ sơ liên thông của mình (một dòng thời gian cho mọi bước)' },
});

declare module '../../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodesOf<typeof GROUP_ERRORS> {}
}
declare module '../../../platform/audit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActions extends ActionsOf<typeof GROUP_AUDIT> {}
}
