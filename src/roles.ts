import type { RoleTable } from './platform/access.js';

/**
 * Officer roles of this deployment and the permissions each holds: the one place where roles meet
 * the permissions the modules define (docs/permissions.md shows the matrix). `session.own`: the officer's
 * own session; rp_staff accounts belong to one relying party (a hospital's, a hotel's counter).
 * `area`: the level of the area an account of the role is given (an administrator gives no more).
 * `trust.manage` (adding or removing a CSCA of the chip trust list, which decides for every province
 * which cards are authentic) is held by no role here: the operator keeps the list with `da06 trust`.
 */
export const ROLES = {
  commune_registry: {
    label: 'Cán bộ đăng ký cư trú cấp xã',
    area: 'commune',
    permissions: ['session.own', 'registry.read', 'registry.write', 'units.read', 'eid.upgrade', 'sso.signin', 'wallet.issue'],
  },
  province_registry: {
    label: 'Cán bộ quản lý dân cư cấp tỉnh',
    area: 'province',
    permissions: ['session.own', 'registry.read', 'registry.write', 'registry.import', 'units.read', 'eid.upgrade', 'sso.signin', 'wallet.issue'],
  },
  // Administrators and auditors are made by the operator (da06 officers): a province administrator manages lower roles only.
  auditor: { label: 'Kiểm tra viên (giám sát truy cập)', area: 'province', operatorOnly: true, permissions: ['session.own', 'registry.read', 'audit.read', 'units.read', 'sso.signin'] },
  admin: { label: 'Quản trị hệ thống', area: 'province', operatorOnly: true, permissions: ['session.own', 'units.read', 'officers.manage', 'sso.manage', 'sso.signin', 'credentials.manage'] },
  rp_staff: { label: 'Nhân viên đơn vị xác thực (bệnh viện, cơ sở lưu trú, công chứng...)', area: 'relying_party', permissions: ['session.own', 'credentials.verify'] },
  // The commune police also raise e-ID accounts to level 2 at their counter (in Việt Nam the police do it) and take the online requests.
  commune_police: {
    label: 'Công an xã (quản lý lưu trú, định danh điện tử mức độ 2)',
    area: 'commune',
    permissions: ['session.own', 'units.read', 'sso.signin', 'lodging.oversee', 'lodging.facilities', 'watchlist.manage', 'eid.upgrade'],
  },
  province_police: {
    label: 'Công an tỉnh (quản lý lưu trú)',
    area: 'province',
    permissions: ['session.own', 'units.read', 'sso.signin', 'lodging.oversee', 'lodging.facilities', 'watchlist.manage'],
  },
  leader: { label: 'Lãnh đạo (Trung tâm điều hành)', area: 'province', permissions: ['session.own', 'units.read', 'sso.signin', 'ioc.read'] },
  working_group: { label: 'Thành viên Tổ công tác Đề án 06', area: 'province', permissions: ['session.own', 'units.read', 'sso.signin', 'ioc.read', 'plans.report'] },
} as const satisfies RoleTable;

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];
