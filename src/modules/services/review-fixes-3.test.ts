import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import type { Catalogue, LinkedGroup, Procedure } from './catalogue/index.js';
import { BIRTH_LIKE, PDF_BYTES, RESIDENCE_LIKE, fixtureCatalogue, fixtureForms } from './testing.js';

// The third review of the services module (findings #7, #10, #11, #12), through the HTTP API.
const s = (title: string) => ({ type: 'string' as const, title });
// Group 1 with the real slugs (the carry rules are keyed by them); each step's own limit differs from its limit in the group.
const BIRTH: Procedure = {
  ...BIRTH_LIKE, slug: 'dang-ky-khai-sinh', code: '9.500001', name: 'Đăng ký khai sinh (thử 3)', effect: 'birth', timeLimit: { workingDays: 3 },
  form: {
    type: 'object', title: 'Tờ khai', required: ['applicant', 'child'],
    properties: {
      applicant: BIRTH_LIKE.form.properties.applicant,
      child: { type: 'object', title: 'Trẻ', required: ['fullName'], properties: { fullName: s('Họ tên'), birthDate: s('Ngày sinh'), sex: s('Giới tính'), birthPlace: s('Nơi sinh'), ethnicity: s('Dân tộc') } },
      father: { type: 'object', title: 'Cha', properties: { personalId: s('Số định danh cá nhân') } },
    },
  },
};
const RESIDENCE: Procedure = {
  ...BIRTH_LIKE, slug: 'dang-ky-thuong-tru', code: '9.500002', name: 'Đăng ký thường trú (thử 3)', agency: 'commune_police', effect: 'permanent_residence',
  timeLimit: { workingDays: 7 }, documents: [],
  form: { type: 'object', title: 'Tờ khai', required: [], properties: { applicant: BIRTH_LIKE.form.properties.applicant, members: { type: 'array', title: 'Thành viên' }, address: s('Địa chỉ') } },
};
const BHYT: Procedure = {
  ...BIRTH_LIKE, slug: 'cap-the-bhyt-tre-em-duoi-6-tuoi', code: '9.500003', name: 'Cấp thẻ BHYT trẻ em (thử 3)', level: 'province', agency: 'social_insurance',
  effect: 'health_insurance_child', timeLimit: { sameDay: true }, documents: [], prefill: [],
  form: { type: 'object', title: 'Tờ khai', required: [], properties: { child: { type: 'object', title: 'Trẻ', properties: {} }, primaryCareFacility: s('Nơi KCB'), birthDossierCode: s('Mã hồ sơ khai sinh') } },
};
const GROUP: LinkedGroup = {
  slug: 'lien-thong-ra-soat-3', code: 'NĐ63-R3', name: 'Liên thông thử 3: khai sinh – thường trú – BHYT', steps: [BIRTH.slug, RESIDENCE.slug, BHYT.slug],
  timeLimit: { workingDays: 3 }, stepTimeLimits: { [BIRTH.slug]: { workingDays: 1 }, [RESIDENCE.slug]: { workingDays: 2 } },
  sources: [{ document: 'thử', mark: 'U' }], validFrom: '2024-06-10',
};
// A group that prescribes no limit of its own: the sum of its steps' (1 + 2 + the same day).
const SUMMED: LinkedGroup = { ...GROUP, slug: 'lien-thong-ra-soat-3-tong', code: 'NĐ63-R3T', timeLimit: undefined };
const PLAIN: Procedure = { ...RESIDENCE_LIKE, slug: 'cu-tru-ra-soat-3', code: '9.500004' };
const catalogue: Catalogue = { ...fixtureCatalogue([BIRTH, RESIDENCE, BHYT, PLAIN]), groups: () => [GROUP, SUMMED] };

let t: TestApp;
let an: CitizenSession;
let bich: CitizenSession;
let desk: Session;
let leader: Session;
let police: Session;
let policeLead: Session;
let policeThird: Session;
let bhxh: Session;
let bhxhLead: Session;
let fixedNow: Date | undefined;
const vn = (local: string) => new Date(`${local}+07:00`);

