import { Type } from '@sinclair/typebox';
import { defineAuditActions, type ActionsOf } from '../../platform/audit.js';

/** Audit actions of the exchange module (docs/audit-actions.md). */
export const EXCHANGE_AUDIT = defineAuditActions({
  'exchange.agency.registered': { kind: 'write', label: 'Đăng ký cơ quan kết nối khai thác dữ liệu' },
  'exchange.grant.requested': { kind: 'write', label: 'Đề nghị cấp quyền khai thác dữ liệu cho cơ quan kết nối' },
  'exchange.grant.approved': { kind: 'write', label: 'Phê duyệt quyền khai thác dữ liệu của cơ quan kết nối' },
  'exchange.agency.disabled': { kind: 'write', label: 'Ngừng kết nối của cơ quan khai thác dữ liệu' },
  'exchange.agency.enabled': {
    kind: 'write', label: 'Cho cơ quan khai thác dữ liệu đã bị ngừng kết nối lại',
    data: Type.Object({ reason: Type.String() }, { additionalProperties: false }),
  },
  'exchange.agency.key_added': {
    kind: 'write', label: 'Thêm khóa công khai cho hệ thống của cơ quan kết nối',
    data: Type.Object({ kid: Type.String() }, { additionalProperties: false }),
  },
  'exchange.agency.key_retired': {
    kind: 'write', label: 'Ngừng một khóa công khai của hệ thống cơ quan kết nối',
    data: Type.Object({ kid: Type.String() }, { additionalProperties: false }),
  },
  'exchange.person.lookup': { kind: 'read', label: 'Cơ quan kết nối tra cứu thông tin công dân' },
  'exchange.consent.requested': { kind: 'write', label: 'Cơ quan kết nối đề nghị công dân đồng ý chia sẻ dữ liệu' },
  'exchange.consent.approved': { kind: 'write', label: 'Công dân đồng ý chia sẻ dữ liệu với cơ quan kết nối' },
  'exchange.consent.refused': { kind: 'write', label: 'Công dân từ chối chia sẻ dữ liệu với cơ quan kết nối' },
  'exchange.consent.revoked': { kind: 'write', label: 'Công dân thu hồi sự đồng ý chia sẻ dữ liệu' },
  'exchange.household.lookup': { kind: 'read', label: 'Cơ quan kết nối tra cứu thành phần hộ gia đình của công dân' },
  'exchange.person.check': { kind: 'read', label: 'Cơ quan kết nối xác nhận thông tin công dân (có/không)' },
  'exchange.batch.submitted': {
    kind: 'write', label: 'Cơ quan kết nối gửi tệp xác nhận theo lô',
    data: Type.Object({ rows: Type.Integer(), bytes: Type.Integer(), sha256: Type.String() }, { additionalProperties: false }),
  },
  'exchange.sector_record.received': {
    kind: 'write', label: 'Cơ quan kết nối gửi hồ sơ ngành (y tế, lao động, đất đai, hộ tịch) gắn với công dân',
    data: Type.Object({
      service: Type.String(), reference: Type.String(), status: Type.Union([Type.Literal('attached'), Type.Literal('held')]),
    }, { additionalProperties: false }),
  },
  'exchange.sector_record.read': { kind: 'read', label: 'Xem hồ sơ ngành gắn với công dân (công dân hoặc cán bộ đăng ký cư trú)' },
  'exchange.log.anchored': {
    kind: 'write', label: 'Neo đầu chuỗi nhật ký trao đổi của các cơ quan kết nối vào nhật ký truy cập (được mốc neo đã ký bảo vệ)',
    data: Type.Object({
      heads: Type.Array(Type.Object({ agencyId: Type.Integer(), seq: Type.Integer(), hash: Type.String() }, { additionalProperties: false })),
    }, { additionalProperties: false }),
  },
  'exchange.log.pruned': {
    kind: 'write', label: 'Xóa các mục nhật ký trao đổi quá thời hạn lưu trữ (giữ mục cuối đã xóa làm gốc chuỗi)',
    data: Type.Object({ agencyId: Type.Integer(), throughSeq: Type.Integer(), hash: Type.String(), removed: Type.Integer(), before: Type.String() }, { additionalProperties: false }),
  },
});

declare module '../../platform/audit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActions extends ActionsOf<typeof EXCHANGE_AUDIT> {}
}
