import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, RouteOptions } from 'fastify';
import { Type } from '@sinclair/typebox';
import { officerRoute, publicRoute, type Caller, type RouteSpec, type TypedRequest, type TypedResult } from '../../platform/access.js';
import { currentContext } from '../../platform/context.js';
import { subjectShown, unchanged } from '../../platform/audit.js';
import { ChipBody } from '../credentials/index.js';
import type { KioskDevice, KioskService } from './service.js';
import { DomainError } from './errors.js';
import * as S from './schema.js';

const ADMIN_TAG = ['Kiosk tự phục vụ: quản trị'];
const KIOSK_TAG = ['Kiosk tự phục vụ'];
const START_PURPOSE = 'Công dân nộp hồ sơ không giấy của mình tại kiosk tự phục vụ: điền sẵn tờ khai từ Cơ sở dữ liệu quốc gia về dân cư, dùng giấy tờ trong kho dữ liệu điện tử';
const CITIZEN_PURPOSE = 'Công dân xem, in hồ sơ của mình tại kiosk tự phục vụ';
const header = (req: FastifyRequest, name: string) => {
  const v = req.headers[name];
  return typeof v === 'string' ? v : undefined;
};

/** A route only a registered, active kiosk opens; the handler learns which. */
type KioskSpec<S extends FastifySchema> = Omit<RouteSpec<S, Caller>, 'handler'> & {
  handler: (req: TypedRequest<S>, device: KioskDevice, reply: FastifyReply) => TypedResult<S>;
};

/** How often one kiosk, and one network address, may look a dossier up by its code (per minute). */
export interface KioskRouteOptions {
  lookupsPerKioskPerMinute: number;
  lookupsPerAddressPerMinute: number;
}

