import type { FastifyInstance } from 'fastify';
import { citizenRoute, publicRoute } from '../../../platform/access.js';
import { subjectShown } from '../../../platform/audit.js';
import { Id, SubmitHeaders } from '../schema.js';
import type { LinkedGroups } from './service.js';
import * as G from './schema.js';

const TAG = ['Dịch vụ công: liên thông'];
const PURPOSE = 'Công dân thực hiện thủ tục hành chính liên thông';
const FIELDS = ['steps', 'timeline', 'dueAt'];

/** Routes of the linked groups (registered by ../routes.ts). */
export function groupRoutes(groups: LinkedGroups) {
  return async function (app: FastifyInstance) {
    app.route(publicRoute({
      method: 'GET',
      url: '/api/v1/services/linked-groups',
      audit: 'none',
      schema: { tags: TAG, summary: 'Các nhóm thủ tục liên thông đang áp dụng (NĐ 63/2024/NĐ-CP) và các bước của nhóm', response: { 200: G.LinkedGroupList } },
      handler: async () => groups.list(),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/services/groups',
      audit: 'services.group.started',
      purpose: PURPOSE,
      schema: {
        tags: TAG,
        summary: 'Bắt đầu hồ sơ liên thông: tờ khai mọi bước điền sẵn từ dữ liệu dân cư; bước đầu là bản nháp để tải giấy tờ và nộp',
        body: G.GroupStartBody, response: { 201: G.GroupView },
      },
      handler: async (req, caller, reply) => {
        reply.code(201);
        return groups.start(caller, req.body);
      },
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/services/groups/:id/submission',
      audit: 'services.group.submitted',
      purpose: PURPOSE,
      schema: {
        tags: TAG,
        summary: 'Nộp hồ sơ liên thông một lần: bước đầu được nộp; mỗi bước sau tự mở ở cơ quan của nó khi bước trước được phê duyệt',
        description: 'Gửi lại cùng Idempotency-Key không tạo hồ sơ thứ hai.',
        params: Id, headers: SubmitHeaders, response: { 200: G.GroupView },
      },
      handler: async (req, caller) => groups.submit(caller, req.params.id, req.headers['idempotency-key']),
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/services/groups',
      audit: { action: 'services.group.own-read', fields: FIELDS, subjects: (r) => r.items.slice(0, 1).map(subjectShown), purpose: PURPOSE },
      schema: { tags: TAG, summary: 'Hồ sơ liên thông của tôi', querystring: G.GroupQuery, response: { 200: G.GroupList } },
      handler: async (req, caller) => groups.listOwn(caller, req.query.limit ?? 20, req.query.offset ?? 0),
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/services/groups/:id',
      audit: { action: 'services.group.own-read', fields: FIELDS, subjects: (r) => [subjectShown(r)], purpose: PURPOSE },
      schema: { tags: TAG, summary: 'Hồ sơ liên thông của tôi: các bước, một dòng thời gian, hạn của cả nhóm', params: Id, response: { 200: G.GroupView } },
      handler: async (req, caller) => groups.getOwn(caller, req.params.id),
    }));
  };
}