type Method = 'GET' | 'POST';
const inject = (method: Method, url: string, headers: Record<string, string> = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const DOSSIERS = '/api/v1/services/dossiers';
const GROUPS = '/api/v1/services/groups';
const DESK = '/api/v1/services/officer/dossiers';
const act = (who: Session, id: number, path: string, body: object = {}) => inject('POST', `${DESK}/${id}/${path}`, who.headers, body);
const count = async (sql: string, params: unknown[]) => Number((await t.db.query<{ n: number }>(sql, params)).rows[0].n);

async function submitted(who: CitizenSession, procedure: string) {
  const d = await inject('POST', DOSSIERS, who.headers, { procedure, form: {} });
  expect(d.statusCode, d.body).toBe(201);
  const res = await inject('POST', `${DOSSIERS}/${d.json().id}/submission`, { ...who.headers, 'idempotency-key': randomUUID() });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; code: string };
}

// One child per group: a second open birth dossier of the same child is refused (review #3).
const groupForms = (fullName: string) => ({
  [BIRTH.slug]: { child: { fullName, birthDate: '2026-02-27', sex: 'Nam', birthPlace: 'Bệnh viện đa khoa tỉnh', ethnicity: 'Kinh' }, father: { personalId: SIGN_UPS.an.personalId } },
  [RESIDENCE.slug]: { address: 'Số 12, ấp Bình Thạnh' },
  [BHYT.slug]: { primaryCareFacility: 'Trạm y tế xã' },
});

