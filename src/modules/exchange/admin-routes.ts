import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import { Type } from '@sinclair/typebox';
import { officerRoute } from '../../platform/access.js';
import type { ExchangeAdmin } from './admin.js';
import type { ExchangeService } from './service.js';
import { ADMIN_TAG, type AgencySpec } from './routes.js';
import * as S from './schema.js';

/** The agency's own console: its calls per day and its refused answers, with its own token (the agency routes of routes.ts). */
export function agencyUsageRoutes(admin: ExchangeAdmin, agencyRoute: <Sc extends FastifySchema>(spec: AgencySpec<Sc>) => RouteOptions): RouteOptions[] {
  return [agencyRoute({
    method: 'GET',
    url: '/api/v1/exchange/usage',
    logged: false,
    // Counts of the agency's own calls: no personal data.
    audit: 'none',
    schema: {
      summary: 'Số lượt gọi theo ngày của chính cơ quan (theo quyền khai thác, so với hạn mức) và các câu trả lời lỗi theo nhật ký trao đổi',
      headers: S.AuthorizationHeaders, querystring: S.OwnUsageQuery, response: { 200: S.UsageReport },
    },
    handler: async (req, agency) => admin.ownUsage(agency, req.query),
  }), agencyRoute({
    method: 'GET',
    url: '/api/v1/exchange/calls',
    logged: false,
    // The agency's own calls: times, services, purposes, statuses, codes and hashes; no personal ID.
    audit: 'none',
    schema: {
      summary: 'Các lần gọi của chính cơ quan, mới nhất trước (theo trang): thời điểm, dịch vụ, mục đích, trạng thái và mã lỗi của câu trả lời, mã băm của yêu cầu',
      headers: S.AuthorizationHeaders, querystring: S.OwnCallsQuery, response: { 200: S.OwnCalls },
    },
    handler: async (req, agency) => admin.ownCalls(agency, req.query),
  })];
}

/** Usage per day, keys rotated and agencies disabled, for the administrator and the data owner. */
export function exchangeAdminRoutes(admin: ExchangeAdmin, exchange: ExchangeService) {
  return async function (app: FastifyInstance) {
    app.route(officerRoute('exchange.usage.read', {
      method: 'GET',
      url: '/api/v1/exchange/usage/daily',
      // Counts per agency, service and day: no personal data.
      audit: 'none',
      schema: {
        tags: ADMIN_TAG, summary: 'Số lượt gọi theo ngày của các cơ quan kết nối trong tỉnh: theo quyền khai thác so với hạn mức, và các câu trả lời lỗi',
        querystring: S.UsageQuery, response: { 200: S.UsageReport },
      },
      handler: async (req, caller) => admin.usage(caller, req.query),
    }));

    app.route(officerRoute('exchange.manage', {
      method: 'GET',
      url: '/api/v1/exchange/agency-grants',
      audit: 'none',
      schema: { tags: ADMIN_TAG, summary: 'Các quyền khai thác đã đề nghị cho cơ quan kết nối trong tỉnh và trạng thái phê duyệt', response: { 200: Type.Array(S.GrantWithAgency) } },
      handler: async (_req, caller) => exchange.grants(caller),
    }));

    app.route(officerRoute('exchange.manage', {
      method: 'POST',
      url: '/api/v1/exchange/agencies/:id/disable',
      audit: 'exchange.agency.disabled',
      schema: { tags: ADMIN_TAG, summary: 'Ngừng kết nối của cơ quan: mọi lời gọi của hệ thống cơ quan bị từ chối từ yêu cầu tiếp theo', params: S.IdParams, response: { 200: S.Agency } },
      handler: async (req, caller) => admin.disableAgency(caller, req.params.id),
    }));

    app.route(officerRoute('exchange.manage', {
      method: 'POST',
      url: '/api/v1/exchange/agencies/:id/enable',
      audit: 'exchange.agency.enabled',
      schema: {
        tags: ADMIN_TAG, summary: 'Cho cơ quan đã bị ngừng kết nối lại (kèm lý do, ghi vào nhật ký truy cập): quyền khai thác, khóa và nhật ký trao đổi giữ nguyên',
        params: S.IdParams, body: S.AgencyEnableBody, response: { 200: S.Agency },
      },
      handler: async (req, caller) => admin.enableAgency(caller, req.params.id, req.body),
    }));

    app.route(officerRoute('exchange.manage', {
      method: 'GET',
      url: '/api/v1/exchange/agencies/:id/keys',
      audit: 'none',
      schema: { tags: ADMIN_TAG, summary: 'Các khóa công khai đang có hiệu lực của hệ thống cơ quan (private_key_jwt)', params: S.IdParams, response: { 200: S.AgencyKeys } },
      handler: async (req, caller) => admin.keys(caller, req.params.id),
    }));

    app.route(officerRoute('exchange.manage', {
      method: 'POST',
      url: '/api/v1/exchange/agencies/:id/keys',
      audit: 'exchange.agency.key_added',
      schema: {
        tags: ADMIN_TAG, summary: 'Thêm khóa công khai mới (JWK có kid) cho hệ thống cơ quan; các khóa cũ vẫn có hiệu lực đến khi bị ngừng',
        params: S.IdParams, body: S.AgencyKeyBody, response: { 201: S.AgencyKeys },
      },
      handler: async (req, caller, reply) => {
        reply.code(201);
        return admin.addKey(caller, req.params.id, req.body.jwk);
      },
    }));

    app.route(officerRoute('exchange.manage', {
      method: 'POST',
      url: '/api/v1/exchange/agencies/:id/keys/:kid/retire',
      audit: 'exchange.agency.key_retired',
      schema: {
        tags: ADMIN_TAG, summary: 'Ngừng một khóa công khai: xác thực ký bằng khóa này bị từ chối (sau vài giây); mã truy cập đã cấp dùng đến khi hết hạn',
        params: S.KidParams, response: { 200: S.AgencyKeys },
      },
      handler: async (req, caller) => admin.retireKey(caller, req.params.id, req.params.kid),
    }));
  };
}
