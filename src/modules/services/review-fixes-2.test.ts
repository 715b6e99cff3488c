import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, COMMUNE_B, OTHER_PROVINCE_COMMUNE, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import type { Catalogue, LinkedGroup, Procedure } from './catalogue/index.js';
import { loadWorkCalendar } from './calendar/index.js';
import { missingCalendarYears } from './deadlines.js';
import { BIRTH_LIKE, RESIDENCE_LIKE, fixtureCatalogue, fixtureForms } from './testing.js';

// The second review of the services module and its registry effects (review of 07/12/2026), through the HTTP API.
const s = (title: string) => ({ type: 'string' as const, title });
const DEATH: Procedure = {
  ...RESIDENCE_LIKE, slug: 'khai-tu-ra-soat-2', code: '9.400001', name: 'Đăng ký khai tử (thử 2)', agency: 'commune_people_committee', effect: 'death', prefill: [],
  form: { type: 'object', title: 'Tờ khai', required: ['deceased'], properties: { deceased: { type: 'object', title: 'Người đã chết', properties: {} } } },
};
const RESIDENCE: Procedure = {
  ...BIRTH_LIKE, slug: 'thuong-tru-ra-soat-2', code: '9.400002', name: 'Đăng ký thường trú (thử 2)', agency: 'commune_police', effect: 'permanent_residence',
  documents: [], prefill: [], form: { type: 'object', title: 'Tờ khai', required: ['address'], properties: { members: { type: 'array', title: 'Thành viên' }, address: s('Địa chỉ') } },
};
const BIRTH: Procedure = {
  ...BIRTH_LIKE, slug: 'khai-sinh-ra-soat-2', code: '9.400004', name: 'Đăng ký khai sinh (thử 2)', effect: 'birth', documents: [], prefill: [],
  form: {
    type: 'object', title: 'Tờ khai', required: ['child'],
    properties: {
      child: { type: 'object', title: 'Trẻ', required: ['fullName'], properties: { fullName: s('Họ tên'), birthDate: s('Ngày sinh'), sex: s('Giới tính'), birthPlace: s('Nơi sinh'), ethnicity: s('Dân tộc') } },
      father: { type: 'object', title: 'Cha', properties: { personalId: s('Số định danh cá nhân') } },
    },
  },
};
const CHILD_CARD: Procedure = {
  ...RESIDENCE_LIKE, slug: 'the-tre-em-ra-soat-2', code: '9.400005', prefill: [],
  form: { type: 'object', title: 'Tờ khai', required: ['child'], properties: { child: { type: 'object', title: 'Trẻ', properties: { personalId: s('Số định danh') } } } },
};
const TEMPORARY: Procedure = {
  ...RESIDENCE_LIKE, slug: 'tam-tru-ra-soat-2', code: '9.400006', prefill: [],
  form: { type: 'object', title: 'Tờ khai', required: ['household'], properties: { household: { type: 'object', title: 'Chủ hộ', properties: { headFullName: s('Họ tên'), headPersonalId: s('Số định danh') } } } },
};
// Group 2 with the real slugs (the carry rules are keyed by them).
const DEATH_STEP: Procedure = { ...DEATH, slug: 'dang-ky-khai-tu', code: '9.400007' };
const REMOVAL_STEP: Procedure = {
  ...RESIDENCE_LIKE, slug: 'xoa-dang-ky-thuong-tru', code: '9.400008', effect: 'remove_permanent_residence', prefill: [],
  form: { type: 'object', title: 'Tờ khai', required: ['subject', 'reason'], properties: { subject: { type: 'object', title: 'Người bị xóa', properties: {} }, reason: s('Lý do') } },
};
const GROUP2: LinkedGroup = {
  slug: 'lien-thong-khai-tu-ra-soat', code: 'NĐ63-K', name: 'Liên thông thử: khai tử – xóa thường trú', steps: [DEATH_STEP.slug, REMOVAL_STEP.slug],
  timeLimit: { workingDays: 5 }, sources: [{ document: 'thử', mark: 'U' }], validFrom: '2024-06-10',
};
const PLAIN: Procedure = { ...RESIDENCE_LIKE, slug: 'cu-tru-ra-soat-2', code: '9.400003' };
const catalogue: Catalogue = { ...fixtureCatalogue([DEATH, RESIDENCE, PLAIN, BIRTH, CHILD_CARD, TEMPORARY, DEATH_STEP, REMOVAL_STEP]), groups: () => [GROUP2] };

