import { definePermissions, type PermissionsOf } from '../../platform/access.js';

/** Permissions the credentials module's routes need; which role holds which is decided in src/roles.ts. */
export const CREDENTIALS_PERMISSIONS = definePermissions({
  'credentials.verify': 'Xác thực công dân tại quầy của đơn vị (bệnh viện, cơ sở lưu trú, công chứng...)',
  'credentials.manage': 'Quản lý đơn vị xác thực; xem danh sách chứng thư CSCA tin cậy',
  // The trust list decides which chips are authentic in every province: no province role holds it
  // (src/roles.ts); the operator keeps it with `da06 trust add|remove`.
  'trust.manage': 'Thêm, bỏ chứng thư CSCA trong danh sách tin cậy (cấp quốc gia)',
  'wallet.issue': 'Cấp và thu hồi giấy tờ trong ví của công dân trên địa bàn',
});

declare module '../../platform/access.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Permissions extends PermissionsOf<typeof CREDENTIALS_PERMISSIONS> {}
}
