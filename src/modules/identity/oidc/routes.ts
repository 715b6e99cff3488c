import '../audit-actions.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { citizenRoute, officerRoute, publicRoute, type OfficerCaller } from '../../../platform/access.js';
import type { AuditWriter } from '../../../platform/audit.js';
import type { InteractionService } from './interactions.js';
import type { ClientService } from './clients.js';
import { ASSIGNABLE_SCOPES, OFFICER_SCOPE } from './policy.js';

const Uid = Type.Object({ uid: Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9_-]+$' }) });
const RedirectTo = Type.Object({ redirectTo: Type.String({ description: 'Địa chỉ trình duyệt cần chuyển tới để tiếp tục (về /oidc rồi về dịch vụ)' }) });

const Audience = Type.Union([Type.Literal('citizen'), Type.Literal('officer')], {
  description: 'Đối tượng đăng nhập: citizen (tài khoản định danh điện tử) hoặc officer (tài khoản cán bộ da06)',
});

const InteractionView = Type.Object({
  uid: Type.String(),
  prompt: Type.Union([Type.Literal('login'), Type.Literal('consent')], { description: 'login: xác nhận tài khoản; consent: đồng ý chia sẻ thông tin' }),
  audience: Audience,
  client: Type.Object({ clientId: Type.String(), name: Type.String() }),
  scopes: Type.Array(Type.String()),
  claims: Type.Array(Type.Object({ name: Type.String(), label: Type.String() }), { description: 'Thông tin sẽ chia sẻ, nhãn tiếng Việt' }),
  acrRequired: Type.String({ description: 'urn:da06:loa:1 hoặc urn:da06:loa:2 (công dân); urn:da06:officer (cán bộ)' }),
  levelRequired: Type.Integer({ description: 'Mức định danh điện tử yêu cầu; 0 với dịch vụ dành cho cán bộ' }),
  signedIn: Type.Boolean({ description: 'Đã có phiên đăng nhập đúng loại: công dân (da06_citizen) hoặc cán bộ (da06_session)' }),
  level: Type.Union([Type.Integer(), Type.Null()]),
  levelSufficient: Type.Union([Type.Boolean(), Type.Null()]),
  levelHint: Type.Union([Type.String(), Type.Null()], { description: 'Hướng dẫn nâng mức độ 2 khi tài khoản chưa đủ' }),
});

const ClientView = Type.Object({
  clientId: Type.String(),
  name: Type.String(),
  public: Type.Boolean(),
  redirectUris: Type.Array(Type.String()),
  postLogoutRedirectUris: Type.Array(Type.String()),
  scopes: Type.Array(Type.String()),
  minLevel: Type.Integer(),
  allowPersonalId: Type.Boolean(),
  audience: Audience,
  createdAt: Type.String({ format: 'date-time' }),
});
const ClientStats = Type.Intersect([
  ClientView,
  Type.Object({ signIns: Type.Array(Type.Object({ day: Type.String({ format: 'date' }), count: Type.Integer() })), totalSignIns: Type.Integer() }),
]);
const ClientCreate = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  redirectUris: Type.Array(Type.String({ maxLength: 500 }), { minItems: 1, maxItems: 10 }),
  postLogoutRedirectUris: Type.Optional(Type.Array(Type.String({ maxLength: 500 }), { maxItems: 10 })),
  scopes: Type.Array(Type.Union([...ASSIGNABLE_SCOPES, OFFICER_SCOPE].map((s) => Type.Literal(s))), {
    maxItems: 10, description: `Dịch vụ cho công dân: ${ASSIGNABLE_SCOPES.join(', ')}; dịch vụ cho cán bộ: ${OFFICER_SCOPE} (mặc định)`,
  }),
  minLevel: Type.Union([Type.Literal(1), Type.Literal(2)]),
  allowPersonalId: Type.Optional(Type.Boolean()),
  public: Type.Optional(Type.Boolean()),
  audience: Type.Optional(Audience),
}, { additionalProperties: false });

const raw = (req: FastifyRequest, reply: FastifyReply) => ({ req: req.raw, res: reply.raw });
const TAG = ['Đăng nhập một lần (SSO)'];

/**
 * The interaction API the web UI drives (`GET` then `POST .../login` and `POST .../consent`, each
 * answering `{redirectTo}`), and the administrator's view of relying parties.
 */
