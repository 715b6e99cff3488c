import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { officerRoute, publicRoute, type OfficerCaller } from '../../platform/access.js';
import type { IdentityService } from './service.js';

import { OFFICER_COOKIE } from './service.js';

export const SESSION_COOKIE = OFFICER_COOKIE;

const SessionView = Type.Object(
  {
    username: Type.String(),
    fullName: Type.String(),
    role: Type.String(),
    roleLabel: Type.String(),
    area: Type.Object({ level: Type.String(), code: Type.String() }),
    relyingPartyId: Type.Union([Type.Integer(), Type.Null()], { description: 'Đơn vị xác thực của nhân viên (vai trò rp_staff)' }),
    permissions: Type.Array(Type.String(), { description: 'Quyền của vai trò (giao diện dùng để ẩn chức năng; máy chủ vẫn kiểm tra từng yêu cầu)' }),
    mustChangePassword: Type.Boolean({ description: 'Đăng nhập bằng mật khẩu dùng một lần: phải đổi mật khẩu trước khi làm việc (phiên chỉ có quyền session.own)' }),
    csrfToken: Type.String({ description: 'Gửi lại trong header x-csrf-token với mọi yêu cầu ghi' }),
  },
  { $id: 'Session' },
);

function view(c: OfficerCaller) {
  return {
    username: c.username, fullName: c.fullName, role: c.role, roleLabel: c.roleLabel, area: c.area, relyingPartyId: c.relyingPartyId, permissions: [...c.permissions],
    mustChangePassword: c.mustChangePassword ?? false, csrfToken: c.csrfToken,
  };
}

export function identityRoutes(identity: IdentityService, opts: { loginPerMinute: number; secureCookies: boolean }) {
  return async function (app: FastifyInstance) {
    app.route(
      publicRoute({
        method: 'POST',
        url: '/api/v1/session',
        schema: {
          tags: ['Đăng nhập'],
          summary: 'Cán bộ đăng nhập (cookie phiên httpOnly)',
          body: Type.Object(
            { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
            { additionalProperties: false },
          ),
          response: { 200: SessionView },
        },
        config: { rateLimit: { max: opts.loginPerMinute, timeWindow: 60_000 } },
        audit: 'officer.login',
        handler: async (req, _caller, reply) => {
          const { token, caller } = await identity.login(req.body.username, req.body.password);
          reply.setCookie(SESSION_COOKIE, token, {
            path: '/', httpOnly: true, sameSite: 'strict', secure: opts.secureCookies,
          });
          return view(caller);
        },
      }),
    );

    app.route(
      officerRoute('session.own', {
        method: 'GET',
        url: '/api/v1/session',
        schema: { tags: ['Đăng nhập'], summary: 'Phiên hiện tại', response: { 200: SessionView } },
        // The caller's own session: no one else's data.
        audit: 'none',
        handler: async (_req, caller) => view(caller),
      }),
    );

    // An officer route like the citizen's sign-out: without a session there is nothing to end (401, which
    // the web UI accepts on sign-out), so every 204 ended a session and wrote its entry.
    app.route(
      officerRoute('session.own', {
        method: 'DELETE',
        url: '/api/v1/session',
        schema: { tags: ['Đăng nhập'], summary: 'Đăng xuất', response: { 204: Type.Null() } },
        audit: 'officer.logout',
        handler: async (req, _caller, reply) => {
          await identity.logout(req.cookies[SESSION_COOKIE]!);
          reply.clearCookie(SESSION_COOKIE, { path: '/' });
          return reply.code(204).send();
        },
      }),
    );
  };
}
