import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { citizenRoute, officerRoute } from '../../../platform/access.js';
import { subjectShown } from '../../../platform/audit.js';
import { GroupView } from '../groups/schema.js';
import { Id } from '../schema.js';
import type { LifeEvents } from './service.js';
import * as L from './schema.js';

const TAG = ['Dịch vụ công: sự kiện cuộc đời, lời nhắc'];
const PURPOSE = 'Gợi ý thủ tục liên thông và nhắc việc cho công dân';

/** Routes of life-event offers, the hospital counter's birth notice and the citizen's reminders (registered by ../routes.ts). */
export function lifeRoutes(life: LifeEvents) {
  return async function (app: FastifyInstance) {
    app.route(officerRoute('services.births.notify', {
      method: 'POST',
      url: '/api/v1/services/birth-notices',
      audit: 'services.birth-notice.declared',
      purpose: 'Báo sinh tại cơ sở khám bệnh, chữa bệnh để cha mẹ đăng ký khai sinh liên thông',
      schema: {
        tags: TAG,
        summary: 'Quầy bệnh viện báo sinh (dữ liệu giấy chứng sinh): mẹ và cha (nếu là vợ chồng trong cùng hộ) nhận gợi ý đăng ký khai sinh liên thông',
        description: 'Trả lời giống nhau dù Cơ sở dữ liệu có số định danh của mẹ hay không.',
        body: L.BirthNoticeBody, response: { 201: L.BirthNoticeReceipt },
      },
      handler: async (req, caller, reply) => {
        reply.code(201);
        return life.declareBirth(caller, req.body);
      },
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/services/life-events',
      audit: {
        action: 'services.life-event.own-read', fields: ['lifeOffers', 'reminders'], purpose: PURPOSE,
        subjects: (r) => [...r.offers, ...r.reminders.slice(0, 1)].map(subjectShown),
      },
      schema: { tags: TAG, summary: 'Gợi ý thủ tục liên thông (sinh con, người thân mất) và lời nhắc của tôi', response: { 200: L.LifeEventsView } },
      handler: async (_req, caller) => life.own(caller),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/services/life-events/offers/:id/acceptance',
      audit: 'services.group.started',
      purpose: 'Công dân thực hiện thủ tục hành chính liên thông',
      schema: {
        tags: TAG,
        summary: 'Nhận gợi ý: mở hồ sơ liên thông với tờ khai đã điền sẵn (bản nháp bước đầu để tải giấy tờ và nộp)',
        description: 'Bấm lại trả về nhóm đã mở.',
        params: Id, body: Type.Optional(L.AcceptBody), response: { 201: GroupView },
      },
      handler: async (req, caller, reply) => {
        reply.code(201);
        return life.accept(caller, req.params.id, req.body?.forms);
      },
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/services/life-events/offers/:id/dismissal',
      audit: 'services.life-offer.dismissed',
      purpose: PURPOSE,
      schema: { tags: TAG, summary: 'Bỏ qua gợi ý thủ tục', params: Id, response: { 200: L.Dismissed } },
      handler: async (req, caller) => life.dismiss(caller, req.params.id),
    }));
  };
}
