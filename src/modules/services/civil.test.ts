import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, SIGN_UPS, fixturePerson, insertFixturePeople } from '../registry/testing.js';
import { PDF_BYTES } from './testing.js';

// Civil status through the HTTP API with the bundled catalogue (issue 15): a marriage the other party confirms
// with their own e-ID, a birth's declarant relation and an unmarried father's confirmation, the criminal-record
// certificate drawn at approval. The tests follow one another: the marriage of the first part is the "already
// married" case of the next.

const NEW_PEOPLE = {
  hoa: { personalId: '082300007001', fullName: 'Võ Thị Hoa', dateOfBirth: '2000-03-03', phone: '0912000333', sex: 'Nữ' as const, household: 'HK-D' },
  mai: { personalId: '082199007002', fullName: 'Phạm Thị Mai', dateOfBirth: '1999-04-04', phone: '0912000444', sex: 'Nữ' as const, household: 'HK-E' },
  tre: { personalId: '082207007003', fullName: 'Trần Văn Trẻ', dateOfBirth: '2007-06-01', phone: '0912000555', sex: 'Nam' as const, household: 'HK-F' },
  // Mai's first cousin: their fathers are brothers, sons of one grandfather (có họ trong phạm vi ba đời).
  khanh: { personalId: '082098007004', fullName: 'Phạm Văn Khánh', dateOfBirth: '1998-05-05', phone: '0912000666', sex: 'Nam' as const, household: 'HK-G' },
  ong: { personalId: '082040007005', fullName: 'Phạm Văn Tổ', dateOfBirth: '1940-01-01', phone: '0912000777', sex: 'Nam' as const, household: 'HK-H' },
  chaMai: { personalId: '082070007006', fullName: 'Phạm Văn Bảy', dateOfBirth: '1970-02-02', phone: '0912000888', sex: 'Nam' as const, household: 'HK-I' },
  chaKhanh: { personalId: '082072007007', fullName: 'Phạm Văn Tám', dateOfBirth: '1972-03-03', phone: '0912000999', sex: 'Nam' as const, household: 'HK-J' },
  // No e-ID account: he confirms the marriage in person at the desk.
  tuan: { personalId: '082095007008', fullName: 'Đỗ Minh Tuấn', dateOfBirth: '1995-07-07', phone: '0912000111', sex: 'Nam' as const, household: 'HK-K' },
};
const UNKNOWN_ID = '082099009999';