beforeAll(async () => {
  t = await testApp();
  t.services.services.useReferenceData({ catalogue, forms: fixtureForms, clock: () => fixedNow ?? new Date() });
  await insertFixturePeople(t.db);
  an = await registerCitizen(t, SIGN_UPS.an);
  bich = await registerCitizen(t, SIGN_UPS.bich);
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now()');
  t.services.identity.forgetCitizenSessions();
  const province = (await t.services.registry.getUnit('2025', COMMUNE_A)).provinceCode;
  desk = await t.officer('motcua.r3', 'one_stop_officer', COMMUNE_A);
  leader = await t.officer('lanhdao.r3', 'commune_leader', COMMUNE_A);
  police = await t.officer('congan.r3', 'commune_police', COMMUNE_A);
  policeLead = await t.officer('congan.r3b', 'commune_police', COMMUNE_A);
  policeThird = await t.officer('congan.r3c', 'commune_police', COMMUNE_A);
  bhxh = await t.officer('bhxh.r3', 'health_insurance_officer', province);
  bhxhLead = await t.officer('bhxh.r3b', 'health_insurance_officer', province);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('finding 7: the officer who handled a dossier does not approve it', () => {
  it('refuses the approval by the officer who processed it, in Vietnamese, changing nothing; another officer with the permission approves', async () => {
    const d = await submitted(an, PLAIN.slug);
    expect((await act(police, d.id, 'reception')).statusCode).toBe(200);
    expect((await act(police, d.id, 'processing')).statusCode).toBe(200);
    expect((await inject('GET', `${DESK}/${d.id}`, police.headers)).json().allowed).not.toContain('approve');
    expect((await inject('GET', `${DESK}/${d.id}`, policeLead.headers)).json().allowed).toContain('approve');
    const own = await act(police, d.id, 'approval', { comment: 'Tự duyệt' });
    expect(own.statusCode, own.body).toBe(403);
    expect(own.headers['content-type']).toContain('application/problem+json');
    expect(own.json()).toMatchObject({ code: 'DOSSIER_APPROVER_IS_HANDLER', title: expect.stringContaining('không được tự phê duyệt') });
    const after = (await inject('GET', `${DESK}/${d.id}`, police.headers)).json();
    expect(after.state).toBe('in_process');
    expect(after.timeline.some((e: { action: string }) => e.action === 'approve')).toBe(false);
    expect(await count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'services.dossier.approved' AND subject_id = $1", [String(d.id)])).toBe(0);
    const approved = await act(policeLead, d.id, 'approval', { comment: 'Đồng ý' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().state).toBe('processed');
  });

  it('counts the officer assigned to process it as its handler too', async () => {
    const d = await submitted(an, PLAIN.slug);
    expect((await act(police, d.id, 'reception')).statusCode).toBe(200);
    expect((await act(policeLead, d.id, 'assignment')).statusCode).toBe(200); // assigned to himself
    expect((await act(police, d.id, 'processing')).statusCode).toBe(200);
    expect((await act(policeLead, d.id, 'approval')).json().code).toBe('DOSSIER_APPROVER_IS_HANDLER');
    expect((await act(police, d.id, 'approval')).json().code).toBe('DOSSIER_APPROVER_IS_HANDLER');
    expect((await act(policeThird, d.id, 'approval')).statusCode).toBe(200);
  });

  it('keeps the refusal (từ chối giải quyết) from the handler too: a decision is a second person\'s', async () => {
    const d = await submitted(an, PLAIN.slug);
    expect((await act(police, d.id, 'reception')).statusCode).toBe(200);
    expect((await act(police, d.id, 'processing')).statusCode).toBe(200);
    expect((await inject('GET', `${DESK}/${d.id}`, police.headers)).json().allowed).not.toContain('refuse');
    const own = await act(police, d.id, 'refusal', { comment: 'Không đủ điều kiện' });
    expect(own.statusCode, own.body).toBe(403);
    expect(own.json().code).toBe('DOSSIER_APPROVER_IS_HANDLER');
    const refused = await act(policeLead, d.id, 'refusal', { comment: 'Không đủ điều kiện' });
    expect(refused.statusCode, refused.body).toBe(200);
  });
});

describe('finding 12: a group and its first step are written together or not at all', () => {
  const groupsOf = () => count('SELECT count(*)::int AS n FROM dossier_groups', []);
  const dossiersOf = () => count('SELECT count(*)::int AS n FROM dossiers WHERE procedure_slug = $1', [BIRTH.slug]);

  it('leaves no draft behind when the group cannot be written', async () => {
    const [groups, dossiers] = [await groupsOf(), await dossiersOf()];
    await t.db.owner.query(`CREATE FUNCTION forced_group_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END $$`);
    await t.db.owner.query('CREATE TRIGGER forced_group_insert BEFORE INSERT ON dossier_groups FOR EACH ROW EXECUTE FUNCTION forced_group_failure()');
    try {
      const res = await inject('POST', GROUPS, an.headers, { group: GROUP.slug, forms: groupForms('Nguyễn Văn Một') });
      expect(res.statusCode).toBe(500);
    } finally {
      await t.db.owner.query('DROP TRIGGER forced_group_insert ON dossier_groups');
    }
    expect([await groupsOf(), await dossiersOf()]).toEqual([groups, dossiers]);
  });

  it('a refused or failing submission leaves the group and its first step drafts; the same key then submits both', async () => {
    fixedNow = vn('2026-03-09T09:00:00');
    const g = (await inject('POST', GROUPS, an.headers, { group: GROUP.slug, forms: groupForms('Nguyễn Văn Hai') })).json();
    const first = g.steps[0].dossier.id as number;
    const state = async () => [
      (await t.db.query<{ state: string }>('SELECT state FROM dossier_groups WHERE id = $1', [g.id])).rows[0].state,
      (await t.db.query<{ state: string; code: string | null }>('SELECT state, code FROM dossiers WHERE id = $1', [first])).rows[0],
    ];
    const key = randomUUID();
    // Refused by validation (the birth certificate is missing).
    const invalid = await inject('POST', `${GROUPS}/${g.id}/submission`, { ...an.headers, 'idempotency-key': key });
    expect(invalid.statusCode).toBe(422);
    expect(await state()).toEqual(['draft', { state: 'draft', code: null }]);
    const doc = await inject('POST', `${DOSSIERS}/${first}/documents`, an.headers, { kind: 'giay-chung-sinh', fileName: 'cs.pdf', content: PDF_BYTES.toString('base64') });
    expect(doc.statusCode, doc.body).toBe(201);
    // The group's start fails after the step's submission was written: neither stays.
    await t.db.owner.query(`CREATE FUNCTION forced_start_failure() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END $$`);
    await t.db.owner.query("CREATE TRIGGER forced_group_start BEFORE UPDATE ON dossier_groups FOR EACH ROW WHEN (NEW.state = 'in_progress') EXECUTE FUNCTION forced_start_failure()");
    try {
      const failed = await inject('POST', `${GROUPS}/${g.id}/submission`, { ...an.headers, 'idempotency-key': key });
      expect(failed.statusCode).toBe(500);
    } finally {
      await t.db.owner.query('DROP TRIGGER forced_group_start ON dossier_groups');
    }
    expect(await state()).toEqual(['draft', { state: 'draft', code: null }]);
    expect(await count("SELECT count(*)::int AS n FROM dossier_events WHERE dossier_id = $1 AND action = 'submit'", [first])).toBe(0);
    expect(await count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'services.dossier.submitted' AND subject_id = $1", [String(first)])).toBe(0);

    const ok = await inject('POST', `${GROUPS}/${g.id}/submission`, { ...an.headers, 'idempotency-key': key });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().state).toBe('in_progress');
    expect((await state())[1]).toMatchObject({ state: 'submitted' });
  });
});

describe('finding 11: the group\'s deadline and each step\'s due date', () => {
  it('lists each step\'s limit inside the group, and a group without its own limit with the sum of its steps\'', async () => {
    const list = (await inject('GET', '/api/v1/services/linked-groups')).json();
    const [g, summed] = [GROUP.slug, SUMMED.slug].map((slug) => list.items.find((i: { slug: string }) => i.slug === slug));
    expect(g.steps.map((x: { timeLimit: object }) => x.timeLimit)).toEqual([{ workingDays: 1 }, { workingDays: 2 }, { sameDay: true }]);
    expect(g.timeLimit).toEqual({ workingDays: 3 });
    expect(summed.timeLimit).toEqual({ workingDays: 3 });
  });

  it('dates each step from its opening with its limit in the group, shows the group\'s deadline on its timeline and flags the late group', async () => {
    fixedNow = vn('2026-03-02T09:00:00'); // a Monday
    const g = (await inject('POST', GROUPS, an.headers, { group: GROUP.slug, forms: groupForms('Nguyễn Văn Ba') })).json();
    const first = g.steps[0].dossier.id as number;
    expect((await inject('POST', `${DOSSIERS}/${first}/documents`, an.headers, { kind: 'giay-chung-sinh', fileName: 'cs.pdf', content: PDF_BYTES.toString('base64') })).statusCode).toBe(201);
    const sub = await inject('POST', `${GROUPS}/${g.id}/submission`, { ...an.headers, 'idempotency-key': randomUUID() });
    expect(sub.statusCode, sub.body).toBe(200);
    // The group: Mon 02/03 + 3 working days, at the close of Thu 05/03; on its timeline.
    expect(sub.json().dueAt).toBe(vn('2026-03-05T17:00:00').toISOString());
    const due = sub.json().timeline.find((e: { action: string }) => e.action === 'group_due');
    expect(due).toMatchObject({ label: 'Hạn giải quyết của cả nhóm liên thông', step: 0 });
    expect(due.comment).toContain('17 giờ 00 phút, ngày 05/03/2026');
    expect(sub.json()).toMatchObject({ late: false, dueFlag: null });

    // Step 1 received on Monday: 1 working day inside the group (3 on its own): the close of Tue 03/03.
    fixedNow = vn('2026-03-02T10:00:00');
    const received = (await act(desk, first, 'reception')).json();
    expect(received.dueAt).toBe(vn('2026-03-03T17:00:00').toISOString());
    expect((await act(desk, first, 'processing')).statusCode).toBe(200);
    fixedNow = vn('2026-03-03T16:00:00');
    expect((await act(leader, first, 'approval')).statusCode).toBe(200);

    // Step 2 opens at Tuesday's approval with its due date: 2 working days inside the group (7 on its own).
    let view = (await inject('GET', `${GROUPS}/${g.id}`, an.headers)).json();
    const residence = view.steps[1].dossier;
    expect(residence.dueAt).toBe(vn('2026-03-05T17:00:00').toISOString());
    expect(view.steps[1].timeLimit).toEqual({ workingDays: 2 });
    // Received the next day, it keeps that date.
    fixedNow = vn('2026-03-04T09:00:00');
    expect((await act(police, residence.id, 'reception')).json().dueAt).toBe(vn('2026-03-05T17:00:00').toISOString());
    expect((await act(police, residence.id, 'processing')).statusCode).toBe(200);
    // Approved on Friday, after the group's deadline: the group is late while it runs.
    fixedNow = vn('2026-03-06T09:00:00');
    expect((await act(policeLead, residence.id, 'approval')).statusCode).toBe(200);
    view = (await inject('GET', `${GROUPS}/${g.id}`, an.headers)).json();
    expect(view).toMatchObject({ state: 'in_progress', dueFlag: 'late', late: true });
    const card = view.steps[2].dossier;
    expect(card.dueAt).toBe(vn('2026-03-06T17:00:00').toISOString()); // the same day
    expect(view.timeline.find((e: { action: string; step: number }) => e.action === 'linked' && e.step === 2).data)
      .toMatchObject({ dueAt: vn('2026-03-06T17:00:00').toISOString(), timeLimit: { sameDay: true } });

    // Completed after its deadline, it stays flagged late.
    fixedNow = vn('2026-03-06T10:00:00');
    expect((await act(bhxh, card.id, 'reception')).statusCode).toBe(200);
    expect((await act(bhxh, card.id, 'processing')).statusCode).toBe(200);
    expect((await act(bhxhLead, card.id, 'approval')).statusCode).toBe(200);
    view = (await inject('GET', `${GROUPS}/${g.id}`, an.headers)).json();
    expect(view).toMatchObject({ state: 'completed', dueFlag: 'late', late: true });
  });
});

describe('finding 10: the citizen asks to stop the processing of their dossier', () => {
  it('records the request with its reason on the timeline, once, audited; the officer confirms it with the notice of stopping', async () => {
    const d = await submitted(an, PLAIN.slug);
    const url = `${DOSSIERS}/${d.id}/stop-request`;
    expect((await inject('POST', url, {}, { reason: 'Không còn nhu cầu' })).statusCode).toBe(401);
    // Not yet received: the citizen withdraws it instead.
    const early = await inject('POST', url, an.headers, { reason: 'Không còn nhu cầu' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'DOSSIER_STOP_WITHDRAW', title: expect.stringContaining('rút hồ sơ') });
    expect((await act(police, d.id, 'reception')).statusCode).toBe(200);
    expect((await inject('POST', url, bich.headers, { reason: 'Không còn nhu cầu' })).statusCode).toBe(404);
    expect((await inject('POST', url, an.headers, {})).statusCode).toBe(400);
    const blank = await inject('POST', url, an.headers, { reason: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0]).toMatchObject({ field: 'reason', code: 'STOP_REASON_REQUIRED' });

    const asked = await inject('POST', url, an.headers, { reason: 'Gia đình chuyển đi nơi khác, không còn nhu cầu' });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().state).toBe('received'); // until the agency's notice
    const entry = asked.json().timeline.find((e: { action: string }) => e.action === 'request_stop');
    expect(entry).toMatchObject({ label: 'Công dân đề nghị dừng giải quyết hồ sơ', comment: 'Gia đình chuyển đi nơi khác, không còn nhu cầu' });
    expect(await count("SELECT count(*)::int AS n FROM audit_log WHERE action = 'services.dossier.stop-requested' AND subject_id = $1", [String(d.id)])).toBe(1);
    expect((await inject('POST', url, an.headers, { reason: 'Lần nữa' })).json().code).toBe('DOSSIER_STOP_REQUESTED');

    // The officer sees it; the dossier is not decided instead of being stopped.
    const detail = (await inject('GET', `${DESK}/${d.id}`, police.headers)).json();
    expect(detail.timeline.some((e: { action: string }) => e.action === 'request_stop')).toBe(true);
    expect((await act(police, d.id, 'processing')).statusCode).toBe(200);
    const decided = await act(policeLead, d.id, 'approval');
    expect(decided.statusCode).toBe(409);
    expect(decided.json().code).toBe('DOSSIER_STOP_PENDING');

    const stopped = await act(police, d.id, 'stop', { comment: 'Dừng giải quyết theo đề nghị của công dân' });
    expect(stopped.statusCode, stopped.body).toBe(200);
    expect(stopped.json().state).toBe('stopped');
    const mine = (await inject('GET', `${DOSSIERS}/${d.id}`, an.headers)).json();
    expect(mine.timeline.find((e: { action: string }) => e.action === 'stop').data).toMatchObject({ request: { reason: 'Gia đình chuyển đi nơi khác, không còn nhu cầu' } });
    // Not from a closed dossier: the state's name says why.
    const late = await inject('POST', url, an.headers, { reason: 'Lần nữa' });
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ code: 'DOSSIER_STATE', title: expect.stringContaining('Dừng xử lý') });
  });

  it('refuses a request on a decided dossier', async () => {
    const d = await submitted(an, PLAIN.slug);
    expect((await act(police, d.id, 'reception')).statusCode).toBe(200);
    expect((await act(police, d.id, 'processing')).statusCode).toBe(200);
    expect((await act(policeLead, d.id, 'approval')).statusCode).toBe(200);
    const res = await inject('POST', `${DOSSIERS}/${d.id}/stop-request`, an.headers, { reason: 'Muộn rồi' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'DOSSIER_STATE', title: expect.stringContaining('Đã xử lý xong') });
  });
});
