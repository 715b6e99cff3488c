import { definePermissions, type PermissionsOf } from '../../platform/access.js';

/** Permissions the registry module's routes need; which role holds which is decided in src/roles.ts. */
export const REGISTRY_PERMISSIONS = definePermissions({
  'registry.read': 'Tra cứu, xem hồ sơ công dân và hộ gia đình của địa bàn',
  'registry.write': 'Đăng ký công dân, ghi nhận khai tử, đăng ký cư trú, xác lập lại số định danh',
  'registry.import': 'Nhập dữ liệu dân cư từ tệp',
  'units.read': 'Xem danh mục đơn vị hành chính',
  'audit.read': 'Xem nhật ký truy cập và cảnh báo giám sát',
});

declare module '../../platform/access.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Permissions extends PermissionsOf<typeof REGISTRY_PERMISSIONS> {}
}
