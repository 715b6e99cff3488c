import { defineAuditActions, type ActionsOf } from '../../platform/audit.js';

/** Audit actions of the credentials module: what each entry means (docs/audit-actions.md) and the shape of its data. */
export const CREDENTIALS_AUDIT = defineAuditActions({
  'credential.verify.identity_qr': { kind: 'read', label: 'Xác thực bằng mã QR định danh' },
  'credential.verify.card_qr': { kind: 'read', label: 'Đối chiếu mã QR trên thẻ căn cước' },
  'credential.verify.chip': { kind: 'read', label: 'Xác thực bằng chip thẻ căn cước' },
  'credential.verify.wallet': { kind: 'read', label: 'Xác thực giấy tờ trong ví' },
  'credential.verification.desk-read': { kind: 'read', label: 'Đơn vị xem lại các lần xác thực tại quầy (họ tên, số định danh đã được hiển thị)' },
  'credential.card_qr.paused': { kind: 'event', label: 'Tạm ngừng đối chiếu thẻ của một số định danh tại đơn vị' },
  'credential.card_qr.counter_paused': { kind: 'event', label: 'Tạm ngừng đối chiếu thẻ tại đơn vị' },
  'credentials.relying-party.created': { kind: 'write', label: 'Đăng ký đơn vị xác thực' },
  'credentials.relying-party.updated': { kind: 'write', label: 'Sửa thông tin đơn vị xác thực' },
  'credentials.relying-party.api-key-issued': { kind: 'write', label: 'Cấp lại khóa API của đơn vị xác thực' },
  'credentials.csca.added': { kind: 'write', label: 'Thêm chứng thư CSCA vào danh sách tin cậy' },
  'credentials.csca.removed': { kind: 'write', label: 'Gỡ chứng thư CSCA khỏi danh sách tin cậy' },
  'wallet.issue': { kind: 'write', label: 'Cấp giấy tờ vào ví' },
  'wallet.revoke': { kind: 'write', label: 'Thu hồi giấy tờ trong ví' },
  'wallet.read': { kind: 'read', label: 'Xem giấy tờ trong ví' },
  'wallet.present': { kind: 'write', label: 'Xuất trình giấy tờ trong ví' },
});

declare module '../../platform/audit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActions extends ActionsOf<typeof CREDENTIALS_AUDIT> {}
}
