import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, OTHER_PROVINCE_COMMUNE, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import type { Catalogue, LinkedGroup, Procedure } from './catalogue/index.js';
import { BIRTH_LIKE, RESIDENCE_LIKE, fixtureCatalogue, fixtureForms } from './testing.js';

// The security review's findings on the services module (issue 15), through the HTTP API.
const s = (title: string) => ({ type: 'string' as const, title });
const DEATH: Procedure = {
  ...RESIDENCE_LIKE, slug: 'khai-tu-ra-soat', code: '9.300001', name: 'Đăng ký khai tử (thử)', agency: 'commune_people_committee', effect: 'death', prefill: [],
  form: { type: 'object', title: 'Tờ khai', required: ['deceased'], properties: { deceased: { type: 'object', title: 'Người đã chết', properties: {} } } },
};
const CT07: Procedure = { ...RESIDENCE_LIKE, slug: 'xac-nhan-cu-tru-ra-soat', code: '9.300002', effect: 'residence_confirmation' };
const PREFILLED: Procedure = {
  ...RESIDENCE_LIKE, slug: 'dien-san-ra-soat', code: '9.300003', documents: [],
  form: {
    type: 'object', title: 'Tờ khai', required: [],
    properties: {
      declarant: { type: 'object', title: 'Người khai', properties: { relation: s('Quan hệ với trẻ'), ethnicity: s('Dân tộc'), nationality: s('Quốc tịch') } },
      head: { type: 'object', title: 'Chủ hộ', properties: { fullName: s('Họ tên'), personalId: s('Số định danh') } },
      father: { type: 'object', title: 'Cha', properties: { fullName: s('Họ tên'), personalId: s('Số định danh') } },
    },
  },
  prefill: [
    { field: 'declarant.ethnicity', from: 'self.ethnicity', locked: true },
    { field: 'declarant.nationality', from: 'self.nationality', locked: true },
    { field: 'head.fullName', from: 'household.headFullName', locked: true },
    { field: 'head.personalId', from: 'household.headPersonalId', locked: true },
    { field: 'father.fullName', from: 'father.fullName', locked: true },
    { field: 'father.personalId', from: 'father.personalId', locked: true },
  ],
};
// The group's steps carry the real slugs: the carry rules (groups/carry.ts) are keyed by them.
const BIRTH: Procedure = {
  ...BIRTH_LIKE, slug: 'dang-ky-khai-sinh', code: '9.300004', name: 'Đăng ký khai sinh (thử)', effect: 'birth', documents: [], prefill: [],
  form: {
    type: 'object', title: 'Tờ khai', required: ['child'],
    properties: {
      child: { type: 'object', title: 'Trẻ', required: ['fullName'], properties: { fullName: s('Họ tên'), birthDate: s('Ngày sinh'), sex: s('Giới tính'), birthPlace: s('Nơi sinh'), ethnicity: s('Dân tộc') } },
      father: { type: 'object', title: 'Cha', properties: { personalId: s('Số định danh cá nhân') } },
    },
  },
};
const RESIDENCE: Procedure = {
  ...BIRTH_LIKE, slug: 'dang-ky-thuong-tru', code: '9.300005', name: 'Đăng ký thường trú (thử)', agency: 'commune_police', effect: 'permanent_residence',
  documents: [], prefill: [], form: { type: 'object', title: 'Tờ khai', required: ['address'], properties: { members: { type: 'array', title: 'Thành viên' }, address: s('Địa chỉ') } },
};
const GROUP: LinkedGroup = {
  slug: 'lien-thong-ra-soat', code: 'NĐ63-R', name: 'Liên thông thử: khai sinh – thường trú', steps: [BIRTH.slug, RESIDENCE.slug],
  timeLimit: { workingDays: 3 }, sources: [{ document: 'thử', mark: 'U' }], validFrom: '2024-06-10',
};
const catalogue: Catalogue = { ...fixtureCatalogue([DEATH, CT07, PREFILLED, BIRTH, RESIDENCE, RESIDENCE_LIKE]), groups: () => [GROUP] };

