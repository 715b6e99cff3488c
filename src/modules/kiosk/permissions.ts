import { definePermissions, type PermissionsOf } from '../../platform/access.js';

/** Permissions of the kiosk module's routes; src/roles.ts decides who holds them. */
export const KIOSK_PERMISSIONS = definePermissions({
  'kiosks.manage': 'Đăng ký, ngừng thiết bị kiosk tự phục vụ tại Trung tâm phục vụ hành chính công',
});

declare module '../../platform/access.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Permissions extends PermissionsOf<typeof KIOSK_PERMISSIONS> {}
}
