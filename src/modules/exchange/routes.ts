import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema, RouteOptions } from 'fastify';
import { Readable } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { officerRoute, publicRoute, type Caller, type RouteSpec, type TypedRequest, type TypedResult } from '../../platform/access.js';
import type { Agency, ExchangeService } from './service.js';
import * as S from './schema.js';
import { DomainError } from './errors.js';
import { DPOP_ALGS } from './dpop.js';
import { agencyConsentRoutes } from './consent-routes.js';

export const ADMIN_TAG = ['Chia sẻ dữ liệu (LGSP): quản trị'];
const AGENCY_TAG = ['Chia sẻ dữ liệu (LGSP): cơ quan kết nối'];

/** A string member of a request part or a problem, if it has one. */
const named = (part: unknown, key: string) => {
  const v: unknown = typeof part === 'object' && part !== null ? Reflect.get(part, key) : undefined;
  return typeof v === 'string' ? v : undefined;
};
/** The `code` of a problem+json answer. */
function problemCode(payload: unknown) {
  if (typeof payload !== 'string') return undefined;
  try {
    return named(JSON.parse(payload), 'code');
  } catch {
    return undefined;
  }
}

export type AgencySpec<S extends FastifySchema> = Omit<RouteSpec<S, Caller>, 'handler'> & {
  /** Whether the call goes into the agency's signed log (every data call does; reading the log itself does not). */
  logged?: false;
  /** The data service the route serves when the request does not name it (its `service` field or parameter). */
  service?: string;
  handler: (req: TypedRequest<S>, agency: Agency, reply: FastifyReply) => TypedResult<S>;
};

