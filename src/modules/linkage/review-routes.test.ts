import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../roles.js';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { fixturePerson, insertFixturePeople, SIGN_UPS } from '../registry/testing.js';

// The review queue (issue 18): rows whose candidate lives in the officer's commune, side by side with the
// registry record, decided with a reason; the citizen the row names answers "Đây là tôi" in the portal.

let t: TestApp;
let sector: Session;
let communeA: Session; // 28249: An, Bích, Bình
let communeB: Session; // 28261: Lê Văn An
let province: Session;
let clerk: Session; // may review, may not read the registry: sees masked IDs
let bich: CitizenSession;
let le: CitizenSession;
let runId: number;

const SOURCE = 'BHYT hộ gia đình';
const LIST = [
  'personal_id,full_name,date_of_birth,sex,so_the',
  '082186002345,Lê Văn Cường,1986-02-03,Nữ,T1', // Bích's ID, another name → review, candidate in 28249
  '082084001234,Trần Văn Khác,1984,Nam,T2', // An's ID → review, 28249
  '087090004567,Phạm Văn Khác,1990,Nam,T3', // Lê Văn An's ID → review, 28261
  '082186002345,Hoàng Thị Mai,1986,Nữ,T4', // Bích's ID again → review, 28249
].join('\n') + '\n';

const inject = (method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: object) => t.app.inject({ method, url, headers, payload });
const queue = async (s: Session) => (await inject('GET', '/api/v1/linkage/review-items', s.headers)).json() as { total: number; items: { runId: number; row: number; candidate: { personalId: string } }[] };
const decide = (s: Session, row: number, body: object) => inject('POST', `/api/v1/linkage/review-items/${runId}/${row}/decision`, s.headers, body);
const answer = (c: CitizenSession, row: number, verb: 'confirm' | 'refuse') => inject('POST', `/api/v1/citizen/linkage-rows/${runId}/${row}/${verb}`, c.headers);

async function level(personalId: string, lv: 1 | 2) {
  await t.db.query('UPDATE citizen_accounts SET level = $2, level2_at = now() WHERE personal_id = $1', [personalId, lv]);
  t.services.identity.forgetCitizenSessions();
}