/** The kiosk module's routes: administrators register and stop kiosks; a kiosk takes numbers, signs citizens in and looks dossiers up. */
export function kioskRoutes(kiosk: KioskService, opts: KioskRouteOptions) {
  const devices = new WeakMap<FastifyRequest, KioskDevice>();

  return async function (app: FastifyInstance) {
    /**
     * Dossier codes are predictable (unit, date, sequence): a look-up by code is limited per kiosk and per
     * network address (several kiosks of a centre share one), with the wait said in the answer (routes.test.ts "look-up limit").
     */
    const limiters = [
      // The address first: every attempt from it counts, also those its kiosk's own limit then refuses.
      app.createRateLimit({ timeWindow: 60_000, max: opts.lookupsPerAddressPerMinute, keyGenerator: (req) => `kiosk-lookup-ip:${req.ip}` }),
      app.createRateLimit({ timeWindow: 60_000, max: opts.lookupsPerKioskPerMinute, keyGenerator: (req) => `kiosk-lookup:${devices.get(req)?.id ?? 'none'}` }),
    ];
    async function limitLookUps(req: FastifyRequest) {
      for (const limiter of limiters) {
        const outcome = await limiter(req);
        if (!outcome.isAllowed && outcome.isExceeded) throw new DomainError('KIOSK_LOOKUP_LIMITED', { seconds: Math.max(1, outcome.ttlInSeconds) });
      }
    }

    /**
     * Public to the platform (a kiosk is no signed-in person), but refused unless the request carries the key
     * of a registered, active kiosk: checked in the route's first hook, before the body is read (deny by default).
     * The kiosk is the actor of what its route writes. `limited`: a dossier look-up, limited as above in the same hook.
     */
    function kioskRoute<S extends FastifySchema>(spec: KioskSpec<S> & { limited?: boolean }): RouteOptions {
      const { handler, limited, ...rest } = spec;
      return publicRoute<S>({
        ...rest,
        schema: { ...spec.schema, tags: KIOSK_TAG, security: [{ kioskKey: [] }] },
        onRequest: async (req: FastifyRequest) => {
          devices.set(req, await kiosk.deviceOfKey(header(req, 'x-kiosk-key')));
          if (limited) await limitLookUps(req);
        },
        handler: (req, _caller, reply) => {
          const device = devices.get(req)!;
          const ctx = currentContext();
          if (ctx) ctx.actor = { kind: 'system', id: `kiosk:${device.id}`, name: device.name };
          return handler(req, device, reply);
        },
      });
    }

    // ---- administration ----
    app.route(officerRoute('kiosks.manage', {
      method: 'GET',
      url: '/api/v1/kiosks',
      audit: 'none',
      schema: { tags: ADMIN_TAG, summary: 'Các kiosk tự phục vụ của tỉnh', response: { 200: Type.Array(S.KioskDeviceInUse) } },
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
      limited: true,
      schema: {
        summary: 'Tra cứu hồ sơ theo mã: trạng thái và ngày hẹn trả',
        description: 'Giới hạn số lần mỗi phút cho mỗi kiosk và mỗi địa chỉ mạng (DA06_KIOSK_LOOKUPS_PER_MIN, DA06_KIOSK_LOOKUPS_PER_ADDRESS_PER_MIN); quá giới hạn trả 429 KIOSK_LOOKUP_LIMITED với Retry-After.',
        headers: S.KioskKeyHeaders, params: S.DossierCodeParams, response: { 200: S.DossierStatus },
      },
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
      method: 'POST',
      url: '/api/v1/kiosk/chip-challenges',
      // A random nonce for the centre's relying party: no personal data.
      audit: 'none',
      schema: { summary: 'Thử thách cho xác thực chủ động của chip, chương trình đọc thẻ chuyển cho chip (docs/connectors/kiosk-card-reader.md)', headers: S.KioskKeyHeaders, response: { 200: S.ChipChallenge } },
      handler: async (_req, device) => kiosk.chipChallenge(device),
    }));

    app.route(kioskRoute({
      method: 'POST',
      url: '/api/v1/kiosk/sessions/chip',
      // The chip is verified by the credentials module as at the centre's counter: its verification log audits the person identified.
      audit: { oneOf: ['credential.verify.chip'] },
      purpose: 'Công dân đăng nhập tại kiosk tự phục vụ',
      schema: {
        summary: 'Công dân đăng nhập bằng thẻ căn cước gắn chip đặt trên đầu đọc của kiosk',
        description: 'Dữ liệu chip (SOD, DG1, DG2, DG13, DG15) do chương trình đọc thẻ trên kiosk cung cấp (docs/connectors/kiosk-card-reader.md), được xác thực thụ động với danh sách CSCA tin cậy và đối chiếu CSDL dân cư như tại quầy của trung tâm.',
        headers: S.KioskKeyHeaders, body: ChipBody, response: { 201: S.KioskSession },
      },
      handler: async (req, device, reply) => {
        reply.code(201);
        return kiosk.signInWithChip(device, req.body);
      },
    }));

    app.route(kioskRoute({
      method: 'GET',
      url: '/api/v1/kiosk/sessions/current/dossiers',
      audit: { action: 'kiosk.dossiers.read', fields: ['procedure', 'state', 'dueAt'], subjects: (r) => [subjectShown(r)], purpose: CITIZEN_PURPOSE },
      schema: { summary: 'Hồ sơ của công dân đang đăng nhập tại kiosk, mới nhất trước', headers: S.KioskSessionHeaders, response: { 200: S.KioskDossiers } },
      handler: async (req, device) => kiosk.dossiersOfSession(device, header(req, 'x-kiosk-session')),
    }));

    app.route(kioskRoute({
      method: 'GET',
      url: '/api/v1/kiosk/sessions/current/dossiers/:id/receipt',
      audit: { action: 'kiosk.dossiers.read', fields: ['fullName', 'address', 'procedure', 'dueAt'], subjects: (r) => [subjectShown(r)], purpose: CITIZEN_PURPOSE },
      schema: {
        summary: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả của hồ sơ của công dân đang đăng nhập, để in tại kiosk (A4 hoặc giấy in nhiệt 80 mm)',
        headers: S.KioskSessionHeaders, params: S.IdParams, response: { 200: S.KioskReceipt },
      },
      handler: async (req, device) => kiosk.receiptOfSession(device, header(req, 'x-kiosk-session'), req.params.id),
    }));

    app.route(kioskRoute({
      method: 'GET',
      url: '/api/v1/kiosk/sessions/current/dossiers/:id/payment',
      audit: { action: 'kiosk.dossiers.read', fields: ['payment'], subjects: (r) => [subjectShown(r)], purpose: CITIZEN_PURPOSE },
      schema: {
        summary: 'Khoản phí, lệ phí của hồ sơ của công dân đang đăng nhập, với mã VietQR để quét bằng ứng dụng ngân hàng khi còn phải nộp; kiosk hỏi lại đến khi ngân hàng xác nhận',
        headers: S.KioskSessionHeaders, params: S.IdParams, response: { 200: S.KioskPayment },
      },
      handler: async (req, device) => kiosk.paymentOfSession(device, header(req, 'x-kiosk-session'), req.params.id),
    }));

    app.route(kioskRoute({
      method: 'GET',
      url: '/api/v1/kiosk/sessions/current/procedures',
      audit: { action: 'kiosk.dossiers.read', fields: ['fullName', 'personalId', 'address', 'storedDocuments'], subjects: (r) => [subjectShown(r)], purpose: START_PURPOSE },
      schema: {
        summary: 'Thủ tục công dân đang đăng nhập nộp được tại kiosk không cần giấy: tờ khai điền sẵn, giấy tờ trong kho dữ liệu điện tử của công dân',
        description: 'Chỉ những thủ tục mà mọi giấy tờ phải nộp đều có trong kho của công dân (giấy tờ đã nộp cho hồ sơ trước, kết quả da06 đã cấp) hoặc do nền tảng tự đọc. Công dân chưa có tài khoản định danh điện tử: 409 KIOSK_NO_ACCOUNT (lấy số thứ tự, nộp tại quầy).',
        headers: S.KioskSessionHeaders, response: { 200: S.KioskProcedures },
      },
      handler: async (req, device) => kiosk.proceduresOfSession(device, header(req, 'x-kiosk-session')),
    }));

    app.route(kioskRoute({
      method: 'POST',
      url: '/api/v1/kiosk/sessions/current/dossiers',
      audit: 'kiosk.dossier.submitted',
      purpose: START_PURPOSE,
      schema: {
        summary: 'Công dân đang đăng nhập nộp hồ sơ không giấy tại kiosk: tạo và nộp trong một lần',
        description: 'Hồ sơ là hồ sơ trực tuyến của tài khoản định danh điện tử của công dân (hiện trên cổng của họ), ghi nhận kiosk đã nộp. Tờ khai kiểm tra như khi nộp trên cổng; giấy tờ chọn từ kho của công dân (của họ, đúng loại, chưa bị thu hồi). Mọi lỗi: không tạo gì. Cùng Idempotency-Key trả lại hồ sơ đã nộp.',
        headers: S.KioskSubmitHeaders, body: S.KioskSubmitBody, response: { 201: S.KioskSubmitted, 200: S.KioskSubmitted },
      },
      handler: async (req, device, reply) => {
        const submitted = await kiosk.submitOfSession(device, header(req, 'x-kiosk-session'), req.body, header(req, 'idempotency-key'));
        reply.code(submitted.replayed ? 200 : 201);
        return submitted;
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
