import { defineAuditActions, type ActionsOf } from '../../platform/audit.js';

/** Audit actions of the registry module: what each entry means (docs/audit-actions.md) and the shape of its data. */
export const REGISTRY_AUDIT = defineAuditActions({
  'person.search': { kind: 'read', label: 'Tìm kiếm công dân (mỗi người hiện trong kết quả)' },
  'person.read': { kind: 'read', label: 'Xem hồ sơ công dân' },
  'household.read': { kind: 'read', label: 'Xem hộ gia đình (mỗi thành viên)' },
  'person.create': { kind: 'write', label: 'Đăng ký thông tin công dân' },
  'person.death.record': { kind: 'write', label: 'Ghi nhận khai tử' },
  'person.move.permanent': { kind: 'write', label: 'Đăng ký thường trú' },
  'person.move.temporary': { kind: 'write', label: 'Đăng ký tạm trú' },
  'person.personal-id.establish': { kind: 'write', label: 'Xác lập lại số định danh cá nhân' },
  'person.personal-id.cancel': { kind: 'write', label: 'Hủy số định danh cá nhân cũ' },
  'person.match': { kind: 'read', label: 'Đối chiếu thông tin đăng ký định danh điện tử' },
  'person.release': { kind: 'read', label: 'Cung cấp thông tin công dân cho dịch vụ khác' },
  'person.import': { kind: 'write', label: 'Nhập dữ liệu dân cư từ tệp' },
  'person.seed': { kind: 'write', label: 'Tạo dữ liệu mẫu tổng hợp' },
});

declare module '../../platform/audit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActions extends ActionsOf<typeof REGISTRY_AUDIT> {}
}
