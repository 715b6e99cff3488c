import { definePermissions, type PermissionsOf } from '../../platform/access.js';

/** Permissions of the exchange module's routes; src/roles.ts decides who holds them. */
export const EXCHANGE_PERMISSIONS = definePermissions({
  'exchange.manage': 'Đăng ký hệ thống của cơ quan kết nối và đề nghị cấp quyền khai thác dữ liệu dân cư',
  'exchange.usage.read': 'Xem số lượt khai thác theo ngày của các cơ quan kết nối (quản trị, chủ quản dữ liệu)',
  'exchange.grants.approve': 'Phê duyệt quyền khai thác dữ liệu dân cư của cơ quan kết nối (chủ quản dữ liệu)',
});

declare module '../../platform/access.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Permissions extends PermissionsOf<typeof EXCHANGE_PERMISSIONS> {}
}
