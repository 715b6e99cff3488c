import { Type } from '@sinclair/typebox';
import { defineAuditActions, type ActionsOf } from '../../platform/audit.js';

/** Audit actions of the operations module: what each entry means (docs/audit-actions.md) and the shape of its data. */
export const OPERATIONS_AUDIT = defineAuditActions({
  'ioc.population.read': { kind: 'read', label: 'Xem bảng điều hành dân cư' },
  'ioc.labour.read': { kind: 'read', label: 'Xem bảng điều hành lao động' },
  'ioc.tourism.read': { kind: 'read', label: 'Xem bảng điều hành du lịch' },
  'ioc.public-order.read': { kind: 'read', label: 'Xem bảng điều hành trật tự' },
  'ioc.readiness.read': { kind: 'read', label: 'Xem bảng sẵn sàng triển khai' },
  'plans.model.reported': {
    kind: 'write', label: 'Báo cáo tiến độ mô hình',
    data: Type.Object({ status: Type.Union([Type.Literal('not_started'), Type.Literal('in_progress'), Type.Literal('done')]) }, { additionalProperties: false }),
  },
  'plans.report-settings.updated': {
    kind: 'write', label: 'Đặt người ký báo cáo tháng của Tổ công tác',
    data: Type.Object({ signerTitle: Type.String(), signerName: Type.String() }, { additionalProperties: false }),
  },
});

declare module '../../platform/audit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActions extends ActionsOf<typeof OPERATIONS_AUDIT> {}
}
