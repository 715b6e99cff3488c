import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { PDF_BYTES } from './testing.js';

// The one-stop desk's counter intake applies the citizen's own submission rules (review 2 #4, intake.ts): the same
// bad dossier is refused at the counter with the same field errors as when the citizen submits it online, and
// nothing is created. Bundled catalogue (birth and marriage at commune A).

let t: TestApp;
let an: CitizenSession;
let bich: CitizenSession;
let desk: Session;
type Method = 'GET' | 'POST';
const inject = (method: Method, url: string, headers: Record<string, string> = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const DOSSIERS = '/api/v1/services/dossiers';
const COUNTER = '/api/v1/services/officer/counter/dossiers';
const PAPER = { kind: 'giay-chung-sinh', fileName: 'giay-chung-sinh.pdf', content: PDF_BYTES.toString('base64') };
const CHILD = { fullName: 'Nguyễn Thị Quầy', sex: 'Nữ', birthDate: '2026-11-20', birthPlace: 'Trạm y tế xã', hometown: 'Đồng Tháp', ethnicity: 'Kinh', nationality: 'Việt Nam' };
type Problem = { statusCode: number; body: string; json: () => { code?: string; errors?: { field: string; code: string }[] } };
const codes = (res: Problem) => (res.json().errors ?? []).map((e) => `${e.field}:${e.code}`).sort();
const dossierCount = async () => Number((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers')).rows[0].n);

/** The citizen's own online submission of a form (with the paper uploaded when the procedure asks for one). */
async function online(who: CitizenSession, procedure: string, form: object, paper = true): Promise<Problem> {
  const d = await inject('POST', DOSSIERS, who.headers, { procedure, form });
  expect(d.statusCode, d.body).toBe(201);
  if (paper) expect((await inject('POST', `${DOSSIERS}/${d.json().id}/documents`, who.headers, PAPER)).statusCode).toBe(201);
  return inject('POST', `${DOSSIERS}/${d.json().id}/submission`, { ...who.headers, 'idempotency-key': randomUUID() });
}
/** The same form brought to the desk by the same person. */
const counter = (personalId: string, procedure: string, form: object, paper = true): Promise<Problem> =>
  inject('POST', COUNTER, { ...desk.headers, 'idempotency-key': randomUUID() }, { procedure, personalId, form, documents: paper ? [PAPER] : [] });

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  an = await registerCitizen(t, SIGN_UPS.an);
  bich = await registerCitizen(t, SIGN_UPS.bich);
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now() WHERE personal_id = ANY($1::text[])', [[SIGN_UPS.an.personalId, SIGN_UPS.bich.personalId]]);
  t.services.identity.forgetCitizenSessions();
  desk = await t.officer('motcua.quay', 'one_stop_officer', COMMUNE_A);
}, 180_000);

afterAll(async () => {
  await t?.close();
});

describe('the counter refuses what the citizen\'s submission refuses, with the same field errors', () => {
  const cases: [string, { who: 'an' | 'bich'; procedure: string; form: object; expected: string[] }][] = [
    ['a form that does not follow the procedure\'s schema', {
      who: 'bich', procedure: 'dang-ky-khai-sinh', form: { child: { ...CHILD, birthDate: '31/02/2026' }, declarant: { relation: 'Mẹ' }, delivery: 'bằng bồ câu' },
      expected: ['form.child.birthDate:FORM_FIELD', 'form.delivery:FORM_FIELD'],
    }],
    ['a man declaring a birth as the mother (relationErrors)', {
      who: 'an', procedure: 'dang-ky-khai-sinh', form: { child: CHILD, declarant: { relation: 'Mẹ' }, mother: { fullName: 'Trần Thị Bích', birthDate: '1986-02-03' }, delivery: 'online' },
      expected: ['form.declarant.relation:RELATION_SEX'],
    }],
    ['a father not married to the mother who has not confirmed (nhận cha con), and not the applicant\'s relative', {
      who: 'bich', procedure: 'dang-ky-khai-sinh',
      form: { child: CHILD, declarant: { relation: 'Mẹ' }, father: { fullName: 'Lê Văn An', birthDate: '1990-01-01', sex: 'Nam', personalId: SIGN_UPS.le.personalId }, delivery: 'online' },
      expected: ['form.father.personalId:PATERNITY_CONFIRMATION_REQUIRED', 'form.father.personalId:PERSON_NOT_RELATED'],
    }],
    ['a marriage the other party has not confirmed with their own e-ID', {
      who: 'an', procedure: 'dang-ky-ket-hon', form: { delivery: 'online', spouse: { fullName: 'Lê Văn An', personalId: SIGN_UPS.le.personalId } },
      expected: ['form.spouse.personalId:SPOUSE_NOT_CONFIRMED'],
    }],
  ];

  it.each(cases)('%s', async (_name, c) => {
    const who = c.who === 'an' ? an : bich;
    const paper = c.procedure === 'dang-ky-khai-sinh';
    const citizen = await online(who, c.procedure, c.form, paper);
    expect(citizen.statusCode, citizen.body).toBe(422);
    const before = await dossierCount();
    const desk = await counter(SIGN_UPS[c.who].personalId, c.procedure, c.form, paper);
    expect(desk.statusCode, desk.body).toBe(422);
    expect(desk.json().code).toBe('DOSSIER_INVALID');
    for (const e of c.expected) expect(codes(desk)).toContain(e);
    expect(codes(desk)).toEqual(codes(citizen));
    expect(await dossierCount()).toBe(before);
  });

  it('writes the registry\'s values over the locked fields, and receives a good dossier', async () => {
    const form = { child: CHILD, declarant: { relation: 'Mẹ', fullName: 'Tên khác' }, mother: { fullName: 'Tên khác nữa', birthDate: '1999-01-01' }, delivery: 'online' };
    const res = await counter(SIGN_UPS.bich.personalId, 'dang-ky-khai-sinh', form);
    expect(res.statusCode, res.body).toBe(201);
    const row = (await t.db.query<{ form_data: { declarant: { fullName: string }; mother: { fullName: string; personalId: string } }; prefilled_fields: string[] }>(
      'SELECT form_data, prefilled_fields FROM dossiers WHERE id = $1', [(res.json() as unknown as { id: number }).id])).rows[0];
    expect(row.form_data.declarant.fullName).toBe(SIGN_UPS.bich.fullName);
    expect(row.form_data.mother).toMatchObject({ fullName: SIGN_UPS.bich.fullName, personalId: SIGN_UPS.bich.personalId });
    expect(row.prefilled_fields).toEqual(expect.arrayContaining(['declarant.fullName', 'mother.fullName', 'mother.personalId']));
    // The same child again (same mother, name and day): refused at the counter as it would be online.
    const twice = await counter(SIGN_UPS.bich.personalId, 'dang-ky-khai-sinh', form);
    expect(twice.statusCode, twice.body).toBe(422);
    expect(codes(twice)).toContain('form.child.fullName:CHILD_DOSSIER_OPEN');
    expect(codes(await online(bich, 'dang-ky-khai-sinh', form))).toContain('form.child.fullName:CHILD_DOSSIER_OPEN');
  });
});
