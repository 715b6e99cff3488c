import { Type } from '@sinclair/typebox';
import { defineAuditActions, type ActionsOf } from '../../platform/audit.js';

/** Audit actions of the linkage module (docs/audit-actions.md). */
export const LINKAGE_AUDIT = defineAuditActions({
  'linkage.run.created': { kind: 'write', label: 'Tải lên danh sách của ngành để đối sánh với CSDL dân cư', data: Type.Object({ source: Type.String(), rows: Type.Integer(), scheme: Type.String() }) },
  'linkage.results.read': { kind: 'read', label: 'Xem, tải kết quả đối sánh danh sách (số định danh đã khớp)' },
  'linkage.quality.read': { kind: 'read', label: 'Xem, tải báo cáo chất lượng danh sách đã đối sánh (có số định danh của các dòng trùng người)' },
  'linkage.thresholds.set': { kind: 'write', label: 'Đặt ngưỡng khớp, ngưỡng xem xét của nguồn danh sách', data: Type.Object({ match: Type.Number(), review: Type.Number() }) },
});

declare module '../../platform/audit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActions extends ActionsOf<typeof LINKAGE_AUDIT> {}
}
