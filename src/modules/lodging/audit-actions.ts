import { Type } from '@sinclair/typebox';
import { defineAuditActions, type ActionsOf } from '../../platform/audit.js';

/** Audit actions of the lodging module: what each entry means (docs/audit-actions.md) and the shape of its data. */
export const LODGING_AUDIT = defineAuditActions({
  'lodging.stay.declared': { kind: 'write', label: 'Khai báo lưu trú (mỗi khách)' },
  'lodging.stay.read': { kind: 'read', label: 'Công an xem thông tin lưu trú' },
  'lodging.stay.desk-read': { kind: 'read', label: 'Cơ sở lưu trú xem khách của mình' },
  'lodging.stay.own-read': { kind: 'read', label: 'Công dân xem lưu trú của mình' },
  'lodging.stay.departed': { kind: 'write', label: 'Cơ sở lưu trú báo khách rời đi (mỗi khách)' },
  'lodging.stay.amended': { kind: 'write', label: 'Cơ sở lưu trú sửa khai báo (phòng, ngày dự kiến rời đi)' },
  'lodging.stay.cancelled': { kind: 'write', label: 'Cơ sở lưu trú hủy khai báo (có lý do)' },
  'lodging.alert.raised': { kind: 'event', label: 'Cảnh báo khách trùng danh sách theo dõi' },
  'lodging.alert.read': { kind: 'read', label: 'Xem cảnh báo lưu trú' },
  'lodging.alert.acknowledged': { kind: 'write', label: 'Xác nhận đã xử lý cảnh báo' },
  'lodging.facility.registered': { kind: 'write', label: 'Công an đăng ký cơ sở lưu trú' },
  'lodging.facility.applied': { kind: 'write', label: 'Cơ sở lưu trú gửi đăng ký' },
  'lodging.facility.decided': {
    kind: 'write', label: 'Duyệt, từ chối hoặc tạm dừng cơ sở lưu trú',
    data: Type.Object({ decision: Type.Union([Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('suspended')]) }, { additionalProperties: false }),
  },
  // Entries written before decisions became one action (lodging.facility.decided) keep these names.
  'lodging.facility.approved': { kind: 'write', label: 'Duyệt cơ sở lưu trú (mục cũ)' },
  'lodging.facility.rejected': { kind: 'write', label: 'Từ chối cơ sở lưu trú (mục cũ)' },
  'lodging.facility.suspended': { kind: 'write', label: 'Tạm dừng cơ sở lưu trú (mục cũ)' },
  'lodging.facility.read': { kind: 'read', label: 'Xem thông tin cơ sở lưu trú (chủ cơ sở, điện thoại, địa chỉ)' },
  'lodging.facility.staff-added': { kind: 'write', label: 'Thêm tài khoản nhân viên cơ sở lưu trú' },
  'lodging.watchlist.added': { kind: 'write', label: 'Thêm đối tượng vào danh sách theo dõi' },
  'lodging.watchlist.removed': { kind: 'write', label: 'Gỡ đối tượng khỏi danh sách theo dõi' },
  'lodging.watchlist.read': { kind: 'read', label: 'Xem danh sách theo dõi' },
});

declare module '../../platform/audit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActions extends ActionsOf<typeof LODGING_AUDIT> {}
}
