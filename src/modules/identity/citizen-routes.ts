import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { citizenRoute, officerRoute, publicRoute } from '../../platform/access.js';
import { CITIZEN_COOKIE } from './service.js';
import type { CitizenService } from './citizen-service.js';
import * as S from './citizen-schema.js';

export interface CitizenRouteOptions {
  /** Requests per minute and IP on each registration, sign-in and code route. */
  perMinute: number;
  secureCookies: boolean;
}

const TAG = ['Định danh điện tử công dân'];
/**
 * The citizen's pages of the web UI that need a session (web/src/routes.tsx: those whose page calls
 * useRequireCitizen; citizen-recovery.test.ts checks the two lists agree).
 */
export const SIGNED_IN_PAGES = [
  '/citizen', '/citizen/qr', '/citizen/history', '/citizen/consents', '/citizen/linkage', '/citizen/sector-records', '/citizen/wallet',
  '/citizen/stays', '/citizen/documents', '/citizen/services', '/citizen/services/procedures/:slug', '/citizen/services/dossiers/:id',
  '/citizen/services/groups/start/:slug', '/citizen/services/groups/:id', '/citizen/password', '/citizen/level2',
];
const OFFICER_TAG = ['Định danh điện tử — cán bộ'];
/** What an officer's view of an account shows (OfficerAccountView). */
const ACCOUNT_FIELDS = ['personalId', 'level', 'status', 'lockedReason', 'createdAt', 'level2At', 'level2Document'];

