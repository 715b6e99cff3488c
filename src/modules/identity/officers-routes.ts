import type { FastifyInstance } from 'fastify';
import { officerRoute } from '../../platform/access.js';
import type { IdentityService } from './service.js';
import { OFFICER_COOKIE } from './service.js';
import type { OfficerAccounts } from './officers-service.js';
import * as S from './officers-schema.js';

const OWN = ['Đăng nhập'];
const ADMIN = ['Quản trị tài khoản cán bộ'];
const PURPOSE = 'Quản trị tài khoản cán bộ của tỉnh';

/** An officer's own password, and the administration of the officer accounts of a province. */
export function officerAccountRoutes(identity: IdentityService, officers: OfficerAccounts) {
  return async function (app: FastifyInstance) {
    app.route(officerRoute('session.own', {
      method: 'POST',
      url: '/api/v1/session/password',
      audit: 'officer.password.change',
      schema: {
        tags: OWN, summary: 'Cán bộ đổi mật khẩu của mình (cần mật khẩu hiện tại; các phiên khác kết thúc)',
        body: S.PasswordChangeBody, response: { 200: S.PasswordChanged },
      },
      handler: async (req, caller) => identity.changePassword(caller, req.cookies[OFFICER_COOKIE]!, req.body.currentPassword, req.body.newPassword),
    }));

    app.route(officerRoute('officers.manage', {
      method: 'GET',
      url: '/api/v1/officers/options',
      // Roles, the province and its relying parties: no one's personal data.
      audit: 'none',
      schema: { tags: ADMIN, summary: 'Vai trò được cấp, tỉnh và các đơn vị xác thực của tỉnh (biểu mẫu tạo tài khoản)', response: { 200: S.OfficerOptions } },
      handler: async (_req, caller) => officers.options(caller),
    }));

    app.route(officerRoute('officers.manage', {
      method: 'GET',
      url: '/api/v1/officers',
      audit: {
        action: 'officer.accounts.read', fields: ['username', 'fullName', 'role', 'area', 'status'], purpose: PURPOSE,
        subjects: (r) => r.items.map((a) => ({ kind: 'officer', id: String(a.id) })),
      },
      schema: { tags: ADMIN, summary: 'Tài khoản cán bộ của tỉnh (không bao giờ của tỉnh khác)', querystring: S.OfficerListQuery, response: { 200: S.OfficerList } },
      handler: async (req, caller) => officers.list(caller, req.query),
    }));

    app.route(officerRoute('officers.manage', {
      method: 'GET',
      url: '/api/v1/officers/activity',
      audit: {
        action: 'officer.account-activity.read', fields: ['username', 'fullName', 'action'], purpose: PURPOSE,
        // Everyone the list names: the accounts acted on and the officers who acted.
        subjects: (r) => [...new Set(r.flatMap((e) => [String(e.account.id), ...(e.actor.kind === 'officer' ? [e.actor.id] : [])]))]
          .map((id) => ({ kind: 'officer', id })),
      },
      schema: { tags: ADMIN, summary: 'Thao tác gần đây trên tài khoản cán bộ của tỉnh (nhật ký kiểm toán)', querystring: S.ActivityQuery, response: { 200: S.AccountActivity } },
      handler: async (req, caller) => officers.activity(caller, req.query.limit),
    }));

    app.route(officerRoute('officers.manage', {
      method: 'POST',
      url: '/api/v1/officers',
      audit: 'officer.account.create',
      purpose: PURPOSE,
      schema: {
        tags: ADMIN, summary: 'Tạo tài khoản cán bộ trong tỉnh; mật khẩu dùng một lần chỉ hiển thị một lần',
        body: S.OfficerCreateBody, response: { 201: S.OfficerCreated },
      },
      handler: async (req, caller, reply) => {
        const { account, password } = await officers.create({ kind: 'admin', caller }, req.body);
        reply.code(201);
        return { account, password: password! };
      },
    }));

    app.route(officerRoute('officers.manage', {
      method: 'POST',
      url: '/api/v1/officers/:id/disable',
      audit: 'officer.account.disable',
      purpose: PURPOSE,
      schema: { tags: ADMIN, summary: 'Vô hiệu hóa tài khoản (không phải của chính mình); các phiên kết thúc ngay', params: S.OfficerIdParams, response: { 200: S.OfficerAccount } },
      handler: async (req, caller) => officers.disable(caller, req.params.id),
    }));

    app.route(officerRoute('officers.manage', {
      method: 'POST',
      url: '/api/v1/officers/:id/enable',
      audit: 'officer.account.enable',
      purpose: PURPOSE,
      schema: { tags: ADMIN, summary: 'Mở lại tài khoản đã vô hiệu hóa', params: S.OfficerIdParams, response: { 200: S.OfficerAccount } },
      handler: async (req, caller) => officers.enable(caller, req.params.id),
    }));

    app.route(officerRoute('officers.manage', {
      method: 'POST',
      url: '/api/v1/officers/:id/password-reset',
      audit: 'officer.account.password-reset',
      purpose: PURPOSE,
      schema: {
        tags: ADMIN, summary: 'Đặt lại mật khẩu: mật khẩu dùng một lần mới, chỉ hiển thị một lần; các phiên kết thúc',
        params: S.OfficerIdParams, response: { 200: S.PasswordReset },
      },
      handler: async (req, caller) => officers.resetPassword(caller, req.params.id),
    }));
  };
}
