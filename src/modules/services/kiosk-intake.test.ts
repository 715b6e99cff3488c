import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { CitizenCaller } from '../../platform/access.js';
import { runInContext } from '../../platform/context.js';
import { testApp, type TestApp } from '../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { BIRTH_LIKE, MARRIAGE_LIKE, PDF_BYTES, RESIDENCE_LIKE, fixtureCatalogue, fixtureForms } from './testing.js';

// The services side of a paperless dossier at a kiosk (kiosk-intake.ts), called as the kiosk module calls it
// (compose.ts): what the citizen can submit without paper, and the start-and-submit in one transaction.

let t: TestApp;
let an: CitizenSession;
let caller: CitizenCaller;
const AT_KIOSK = { deviceId: 7, deviceName: 'Kiosk thử' };
/** As the kiosk's route runs it: its declared write, the kiosk as the actor. */
const submit = (c: CitizenCaller, input: { procedure: string; form?: Record<string, unknown> }) => runInContext(
  { caller: { kind: 'anonymous' } as never, writeAction: 'kiosk.dossier.submitted', purpose: 'Thử nộp tại kiosk', actor: { kind: 'system', id: `kiosk:${AT_KIOSK.deviceId}` } },
  () => t.services.services.submitAtKiosk(c, input, AT_KIOSK, randomUUID()),
);
const count = async (table: string) => Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

beforeAll(async () => {
  t = await testApp();
  t.services.services.useReferenceData({ catalogue: fixtureCatalogue([BIRTH_LIKE, RESIDENCE_LIKE, MARRIAGE_LIKE]), forms: fixtureForms });
  await insertFixturePeople(t.db);
  an = await registerCitizen(t, SIGN_UPS.an);
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now() WHERE personal_id = $1', [SIGN_UPS.an.personalId]);
  const a = (await t.db.query<{ id: string; person_id: string }>('SELECT id, person_id FROM citizen_accounts WHERE personal_id = $1', [SIGN_UPS.an.personalId])).rows[0];
  caller = { kind: 'citizen', accountId: Number(a.id), personId: Number(a.person_id), personalId: SIGN_UPS.an.personalId, level: 2, sessionId: 'kiosk', csrfToken: '' };
}, 120_000);
afterAll(() => t?.close());

describe('paperless procedures at a kiosk', () => {
  it('offers only what needs no paper the citizen lacks, never a marriage (its other party confirms first), forms prefilled', async () => {
    const before = (await t.services.services.kioskProcedures(caller)).items;
    expect(before.map((p) => p.slug)).toEqual([RESIDENCE_LIKE.slug]);
    expect(before[0].form).toMatchObject({ applicant: { fullName: SIGN_UPS.an.fullName, personalId: SIGN_UPS.an.personalId } });
    // Once a birth certificate is in their store (uploaded for an earlier dossier), the birth-like procedure is offered with it.
    const d = await t.app.inject({ method: 'POST', url: '/api/v1/services/dossiers', headers: an.headers, payload: { procedure: BIRTH_LIKE.slug, form: { childName: 'Bé Kho' } } });
    await t.app.inject({ method: 'POST', url: `/api/v1/services/dossiers/${d.json().id}/documents`, headers: an.headers, payload: { kind: 'giay-chung-sinh', fileName: 'cs.pdf', content: PDF_BYTES.toString('base64') } });
    const after = (await t.services.services.kioskProcedures(caller)).items;
    expect(after.map((p) => p.slug).sort()).toEqual([BIRTH_LIKE.slug, RESIDENCE_LIKE.slug].sort());
    expect(after.find((p) => p.slug === BIRTH_LIKE.slug)!.papers[0].stored).toHaveLength(1);
  });

  it('starts and submits in one transaction, recording the kiosk; a refusal leaves nothing; level 1 may not submit', async () => {
    const events = await count('dossier_events');
    const made = await submit(caller, { procedure: RESIDENCE_LIKE.slug, form: { purpose: 'Xin việc' } });
    expect(made).toMatchObject({ state: 'submitted', replayed: false, fee: 0 });
    const row = (await t.db.query<{ kiosk_device_id: string; applicant_account_id: string; form_data: { applicant: { fullName: string } } }>(
      'SELECT kiosk_device_id, applicant_account_id, form_data FROM dossiers WHERE id = $1', [made.id])).rows[0];
    expect(Number(row.kiosk_device_id)).toBe(AT_KIOSK.deviceId);
    expect(Number(row.applicant_account_id)).toBe(caller.accountId);
    expect(row.form_data.applicant.fullName).toBe(SIGN_UPS.an.fullName);
    // One timeline event (the submission), naming the kiosk.
    const timeline = (await t.db.query<{ action: string; data: { kiosk: { id: number } } }>('SELECT action, data FROM dossier_events WHERE dossier_id = $1', [made.id])).rows;
    expect(timeline.map((e) => e.action)).toEqual(['submit']);
    expect(timeline[0].data.kiosk.id).toBe(AT_KIOSK.deviceId);
    expect(await count('dossier_events')).toBe(events + 1);

    const dossiers = await count('dossiers');
    await expect(submit(caller, { procedure: BIRTH_LIKE.slug, form: {} })).rejects.toMatchObject({ code: 'DOSSIER_INVALID' });
    await expect(submit(caller, { procedure: MARRIAGE_LIKE.slug, form: {} })).rejects.toMatchObject({ code: 'PROCEDURE_NOT_FOUND' });
    await expect(submit({ ...caller, level: 1 }, { procedure: RESIDENCE_LIKE.slug })).rejects.toMatchObject({ code: 'DOSSIER_LEVEL_REQUIRED' });
    expect(await count('dossiers')).toBe(dossiers);
  });
});
