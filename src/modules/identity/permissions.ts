import { definePermissions, type PermissionsOf } from '../../platform/access.js';

/** Permissions the identity module's routes need; which role holds which is decided in src/roles.ts. */
export const IDENTITY_PERMISSIONS = definePermissions({
  'session.own': 'Xem và đăng xuất phiên làm việc của chính mình',
  'officers.manage': 'Quản lý tài khoản cán bộ',
  'sso.manage': 'Đăng ký dịch vụ kết nối đăng nhập một lần (OpenID Connect)',
  'sso.signin': 'Đăng nhập một lần vào hệ thống cấp tỉnh dành cho cán bộ',
  'eid.upgrade': 'Nâng tài khoản định danh điện tử lên mức độ 2 tại quầy',
});

declare module '../../platform/access.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Permissions extends PermissionsOf<typeof IDENTITY_PERMISSIONS> {}
}