let t: TestApp;
let an: CitizenSession;
let bich: CitizenSession;
let desk: Session;
let leader: Session;
let police: Session;
let policeLead: Session;
let deskC: Session;
let leaderC: Session;
type Method = 'GET' | 'POST' | 'PUT';
const inject = (method: Method, url: string, headers: Record<string, string> = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const DOSSIERS = '/api/v1/services/dossiers';
const GROUPS = '/api/v1/services/groups';
const DESK = '/api/v1/services/officer/dossiers';
const act = (who: Session, id: number, path: string, body: object = {}) => inject('POST', `${DESK}/${id}/${path}`, who.headers, body);
const key = () => ({ 'idempotency-key': randomUUID() });

async function draft(who: CitizenSession, procedure: string, form: object, unitCode?: string) {
  const d = await inject('POST', DOSSIERS, who.headers, { procedure, form, ...(unitCode ? { unitCode } : {}) });
  expect(d.statusCode, d.body).toBe(201);
  return d.json() as { id: number; form: Record<string, unknown>; prefilledFields: string[] };
}
const submit = (who: CitizenSession, id: number) => inject('POST', `${DOSSIERS}/${id}/submission`, { ...who.headers, ...key() });

async function toDecision(receiver: Session, id: number) {
  expect((await act(receiver, id, 'reception')).statusCode).toBe(200);
  expect((await act(receiver, id, 'processing')).statusCode).toBe(200);
}
async function startGroup(forms: Record<string, object>) {
  const g = await inject('POST', GROUPS, an.headers, { group: GROUP.slug, forms });
  expect(g.statusCode, g.body).toBe(201);
  return g.json() as { id: number; steps: { dossier: { id: number } | null }[] };
}
const CHILD = { fullName: 'Nguyễn Thị Rà Soát', birthDate: '2026-11-20', sex: 'Nữ', birthPlace: 'Trạm y tế xã', ethnicity: 'Kinh' };

beforeAll(async () => {
  t = await testApp();
  t.services.services.useReferenceData({ catalogue, forms: fixtureForms });
  await insertFixturePeople(t.db);
  an = await registerCitizen(t, SIGN_UPS.an);
  bich = await registerCitizen(t, SIGN_UPS.bich);
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now()');
  t.services.identity.forgetCitizenSessions();
  desk = await t.officer('motcua.r', 'one_stop_officer', COMMUNE_A);
  leader = await t.officer('lanhdao.r', 'commune_leader', COMMUNE_A);
  police = await t.officer('congan.r', 'commune_police', COMMUNE_A);
  // The approval is by another officer than the one who processed (separation of duties, review 3 #7).
  policeLead = await t.officer('congan.r2', 'commune_police', COMMUNE_A);
  deskC = await t.officer('motcua.rc', 'one_stop_officer', OTHER_PROVINCE_COMMUNE);
  leaderC = await t.officer('lanhdao.rc', 'commune_leader', OTHER_PROVINCE_COMMUNE);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('finding 1: the people a form names are the applicant\'s', () => {
  it('refuses an unrelated and an unknown person with one answer; a household member is shown to the officer and re-checked at approval', async () => {
    const unrelated = await submit(an, (await draft(an, DEATH.slug, { deceased: { personalId: '087090004567', deathDate: '2026-11-30' } })).id);
    const unknown = await submit(an, (await draft(an, DEATH.slug, { deceased: { personalId: '082099009999', deathDate: '2026-11-30' } })).id);
    for (const res of [unrelated, unknown]) {
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().errors).toEqual([expect.objectContaining({
        field: 'form.deceased.personalId', code: 'PERSON_NOT_RELATED', message: 'Người này không thuộc hộ gia đình của bạn trong Cơ sở dữ liệu về dân cư',
      })]);
    }
    expect(unknown.json().errors).toEqual(unrelated.json().errors);

    const ok = await submit(an, (await draft(an, DEATH.slug, { deceased: { personalId: SIGN_UPS.binh.personalId, deathDate: '2026-11-30' } })).id);
    expect(ok.statusCode, ok.body).toBe(201);
    const id = ok.json().id as number;
    const detail = await inject('GET', `${DESK}/${id}`, desk.headers);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json().registry.subjects.map((p: { personalId: string }) => p.personalId)).toEqual([SIGN_UPS.binh.personalId]);
    // The read is audited once per person shown.
    const audited = (await t.db.query<{ subject_id: string }>(
      `SELECT a.subject_id FROM audit_log a JOIN officers o ON a.actor_id = o.id::text
        WHERE a.action = 'services.dossier.read' AND a.actor_kind = 'officer' AND o.username = 'motcua.r' AND a.subject_kind = 'person'`)).rows.map((r) => r.subject_id);
    expect(audited).toEqual(expect.arrayContaining([SIGN_UPS.an.personalId, SIGN_UPS.binh.personalId]));

    // The son moves out before the decision: the approval refuses and changes nothing.
    await toDecision(desk, id);
    const household = (await t.db.query<{ household_id: number }>('SELECT household_id FROM people WHERE personal_id = $1', [SIGN_UPS.binh.personalId])).rows[0].household_id;
    await t.db.query('UPDATE people SET household_id = NULL WHERE personal_id = $1', [SIGN_UPS.binh.personalId]);
    try {
      const refused = await act(leader, id, 'approval');
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().errors[0]).toMatchObject({ field: 'form.deceased.personalId', code: 'PERSON_NOT_RELATED' });
      const person = (await t.db.query<{ date_of_death: string | null }>('SELECT date_of_death FROM people WHERE personal_id = $1', [SIGN_UPS.binh.personalId])).rows[0];
      expect(person.date_of_death).toBeNull();
      expect((await inject('GET', `${DOSSIERS}/${id}`, an.headers)).json()).toMatchObject({ state: 'in_process', decision: null });
    } finally {
      await t.db.query('UPDATE people SET household_id = $2 WHERE personal_id = $1', [SIGN_UPS.binh.personalId, household]);
    }
    // Refused on the desk; the text message names neither the procedure nor the officer's comment (finding 12).
    expect((await act(leader, id, 'refusal', { comment: 'Người được khai tử còn sống theo xác minh' })).statusCode).toBe(200);
    const sms = (await t.db.query<{ body: string }>('SELECT body FROM outbox WHERE recipient = $1 ORDER BY id DESC LIMIT 1', [SIGN_UPS.an.phone])).rows[0].body;
    expect(sms).toContain(ok.json().code);
    expect(sms).toContain('Cổng dịch vụ công');
    expect(sms).not.toMatch(/khai tử|còn sống/i);
  });
});

