import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { freshDb } from '../testing/db.js';
import '../testing/audit-actions.js';
import { publicRoute, streamedRead, useAuditWriter } from './access.js';
import { AuditWriter, appendAudit, audited, identifiedNobody, shownAs, subjectShown, unchanged, verifyAudit } from './audit.js';
import { currentContext, runAs } from './context.js';
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
    url: '/repeat',
    audit: 'test.write',
    schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } },
    handler: async () => {
      unchanged();
      return { ok: true };
    },
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
  app.route(publicRoute({
    method: 'POST',
    url: '/caught',
    audit: 'test.write',
    schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } },
    // The entry is written, then its transaction rolls back; the handler goes on as if the write had happened.
    handler: async () => {
      await db.transaction(async (tx) => {
        await audited(tx, { subjectId: 'rolled-back' });
        throw new Error('rolled back');
      }).catch(() => undefined);
      return { ok: true };
    },
  }));
  app.route(publicRoute({
    method: 'POST',
    url: '/scan',
    audit: { oneOf: ['test.entry', 'test.odd'] },
    schema: { querystring: Type.Object({ n: Type.Integer(), nobody: Type.Optional(Type.Boolean()) }), response: { 200: Type.Object({ ok: Type.Boolean() }) } },
    // A module that chooses its action writes its entries itself, as a verification's log does.
    handler: async (req) => {
      const requestId = currentContext()?.requestId;
      await db.transaction((tx) => appendAudit(tx, Array.from({ length: req.query.n }, (_, i) => ({
        actorKind: 'system' as const, actorId: 'quay', action: i % 2 ? 'test.odd' as const : 'test.entry' as const, subjectId: `s${i}`, requestId,
      }))));
      if (req.query.nobody) identifiedNobody();
      return { ok: true };
    },
  }));
  app.route(publicRoute({
    method: 'POST',
    url: '/sign-in',
    audit: 'test.entry',
    schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } },
    // The request comes in anonymous; its first entry names the citizen it authenticates, and only that one.
    handler: async () => {
      await runAs({ kind: 'citizen', id: '77' }, () => db.transaction((tx) => audited(tx, { subjectId: 'as-citizen' })));
      await db.transaction((tx) => audited(tx, { subjectId: 'as-caller' }));
      return { ok: true };
    },
  }));
  app.route(publicRoute({
    method: 'GET',
    url: '/stream',
    audit: { action: 'test.stream', fields: ['fullName'], subjects: () => [], purpose: 'Thử luồng' },
    schema: { response: { 200: Type.String() } },
    handler: async (_req, _caller, reply) => {
      const record = streamedRead((part: { id: string }) => [{ kind: 'person', id: part.id }]);
      reply.hijack();
      reply.raw.writeHead(200, { 'content-type': 'text/event-stream' });
      // Parts leave after the handler has returned, each once its entry is durable.
      setTimeout(() => {
        void (async () => {
          for (const id of ['e1', 'e2']) {
            await record({ id });
            reply.raw.write(`data: ${id}\n\n`);
          }
          reply.raw.end();
        })();
      }, 10);
      return reply;
    },
  }));
  app.route(publicRoute({
    method: 'GET',
    url: '/masked',
    audit: { action: 'test.masked', fields: ['fullName'], subjects: (r) => r.items.map(subjectShown), purpose: 'Thử che số' },
    schema: {
      querystring: Type.Object({ unmarked: Type.Optional(Type.Boolean()) }),
      response: { 200: Type.Object({ items: Type.Array(Type.Object({ idMasked: Type.String() })) }) },
    },
    handler: async (req) => ({
      items: [
        shownAs({ idMasked: '082***0001' }, { kind: 'person', id: '082084000001' }),
        shownAs({ idMasked: '082***0002' }, { kind: 'passport', id: 'VN:B1234567', fields: ['passport'] }),
        ...(req.query.unmarked ? [{ idMasked: '082***0003' }] : []),
      ],
    }),
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

  it('answer an idempotent repeat that says it changed nothing without an entry', async () => {
    expect((await app.inject({ method: 'POST', url: '/repeat' })).statusCode).toBe(200);
    expect(await entries('test.write')).toEqual([]);
  });

  it('count an entry only once its transaction commits: a write whose entry rolled back has none', async () => {
    expect((await app.inject({ method: 'POST', url: '/caught' })).statusCode).toBe(500);
    expect(await entries('test.write')).toEqual([]);
  });

  it('hold a route that chooses its action to exactly one entry of its list, none when its scan identified nobody', async () => {
    const scan = async (query: string) => (await app.inject({ method: 'POST', url: `/scan?${query}` })).statusCode;
    expect(await scan('n=1')).toBe(200);
    expect(await scan('n=0')).toBe(500);
    expect(await scan('n=2')).toBe(500);
    expect(await scan('n=0&nobody=true')).toBe(200);
    expect(await scan('n=1&nobody=true')).toBe(500);
  });

  it('take only a transaction\'s handle for an entry, by type and at run time', async () => {
    const entry = { actorKind: 'system' as const, actorId: 'x', action: 'test.entry' as const };
    // @ts-expect-error the database itself is not the transaction of a change
    await expect(appendAudit(db, [entry])).rejects.toThrow(/transaction/);
    await expect(db.transaction(async (tx) => appendAudit(tx, [entry]))).resolves.toBeUndefined();
  });

  it('name another actor only inside a scoped run: the request\'s own context is left as it was', async () => {
    const res = await app.inject({ method: 'POST', url: '/sign-in' });
    expect(res.statusCode).toBe(200);
    const rows = (await db.query<{ subject_id: string; actor_kind: string; actor_id: string }>(
      `SELECT subject_id, actor_kind, actor_id FROM audit_log WHERE action = 'test.entry' AND subject_id LIKE 'as-%' ORDER BY seq`,
    )).rows;
    expect(rows).toEqual([
      { subject_id: 'as-citizen', actor_kind: 'citizen', actor_id: '77' },
      { subject_id: 'as-caller', actor_kind: 'system', actor_id: 'public' },
    ]);
  });

  it('record each part of a streamed read under the route\'s declaration, before the part leaves', async () => {
    const res = await app.inject({ method: 'GET', url: '/stream' });
    expect(res.body).toBe('data: e1\n\ndata: e2\n\n');
    const rows = await entries('test.stream');
    expect(rows.map((r) => [r.subject_id, r.purpose, r.actor_id])).toEqual([['e1', 'Thử luồng', 'public'], ['e2', 'Thử luồng', 'public']]);
    expect(rows[0].request_id).toBeTruthy();
  });

  it('name the people of a masked list from the marks its service left, and refuse an unmarked item', async () => {
    expect((await app.inject({ method: 'GET', url: '/masked' })).statusCode).toBe(200);
    const rows = (await db.query<{ subject_kind: string; subject_id: string; fields: string[]; purpose: string }>(
      `SELECT subject_kind, subject_id, fields, purpose FROM audit_log WHERE action = 'test.masked' ORDER BY seq`,
    )).rows;
    expect(rows).toEqual([
      { subject_kind: 'person', subject_id: '082084000001', fields: ['fullName'], purpose: 'Thử che số' },
      { subject_kind: 'passport', subject_id: 'VN:B1234567', fields: ['passport'], purpose: 'Thử che số' },
    ]);
    expect((await app.inject({ method: 'GET', url: '/masked?unmarked=true' })).statusCode).toBe(500);
    expect((await db.query(`SELECT 1 FROM audit_log WHERE action = 'test.masked'`)).rows).toHaveLength(2);
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
