import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp, type Session, type TestApp } from '../../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../../testing/citizen.js';
import { COMMUNE_A, COMMUNE_B, SIGN_UPS, insertFixturePeople } from '../../registry/testing.js';
import type { Catalogue, LinkedGroup, Procedure } from '../catalogue/index.js';
import { BIRTH_LIKE, PDF_BYTES, fixtureCatalogue, fixtureForms } from '../testing.js';

// The group's steps carry the real slugs: the carry rules (carry.ts) are keyed by them.
const BIRTH: Procedure = { ...BIRTH_LIKE, slug: 'dang-ky-khai-sinh', code: '9.100001', name: 'Đăng ký khai sinh (thử)', effect: 'birth',
  form: {
    type: 'object', title: 'Tờ khai', required: ['applicant', 'child'],
    properties: {
      applicant: BIRTH_LIKE.form.properties.applicant,
      child: { type: 'object', title: 'Trẻ', required: ['fullName'], properties: {
        fullName: { type: 'string', title: 'Họ tên' }, birthDate: { type: 'string', title: 'Ngày sinh' }, sex: { type: 'string', title: 'Giới tính' },
        birthPlace: { type: 'string', title: 'Nơi sinh' }, ethnicity: { type: 'string', title: 'Dân tộc' },
      } },
      father: { type: 'object', title: 'Cha', properties: { personalId: { type: 'string', title: 'Số định danh cá nhân' } } },
    },
  } };
const RESIDENCE: Procedure = { ...BIRTH_LIKE, slug: 'dang-ky-thuong-tru', code: '9.100002', name: 'Đăng ký thường trú (thử)', agency: 'commune_police', effect: 'permanent_residence',
  timeLimit: { workingDays: 2 }, documents: [], form: { type: 'object', title: 'Tờ khai', required: [], properties: { applicant: BIRTH_LIKE.form.properties.applicant, members: { type: 'array', title: 'Thành viên' }, address: { type: 'string', title: 'Địa chỉ' } } } };
const BHYT: Procedure = { ...BIRTH_LIKE, slug: 'cap-the-bhyt-tre-em-duoi-6-tuoi', code: '9.100003', name: 'Cấp thẻ BHYT trẻ em (thử)', level: 'province', agency: 'social_insurance',
  effect: 'health_insurance_child', timeLimit: { sameDay: true }, documents: [], prefill: [],
  form: { type: 'object', title: 'Tờ khai', required: [], properties: { child: { type: 'object', title: 'Trẻ', properties: {} }, primaryCareFacility: { type: 'string', title: 'Nơi KCB' }, birthDossierCode: { type: 'string', title: 'Mã hồ sơ khai sinh' } } } };
const GROUP: LinkedGroup = {
  slug: 'lien-thong-thu', code: 'NĐ63-T', name: 'Liên thông thử: khai sinh – thường trú – BHYT', steps: [BIRTH.slug, RESIDENCE.slug, BHYT.slug],
  timeLimit: { workingDays: 3 }, sources: [{ document: 'thử', mark: 'U' }], validFrom: '2024-06-10',
};
const catalogue: Catalogue = { ...fixtureCatalogue([BIRTH, RESIDENCE, BHYT]), groups: () => [GROUP] };

let t: TestApp;
let an: CitizenSession;
let bich: CitizenSession;
let desk: Session;
let leader: Session;
let police: Session;
let policeB: Session;
let bhxh: Session;
let policeLead: Session;
let bhxhLead: Session;
let fixedNow: Date | undefined;
const vn = (local: string) => new Date(`${local}+07:00`);

