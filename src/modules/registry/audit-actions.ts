import { Type } from '@sinclair/typebox';
import { defineAuditActions, type ActionsOf } from '../../platform/audit.js';
import { CorrectableFieldSchema } from './correctable.js';

/** Audit actions of the registry module: what each entry means (docs/audit-actions.md) and the shape of its data. */
export const REGISTRY_AUDIT = defineAuditActions({
  'person.search': { kind: 'read', label: 'Tìm kiếm công dân (mỗi người hiện trong kết quả)' },
  'person.read': { kind: 'read', label: 'Xem hồ sơ công dân' },
  'household.read': { kind: 'read', label: 'Xem hộ gia đình (mỗi thành viên)' },
  'person.create': { kind: 'write', label: 'Đăng ký thông tin công dân' },
  'person.death.record': { kind: 'write', label: 'Ghi nhận khai tử' },
  'person.move': {
    kind: 'write', label: 'Đăng ký thường trú (chuyển đến) hoặc tạm trú',
    data: Type.Object({ kind: Type.Union([Type.Literal('permanent'), Type.Literal('temporary')]) }, { additionalProperties: false }),
  },
  'person.personal-id.establish': {
    kind: 'write', label: 'Xác lập lại số định danh cá nhân (số cũ thành số đã hủy)',
    data: Type.Object({ cancelledPersonalId: Type.String() }, { additionalProperties: false }),
  },
  'person.correct': {
    kind: 'write', label: 'Cải chính thông tin công dân (giá trị cũ giữ trong lịch sử cải chính)',
    data: Type.Object({ field: CorrectableFieldSchema, reason: Type.String() }, { additionalProperties: false }),
  },
  'person.photo.set': { kind: 'write', label: 'Cập nhật ảnh chân dung công dân (khi cấp thẻ, nhập dữ liệu)' },
  'person.match': { kind: 'read', label: 'Đối chiếu thông tin đăng ký định danh điện tử' },
  'person.release': { kind: 'read', label: 'Cung cấp thông tin công dân cho dịch vụ khác' },
  'person.import': { kind: 'write', label: 'Nhập dữ liệu dân cư từ tệp' },
  'person.seed': { kind: 'write', label: 'Tạo dữ liệu mẫu tổng hợp' },
});

declare module '../../platform/audit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActions extends ActionsOf<typeof REGISTRY_AUDIT> {}
}
