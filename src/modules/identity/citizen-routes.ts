import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { citizenRoute, officerRoute, publicRoute } from '../../platform/access.js';
import { CITIZEN_COOKIE } from './service.js';
import type { CheckedDocument, CitizenService } from './citizen-service.js';
import type { RegistrationInput, VerifyInput } from './citizen-signin.js';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import * as S from './citizen-schema.js';
import type { ChipInput } from '../credentials/index.js';

export interface CitizenRouteOptions {
  /** Requests per minute and IP on each registration, sign-in and code route. */
  perMinute: number;
  secureCookies: boolean;
}

const TAG = ['Định danh điện tử công dân'];
const OFFICER_TAG = ['Định danh điện tử — cán bộ'];

export function citizenRoutes(citizens: CitizenService, opts: CitizenRouteOptions) {
  const limited = { rateLimit: { max: opts.perMinute, timeWindow: 60_000 } };
  const userAgent = (req: FastifyRequest) => req.headers['user-agent'] ?? null;
  const setSessionCookie = (reply: FastifyReply, token: string) =>
    reply.setCookie(CITIZEN_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: opts.secureCookies });

  return async function (app: FastifyInstance) {
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
      handler: async (req, _caller, reply) => reply.code(202).send(await citizens.startRegistration(req.body as RegistrationInput, req.id)),
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
      handler: async (req, _caller, reply) => {
        const { id } = req.params as { id: string };
        const { token, csrfToken, level } = await citizens.confirmRegistration(id, req.body as { code: string; password: string }, userAgent(req), req.id);
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
      handler: async (req) => {
        const { personalId, password } = req.body as { personalId: string; password: string };
        return citizens.startSignIn(personalId, password, req.id);
      },
    }));

    app.route(publicRoute({
      method: 'POST',
      url: '/api/v1/citizen/session/otp',
      schema: { tags: TAG, summary: 'Gửi (lại) mã đăng nhập qua tin nhắn', body: S.ChallengeBody, response: { 202: S.CodeSent } },
      config: limited,
      handler: async (req, _caller, reply) => reply.code(202).send(await citizens.sendSignInCode((req.body as { challengeId: string }).challengeId)),
    }));

    app.route(publicRoute({
      method: 'POST',
      url: '/api/v1/citizen/session/verify',
      schema: { tags: TAG, summary: 'Đăng nhập bước 2: mã tin nhắn, mã ứng dụng xác thực hoặc khóa truy cập (passkey); mở phiên', body: S.VerifyBody, response: { 200: S.SignedIn } },
      config: limited,
      handler: async (req, _caller, reply) => {
        const { token, csrfToken, level } = await citizens.finishSignIn(req.body as VerifyInput, userAgent(req), req.id);
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
      handler: async (req) => citizens.signInPasskeyOptions((req.body as { challengeId: string }).challengeId),
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/session',
      schema: { tags: TAG, summary: 'Phiên hiện tại của công dân', response: { 200: S.CitizenSessionView } },
      handler: async (_req, caller) => citizens.currentSession(caller),
    }));

    app.route(citizenRoute({
      method: 'DELETE',
      url: '/api/v1/citizen/session',
      schema: { tags: TAG, summary: 'Đăng xuất', response: { 204: Type.Null() } },
      handler: async (req, caller, reply) => {
        await citizens.signOut(caller, req.id);
        reply.clearCookie(CITIZEN_COOKIE, { path: '/' });
        return reply.code(204).send();
      },
    }));

    // ---- authenticator app ----
    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/citizen/totp/setup',
      schema: { tags: TAG, summary: 'Bắt đầu cài ứng dụng xác thực (TOTP): khóa bí mật mới, chưa có hiệu lực', response: { 200: S.TotpSetup } },
      handler: async (req, caller) => citizens.setUpTotp(caller, req.id),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/citizen/totp/activate',
      schema: { tags: TAG, summary: 'Kích hoạt ứng dụng xác thực bằng mã đầu tiên', body: S.TotpActivateBody, response: { 200: S.TotpActivated } },
      handler: async (req, caller) => citizens.activateTotp(caller, (req.body as { code: string }).code, req.id),
    }));

    // ---- passkeys (WebAuthn) ----
    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/citizen/passkeys/options',
      schema: { tags: TAG, summary: 'Bắt đầu đăng ký khóa truy cập (passkey): tùy chọn cho navigator.credentials.create()', response: { 200: S.WebauthnOptions } },
      config: limited,
      handler: async (_req, caller) => citizens.passkeyRegistrationOptions(caller),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/citizen/passkeys',
      schema: { tags: TAG, summary: 'Lưu khóa truy cập vừa tạo trên thiết bị', body: S.PasskeyRegisterBody, response: { 201: S.PasskeyView } },
      config: limited,
      handler: async (req, caller, reply) => {
        const { response, label } = req.body as { response: RegistrationResponseJSON; label?: string };
        return reply.code(201).send(await citizens.registerPasskey(caller, response, label, req.id));
      },
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/passkeys',
      schema: { tags: TAG, summary: 'Các khóa truy cập đã đăng ký', response: { 200: S.PasskeyList } },
      handler: async (_req, caller) => ({ items: await citizens.listPasskeys(caller) }),
    }));

    app.route(citizenRoute({
      method: 'DELETE',
      url: '/api/v1/citizen/passkeys/:id',
      schema: { tags: TAG, summary: 'Xóa một khóa truy cập', params: S.IdParams, response: { 204: Type.Null() } },
      handler: async (req, caller, reply) => {
        await citizens.removePasskey(caller, (req.params as { id: string }).id, req.id);
        return reply.code(204).send();
      },
    }));

    // ---- profile, sessions, connected services ----
    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/profile',
      schema: { tags: TAG, summary: 'Thông tin công dân (từ CSDL dân cư, chỉ xem) và tài khoản', response: { 200: S.Profile } },
      handler: async (req, caller) => citizens.profile(caller, req.id),
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/sessions',
      schema: { tags: TAG, summary: 'Các phiên đăng nhập đang hoạt động', response: { 200: S.SessionList } },
      handler: async (_req, caller) => ({ items: await citizens.listSessions(caller) }),
    }));

    app.route(citizenRoute({
      method: 'DELETE',
      url: '/api/v1/citizen/sessions/:id',
      schema: { tags: TAG, summary: 'Thu hồi một phiên đăng nhập', params: S.IdParams, response: { 204: Type.Null() } },
      handler: async (req, caller, reply) => {
        await citizens.revokeSession(caller, (req.params as { id: string }).id, req.id);
        return reply.code(204).send();
      },
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/connected-services',
      schema: { tags: TAG, summary: 'Các dịch vụ đã kết nối bằng tài khoản định danh', response: { 200: S.ConnectedServiceList } },
      handler: async (_req, caller) => ({ items: await citizens.listConnectedServices(caller) }),
    }));

    app.route(citizenRoute({
      method: 'DELETE',
      url: '/api/v1/citizen/connected-services/:id',
      schema: { tags: TAG, summary: 'Ngắt kết nối một dịch vụ', params: S.IdParams, response: { 204: Type.Null() } },
      handler: async (req, caller, reply) => {
        await citizens.revokeConnectedService(caller, (req.params as { id: string }).id, req.id);
        return reply.code(204).send();
      },
    }));

    // ---- officers: level 2 ----
    app.route(officerRoute('eid.upgrade', {
      method: 'GET',
      url: '/api/v1/citizen-accounts/:personalId',
      schema: { tags: OFFICER_TAG, summary: 'Tài khoản định danh điện tử của một công dân trong địa bàn', params: S.AccountParams, response: { 200: S.OfficerAccountView } },
      handler: async (req, caller) => citizens.accountForOfficer(caller, (req.params as { personalId: string }).personalId, req.id),
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
      handler: async (req, caller) => {
        const body = req.body as { checkedDocument: CheckedDocument; note?: string; chip: ChipInput };
        return citizens.raiseToLevel2(caller, (req.params as { personalId: string }).personalId, body, req.id);
      },
    }));
  };
}