describe('finding 2: locked prefill reads what the registry holds', () => {
  it('fills ethnicity, nationality and the household head; the parent role comes from the form\'s relation field', async () => {
    const asGrandparent = await draft(an, PREFILLED.slug, { declarant: { relation: 'Ông' } });
    expect(asGrandparent.form).toMatchObject({
      declarant: { relation: 'Ông', ethnicity: 'Kinh', nationality: 'Việt Nam' }, head: { fullName: 'Nguyễn Văn An', personalId: SIGN_UPS.an.personalId },
    });
    expect(asGrandparent.form.father).toBeUndefined();
    expect(asGrandparent.prefilledFields).toEqual(expect.arrayContaining(['declarant.ethnicity', 'declarant.nationality', 'head.fullName', 'head.personalId']));
    expect(asGrandparent.prefilledFields).not.toContain('father.personalId');

    const asFather = await draft(an, PREFILLED.slug, { declarant: { relation: 'cha' } });
    expect(asFather.form.father).toEqual({ fullName: 'Nguyễn Văn An', personalId: SIGN_UPS.an.personalId });
    expect(asFather.prefilledFields).toContain('father.personalId');
    // Bích (a woman) saying she is the father is not taken as the mother either: the form's field decides.
    const bichAsFather = await draft(bich, PREFILLED.slug, { declarant: { relation: 'cha' } });
    expect(bichAsFather.form.father).toEqual({ fullName: 'Trần Thị Bích', personalId: SIGN_UPS.bich.personalId });
  });
});

