import { definePermissions, type PermissionsOf } from '../../platform/access.js';

/**
 * Permissions of the services module's officer routes; which role holds which is decided in src/roles.ts.
 * Every route is also limited by the dossier itself: an officer acts only on dossiers of their unit and
 * of an agency their role works for (others read as absent: 404).
 */
export const SERVICES_PERMISSIONS = definePermissions({
  'services.dossiers.read': 'Xem hàng đợi và hồ sơ thủ tục hành chính của đơn vị (kèm thông tin dân cư của người liên quan)',
  'services.dossiers.receive': 'Tiếp nhận hồ sơ, yêu cầu bổ sung, từ chối tiếp nhận (Bộ phận Một cửa)',
  'services.dossiers.process': 'Xử lý hồ sơ: phân công, chuyển xử lý, chuyển đơn vị, nghĩa vụ tài chính, gia hạn, dừng, trả kết quả',
  'services.dvcqg.manage': 'Theo dõi kết nối Cổng Dịch vụ công quốc gia: hàng đợi đồng bộ trạng thái, danh sách gửi lỗi và gửi lại, hồ sơ bị từ chối nhận',
  'services.dossiers.approve': 'Phê duyệt hoặc từ chối giải quyết hồ sơ (lãnh đạo, người có thẩm quyền của cơ quan)',
});

declare module '../../platform/access.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Permissions extends PermissionsOf<typeof SERVICES_PERMISSIONS> {}
}
