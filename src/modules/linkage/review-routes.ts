import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { citizenRoute, officerRoute } from '../../platform/access.js';
import { subjectShown } from '../../platform/audit.js';
import type { Review } from './review.js';
import * as S from './schema.js';

const TAG = ['Đối sánh danh sách với CSDL dân cư'];
const CITIZEN_TAG = ['Công dân: dòng danh sách nêu tên tôi'];
const CITIZEN_PURPOSE = 'Công dân xem các dòng danh sách của ngành nêu tên mình để xác nhận';
const PURPOSE = 'Xem xét kết quả đối sánh: so dòng danh sách của ngành với hồ sơ dân cư của người được đề xuất';

/** The review queue (registry officers of the candidate's commune), the source's suggested thresholds, and the citizen's "Đây là tôi". */
export function reviewRoutes(review: Review) {
  return async function (app: FastifyInstance) {
    app.route(officerRoute('linkage.review', {
      method: 'GET',
      url: '/api/v1/linkage/review-items',
      audit: { action: 'linkage.review.read', fields: ['fullName', 'dateOfBirth', 'candidate'], subjects: (r) => r.items.map(subjectShown), purpose: PURPOSE },
      schema: {
        tags: TAG, summary: 'Hàng chờ xem xét: các dòng chưa chắc chắn có người được đề xuất sống trong địa bàn của cán bộ (cũ nhất trước)',
        querystring: S.QueueQuery, response: { 200: S.QueuePage },
      },
      handler: async (req, caller) => review.queue(caller, req.query),
    }));

    app.route(officerRoute('linkage.review', {
      method: 'GET',
      url: '/api/v1/linkage/review-items/:runId/:row',
      audit: { action: 'linkage.review.read', fields: ['personalId', 'fullName', 'dateOfBirth', 'sex', 'commune'], subjects: (r) => (r.candidates.length ? r.candidates.map(subjectShown) : [subjectShown(r)]), purpose: PURPOSE },
      schema: { tags: TAG, summary: 'Một dòng cần xem xét bên cạnh hồ sơ dân cư của người được đề xuất', params: S.ReviewKey, response: { 200: S.ReviewItem } },
      handler: async (req, caller) => review.item(caller, req.params.runId, req.params.row),
    }));

    app.route(officerRoute('linkage.review', {
      method: 'POST',
      url: '/api/v1/linkage/review-items/:runId/:row/decision',
      audit: 'linkage.review.decided',
      purpose: PURPOSE,
      schema: {
        tags: TAG, summary: 'Quyết định dòng cần xem xét: chấp nhận người được đề xuất, bác bỏ, hoặc chọn người khác trong địa bàn; bắt buộc có lý do',
        params: S.ReviewKey, body: S.ReviewDecision, response: { 200: S.Decided },
      },
      handler: async (req, caller) => review.decide(caller, req.params.runId, req.params.row, req.body),
    }));

    app.route(officerRoute('linkage.run', {
      method: 'GET',
      url: '/api/v1/linkage/sources/:source/suggestion',
      audit: 'none',
      schema: { tags: TAG, summary: 'Ngưỡng gợi ý của nguồn, học từ các quyết định xem xét (xác suất thấp nhất được chấp nhận, cao nhất bị bác bỏ)', params: S.SourceParams, response: { 200: S.Suggestion } },
      handler: async (req, caller) => review.suggestion(caller, req.params.source),
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/linkage-rows',
      // The citizen's own rows: what the source listed about them (name, birth date), nobody else's data; one entry in their own history.
      audit: { action: 'linkage.citizen.read', fields: ['fullName', 'dateOfBirth'], subjects: (r, req) => (r.length && req.caller.kind === 'citizen' ? [{ kind: 'person', id: req.caller.personalId }] : []), purpose: CITIZEN_PURPOSE },
      schema: { tags: CITIZEN_TAG, summary: 'Các dòng danh sách của ngành đang chờ xác nhận có thể là tôi', response: { 200: Type.Array(S.CitizenRow) } },
      handler: async (_req, caller) => review.pendingOf(caller),
    }));

    for (const [verb, mine] of [['confirm', true], ['refuse', false]] as const) {
      app.route(citizenRoute({
        method: 'POST',
        url: `/api/v1/citizen/linkage-rows/:runId/:row/${verb}`,
        audit: 'linkage.citizen.answered',
        schema: {
          tags: CITIZEN_TAG, summary: mine ? '"Đây là tôi": gắn dòng với số định danh của tôi (danh sách nhạy cảm cần tài khoản mức độ 2)' : '"Không phải tôi": dòng không gắn với tôi',
          params: S.ReviewKey, response: { 200: S.CitizenAnswer },
        },
        handler: async (req, caller) => review.answer(caller, req.params.runId, req.params.row, mine),
      }));
    }
  };
}
