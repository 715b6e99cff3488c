import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { createExchangeClient, type ExchangeClient } from '../../../packages/exchange-client/index.js';
import { parseExchangeLogFile } from './index.js';
import { verifyExchangeLogFile } from '../../cli/exchange.js';
import { freePort, keyPair, refusal } from './testing.js';

// The agency's side, end to end: the repo's client package against the real app listening on a port — private_key_jwt
// at da06's provider, a DPoP-bound token, fresh proofs per call, problem+json refusals as typed errors.
let t: TestApp;
let admin: Session;
let owner: Session;
let baseUrl: string;
let agency: { id: number; clientId: string };
let privateJwk: JWK;
let client: ExchangeClient;
const PURPOSE = 'kyc.customer-identification';
const BICH = SIGN_UPS.bich.personalId;

/** A request made by hand with the client's token and a proof of its choosing. */
async function raw(url: string, headers: Record<string, string>, body: object = { service: 'person.is_alive', personalId: BICH, purpose: PURPOSE }) {
  const res = await fetch(`${baseUrl}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, challenge: res.headers.get('www-authenticate'), body: (await res.json()) as { code?: string; title?: string } };
}

beforeAll(async () => {
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  t = await testApp({ DA06_PUBLIC_URL: baseUrl });
  await t.app.listen({ port, host: '127.0.0.1' });
  await insertFixturePeople(t.db);
  admin = await t.officer('quantri', 'admin', '82');
  owner = await t.officer('dancu.tinh', 'province_registry', '82');
  const keys = await keyPair('bank-2026-12');
  privateJwk = keys.privateJwk;
  const res = await t.app.inject({
    method: 'POST', url: '/api/v1/exchange/agencies', headers: admin.headers,
    payload: { name: 'Ngân hàng TMCP Khóa công khai', legalBasis: 'Nghị định 13/2023/NĐ-CP; thỏa thuận kết nối số 02/2026', jwks: { keys: [keys.publicJwk] } },
  });
  expect(res.statusCode, res.body).toBe(201);
  agency = res.json();
  for (const [service, fields] of [['person.lookup', ['fullName', 'dateOfBirth']], ['person.is_alive', []]] as const) {
    const asked = await t.app.inject({
      method: 'POST', url: '/api/v1/exchange/grants', headers: admin.headers,
      payload: { agencyId: agency.id, service, purposes: [PURPOSE], fields, dailyQuota: 100, validFrom: '2020-01-01', validUntil: '2099-12-31' },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/exchange/grants/${asked.json().id}/approve`, headers: owner.headers })).statusCode).toBe(200);
  }
  client = createExchangeClient({ baseUrl, clientId: agency.clientId, privateJwk });
}, 120_000);
afterAll(() => t?.close());

describe('registering an agency by its public keys', () => {
  it('refuses a private key, an unsupported key and both or neither of keys and client id', async () => {
    const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/exchange/agencies', headers: admin.headers, payload: { name: 'Sở X', legalBasis: 'Luật Y', ...payload } });
    const { publicJwk } = await keyPair('k1');
    expect((await post({ jwks: { keys: [{ ...publicJwk, d: privateJwk.d }] } })).json().code).toBe('EXCHANGE_INVALID');
    expect((await post({ jwks: { keys: [{ ...publicJwk, crv: 'P-384' }] } })).json().code).toBe('EXCHANGE_INVALID');
    expect((await post({ jwks: { keys: [{ ...publicJwk, x: 'AAAA' }] } })).json().code).toBe('EXCHANGE_INVALID');
    expect((await post({})).json().code).toBe('EXCHANGE_INVALID');
    expect((await post({ jwks: { keys: [publicJwk] }, clientId: agency.clientId })).json().code).toBe('EXCHANGE_INVALID');
  });
});

