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
  'person.birth.register': {
    kind: 'write', label: 'Đăng ký khai sinh theo hồ sơ thủ tục hành chính (cấp số định danh, nhập hộ, liên kết cha mẹ)',
    data: Type.Object({ dossierCode: Type.String() }, { additionalProperties: false }),
  },
  'person.residence.register': {
    kind: 'write', label: 'Đăng ký thường trú hoặc tạm trú theo hồ sơ thủ tục hành chính',
    data: Type.Object({ kind: Type.Union([Type.Literal('permanent'), Type.Literal('temporary')]), dossierCode: Type.String() }, { additionalProperties: false }),
  },
  'person.residence.remove': {
    kind: 'write', label: 'Xóa đăng ký thường trú theo hồ sơ thủ tục hành chính',
    data: Type.Object({ dossierCode: Type.String(), reason: Type.String() }, { additionalProperties: false }),
  },
  'person.absence.declare': {
    kind: 'write', label: 'Khai báo tạm vắng theo hồ sơ thủ tục hành chính',
    data: Type.Object({ dossierCode: Type.String() }, { additionalProperties: false }),
  },
  'person.death.register': {
    kind: 'write', label: 'Đăng ký khai tử theo hồ sơ thủ tục hành chính',
    data: Type.Object({ dossierCode: Type.String() }, { additionalProperties: false }),
  },
  'person.marriage.register': {
    kind: 'write', label: 'Đăng ký kết hôn theo hồ sơ thủ tục hành chính (một mục cho mỗi bên)',
    data: Type.Object({ dossierCode: Type.String() }, { additionalProperties: false }),
  },
  'person.residence.confirm': { kind: 'read', label: 'Xác nhận thông tin về cư trú (CT07)' },
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
