import { definePermissions, type PermissionsOf } from '../../platform/access.js';

/** Permissions the operations module's routes need; which role holds which is decided in src/roles.ts. */
export const OPERATIONS_PERMISSIONS = definePermissions({
  'ioc.read': 'Xem bảng điều hành và kế hoạch của địa bàn',
  'plans.report': 'Báo cáo tiến độ mô hình và lập báo cáo tháng',
});

declare module '../../platform/access.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Permissions extends PermissionsOf<typeof OPERATIONS_PERMISSIONS> {}
}