describe('an agency system using packages/exchange-client', () => {
  it('authenticates with private_key_jwt, gets a DPoP-bound token and queries under its grant', async () => {
    expect(await client.lookUp({ personalId: BICH, purpose: PURPOSE })).toEqual({ personalId: BICH, fullName: 'Trần Thị Bích', dateOfBirth: '1986-02-03' });
    expect(await client.check({ service: 'person.is_alive', personalId: BICH, purpose: PURPOSE })).toEqual({ service: 'person.is_alive', answer: true });
    const err = await refusal(client.lookUp({ personalId: BICH, purpose: 'health.patient-identification' }));
    expect(err).toMatchObject({ status: 403, code: 'EXCHANGE_PURPOSE_NOT_GRANTED' });
    expect(err.title).toContain('health.patient-identification');
    expect((await refusal(client.lookUp({ personalId: BICH, purpose: 'Tiếp thị' }))).code).toBe('EXCHANGE_PURPOSE_UNKNOWN');
    expect((await refusal(client.check({ service: 'person.is_over_18', personalId: BICH, purpose: PURPOSE }))).code).toBe('EXCHANGE_NO_GRANT');
  });

  it('refuses an assertion signed by a key that is not the agency\'s, and a secret', async () => {
    const stranger = createExchangeClient({ baseUrl, clientId: agency.clientId, privateJwk: (await keyPair('bank-2026-12')).privateJwk });
    expect(await refusal(stranger.accessToken())).toMatchObject({ status: 401, code: 'invalid_client' });
    const basic = await fetch(`${baseUrl}/oidc/token`, {
      method: 'POST', body: 'grant_type=client_credentials',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${agency.clientId}:doan-mo`).toString('base64')}` },
    });
    expect(basic.status).toBe(401);
  });

  it('refuses the token without its proof, a proof for another URL or method, a replayed, stale or foreign proof', async () => {
    const token = await client.accessToken();
    const url = `${baseUrl}/api/v1/exchange/checks`;
    // A DPoP-bound token used as a bearer token, or without a proof.
    expect((await raw('/api/v1/exchange/checks', { authorization: `Bearer ${token}` })).body.code).toBe('EXCHANGE_DPOP_MISSING');
    expect((await raw('/api/v1/exchange/checks', { authorization: `DPoP ${token}` })).body.code).toBe('EXCHANGE_DPOP_MISSING');
    // A proof made for another URL or another method.
    const other = await raw('/api/v1/exchange/checks', { authorization: `DPoP ${token}`, dpop: await client.proof('POST', `${baseUrl}/api/v1/exchange/person-lookups`, token) });
    expect(other).toMatchObject({ status: 401, body: { code: 'EXCHANGE_DPOP_WRONG_TARGET' } });
    expect(other.challenge).toContain('DPoP error="invalid_dpop_proof"');
    expect((await raw('/api/v1/exchange/checks', { authorization: `DPoP ${token}`, dpop: await client.proof('GET', url, token) })).body.code).toBe('EXCHANGE_DPOP_WRONG_TARGET');
    // A query string is no part of htu.
    const withQuery = await raw('/api/v1/exchange/checks?x=1', { authorization: `DPoP ${token}`, dpop: await client.proof('POST', url, token) });
    expect(withQuery.status).toBe(200);
    // The same proof twice: the first is answered, the second refused.
    const proof = await client.proof('POST', url, token);
    expect((await raw('/api/v1/exchange/checks', { authorization: `DPoP ${token}`, dpop: proof })).status).toBe(200);
    expect((await raw('/api/v1/exchange/checks', { authorization: `DPoP ${token}`, dpop: proof })).body.code).toBe('EXCHANGE_DPOP_REPLAYED');
    // The same proof sent four times at once: exactly one passes.
    const twice = await client.proof('POST', url, token);
    const racing = await Promise.all([1, 2, 3, 4].map(() => raw('/api/v1/exchange/checks', { authorization: `DPoP ${token}`, dpop: twice })));
    expect(racing.map((r) => r.status).sort()).toEqual([200, 401, 401, 401]);
    // A proof without the token's hash, or of another key (another client instance holds another DPoP key).
    expect((await raw('/api/v1/exchange/checks', { authorization: `DPoP ${token}`, dpop: await client.proof('POST', url) })).body.code).toBe('EXCHANGE_DPOP_INVALID');
    const otherKey = createExchangeClient({ baseUrl, clientId: agency.clientId, privateJwk });
    const foreign = await raw('/api/v1/exchange/checks', { authorization: `DPoP ${token}`, dpop: await otherKey.proof('POST', url, token) });
    expect(foreign.body.code).toBe('EXCHANGE_DPOP_INVALID');
    expect(foreign.body.title).toContain('khóa');
  });

  it('refuses a stale proof and an expired token, and the client obtains a new token', async () => {
    const token = await client.accessToken();
    const { SignJWT } = await import('jose');
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const stale = await new SignJWT({ htm: 'POST', htu: `${baseUrl}/api/v1/exchange/checks` }).setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk: await exportJWK(publicKey) })
      .setJti('cu').setIssuedAt(Math.floor(Date.now() / 1000) - 600).sign(privateKey);
    expect((await raw('/api/v1/exchange/checks', { authorization: `DPoP ${token}`, dpop: stale })).body.code).toBe('EXCHANGE_DPOP_INVALID');
    // The token's lifetime ends (its stored expiry moved to the past).
    await t.db.query(`UPDATE oidc_payloads SET payload = jsonb_set(payload, '{exp}', to_jsonb(extract(epoch FROM now())::int - 5)) WHERE model = 'ClientCredentials'`);
    const expired = await refusal(client.check({ service: 'person.is_alive', personalId: BICH, purpose: PURPOSE }));
    expect(expired).toMatchObject({ status: 401, code: 'EXCHANGE_TOKEN_EXPIRED' });
    client.forgetToken();
    expect((await client.check({ service: 'person.is_alive', personalId: BICH, purpose: PURPOSE })).answer).toBe(true);
  });
});

