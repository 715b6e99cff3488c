import { definePermissions, type PermissionsOf } from '../../platform/access.js';

/** Permissions the payments module's routes need; which role holds which is decided in src/roles.ts. */
export const PAYMENTS_PERMISSIONS = definePermissions({
  'payments.read': 'Xem các khoản thu phí, lệ phí và biên lai điện tử của đơn vị',
  'payments.renew': 'Cấp lại mã thanh toán cho khoản phí, lệ phí đã hết hạn',
  'payments.reconcile': 'Đối soát sao kê ngân hàng với thông báo thanh toán, ghi nhận hoàn tiền',
});

declare module '../../platform/access.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Permissions extends PermissionsOf<typeof PAYMENTS_PERMISSIONS> {}
}