let t: TestApp;
let an: CitizenSession;
let desk: Session;
let leader: Session;
let police: Session;
let deskB: Session;
let leaderB: Session;
type Method = 'GET' | 'POST' | 'PUT';
const inject = (method: Method, url: string, headers: Record<string, string> = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const DOSSIERS = '/api/v1/services/dossiers';
const DESK = '/api/v1/services/officer/dossiers';
const act = (who: Session, id: number, path: string, body: object = {}) => inject('POST', `${DESK}/${id}/${path}`, who.headers, body);
const key = () => ({ 'idempotency-key': randomUUID() });

async function draft(who: CitizenSession, procedure: string, form: object, unitCode?: string) {
  const d = await inject('POST', DOSSIERS, who.headers, { procedure, form, ...(unitCode ? { unitCode } : {}) });
  expect(d.statusCode, d.body).toBe(201);
  return d.json() as { id: number; form: Record<string, unknown>; prefilledFields: string[]; unitCode: string };
}
const submit = (who: CitizenSession, id: number) => inject('POST', `${DOSSIERS}/${id}/submission`, { ...who.headers, ...key() });
async function submitted(who: CitizenSession, procedure: string, form: object, unitCode?: string) {
  const res = await submit(who, (await draft(who, procedure, form, unitCode)).id);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; code: string; unitCode: string };
}

beforeAll(async () => {
  t = await testApp();
  t.services.services.useReferenceData({ catalogue, forms: fixtureForms });
  await insertFixturePeople(t.db);
  an = await registerCitizen(t, SIGN_UPS.an);
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now()');
  t.services.identity.forgetCitizenSessions();
  desk = await t.officer('motcua.r2', 'one_stop_officer', COMMUNE_A);
  leader = await t.officer('lanhdao.r2', 'commune_leader', COMMUNE_A);
  police = await t.officer('congan.r2', 'commune_police', COMMUNE_A);
  deskB = await t.officer('motcua.r2b', 'one_stop_officer', COMMUNE_B);
  leaderB = await t.officer('lanhdao.r2b', 'commune_leader', COMMUNE_B);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('finding 2: a year without a calendar file', () => {
  it('names the missing years to log: this year, and from October next year', () => {
    const cal = loadWorkCalendar();
    expect(missingCalendarYears(cal, new Date('2026-09-30T12:00:00+07:00'))).toEqual([]);
    expect(missingCalendarYears(cal, new Date('2026-10-01T12:00:00+07:00'))).toEqual(cal.covers('2027-06-01') ? [] : [2027]);
    expect(missingCalendarYears(cal, new Date('2031-03-01T12:00:00+07:00'))).toEqual([2031]);
  });

  it('submits and receives in January of an unpublished year; the due date is marked provisional', async () => {
    const cal = t.services.services as unknown as { useReferenceData(d: { clock?: () => Date }): void };
    cal.useReferenceData({ clock: () => new Date('2031-01-06T09:00:00+07:00') });
    try {
      const d = await submitted(an, PLAIN.slug, {});
      const received = await act(police, d.id, 'reception');
      expect(received.statusCode, received.body).toBe(200);
      const detail = (await inject('GET', `${DESK}/${d.id}`, police.headers)).json();
      expect(detail.dueProvisional).toBe(true);
      expect(detail.dueAt.slice(0, 10)).toBe('2031-01-09');
      expect(detail.timeline.find((e: { action: string }) => e.action === 'receive').data).toMatchObject({ dueProvisional: true });
      // A year with its notice: not provisional.
      cal.useReferenceData({ clock: () => new Date('2026-06-01T09:00:00+07:00') });
      const published = await submitted(an, PLAIN.slug, {});
      expect((await act(police, published.id, 'reception')).statusCode).toBe(200);
      expect((await inject('GET', `${DESK}/${published.id}`, police.headers)).json().dueProvisional).toBe(false);
    } finally {
      cal.useReferenceData({ clock: () => new Date() });
    }
  });
});

describe('findings 1 and 8: registry effects only where the person lives; no transfer of a registry write', () => {
  const moveBinh = (commune: string) => t.db.query('UPDATE people SET commune_code = $2 WHERE personal_id = $1', [SIGN_UPS.binh.personalId, commune]);

  it('routes a death to the deceased\'s commune at submission and refuses the approval by another commune', async () => {
    const deceased = { personalId: SIGN_UPS.binh.personalId, deathDate: '2026-11-30' };
    await moveBinh(COMMUNE_B);
    try {
      // Filed with the default unit (the applicant's commune A): it goes to B, where the son lived.
      const routed = await submitted(an, DEATH.slug, { deceased });
      expect(routed.unitCode).toBe(COMMUNE_B);
      expect((await inject('GET', `${DESK}/${routed.id}`, desk.headers)).statusCode).toBe(404);
      expect((await inject('GET', `${DESK}/${routed.id}`, deskB.headers)).statusCode).toBe(200);
    } finally {
      await moveBinh(COMMUNE_A);
    }
    // Filed in A while he lived there; he moves to B before the decision: A's approval is refused and changes nothing.
    const d = await submitted(an, DEATH.slug, { deceased });
    expect(d.unitCode).toBe(COMMUNE_A);
    expect((await act(desk, d.id, 'reception')).statusCode).toBe(200);
    expect((await act(desk, d.id, 'processing')).statusCode).toBe(200);
    await moveBinh(COMMUNE_B);
    try {
      const refused = await act(leader, d.id, 'approval');
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'form.deceased.personalId', code: 'PERSON_OUTSIDE_UNIT' })]);
      const person = (await t.db.query<{ date_of_death: string | null }>('SELECT date_of_death FROM people WHERE personal_id = $1', [SIGN_UPS.binh.personalId])).rows[0];
      expect(person.date_of_death).toBeNull();
    } finally {
      await moveBinh(COMMUNE_A);
    }
  });

  it('refuses to transfer a dossier that writes the registry, and any transfer out of the province', async () => {
    const residence = await submitted(an, RESIDENCE.slug, { address: 'Số 9, ấp Chuyển' });
    const moved = await act(police, residence.id, 'transfer', { unitCode: COMMUNE_B, comment: 'Chuyển xã B' });
    expect(moved.statusCode, moved.body).toBe(409);
    expect(moved.json().code).toBe('DOSSIER_TRANSFER_REFUSED');
    expect((await inject('GET', `${DOSSIERS}/${residence.id}`, an.headers)).json().unitCode).toBe(COMMUNE_A);

    const plain = await submitted(an, PLAIN.slug, {});
    const away = await act(police, plain.id, 'transfer', { unitCode: OTHER_PROVINCE_COMMUNE, comment: 'Chuyển tỉnh khác' });
    expect(away.statusCode, away.body).toBe(422);
    expect(away.json().code).toBe('DOSSIER_UNIT_UNKNOWN');
    expect((await act(police, plain.id, 'transfer', { unitCode: COMMUNE_B, comment: 'Đúng thẩm quyền xã B' })).statusCode).toBe(200);
  });
});

