import { Type } from '@sinclair/typebox';
import { defineAuditActions, type ActionsOf } from '../../platform/audit.js';

const Money = Type.Object({ reference: Type.String(), amount: Type.Integer() }, { additionalProperties: false });

/** Audit actions of the payments module: what each entry means (docs/audit-actions.md) and the shape of its data. */
export const PAYMENTS_AUDIT = defineAuditActions({
  'payments.request.created': { kind: 'write', label: 'Tạo yêu cầu thanh toán (mã VietQR)', data: Money },
  'payments.request.renewed': {
    kind: 'write', label: 'Cấp lại mã thanh toán (mã VietQR mới) cho khoản đã hết hạn',
    data: Type.Object({ reference: Type.String(), amount: Type.Integer(), replaces: Type.String() }, { additionalProperties: false }),
  },
  'payments.request.expired': { kind: 'write', label: 'Yêu cầu thanh toán hết hạn (chưa trả trong thời hạn): mã VietQR không dùng được nữa', data: Money },
  'payments.request.read': { kind: 'read', label: 'Xem khoản thanh toán (người nộp, số tiền, trạng thái)' },
  'payments.payment.confirmed': {
    kind: 'write', label: 'Ghi nhận thanh toán theo thông báo của ngân hàng (máy chủ với máy chủ), cấp biên lai điện tử',
    data: Type.Object({ reference: Type.String(), amount: Type.Integer(), transactionId: Type.String(), receipt: Type.String() }, { additionalProperties: false }),
  },
  'payments.notification.held': {
    kind: 'write', label: 'Giữ lại thông báo thanh toán để kế toán đối soát (sai số tiền hoặc khoản không còn chờ thanh toán)',
    data: Type.Object({ reference: Type.String(), amount: Type.Integer(), transactionId: Type.String(), outcome: Type.String() }, { additionalProperties: false }),
  },
  'payments.receipt.read': { kind: 'read', label: 'Tải biên lai điện tử thu phí, lệ phí' },
  'payments.refund.recorded': {
    kind: 'write', label: 'Ghi nhận hoàn trả tiền đã nộp (kèm lý do)',
    data: Type.Object({ reference: Type.String(), amount: Type.Integer(), reason: Type.String() }, { additionalProperties: false }),
  },
  'payments.statement.uploaded': {
    kind: 'write', label: 'Nạp sao kê ngân hàng để đối soát',
    data: Type.Object({ lines: Type.Integer(), mismatches: Type.Integer() }, { additionalProperties: false }),
  },
  'payments.mismatches.read': { kind: 'read', label: 'Xem danh sách chênh lệch đối soát thu phí, lệ phí' },
});

declare module '../../platform/audit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActions extends ActionsOf<typeof PAYMENTS_AUDIT> {}
}
