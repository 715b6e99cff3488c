import { definePermissions, type PermissionsOf } from '../../platform/access.js';

/** Permissions of the documents module's officer routes; src/roles.ts decides which role holds them. */
export const DOCUMENTS_PERMISSIONS = definePermissions({
  'documents.read': 'Xem danh sách văn bản điện tử (kết quả có chữ ký số) do đơn vị cấp',
  'documents.revoke': 'Thu hồi văn bản điện tử do đơn vị cấp (ghi lý do; trang kiểm tra báo đã thu hồi)',
});

declare module '../../platform/access.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Permissions extends PermissionsOf<typeof DOCUMENTS_PERMISSIONS> {}
}