describe('finding 3: one child, one birth registration', () => {
  it('refuses a second open dossier for the same child (same parent, birth date, normalised name) and a second registration', async () => {
    const child = { fullName: 'Nguyễn Thị Một Lần', birthDate: '2026-11-25', sex: 'Nữ', birthPlace: 'Trạm y tế xã', ethnicity: 'Kinh' };
    const father = { personalId: SIGN_UPS.an.personalId };
    const first = await submitted(an, BIRTH.slug, { child, father });
    const twice = await submit(an, (await draft(an, BIRTH.slug, { child: { ...child, fullName: '  nguyễn thị  một lần ' }, father })).id);
    expect(twice.statusCode, twice.body).toBe(422);
    expect(twice.json().errors).toEqual([expect.objectContaining({ field: 'form.child.fullName', code: 'CHILD_DOSSIER_OPEN' })]);
    expect(twice.json().errors[0].message).toContain(first.code);
    // A twin (another name) is another child.
    const twin = await submitted(an, BIRTH.slug, { child: { ...child, fullName: 'Nguyễn Thị Hai Lần' }, father });

    for (const id of [first.id, twin.id]) {
      expect((await act(desk, id, 'reception')).statusCode).toBe(200);
      expect((await act(desk, id, 'processing')).statusCode).toBe(200);
      const approved = await act(leader, id, 'approval');
      expect(approved.statusCode, approved.body).toBe(200);
    }
    expect((await act(desk, first.id, 'return')).statusCode).toBe(200);
    // Once the first dossier is closed, a new one passes the submission but the registry refuses the second registration.
    const again = await submitted(an, BIRTH.slug, { child, father });
    expect((await act(desk, again.id, 'reception')).statusCode).toBe(200);
    expect((await act(desk, again.id, 'processing')).statusCode).toBe(200);
    const refused = await act(leader, again.id, 'approval');
    expect(refused.statusCode, refused.body).toBe(409);
    expect(refused.json().code).toBe('BIRTH_ALREADY_REGISTERED');
    const count = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM people WHERE name_norm = (SELECT name_norm FROM people WHERE full_name = $1 LIMIT 1)`, [child.fullName]);
    expect(count.rows[0].n).toBe(1);
  });
});

describe('finding 4: the child and the household head a form names are checked', () => {
  it('answers a stranger\'s child like an unknown number; takes the applicant\'s own child', async () => {
    const stranger = await submit(an, (await draft(an, CHILD_CARD.slug, { child: { personalId: SIGN_UPS.le.personalId } })).id);
    const unknown = await submit(an, (await draft(an, CHILD_CARD.slug, { child: { personalId: '082299009999' } })).id);
    for (const res of [stranger, unknown]) {
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors).toEqual([expect.objectContaining({ field: 'form.child.personalId', code: 'PERSON_NOT_RELATED' })]);
    }
    expect(stranger.json().errors).toEqual(unknown.json().errors);
    const own = await submitted(an, CHILD_CARD.slug, { child: { personalId: SIGN_UPS.binh.personalId } });
    const detail = (await inject('GET', `${DESK}/${own.id}`, police.headers)).json();
    expect(detail.registry.subjects.map((p: { personalId: string }) => p.personalId)).toEqual([SIGN_UPS.binh.personalId]);
  });

  it('takes a household head by number and name (a stranger may be the head); a member who is not the head or a wrong name answers as unknown', async () => {
    await submitted(an, TEMPORARY.slug, { household: { headFullName: 'Lê Văn An', headPersonalId: SIGN_UPS.le.personalId } });
    const cases = [
      { headFullName: 'Trần Thị Bích', headPersonalId: SIGN_UPS.bich.personalId },
      { headFullName: 'Lê Văn Bê', headPersonalId: SIGN_UPS.le.personalId },
      { headFullName: 'Lê Văn An', headPersonalId: '087099009999' },
    ];
    const answers = [];
    for (const household of cases) {
      const res = await submit(an, (await draft(an, TEMPORARY.slug, { household })).id);
      expect(res.statusCode, res.body).toBe(422);
      answers.push(res.json().errors);
    }
    for (const a of answers) expect(a).toEqual([expect.objectContaining({ field: 'form.household.headPersonalId', code: 'HOUSEHOLD_HEAD_UNKNOWN' })]);
  });
});

describe('finding 9: one supplement request, within 3 working days of acceptance when in processing', () => {
  const clockAt = (iso: string) => (t.services.services as unknown as { useReferenceData(d: { clock?: () => Date }): void }).useReferenceData({ clock: () => new Date(iso) });
  const ASK = { comment: 'Bổ sung giấy tờ', items: ['Giấy tờ chứng minh chỗ ở'] };

  it('refuses a second request on the same dossier', async () => {
    const d = await submitted(an, PLAIN.slug, {});
    expect((await act(police, d.id, 'reception')).statusCode).toBe(200);
    expect((await act(police, d.id, 'supplement-request', ASK)).statusCode).toBe(200);
    const answered = await inject('POST', `${DOSSIERS}/${d.id}/supplement`, an.headers, {});
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await act(police, d.id, 'reception')).statusCode).toBe(200);
    const again = await act(police, d.id, 'supplement-request', ASK);
    expect(again.statusCode, again.body).toBe(409);
    expect(again.json().code).toBe('DOSSIER_SUPPLEMENT_USED');
  });

  it('refuses a request in processing after the third working day from acceptance', async () => {
    try {
      clockAt('2026-06-01T09:00:00+07:00'); // Monday
      const late = await submitted(an, PLAIN.slug, {});
      const inTime = await submitted(an, PLAIN.slug, {});
      for (const id of [late.id, inTime.id]) {
        expect((await act(police, id, 'reception')).statusCode).toBe(200);
        expect((await act(police, id, 'processing')).statusCode).toBe(200);
      }
      clockAt('2026-06-04T16:00:00+07:00'); // Thursday: day 3
      expect((await act(police, inTime.id, 'supplement-request', ASK)).statusCode).toBe(200);
      clockAt('2026-06-05T08:00:00+07:00'); // Friday: day 4
      const refused = await act(police, late.id, 'supplement-request', ASK);
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'DOSSIER_SUPPLEMENT_LATE' });
      expect(refused.json().title).toContain('04/06/2026');
    } finally {
      (t.services.services as unknown as { useReferenceData(d: { clock?: () => Date }): void }).useReferenceData({ clock: () => new Date() });
    }
  });
});

describe('finding 14: the applicant is not the deceased', () => {
  it('refuses a death registration naming the applicant', async () => {
    const res = await submit(an, (await draft(an, DEATH.slug, { deceased: { personalId: SIGN_UPS.an.personalId, deathDate: '2026-11-30' } })).id);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toEqual([expect.objectContaining({ field: 'form.deceased.personalId', code: 'PERSON_IS_APPLICANT' })]);
  });
});

describe('finding 16: an extension\'s new date is bounded', () => {
  it('accepts at most the procedure\'s limit again after the old due date', async () => {
    const clock = (iso: string) => (t.services.services as unknown as { useReferenceData(d: { clock?: () => Date }): void }).useReferenceData({ clock: () => new Date(iso) });
    try {
      clock('2026-06-01T09:00:00+07:00'); // Monday; 3 working days: due Thursday 04/06
      const d = await submitted(an, PLAIN.slug, {});
      expect((await act(police, d.id, 'reception')).statusCode).toBe(200);
      const far = await act(police, d.id, 'extension', { newDueDate: '2099-06-01', comment: 'Xin lỗi' });
      expect(far.statusCode, far.body).toBe(400);
      expect(far.json().errors).toEqual([expect.objectContaining({ field: 'newDueDate', code: 'DUE_DATE_TOO_LATE', message: expect.stringContaining('09/06/2026') })]);
      expect((await act(police, d.id, 'extension', { newDueDate: '2026-06-10', comment: 'Xin lỗi' })).statusCode).toBe(400);
      const ok = await act(police, d.id, 'extension', { newDueDate: '2026-06-09', comment: 'Xin lỗi ông/bà, cần xác minh thêm' });
      expect(ok.statusCode, ok.body).toBe(200);
    } finally {
      (t.services.services as unknown as { useReferenceData(d: { clock?: () => Date }): void }).useReferenceData({ clock: () => new Date() });
    }
  });
});

describe('finding 1: group 2 goes to the deceased\'s commune', () => {
  it('opens the death and the removal of residence in the commune where the deceased lived', async () => {
    await t.db.query('UPDATE people SET commune_code = $2 WHERE personal_id = $1', [SIGN_UPS.binh.personalId, COMMUNE_B]);
    try {
      const g = await inject('POST', '/api/v1/services/groups', an.headers, {
        group: GROUP2.slug, forms: { [DEATH_STEP.slug]: { deceased: { personalId: SIGN_UPS.binh.personalId, deathDate: '2026-11-30' } }, [REMOVAL_STEP.slug]: { reason: 'Đã chết' } },
      });
      expect(g.statusCode, g.body).toBe(201);
      const group = g.json() as { id: number; steps: { dossier: { id: number } | null }[] };
      const submittedGroup = await inject('POST', `/api/v1/services/groups/${group.id}/submission`, { ...an.headers, ...key() });
      expect(submittedGroup.statusCode, submittedGroup.body).toBe(200);
      const first = group.steps[0].dossier!.id;
      expect((await inject('GET', `${DOSSIERS}/${first}`, an.headers)).json().unitCode).toBe(COMMUNE_B);
      expect((await act(deskB, first, 'reception')).statusCode).toBe(200);
      expect((await act(deskB, first, 'processing')).statusCode).toBe(200);
      const approved = await act(leaderB, first, 'approval');
      expect(approved.statusCode, approved.body).toBe(200);
      const view = (await inject('GET', `/api/v1/services/groups/${group.id}`, an.headers)).json();
      expect(view.steps[1].dossier).toMatchObject({ unitCode: COMMUNE_B });
    } finally {
      await t.db.query('UPDATE people SET commune_code = $2 WHERE personal_id = $1', [SIGN_UPS.binh.personalId, COMMUNE_A]);
    }
  });
});
