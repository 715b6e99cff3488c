import { Type } from '@sinclair/typebox';
import { defineAuditActions, type ActionsOf } from '../../platform/audit.js';

/** Audit actions of the kiosk module (docs/audit-actions.md). */
export const KIOSK_AUDIT = defineAuditActions({
  'kiosk.device.registered': { kind: 'write', label: 'Đăng ký thiết bị kiosk' },
  'kiosk.device.disabled': { kind: 'write', label: 'Ngừng thiết bị kiosk' },
  'kiosk.queue.taken': { kind: 'write', label: 'Lấy số thứ tự tại kiosk', data: Type.Object({ day: Type.String(), number: Type.Integer() }) },
  'kiosk.dossiers.read': { kind: 'read', label: 'Công dân xem hồ sơ của mình, in giấy tiếp nhận tại kiosk' },
  'kiosk.dossier.submitted': { kind: 'write', label: 'Công dân nộp hồ sơ không giấy tại kiosk' },
  'kiosk.session.ended': { kind: 'write', label: 'Kết thúc phiên của công dân tại kiosk' },
});

declare module '../../platform/audit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActions extends ActionsOf<typeof KIOSK_AUDIT> {}
}
