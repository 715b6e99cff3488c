import { definePermissions, type PermissionsOf } from '../../platform/access.js';

/** Permissions of the linkage module's routes; src/roles.ts decides who holds them. */
export const LINKAGE_PERMISSIONS = definePermissions({
  'linkage.run': 'Đối sánh danh sách của ngành (bảo hiểm, an sinh, giáo dục...) với CSDL dân cư, xem kết quả, đặt ngưỡng của nguồn',
  'linkage.review': 'Xem xét các dòng đối sánh chưa chắc chắn của người dân trong địa bàn: chấp nhận, bác bỏ, chọn người khác',
});

declare module '../../platform/access.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Permissions extends PermissionsOf<typeof LINKAGE_PERMISSIONS> {}
}
