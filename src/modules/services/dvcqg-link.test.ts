// The national portal wired to the dossiers (dvcqg-link.ts), through HTTP, against the local stand-in
// (connectors/dvcqg-standin.ts): the outbox written with each change, the worker's ordered delivery, retries and
// dead letters, an administrator's retry, and dossiers received from the portal (pull and signed webhook).
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { loadConfig } from '../../platform/config.js';
import { registerCitizen, type CitizenSession } from '../../testing/citizen.js';
import { COMMUNE_A, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { onOurScale } from './dvcqg-link.js';
import { BIRTH_LIKE, DvcqgStandin, PDF_BYTES, fixtureCatalogue, fixtureForms, signedDvcqgDelivery } from './testing.js';

const TOKEN = 'token-of-the-stand-in-0123456789';
const SECRET = 'webhook-secret-of-the-stand-in-0123456789';
const DOSSIERS = '/api/v1/services/dossiers';
const DESK = '/api/v1/services/officer/dossiers';
const DVCQG = '/api/v1/services/dvcqg';

let t: TestApp;
let standin: DvcqgStandin;
let an: CitizenSession;
let desk: Session;
let leader: Session;
let admin: Session;

type Headers = Record<string, string>;
const inject = (method: 'GET' | 'POST', url: string, headers: Headers = {}, payload?: object | string) => t.app.inject({ method, url, headers, payload });
const link = () => t.services.services.dvcqg;
/** A moment after every back-off: whatever is pending is due. */
const later = (hours = 2) => new Date(Date.now() + 3_600_000 * hours);

async function submitted() {
  const start = await inject('POST', DOSSIERS, an.headers, { procedure: BIRTH_LIKE.slug, form: { childName: 'Nguyễn Văn Con' } });
  const id = start.json().id as number;
  expect((await inject('POST', `${DOSSIERS}/${id}/documents`, an.headers, { kind: 'giay-chung-sinh', fileName: 'a.pdf', content: PDF_BYTES.toString('base64') })).statusCode).toBe(201);
  const res = await inject('POST', `${DOSSIERS}/${id}/submission`, { ...an.headers, 'idempotency-key': randomUUID() });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; code: string };
}
const act = (s: Session, id: number, path: string, body: object = {}) => inject('POST', `${DESK}/${id}/${path}`, s.headers, body);
const outboxOf = async (dossierId: number) =>
  (await t.db.query<{ seq: number; status: number; state: string; transition: string }>('SELECT seq, status, state, transition FROM dvcqg_outbox WHERE dossier_id = $1 ORDER BY seq', [dossierId])).rows;

let portalSeq = 0;
/** A dossier as the portal lists it, filed by An at commune A. */
function portalDossier(over: Record<string, unknown> = {}) {
  portalSeq += 1;
  return {
    code: `G22.99.08-261207-${String(portalSeq).padStart(6, '0')}`, procedureCode: BIRTH_LIKE.code, unitCode: `UBX.${COMMUNE_A}`,
    submittedAt: new Date().toISOString(), applicant: { personalId: SIGN_UPS.an.personalId, name: SIGN_UPS.an.fullName },
    form: { applicant: { fullName: SIGN_UPS.an.fullName, personalId: SIGN_UPS.an.personalId }, childName: 'Nguyễn Thị Cổng' }, attachments: [], ...over,
  };
}

const count = async (sql: string, params: unknown[]) => Number((await t.db.query<{ n: number }>(sql, params)).rows[0].n);
/** Whether anything of a portal dossier was written: a dossier of its code, or its received row. */
const traces = async (portalCode: string) => count(
  `SELECT (SELECT count(*) FROM dvcqg_received WHERE portal_code = $1) + (SELECT count(*) FROM dossier_events e JOIN dossiers d ON d.id = e.dossier_id
     WHERE e.data->>'dvcqgCode' = $1)::int AS n`, [portalCode]);

const signed = (body: string, at = Math.floor(Date.now() / 1000), secret = SECRET): Headers => signedDvcqgDelivery(body, secret, at);

