import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { freshDb } from '../testing/db.js';
import '../testing/audit-actions.js';
import { publicRoute, useAuditWriter } from './access.js';
import { AuditWriter, audited, verifyAudit } from './audit.js';
import { installErrorHandling } from './http.js';
import { DomainError } from './errors.js';
import type { Db } from './db.js';

let db: Db & { dispose(): Promise<void> };
let app: FastifyInstance;

const entries = async (action: string) =>
  (await db.query<{ subject_id: string; request_id: string; actor_id: string; data: string | null; purpose: string | null }>(
    'SELECT subject_id, request_id, actor_id, data, purpose FROM audit_log WHERE action = $1 ORDER BY seq', [action],
  )).rows;

beforeAll(async () => {
  db = await freshDb();
  const writer = new AuditWriter(db);
  useAuditWriter(writer);
  app = Fastify();
  app.decorateRequest('caller', null as never);
  app.addHook('onRequest', async (req) => {
    req.caller = { kind: 'anonymous' };
  });
  installErrorHandling(app, { spaFallback: false });
  app.route(publicRoute({
    method: 'POST',
    url: '/things/:id',
    audit: 'test.with-data',
    purpose: 'Thử ghi',
    schema: { params: Type.Object({ id: Type.String({ pattern: '^\\d+$' }) }), body: Type.Object({ fail: Type.Boolean() }), response: { 201: Type.Object({ id: Type.String() }) } },
    handler: async (req, _caller, reply) => {
      await db.transaction(async (tx) => {
        await audited(tx, { subjectKind: 'thing', subjectId: req.params.id, data: { n: Number(req.params.id) } });
        if (req.body.fail) throw new DomainError('VALIDATION_FAILED');
      });
      reply.code(201);
      return { id: req.params.id };
    },
  }));
  app.route(publicRoute({
    method: 'POST',
    url: '/forgetful',
    audit: 'test.write',
    schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } },
    handler: async () => ({ ok: true }),
  }));
  app.route(publicRoute({
    method: 'POST',
    url: '/bad-data',
    audit: 'test.with-data',
    schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } },
    handler: async () => {
      await db.transaction((tx) => audited(tx, { subjectId: 'x', data: { n: 'not a number' } }));
      return { ok: true };
    },
  }));
  app.route(publicRoute({
    method: 'GET',
    url: '/people',
    audit: { action: 'test.read', fields: ['fullName'], subjects: (r) => r.items.map((p) => ({ kind: 'person', id: p.id })), purpose: 'Thử xem' },
    schema: {
      querystring: Type.Object({ n: Type.Integer(), purpose: Type.Optional(Type.String()) }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), fullName: Type.String() })) }) },
    },
    handler: async (req) => ({ items: Array.from({ length: req.query.n }, (_, i) => ({ id: `p${i}`, fullName: 'Nguyễn Văn A' })) }),
  }));
  await app.ready();
});

afterAll(async () => {
  await app?.close();
  await db?.dispose();
});

describe('routes that declare their audit action', () => {
  it('write exactly one entry of the declared action, with the request id, the purpose and checked data, in the transaction of the write', async () => {
    const res = await app.inject({ method: 'POST', url: '/things/42', payload: { fail: false } });
    expect(res.statusCode).toBe(201);
    const rows = await entries('test.with-data');
    expect(rows).toEqual([{ subject_id: '42', request_id: res.headers['request-id'] ?? rows[0].request_id, actor_id: 'public', data: '{"n":42}', purpose: 'Thử ghi' }]);
    expect(rows[0].request_id).toBeTruthy();
  });

  it('leave no entry when the write fails', async () => {
    const before = (await entries('test.with-data')).length;
    const res = await app.inject({ method: 'POST', url: '/things/43', payload: { fail: true } });
    expect(res.statusCode).toBe(400);
    expect((await entries('test.with-data')).length).toBe(before);
  });

  it('refuse to answer success for a write that wrote no entry, and data that does not match the action schema', async () => {
    expect((await app.inject({ method: 'POST', url: '/forgetful' })).statusCode).toBe(500);
    expect((await app.inject({ method: 'POST', url: '/bad-data' })).statusCode).toBe(500);
    expect(await entries('test.write')).toEqual([]);
  });

  it('record a read once per person shown, before the answer, with the stated purpose', async () => {
    const res = await app.inject({ method: 'GET', url: '/people?n=3&purpose=Kiểm tra' });
    expect(res.statusCode).toBe(200);
    const rows = await entries('test.read');
    expect(rows.map((r) => [r.subject_id, r.purpose])).toEqual([['p0', 'Kiểm tra'], ['p1', 'Kiểm tra'], ['p2', 'Kiểm tra']]);
    await app.inject({ method: 'GET', url: '/people?n=1' });
    expect((await entries('test.read')).at(-1)?.purpose).toBe('Thử xem');
    expect((await verifyAudit(db)).ok).toBe(true);
  });
});
