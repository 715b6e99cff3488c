import type { RoleTable } from './platform/access.js';
import type { Agency } from './modules/services/index.js';

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
    permissions: ['session.own', 'registry.read', 'registry.write', 'units.read', 'eid.upgrade', 'sso.signin', 'wallet.issue', 'linkage.review'],
  },
  province_registry: {
    label: 'Cán bộ quản lý dân cư cấp tỉnh',
    area: 'province',
    // The data owner of the province's population data: approves what agencies may query through the gateway.
    // Also links sector lists to the registry and decides their review queue (as the commune registry does for its commune).
    permissions: ['session.own', 'registry.read', 'registry.write', 'registry.import', 'units.read', 'eid.upgrade', 'sso.signin', 'wallet.issue', 'exchange.grants.approve', 'exchange.usage.read', 'linkage.run', 'linkage.review'],
  },
  // Administrators and auditors are made by the operator (da06 officers): a province administrator manages lower roles only.
  auditor: { label: 'Kiểm tra viên (giám sát truy cập)', area: 'province', operatorOnly: true, permissions: ['session.own', 'registry.read', 'audit.read', 'units.read', 'sso.signin'] },
  admin: { label: 'Quản trị hệ thống', area: 'province', operatorOnly: true, permissions: ['session.own', 'units.read', 'officers.manage', 'sso.manage', 'sso.signin', 'credentials.manage', 'services.dvcqg.manage', 'kiosks.manage', 'exchange.manage', 'exchange.usage.read'] },
  // A hospital's counter staff also declare births (the services module refuses any other counter's staff).
  rp_staff: { label: 'Nhân viên đơn vị xác thực (bệnh viện, cơ sở lưu trú, công chứng...)', area: 'relying_party', permissions: ['session.own', 'credentials.verify', 'services.births.notify'] },
  // The commune police also raise e-ID accounts to level 2 at their counter (in Việt Nam the police do it) and take the online requests.
  commune_police: {
    label: 'Công an xã (quản lý lưu trú, định danh điện tử mức độ 2, thủ tục cư trú)',
    area: 'commune',
    permissions: [
      'session.own', 'units.read', 'sso.signin', 'lodging.oversee', 'lodging.facilities', 'watchlist.manage', 'eid.upgrade',
      // Residence procedures (đăng ký thường trú, tạm trú, khai báo tạm vắng, xác nhận cư trú) are received and decided by the commune police.
      'services.dossiers.read', 'services.dossiers.receive', 'services.dossiers.process', 'services.dossiers.approve', 'payments.read', 'payments.renew',
      // The results they decide are signed documents of the commune: they see and revoke them.
      'documents.read', 'documents.revoke',
    ],
  },
  province_police: {
    label: 'Công an tỉnh (quản lý lưu trú)',
    area: 'province',
    permissions: ['session.own', 'units.read', 'sso.signin', 'lodging.oversee', 'lodging.facilities', 'watchlist.manage'],
  },
  leader: { label: 'Lãnh đạo (Trung tâm điều hành)', area: 'province', permissions: ['session.own', 'units.read', 'sso.signin', 'ioc.read'] },
  working_group: { label: 'Thành viên Tổ công tác Đề án 06', area: 'province', permissions: ['session.own', 'units.read', 'sso.signin', 'ioc.read', 'plans.report'] },
  // The one-stop desk (Bộ phận Một cửa, NĐ 118/2025/NĐ-CP) and the agencies that decide the dossiers it receives.
  one_stop_officer: {
    label: 'Cán bộ Bộ phận Một cửa cấp xã',
    area: 'commune',
    permissions: ['session.own', 'units.read', 'sso.signin', 'services.dossiers.read', 'services.dossiers.receive', 'services.dossiers.process', 'payments.read', 'payments.renew'],
  },
  civil_status_officer: {
    label: 'Công chức tư pháp – hộ tịch cấp xã',
    area: 'commune',
    // Certified copies: the justice officer compares the original and certifies [U: the signer NĐ 23/2015 names is the
    // commune's chairman or vice-chairman; their delegation to the justice officer was not read in a primary text].
    permissions: ['session.own', 'units.read', 'sso.signin', 'services.dossiers.read', 'services.dossiers.receive', 'services.dossiers.process', 'services.copies.certify', 'services.copies.register'],
  },
  commune_leader: {
    label: 'Lãnh đạo Ủy ban nhân dân cấp xã (phê duyệt kết quả)',
    area: 'commune',
    permissions: ['session.own', 'units.read', 'sso.signin', 'services.dossiers.read', 'services.dossiers.approve', 'documents.read', 'documents.revoke', 'services.copies.certify', 'services.copies.register'],
  },
  province_justice_officer: {
    label: 'Cán bộ Sở Tư pháp (lý lịch tư pháp)',
    area: 'province',
    permissions: ['session.own', 'units.read', 'sso.signin', 'services.dossiers.read', 'services.dossiers.receive', 'services.dossiers.process', 'services.dossiers.approve', 'documents.read', 'documents.revoke'],
  },
  health_insurance_officer: {
    label: 'Cán bộ Bảo hiểm xã hội (thẻ bảo hiểm y tế trẻ em)',
    area: 'province',
    // The sector officer of models 34–36: links the insurance lists to the registry (linkage.run).
    permissions: ['session.own', 'units.read', 'sso.signin', 'services.dossiers.read', 'services.dossiers.receive', 'services.dossiers.process', 'services.dossiers.approve', 'documents.read', 'documents.revoke', 'linkage.run'],
  },
  accountant: {
    label: 'Kế toán thu phí, lệ phí của đơn vị (đối soát, hoàn tiền)',
    area: 'commune',
    permissions: ['session.own', 'units.read', 'sso.signin', 'payments.read', 'payments.renew', 'payments.reconcile'],
  },
  // The fees of a province unit (Sở Tư pháp's criminal-record certificates…) are collected in the province's name: the
  // commune accountant's area cannot hold them. Same permissions, the province's area (payments scope it by province).
  province_accountant: {
    label: 'Kế toán thu phí, lệ phí cấp tỉnh (các sở, ngành; đối soát, hoàn tiền)',
    area: 'province',
    permissions: ['session.own', 'units.read', 'sso.signin', 'payments.read', 'payments.renew', 'payments.reconcile'],
  },
  labour_social_officer: {
    label: 'Cán bộ lao động – xã hội (mai táng phí, tử tuất)',
    area: 'commune',
    permissions: ['session.own', 'units.read', 'sso.signin', 'services.dossiers.read', 'services.dossiers.receive', 'services.dossiers.process', 'services.dossiers.approve', 'documents.read', 'documents.revoke'],
  },
} as const satisfies RoleTable;

/**
 * Whose dossiers each role works on: the catalogue's `agency` of a procedure (services/catalogue). An
 * officer acts only on dossiers of their own unit and of these agencies; any other reads as absent (404).
 */
export const SERVICE_AGENCIES: Partial<Record<keyof typeof ROLES, readonly Agency[]>> = {
  one_stop_officer: ['commune_people_committee'],
  civil_status_officer: ['commune_people_committee'],
  commune_leader: ['commune_people_committee'],
  commune_police: ['commune_police'],
  province_justice_officer: ['province_justice'],
  health_insurance_officer: ['social_insurance'],
  labour_social_officer: ['labour_social'],
};

export type Role = keyof typeof ROLES;
export const ROLE_NAMES = Object.keys(ROLES) as Role[];