beforeAll(async () => {
  // A deployment where the commune's accountant also reviews (a role that does not read the registry).
  t = await testApp({}, { roles: { ...ROLES, accountant: { ...ROLES.accountant, permissions: [...ROLES.accountant.permissions, 'linkage.review'] } } });
  await insertFixturePeople(t.db);
  sector = await t.officer('bhxh.tinh', 'health_insurance_officer', '82');
  communeA = await t.officer('dancu.xa.a', 'commune_registry', '28249');
  communeB = await t.officer('dancu.xa.b', 'commune_registry', '28261');
  province = await t.officer('dancu.tinh', 'province_registry', '82');
  clerk = await t.officer('ketoan.xa.a', 'accountant', '28249');
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/linkage/runs?source=${encodeURIComponent(SOURCE)}`, headers: { ...sector.headers, 'content-type': 'text/csv' }, payload: LIST });
  expect(res.statusCode, res.body).toBe(202);
  runId = res.json().id;
  for (let i = 0; i < 200 && (await inject('GET', `/api/v1/linkage/runs/${runId}`, sector.headers)).json().state === 'running'; i++) await new Promise((r) => setTimeout(r, 50));
  expect((await inject('GET', `/api/v1/linkage/runs/${runId}`, sector.headers)).json()).toMatchObject({ state: 'done', review: 4 });
  bich = await registerCitizen(t, SIGN_UPS.bich);
  le = await registerCitizen(t, SIGN_UPS.le);
}, 120_000);
afterAll(() => t?.close());

describe('authorization', () => {
  it('is denied without linkage.review', async () => {
    expect((await inject('GET', '/api/v1/linkage/review-items', sector.headers)).statusCode).toBe(403);
    expect((await decide(sector, 1, { decision: 'accept', reason: 'Đúng người' })).statusCode).toBe(403);
  });

  it('a commune officer sees only the rows whose candidate lives in their commune; the province sees all', async () => {
    expect((await queue(communeA)).items.map((i) => i.row)).toEqual([1, 2, 4]);
    expect((await queue(communeB)).items.map((i) => i.row)).toEqual([3]);
    expect((await queue(province)).total).toBe(4);
  });

  it("another commune's row answers 404, as an absent one, for reading and deciding", async () => {
    const read = await inject('GET', `/api/v1/linkage/review-items/${runId}/1`, communeB.headers);
    expect(read.statusCode).toBe(404);
    expect(read.json().code).toBe('LINKAGE_REVIEW_NOT_FOUND');
    const absent = await inject('GET', `/api/v1/linkage/review-items/${runId}/99`, communeB.headers);
    const { instance: _a, ...absentProblem } = absent.json();
    const { instance: _r, ...readProblem } = read.json();
    expect(absentProblem).toEqual(readProblem);
    expect((await decide(communeB, 1, { decision: 'accept', reason: 'Đúng người' })).json().code).toBe('LINKAGE_REVIEW_NOT_FOUND');
  });
});

describe('the review of a row', () => {
  it('shows the row beside the candidate record, audits the read with its purpose, and masks IDs for a role that does not read the registry', async () => {
    const res = await inject('GET', `/api/v1/linkage/review-items/${runId}/1`, communeA.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      source: SOURCE, listed: { personal_id: '082186002345', full_name: 'Lê Văn Cường' }, fields: { so_the: 'T1' },
      candidates: [{ personalId: '082186002345', fullName: 'Trần Thị Bích', dateOfBirth: '1986-02-03', communeCode: '28249' }],
    });
    const audit = await t.db.query<{ subject_id: string; purpose: string }>("SELECT subject_id, purpose FROM audit_log WHERE action = 'linkage.review.read' AND actor_name = 'Cán bộ dancu.xa.a' ORDER BY seq DESC LIMIT 1");
    expect(audit.rows[0]).toMatchObject({ subject_id: '082186002345', purpose: expect.stringContaining('Xem xét kết quả đối sánh') });
    const masked = await inject('GET', `/api/v1/linkage/review-items/${runId}/1`, clerk.headers);
    expect(masked.json().candidates[0].personalId).toBe('082******345');
    expect((await queue(clerk)).items[0].candidate.personalId).toBe('082******345');
  });

  it('refuses a decision without a reason, and another candidate who is not a person of the area', async () => {
    const noReason = await decide(communeA, 1, { decision: 'accept' });
    expect(noReason.statusCode).toBe(400);
    const elsewhere = await decide(communeA, 1, { decision: 'choose', personalId: '087090004567', reason: 'Người khác' });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().code).toBe('LINKAGE_CANDIDATE_NOT_FOUND');
    expect((await decide(communeA, 1, { decision: 'choose', personalId: '082999999999', reason: 'Người khác' })).json().code).toBe('LINKAGE_CANDIDATE_NOT_FOUND');
    expect((await decide(communeA, 1, { decision: 'choose', reason: 'Người khác' })).json().code).toBe('LINKAGE_CANDIDATE_NOT_FOUND');
  });

  it('accepts one row and rejects another, each audited with its probability; a decided row answers 409', async () => {
    const accepted = await decide(communeA, 1, { decision: 'accept', reason: 'Đã gọi điện xác minh' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'matched', personalId: '082186002345', reasons: ['reviewed'] });
    const rejected = await decide(communeA, 2, { decision: 'reject', reason: 'Không có người này' });
    expect(rejected.json()).toMatchObject({ status: 'unmatched', personalId: null });
    const again = await decide(communeA, 1, { decision: 'reject', reason: 'Nhầm' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('LINKAGE_REVIEW_DECIDED');
    const audit = await t.db.query<{ data: unknown }>("SELECT data FROM audit_log WHERE action = 'linkage.review.decided' ORDER BY seq");
    expect(audit.rows).toHaveLength(2);
    const data = audit.rows.map((r) => (typeof r.data === 'string' ? JSON.parse(r.data) : r.data));
    expect(data[0]).toMatchObject({ decision: 'accept', row: 1, reason: 'Đã gọi điện xác minh', matchProbability: expect.any(Number) });
    const stored = await t.db.query("SELECT decided_by, decision, match_probability FROM linkage_decisions WHERE run_id = $1 ORDER BY row_no", [runId]);
    expect(stored.rows).toMatchObject([{ decided_by: 'dancu.xa.a', decision: 'accept' }, { decided_by: 'dancu.xa.a', decision: 'reject' }]);
  });

  it('the results show the decided rows as matched/unmatched with reason "reviewed", the counts follow, and the source gets a suggestion', async () => {
    const results = (await inject('GET', `/api/v1/linkage/runs/${runId}/results`, sector.headers)).json();
    expect(results.items.slice(0, 2)).toMatchObject([{ status: 'matched', personalId: '082186002345', reasons: ['reviewed'] }, { status: 'unmatched', personalId: null, reasons: ['reviewed'] }]);
    expect((await inject('GET', `/api/v1/linkage/runs/${runId}`, sector.headers)).json()).toMatchObject({ matched: 1, review: 2, unmatched: 1 });
    const s = await inject('GET', `/api/v1/linkage/sources/${encodeURIComponent(SOURCE)}/suggestion`, sector.headers);
    expect(s.statusCode, s.body).toBe(200);
    expect(s.json()).toMatchObject({ accepted: 1, rejected: 1, sensitive: false, suggested: { match: expect.any(Number), review: expect.any(Number) } });
    expect((await queue(communeA)).items.map((i) => i.row)).toEqual([4]);
  });
});

describe('the citizen settles a row that names them', () => {
  it('lists only their own pending rows with what the source listed about them', async () => {
    const res = await inject('GET', '/api/v1/citizen/linkage-rows', bich.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual([{ runId, row: 4, source: SOURCE, listedAt: expect.any(String), sensitive: false, fullName: 'Hoàng Thị Mai', dateOfBirth: '1986' }]);
  });

  it("answers 404 for a row that is not theirs, and 409 for one decided already", async () => {
    expect((await answer(bich, 3, 'confirm')).statusCode).toBe(404);
    expect((await answer(bich, 99, 'confirm')).statusCode).toBe(404);
    expect((await answer(bich, 1, 'refuse')).json().code).toBe('LINKAGE_REVIEW_DECIDED');
  });

  it('"Không phải tôi" leaves the row unmatched, audited, in their history', async () => {
    const res = await answer(bich, 4, 'refuse');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'unmatched' });
    expect((await t.db.query("SELECT 1 FROM audit_log WHERE action = 'linkage.citizen.answered' AND subject_id = '082186002345'")).rows).toHaveLength(1);
    const history = (await inject('GET', '/api/v1/citizen/verifications', bich.headers)).json() as { relyingParty: string; relyingPartyType: string }[];
    expect(history).toContainEqual(expect.objectContaining({ relyingParty: SOURCE, relyingPartyType: 'Bạn cho biết "Không phải tôi" cho một dòng của danh sách' }));
  });

  it('a sensitive source needs e-ID level 2: level 1 is refused in Vietnamese, level 2 confirms "Đây là tôi"', async () => {
    const set = await inject('PUT', `/api/v1/linkage/sources/${encodeURIComponent(SOURCE)}/thresholds`, sector.headers, { match: 0.9, review: 0.5, sensitive: true });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().sensitive).toBe(true);
    const low = await answer(le, 3, 'confirm');
    expect(low.statusCode).toBe(403);
    expect(low.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(low.json()).toMatchObject({ code: 'LINKAGE_LEVEL2_REQUIRED', title: expect.stringContaining('mức độ 2') });
    await level(SIGN_UPS.le.personalId, 2);
    const ok = await answer(le, 3, 'confirm');
    expect(ok.statusCode, ok.body).toBe(200);
    const row3 = (await inject('GET', `/api/v1/linkage/runs/${runId}/results?limit=10`, sector.headers)).json().items[2];
    expect(row3).toMatchObject({ status: 'matched', personalId: '087090004567', reasons: ['citizen_confirmed'] });
    expect((await queue(communeB)).total).toBe(0);
  });
});

describe('several candidates for one row', () => {
  const MINH = ['082095000011', '082095000012', '082095000013'];
  let minhRun: number;
  let minhRow: number;

  beforeAll(async () => {
    // Two people of the same name and birth year, and one without the middle name, in commune A: a row giving the name
    // and the year only fits each about as well.
    await insertFixturePeople(t.db, [
      fixturePerson(MINH[0], 'Hoàng Văn Minh', '1995-03-04', 'Nam', '28249', 'HK-M1', 'Chủ hộ'),
      fixturePerson(MINH[1], 'Hoàng Văn Minh', '1995-08-09', 'Nam', '28249', 'HK-M2', 'Chủ hộ'),
      fixturePerson(MINH[2], 'Hoàng Minh', '1995-10-10', 'Nam', '28249', 'HK-M3', 'Chủ hộ'),
    ]);
    const list = 'full_name,date_of_birth,sex,commune_code,so_the\nHoàng Văn Minh,1995,Nam,28249,M1\n';
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/linkage/runs?source=DS-M', headers: { ...sector.headers, 'content-type': 'text/csv' }, payload: list });
    expect(res.statusCode, res.body).toBe(202);
    minhRun = res.json().id;
    for (let i = 0; i < 200 && (await inject('GET', `/api/v1/linkage/runs/${minhRun}`, sector.headers)).json().state === 'running'; i++) await new Promise((r) => setTimeout(r, 50));
    const item = (await queue(communeA)).items.find((i) => i.runId === minhRun);
    expect(item).toBeDefined();
    minhRow = item!.row;
  });

  it('the review shows the candidates side by side, best first, each read audited', async () => {
    const res = await inject('GET', `/api/v1/linkage/review-items/${minhRun}/${minhRow}`, communeA.headers);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { reasons: string[]; matchProbability: number; candidates: { personalId: string; matchProbability: number; fullName: string }[] };
    expect(body.reasons).toContain('candidates:several');
    expect(body.candidates.map((c) => c.personalId).sort()).toEqual(MINH);
    expect(body.candidates[0].matchProbability).toBe(body.matchProbability);
    for (let k = 1; k < body.candidates.length; k++) expect(body.candidates[k - 1].matchProbability).toBeGreaterThanOrEqual(body.candidates[k].matchProbability);
    const audit = await t.db.query<{ subject_id: string }>("SELECT subject_id FROM audit_log WHERE action = 'linkage.review.read' AND actor_name = 'Cán bộ dancu.xa.a' AND subject_id = ANY($1)", [MINH]);
    expect(new Set(audit.rows.map((r) => r.subject_id))).toEqual(new Set(MINH));
    const masked = (await inject('GET', `/api/v1/linkage/review-items/${minhRun}/${minhRow}`, clerk.headers)).json() as typeof body;
    expect(masked.candidates.map((c) => c.personalId)).toEqual(body.candidates.map((c) => `${c.personalId.slice(0, 3)}******${c.personalId.slice(9)}`));
    // Commune B's officer does not see the row at all (its candidate lives in A).
    expect((await inject('GET', `/api/v1/linkage/review-items/${minhRun}/${minhRow}`, communeB.headers)).statusCode).toBe(404);
  });

  it('the officer chooses another of the candidates: the row is matched to that person', async () => {
    const body = (await inject('GET', `/api/v1/linkage/review-items/${minhRun}/${minhRow}`, communeA.headers)).json() as { candidates: { personalId: string }[] };
    const other = body.candidates[1].personalId;
    const res = await inject('POST', `/api/v1/linkage/review-items/${minhRun}/${minhRow}/decision`, communeA.headers, { decision: 'choose', personalId: other, reason: 'Đúng ngày sinh theo hồ sơ' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'matched', personalId: other });
    const stored = await t.db.query('SELECT decision, candidate_personal_id, personal_id FROM linkage_decisions WHERE run_id = $1', [minhRun]);
    expect(stored.rows).toEqual([{ decision: 'choose', candidate_personal_id: body.candidates[0].personalId, personal_id: other }]);
  });
});