beforeAll(async () => {
  standin = await DvcqgStandin.start(TOKEN);
  t = await testApp({
    DA06_DVCQG_URL: standin.url, DA06_DVCQG_TOKEN: TOKEN, DA06_DVCQG_STANDIN: 'true', DA06_DVCQG_ATTEMPTS: '1',
    DA06_DVCQG_MAX_FAILURES: '3', DA06_DVCQG_BACKOFF_MS: '10', DA06_DVCQG_WEBHOOK_SECRET: SECRET,
  });
  t.services.services.useReferenceData({ catalogue: fixtureCatalogue(), forms: fixtureForms });
  await insertFixturePeople(t.db);
  an = await registerCitizen(t, SIGN_UPS.an);
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now() WHERE personal_id = $1', [SIGN_UPS.an.personalId]);
  t.services.identity.forgetCitizenSessions();
  desk = await t.officer('motcua.a', 'one_stop_officer', COMMUNE_A);
  leader = await t.officer('lanhdao.a', 'commune_leader', COMMUNE_A);
  admin = await t.officer('quantri', 'admin', '82');
}, 120_000);

afterAll(async () => {
  await t?.close();
  await standin?.close();
});

describe('authorization', () => {
  it('shows the queue and its dead letters to an administrator only, and says the connection is the stand-in', async () => {
    expect((await inject('GET', `${DVCQG}/dead-letters`)).statusCode).toBe(401);
    expect((await inject('GET', `${DVCQG}/dead-letters`, desk.headers)).statusCode).toBe(403);
    expect((await inject('POST', `${DVCQG}/dead-letters/1/retry`, desk.headers)).statusCode).toBe(403);
    const res = await inject('GET', DVCQG, admin.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ configured: true, standin: true });
    expect(res.json().label).toMatch(/Bản mô phỏng/);
    expect((await inject('POST', `${DVCQG}/dead-letters/999999/retry`, admin.headers)).json().code).toBe('DVCQG_DEAD_LETTER_NOT_FOUND');
  });

  it('refuses the stand-in in production', () => {
    expect(() => loadConfig({ DA06_ENV: 'production', DA06_DVCQG_URL: standin.url, DA06_DVCQG_TOKEN: TOKEN, DA06_DVCQG_STANDIN: 'true' })).toThrow(/DA06_DVCQG_STANDIN/);
  });
});

