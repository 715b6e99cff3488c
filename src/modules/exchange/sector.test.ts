import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, COMMUNE_B, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { parseExchangeLogFile } from './index.js';

// Sector data flowing back (issue 17, models 33–35): an agency with a write grant attaches a record to a person;
// identity that disagrees with the registry (or an unknown ID) is held in the linkage review queue, never written.

let t: TestApp;
let admin: Session;
let owner: Session;
let communeA: Session; // Bích's commune
let communeB: Session;
let bich: CitizenSession;
let token: string;
let agencyId: number;

const PURPOSE = 'sector.health-book-update';
/** Each write service's purpose in the catalogue (data/exchange/purposes.json). */
const PURPOSE_OF: Record<string, string> = {
  'sector.health_book': PURPOSE, 'sector.labour_book': 'sector.labour-book-update', 'sector.land_rights': 'sector.land-rights-update',
  'sector.civil_status_event': 'sector.civil-status-update',
};
const LEGAL_BASIS = 'Luật Khám bệnh, chữa bệnh 2023; Thông tư 32/2023/TT-BYT';
type Headers = Record<string, string>;
const inject = (method: 'GET' | 'POST', url: string, headers: Headers = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const agency = () => ({ authorization: `Bearer ${token}` });
const VACCINATION = { entryType: 'vaccination', vaccine: 'Vắc xin phòng cúm mùa', doseNumber: 1, facilityName: 'Trạm Y tế xã' };
const body = (over: { service?: string; [field: string]: unknown } = {}) => ({
  service: 'sector.health_book', reference: 'SYT-1', personalId: SIGN_UPS.bich.personalId, fullName: 'Trần Thị Bích', dateOfBirth: '1986-02-03',
  purpose: PURPOSE_OF[over.service ?? 'sector.health_book'] ?? PURPOSE, recordDate: '2026-03-10', record: VACCINATION, ...over,
});
const send = (over: { service?: string; [field: string]: unknown } = {}, headers: Headers = agency()) => inject('POST', '/api/v1/exchange/sector-records', headers, body(over));
const queue = async (s: Session) => (await inject('GET', '/api/v1/linkage/review-items', s.headers)).json() as { total: number; items: { runId: number; row: number; source: string; fullName: string | null }[] };
const own = async () => {
  const res = await inject('GET', '/api/v1/citizen/sector-records', bich.headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { service: string; sourceAgency: string; legalBasis: string; recordDate: string; items: { field: string; label: string; text: string }[] }[];
};

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  admin = await t.officer('quantri', 'admin', '82');
  owner = await t.officer('dancu.tinh', 'province_registry', '82');
  communeA = await t.officer('dancu.xa.a', 'commune_registry', COMMUNE_A);
  communeB = await t.officer('dancu.xa.b', 'commune_registry', COMMUNE_B);
  bich = await registerCitizen(t, SIGN_UPS.bich);
  const client = await inject('POST', '/api/v1/sso/clients', admin.headers, { name: 'Sở Y tế', redirectUris: ['https://syt.tinh.test/cb'], scopes: ['profile'], minLevel: 1 });
  expect(client.statusCode, client.body).toBe(201);
  const { clientId, clientSecret } = client.json() as { clientId: string; clientSecret: string };
  const reg = await inject('POST', '/api/v1/exchange/agencies', admin.headers, { name: 'Sở Y tế tỉnh Đồng Tháp', legalBasis: LEGAL_BASIS, clientId });
  expect(reg.statusCode, reg.body).toBe(201);
  agencyId = reg.json().id;
  const res = await t.app.inject({
    method: 'POST', url: '/oidc/token', payload: 'grant_type=client_credentials',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString('base64')}` },
  });
  token = res.json().access_token;
}, 120_000);
afterAll(() => t?.close());

async function grant(service: string, dailyQuota = 100) {
  const res = await inject('POST', '/api/v1/exchange/grants', admin.headers, { agencyId, service, purposes: [PURPOSE_OF[service] ?? 'kyc.customer-identification'], fields: [], dailyQuota, validFrom: '2020-01-01', validUntil: '2099-12-31' });
  expect(res.statusCode, res.body).toBe(201);
  expect((await inject('POST', `/api/v1/exchange/grants/${res.json().id}/approve`, owner.headers)).statusCode).toBe(200);
  return res.json().id as number;
}

describe('authorization', () => {
  it('needs an agency token and an approved write grant; a read grant is not one', async () => {
    expect((await send({}, {})).json().code).toBe('EXCHANGE_TOKEN_INVALID');
    expect((await send({}, admin.headers)).statusCode).toBe(401);
    await grant('person.is_alive');
    const refused = await send();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('EXCHANGE_NO_GRANT');
    // A write rests on the agency's law, never on a consent.
    const consent = await inject('POST', '/api/v1/exchange/grants', admin.headers, {
      agencyId, service: 'sector.health_book', purposes: [PURPOSE], consentPurposes: [PURPOSE], fields: [], dailyQuota: 5, validFrom: '2020-01-01', validUntil: '2099-12-31',
    });
    expect(consent.statusCode).toBe(422);
    // A write service grants no registry field.
    const fields = await inject('POST', '/api/v1/exchange/grants', admin.headers, { agencyId, service: 'sector.health_book', purposes: [PURPOSE], fields: ['fullName'], dailyQuota: 5, validFrom: '2020-01-01', validUntil: '2099-12-31' });
    expect(fields.statusCode).toBe(422);
  });

  it('shows the records to their citizen and, read-only, to the registry officers of the person\'s area', async () => {
    expect((await inject('GET', '/api/v1/citizen/sector-records')).statusCode).toBe(401);
    expect((await inject('GET', `/api/v1/people/${SIGN_UPS.bich.personalId}/sector-records`, admin.headers)).statusCode).toBe(403);
    expect((await inject('GET', `/api/v1/people/${SIGN_UPS.bich.personalId}/sector-records`, communeB.headers)).statusCode).toBe(404);
    expect((await inject('GET', `/api/v1/people/${SIGN_UPS.bich.personalId}/sector-records`, communeA.headers)).statusCode).toBe(200);
  });
});

describe('the catalogue', () => {
  it('lists the write services with their record fields', async () => {
    const services = (await inject('GET', '/api/v1/exchange/services', owner.headers)).json() as { code: string; kind: string; fields: string[] }[];
    expect(services.filter((s) => s.kind === 'write').map((s) => s.code)).toEqual(['sector.health_book', 'sector.labour_book', 'sector.land_rights', 'sector.civil_status_event']);
    expect(services.find((s) => s.code === 'sector.labour_book')?.fields).toContain('socialInsuranceNumber');
  });
});

describe('attaching a record', () => {
  it('attaches a record whose identity agrees with the registry; the citizen and the officer see it with its agency, basis and date', async () => {
    const g = await grant('sector.health_book');
    const res = await send({ fullName: 'tran thi  bich' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ reference: 'SYT-1', service: 'sector.health_book', status: 'attached' });
    const [record] = await own();
    expect(record).toMatchObject({ service: 'sector.health_book', sourceAgency: 'Sở Y tế tỉnh Đồng Tháp', legalBasis: LEGAL_BASIS, recordDate: '2026-03-10' });
    expect(record!.items).toContainEqual({ field: 'entryType', label: 'Loại mục', text: 'Tiêm chủng' });
    expect(record!.items).toContainEqual({ field: 'doseNumber', label: 'Mũi thứ', text: '1' });
    const officer = await inject('GET', `/api/v1/people/${SIGN_UPS.bich.personalId}/sector-records?purpose=${encodeURIComponent('Kiểm tra hồ sơ')}`, communeA.headers);
    expect(officer.json().records).toHaveLength(1);
    // Written under the agency's name, read by the citizen and the officer: each audited.
    const audit = await t.db.query<{ action: string; actor_id: string; subject_id: string; purpose: string | null }>(
      "SELECT action, actor_id, subject_id, purpose FROM audit_log WHERE action LIKE 'exchange.sector_record.%' ORDER BY seq");
    expect(audit.rows.find((r) => r.action === 'exchange.sector_record.received')).toMatchObject({ actor_id: `exchange:${agencyId}`, subject_id: SIGN_UPS.bich.personalId });
    expect(audit.rows.filter((r) => r.action === 'exchange.sector_record.read').map((r) => r.purpose)).toContain('Kiểm tra hồ sơ');
    // Counted against the grant like a read.
    expect(Number((await t.db.query<{ calls: number }>('SELECT calls FROM exchange_usage WHERE grant_id = $1', [g])).rows[0]!.calls)).toBe(1);
  });

  it('answers a resend of the same reference with the same record, not counted again; another content under it is refused', async () => {
    // The same content with its keys in another order is the same record.
    const reordered = await inject('POST', '/api/v1/exchange/sector-records', agency(),
      Object.fromEntries(Object.entries({ ...body({ fullName: 'tran thi  bich' }), record: Object.fromEntries(Object.entries(VACCINATION).reverse()) }).reverse()));
    expect(reordered.statusCode, reordered.body).toBe(200);
    const again = await send({ fullName: 'tran thi  bich' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().status).toBe('attached');
    expect(await own()).toHaveLength(1);
    const n = await t.db.query<{ n: string }>('SELECT count(*) AS n FROM exchange_sector_records');
    expect(Number(n.rows[0]!.n)).toBe(1);
    const other = await send({ recordDate: '2026-03-11' });
    expect(other.statusCode).toBe(409);
    expect(other.json().code).toBe('EXCHANGE_RECORD_REFERENCE_TAKEN');
  });

  it('refuses a record that does not fit its service\'s schema as problem+json, field by field', async () => {
    const missing = await send({ reference: 'SYT-BAD-1', record: { entryType: 'vaccination', vaccine: 'X', doseNumber: 1 } });
    expect(missing.statusCode).toBe(422);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ code: 'EXCHANGE_RECORD_INVALID', title: expect.stringContaining('Sổ sức khỏe điện tử') });
    expect(missing.json().errors).toContainEqual(expect.objectContaining({ field: 'record.facilityName', code: 'REQUIRED' }));
    const unknown = await send({ reference: 'SYT-BAD-2', record: { ...VACCINATION, bloodType: 'O' } });
    expect(unknown.json().errors).toContainEqual(expect.objectContaining({ field: 'record.bloodType', code: 'UNKNOWN_FIELD' }));
    // A labour record under the health-book service is no health-book record.
    const labour = { socialInsuranceNumber: '8012345678', employerName: 'Công ty TNHH A', fromDate: '2020-01-01' };
    expect((await send({ reference: 'SYT-BAD-3', record: labour })).statusCode).toBe(422);
    const rule = await send({ reference: 'SYT-BAD-4', record: { entryType: 'vaccination', facilityName: 'Trạm Y tế xã' } });
    expect(rule.json().title).toContain('tên vắc xin');
    expect((await send({ reference: 'SYT-BAD-5', recordDate: '2999-01-01' })).statusCode).toBe(422);
    expect((await send({ reference: 'SYT-BAD-6', service: 'sector.unknown' })).statusCode).toBe(400);
    // A date no calendar has is refused before the call is counted, not failed by the database.
    const unreal = await send({ reference: 'SYT-BAD-7', dateOfBirth: '1986-02-30' });
    expect(unreal.statusCode, unreal.body).toBe(422);
    expect(unreal.json().errors).toContainEqual(expect.objectContaining({ field: 'dateOfBirth', code: 'INVALID_FORMAT' }));
  });
});

describe('conflicts with the registry', () => {
  it('holds a record whose name differs, and one naming an unknown ID, with one and the same answer', async () => {
    const conflict = await send({ reference: 'SYT-2', fullName: 'Trần Thị Bich Ngọc' });
    const unknown = await send({ reference: 'SYT-3', personalId: '082186009999' });
    expect(conflict.statusCode).toBe(201);
    expect(unknown.statusCode).toBe(201);
    const shape = (r: { reference: string; receivedAt: string }) => ({ ...r, reference: '', receivedAt: '' });
    expect(shape(conflict.json())).toEqual(shape(unknown.json()));
    expect(conflict.json().status).toBe('pending_review');
    // Nothing attached yet, nothing written to the registry.
    expect(await own()).toHaveLength(1);
    const person = await t.db.query<{ full_name: string }>('SELECT full_name FROM people WHERE personal_id = $1', [SIGN_UPS.bich.personalId]);
    expect(person.rows[0]!.full_name).toBe('Trần Thị Bích');
  });

  it('puts the conflict in the review queue of the person\'s commune; the officer accepts it and it is attached', async () => {
    expect((await queue(communeB)).total).toBe(0);
    const q = await queue(communeA);
    expect(q.items).toHaveLength(1);
    const item = q.items[0]!;
    expect(item).toMatchObject({ source: 'Sở Y tế tỉnh Đồng Tháp · Sổ sức khỏe điện tử', fullName: 'Trần Thị Bich Ngọc' });
    const detail = await inject('GET', `/api/v1/linkage/review-items/${item.runId}/${item.row}`, communeA.headers);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().candidates[0]).toMatchObject({ fullName: 'Trần Thị Bích' });
    // Held sector records are accepted for the person they name or rejected, never moved to another person.
    const choose = await inject('POST', `/api/v1/linkage/review-items/${item.runId}/${item.row}/decision`, communeA.headers,
      { decision: 'choose', personalId: SIGN_UPS.an.personalId, reason: 'Nhầm người' });
    expect(choose.json().code).toBe('LINKAGE_REVIEW_CHOICE_NOT_OFFERED');
    const accept = await inject('POST', `/api/v1/linkage/review-items/${item.runId}/${item.row}/decision`, communeA.headers,
      { decision: 'accept', reason: 'Tên đệm ghi sai chính tả, cùng người' });
    expect(accept.statusCode, accept.body).toBe(200);
    expect((await own()).length).toBe(2);
    expect((await queue(communeA)).total).toBe(0);
    // The registry keeps its name; the citizen does not see the held row among their own list rows.
    const person = await t.db.query<{ full_name: string }>('SELECT full_name FROM people WHERE personal_id = $1', [SIGN_UPS.bich.personalId]);
    expect(person.rows[0]!.full_name).toBe('Trần Thị Bích');
    expect((await inject('GET', '/api/v1/citizen/linkage-rows', bich.headers)).json()).toEqual([]);
    // The lists' own views do not count the held records as runs.
    const runs = await inject('GET', '/api/v1/linkage/runs', owner.headers);
    if (runs.statusCode === 200) expect(JSON.stringify(runs.json())).not.toContain('Sở Y tế');
  });

  it('rejects a held record: it is never shown', async () => {
    await send({ reference: 'SYT-4', dateOfBirth: '1986-02-04' });
    const [item] = (await queue(communeA)).items;
    const res = await inject('POST', `/api/v1/linkage/review-items/${item!.runId}/${item!.row}/decision`, communeA.headers, { decision: 'reject', reason: 'Không phải công dân này' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await own()).length).toBe(2);
    const status = await t.db.query<{ status: string }>("SELECT status FROM exchange_sector_records WHERE reference = 'SYT-4'");
    expect(status.rows[0]!.status).toBe('rejected');
  });

  it('shows a record naming an ID the registry does not know to the province\'s registry only, which may reject it, not attach it', async () => {
    // No commune's queue can take it (nobody lives anywhere under that ID).
    expect((await queue(communeA)).total).toBe(0);
    const q = (await inject('GET', '/api/v1/linkage/review-items', owner.headers)).json() as { items: { runId: number; row: number; candidate: { personalId: string; fullName: string | null } }[] };
    const held = q.items.filter((i) => i.candidate.personalId === '082186009999');
    expect(held).toHaveLength(1);
    expect(held[0]!.candidate).toMatchObject({ fullName: null });
    const url = `/api/v1/linkage/review-items/${held[0]!.runId}/${held[0]!.row}`;
    const reads = async () => (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'linkage.review.read' AND subject_id = '082186009999'")).rows[0]!.n;
    const readsBefore = await reads();
    const detail = await inject('GET', url, owner.headers);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().candidates).toEqual([]);
    // What the agency sent about that ID is personal data: its read is audited under the ID.
    expect(await reads()).toBe(readsBefore + 1);
    const accept = await inject('POST', `${url}/decision`, owner.headers, { decision: 'accept', reason: 'Thử gắn' });
    expect(accept.json().code).toBe('LINKAGE_CANDIDATE_NOT_FOUND');
    const reject = await inject('POST', `${url}/decision`, owner.headers, { decision: 'reject', reason: 'Số định danh sai, đề nghị cơ quan gửi lại' });
    expect(reject.statusCode, reject.body).toBe(200);
    const status = await t.db.query<{ status: string }>("SELECT status FROM exchange_sector_records WHERE reference = 'SYT-3'");
    expect(status.rows[0]!.status).toBe('rejected');
  });
});

describe('the other kinds', () => {
  it('attaches a labour book, land rights and a civil-status event, grouped by kind for the citizen', async () => {
    await grant('sector.labour_book');
    await grant('sector.land_rights');
    await grant('sector.civil_status_event');
    const ok = async (over: { service: string; [field: string]: unknown }) => {
      const res = await send(over);
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().status).toBe('attached');
    };
    await ok({ service: 'sector.labour_book', reference: 'BHXH-1', record: { socialInsuranceNumber: '8012345678', employerName: 'Công ty TNHH May Đồng Tháp', position: 'Công nhân may', fromDate: '2019-03-01' } });
    await ok({ service: 'sector.land_rights', reference: 'TNMT-1', record: { certificateNumber: 'CS 123456', parcelNumber: 125, mapSheetNumber: 12, areaM2: 152.5, landUse: 'Đất ở tại nông thôn', address: 'Ấp 1, xã Mỹ Xuyên', ownership: 'joint' } });
    await ok({ service: 'sector.civil_status_event', reference: 'HT-1', record: { eventType: 'marriage', registrationNumber: '12/2024', authority: 'Tổng Lãnh sự quán Việt Nam tại Osaka' } });
    const records = await own();
    expect(new Set(records.map((r) => r.service))).toEqual(new Set(['sector.health_book', 'sector.labour_book', 'sector.land_rights', 'sector.civil_status_event']));
    const land = records.find((r) => r.service === 'sector.land_rights')!;
    expect(land.items).toContainEqual({ field: 'areaM2', label: 'Diện tích (m²)', text: '152,5' });
    expect(land.items).toContainEqual({ field: 'ownership', label: 'Hình thức sở hữu', text: 'Sở hữu chung' });
    const labour = records.find((r) => r.service === 'sector.labour_book')!;
    expect(labour.items).toContainEqual({ field: 'fromDate', label: 'Từ ngày', text: '01/03/2019' });
  });

  it('logs every call in the agency\'s signed log, refusals included', async () => {
    const { entries } = parseExchangeLogFile((await inject('GET', '/api/v1/exchange/log', agency())).body);
    const writes = entries.filter((e) => e.path === '/api/v1/exchange/sector-records');
    expect(writes.map((e) => e.status)).toEqual(expect.arrayContaining([201, 200, 403, 409, 422]));
  });
});