type Method = 'GET' | 'POST' | 'PUT';
const inject = (method: Method, url: string, headers: Record<string, string> = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const GROUPS = '/api/v1/services/groups';
const DESK = '/api/v1/services/officer/dossiers';
const act = (s: Session, id: number, path: string, body: object = {}) => inject('POST', `${DESK}/${id}/${path}`, s.headers, body);

/** Receive, process and approve one step at the desk of its agency. */
async function settle(receiver: Session, approver: Session, id: number) {
  expect((await act(receiver, id, 'reception')).statusCode).toBe(200);
  expect((await act(receiver, id, 'processing')).statusCode).toBe(200);
  const approved = await act(approver, id, 'approval', { comment: 'Đồng ý' });
  expect(approved.statusCode, approved.body).toBe(200);
  return approved.json();
}

beforeAll(async () => {
  t = await testApp();
  t.services.services.useReferenceData({ catalogue, forms: fixtureForms, clock: () => fixedNow ?? new Date() });
  await insertFixturePeople(t.db);
  an = await registerCitizen(t, SIGN_UPS.an);
  bich = await registerCitizen(t, SIGN_UPS.bich);
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now()');
  t.services.identity.forgetCitizenSessions();
  const province = (await t.services.registry.getUnit('2025', COMMUNE_A)).provinceCode;
  desk = await t.officer('motcua.g', 'one_stop_officer', COMMUNE_A);
  leader = await t.officer('lanhdao.g', 'commune_leader', COMMUNE_A);
  police = await t.officer('congan.g', 'commune_police', COMMUNE_A);
  policeB = await t.officer('congan.gb', 'commune_police', COMMUNE_B);
  bhxh = await t.officer('bhxh.g', 'health_insurance_officer', province);
  // The approval is by another officer than the one who processed (separation of duties, review 3 #7).
  policeLead = await t.officer('congan.g2', 'commune_police', COMMUNE_A);
  bhxhLead = await t.officer('bhxh.g2', 'health_insurance_officer', province);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('authorization', () => {
  it('needs a signed-in citizen; another citizen reads the group as absent', async () => {
    expect((await inject('POST', GROUPS, {}, { group: GROUP.slug })).statusCode).toBe(401);
    const started = await inject('POST', GROUPS, an.headers, { group: GROUP.slug, forms: { [BIRTH.slug]: { child: { fullName: 'Bé A' } } } });
    expect(started.statusCode, started.body).toBe(201);
    expect((await inject('GET', `${GROUPS}/${started.json().id}`, bich.headers)).statusCode).toBe(404);
    expect((await inject('GET', `${GROUPS}/${started.json().id}`, an.headers)).statusCode).toBe(200);
    expect((await inject('POST', GROUPS, an.headers, { group: 'khong-co' })).json().code).toBe('GROUP_NOT_FOUND');
  });
});

describe('a linked group, started once', () => {
  it('lists the groups in force with their steps (public)', async () => {
    const res = await inject('GET', '/api/v1/services/linked-groups');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items[0].steps.map((s: { agency: string }) => s.agency)).toEqual(['commune_people_committee', 'commune_police', 'social_insurance']);
    // What the earlier steps fill is named, so that the one form of the group does not ask for it.
    expect(res.json().items[0].steps.map((s: { carried: string[] }) => s.carried)).toEqual([
      [], ['members.0.fullName', 'members.0.birthDate', 'members.0.sex', 'members.0.personalId'],
      ['child.fullName', 'child.birthDate', 'child.sex', 'child.personalId', 'birthDossierCode'],
    ]);
  });

  it('opens each step in its agency\'s queue when the one before is approved, carries the data forward, and shows one timeline', async () => {
    fixedNow = vn('2026-03-02T09:00:00'); // a Monday
    const child = { fullName: 'Nguyễn Thị Bé', birthDate: '2026-02-27', sex: 'Nữ', birthPlace: 'Bệnh viện đa khoa tỉnh', ethnicity: 'Kinh' };
    const started = await inject('POST', GROUPS, an.headers, {
      group: GROUP.slug,
      forms: {
        [BIRTH.slug]: { child, father: { personalId: SIGN_UPS.an.personalId } },
        [RESIDENCE.slug]: { address: 'Số 12, ấp Bình Thạnh' },
        [BHYT.slug]: { primaryCareFacility: 'Trạm y tế xã' },
      },
    });
    expect(started.statusCode, started.body).toBe(201);
    const g = started.json();
    expect(g.state).toBe('draft');
    expect(g.steps.map((s: { dossier: unknown }) => s.dossier !== null)).toEqual([true, false, false]);
    const first = g.steps[0].dossier;
    expect(first).toMatchObject({ state: 'draft', groupId: g.id, groupStep: 0 });

    // The first step's papers are uploaded on its dossier; then the group is submitted once.
    const doc = await inject('POST', `/api/v1/services/dossiers/${first.id}/documents`, an.headers, { kind: 'giay-chung-sinh', fileName: 'cs.pdf', content: PDF_BYTES.toString('base64') });
    expect(doc.statusCode, doc.body).toBe(201);
    const key = randomUUID();
    const submitted = await inject('POST', `${GROUPS}/${g.id}/submission`, { ...an.headers, 'idempotency-key': key });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({ state: 'in_progress', currentStep: 0 });
    // Mon 02/03/2026 + 3 working days: due at the close of Thu 05/03.
    expect(submitted.json().dueAt).toBe(vn('2026-03-05T17:00:00').toISOString());
    const again = await inject('POST', `${GROUPS}/${g.id}/submission`, { ...an.headers, 'idempotency-key': key });
    expect(again.statusCode).toBe(200);
    expect((await t.db.query('SELECT count(*)::int AS n FROM dossiers WHERE group_id = $1', [g.id])).rows[0]).toEqual({ n: 1 });

    // Step 1 at the people's committee.
    fixedNow = vn('2026-03-02T10:00:00');
    await settle(desk, leader, first.id);
    let view = (await inject('GET', `${GROUPS}/${g.id}`, an.headers)).json();
    expect(view.currentStep).toBe(1);
    const residence = view.steps[1].dossier;
    expect(residence).toMatchObject({ state: 'submitted', agency: 'commune_police', unitCode: COMMUNE_A, groupStep: 1 });
    expect(residence.code).toMatch(/^CAX\.28249-260302-\d{4}$/);
    // It is in the commune police's queue, not in another commune's.
    const queue = await inject('GET', `${DESK}?state=submitted`, police.headers);
    expect(queue.json().items.map((i: { id: number }) => i.id)).toContain(residence.id);
    expect((await inject('GET', `${DESK}/${residence.id}`, policeB.headers)).statusCode).toBe(404);
    const residenceDetail = (await inject('GET', `${DESK}/${residence.id}`, police.headers)).json();
    // The birth's approval put the child in the registry with an allocated personal ID, carried into the next form.
    const childId = residenceDetail.form.members[0].personalId as string;
    expect(residenceDetail.form.members[0]).toMatchObject({ fullName: child.fullName, birthDate: child.birthDate, sex: 'Nữ' });
    expect(childId).toMatch(/^\d{3}326\d{6}$/); // female born 2000–2099: 3, year 26
    const person = (await t.db.query<{ full_name: string; household_id: number }>('SELECT full_name, household_id FROM people WHERE personal_id = $1', [childId])).rows[0];
    expect(person.full_name).toBe(child.fullName);
    expect(residenceDetail.timeline.some((e: { action: string }) => e.action === 'linked')).toBe(true);

    // Step 2 at the commune police; then the health-insurance card at BHXH (the agency-step connector's default: its officers in da06).
    fixedNow = vn('2026-03-03T09:00:00');
    await settle(police, policeLead, residence.id);
    view = (await inject('GET', `${GROUPS}/${g.id}`, an.headers)).json();
    const card = view.steps[2].dossier;
    expect(card).toMatchObject({ state: 'submitted', agency: 'social_insurance', groupStep: 2 });
    const cardDetail = (await inject('GET', `${DESK}/${card.id}`, bhxh.headers));
    expect(cardDetail.statusCode, cardDetail.body).toBe(200);
    expect(cardDetail.json().form).toMatchObject({ primaryCareFacility: 'Trạm y tế xã', child: { fullName: child.fullName, personalId: childId } });
    expect(cardDetail.json().form.birthDossierCode).toMatch(/^UBX\.28249-260302-\d{4}$/);
    // The residence step registered the child's permanent residence, carrying its dossier code.
    const residences = await t.db.query<{ source_dossier: string | null }>(
      "SELECT r.source_dossier FROM residences r JOIN people p ON p.id = r.person_id WHERE p.personal_id = $1 AND r.kind = 'permanent'", [childId]);
    expect(residences.rows.map((r) => r.source_dossier)).toContain(residence.code);
    expect((await inject('GET', `${DESK}/${card.id}`, desk.headers)).statusCode).toBe(404);

    await settle(bhxh, bhxhLead, card.id);
    view = (await inject('GET', `${GROUPS}/${g.id}`, an.headers)).json();
    expect(view.state).toBe('completed');
    expect(view.completedAt).not.toBeNull();
    // One timeline: every step's events in order, each naming its step.
    const steps = view.timeline.map((e: { step: number }) => e.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(view.timeline.filter((e: { action: string }) => e.action === 'approve').map((e: { step: number }) => e.step)).toEqual([0, 1, 2]);
    expect(view.timeline.find((e: { step: number; action: string }) => e.step === 1 && e.action === 'submit').actorKind).toBe('system');

    const list = (await inject('GET', GROUPS, an.headers)).json();
    expect(list.items.some((i: { id: number }) => i.id === g.id)).toBe(true);
    // The approval of a step writes one audit entry (the next step's opening is part of it).
    expect((await t.db.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'services.dossier.approved' AND subject_id = $1", [String(first.id)])).rows[0]).toEqual({ n: 1 });
  });
});
