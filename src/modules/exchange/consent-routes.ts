import type { FastifyInstance, FastifyRequest, FastifySchema, RouteOptions } from 'fastify';
import type { AuditSubject } from '../../platform/audit.js';
import { Type } from '@sinclair/typebox';
import { citizenRoute } from '../../platform/access.js';
import type { AgencySpec } from './routes.js';
import type { ExchangeService } from './service.js';
import { IdParams } from './schema.js';
import * as S from './consent-schema.js';

const CITIZEN_TAG = ['Chia sẻ dữ liệu (LGSP): sự đồng ý của công dân'];

type AgencyRoute = <T extends FastifySchema>(spec: AgencySpec<T>) => RouteOptions;

/** The agency's side of consent: asking, and reading the answer (registered among the agency routes of routes.ts). */
export function agencyConsentRoutes(exchange: ExchangeService, agencyRoute: AgencyRoute): RouteOptions[] {
  const ask = {
    summary: 'Đề nghị công dân đồng ý chia sẻ dữ liệu cho một mục đích dựa trên sự đồng ý (Nghị định 13/2023): công dân trả lời trên cổng công dân',
    body: S.ConsentRequestBody, response: { 201: S.AgencyConsent },
  };
  const status = { summary: 'Trạng thái một yêu cầu đồng ý của cơ quan', params: IdParams, response: { 200: S.AgencyConsent } };
  const household = {
    summary: 'Thành phần hộ gia đình của công dân theo số định danh: quan hệ với chủ hộ và các trường quyền khai thác cho phép (cùng quy tắc quyền khai thác và sự đồng ý)',
    body: S.HouseholdBody, response: { 200: S.HouseholdResult },
  };
  // Whose data a household answer read: the members named by relation, kept for the read's audit entries.
  const members = new WeakMap<FastifyRequest, AuditSubject[]>();
  return [
    agencyRoute<typeof household>({
      method: 'POST',
      url: '/api/v1/exchange/households',
      service: 'household.members',
      audit: { action: 'exchange.household.lookup', fields: [], subjects: (_r, req) => members.get(req) ?? [] },
      schema: household,
      handler: async (req, agency) => {
        const { subjects, ...result } = await exchange.household(agency, req.body);
        members.set(req, subjects);
        return result;
      },
    }),
    agencyRoute<typeof ask>({
      method: 'POST',
      url: '/api/v1/exchange/consent-requests',
      audit: 'exchange.consent.requested',
      schema: ask,
      handler: async (req, agency, reply) => {
        reply.code(201);
        return exchange.askConsent(agency, req.body);
      },
    }),
    agencyRoute<typeof status>({
      method: 'GET',
      url: '/api/v1/exchange/consent-requests/:id',
      // The agency's own request and the answer: what it sent, and what the citizen decided.
      audit: 'none',
      schema: status,
      handler: async (req, agency) => exchange.consentOfAgency(agency, req.params.id),
    }),
  ];
}

/** The citizen's side: the consents asked of them, approve, refuse, revoke (registered by the module's routes). */
export function citizenConsentRoutes(exchange: ExchangeService) {
  return async function (app: FastifyInstance) {
    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/consents',
      // The citizen's own consents: agencies, purposes and field names, no registry data.
      audit: 'none',
      schema: { tags: CITIZEN_TAG, summary: 'Các yêu cầu đồng ý chia sẻ dữ liệu gửi đến tôi (chờ trả lời trước) và các sự đồng ý đã cho', response: { 200: Type.Array(S.CitizenConsent) } },
      handler: async (_req, caller) => exchange.ownConsents(caller),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/citizen/consents/:id/approve',
      audit: 'exchange.consent.approved',
      schema: {
        tags: CITIZEN_TAG, summary: 'Đồng ý chia sẻ: chọn các trường và thời hạn (tài khoản phải ở mức định danh dịch vụ yêu cầu)',
        params: IdParams, body: S.ConsentApproval, response: { 200: S.CitizenConsent },
      },
      handler: async (req, caller) => exchange.approveConsent(caller, req.params.id, req.body),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/citizen/consents/:id/refuse',
      audit: 'exchange.consent.refused',
      schema: { tags: CITIZEN_TAG, summary: 'Từ chối chia sẻ dữ liệu', params: IdParams, response: { 200: S.CitizenConsent } },
      handler: async (req, caller) => exchange.refuseConsent(caller, req.params.id),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/citizen/consents/:id/revoke',
      audit: 'exchange.consent.revoked',
      schema: { tags: CITIZEN_TAG, summary: 'Thu hồi sự đồng ý (có hiệu lực từ lần khai thác tiếp theo)', params: IdParams, response: { 200: S.CitizenConsent } },
      handler: async (req, caller) => exchange.revokeConsent(caller, req.params.id),
    }));
  };
}
