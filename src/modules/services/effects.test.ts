import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import type { Procedure } from './catalogue/index.js';
import { RESIDENCE_LIKE, fixtureCatalogue, fixtureForms } from './testing.js';

// Approvals change the registry in their own transaction (effects.ts), each change carrying the dossier code.
const CT07: Procedure = { ...RESIDENCE_LIKE, slug: 'xac-nhan-cu-tru-thu', code: '9.200001', effect: 'residence_confirmation' };
const DEATH: Procedure = {
  ...RESIDENCE_LIKE, slug: 'khai-tu-thu', code: '9.200002', agency: 'commune_people_committee', effect: 'death', prefill: [],
  form: { type: 'object', title: 'Tờ khai', required: ['deceased'], properties: { deceased: { type: 'object', title: 'Người đã chết', properties: {} } } },
};

let t: TestApp;
let an: CitizenSession;
let police: Session;
let policeLead: Session;
let desk: Session;
let leader: Session;
const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const DOSSIERS = '/api/v1/services/dossiers';
const DESK = '/api/v1/services/officer/dossiers';

async function submitted(procedure: string, form: object) {
  const d = await inject('POST', DOSSIERS, an.headers, { procedure, form });
  expect(d.statusCode, d.body).toBe(201);
  const s = await inject('POST', `${DOSSIERS}/${d.json().id}/submission`, { ...an.headers, 'idempotency-key': randomUUID() });
  expect(s.statusCode, s.body).toBe(201);
  return s.json() as { id: number; code: string };
}

async function approve(receiver: Session, approver: Session, id: number) {
  expect((await inject('POST', `${DESK}/${id}/reception`, receiver.headers, {})).statusCode).toBe(200);
  expect((await inject('POST', `${DESK}/${id}/processing`, receiver.headers, {})).statusCode).toBe(200);
  return inject('POST', `${DESK}/${id}/approval`, approver.headers, {});
}

beforeAll(async () => {
  t = await testApp();
  t.services.services.useReferenceData({ catalogue: fixtureCatalogue([CT07, DEATH]), forms: fixtureForms });
  await insertFixturePeople(t.db);
  an = await registerCitizen(t, SIGN_UPS.an);
  await registerCitizen(t, SIGN_UPS.bich);
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now()');
  t.services.identity.forgetCitizenSessions();
  police = await t.officer('congan.e', 'commune_police', COMMUNE_A);
  // The approval is by another officer than the one who processed (separation of duties, review 3 #7).
  policeLead = await t.officer('congan.e2', 'commune_police', COMMUNE_A);
  desk = await t.officer('motcua.e', 'one_stop_officer', COMMUNE_A);
  leader = await t.officer('lanhdao.e', 'commune_leader', COMMUNE_A);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('an approval changes the registry', () => {
  it('answers a residence confirmation with the CT07 content read from the registry', async () => {
    const d = await submitted(CT07.slug, {});
    const res = await approve(police, policeLead, d.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'processed', decision: 'approved' });
    // The CT07 content joins the timeline once the approval has committed.
    const resultOf = async () => (await inject('GET', `${DOSSIERS}/${d.id}`, an.headers)).json().timeline.find((e: { action: string }) => e.action === 'result');
    await expect.poll(resultOf, { timeout: 20_000 }).toBeTruthy();
    expect((await resultOf()).data.ct07).toMatchObject({ form: 'CT07', personalId: SIGN_UPS.an.personalId, fullName: 'Nguyễn Văn An' });
  });

  it('records a death with the dossier code; the deceased\'s e-ID is locked; a second one is refused and changes nothing', async () => {
    const d = await submitted(DEATH.slug, { deceased: { personalId: SIGN_UPS.bich.personalId, deathDate: '2026-11-30', deathPlace: 'Tại nhà' } });
    const res = await approve(desk, leader, d.id);
    expect(res.statusCode, res.body).toBe(200);
    const person = (await t.db.query<{ date_of_death: string }>(
      "SELECT to_char(date_of_death, 'YYYY-MM-DD') AS date_of_death FROM people WHERE personal_id = $1", [SIGN_UPS.bich.personalId])).rows[0];
    expect(person.date_of_death).toBe('2026-11-30');
    const event = (await t.db.query<{ source_dossier: string }>(
      "SELECT e.source_dossier FROM life_events e JOIN people p ON p.id = e.person_id WHERE p.personal_id = $1 AND e.kind = 'death'", [SIGN_UPS.bich.personalId])).rows[0];
    expect(event.source_dossier).toBe(d.code);
    // The death's event locks the e-ID after the commit.
    await expect.poll(async () => (await t.db.query<{ locked: boolean }>(
      "SELECT status = 'locked' AS locked FROM citizen_accounts WHERE personal_id = $1", [SIGN_UPS.bich.personalId])).rows[0].locked).toBe(true);

    const again = await submitted(DEATH.slug, { deceased: { personalId: SIGN_UPS.bich.personalId, deathDate: '2026-11-30' } });
    const refused = await approve(desk, leader, again.id);
    expect(refused.statusCode).toBe(409);
    expect((await inject('GET', `${DOSSIERS}/${again.id}`, an.headers)).json()).toMatchObject({ state: 'in_process', decision: null });
  });
});
