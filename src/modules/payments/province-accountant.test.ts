import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { RESIDENCE_LIKE, fixtureCatalogue, fixtureForms } from '../services/testing.js';
import type { Procedure } from '../services/index.js';
import { signedNotification } from './testing.js';

// The fees of a province unit (here a Sở Tư pháp–like procedure): the commune accountant's area cannot hold them, the
// province accountant (src/roles.ts province_accountant) sees, reconciles and refunds them — another province's do not.

const PROVINCE_LIKE: Procedure = { ...RESIDENCE_LIKE, slug: 'thu-tuc-cap-tinh-thu', code: '9.000009', name: 'Thủ tục cấp tỉnh thử nghiệm', level: 'province', agency: 'province_justice' };

let t: TestApp;
let an: CitizenSession;
let justice: Session;
let accountant: Session;
let otherAccountant: Session;
const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}, payload?: object | string) => t.app.inject({ method, url, headers, payload });

beforeAll(async () => {
  t = await testApp();
  t.services.services.useReferenceData({ catalogue: fixtureCatalogue([PROVINCE_LIKE]), forms: fixtureForms });
  await insertFixturePeople(t.db);
  an = await registerCitizen(t, SIGN_UPS.an);
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now()');
  t.services.identity.forgetCitizenSessions();
  justice = await t.officer('tuphap.tinh', 'province_justice_officer', '82');
  accountant = await t.officer('ketoan.tinh', 'province_accountant', '82');
  otherAccountant = await t.officer('ketoan.tinh.khac', 'province_accountant', '25');
}, 120_000);
afterAll(() => t?.close());

describe('the province accountant', () => {
  it('sees and refunds the fees of a province unit; another province\'s accountant reads them as absent', async () => {
    const started = await inject('POST', '/api/v1/services/dossiers', an.headers, { procedure: PROVINCE_LIKE.slug, form: { purpose: 'Xin việc' } });
    expect(started.statusCode, started.body).toBe(201);
    const id = started.json().id as number;
    expect((await inject('POST', `/api/v1/services/dossiers/${id}/submission`, { ...an.headers, 'idempotency-key': randomUUID() })).statusCode).toBe(201);
    for (const [step, body] of [['reception', {}], ['processing', {}], ['payment-request', { amount: 200_000 }]] as const) {
      const res = await inject('POST', `/api/v1/services/officer/dossiers/${id}/${step}`, justice.headers, body);
      expect(res.statusCode, `${step}: ${res.body}`).toBe(200);
    }
    const { reference } = (await inject('GET', `/api/v1/payments/own?subjectKind=dossier&subjectId=${id}`, an.headers)).json().items[0] as { reference: string };

    const mine = await inject('GET', '/api/v1/payments', accountant.headers);
    expect(mine.statusCode, mine.body).toBe(200);
    expect((mine.json().items as { reference: string }[]).map((p) => p.reference)).toContain(reference);
    expect((await inject('GET', `/api/v1/payments/${reference}`, accountant.headers)).statusCode).toBe(200);
    expect((await inject('GET', '/api/v1/payments', otherAccountant.headers)).json().items).toEqual([]);
    expect((await inject('GET', `/api/v1/payments/${reference}`, otherAccountant.headers)).statusCode).toBe(404);

    const body = JSON.stringify({ transactionId: `FT${randomUUID().replaceAll('-', '').slice(0, 16)}`, reference, amount: 200_000, paidAt: new Date().toISOString() });
    expect((await inject('POST', '/api/v1/payments/notifications', signedNotification(body), body)).statusCode).toBe(200);
    const reason = 'Công dân rút hồ sơ trước khi giải quyết';
    expect((await inject('POST', `/api/v1/payments/${reference}/refund`, otherAccountant.headers, { reason })).statusCode).toBe(404);
    const refunded = await inject('POST', `/api/v1/payments/${reference}/refund`, accountant.headers, { reason });
    expect(refunded.statusCode, refunded.body).toBe(200);
    expect(refunded.json()).toMatchObject({ status: 'refunded', amount: 200_000 });
  });
});