describe('the outbox', () => {
  it('writes a status message in the transaction of each change, and none when the change rolls back', async () => {
    const d = await submitted();
    expect(await outboxOf(d.id)).toEqual([{ seq: 1, status: 1, state: 'pending', transition: 'submit' }]);
    expect((await act(desk, d.id, 'assignment')).statusCode).toBe(200);
    expect(await outboxOf(d.id)).toHaveLength(1); // an assignment is internal: not published
    expect((await act(desk, d.id, 'reception')).statusCode).toBe(200);
    expect((await outboxOf(d.id)).map((r) => r.status)).toEqual([1, 2]);

    // A change made in a transaction that then fails: its message goes with it.
    const people = await t.db.query<{ id: number }>('SELECT id FROM people WHERE personal_id = $1', [SIGN_UPS.an.personalId]);
    const account = await t.db.query<{ id: number }>('SELECT id FROM citizen_accounts WHERE personal_id = $1', [SIGN_UPS.an.personalId]);
    let stepId = 0;
    await expect(t.db.transaction(async (tx) => {
      const step = await t.services.services.startLinkedStep(tx, {
        procedure: BIRTH_LIKE.slug, applicantAccountId: Number(account.rows[0].id), applicantPersonId: Number(people.rows[0].id),
        applicantName: SIGN_UPS.an.fullName, applicantPersonalId: SIGN_UPS.an.personalId, unitCode: COMMUNE_A, provinceCode: '82',
        form: { childName: 'Con' }, groupId: 987654, groupStep: 1,
      });
      stepId = step.id;
      expect((await tx.query('SELECT 1 FROM dvcqg_outbox WHERE dossier_id = $1', [step.id])).rows).toHaveLength(1);
      throw new Error('roll back');
    })).rejects.toThrow('roll back');
    expect(stepId).toBeGreaterThan(0);
    expect((await t.db.query('SELECT 1 FROM dvcqg_outbox WHERE dossier_id = $1', [stepId])).rows).toHaveLength(0);
  });

  it('delivers each dossier\'s messages in order, each with the whole history', async () => {
    const d = await submitted();
    for (const [who, path] of [[desk, 'reception'], [desk, 'processing'], [leader, 'approval'], [desk, 'return']] as const) {
      expect((await act(who, d.id, path, { comment: 'Ý kiến' })).statusCode).toBe(200);
    }
    const other = await submitted();
    const run = await link().runOnce();
    expect(run.target.standin).toBe(true);
    expect(run.delivered.dead).toBe(0);
    expect(standin.recordedSeqs(d.code)).toEqual([1, 2, 3, 4, 5]);
    expect(standin.history(d.code).map((h) => h.status)).toEqual([1, 2, 4, 9, 10]);
    expect(standin.recordedSeqs(other.code)).toEqual([1]);
    // One push per message, in order, never a later one before an earlier one.
    const pushes = standin.requests.filter((r) => r.path === `/dossiers/${encodeURIComponent(d.code)}/statuses`).map((r) => r.idempotencyKey);
    expect(pushes).toEqual([1, 2, 3, 4, 5].map((n) => `status:${d.code}:${n}`));
    expect((await outboxOf(d.id)).every((r) => r.state === 'sent')).toBe(true);
    expect((await link().runOnce()).delivered.sent).toBe(0);
  });

  it('returns the result document on the portal after the status that announces it, once, and takes the citizen\'s rating given there', async () => {
    const d = await submitted();
    for (const [who, path] of [[desk, 'reception'], [desk, 'processing'], [leader, 'approval']] as const) {
      expect((await act(who, d.id, path, {})).statusCode).toBe(200);
    }
    // The result an approval draws (a procedure with a result document), as dossier_results holds it.
    const pdf = Buffer.concat([PDF_BYTES, Buffer.from(`% ${d.code}`)]);
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    await t.db.query(`INSERT INTO dossier_results (dossier_id, kind, media_type, content, sha256, data) VALUES ($1, 'birth', 'application/pdf', $2, $3, '{}')`, [d.id, pdf, sha256]);
    expect((await act(desk, d.id, 'return', {})).statusCode).toBe(200);
    // Not before its statuses are accepted.
    expect((await link().deliverResults(later())).sent).toBe(0);
    const run = await link().runOnce(later());
    expect(run.results).toEqual({ sent: 1, retrying: 0, dead: 0 });
    const pushed = standin.resultsOf(d.code);
    expect(pushed).toHaveLength(1);
    expect(pushed[0]).toMatchObject({ documentNumber: `${SIGN_UPS.an.personalId}.birth.${d.code}`, documentType: 'birth', title: 'Trích lục khai sinh' });
    // Sent outside da06: audited, whose and which document.
    const sent = (await t.db.query<{ subject_id: string; fields: string[] }>(`SELECT subject_id, fields FROM audit_log WHERE action = 'services.dossier.result-sent'`)).rows;
    expect(sent).toEqual([{ subject_id: SIGN_UPS.an.personalId, fields: ['birth'] }]);
    expect(pushed[0].file.sha256).toBe(sha256);
    expect(Buffer.from(pushed[0].file.contentBase64, 'base64').equals(pdf)).toBe(true);
    expect((await link().runOnce(later())).results.sent).toBe(0);

    // The citizen rates on the portal (a scale of 5 there): taken once, brought to ours (3), shown on the dossier.
    expect((await link().pullRatings(later())).rated).toBe(0);
    standin.rate({ dossierCode: d.code, ratedAt: new Date().toISOString(), scores: [{ criterion: 'a', score: 5, max: 5 }, { criterion: 'e', score: 1, max: 5 }], comment: 'Nhanh' });
    expect((await link().pullRatings(later(1))).asked).toBe(0); // asked less than six hours ago
    expect((await link().pullRatings(later(8))).rated).toBe(1);
    const rating = (await inject('GET', `${DOSSIERS}/${d.id}`, an.headers)).json().rating as { scores: Record<string, number>; comment: string };
    expect(rating).toMatchObject({ scores: { resultTime: 3, officerConduct: 1 }, comment: 'Nhanh' });
    expect(Object.keys(rating.scores)).toHaveLength(2);
    expect((await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'services.dossier.rated' AND actor_id = 'dvcqg' AND subject_id = $1`, [String(d.id)])).rows).toHaveLength(1);
    // A rated dossier is not asked about again.
    const asks = () => standin.requests.filter((r) => r.path === `/dossiers/${encodeURIComponent(d.code)}/rating`).length;
    const before = asks();
    await link().pullRatings(later(20));
    expect(asks()).toBe(before);
  });

  it('retries a failing portal with back-off, then keeps a dead letter that holds the dossier back until an administrator retries it', async () => {
    await link().runOnce();
    const d = await submitted();
    standin.setDown(true);
    try {
      const at = new Date();
      const first = await link().deliver(at);
      expect(first).toEqual({ sent: 0, retrying: 1, dead: 0 });
      // Not due again before its back-off.
      expect(await link().deliver(at)).toEqual({ sent: 0, retrying: 0, dead: 0 });
      expect(await link().deliver(later(2))).toEqual({ sent: 0, retrying: 1, dead: 0 });
      expect(await link().deliver(later(4))).toEqual({ sent: 0, retrying: 0, dead: 1 });
      const rows = await t.db.query<{ state: string; failures: number; last_error: string; last_error_kind: string }>(
        'SELECT state, failures, last_error, last_error_kind FROM dvcqg_outbox WHERE dossier_id = $1', [d.id]);
      expect(rows.rows[0]).toMatchObject({ state: 'dead', failures: 3, last_error_kind: 'unavailable' });
      expect(rows.rows[0].last_error).toMatch(/503/);
    } finally {
      standin.setDown(false);
    }
    // The dossier's next change waits behind its dead letter.
    expect((await act(desk, d.id, 'reception')).statusCode).toBe(200);
    expect((await link().deliver(later())).sent).toBe(0);
    expect(standin.recordedSeqs(d.code)).toEqual([]);

    const list = await inject('GET', `${DVCQG}/dead-letters`, admin.headers);
    expect(list.statusCode).toBe(200);
    const letter = list.json().items.find((l: { dossierId: number }) => l.dossierId === d.id);
    expect(letter).toMatchObject({ seq: 1, status: 1, statusLabel: 'Mới đăng ký', failures: 3, lastErrorKind: 'unavailable', waiting: 1 });
    expect(list.json().target.label).toMatch(/Bản mô phỏng/);

    const retried = await inject('POST', `${DVCQG}/dead-letters/${letter.id}/retry`, admin.headers);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(Number((await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log WHERE action = 'services.dvcqg.retried' AND subject_id = $1", [String(letter.id)])).rows[0].n)).toBe(1);
    await link().deliver();
    await vi.waitFor(() => expect(standin.recordedSeqs(d.code)).toEqual([1, 2]), { timeout: 5000 });
    expect((await inject('POST', `${DVCQG}/dead-letters/${letter.id}/retry`, admin.headers)).statusCode).toBe(404);
  });

  it('makes a message the portal refuses a dead letter at once (no retry can help)', async () => {
    await link().runOnce();
    const d = await submitted();
    standin.inject({ kind: 'http', status: 409, body: JSON.stringify({ code: 'HISTORY_CONFLICT' }) });
    expect(await link().deliver()).toEqual({ sent: 0, retrying: 0, dead: 1 });
    const row = (await t.db.query<{ state: string; last_error_kind: string }>('SELECT state, last_error_kind FROM dvcqg_outbox WHERE dossier_id = $1', [d.id])).rows[0];
    expect(row).toEqual({ state: 'dead', last_error_kind: 'rejected' });
  });
});

describe('a portal score on our scale (1–3)', () => {
  it('maps the portal\'s lowest and highest onto ours, linearly, whatever its maximum', () => {
    expect([1, 2].map((x) => onOurScale(x, 2, 1, 3))).toEqual([1, 3]);
    expect([0, 1, 2, 3, 4, 5].map((x) => onOurScale(x, 5, 1, 3))).toEqual([1, 1, 2, 2, 3, 3]);
    expect([1, 2, 3].map((x) => onOurScale(x, 3, 1, 3))).toEqual([1, 2, 3]);
  });
});

describe('receiving dossiers filed on the portal', () => {
  it('pulls them into the unit\'s queue with the portal code kept, once, and refuses a bad one without touching the others', async () => {
    const good = portalDossier();
    const malformed = { ...portalDossier(), applicant: { personalId: '12', name: 'X' } };
    const stranger = portalDossier({ applicant: { personalId: '099999999999', name: 'Không Có' } });
    const otherUnit = portalDossier({ unitCode: 'UBX.99999' });
    const good2 = portalDossier();
    for (const x of [good, malformed, stranger, otherUnit, good2]) standin.file(x as never);
    const first = await link().receive();
    expect(first).toEqual({ received: 2, duplicates: 0, refused: 3, failed: 0 });
    const again = await link().receive();
    expect(again.received).toBe(0);

    const rows = await t.db.query<{ id: number; code: string; channel: string; state: string; unit_code: string; applicant_account_id: number | null; portal_code: string }>(
      `SELECT d.id, d.code, d.channel, d.state, d.unit_code, d.applicant_account_id, r.portal_code FROM dvcqg_received r JOIN dossiers d ON d.id = r.dossier_id
        WHERE r.portal_code = ANY($1::text[]) ORDER BY d.id`, [[good.code, good2.code]]);
    expect(rows.rows).toHaveLength(2);
    expect(rows.rows[0]).toMatchObject({ channel: 'dvcqg', state: 'submitted', unit_code: COMMUNE_A, applicant_account_id: null, portal_code: good.code });
    expect(standin.acknowledgement(good.code)).toBe(rows.rows[0].code);

    const queue = (await inject('GET', `${DESK}?limit=100`, desk.headers)).json().items as { id: number; channel?: string }[];
    expect(queue.map((q) => q.id)).toContain(Number(rows.rows[0].id));

    const refusals = (await inject('GET', DVCQG, admin.headers)).json().refusals as { portalCode: string; problem: { code: string; status: number; title: string } }[];
    expect(refusals.find((r) => r.portalCode === malformed.code)?.problem).toMatchObject({ code: 'DVCQG_DOSSIER_INVALID', status: 422 });
    expect(refusals.find((r) => r.portalCode === malformed.code)?.problem.title).toMatch(/applicant\/personalId/);
    expect(refusals.find((r) => r.portalCode === stranger.code)?.problem.code).toBe('DVCQG_APPLICANT_UNKNOWN');
    expect(refusals.find((r) => r.portalCode === otherUnit.code)?.problem.code).toBe('DVCQG_UNIT_UNKNOWN');

    // Its status is published under the portal's own code.
    await link().deliver();
    expect(standin.history(good.code).map((h) => h.status)).toEqual([1]);
  });

  it('fills and locks the registry\'s fields of a portal dossier, whatever the portal sent, and audits the release with the receipt', async () => {
    const typed = portalDossier({ form: { applicant: { fullName: 'Nguyen Van Go Sai', personalId: SIGN_UPS.an.personalId }, childName: 'Nguyễn Thị Cổng' } });
    standin.file(typed as never);
    expect((await link().receive()).received).toBe(1);
    const row = (await t.db.query<{ id: number; form_data: { applicant: { fullName: string }; childName: string }; prefilled_fields: string[] }>(
      `SELECT d.id, d.form_data, d.prefilled_fields FROM dvcqg_received r JOIN dossiers d ON d.id = r.dossier_id WHERE r.portal_code = $1`, [typed.code])).rows[0];
    expect(row.form_data.applicant.fullName).toBe(SIGN_UPS.an.fullName);
    expect(row.form_data.childName).toBe('Nguyễn Thị Cổng');
    expect(row.prefilled_fields).toContain('applicant.fullName');
    const audit = (await t.db.query<{ action: string; actor_id: string; subject_kind: string; subject_id: string; purpose: string }>(
      `SELECT action, actor_id, subject_kind, subject_id, purpose FROM audit_log WHERE actor_id = 'dvcqg' AND action = 'person.release' AND subject_id = $1`,
      [SIGN_UPS.an.personalId])).rows;
    expect(audit.length).toBeGreaterThanOrEqual(1);
    expect(audit[0].purpose).toMatch(/Cổng Dịch vụ công quốc gia/);
  });

  it('takes a dossier from the signed webhook once, and refuses a bad signature, an old timestamp, a replay and a malformed body', async () => {
    const url = `${DVCQG}/webhook`;
    const dossier = portalDossier();
    const body = JSON.stringify(dossier);
    const headers = signed(body);
    const created = await inject('POST', url, headers, body);
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ portalCode: dossier.code, duplicate: false });
    expect(Number((await t.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM audit_log a JOIN dvcqg_received r ON a.subject_id = r.dossier_id::text WHERE r.portal_code = $1 AND a.action = 'services.dossier.submitted'",
      [dossier.code])).rows[0].n)).toBe(1);

    const replay = await inject('POST', url, headers, body);
    expect(replay.statusCode).toBe(409);
    expect(replay.json().code).toBe('DVCQG_REPLAY');
    expect(replay.headers['content-type']).toMatch(/problem\+json/);

    const resent = await inject('POST', url, signed(body, Math.floor(Date.now() / 1000) + 1), body);
    expect(resent.statusCode).toBe(200);
    expect(resent.json()).toMatchObject({ localCode: created.json().localCode, duplicate: true });

    const forged = await inject('POST', url, signed(body, undefined, 'another-secret-of-someone-else-0123456789'), body);
    expect(forged.statusCode).toBe(401);
    expect(forged.json().code).toBe('DVCQG_SIGNATURE');
    expect((await inject('POST', url, { 'content-type': 'application/json' }, body)).json().code).toBe('DVCQG_SIGNATURE');
    const tampered = await inject('POST', url, headers, body.replace('Cổng', 'Cong'));
    expect(tampered.json().code).toBe('DVCQG_SIGNATURE');

    const old = await inject('POST', url, signed(body, Math.floor(Date.now() / 1000) - 3600), body);
    expect(old.statusCode).toBe(401);
    expect(old.json().code).toBe('DVCQG_TIMESTAMP');

    const notJson = '{"code": "G22.99.08-261207-9';
    const bad = await inject('POST', url, signed(notJson), notJson);
    expect(bad.statusCode).toBe(422);
    expect(bad.json().code).toBe('DVCQG_DOSSIER_INVALID');
    const wrongShape = JSON.stringify({ ...portalDossier(), extra: true });
    const shape = await inject('POST', url, signed(wrongShape), wrongShape);
    expect(shape.statusCode).toBe(422);
    expect(shape.json().detail ?? shape.json().title).toMatch(/sai cấu trúc/);
  });
});

describe('a portal dossier\'s form is checked against the procedure\'s schema before anything is written (review 2 #3)', () => {
  // The applicant's personal ID is missing too, but the registry fills it: only the child's name is the citizen's error.
  const badForm = { applicant: { fullName: SIGN_UPS.an.fullName }, childName: '' };

  it('refuses a pulled one back to the portal with every field error, and creates nothing', async () => {
    const bad = portalDossier({ form: badForm });
    const good = portalDossier();
    standin.file(bad as never);
    standin.file(good as never);
    const tally = await link().receive();
    expect(tally.refused).toBeGreaterThanOrEqual(1);
    expect(await traces(bad.code)).toBe(0);
    expect(await traces(good.code)).toBeGreaterThan(0);
    // Told to the portal (the contract's POST /dossiers/{code}/refusal), with the fields named.
    const told = standin.refusal(bad.code);
    expect(told).toMatchObject({ code: 'DVCQG_FORM_INVALID', status: 422 });
    expect(told!.errors.map((e) => e.field)).toEqual(['form.childName']);
    expect(told!.errors.every((e) => e.code === 'FORM_FIELD' && e.message.length > 0)).toBe(true);
    expect(standin.requests.find((r) => r.path === `/dossiers/${encodeURIComponent(bad.code)}/refusal`)?.idempotencyKey).toBe(`refusal:${bad.code}`);
    expect(standin.refusal(good.code)).toBeUndefined();
    const recorded = (await inject('GET', DVCQG, admin.headers)).json().refusals.find((r: { portalCode: string }) => r.portalCode === bad.code);
    expect(recorded.problem.code).toBe('DVCQG_FORM_INVALID');
    expect(recorded.problem.errors).toEqual(told!.errors);
  });

  it('answers a pushed one 422 with the field errors, and creates nothing', async () => {
    const bad = portalDossier({ form: badForm });
    const body = JSON.stringify(bad);
    const res = await inject('POST', `${DVCQG}/webhook`, signed(body), body);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
    expect(res.json().code).toBe('DVCQG_FORM_INVALID');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toEqual(['form.childName']);
    expect(await traces(bad.code)).toBe(0);
  });
});

describe('pulling and the webhook never skip nor take twice (review 2 #5)', () => {
  /** A real database failure while a dossier of this portal code is stored (a trigger), as a crash mid-batch would leave it. */
  async function failStoring(portalCode: string) {
    await t.db.owner.query(`CREATE OR REPLACE FUNCTION dvcqg_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.portal_code = '${portalCode}' THEN RAISE EXCEPTION 'disk full (test)'; END IF; RETURN NEW; END $$`);
    await t.db.owner.query('CREATE TRIGGER dvcqg_test_fail BEFORE INSERT ON dvcqg_received FOR EACH ROW EXECUTE FUNCTION dvcqg_test_fail()');
  }
  const healed = () => t.db.owner.query('DROP TRIGGER IF EXISTS dvcqg_test_fail ON dvcqg_received');
  const cursor = async () => (await t.db.query<{ cursor: string | null }>('SELECT cursor FROM dvcqg_cursor')).rows[0]?.cursor ?? null;
  const received = async (code: string) => count('SELECT count(*)::int AS n FROM dvcqg_received WHERE portal_code = $1', [code]);

  it('keeps the cursor before a dossier that could not be stored, and the next run takes it and the ones after it', async () => {
    await link().receive();
    const [a, b, c] = [portalDossier(), portalDossier(), portalDossier()];
    const before = standin.filed;
    for (const x of [a, b, c]) standin.file(x as never);
    await failStoring(b.code);
    try {
      // One dossier a page: the cursor would move past each page.
      const run = await link().receive(1);
      expect(run.failed).toBe(1);
      expect(await received(a.code)).toBe(1);
      expect(await received(b.code)).toBe(0);
      // Stopped at b: c was not even looked at, and the saved cursor is b's page (a's page was stored, so passed).
      expect(await received(c.code)).toBe(0);
      expect(await cursor()).toBe(String(before + 1));
      // No dossier half-created for b: the failure rolled its transaction back.
      expect(await traces(b.code)).toBe(0);
    } finally {
      await healed();
    }
    const again = await link().receive(1);
    expect(again).toMatchObject({ received: 2, failed: 0 });
    expect([await received(a.code), await received(b.code), await received(c.code)]).toEqual([1, 1, 1]);
  });

  it('records and tells a refusal once, however often its page is pulled again', async () => {
    const bad = portalDossier({ unitCode: 'UBX.99999' });
    standin.file(bad as never);
    await link().receive();
    await link().receive();
    expect(await count('SELECT count(*)::int AS n FROM dvcqg_refusals WHERE portal_code = $1', [bad.code])).toBe(1);
    expect(standin.requests.filter((r) => r.path === `/dossiers/${encodeURIComponent(bad.code)}/refusal`)).toHaveLength(1);
  });

  it('gives a webhook delivery back when its dossier could not be stored: the same signed retry is taken, once', async () => {
    const dossier = portalDossier();
    const body = JSON.stringify(dossier);
    const headers = signed(body);
    await failStoring(dossier.code);
    try {
      const failed = await inject('POST', `${DVCQG}/webhook`, headers, body);
      expect(failed.statusCode).toBe(500);
      expect(await traces(dossier.code)).toBe(0);
    } finally {
      await healed();
    }
    const retried = await inject('POST', `${DVCQG}/webhook`, headers, body);
    expect(retried.statusCode, retried.body).toBe(201);
    // The same delivery again is a replay; the same dossier signed anew is answered with the dossier made (idempotent by its code).
    expect((await inject('POST', `${DVCQG}/webhook`, headers, body)).json().code).toBe('DVCQG_REPLAY');
    const resent = await inject('POST', `${DVCQG}/webhook`, signed(body, Math.floor(Date.now() / 1000) - 10), body);
    expect(resent.statusCode).toBe(200);
    expect(resent.json()).toMatchObject({ duplicate: true, localCode: retried.json().localCode });
    expect(await received(dossier.code)).toBe(1);
    // A delivery older than the window is refused whatever it holds, even never seen before.
    const stale = await inject('POST', `${DVCQG}/webhook`, signed(body, Math.floor(Date.now() / 1000) - 301), body);
    expect(stale.json().code).toBe('DVCQG_TIMESTAMP');
  });
});

describe('authorization by province: an administrator of another province sees nothing of this one (review 2 #7)', () => {
  it('counts, lists and retries only their own province\'s messages, answers 404 for another\'s, and shows refusals of their units', async () => {
    const other = await t.officer('quantri.79', 'admin', '79');
    await link().runOnce();
    const d = await submitted();
    const letter = (await t.db.query<{ id: number }>(`UPDATE dvcqg_outbox SET state = 'dead', dead_at = now() WHERE dossier_id = $1 RETURNING id`, [d.id])).rows[0];
    const stranger = portalDossier({ applicant: { personalId: '099999999998', name: 'Không Có' } });
    const malformed = { ...portalDossier(), applicant: { personalId: '1', name: 'X' } };
    standin.file(stranger as never);
    standin.file(malformed as never);
    await link().receive();

    const mine = (await inject('GET', DVCQG, admin.headers)).json();
    const theirs = (await inject('GET', DVCQG, other.headers)).json();
    expect(mine.dead).toBeGreaterThan(0);
    expect(mine.sent + mine.pending).toBeGreaterThan(0);
    expect(theirs).toMatchObject({ pending: 0, dead: 0, sent: 0, configured: true });
    type Refusal = { portalCode: string; provinceCode: string | null };
    expect(mine.refusals.find((r: Refusal) => r.portalCode === stranger.code)).toMatchObject({ provinceCode: '82' });
    expect(theirs.refusals.some((r: Refusal) => r.provinceCode === '82')).toBe(false);
    // One that names no unit of ours belongs to no province: every administrator sees it.
    expect(theirs.refusals.find((r: Refusal) => r.portalCode === malformed.code)).toMatchObject({ provinceCode: null });

    const listMine = (await inject('GET', `${DVCQG}/dead-letters`, admin.headers)).json();
    expect(listMine.items.map((l: { id: number }) => l.id)).toContain(Number(letter.id));
    expect((await inject('GET', `${DVCQG}/dead-letters`, other.headers)).json()).toMatchObject({ items: [], total: 0 });

    const refused = await inject('POST', `${DVCQG}/dead-letters/${letter.id}/retry`, other.headers);
    expect(refused.statusCode).toBe(404);
    expect(refused.json().code).toBe('DVCQG_DEAD_LETTER_NOT_FOUND');
    expect((await t.db.query<{ state: string }>('SELECT state FROM dvcqg_outbox WHERE id = $1', [letter.id])).rows[0].state).toBe('dead');
    expect((await inject('POST', `${DVCQG}/dead-letters/${letter.id}/retry`, admin.headers)).statusCode).toBe(200);
  });
});