let t: TestApp;
const people: Record<string, CitizenSession> = {};
let desk: Session;
let leader: Session;
let justice: Session;
let justiceLead: Session;
type Method = 'GET' | 'POST' | 'PUT';
const inject = (method: Method, url: string, headers: Record<string, string> = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const DOSSIERS = '/api/v1/services/dossiers';
const INVITATIONS = '/api/v1/services/invitations';
const DESK = '/api/v1/services/officer/dossiers';
const act = (who: Session, id: number, path: string, body: object = {}) => inject('POST', `${DESK}/${id}/${path}`, who.headers, body);
const submit = (who: CitizenSession, id: number) => inject('POST', `${DOSSIERS}/${id}/submission`, { ...who.headers, 'idempotency-key': randomUUID() });
const invite = (who: CitizenSession, id: number, personalId: string) => inject('POST', `${DOSSIERS}/${id}/invitation`, who.headers, { personalId });

async function draft(who: CitizenSession, procedure: string, form: object) {
  const d = await inject('POST', DOSSIERS, who.headers, { procedure, form });
  expect(d.statusCode, d.body).toBe(201);
  return d.json() as { id: number; form: Record<string, Record<string, unknown>>; prefilledFields: string[] };
}
async function toDecision(id: number, receiver = desk) {
  expect((await act(receiver, id, 'reception')).statusCode).toBe(200);
  expect((await act(receiver, id, 'processing')).statusCode).toBe(200);
}
async function invitationOf(who: CitizenSession, applicantName: string) {
  const list = await inject('GET', INVITATIONS, who.headers);
  expect(list.statusCode, list.body).toBe(200);
  return (list.json().items as { id: number; state: string; applicantName: string; answerable: boolean }[]).find((i) => i.applicantName === applicantName && i.answerable);
}
const level2 = async (personalId: string) => {
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now() WHERE personal_id = $1', [personalId]);
  t.services.identity.forgetCitizenSessions();
};
const smsTo = async (phone: string) => (await t.db.query<{ body: string }>('SELECT body FROM outbox WHERE recipient = $1 ORDER BY id', [phone])).rows.map((r) => r.body);

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  await insertFixturePeople(t.db, Object.values(NEW_PEOPLE).map((p) => fixturePerson(p.personalId, p.fullName, p.dateOfBirth, p.sex, COMMUNE_A, p.household, 'Chủ hộ', null, p.phone)));
  for (const [name, p] of Object.entries({ an: SIGN_UPS.an, bich: SIGN_UPS.bich, hoa: NEW_PEOPLE.hoa, mai: NEW_PEOPLE.mai })) {
    people[name] = await registerCitizen(t, { personalId: p.personalId, fullName: p.fullName, dateOfBirth: p.dateOfBirth, phone: p.phone });
    await level2(p.personalId);
  }
  desk = await t.officer('motcua.hc', 'one_stop_officer', COMMUNE_A);
  leader = await t.officer('lanhdao.hc', 'commune_leader', COMMUNE_A);
  justice = await t.officer('tuphap.hc', 'province_justice_officer', '82');
  // The approval is by another officer than the one who processed (separation of duties, review 3 #7).
  justiceLead = await t.officer('tuphap.hc2', 'province_justice_officer', '82');
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('marriage: the other party confirms with their own e-ID', () => {
  let hoaDossier: number;

  it('shows the applicant only the state: an unknown number and a known one without an account look the same', async () => {
    const d = await draft(people.hoa, 'dang-ky-ket-hon', { delivery: 'online', spouse: { fullName: 'Tên tự gõ', personalId: SIGN_UPS.le.personalId } });
    hoaDossier = d.id;
    expect(d.prefilledFields).toEqual(expect.arrayContaining(['applicant.fullName', 'applicant.personalId']));
    expect(d.prefilledFields).not.toContain('spouse.fullName');
    // Not submittable before the other party confirms.
    const early = await submit(people.hoa, d.id);
    expect(early.statusCode, early.body).toBe(422);
    expect(early.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'form.spouse.personalId', code: 'SPOUSE_NOT_CONFIRMED' })]));

    const unknown = await invite(people.hoa, d.id, UNKNOWN_ID);
    const known = await invite(people.hoa, d.id, SIGN_UPS.le.personalId); // Lê Văn An: in the registry, no e-ID account yet
    for (const res of [unknown, known]) expect(res.statusCode, res.body).toBe(200);
    expect(unknown.json().confirmations).toEqual([{ role: 'spouse', roleLabel: 'Bên kết hôn còn lại', state: 'pending', stateLabel: 'Chưa xác nhận' }]);
    expect(known.json().confirmations).toEqual(unknown.json().confirmations);
    expect(known.json().form.spouse).toEqual({ personalId: SIGN_UPS.le.personalId });
    expect(known.body).not.toContain('Lê Văn An');
    expect(await smsTo(SIGN_UPS.le.phone)).toEqual([]);

    // Bad input: a malformed number, one's own number.
    expect((await invite(people.hoa, d.id, '12ab')).json().errors[0]).toMatchObject({ field: 'personalId', code: 'INVITEE_FORMAT' });
    expect((await invite(people.hoa, d.id, NEW_PEOPLE.hoa.personalId)).json().errors[0]).toMatchObject({ field: 'personalId', code: 'INVITEE_SELF' });
    // Someone else's dossier reads as absent; a procedure without a second party refuses.
    expect((await invite(people.an, d.id, SIGN_UPS.le.personalId)).statusCode).toBe(404);
    const other = await draft(people.hoa, 'cap-phieu-ly-lich-tu-phap', {});
    expect((await invite(people.hoa, other.id, SIGN_UPS.le.personalId)).json().code).toBe('CONFIRMATION_NOT_NEEDED');
  });

  it('the invitee sees it, needs level 2 to confirm, may decline; the applicant sees only the answer', async () => {
    people.le = await registerCitizen(t, SIGN_UPS.le);
    const inv = await invitationOf(people.le, NEW_PEOPLE.hoa.fullName);
    expect(inv).toMatchObject({ state: 'pending', answerable: true });
    const levelOne = await inject('POST', `${INVITATIONS}/${inv!.id}/confirmation`, people.le.headers);
    expect(levelOne.statusCode, levelOne.body).toBe(403);
    expect(levelOne.json().code).toBe('CONFIRMATION_LEVEL_REQUIRED');
    // Another citizen cannot answer it.
    expect((await inject('POST', `${INVITATIONS}/${inv!.id}/refusal`, people.an.headers)).statusCode).toBe(404);

    const declined = await inject('POST', `${INVITATIONS}/${inv!.id}/refusal`, people.le.headers);
    expect(declined.statusCode, declined.body).toBe(200);
    const seen = (await inject('GET', `${DOSSIERS}/${hoaDossier}`, people.hoa.headers)).json();
    expect(seen.confirmations[0]).toMatchObject({ state: 'declined', stateLabel: 'Đã từ chối' });
    expect(JSON.stringify(seen)).not.toContain('Lê Văn An');
    await level2(SIGN_UPS.le.personalId);
    expect((await inject('POST', `${INVITATIONS}/${inv!.id}/confirmation`, people.le.headers)).json().code).toBe('INVITATION_ANSWERED');

    // Invited again: the text message goes to the account's phone now that there is one.
    expect((await invite(people.hoa, hoaDossier, SIGN_UPS.le.personalId)).statusCode).toBe(200);
    // The message leaves after the commit, without holding up the answer: wait for it.
    await expect.poll(async () => (await smsTo(SIGN_UPS.le.phone)).some((b) => b.includes('được mời xác nhận')), { timeout: 10_000 }).toBe(true);
    const again = await invitationOf(people.le, NEW_PEOPLE.hoa.fullName);
    const ok = await inject('POST', `${INVITATIONS}/${again!.id}/confirmation`, people.le.headers);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'confirmed', stateLabel: 'Đã xác nhận' });

    const after = (await inject('GET', `${DOSSIERS}/${hoaDossier}`, people.hoa.headers)).json();
    expect(after.confirmations[0].state).toBe('confirmed');
    expect(after.form.spouse).toMatchObject({ fullName: 'Lê Văn An', birthDate: '1990-01-01', sex: 'Nam', personalId: SIGN_UPS.le.personalId });
    expect(after.form.spouseConfirmed).toBe(true);
    expect(after.prefilledFields).toEqual(expect.arrayContaining(['spouse.fullName', 'spouse.birthDate', 'spouse.personalId', 'spouseConfirmed']));
    // The applicant cannot change what the spouse confirmed.
    const saved = await inject('PUT', `${DOSSIERS}/${hoaDossier}/form`, people.hoa.headers, { form: { ...after.form, spouse: { ...after.form.spouse, fullName: 'Tên khác' } } });
    expect(saved.json().form.spouse.fullName).toBe('Lê Văn An');
  });

  it('approval records the marriage in the registry with the dossier code', async () => {
    const sent = await submit(people.hoa, hoaDossier);
    expect(sent.statusCode, sent.body).toBe(201);
    const code = sent.json().code as string;
    const officerView = (await inject('GET', `${DESK}/${hoaDossier}`, desk.headers)).json();
    expect(officerView.registry.subjects.map((p: { personalId: string }) => p.personalId)).toEqual([SIGN_UPS.le.personalId]);
    await toDecision(hoaDossier);
    const approved = await act(leader, hoaDossier, 'approval');
    expect(approved.statusCode, approved.body).toBe(200);
    const rows = (await t.db.query<{ source_dossier: string; personal_id: string }>(
      `SELECT m.source_dossier, p.personal_id FROM marriages m JOIN marriage_spouses s ON s.marriage_id = m.id JOIN people p ON p.id = s.person_id
        WHERE s.ended_on IS NULL ORDER BY p.personal_id`)).rows;
    expect(rows).toEqual([
      { source_dossier: code, personal_id: NEW_PEOPLE.hoa.personalId },
      { source_dossier: code, personal_id: SIGN_UPS.le.personalId },
    ]);
    const entries = (await t.db.query<{ subject_id: string }>(`SELECT subject_id FROM audit_log WHERE action = 'person.marriage.register' ORDER BY subject_id`)).rows;
    expect(entries.map((e) => e.subject_id)).toEqual([NEW_PEOPLE.hoa.personalId, SIGN_UPS.le.personalId]);
  });

  async function confirmedDossier(invitee: CitizenSession, inviteeId: string) {
    const d = await draft(people.mai, 'dang-ky-ket-hon', { delivery: 'online' });
    expect((await invite(people.mai, d.id, inviteeId)).statusCode).toBe(200);
    const inv = await invitationOf(invitee, NEW_PEOPLE.mai.fullName);
    expect((await inject('POST', `${INVITATIONS}/${inv!.id}/confirmation`, invitee.headers)).statusCode).toBe(200);
    const sent = await submit(people.mai, d.id);
    expect(sent.statusCode, sent.body).toBe(201);
    await toDecision(d.id);
    return d.id;
  }

  it('refuses a party already married in the registry, and changes nothing', async () => {
    const id = await confirmedDossier(people.le, SIGN_UPS.le.personalId);
    const refused = await act(leader, id, 'approval');
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().code).toBe('MARRIAGE_CONDITIONS');
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'form.spouse.personalId', code: 'MARRIAGE_ALREADY_MARRIED' })]);
    expect((await inject('GET', `${DOSSIERS}/${id}`, people.mai.headers)).json()).toMatchObject({ state: 'in_process', decision: null });
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM marriages')).rows[0].n).toBe(1);
  });

  it('refuses first cousins and a parent and child by the registry\'s parent links (Luật HN&GĐ 2014 Art. 5.2.d)', async () => {
    const link = (child: string, parent: string) => t.db.query(
      `INSERT INTO person_parents (child_id, role, parent_id)
         SELECT c.id, 'father', p.id FROM people c, people p WHERE c.personal_id = $1 AND p.personal_id = $2`, [child, parent]);
    await link(NEW_PEOPLE.chaMai.personalId, NEW_PEOPLE.ong.personalId);
    await link(NEW_PEOPLE.chaKhanh.personalId, NEW_PEOPLE.ong.personalId);
    await link(NEW_PEOPLE.mai.personalId, NEW_PEOPLE.chaMai.personalId);
    await link(NEW_PEOPLE.khanh.personalId, NEW_PEOPLE.chaKhanh.personalId);
    const { personalId, fullName, dateOfBirth, phone } = NEW_PEOPLE.khanh;
    people.khanh = await registerCitizen(t, { personalId, fullName, dateOfBirth, phone });
    await level2(personalId);
    const id = await confirmedDossier(people.khanh, personalId);
    const refused = await act(leader, id, 'approval');
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().errors).toEqual([expect.objectContaining({ field: 'form.spouse.personalId', code: 'MARRIAGE_CLOSE_KIN' })]);
    expect((await inject('GET', `${DOSSIERS}/${id}`, people.mai.headers)).json()).toMatchObject({ state: 'in_process', decision: null });

    const kin = (a: string, b: string) => t.services.registry.unsafeKinship(a, b);
    await expect(kin(NEW_PEOPLE.mai.personalId, NEW_PEOPLE.ong.personalId)).resolves.toEqual({ directLine: true, withinThreeGenerations: true });
    await expect(kin(NEW_PEOPLE.khanh.personalId, NEW_PEOPLE.chaMai.personalId)).resolves.toEqual({ directLine: false, withinThreeGenerations: true });
    await expect(kin(NEW_PEOPLE.mai.personalId, NEW_PEOPLE.hoa.personalId)).resolves.toEqual({ directLine: false, withinThreeGenerations: false });
  });

  it('refuses a party under the legal age (nam đủ 20, nữ đủ 18)', async () => {
    const { personalId, fullName, dateOfBirth, phone } = NEW_PEOPLE.tre;
    people.tre = await registerCitizen(t, { personalId, fullName, dateOfBirth, phone });
    await level2(NEW_PEOPLE.tre.personalId);
    const id = await confirmedDossier(people.tre, NEW_PEOPLE.tre.personalId);
    const refused = await act(leader, id, 'approval');
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json().errors).toEqual([expect.objectContaining({
      field: 'form.spouse.birthDate', code: 'MARRIAGE_UNDER_AGE', message: expect.stringContaining('nam phải từ đủ 20 tuổi trở lên'),
    })]);
  });
});