describe('finding 3: a residence confirmation never ends without its result', () => {
  it('shows the failed read on the timeline, refuses the return while it fails, reads it again at return', async () => {
    const registry = t.services.registry as unknown as Record<string, unknown>;
    const original = registry.residenceConfirmation;
    let failing = true;
    registry.residenceConfirmation = async (...args: unknown[]) => {
      if (failing) throw new Error('registry unavailable');
      return (original as (...a: unknown[]) => Promise<unknown>).apply(t.services.registry, args);
    };
    try {
      const d = await submit(an, (await draft(an, CT07.slug, {})).id);
      expect(d.statusCode, d.body).toBe(201);
      const id = d.json().id as number;
      await toDecision(police, id);
      expect((await act(policeLead, id, 'approval')).statusCode).toBe(200);
      const actions = async () => (await inject('GET', `${DOSSIERS}/${id}`, an.headers)).json().timeline.map((e: { action: string }) => e.action) as string[];
      await expect.poll(actions, { timeout: 20_000 }).toContain('result_missing');
      const refused = await act(police, id, 'return');
      expect(refused.statusCode, refused.body).toBe(409);
      expect(refused.json().code).toBe('DOSSIER_RESULT_MISSING');
      failing = false;
      const returned = await act(police, id, 'return');
      expect(returned.statusCode, returned.body).toBe(200);
      const view = (await inject('GET', `${DOSSIERS}/${id}`, an.headers)).json();
      expect(view.state).toBe('returned');
      expect(view.timeline.find((e: { action: string }) => e.action === 'result').data.ct07).toMatchObject({ personalId: SIGN_UPS.an.personalId });
    } finally {
      registry.residenceConfirmation = original;
    }
  });
});

describe('finding 6 and 16: a birth', () => {
  it('takes digits 1–3 of the child\'s ID from the province where the birth is registered; the timeline shows no internal id', async () => {
    const province = (await t.services.registry.getUnit('2025', OTHER_PROVINCE_COMMUNE)).provinceCode.padStart(3, '0');
    expect(province).not.toBe('082');
    const d = await submit(an, (await draft(an, BIRTH.slug, { child: { ...CHILD, fullName: 'Nguyễn Thị Tỉnh Khác' }, father: { personalId: SIGN_UPS.an.personalId } }, OTHER_PROVINCE_COMMUNE)).id);
    expect(d.statusCode, d.body).toBe(201);
    await toDecision(deskC, d.json().id);
    const approved = await act(leaderC, d.json().id, 'approval');
    expect(approved.statusCode, approved.body).toBe(200);
    const event = (await inject('GET', `${DOSSIERS}/${d.json().id}`, an.headers)).json().timeline.find((e: { action: string }) => e.action === 'approve');
    expect(event.data.result.personalId.slice(0, 3)).toBe(province);
    expect(event.data.result).not.toHaveProperty('personId');
  });
});

