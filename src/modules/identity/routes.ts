import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { officerRoute, publicRoute, type OfficerCaller } from '../../platform/access.js';
import { DomainError } from './errors.js';
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
    csrfToken: Type.String({ description: 'Gửi lại trong header x-csrf-token với mọi yêu cầu ghi' }),
  },
  { $id: 'Session' },
);

function view(c: OfficerCaller) {
  return { username: c.username, fullName: c.fullName, role: c.role, roleLabel: c.roleLabel, area: c.area, relyingPartyId: c.relyingPartyId, permissions: [...c.permissions], csrfToken: c.csrfToken };
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
        handler: async (req, _caller, reply) => {
          const { username, password } = req.body as { username: string; password: string };
          const { token, caller } = await identity.login(username, password, req.id);
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
        handler: async (_req, caller) => view(caller),
      }),
    );

    app.route(
      publicRoute({
        method: 'DELETE',
        url: '/api/v1/session',
        schema: { tags: ['Đăng nhập'], summary: 'Đăng xuất', response: { 204: Type.Null() } },
        handler: async (req, caller, reply) => {
          const token = req.cookies[SESSION_COOKIE];
          if (caller.kind === 'officer' && token) {
            if (req.headers['x-csrf-token'] !== caller.csrfToken) throw new DomainError('CSRF_INVALID');
            await identity.logout(token, caller);
          }
          reply.clearCookie(SESSION_COOKIE, { path: '/' });
          return reply.code(204).send();
        },
      }),
    );
  };
}
