import { definePermissions, type PermissionsOf } from '../../platform/access.js';

/** Permissions the lodging module's routes need; which role holds which is decided in src/roles.ts. */
export const LODGING_PERMISSIONS = definePermissions({
  'lodging.oversee': 'Xem lưu trú, cơ sở lưu trú và cảnh báo của địa bàn',
  'lodging.facilities': 'Đăng ký, duyệt, tạm dừng cơ sở lưu trú và tài khoản nhân viên',
  'watchlist.manage': 'Quản lý danh sách theo dõi',
});

declare module '../../platform/access.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Permissions extends PermissionsOf<typeof LODGING_PERMISSIONS> {}
}