/** `adminProvince`: administrators list and register the clients of the province they administer only. */
export function oidcRoutes(interactions: InteractionService, clients: ClientService, audit: AuditWriter, adminProvince: (caller: OfficerCaller) => Promise<string>) {
  return async function (app: FastifyInstance) {
    app.route(publicRoute({
      method: 'GET',
      url: '/api/v1/oidc/interactions/:uid',
      schema: {
        tags: TAG,
        summary: 'Yêu cầu đăng nhập một lần đang chờ: dịch vụ, thông tin cần chia sẻ, mức định danh yêu cầu',
        description: 'Trình duyệt được /oidc chuyển tới đây; yêu cầu chấp nhận text/html được chuyển tiếp sang trang /sso/:uid của giao diện web.',
        params: Uid,
        response: { 200: InteractionView, 303: Type.Null() },
      },
      handler: async (req, caller, reply) => {
        const { uid } = req.params as Static<typeof Uid>;
        if (wantsHtml(req)) return reply.redirect(`/sso/${uid}`, 303);
        return interactions.details(raw(req, reply), uid, caller.kind === 'citizen' ? caller : undefined, caller.kind === 'officer' ? caller : undefined);
      },
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/oidc/interactions/:uid/login',
      schema: { tags: TAG, summary: 'Xác nhận đăng nhập bằng phiên định danh điện tử hiện tại', params: Uid, response: { 200: RedirectTo } },
      handler: async (req, caller, reply) => ({ redirectTo: await interactions.login(raw(req, reply), (req.params as Static<typeof Uid>).uid, caller) }),
    }));

    app.route(officerRoute('sso.signin', {
      method: 'POST',
      url: '/api/v1/oidc/interactions/:uid/officer-login',
      schema: {
        tags: TAG,
        summary: 'Xác nhận đăng nhập bằng phiên cán bộ hiện tại (dịch vụ dành cho cán bộ; không có bước đồng ý)',
        params: Uid,
        response: { 200: RedirectTo },
      },
      handler: async (req, caller, reply) => ({ redirectTo: await interactions.officerLogin(raw(req, reply), (req.params as Static<typeof Uid>).uid, caller) }),
    }));

    const Consent = Type.Object({ approve: Type.Boolean() }, { additionalProperties: false });
    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/oidc/interactions/:uid/consent',
      schema: { tags: TAG, summary: 'Đồng ý (hoặc từ chối) chia sẻ đúng các thông tin dịch vụ yêu cầu', params: Uid, body: Consent, response: { 200: RedirectTo } },
      handler: async (req, caller, reply) => {
        const { approve } = req.body as Static<typeof Consent>;
        return { redirectTo: await interactions.consent(raw(req, reply), (req.params as Static<typeof Uid>).uid, caller, approve) };
      },
    }));

    app.route(officerRoute('sso.manage', {
      method: 'GET',
      url: '/api/v1/sso/clients',
      schema: { tags: TAG, summary: 'Các dịch vụ kết nối đăng nhập một lần và số lượt đăng nhập theo ngày (30 ngày)', response: { 200: Type.Array(ClientStats) } },
      handler: async (_req, caller) => clients.listWithStatistics(30, await adminProvince(caller)),
    }));

    app.route(officerRoute('sso.manage', {
      method: 'POST',
      url: '/api/v1/sso/clients',
      schema: {
        tags: TAG,
        summary: 'Đăng ký dịch vụ kết nối; trả mã bí mật một lần (dịch vụ bảo mật)',
        body: ClientCreate,
        response: { 201: Type.Object({ clientId: Type.String(), clientSecret: Type.Optional(Type.String()) }) },
      },
      handler: async (req, caller, reply) => {
        const created = await clients.add(req.body as Static<typeof ClientCreate>, { provinceCode: await adminProvince(caller) });
        await audit.record({ actorKind: 'officer', actorId: String(caller.officerId), action: 'oidc.client.created', subjectKind: 'oidc_client', subjectId: created.clientId, requestId: req.id });
        return reply.code(201).send(created);
      },
    }));
  };
}

function wantsHtml(req: FastifyRequest): boolean {
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html') && !accept.includes('application/json');
}
