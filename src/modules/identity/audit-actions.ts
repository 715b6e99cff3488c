import { Type } from '@sinclair/typebox';
import { defineAuditActions, type ActionsOf } from '../../platform/audit.js';

/** Audit actions of the identity module: what each entry means (docs/audit-actions.md) and the shape of its data. */
export const IDENTITY_AUDIT = defineAuditActions({
  'officer.login': { kind: 'write', label: 'Cán bộ đăng nhập' },
  'officer.login.failed': { kind: 'event', label: 'Cán bộ đăng nhập sai' },
  'officer.logout': { kind: 'write', label: 'Cán bộ đăng xuất' },
  'officer.password.change': { kind: 'write', label: 'Cán bộ đổi mật khẩu (các phiên khác kết thúc)' },
  'officer.password.wrong': { kind: 'event', label: 'Cán bộ nhập sai mật khẩu hiện tại khi đổi mật khẩu' },
  'officer.account.create': {
    kind: 'write', label: 'Tạo tài khoản cán bộ (mật khẩu dùng một lần)',
    data: Type.Object({ role: Type.String(), areaCode: Type.String(), relyingPartyId: Type.Union([Type.Integer(), Type.Null()]) }),
  },
  'officer.account.disable': { kind: 'write', label: 'Vô hiệu hóa tài khoản cán bộ (các phiên kết thúc)' },
  'officer.account.enable': { kind: 'write', label: 'Mở lại tài khoản cán bộ' },
  'officer.account.password-reset': { kind: 'write', label: 'Đặt lại mật khẩu tài khoản cán bộ (mật khẩu dùng một lần, các phiên kết thúc)' },
  'officer.accounts.read': { kind: 'read', label: 'Quản trị xem danh sách tài khoản cán bộ' },
  'officer.account-activity.read': { kind: 'read', label: 'Quản trị xem nhật ký thao tác trên tài khoản cán bộ' },
  'citizen.registration.start': { kind: 'write', label: 'Bắt đầu đăng ký tài khoản định danh điện tử (gửi mã xác thực)' },
  'citizen.account.create': { kind: 'write', label: 'Đăng ký tài khoản định danh điện tử' },
  'citizen.account.read': { kind: 'read', label: 'Cán bộ xem tài khoản định danh điện tử của công dân' },
  'citizen.account.lock': { kind: 'write', label: 'Khóa tài khoản định danh điện tử' },
  'citizen.account.personal-id': { kind: 'write', label: 'Cập nhật số định danh của tài khoản' },
  'citizen.level.raise': { kind: 'write', label: 'Nâng mức độ tài khoản định danh điện tử' },
  'citizen.login.password': { kind: 'write', label: 'Công dân đăng nhập bước 1: mật khẩu đúng, chờ xác thực bước 2' },
  'citizen.login.code-sent': { kind: 'write', label: 'Gửi lại mã đăng nhập qua tin nhắn' },
  'citizen.login.passkey-options': { kind: 'write', label: 'Tạo yêu cầu đăng nhập bằng khóa truy cập (passkey)' },
  'citizen.login': { kind: 'write', label: 'Công dân đăng nhập' },
  'citizen.login.failed': { kind: 'event', label: 'Công dân đăng nhập sai' },
  'citizen.logout': { kind: 'write', label: 'Công dân đăng xuất' },
  'citizen.session.revoke': { kind: 'write', label: 'Đăng xuất phiên trên thiết bị khác' },
  'citizen.connected-service.revoke': { kind: 'write', label: 'Ngừng chia sẻ với dịch vụ đã kết nối' },
  'citizen.passkey.options': { kind: 'write', label: 'Bắt đầu đăng ký khóa truy cập (passkey)' },
  'citizen.passkey.register': { kind: 'write', label: 'Đăng ký khóa truy cập (passkey)' },
  'citizen.passkey.remove': { kind: 'write', label: 'Xóa khóa truy cập (passkey)' },
  'citizen.totp.setup': { kind: 'write', label: 'Bắt đầu cài ứng dụng xác thực' },
  'citizen.totp.activate': { kind: 'write', label: 'Bật ứng dụng xác thực' },
  'citizen.password-reset.start': { kind: 'write', label: 'Yêu cầu khôi phục mật khẩu (mã chỉ gửi khi số định danh và số điện thoại khớp)' },
  'citizen.password-reset': { kind: 'write', label: 'Đặt lại mật khẩu bằng mã xác thực; mọi phiên đăng nhập kết thúc' },
  'citizen.password.change': { kind: 'write', label: 'Đổi mật khẩu; các phiên đăng nhập khác kết thúc' },
  'citizen.level2-request.create': { kind: 'write', label: 'Đề nghị trực tuyến nâng tài khoản lên mức độ 2' },
  'citizen.level2-request.cancel': { kind: 'write', label: 'Hủy đề nghị nâng tài khoản lên mức độ 2' },
  'citizen.level2-request.read': { kind: 'read', label: 'Cán bộ xem danh sách đề nghị nâng mức độ 2' },
  'oidc.client.created': { kind: 'write', label: 'Đăng ký dịch vụ kết nối đăng nhập một lần' },
  'oidc.login': { kind: 'event', label: 'Đăng nhập một lần (xác thực)' },
  'oidc.login.refused': { kind: 'event', label: 'Từ chối đăng nhập một lần' },
  'oidc.consent': { kind: 'event', label: 'Đồng ý chia sẻ thông tin với dịch vụ' },
  'oidc.consent.denied': { kind: 'event', label: 'Không đồng ý chia sẻ thông tin với dịch vụ' },
  'oidc.sign-in': { kind: 'event', label: 'Đăng nhập vào dịch vụ kết nối' },
  'oidc.sign-out': { kind: 'event', label: 'Đăng xuất khỏi dịch vụ kết nối' },
  'oidc.token.issued': { kind: 'event', label: 'Cấp mã truy cập cho dịch vụ' },
});

declare module '../../platform/audit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActions extends ActionsOf<typeof IDENTITY_AUDIT> {}
}
