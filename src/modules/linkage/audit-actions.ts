import { Type } from '@sinclair/typebox';
import { defineAuditActions, type ActionsOf } from '../../platform/audit.js';

/** Audit actions of the linkage module (docs/audit-actions.md). */
export const LINKAGE_AUDIT = defineAuditActions({
  'linkage.run.created': { kind: 'write', label: 'Tải lên danh sách của ngành để đối sánh với CSDL dân cư', data: Type.Object({ source: Type.String(), rows: Type.Integer(), scheme: Type.String() }) },
  'linkage.results.read': { kind: 'read', label: 'Xem, tải kết quả đối sánh danh sách (số định danh đã khớp)' },
  'linkage.thresholds.set': { kind: 'write', label: 'Đặt ngưỡng khớp, ngưỡng xem xét của nguồn danh sách', data: Type.Object({ match: Type.Number(), review: Type.Number(), sensitive: Type.Optional(Type.Boolean()) }) },
  'linkage.review.read': { kind: 'read', label: 'Xem dòng cần xem xét bên cạnh hồ sơ dân cư của người được đề xuất' },
  'linkage.review.decided': {
    kind: 'write', label: 'Quyết định dòng cần xem xét: chấp nhận, bác bỏ hoặc chọn người khác, kèm lý do',
    data: Type.Object({ runId: Type.Integer(), row: Type.Integer(), decision: Type.String(), matchProbability: Type.Number(), reason: Type.String() }),
  },
  'linkage.citizen.read': { kind: 'read', label: 'Công dân xem các dòng danh sách của ngành nêu tên mình (chờ xác nhận)' },
  'linkage.citizen.answered': {
    kind: 'write', label: 'Công dân xác nhận "Đây là tôi" hoặc "Không phải tôi" cho một dòng danh sách của ngành',
    data: Type.Object({ runId: Type.Integer(), row: Type.Integer(), decision: Type.String(), source: Type.String() }),
  },
  'linkage.quality.read': { kind: 'read', label: 'Xem, tải báo cáo chất lượng danh sách đã đối sánh (có số định danh của các dòng trùng người)' },
});

declare module '../../platform/audit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActions extends ActionsOf<typeof LINKAGE_AUDIT> {}
}
