import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { publicRoute } from '../../platform/access.js';
import type { OutboxStore } from './outbox.js';

const OutboxView = Type.Object({
  items: Type.Array(Type.Object({
    id: Type.Integer(),
    channel: Type.Literal('sms'),
    recipientMasked: Type.String(),
    body: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
  })),
});

/** Registered only when DA06_ENV is development or test (app.ts): elsewhere the path answers 404. */
export function devOutboxRoutes(outbox: OutboxStore) {
  return async function (app: FastifyInstance) {
    app.route(publicRoute({
      method: 'GET',
      url: '/api/v1/dev/outbox',
      schema: {
        tags: ['Phát triển'],
        summary: 'Tin nhắn đã gửi (chỉ có ở môi trường phát triển và kiểm thử)',
        querystring: Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) }, { additionalProperties: false }),
        response: { 200: OutboxView },
      },
      // Development only; recipients are masked.
      audit: 'none',
      handler: async (req) => ({ items: await outbox.latest(req.query.limit) }),
    }));
  };
}