describe('marriage at the one-stop desk: the other party confirms in person', () => {
  const COUNTER = '/api/v1/services/officer/counter/dossiers';
  const atDesk = (parties: object[], key = randomUUID()) => inject('POST', COUNTER, { ...desk.headers, 'idempotency-key': key }, {
    procedure: 'dang-ky-ket-hon', personalId: NEW_PEOPLE.mai.personalId, form: { delivery: 'online' }, documents: [], parties,
  });

  it('needs the party present with their identity paper checked, fills and locks their part, and the approval records the marriage', async () => {
    const spouse = { role: 'spouse', personalId: NEW_PEOPLE.tuan.personalId };
    // Without him, unchecked, or in a role the procedure has not: refused, nothing created.
    expect((await atDesk([])).json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'form.spouse.personalId', code: 'SPOUSE_NOT_CONFIRMED' })]));
    expect((await atDesk([{ ...spouse, identityChecked: false }])).json().errors).toEqual([expect.objectContaining({ field: 'parties.0.identityChecked', code: 'PARTY_IDENTITY_NOT_CHECKED' })]);
    expect((await atDesk([{ ...spouse, role: 'father', identityChecked: true }])).json().errors).toEqual([expect.objectContaining({ field: 'parties.0.role', code: 'PARTY_ROLE_NOT_NEEDED' })]);
    expect((await atDesk([{ ...spouse, personalId: UNKNOWN_ID, identityChecked: true }])).json().errors).toEqual([expect.objectContaining({ field: 'parties.0.personalId', code: 'MARRIAGE_PARTY_UNKNOWN' })]);
    expect((await atDesk([{ ...spouse, personalId: NEW_PEOPLE.mai.personalId, identityChecked: true }])).json().errors).toEqual([expect.objectContaining({ field: 'parties.0.personalId', code: 'INVITEE_SELF' })]);
    // Refused intakes leave no entry of his data released.
    expect((await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'person.release' AND subject_id = $1`, [NEW_PEOPLE.tuan.personalId])).rows).toHaveLength(0);
    const before = Number((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM dossiers WHERE applicant_personal_id = $1 AND channel = 'direct'`, [NEW_PEOPLE.mai.personalId])).rows[0].n);
    expect(before).toBe(0);

    const res = await atDesk([{ ...spouse, identityChecked: true }]);
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id as number;
    const row = (await t.db.query<{ form_data: { spouse: Record<string, string>; spouseConfirmed: boolean }; prefilled_fields: string[] }>(
      'SELECT form_data, prefilled_fields FROM dossiers WHERE id = $1', [id])).rows[0];
    expect(row.form_data.spouse).toMatchObject({ fullName: NEW_PEOPLE.tuan.fullName, personalId: NEW_PEOPLE.tuan.personalId });
    expect(row.form_data.spouseConfirmed).toBe(true);
    expect(row.prefilled_fields).toEqual(expect.arrayContaining(['spouse.fullName', 'spouseConfirmed']));
    const confirmation = (await t.db.query<{ state: string; invitee_account_id: string | null }>('SELECT state, invitee_account_id FROM dossier_confirmations WHERE dossier_id = $1', [id])).rows;
    expect(confirmation).toEqual([{ state: 'confirmed', invitee_account_id: null }]);
    const read = (await t.db.query<{ purpose: string }>(`SELECT purpose FROM audit_log WHERE action = 'person.release' AND subject_id = $1`, [NEW_PEOPLE.tuan.personalId])).rows;
    expect(read.map((r) => r.purpose)).toEqual([expect.stringContaining('đã đối chiếu giấy tờ tùy thân')]);

    expect((await act(desk, id, 'processing')).statusCode).toBe(200);
    const approved = await act(leader, id, 'approval');
    expect(approved.statusCode, approved.body).toBe(200);
    const spouses = (await t.db.query<{ personal_id: string }>(
      `SELECT p.personal_id FROM marriage_spouses s JOIN people p ON p.id = s.person_id JOIN marriages m ON m.id = s.marriage_id
        WHERE m.source_dossier = $1 ORDER BY p.personal_id`, [res.json().code])).rows;
    expect(spouses.map((x) => x.personal_id)).toEqual([NEW_PEOPLE.tuan.personalId, NEW_PEOPLE.mai.personalId].sort());
  });
});

