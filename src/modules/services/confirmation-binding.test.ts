import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, SIGN_UPS, fixturePerson, insertFixturePeople } from '../registry/testing.js';
import { confirmedContentHash } from './confirmation-service.js';
import { PDF_BYTES } from './testing.js';

// A second person's confirmation is bound to the content it confirmed (review 2 #2): the applicant changing the
// confirmed parts afterwards makes it count for nothing, and submission asks for a new one. Bundled catalogue.

const HOA = { personalId: '082300007001', fullName: 'Võ Thị Hoa', dateOfBirth: '2000-03-03', phone: '0912000333', sex: 'Nữ' as const, household: 'HK-D' };

let t: TestApp;
const people: Record<string, CitizenSession> = {};
let desk: Session;
let leader: Session;
type Method = 'GET' | 'POST' | 'PUT';
const inject = (method: Method, url: string, headers: Record<string, string> = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const DOSSIERS = '/api/v1/services/dossiers';
const INVITATIONS = '/api/v1/services/invitations';
const DESK = '/api/v1/services/officer/dossiers';
const act = (who: Session, id: number, path: string, body: object = {}) => inject('POST', `${DESK}/${id}/${path}`, who.headers, body);
const submit = (who: CitizenSession, id: number) => inject('POST', `${DOSSIERS}/${id}/submission`, { ...who.headers, 'idempotency-key': randomUUID() });
const save = (who: CitizenSession, id: number, form: object) => inject('PUT', `${DOSSIERS}/${id}/form`, who.headers, { form });
const view = async (who: CitizenSession, id: number) => (await inject('GET', `${DOSSIERS}/${id}`, who.headers)).json() as { form: Record<string, Record<string, unknown>> };

async function draft(who: CitizenSession, procedure: string, form: object) {
  const d = await inject('POST', DOSSIERS, who.headers, { procedure, form });
  expect(d.statusCode, d.body).toBe(201);
  return d.json() as { id: number };
}
/** The applicant invites, the invitee confirms with their own e-ID. */
async function inviteAndConfirm(applicant: CitizenSession, applicantName: string, id: number, invitee: CitizenSession, inviteeId: string) {
  expect((await inject('POST', `${DOSSIERS}/${id}/invitation`, applicant.headers, { personalId: inviteeId })).statusCode).toBe(200);
  const list = (await inject('GET', INVITATIONS, invitee.headers)).json().items as { id: number; applicantName: string; answerable: boolean }[];
  const inv = list.find((i) => i.applicantName === applicantName && i.answerable);
  const ok = await inject('POST', `${INVITATIONS}/${inv!.id}/confirmation`, invitee.headers);
  expect(ok.statusCode, ok.body).toBe(200);
}
const codesOf = (res: { json: () => { errors?: { field: string; code: string }[] } }) => (res.json().errors ?? []).map((e) => `${e.field}:${e.code}`);

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  await insertFixturePeople(t.db, [fixturePerson(HOA.personalId, HOA.fullName, HOA.dateOfBirth, HOA.sex, COMMUNE_A, HOA.household, 'Chủ hộ', null, HOA.phone)]);
  for (const [name, p] of Object.entries({ an: SIGN_UPS.an, bich: SIGN_UPS.bich, hoa: HOA, le: SIGN_UPS.le })) {
    people[name] = await registerCitizen(t, { personalId: p.personalId, fullName: p.fullName, dateOfBirth: p.dateOfBirth, phone: p.phone });
    await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now() WHERE personal_id = $1', [p.personalId]);
  }
  t.services.identity.forgetCitizenSessions();
  desk = await t.officer('motcua.xn', 'one_stop_officer', COMMUNE_A);
  leader = await t.officer('lanhdao.xn', 'commune_leader', COMMUNE_A);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('the content a confirmation is bound to', () => {
  it('is the confirmed parts only, as the validation stores them (spacing, dd/MM/yyyy dates, key order do not count)', () => {
    const form = { applicant: { fullName: 'Võ Thị Hoa', birthDate: '2000-03-03' }, spouse: { personalId: '082190000001', maritalStatus: 'single' }, delivery: 'online' };
    const same = { delivery: 'counter', spouse: { maritalStatus: ' single ', personalId: '082190000001' }, applicant: { birthDate: '03/03/2000', fullName: 'Võ Thị Hoa', ethnicity: '' } };
    expect(confirmedContentHash('spouse', same)).toBe(confirmedContentHash('spouse', form));
    expect(confirmedContentHash('spouse', { ...form, spouse: { ...form.spouse, maritalStatus: 'divorced' } })).not.toBe(confirmedContentHash('spouse', form));
    // A father confirms the child, its mother and his own part: the marriage parts are not his.
    expect(confirmedContentHash('father', { child: { fullName: 'A' } })).not.toBe(confirmedContentHash('father', { child: { fullName: 'B' } }));
    expect(confirmedContentHash('father', { child: { fullName: 'A' }, delivery: 'online' })).toBe(confirmedContentHash('father', { child: { fullName: 'A' } }));
  });
});

describe('marriage: the other party\'s confirmation', () => {
  it('stops counting when the applicant changes what was confirmed; a new confirmation lets the dossier through to approval', async () => {
    const d = await draft(people.hoa, 'dang-ky-ket-hon', { delivery: 'online', applicant: { maritalStatus: 'single' } });
    await inviteAndConfirm(people.hoa, HOA.fullName, d.id, people.le, SIGN_UPS.le.personalId);
    // A part the spouse did not confirm (how the result is delivered) may change.
    const form = (await view(people.hoa, d.id)).form;
    expect((await save(people.hoa, d.id, { ...form, delivery: 'counter' })).statusCode).toBe(200);
    // The spouse's marital status is not from the registry, so not locked: the applicant changes it after the confirmation.
    const changed = await save(people.hoa, d.id, { ...form, delivery: 'counter', spouse: { ...form.spouse, maritalStatus: 'divorced' } });
    expect(changed.json().form.spouse.maritalStatus).toBe('divorced');
    const refused = await submit(people.hoa, d.id);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(codesOf(refused)).toContain('form.spouse.personalId:CONFIRMATION_OUTDATED');
    expect(refused.json().errors.find((e: { code: string }) => e.code === 'CONFIRMATION_OUTDATED').message).toMatch(/gửi lại lời mời/);
    // Nothing was numbered or changed by the refusal.
    expect((await inject('GET', `${DOSSIERS}/${d.id}`, people.hoa.headers)).json()).toMatchObject({ state: 'draft', code: null });

    // Invited again, the spouse confirms the new content (their own part read again from the registry; the status is kept
    // only if typed again, the invitation resets their part).
    await inviteAndConfirm(people.hoa, HOA.fullName, d.id, people.le, SIGN_UPS.le.personalId);
    const sent = await submit(people.hoa, d.id);
    expect(sent.statusCode, sent.body).toBe(201);
    // The approval checks the confirmation again, against the dossier as submitted.
    expect((await act(desk, d.id, 'reception')).statusCode).toBe(200);
    expect((await act(desk, d.id, 'processing')).statusCode).toBe(200);
    const approved = await act(leader, d.id, 'approval');
    expect(approved.statusCode, approved.body).toBe(200);
  });
});

describe('birth: the father\'s confirmation (nhận cha con)', () => {
  const CHILD = { fullName: 'Nguyễn Thị Ràng Buộc', sex: 'Nữ', birthDate: '2026-11-20', birthPlace: 'Trạm y tế xã', hometown: 'Đồng Tháp', ethnicity: 'Kinh', nationality: 'Việt Nam' };
  const FATHER = { fullName: 'Nguyễn Văn An', birthDate: '1984-05-12', sex: 'Nam', personalId: SIGN_UPS.an.personalId };

  it('is of the child he acknowledged: another child\'s name asks for a new confirmation', async () => {
    const d = await draft(people.bich, 'dang-ky-khai-sinh', { child: CHILD, declarant: { relation: 'Mẹ' }, father: FATHER, delivery: 'online' });
    expect((await inject('POST', `${DOSSIERS}/${d.id}/documents`, people.bich.headers, {
      kind: 'giay-chung-sinh', fileName: 'giay-chung-sinh.pdf', content: PDF_BYTES.toString('base64'),
    })).statusCode).toBe(201);
    await inviteAndConfirm(people.bich, SIGN_UPS.bich.fullName, d.id, people.an, SIGN_UPS.an.personalId);
    const form = (await view(people.bich, d.id)).form;
    expect((await save(people.bich, d.id, { ...form, child: { ...form.child, fullName: 'Nguyễn Thị Khác' } })).statusCode).toBe(200);
    const refused = await submit(people.bich, d.id);
    expect(refused.statusCode, refused.body).toBe(422);
    expect(codesOf(refused)).toContain('form.father.personalId:CONFIRMATION_OUTDATED');

    // Back to the name he confirmed: his confirmation counts again (it is bound to the content, not to a moment).
    expect((await save(people.bich, d.id, form)).statusCode).toBe(200);
    const sent = await submit(people.bich, d.id);
    expect(sent.statusCode, sent.body).toBe(201);
  });
});
