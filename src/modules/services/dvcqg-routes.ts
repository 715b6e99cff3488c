import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { officerRoute, publicRoute } from '../../platform/access.js';
import { unchanged } from '../../platform/audit.js';
import type { ServicesService } from './service.js';
import * as S from './schema.js';

const TAG = ['Dịch vụ công: kết nối Cổng Dịch vụ công quốc gia'];
const BASE = '/api/v1/services/dvcqg';
/** A portal dossier's JSON (its attachments are links, not content). */
const WEBHOOK_BODY_LIMIT = 1_000_000;

const Target = {
  configured: Type.Boolean(),
  /** True when the connection is the local stand-in: the page and the CLI say "bản mô phỏng". */
  standin: Type.Boolean(),
  label: Type.String(),
  origin: Type.Union([Type.String(), Type.Null()]),
  webhook: Type.Boolean(),
};
const Letter = Type.Object({
  id: Type.Integer(), dossierId: Type.Integer(), dossierCode: Type.String(), seq: Type.Integer(), status: Type.Integer(), statusLabel: Type.String(),
  transition: Type.String(), at: Type.String(), state: Type.String(), failures: Type.Integer(),
  lastError: Type.Union([Type.String(), Type.Null()]), lastErrorKind: Type.Union([Type.String(), Type.Null()]),
  deadAt: Type.Union([Type.String(), Type.Null()]), waiting: Type.Integer(),
});
const Overview = Type.Object({
  ...Target, pending: Type.Integer(), dead: Type.Integer(), sent: Type.Integer(),
  refusals: Type.Array(Type.Object({
    id: Type.Integer(), portalCode: Type.Union([Type.String(), Type.Null()]), via: Type.String(), at: Type.String(),
    problem: Type.Object({
      code: Type.String(), status: Type.Integer(), title: Type.String(), instance: Type.Optional(Type.String()),
      /** A form that does not follow the procedure's schema: every field error, as told to the portal. */
      errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), code: Type.String(), message: Type.String() }))),
    }),
  })),
});
const Letters = Type.Object({ target: Type.Object(Target), items: Type.Array(Letter), total: Type.Integer() });
const ReceivedAnswer = Type.Object({ portalCode: Type.String(), localCode: Type.String(), duplicate: Type.Boolean() });
const WebhookHeaders = Type.Object({
  'x-dvcqg-timestamp': Type.Optional(Type.String({ maxLength: 20 })),
  'x-dvcqg-signature': Type.Optional(Type.String({ maxLength: 100 })),
});

/**
 * The national portal's side of the services module: what an administrator watches (the queue of status
 * messages, the dead letters and their retry, refused portal dossiers), and the webhook the portal pushes
 * dossiers to. The overview and the dead letters show codes, states and errors, no one's personal data.
 */
export function dvcqgRoutes(services: ServicesService) {
  const link = services.dvcqg;
  return async function (app: FastifyInstance) {
    app.route(officerRoute('services.dvcqg.manage', {
      method: 'GET',
      url: BASE,
      audit: 'none',
      schema: { tags: TAG, summary: 'Kết nối Cổng Dịch vụ công quốc gia (hoặc bản mô phỏng): số thay đổi trạng thái chờ gửi, đã gửi, gửi lỗi; hồ sơ bị từ chối nhận', response: { 200: Overview } },
      handler: async () => link.overview(),
    }));

    app.route(officerRoute('services.dvcqg.manage', {
      method: 'GET',
      url: `${BASE}/dead-letters`,
      audit: 'none',
      schema: {
        tags: TAG, summary: 'Thay đổi trạng thái gửi lỗi (hết số lần thử hoặc bị Cổng từ chối), mới nhất trước, với lỗi cuối cùng',
        querystring: Type.Object(S.Paging), response: { 200: Letters },
      },
      handler: async (req, caller) => link.deadLetters(caller, req.query.limit, req.query.offset),
    }));

    app.route(officerRoute('services.dvcqg.manage', {
      method: 'POST',
      url: `${BASE}/dead-letters/:id/retry`,
      audit: 'services.dvcqg.retried',
      schema: { tags: TAG, summary: 'Gửi lại một thay đổi trạng thái gửi lỗi (lần chạy tiếp theo gửi nó, rồi các thay đổi sau của hồ sơ)', params: S.Id, response: { 200: Letter } },
      handler: async (req, caller) => {
        const letter = await link.retry(caller, req.params.id);
        // Sent now rather than at the next tick; its outcome shows in the list.
        void link.deliver().catch(() => undefined);
        return letter;
      },
    }));

    // The webhook reads its body as the raw text the signature covers (a parser of its own, in its own context).
    await app.register(async (hook) => {
      hook.removeContentTypeParser('application/json');
      hook.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: WEBHOOK_BODY_LIMIT }, (_req, body, done) => done(null, body));
      hook.route(publicRoute({
        method: 'POST',
        url: `${BASE}/webhook`,
        audit: 'services.dossier.submitted',
        purpose: 'Nhận hồ sơ công dân nộp trên Cổng Dịch vụ công quốc gia',
        schema: {
          tags: TAG,
          summary: 'Cổng Dịch vụ công quốc gia đẩy một hồ sơ công dân nộp trên Cổng (ký HMAC-SHA256 trên "<X-DVCQG-Timestamp>.<nội dung>"; xem docs/connectors/dvcqg.md)',
          headers: WebhookHeaders, body: Type.String({ maxLength: WEBHOOK_BODY_LIMIT }),
          response: { 200: ReceivedAnswer, 201: ReceivedAnswer },
        },
        handler: async (req, _caller, reply) => {
          const r = await link.webhook(req.body, req.headers['x-dvcqg-timestamp'], req.headers['x-dvcqg-signature']);
          if (r.duplicate) unchanged();
          reply.code(r.duplicate ? 200 : 201);
          return { portalCode: r.portalCode, localCode: r.localCode, duplicate: r.duplicate };
        },
      }));
    });
  };
}