export function citizenRoutes(citizens: CitizenService, opts: CitizenRouteOptions) {
  const limited = { rateLimit: { max: opts.perMinute, timeWindow: 60_000 } };
  const userAgent = (req: FastifyRequest) => req.headers['user-agent'] ?? null;
  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(CITIZEN_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secureCookies });

  return async function (app: FastifyInstance) {
    // ---- the portal's pages: a signed-out visitor goes to the sign-in page before any script loads ----
    for (const url of SIGNED_IN_PAGES) {
      app.route(publicRoute({
        method: 'GET',
        url,
        schema: { hide: true, response: { 302: Type.Null({ description: 'Chưa đăng nhập: chuyển tới trang đăng nhập' }) } },
        // A page, not data: it says only where to go.
        audit: 'none',
        handler: async (req, caller, reply) => {
          // Signed in: the web UI's page (the not-found handler serves the single-page app).
          if (caller.kind === 'citizen') return reply.callNotFound();
          return reply.redirect(`/citizen/login?next=${encodeURIComponent(req.url)}`, 302);
        },
      }));
    }

    // ---- registration (level 1) ----
    app.route(publicRoute({
      method: 'POST',
      url: '/api/v1/citizen/registrations',
      schema: {
        tags: TAG,
        summary: 'Đăng ký tài khoản mức độ 1: đối chiếu với CSDL dân cư và gửi mã xác thực tới số điện thoại',
        body: S.RegistrationBody,
        response: { 202: S.RegistrationStarted },
      },
      config: limited,
      audit: 'citizen.registration.start',
      purpose: 'Đăng ký tài khoản định danh điện tử mức độ 1',
      handler: async (req, _caller, reply) => reply.code(202).send(await citizens.startRegistration(req.body)),
    }));

    app.route(publicRoute({
      method: 'POST',
      url: '/api/v1/citizen/registrations/:id/confirm',
      schema: {
        tags: TAG,
        summary: 'Xác nhận đăng ký bằng mã đã nhận và đặt mật khẩu; mở phiên đăng nhập',
        params: S.RegistrationParams,
        body: S.ConfirmBody,
        response: { 201: S.SignedIn },
      },
      config: limited,
      audit: 'citizen.account.create',
      purpose: 'Đăng ký tài khoản định danh điện tử mức độ 1',
      handler: async (req, _caller, reply) => {
        const { token, csrfToken, level } = await citizens.confirmRegistration(req.params.id, req.body, userAgent(req));
        setSessionCookie(reply, token);
        return reply.code(201).send({ level, csrfToken });
      },
    }));

    // ---- sign-in ----
    app.route(publicRoute({
      method: 'POST',
      url: '/api/v1/citizen/session',
      schema: {
        tags: TAG,
        summary: 'Đăng nhập bước 1: số định danh và mật khẩu; trả về bước xác thực thứ hai',
        body: S.SignInBody,
        response: { 200: S.SignInChallenge },
      },
      config: limited,
      audit: 'citizen.login.password',
      handler: async (req) => citizens.startSignIn(req.body.personalId, req.body.password),
    }));

    app.route(publicRoute({
      method: 'POST',
      url: '/api/v1/citizen/session/otp',
      schema: { tags: TAG, summary: 'Gửi (lại) mã đăng nhập qua tin nhắn', body: S.ChallengeBody, response: { 202: S.CodeSent } },
      config: limited,
      audit: 'citizen.login.code-sent',
      handler: async (req, _caller, reply) => reply.code(202).send(await citizens.sendSignInCode(req.body.challengeId)),
    }));

    app.route(publicRoute({
      method: 'POST',
      url: '/api/v1/citizen/session/verify',
      schema: { tags: TAG, summary: 'Đăng nhập bước 2: mã tin nhắn, mã ứng dụng xác thực hoặc khóa truy cập (passkey); mở phiên', body: S.VerifyBody, response: { 200: S.SignedIn } },
      config: limited,
      audit: 'citizen.login',
      handler: async (req, _caller, reply) => {
        const { token, csrfToken, level } = await citizens.finishSignIn(req.body, userAgent(req));
        setSessionCookie(reply, token);
        return { level, csrfToken };
      },
    }));

    app.route(publicRoute({
      method: 'POST',
      url: '/api/v1/citizen/session/passkey-options',
      schema: {
        tags: TAG,
        summary: 'Đăng nhập bước 2 bằng khóa truy cập: tùy chọn cho navigator.credentials.get()',
        body: S.ChallengeBody,
        response: { 200: S.WebauthnOptions },
      },
      config: limited,
      audit: 'citizen.login.passkey-options',
      handler: async (req) => citizens.signInPasskeyOptions(req.body.challengeId),
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/session',
      schema: { tags: TAG, summary: 'Phiên hiện tại của công dân', response: { 200: S.CitizenSessionView } },
      // The caller's own session: the personal ID masked, the level and factors.
      audit: 'none',
      handler: async (_req, caller) => citizens.currentSession(caller),
    }));

    app.route(citizenRoute({
      method: 'DELETE',
      url: '/api/v1/citizen/session',
      schema: { tags: TAG, summary: 'Đăng xuất', response: { 204: Type.Null() } },
      audit: 'citizen.logout',
      handler: async (_req, caller, reply) => {
        await citizens.signOut(caller);
        reply.clearCookie(CITIZEN_COOKIE, { path: '/' });
        return reply.code(204).send();
      },
    }));

    // ---- password: forgot and change ----
    app.route(publicRoute({
      method: 'POST',
      url: '/api/v1/citizen/password-resets',
      schema: {
        tags: TAG,
        summary: 'Quên mật khẩu bước 1: số định danh và số điện thoại đã đăng ký; mã chỉ được gửi khi cả hai khớp, câu trả lời luôn như nhau',
        body: S.PasswordResetBody,
        response: { 202: S.PasswordResetStarted },
      },
      config: limited,
      audit: 'citizen.password-reset.start',
      purpose: 'Khôi phục mật khẩu tài khoản định danh điện tử',
      handler: async (req, _caller, reply) => reply.code(202).send(await citizens.startPasswordReset(req.body)),
    }));

    app.route(publicRoute({
      method: 'POST',
      url: '/api/v1/citizen/password-resets/:id/confirm',
      schema: {
        tags: TAG,
        summary: 'Quên mật khẩu bước 2: mã nhận qua tin nhắn và mật khẩu mới; mọi phiên đăng nhập (cả dịch vụ đã kết nối) kết thúc',
        params: S.PasswordResetParams,
        body: S.PasswordResetConfirmBody,
        response: { 204: Type.Null() },
      },
      config: limited,
      audit: 'citizen.password-reset',
      purpose: 'Khôi phục mật khẩu tài khoản định danh điện tử',
      handler: async (req, _caller, reply) => {
        await citizens.confirmPasswordReset(req.params.id, req.body);
        return reply.code(204).send();
      },
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/citizen/password',
      schema: {
        tags: TAG,
        summary: 'Đổi mật khẩu (cần mật khẩu hiện tại); các phiên đăng nhập khác kết thúc',
        body: S.PasswordChangeBody,
        response: { 204: Type.Null() },
      },
      config: limited,
      audit: 'citizen.password.change',
      handler: async (req, caller, reply) => {
        await citizens.changePassword(caller, req.body);
        return reply.code(204).send();
      },
    }));

    // ---- level 2: the citizen's online request ----
    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/level2-requests',
      schema: { tags: TAG, summary: 'Các đề nghị nâng lên mức độ 2 của công dân (mới nhất trước)', response: { 200: S.Level2RequestList } },
      // The caller's own requests: offices, statuses and dates.
      audit: 'none',
      handler: async (_req, caller) => ({ items: await citizens.listLevel2Requests(caller) }),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/citizen/level2-requests',
      schema: {
        tags: TAG,
        summary: 'Đề nghị nâng lên mức độ 2 tại Công an xã/phường đã chọn (việc kiểm tra chip vẫn làm tại quầy)',
        body: S.Level2RequestBody,
        response: { 201: S.Level2Request },
      },
      audit: 'citizen.level2-request.create',
      handler: async (req, caller, reply) => reply.code(201).send(await citizens.requestLevel2(caller, req.body.officeCode)),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/citizen/level2-requests/:id/cancel',
      schema: { tags: TAG, summary: 'Hủy đề nghị nâng lên mức độ 2 đang chờ', params: S.Level2RequestParams, response: { 200: S.Level2Request } },
      audit: 'citizen.level2-request.cancel',
      handler: async (req, caller) => citizens.cancelLevel2Request(caller, req.params.id),
    }));

    // ---- authenticator app ----
    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/citizen/totp/setup',
      schema: { tags: TAG, summary: 'Bắt đầu cài ứng dụng xác thực (TOTP): khóa bí mật mới, chưa có hiệu lực', response: { 200: S.TotpSetup } },
      audit: 'citizen.totp.setup',
      handler: async (_req, caller) => citizens.setUpTotp(caller),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/citizen/totp/activate',
      schema: { tags: TAG, summary: 'Kích hoạt ứng dụng xác thực bằng mã đầu tiên', body: S.TotpActivateBody, response: { 200: S.TotpActivated } },
      audit: 'citizen.totp.activate',
      handler: async (req, caller) => citizens.activateTotp(caller, req.body.code),
    }));

    // ---- passkeys (WebAuthn) ----
    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/citizen/passkeys/options',
      schema: { tags: TAG, summary: 'Bắt đầu đăng ký khóa truy cập (passkey): tùy chọn cho navigator.credentials.create()', response: { 200: S.WebauthnOptions } },
      config: limited,
      audit: 'citizen.passkey.options',
      handler: async (_req, caller) => citizens.passkeyRegistrationOptions(caller),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/citizen/passkeys',
      schema: { tags: TAG, summary: 'Lưu khóa truy cập vừa tạo trên thiết bị', body: S.PasskeyRegisterBody, response: { 201: S.PasskeyView } },
      config: limited,
      audit: 'citizen.passkey.register',
      handler: async (req, caller, reply) => {
        const { response, label } = req.body;
        return reply.code(201).send(await citizens.registerPasskey(caller, response, label));
      },
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/passkeys',
      schema: { tags: TAG, summary: 'Các khóa truy cập đã đăng ký', response: { 200: S.PasskeyList } },
      // The caller's own passkeys: labels and dates, no personal data.
      audit: 'none',
      handler: async (_req, caller) => ({ items: await citizens.listPasskeys(caller) }),
    }));

    app.route(citizenRoute({
      method: 'DELETE',
      url: '/api/v1/citizen/passkeys/:id',
      schema: { tags: TAG, summary: 'Xóa một khóa truy cập', params: S.IdParams, response: { 204: Type.Null() } },
      audit: 'citizen.passkey.remove',
      handler: async (req, caller, reply) => {
        await citizens.removePasskey(caller, req.params.id);
        return reply.code(204).send();
      },
    }));

    // ---- profile, sessions, connected services ----
    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/profile',
      schema: { tags: TAG, summary: 'Thông tin công dân (từ CSDL dân cư, chỉ xem) và tài khoản', response: { 200: S.Profile } },
      // The registry audits the release of the citizen's facts (person.release, actor the citizen) as it reads them.
      audit: { oneOf: ['person.release'] },
      handler: async (_req, caller) => citizens.profile(caller),
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/sessions',
      schema: { tags: TAG, summary: 'Các phiên đăng nhập đang hoạt động', response: { 200: S.SessionList } },
      // The caller's own sessions: devices and dates.
      audit: 'none',
      handler: async (_req, caller) => ({ items: await citizens.listSessions(caller) }),
    }));

    app.route(citizenRoute({
      method: 'DELETE',
      url: '/api/v1/citizen/sessions/:id',
      schema: { tags: TAG, summary: 'Thu hồi một phiên đăng nhập', params: S.IdParams, response: { 204: Type.Null() } },
      audit: 'citizen.session.revoke',
      handler: async (req, caller, reply) => {
        await citizens.revokeSession(caller, req.params.id);
        return reply.code(204).send();
      },
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/connected-services',
      schema: { tags: TAG, summary: 'Các dịch vụ đã kết nối bằng tài khoản định danh', response: { 200: S.ConnectedServiceList } },
      // The caller's own grants: services and scopes.
      audit: 'none',
      handler: async (_req, caller) => ({ items: await citizens.listConnectedServices(caller) }),
    }));

    app.route(citizenRoute({
      method: 'DELETE',
      url: '/api/v1/citizen/connected-services/:id',
      schema: { tags: TAG, summary: 'Ngắt kết nối một dịch vụ', params: S.IdParams, response: { 204: Type.Null() } },
      audit: 'citizen.connected-service.revoke',
      handler: async (req, caller, reply) => {
        await citizens.revokeConnectedService(caller, req.params.id);
        return reply.code(204).send();
      },
    }));

    // ---- officers: level 2 ----
    app.route(officerRoute('eid.upgrade', {
      method: 'GET',
      url: '/api/v1/citizen-accounts/:personalId',
      schema: { tags: OFFICER_TAG, summary: 'Tài khoản định danh điện tử của một công dân trong địa bàn', params: S.AccountParams, response: { 200: S.OfficerAccountView } },
      audit: { action: 'citizen.account.read', fields: ACCOUNT_FIELDS, subjects: (account) => [{ kind: 'person', id: account.personalId }], purpose: 'Xem tài khoản định danh điện tử' },
      handler: async (req, caller) => citizens.accountForOfficer(caller, req.params.personalId),
    }));

    app.route(officerRoute('eid.upgrade', {
      method: 'GET',
      url: '/api/v1/level2-requests',
      schema: {
        tags: OFFICER_TAG,
        summary: 'Đề nghị nâng mức độ 2 đang chờ tại Công an xã/phường trong địa bàn (cũ nhất trước)',
        response: { 200: S.Level2Queue },
      },
      audit: {
        action: 'citizen.level2-request.read', fields: ['personalId'],
        subjects: (queue) => queue.items.map((r) => ({ kind: 'person', id: r.personalId })), purpose: 'Tiếp nhận đề nghị nâng mức độ 2',
      },
      handler: async (_req, caller) => ({ items: await citizens.level2Queue(caller) }),
    }));

    app.route(officerRoute('eid.upgrade', {
      method: 'POST',
      url: '/api/v1/citizen-accounts/:personalId/level',
      schema: {
        tags: OFFICER_TAG,
        summary: 'Nâng tài khoản lên mức độ 2 sau khi kiểm tra trực tiếp giấy tờ của công dân',
        params: S.AccountParams,
        body: S.RaiseLevelBody,
        response: { 200: S.OfficerAccountView },
      },
      audit: 'citizen.level.raise',
      handler: async (req, caller) => citizens.raiseToLevel2(caller, req.params.personalId, req.body),
    }));
  };
}