describe('birth: the declarant\'s relation and an unmarried father', () => {
  const CHILD = { fullName: 'Nguyễn Thị Khai Sinh', sex: 'Nữ', birthDate: '2026-11-20', birthPlace: 'Trạm y tế xã', hometown: 'Đồng Tháp', ethnicity: 'Kinh', nationality: 'Việt Nam' };
  const FATHER = { fullName: 'Nguyễn Văn An', birthDate: '1984-05-12', sex: 'Nam', personalId: SIGN_UPS.an.personalId };
  const upload = (who: CitizenSession, id: number) => inject('POST', `${DOSSIERS}/${id}/documents`, who.headers, {
    kind: 'giay-chung-sinh', fileName: 'giay-chung-sinh.pdf', content: PDF_BYTES.toString('base64'),
  });

  it('takes mother or father from the relation only, never from the applicant\'s sex', async () => {
    const asGrandmother = await draft(people.bich, 'dang-ky-khai-sinh', { child: CHILD, declarant: { relation: 'Bà' }, delivery: 'online' });
    expect(asGrandmother.prefilledFields).not.toContain('mother.fullName');
    expect(asGrandmother.form.mother).toBeUndefined();
    // Saying "Mẹ" on a later save fills and locks the mother's part; going back to "Bà" gives it back to the citizen.
    const nowMother = await inject('PUT', `${DOSSIERS}/${asGrandmother.id}/form`, people.bich.headers, { form: { ...asGrandmother.form, declarant: { ...asGrandmother.form.declarant, relation: 'Mẹ' } } });
    expect(nowMother.json().form.mother).toMatchObject({ fullName: 'Trần Thị Bích', personalId: SIGN_UPS.bich.personalId });
    expect(nowMother.json().prefilledFields).toContain('mother.fullName');
    const back = await inject('PUT', `${DOSSIERS}/${asGrandmother.id}/form`, people.bich.headers, { form: { ...nowMother.json().form, declarant: { ...nowMother.json().form.declarant, relation: 'Bà' } } });
    expect(back.json().form.mother).toEqual({});
    expect(back.json().prefilledFields).not.toContain('mother.fullName');
    const asMother = await draft(people.bich, 'dang-ky-khai-sinh', { child: CHILD, declarant: { relation: 'Mẹ' }, delivery: 'online' });
    expect(asMother.form.mother).toMatchObject({ fullName: 'Trần Thị Bích', personalId: SIGN_UPS.bich.personalId });
    expect(asMother.prefilledFields).toContain('mother.personalId');
    // A man declaring as the mother is refused at submission, with the relation field named.
    const wrong = await draft(people.an, 'dang-ky-khai-sinh', { child: CHILD, declarant: { relation: 'Mẹ' }, mother: { fullName: 'Trần Thị Bích', birthDate: '1986-02-03' }, delivery: 'online' });
    expect((await upload(people.an, wrong.id)).statusCode).toBe(201);
    const res = await submit(people.an, wrong.id);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'form.declarant.relation', code: 'RELATION_SEX' })]));
    // The form requires the relation.
    const none = await draft(people.bich, 'dang-ky-khai-sinh', { child: CHILD, delivery: 'online' });
    expect((await upload(people.bich, none.id)).statusCode).toBe(201);
    expect((await submit(people.bich, none.id)).json().errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: expect.stringContaining('form.declarant') })]));
  });

  it('an unmarried father is written only once he confirms (nhận cha con); the birth links him', async () => {
    const d = await draft(people.bich, 'dang-ky-khai-sinh', { child: CHILD, declarant: { relation: 'Mẹ' }, father: FATHER, delivery: 'online' });
    expect((await upload(people.bich, d.id)).statusCode).toBe(201);
    const refused = await submit(people.bich, d.id);
    expect(refused.statusCode, refused.body).toBe(422);
    const err = refused.json().errors.find((e: { code: string }) => e.code === 'PATERNITY_CONFIRMATION_REQUIRED');
    expect(err).toMatchObject({ field: 'form.father.personalId' });
    expect(err.message).toContain('nhận cha con');

    expect((await invite(people.bich, d.id, SIGN_UPS.an.personalId)).json().confirmations).toEqual([expect.objectContaining({ role: 'father', state: 'pending' })]);
    const inv = await invitationOf(people.an, 'Trần Thị Bích');
    expect((await inject('POST', `${INVITATIONS}/${inv!.id}/confirmation`, people.an.headers)).statusCode).toBe(200);
    const after = (await inject('GET', `${DOSSIERS}/${d.id}`, people.bich.headers)).json();
    expect(after.prefilledFields).toEqual(expect.arrayContaining(['father.fullName', 'father.personalId']));
    const sent = await submit(people.bich, d.id);
    expect(sent.statusCode, sent.body).toBe(201);
    await toDecision(d.id);
    const approved = await act(leader, d.id, 'approval');
    expect(approved.statusCode, approved.body).toBe(200);
    const parents = (await t.db.query<{ role: string; personal_id: string }>(
      `SELECT l.role, p.personal_id FROM person_parents l JOIN people p ON p.id = l.parent_id
         JOIN people c ON c.id = l.child_id WHERE c.full_name = $1 ORDER BY l.role`, [CHILD.fullName])).rows;
    expect(parents).toEqual([{ role: 'father', personal_id: SIGN_UPS.an.personalId }, { role: 'mother', personal_id: SIGN_UPS.bich.personalId }]);
  });

  it('without the father\'s part the birth is submitted (the father\'s part stays empty)', async () => {
    const d = await draft(people.bich, 'dang-ky-khai-sinh', { child: { ...CHILD, fullName: 'Trần Thị Không Cha' }, declarant: { relation: 'Mẹ' }, delivery: 'online' });
    expect((await upload(people.bich, d.id)).statusCode).toBe(201);
    expect((await submit(people.bich, d.id)).statusCode).toBe(201);
  });
});