describe('findings 7 and 9: linked groups', () => {
  it('validates the later steps at the start, refuses a direct submission of the first step, locks the carried fields of a step', async () => {
    const invalid = await inject('POST', GROUPS, an.headers, { group: GROUP.slug, forms: { [BIRTH.slug]: { child: CHILD, father: { personalId: SIGN_UPS.an.personalId } } } });
    expect(invalid.statusCode, invalid.body).toBe(422);
    expect(invalid.json().errors.map((e: { field: string }) => e.field)).toEqual([`forms.${RESIDENCE.slug}.address`]);

    const g = await startGroup({ [BIRTH.slug]: { child: CHILD, father: { personalId: SIGN_UPS.an.personalId } }, [RESIDENCE.slug]: { address: 'Số 3, ấp Rà Soát' } });
    const first = g.steps[0].dossier!.id;
    const direct = await submit(an, first);
    expect(direct.statusCode, direct.body).toBe(409);
    expect(direct.json().code).toBe('DOSSIER_IN_GROUP');
    expect((await inject('POST', `${GROUPS}/${g.id}/submission`, { ...an.headers, ...key() })).statusCode).toBe(200);
    await toDecision(desk, first);
    expect((await act(leader, first, 'approval')).statusCode).toBe(200);

    const step = (await inject('GET', `${GROUPS}/${g.id}`, an.headers)).json().steps[1].dossier as { id: number };
    const opened = (await inject('GET', `${DOSSIERS}/${step.id}`, an.headers)).json();
    expect(opened.prefilledFields).toContain('members.0.personalId');
    const childId = opened.form.members[0].personalId as string;
    // The newborn is among the people the officer sees.
    const detail = (await inject('GET', `${DESK}/${step.id}`, police.headers)).json();
    expect(detail.registry.subjects.map((p: { personalId: string }) => p.personalId)).toContain(childId);
    // A supplement answer cannot change the carried ID.
    expect((await act(police, step.id, 'reception')).statusCode).toBe(200);
    expect((await act(police, step.id, 'supplement-request', { comment: 'Bổ sung địa chỉ', items: ['Địa chỉ'] })).statusCode).toBe(200);
    const answer = await inject('POST', `${DOSSIERS}/${step.id}/supplement`, an.headers, { form: { ...opened.form, members: [{ ...opened.form.members[0], personalId: '087090004567' }] } });
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.json().form.members).toEqual([expect.objectContaining({ personalId: childId })]);
  });

  it('stops the group when its current step is refused; the group\'s timeline says so', async () => {
    const g = await startGroup({ [BIRTH.slug]: { child: { ...CHILD, fullName: 'Nguyễn Văn Dừng' }, father: { personalId: SIGN_UPS.an.personalId } }, [RESIDENCE.slug]: { address: 'Số 4' } });
    const first = g.steps[0].dossier!.id;
    expect((await inject('POST', `${GROUPS}/${g.id}/submission`, { ...an.headers, ...key() })).statusCode).toBe(200);
    await toDecision(desk, first);
    expect((await act(leader, first, 'refusal', { comment: 'Thiếu căn cứ' })).statusCode).toBe(200);
    const view = (await inject('GET', `${GROUPS}/${g.id}`, an.headers)).json();
    expect(view.state).toBe('stopped');
    expect(view.steps[1].dossier).toBeNull();
    expect(view.timeline.map((e: { action: string }) => e.action)).toContain('group_stopped');
  });
});

describe('finding 4: one lock order for approvals and submissions', () => {
  it('approves a group step (its effect and the next step\'s code) while other citizens submit to the same desk, without a deadlock', async () => {
    for (let round = 0; round < 3; round++) {
      const g = await startGroup({ [BIRTH.slug]: { child: { ...CHILD, fullName: `Nguyễn Văn Khóa ${'ABC'[round]}` }, father: { personalId: SIGN_UPS.an.personalId } }, [RESIDENCE.slug]: { address: 'Số 5' } });
      const first = g.steps[0].dossier!.id;
      expect((await inject('POST', `${GROUPS}/${g.id}/submission`, { ...an.headers, ...key() })).statusCode).toBe(200);
      await toDecision(desk, first);
      const drafts = await Promise.all(Array.from({ length: 4 }, () => draft(bich, RESIDENCE_LIKE.slug, {})));
      const [approval, ...submissions] = await Promise.all([act(leader, first, 'approval'), ...drafts.map((d) => submit(bich, d.id))]);
      expect(approval.statusCode, approval.body).toBe(200);
      for (const r of submissions) expect(r.statusCode, r.body).toBe(201);
    }
  }, 120_000);
});
