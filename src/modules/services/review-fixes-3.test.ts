import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import type { Catalogue, Procedure } from './catalogue/index.js';
import { RESIDENCE_LIKE, fixtureCatalogue, fixtureForms } from './testing.js';

// The third review of the services module, through the HTTP API.
const PLAIN: Procedure = { ...RESIDENCE_LIKE, slug: 'cu-tru-ra-soat-3', code: '9.500004' };
const catalogue: Catalogue = fixtureCatalogue([PLAIN]);

let t: TestApp;
let an: CitizenSession;
let police: Session;
let policeLead: Session;
let policeThird: Session;

type Method = 'GET' | 'POST';
const inject = (method: Method, url: string, headers: Record<string, string> = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const DOSSIERS = '/api/v1/services/dossiers';
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

beforeAll(async () => {
  t = await testApp();
  t.services.services.useReferenceData({ catalogue, forms: fixtureForms });
  await insertFixturePeople(t.db);
  an = await registerCitizen(t, SIGN_UPS.an);
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now()');
  t.services.identity.forgetCitizenSessions();
  police = await t.officer('congan.r3', 'commune_police', COMMUNE_A);
  policeLead = await t.officer('congan.r3b', 'commune_police', COMMUNE_A);
  policeThird = await t.officer('congan.r3c', 'commune_police', COMMUNE_A);
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
});
