import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { TRUST_KEEPING_ROLES, testApp, type Session, type TestApp } from './testing/app.js';
import { registerCitizen, type CitizenSession } from './testing/citizen.js';
import { COMMUNE_A, SIGN_UPS, insertFixturePeople } from './modules/registry/testing.js';
import { verifyAudit } from './platform/audit.js';
import { fixtureCatalogue, fixtureForms } from './modules/services/testing.js';
import type { Permission } from './platform/access.js';
import type { Role } from './roles.js';

// Every route of the OpenAPI document the app serves, called by a caller allowed to call it, with
// arbitrary text (control characters and lone surrogates included) in its string fields: never a 5xx,
// every error problem+json, and a clean audited read sent at the same moment always answers 200.

type Schema = {
  type?: string | string[]; properties?: Record<string, Schema>; required?: string[]; items?: Schema; enum?: unknown[];
  anyOf?: Schema[]; minItems?: number; maxLength?: number; minimum?: number; maximum?: number;
};
type Parameter = { in: 'path' | 'query' | 'header' | 'cookie'; name: string; required?: boolean; schema: Schema };
type Operation = { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> }; 'x-access'?: string };

/** Fixed, so a failure reproduces; FUZZ_SEED and FUZZ_RUNS explore further (e.g. FUZZ_RUNS=100). */
const SEED = Number(process.env.FUZZ_SEED ?? 20261206);
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 8);

/** Routes left out: they end the caller's own session, or never answer (an event stream). */
const SKIPPED = new Set(['DELETE /api/v1/session', 'DELETE /api/v1/citizen/session', 'GET /api/v1/lodging/alerts/stream']);

let t: TestApp;
const ROLE_OF = {
  registry: 'commune_registry', reader: 'province_registry', auditor: 'auditor', admin: 'admin', police: 'commune_police', desk: 'rp_staff', ioc: 'working_group',
  accountant: 'accountant', copies: 'civil_status_officer',
} as const satisfies Record<string, Role>;
let callers: Record<keyof typeof ROLE_OF, Session>;
let citizen: CitizenSession;
let cleanReads = 0;

beforeAll(async () => {
  t = await testApp({}, { roles: TRUST_KEEPING_ROLES });
  // Services' routes run on test procedures until the catalogue's data land (services/testing.ts).
  t.services.services.useReferenceData({ catalogue: fixtureCatalogue(), forms: fixtureForms });
  await insertFixturePeople(t.db);
  const police = await t.officer('ca.xa', 'commune_police', COMMUNE_A);
  const facility = await t.app.inject({
    method: 'POST', url: '/api/v1/lodging/facilities', headers: police.headers,
    payload: { name: 'Khách sạn Thử', kind: 'hotel', starClass: 2, communeCode: COMMUNE_A, address: '1 Lê Lợi', capacity: 10, ownerName: 'Lê Văn Chủ', phone: '0912345001' },
  });
  const staff = await t.app.inject({ method: 'POST', url: `/api/v1/lodging/facilities/${facility.json().id}/staff`, headers: police.headers, payload: { username: 'le.tan', fullName: 'Lễ tân' } });
  callers = {
    registry: await t.officer('xa.dk', 'commune_registry', COMMUNE_A),
    reader: await t.officer('tinh.doc', 'province_registry', '82'),
    auditor: await t.officer('kiem.tra', 'auditor', '82'),
    // The administrator administers another province than the other callers: fuzzed account ids (disable,
    // password reset) then reach only accounts it may not touch (404), never a caller's session.
    admin: await t.officer('quan.tri', 'admin', '79'),
    police,
    desk: await t.firstSignIn('le.tan', staff.json().password as string),
    ioc: await t.officer('to.cong.tac', 'working_group', '82'),
    accountant: await t.officer('ke.toan', 'accountant', '82'),
    copies: await t.officer('tu.phap', 'civil_status_officer', COMMUNE_A),
  };
  citizen = await registerCitizen(t, SIGN_UPS.an);
}, 120_000);
afterAll(() => t?.close());

/**
 * Who calls a route: one holding the tier the route declares (`x-access` in the OpenAPI document, from
 * access.ts), so a new route or permission is covered without editing this file; a permission no caller
 * below holds fails the test instead of being called by someone refused at the door.
 */
function callerOf(path: string, op: Operation): Record<string, string> {
  const access = op['x-access'] ?? '';
  if (access === 'citizen') return citizen.headers;
  if (access === 'verifier') return callers.desk.headers;
  if (access === 'public') {
    // The sign-in interactions are public routes that act on the citizen's (or officer's) own session.
    return path.startsWith('/api/v1/oidc/interactions') && !path.endsWith('/officer-login') ? citizen.headers : callers.registry.headers;
  }
  const permission = access.replace(/^officer:/, '') as Permission;
  const holder = (Object.keys(ROLE_OF) as (keyof typeof ROLE_OF)[]).find((k) => (TRUST_KEEPING_ROLES[ROLE_OF[k]].permissions as readonly string[]).includes(permission));
  expect(holder, `no test caller holds ${access} (${path})`).toBeDefined();
  return callers[holder!].headers;
}

