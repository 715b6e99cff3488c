import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { checkExchangeAnchors } from '../../cli/exchange.js';
import { parseExchangeLogFile, verifyExchangeLog } from './index.js';

// Retention and anchoring of the agencies' signed exchange log (Thông tư 46/2022 Art. 8, DOMAIN §6): entries past the
// retention leave from the log's start with a base the rest still chains from; each head is anchored in the audit
// chain (whose signed checkpoints cover it), so an entry removed or rewritten afterwards shows.
let t: TestApp;
let admin: Session;
let owner: Session;
let agencyId: number;
let token: string;
const PURPOSE = 'kyc.customer-identification';

const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const check = () => inject('POST', '/api/v1/exchange/checks', { authorization: `Bearer ${token}` }, { service: 'person.is_alive', personalId: SIGN_UPS.bich.personalId, purpose: PURPOSE });
const logFile = async () => parseExchangeLogFile((await inject('GET', '/api/v1/exchange/log', { authorization: `Bearer ${token}` })).body);
const printed = async () => {
  const lines: string[] = [];
  const code = await checkExchangeAnchors(t.services, (l) => lines.push(l));
  return { code, lines };
};

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  admin = await t.officer('quantri', 'admin', '82');
  owner = await t.officer('dancu.tinh', 'province_registry', '82');
  const client = (await inject('POST', '/api/v1/sso/clients', admin.headers, { name: 'Ngân hàng lưu trữ', redirectUris: ['https://nh.tinh.test/cb'], scopes: ['profile'], minLevel: 1 })).json() as { clientId: string; clientSecret: string };
  agencyId = (await inject('POST', '/api/v1/exchange/agencies', admin.headers, { name: 'Ngân hàng lưu trữ', legalBasis: 'Nghị định 13/2023/NĐ-CP', clientId: client.clientId })).json().id;
  const asked = await inject('POST', '/api/v1/exchange/grants', admin.headers, { agencyId, service: 'person.is_alive', purposes: [PURPOSE], fields: [], dailyQuota: 100, validFrom: '2020-01-01', validUntil: '2099-12-31' });
  expect((await inject('POST', `/api/v1/exchange/grants/${asked.json().id}/approve`, owner.headers)).statusCode).toBe(200);
  const res = await t.app.inject({
    method: 'POST', url: '/oidc/token', payload: 'grant_type=client_credentials',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}` },
  });
  token = res.json().access_token as string;
  for (let i = 0; i < 3; i++) expect((await check()).statusCode).toBe(200);
}, 120_000);
afterAll(() => t?.close());

describe('the exchange log anchored in the audit chain', () => {
  it('anchors each moved head once, and finds an anchored entry rewritten or removed', async () => {
    expect(await t.services.exchange.anchorLog()).toBe(1);
    expect(await t.services.exchange.anchorLog()).toBe(0);
    const [anchor] = (await t.db.query<{ data: string; actor_id: string }>(`SELECT data, actor_id FROM audit_log WHERE action = 'exchange.log.anchored'`)).rows;
    const head = (await t.db.query<{ hash: string }>('SELECT hash FROM exchange_log WHERE agency_id = $1 AND seq = 3', [agencyId])).rows[0]!.hash;
    expect(JSON.parse(anchor!.data)).toEqual({ heads: [{ agencyId, seq: 3, hash: head }] });
    expect(await printed()).toEqual({ code: 0, lines: ['Nhật ký trao đổi khớp 1 mốc neo trong nhật ký truy cập.'] });

    await t.db.query(`UPDATE exchange_log SET hash = repeat('a', 64) WHERE agency_id = $1 AND seq = 3`, [agencyId]);
    const altered = await printed();
    expect(altered.code).toBe(3);
    expect(altered.lines[0]).toMatch(/^MỤC BỊ SỬA: mục số 3 của cơ quan mã \d+/);
    await t.db.query('UPDATE exchange_log SET hash = $2 WHERE agency_id = $1 AND seq = 3', [agencyId, head]);
    expect((await printed()).code).toBe(0);
  });

  it('keeps entries for the retention, then removes the oldest with a base the rest checks from', async () => {
    // The first two calls were made 25 months ago; the retention is 24.
    await t.db.query(`UPDATE exchange_log SET at = at - interval '25 months' WHERE agency_id = $1 AND seq <= 2`, [agencyId]);
    const second = (await t.db.query<{ hash: string }>('SELECT hash FROM exchange_log WHERE agency_id = $1 AND seq = 2', [agencyId])).rows[0]!.hash;
    expect(await t.services.exchange.pruneLog(36)).toEqual([]);
    expect(await t.services.exchange.pruneLog(24)).toEqual([{ agencyId, throughSeq: 2, removed: 2 }]);
    expect(await t.services.exchange.pruneLog(24)).toEqual([]);
    const [entry] = (await t.db.query<{ data: string; subject_id: string }>(`SELECT data, subject_id FROM audit_log WHERE action = 'exchange.log.pruned'`)).rows;
    expect(entry!.subject_id).toBe(String(agencyId));
    expect(JSON.parse(entry!.data)).toMatchObject({ agencyId, throughSeq: 2, hash: second, removed: 2 });

    // The agency's file starts at entry 3 and names its base; it verifies from there, and not without it.
    const { header, entries } = await logFile();
    expect(header.base).toEqual({ seq: 2, hash: second });
    expect(entries.map((e) => e.seq)).toEqual([3]);
    expect(await verifyExchangeLog(entries, header.jwks, header.base)).toEqual({ valid: true, entries: 1 });
    expect((await verifyExchangeLog(entries, header.jwks)).valid).toBe(false);
    // The anchored head (entry 3) is still there.
    expect((await printed()).code).toBe(0);
  });

  it('tells an entry removed before its time from one removed under the retention', async () => {
    expect((await check()).statusCode).toBe(200);
    expect(await t.services.exchange.anchorLog()).toBe(1);
    // Both entries left are past the retention: the newest stays all the same, since the next call chains to it.
    await t.db.query(`UPDATE exchange_log SET at = at - interval '30 months' WHERE agency_id = $1 AND seq >= 3`, [agencyId]);
    expect(await t.services.exchange.pruneLog(24)).toEqual([{ agencyId, throughSeq: 3, removed: 1 }]);
    expect((await t.db.query<{ seq: string }>('SELECT seq FROM exchange_log WHERE agency_id = $1', [agencyId])).rows.map((r) => Number(r.seq))).toEqual([4]);
    // Entry 3, anchored first, is now the base: it still matches.
    expect((await printed()).lines).toEqual(['Nhật ký trao đổi khớp 2 mốc neo trong nhật ký truy cập.']);
    await t.db.query('DELETE FROM exchange_log WHERE agency_id = $1 AND seq = 4', [agencyId]);
    const r = await t.services.exchange.checkAnchors();
    expect(r.removed).toBe(0);
    expect(r.failures).toEqual([{ agencyId, seq: 4, anchoredAt: expect.any(String), kind: 'missing' }]);
  });

  it('refuses a base set by hand, that no removal under the retention recorded', async () => {
    await t.db.query(`UPDATE exchange_log_bases SET seq = seq + 1 WHERE agency_id = $1`, [agencyId]);
    const r = await t.services.exchange.checkAnchors();
    expect(r.failures).toContainEqual({ agencyId, seq: 4, anchoredAt: expect.any(String), kind: 'base' });
    const { code, lines } = await printed();
    expect(code).toBe(3);
    expect(lines.some((l) => l.startsWith('GỐC CHUỖI KHÔNG HỢP LỆ: nhật ký của cơ quan mã'))).toBe(true);
  });

  it('refuses a file whose base is not an entry number and a hash', () => {
    const line = (base: unknown) => `${JSON.stringify({ format: 'da06-exchange-log/1', agencyId: 1, agencyName: 'X', issuer: 'http://x', exportedAt: '', entries: 0, jwks: { keys: [] }, base })}\n`;
    expect(() => parseExchangeLogFile(line({ seq: 0, hash: 'a'.repeat(64) }))).toThrow('base');
    expect(() => parseExchangeLogFile(line({ seq: 2, hash: 'xyz' }))).toThrow('base');
    expect(parseExchangeLogFile(line({ seq: 2, hash: 'a'.repeat(64) })).header.base).toEqual({ seq: 2, hash: 'a'.repeat(64) });
  });
});
