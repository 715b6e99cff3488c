import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, RouteOptions } from 'fastify';
import { Type } from '@sinclair/typebox';
import { officerRoute, publicRoute, type Caller, type RouteSpec, type TypedRequest, type TypedResult } from '../../platform/access.js';
import { currentContext } from '../../platform/context.js';
import { unchanged } from '../../platform/audit.js';
import type { KioskDevice, KioskService } from './service.js';
import * as S from './schema.js';

const ADMIN_TAG = ['Kiosk tự phục vụ: quản trị'];
const KIOSK_TAG = ['Kiosk tự phục vụ'];
const header = (req: FastifyRequest, name: string) => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

/** A route only a registered, active kiosk opens; the handler learns which. */
type KioskSpec<S extends FastifySchema> = Omit<RouteSpec<S, Caller>, 'handler'> & {
  handler: (req: TypedRequest<S>, device: KioskDevice, reply: FastifyReply) => TypedResult<S>;
};

/** The kiosk module's routes: administrators register and stop kiosks; a kiosk takes numbers, signs citizens in and looks dossiers up. */
export function kioskRoutes(kiosk: KioskService) {
  const devices = new WeakMap<FastifyRequest, KioskDevice>();

  /**
   * Public to the platform (a kiosk is no signed-in person), but refused unless the request carries the key
   * of a registered, active kiosk: checked in the route's first hook, before the body is read (deny by default).
   * The kiosk is the actor of what its route writes.
   */
  function kioskRoute<S extends FastifySchema>(spec: KioskSpec<S>): RouteOptions {
    const { handler, ...rest } = spec;
    return publicRoute<S>({
      ...rest,
      schema: { ...spec.schema, tags: KIOSK_TAG, security: [{ kioskKey: [] }] },
      onRequest: async (req: FastifyRequest) => {
        devices.set(req, await kiosk.deviceOfKey(header(req, 'x-kiosk-key')));
      },
      handler: (req, _caller, reply) => {
        const device = devices.get(req)!;
        const ctx = currentContext();
        if (ctx) ctx.actor = { kind: 'system', id: `kiosk:${device.id}`, name: device.name };
        return handler(req, device, reply);
      },
    });
  }

  return async function (app: FastifyInstance) {
    // ---- administration ----
    app.route(officerRoute('kiosks.manage', {
      method: 'GET',
      url: '/api/v1/kiosks',
      audit: 'none',
      schema: { tags: ADMIN_TAG, summary: 'Các kiosk tự phục vụ của tỉnh', response: { 200: Type.Array(S.KioskDevice) } },
      handler: async (_req, caller) => kiosk.list(caller),
    }));

    app.route(officerRoute('kiosks.manage', {
      method: 'POST',
      url: '/api/v1/kiosks',
      audit: 'kiosk.device.registered',
      schema: { tags: ADMIN_TAG, summary: 'Đăng ký kiosk tự phục vụ (khóa thiết bị chỉ hiện một lần)', body: S.KioskRegister, response: { 201: S.KioskRegistered } },
      handler: async (req, caller, reply) => {
        reply.code(201);
        return kiosk.register(caller, req.body);
      },
    }));

    app.route(officerRoute('kiosks.manage', {
      method: 'POST',
      url: '/api/v1/kiosks/:id/disable',
      audit: 'kiosk.device.disabled',
      schema: { tags: ADMIN_TAG, summary: 'Ngừng kiosk: khóa hết hiệu lực ngay, phiên đang mở kết thúc', params: S.IdParams, response: { 200: S.KioskDevice } },
      handler: async (req, caller) => kiosk.disable(caller, req.params.id),
    }));

    // ---- the kiosk ----
    app.route(kioskRoute({
      method: 'GET',
      url: '/api/v1/kiosk',
      audit: 'none',
      schema: { summary: 'Thiết bị kiosk đang dùng khóa này (tên, trung tâm, thời gian chờ)', headers: S.KioskKeyHeaders, response: { 200: S.KioskInfo } },
      handler: async (_req, device) => kiosk.describe(device),
    }));

    app.route(kioskRoute({
      method: 'POST',
      url: '/api/v1/kiosk/queue-tickets',
      audit: 'kiosk.queue.taken',
      schema: { summary: 'Lấy số thứ tự của trung tâm trong ngày', headers: S.KioskKeyHeaders, response: { 201: S.QueueTicket } },
      handler: async (_req, device, reply) => {
        reply.code(201);
        return kiosk.takeQueueNumber(device);
      },
    }));

    app.route(kioskRoute({
      method: 'GET',
      url: '/api/v1/kiosk/dossiers/:code',
      // State and due date only: nothing of the applicant is shown, so no personal data is read.
      audit: 'none',
      schema: { summary: 'Tra cứu hồ sơ theo mã: trạng thái và ngày hẹn trả', headers: S.KioskKeyHeaders, params: S.DossierCodeParams, response: { 200: S.DossierStatus } },
      handler: async (req) => kiosk.lookUpDossier(req.params.code.toUpperCase()),
    }));

    app.route(kioskRoute({
      method: 'POST',
      url: '/api/v1/kiosk/sessions',
      // The QR is verified by the credentials module as at the centre's counter: its verification log audits the person identified.
      audit: { oneOf: ['credential.verify.identity_qr', 'credential.verify.card_qr', 'credential.verify.wallet'] },
      purpose: 'Công dân đăng nhập tại kiosk tự phục vụ',
      schema: { summary: 'Công dân đăng nhập bằng mã QR định danh trên điện thoại', headers: S.KioskKeyHeaders, body: S.SignInBody, response: { 201: S.KioskSession } },
      handler: async (req, device, reply) => {
        reply.code(201);
        return kiosk.signIn(device, req.body.qr);
      },
    }));

    app.route(kioskRoute({
      method: 'DELETE',
      url: '/api/v1/kiosk/sessions/current',
      audit: 'kiosk.session.ended',
      schema: { summary: 'Kết thúc phiên của công dân (nút Kết thúc, hoặc kiosk tự trở về màn hình đầu)', headers: S.KioskSessionHeaders, response: { 204: Type.Null() } },
      handler: async (req, device, reply) => {
        const token = header(req, 'x-kiosk-session');
        const ended = token ? await kiosk.signOut(device, token) : false;
        if (!ended) unchanged();
        return reply.code(204).send();
      },
    }));
  };
}