/** The exchange module's routes: administrators register agencies and ask grants, the data owner approves them, agencies call. */
export function exchangeRoutes(exchange: ExchangeService, moreAgencyRoutes: (agencyRoute: <Sc extends FastifySchema>(spec: AgencySpec<Sc>) => RouteOptions) => RouteOptions[] = () => []) {
  const agencies = new WeakMap<FastifyRequest, Agency>();
  // A batch's file is read as a stream, never held whole: its SHA-256, taken while it arrived, goes into the signed log.
  const uploads = new WeakMap<FastifyRequest, string>();

  /**
   * Public to the platform's sessions (an agency's system is no signed-in person), but refused unless the request
   * carries a valid access token of da06's provider issued by client credentials to a registered, active agency:
   * checked in the route's first hook, before the body is read. The agency is the actor of its entries.
   */
  function agencyRoute<S extends FastifySchema>(spec: AgencySpec<S>): RouteOptions {
    const { handler, logged, service, ...rest } = spec;
    return publicRoute<S>({
      ...rest,
      // Every answer the agency gets once it is known (refusals included) goes into its signed log before it leaves.
      ...(logged !== false && {
        onSend: async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
          const agency = agencies.get(req);
          if (agency) {
            await exchange.logCall(agency, {
              method: req.method, path: req.url, status: reply.statusCode, requestBody: req.body === undefined ? '' : JSON.stringify(req.body), requestSha256: uploads.get(req),
              responseBody: typeof payload === 'string' || payload instanceof Uint8Array ? payload : '',
              problem: reply.statusCode >= 400 ? problemCode(payload) : undefined,
              service: service ?? named(req.body, 'service') ?? named(req.query, 'service'), purpose: named(req.body, 'purpose') ?? named(req.query, 'purpose'),
            });
          }
          return payload;
        },
      }),
      schema: { ...spec.schema, tags: AGENCY_TAG, security: [{ agencyDpop: [] }, { agencyToken: [] }] },
      onRequest: async (req: FastifyRequest, reply: FastifyReply) => {
        const { authorization, dpop } = req.headers;
        try {
          agencies.set(req, await exchange.agencyOfRequest({
            authorization: typeof authorization === 'string' ? authorization : undefined, dpop: typeof dpop === 'string' ? dpop : undefined,
            // The URL the agency called, as it named it (behind the reverse proxy: the forwarded scheme and host, DA06_TRUST_PROXY).
            method: req.method, url: `${req.protocol}://${req.host}${req.url}`,
          }));
        } catch (err) {
          // RFC 9449 §7.1 / RFC 6750 §3: the challenge names the scheme and why.
          const code = err instanceof DomainError ? err.code : '';
          if (code.startsWith('EXCHANGE_DPOP_')) reply.header('www-authenticate', `DPoP error="invalid_dpop_proof", algs="${DPOP_ALGS.join(' ')}"`);
          else if (code === 'EXCHANGE_TOKEN_INVALID' || code === 'EXCHANGE_TOKEN_EXPIRED') reply.header('www-authenticate', `DPoP error="invalid_token", algs="${DPOP_ALGS.join(' ')}"`);
          throw err;
        }
      },
      handler: (req, _caller, reply) => {
        const agency = agencies.get(req)!;
        exchange.actAs(agency);
        return handler(req, agency, reply);
      },
    });
  }

  return async function (app: FastifyInstance) {
    app.route(agencyRoute({
      method: 'GET',
      url: '/api/v1/exchange/log',
      logged: false,
      // Hashes, paths and statuses of the agency's own calls: no personal data.
      audit: 'none',
      schema: {
        summary: 'Nhật ký trao đổi của chính cơ quan (JSON Lines): dòng đầu ghi cơ quan và bộ khóa công khai (JWKS), mỗi dòng sau một lần gọi với mã băm SHA-256 của yêu cầu và phản hồi, nối chuỗi và ký số bởi da06; kiểm tra ngoại tuyến bằng `da06 exchange verify`',
        headers: S.AuthorizationHeaders, produces: ['application/x-ndjson'], response: { 200: S.LogFile },
      },
      handler: async (_req, agency, reply) => {
        reply.header('content-type', 'application/x-ndjson; charset=utf-8').header('content-disposition', `attachment; filename="nhat-ky-trao-doi-${agency.id}.jsonl"`);
        return Buffer.from(await exchange.logFile(agency));
      },
    }));

    // ---- administration ----
    // Also for the data owner, who approves grants of these services and reads their usage.
    app.route(officerRoute('exchange.usage.read', {
      method: 'GET',
      url: '/api/v1/exchange/services',
      audit: 'none',
      schema: { tags: ADMIN_TAG, summary: 'Danh mục dịch vụ dữ liệu của nền tảng chia sẻ', response: { 200: Type.Array(S.DataService) } },
      handler: async () => exchange.catalogue(),
    }));

    app.route(officerRoute('exchange.manage', {
      method: 'GET',
      url: '/api/v1/exchange/agencies',
      audit: 'none',
      schema: { tags: ADMIN_TAG, summary: 'Các cơ quan kết nối của tỉnh', response: { 200: Type.Array(S.Agency) } },
      handler: async (_req, caller) => exchange.agencies(caller),
    }));

    app.route(officerRoute('exchange.manage', {
      method: 'POST',
      url: '/api/v1/exchange/agencies',
      audit: 'exchange.agency.registered',
      schema: { tags: ADMIN_TAG, summary: 'Đăng ký cơ quan kết nối (gắn với một ứng dụng OIDC bảo mật) và căn cứ pháp lý', body: S.AgencyRegister, response: { 201: S.Agency } },
      handler: async (req, caller, reply) => {
        reply.code(201);
        return exchange.registerAgency(caller, req.body);
      },
    }));

    app.route(officerRoute('exchange.manage', {
      method: 'POST',
      url: '/api/v1/exchange/grants',
      audit: 'exchange.grant.requested',
      schema: { tags: ADMIN_TAG, summary: 'Đề nghị cấp quyền khai thác: cơ quan × dịch vụ × mục đích × trường × hạn mức × thời hạn', body: S.GrantRequest, response: { 201: S.Grant } },
      handler: async (req, caller, reply) => {
        reply.code(201);
        return exchange.requestGrant(caller, req.body);
      },
    }));

    app.route(officerRoute('exchange.grants.approve', {
      method: 'GET',
      url: '/api/v1/exchange/grants',
      audit: 'none',
      schema: { tags: ADMIN_TAG, summary: 'Các quyền khai thác của cơ quan kết nối trong tỉnh (đề nghị và đã phê duyệt)', response: { 200: Type.Array(S.GrantWithAgency) } },
      handler: async (_req, caller) => exchange.grants(caller),
    }));

    app.route(officerRoute('exchange.grants.approve', {
      method: 'POST',
      url: '/api/v1/exchange/grants/:id/approve',
      audit: 'exchange.grant.approved',
      schema: { tags: ADMIN_TAG, summary: 'Chủ quản dữ liệu phê duyệt quyền khai thác', params: S.IdParams, response: { 200: S.Grant } },
      handler: async (req, caller) => exchange.approveGrant(caller, req.params.id),
    }));

    // ---- the agencies' systems ----
    for (const route of [...agencyConsentRoutes(exchange, agencyRoute), ...moreAgencyRoutes(agencyRoute)]) app.route(route);

    app.route(agencyRoute({
      method: 'POST',
      url: '/api/v1/exchange/person-lookups',
      service: 'person.lookup',
      // The read's entry is written with the call's count, in one commit (calls.ts).
      audit: { oneOf: ['exchange.person.lookup'] },
      schema: { summary: 'Tra cứu công dân theo số định danh: chỉ các trường quyền khai thác cho phép', headers: S.AuthorizationHeaders, body: S.LookupBody, response: { 200: S.LookupResult } },
      handler: async (req, agency) => exchange.lookUp(agency, req.body),
    }));

    app.route(agencyRoute({
      method: 'POST',
      url: '/api/v1/exchange/checks',
      audit: { oneOf: ['exchange.person.check'] },
      schema: { summary: 'Xác nhận có/không (còn sống, thường trú tại xã, đủ 18 tuổi, khớp họ tên và ngày sinh) mà không cung cấp dữ liệu', headers: S.AuthorizationHeaders, body: S.CheckBody, response: { 200: S.CheckResult } },
      handler: async (req, agency) => {
        const result = await exchange.check(agency, req.body);
        return { service: result.service, answer: result.answer };
      },
    }));

    // ---- batch verification (batch.ts) ----
    // The file is the body itself (text/csv with a header, or application/x-ndjson), read as a stream by the service:
    // a parser of its own that leaves the stream unread, in its own context.
    await app.register(async (up) => {
      up.addContentTypeParser(['text/csv', 'application/x-ndjson'], (_req, _payload, done) => done(null));
      up.route(agencyRoute({
        method: 'POST',
        url: '/api/v1/exchange/batches',
        audit: 'exchange.batch.submitted',
        schema: {
          summary: 'Gửi tệp xác nhận theo lô (đến 1.000.000 dòng): trả số lô ngay, các dòng được trả lời sau; xem tiến độ và tải kết quả',
          description: 'Nội dung là chính tệp: `text/csv` (UTF-8, dòng tiêu đề `personal_id` và các tham số của dịch vụ: `full_name`, `date_of_birth`, `commune_code`) '
            + 'hoặc `application/x-ndjson` (mỗi dòng một đối tượng `{"personalId", "fullName", "dateOfBirth", "communeCode"}`). Tệp không ở UTF-8, sai tiêu đề, '
            + 'quá lớn hoặc nhiều dòng hơn hạn mức ngày bị từ chối cả tệp; một dòng sai chỉ nhận lỗi của dòng đó.',
          consumes: ['text/csv', 'application/x-ndjson'],
          headers: S.AuthorizationHeaders, querystring: S.BatchQuery, response: { 202: S.Batch },
        },
        handler: async (req, agency, reply) => {
          const format = /^application\/x-ndjson/i.test(req.headers['content-type'] ?? '') ? 'ndjson' : 'csv';
          const { view, sha256 } = await exchange.batches.receive(agency, { ...req.query, format }, req.raw);
          uploads.set(req, sha256);
          reply.code(202).header('location', `/api/v1/exchange/batches/${view.id}`);
          return view;
        },
      }));
    });

    app.route(agencyRoute({
      method: 'GET',
      url: '/api/v1/exchange/batches',
      logged: false,
      // Counts and hashes of the agency's own batches: no personal data.
      audit: 'none',
      schema: { summary: 'Các lô xác nhận gần đây của chính cơ quan (50 lô mới nhất)', headers: S.AuthorizationHeaders, response: { 200: Type.Array(S.Batch) } },
      handler: async (_req, agency) => exchange.batches.list(agency),
    }));

    app.route(agencyRoute({
      method: 'GET',
      url: '/api/v1/exchange/batches/:id',
      logged: false,
      audit: 'none',
      schema: { summary: 'Tiến độ và số liệu của một lô xác nhận', headers: S.AuthorizationHeaders, params: S.IdParams, response: { 200: S.Batch } },
      handler: async (req, agency) => exchange.batches.get(agency, req.params.id),
    }));

    app.route(agencyRoute({
      method: 'GET',
      url: '/api/v1/exchange/batches/:id/results',
      logged: false,
      // The file repeats what the agency sent with a yes/no: each row's read was audited when it was answered.
      audit: 'none',
      schema: {
        summary: 'Tải kết quả của lô: mỗi dòng của tệp gửi lên một dòng (số dòng, số định danh, có/không hoặc mã lỗi và lý do)',
        produces: ['text/csv', 'application/x-ndjson'],
        headers: S.AuthorizationHeaders, params: S.IdParams, querystring: S.ResultsQuery, response: { 200: S.ResultsFile },
      },
      handler: async (req, agency, reply) => {
        const format = req.query.format ?? 'csv';
        const lines = await exchange.batches.results(agency, req.params.id, format);
        return reply
          .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8')
          .header('content-disposition', `attachment; filename="lo-${req.params.id}-ket-qua.${format === 'csv' ? 'csv' : 'ndjson'}"`)
          .send(Readable.from(lines));
      },
    }));
  };
}
