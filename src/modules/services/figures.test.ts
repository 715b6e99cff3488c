import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../testing/db.js';
import { COMMUNE_A, COMMUNE_B, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { createServicesFigures, paperlessShare } from './figures.js';

let db: Awaited<ReturnType<typeof freshDb>>;
let seq = 0;

/** One dossier as the workflow leaves it (times in Vietnam). */
async function dossier(d: { slug: string; unit: string; submitted: string; decided?: string; due?: string; deadline?: string; state: string; notRequired: number; uploads?: number; channel?: string }) {
  const person = (await db.query<{ id: number }>('SELECT id FROM people WHERE personal_id = $1', [SIGN_UPS.an.personalId])).rows[0].id;
  const account = (await db.query<{ id: number }>('SELECT id FROM citizen_accounts LIMIT 1')).rows[0].id;
  const at = (s?: string) => (s ? new Date(`${s}+07:00`) : null);
  const r = await db.query<{ id: number }>(
    `INSERT INTO dossiers (code, procedure_slug, procedure_code, procedure_name, procedure_version, agency, applicant_account_id, applicant_person_id, applicant_name,
       applicant_personal_id, unit_code, province_code, channel, state, decision, documents_not_required, submitted_at, received_at, decided_at, due_at, deadline_at)
     VALUES ($1, $2, '1.0', $2, '2025-07-01', 'commune_police', $3, $4, 'An', $5, $6, '82', $7, $8, $9, $10, $11, $11, $12, $13, $14) RETURNING id`,
    [`T-${++seq}`, d.slug, account, person, SIGN_UPS.an.personalId, d.unit, d.channel ?? 'online', d.state, d.decided ? 'approved' : null, d.notRequired,
      at(d.submitted), at(d.decided), at(d.due), at(d.deadline)],
  );
  for (let i = 0; i < (d.uploads ?? 0); i++) {
    await db.query(
      `INSERT INTO dossier_documents (dossier_id, kind, file_name, media_type, size_bytes, sha256, content, uploaded_by) VALUES ($1, 'x', 'x.pdf', 'application/pdf', 1, 'x', '\\x00', 'citizen')`,
      [r.rows[0].id],
    );
  }
}

beforeAll(async () => {
  db = await freshDb();
  await insertFixturePeople(db);
  await db.query(`INSERT INTO citizen_accounts (person_id, personal_id, phone, password_hash) SELECT id, personal_id, '0900000000', 'x' FROM people WHERE personal_id = $1`, [SIGN_UPS.an.personalId]);
  await dossier({ slug: 'ct07', unit: COMMUNE_A, submitted: '2026-03-02T09:00:00', decided: '2026-03-02T11:00:00', due: '2026-03-02T13:00:00', state: 'returned', notRequired: 2 });
  await dossier({ slug: 'ct07', unit: COMMUNE_A, submitted: '2026-03-03T09:00:00', decided: '2026-03-05T09:00:00', due: '2026-03-03T13:00:00', state: 'processed', notRequired: 2, channel: 'direct' });
  await dossier({ slug: 'tam-tru', unit: COMMUNE_B, submitted: '2026-03-10T09:00:00', due: '2026-03-13T17:00:00', deadline: '2026-03-13T17:00:00', state: 'in_process', notRequired: 1, uploads: 1 });
  // February: outside the period, but still open and late in March.
  await dossier({ slug: 'tam-tru', unit: COMMUNE_A, submitted: '2026-02-25T09:00:00', due: '2026-02-27T17:00:00', deadline: '2026-02-27T17:00:00', state: 'received', notRequired: 1, uploads: 2 });
}, 120_000);

afterAll(async () => {
  await db?.dispose();
});

describe('the operations centre\'s figures of the one-stop desk', () => {
  it('counts received, on time, late, open and late, and the paperless share, by procedure and unit', async () => {
    const f = await createServicesFigures(db)(null, { from: '2026-03-01', to: '2026-03-31' });
    expect(f.totals).toEqual({ received: 3, decidedOnTime: 1, decidedLate: 1, openLate: 2, papersNotRequired: 5, papersUploaded: 1, online: 2 });
    expect(paperlessShare(f.totals)).toBeCloseTo(5 / 6);
    expect(f.byProcedure.map((p) => [p.slug, p.received, p.papersUploaded])).toEqual([['ct07', 2, 0], ['tam-tru', 1, 1]]);
    expect(f.byUnit.find((u) => u.unitCode === COMMUNE_A)).toMatchObject({ received: 2, openLate: 1 });
    const onlyB = await createServicesFigures(db)([COMMUNE_B], { from: '2026-03-01', to: '2026-03-31' });
    expect(onlyB.totals.received).toBe(1);
  });

  it('keeps a dossier stopped after its due date among the late ones (review #10)', async () => {
    await dossier({ slug: 'dung', unit: COMMUNE_B, submitted: '2026-03-16T09:00:00', due: '2026-03-18T17:00:00', state: 'stopped', notRequired: 0 });
    await db.query(`UPDATE dossiers SET closed_at = '2026-03-20T10:00:00+07:00' WHERE procedure_slug = 'dung'`);
    const f = await createServicesFigures(db)([COMMUNE_B], { from: '2026-03-01', to: '2026-03-31' });
    expect(f.byProcedure.find((p) => p.slug === 'dung')).toMatchObject({ received: 1, decidedLate: 1 });
  });
});