/** Text a route may meet: well-formed values it knows, anything at all, and known values with a bad character slipped in. */
const SAMPLES = ['082084001234', '087090004567', COMMUNE_A, '82', '2025', 'pre2025', 'HK-A', 'Nguyễn Văn An', '1984-05-12', 'Nam', 'Nữ', '1', 'x', ''];
const BAD = ['\u0000', '\u0000', '\u0000', '\u0001', '\u001b', '\u007f', '\ud800', '\udfff', '\t', '\r\n', '\u202e', '\uffff'];
const text: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...SAMPLES), weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 40 }), weight: 1 },
  { arbitrary: fc.tuple(fc.constantFrom(...SAMPLES), fc.constantFrom(...BAD), fc.nat(20)).map(([s, bad, at]) => s.slice(0, at) + bad + s.slice(at)), weight: 3 },
);

function valueOf(schema: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => valueOf(s, depth)));
  if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum), text);
  const type = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  switch (type) {
    case 'string': return text;
    case 'integer': case 'number': {
      const min = schema.minimum ?? 0;
      return fc.integer({ min, max: Math.max(min, Math.min(schema.maximum ?? min + 50, min + 50)) });
    }
    case 'boolean': return fc.boolean();
    case 'array': return depth > 3 ? fc.constant([]) : fc.array(valueOf(schema.items ?? {}, depth + 1), { minLength: schema.minItems ?? 0, maxLength: Math.max(schema.minItems ?? 0, 2) });
    case 'object': {
      if (depth > 3 || !schema.properties) return fc.constant({});
      const required = new Set(schema.required ?? []);
      const entries = Object.entries(schema.properties).map(([k, s]) => [k, required.has(k) ? valueOf(s, depth + 1) : fc.option(valueOf(s, depth + 1), { nil: undefined })] as const);
      return fc.record(Object.fromEntries(entries));
    }
    default: return fc.oneof(text, fc.integer());
  }
}

/** A URL carries UTF-8: a lone surrogate travels as the bytes it would have (WTF-8), which are not UTF-8. */
function percentEncode(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xd800 && c <= 0xdfff) out += `%${(0xe0 | (c >> 12)).toString(16)}%${(0x80 | ((c >> 6) & 0x3f)).toString(16)}%${(0x80 | (c & 0x3f)).toString(16)}`;
    else out += encodeURIComponent(ch);
  }
  return out;
}

function requestOf(method: string, path: string, op: Operation): fc.Arbitrary<{ url: string; payload?: unknown }> {
  const params = (op.parameters ?? []).filter((p) => p.in === 'path' || p.in === 'query');
  const body = op.requestBody?.content['application/json']?.schema;
  return fc.record({
    values: fc.tuple(...params.map((p) => (p.in === 'path' || p.required ? valueOf(p.schema) : fc.option(valueOf(p.schema), { nil: undefined })))),
    payload: body ? valueOf(body) : fc.constant(undefined),
  }).map(({ values, payload }) => {
    let url = path;
    const query: string[] = [];
    params.forEach((p, i) => {
      const v = values[i];
      if (p.in === 'path') url = url.replace(`{${p.name}}`, percentEncode(String(v)) || 'x');
      else if (v !== undefined) query.push(`${p.name}=${percentEncode(String(v))}`);
    });
    return { url: query.length ? `${url}?${query.join('&')}` : url, payload: method === 'GET' || method === 'DELETE' ? undefined : payload ?? {} };
  });
}

describe('arbitrary text on every route', () => {
  it('never answers 5xx, answers errors as problem+json, and never disturbs a clean request sent with it', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as { paths: Record<string, Record<string, Operation>> };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([m, op]) => ({ method: m.toUpperCase(), path, op })))
      .filter(({ method, path }) => !SKIPPED.has(`${method} ${path}`));
    expect(operations.length).toBeGreaterThan(80);
    const statuses = new Map<number, number>();
    for (const { method, path, op } of operations) {
      const headers = { ...callerOf(path, op), 'idempotency-key': randomUUID() };
      await fc.assert(fc.asyncProperty(requestOf(method, path, op), async ({ url, payload }) => {
        const [res, clean] = await Promise.all([
          t.app.inject({ method: method as 'GET', url, headers, ...(payload === undefined ? {} : { payload: payload as object }) }),
          t.app.inject({ method: 'GET', url: '/api/v1/people/082186002345?purpose=ki%E1%BB%83m%20tra', headers: { cookie: callers.reader.cookie } }),
        ]);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        expect(res.statusCode, `${method} ${url} ${JSON.stringify(payload)}: ${res.body.slice(0, 300)}`).toBeLessThan(500);
        // A path that is not UTF-8 fails in the router (FST_ERR_BAD_URL); frameworkErrors (platform/http.ts)
        // sends it through the one error handler, so it too is problem+json.
        if (res.statusCode >= 400) expect(res.headers['content-type'], `${method} ${url}`).toContain('application/problem+json');
        expect(clean.statusCode, `clean read beside ${method} ${url}`).toBe(200);
        cleanReads += 1;
      }), { numRuns: RUNS_PER_ROUTE, seed: SEED, endOnFailure: true });
    }
    // Reaching past validation matters: the strings must get to the services, not only to the schemas.
    const reached = [...statuses].filter(([s]) => s !== 400).reduce((n, [, c]) => n + c, 0);
    expect(reached).toBeGreaterThan(cleanReads / 4);
    expect((await verifyAudit(t.db)).ok).toBe(true);
  }, 300_000);
});