describe('the agency\'s own signed log, checked offline', () => {
  it('downloads as JSON Lines with the keys, verifies with `da06 exchange verify`, and fails naming the altered entry', async () => {
    const text = await client.log();
    const { header, entries } = parseExchangeLogFile(text);
    expect(header).toMatchObject({ agencyId: agency.id, issuer: baseUrl, entries: entries.length });
    // Every call once the agency was known (its token and proof accepted), refusals of grants included; nothing of the person in it.
    expect(entries.length).toBeGreaterThanOrEqual(7);
    expect(entries.map((e) => e.status)).toEqual(expect.arrayContaining([200, 403]));
    expect(text).not.toContain(BICH);
    const dir = mkdtempSync(join(tmpdir(), 'da06-exchange-log-'));
    const file = join(dir, 'log.jsonl');
    writeFileSync(file, text);
    const jwksFile = join(dir, 'jwks.json');
    writeFileSync(jwksFile, JSON.stringify(await (await fetch(`${baseUrl}/.well-known/jwks.json`)).json()));
    const lines: string[] = [];
    expect(await verifyExchangeLogFile(file, jwksFile, (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toContain(`Nhật ký trao đổi hợp lệ: ${entries.length} mục`);

    // One entry altered (its status): the file fails at that entry.
    const altered = text.split('\n');
    const e = JSON.parse(altered[4]!);
    altered[4] = JSON.stringify({ ...e, status: e.status === 200 ? 403 : 200 });
    const bad = join(dir, 'altered.jsonl');
    writeFileSync(bad, altered.join('\n'));
    lines.length = 0;
    expect(await verifyExchangeLogFile(bad, jwksFile, (l) => lines.push(l))).toBe(3);
    expect(lines.join('\n')).toContain(`KHÔNG HỢP LỆ tại mục số ${e.seq}`);

    // The command line, on the real files (no database).
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const bin = new URL('../../../bin/da06.mjs', import.meta.url).pathname;
    const run = (...args: string[]) => promisify(execFile)(process.execPath, [bin, ...args], { env: { ...env, DA06_ENV: 'test', LOG_LEVEL: 'silent', DA06_DATA_DIR: dir } })
      .then((r) => ({ code: 0, stdout: r.stdout }), (err: { code: number; stdout: string }) => ({ code: err.code, stdout: err.stdout }));
    const ok = await run('exchange', 'verify', file, '--jwks', jwksFile);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toContain('hợp lệ');
    const failed = await run('exchange', 'verify', bad);
    expect(failed.code).toBe(3);
    expect(failed.stdout).toContain(`tại mục số ${e.seq}`);
  }, 180_000);
});

describe('attaching sector records with packages/exchange-client', () => {
  it('attaches a labour book under a write grant, resends it safely, and reads a bad record as a typed refusal', async () => {
    const input = {
      service: 'sector.labour_book' as const, reference: 'BHXH-2026-0001', personalId: BICH, fullName: 'Trần Thị Bích', dateOfBirth: '1986-02-03',
      purpose: 'sector.labour-book-update', recordDate: '2026-01-15', record: { socialInsuranceNumber: '8012345678', employerName: 'Công ty TNHH May Đồng Tháp', fromDate: '2019-03-01' },
    };
    expect((await refusal(client.attachSectorRecord(input))).code).toBe('EXCHANGE_NO_GRANT');
    const asked = await t.app.inject({
      method: 'POST', url: '/api/v1/exchange/grants', headers: admin.headers,
      payload: { agencyId: agency.id, service: 'sector.labour_book', purposes: ['sector.labour-book-update'], fields: [], dailyQuota: 100, validFrom: '2020-01-01', validUntil: '2099-12-31' },
    });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/exchange/grants/${asked.json().id}/approve`, headers: owner.headers })).statusCode).toBe(200);
    expect(await client.attachSectorRecord(input)).toMatchObject({ reference: 'BHXH-2026-0001', status: 'attached', created: true });
    expect(await client.attachSectorRecord(input)).toMatchObject({ status: 'attached', created: false });
    const bad = await refusal(client.attachSectorRecord({ ...input, reference: 'BHXH-2026-0002', record: { ...input.record, socialInsuranceNumber: '12' } }));
    expect(bad).toMatchObject({ status: 422, code: 'EXCHANGE_RECORD_INVALID' });
    expect(bad.problem.errors).toContainEqual(expect.objectContaining({ field: 'record.socialInsuranceNumber' }));
    // Another name than the registry's: received and held, the same answer an unknown ID gets.
    expect(await client.attachSectorRecord({ ...input, reference: 'BHXH-2026-0003', fullName: 'Trần Thị Bé' })).toMatchObject({ status: 'pending_review', created: true });
  });
});