describe('criminal record: the certificate drawn at approval', () => {
  it('needs the officer\'s result; the PDF goes to the handler and, once returned, to the owner only (read audited)', async () => {
    const d = await draft(people.an, 'cap-phieu-ly-lich-tu-phap', { formType: '1', purpose: 'Bổ sung hồ sơ xin việc', copies: 1, delivery: 'online' });
    const sent = await submit(people.an, d.id);
    expect(sent.statusCode, sent.body).toBe(201);
    await toDecision(d.id, justice);
    // The officer's page says what the approval asks for beside the comment.
    expect((await inject('GET', `${DESK}/${d.id}`, justice.headers)).json().approvalAsks).toBe('criminal_record');
    const missing = await act(justiceLead, d.id, 'approval', {});
    expect(missing.statusCode, missing.body).toBe(400);
    expect(missing.json().errors[0]).toMatchObject({ field: 'result', code: 'CRIMINAL_RECORD_RESULT_REQUIRED' });
    const noText = await act(justiceLead, d.id, 'approval', { result: { convictions: 'recorded', text: '  ' } });
    expect(noText.json().errors[0]).toMatchObject({ field: 'result.text', code: 'CRIMINAL_RECORD_TEXT_REQUIRED' });
    // A commune officer cannot see the province's dossier: 404.
    expect((await inject('GET', `${DESK}/${d.id}/result.pdf`, desk.headers)).statusCode).toBe(404);

    const approved = await act(justiceLead, d.id, 'approval', { result: { convictions: 'none' } });
    expect(approved.statusCode, approved.body).toBe(200);
    const officerPdf = await inject('GET', `${DESK}/${d.id}/result.pdf`, justice.headers);
    expect(officerPdf.statusCode, officerPdf.body).toBe(200);
    expect(officerPdf.headers['content-type']).toContain('application/pdf');
    expect(officerPdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const early = await inject('GET', `${DOSSIERS}/${d.id}/result.pdf`, people.an.headers);
    expect(early.statusCode, early.body).toBe(409);
    expect((await act(justice, d.id, 'return')).statusCode).toBe(200);
    const own = await inject('GET', `${DOSSIERS}/${d.id}/result.pdf`, people.an.headers);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.rawPayload.equals(officerPdf.rawPayload)).toBe(true);
    expect((await inject('GET', `${DOSSIERS}/${d.id}/result.pdf`, people.bich.headers)).statusCode).toBe(404);

    const reads = (await t.db.query<{ actor_kind: string; subject_id: string }>(
      `SELECT actor_kind, subject_id FROM audit_log WHERE action = 'services.result.read' AND subject_kind = 'person' ORDER BY seq`)).rows;
    expect(reads).toEqual([{ actor_kind: 'officer', subject_id: SIGN_UPS.an.personalId }, { actor_kind: 'citizen', subject_id: SIGN_UPS.an.personalId }]);
    // The citizen's timeline says a certificate was drawn up, not more.
    const timeline = (await inject('GET', `${DOSSIERS}/${d.id}`, people.an.headers)).json().timeline as { action: string; data: { result?: { summary?: string } } | null }[];
    expect(timeline.find((e) => e.action === 'approve')?.data?.result?.summary).toContain('Phiếu lý lịch tư pháp số 1');
  });
});
