import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../../../testing/app.js';
import { registerCitizen, type CitizenSession } from '../../../testing/citizen.js';
import { COMMUNE_A, SIGN_UPS, insertFixturePeople } from '../../registry/testing.js';

let t: TestApp;
let an: CitizenSession;
let bich: CitizenSession;
let le: CitizenSession;
let nurse: Session;
let receptionist: Session;
let registrar: Session;
let fixedNow: Date | undefined;

type Method = 'GET' | 'POST';
const inject = (method: Method, url: string, headers: Record<string, string> = {}, payload?: object) => t.app.inject({ method, url, headers, payload });
const NOTICES = '/api/v1/services/birth-notices';
const LIFE = '/api/v1/services/life-events';
const hoursAgo = (h: number) => new Date(Date.now() - h * 3600_000).toISOString();
const notice = (over: Record<string, unknown> = {}) => ({
  motherPersonalId: SIGN_UPS.bich.personalId, bornAt: hoursAgo(3), sex: 'Nữ', weightGrams: 3100, birthPlace: 'Khoa Sản, Bệnh viện Đa khoa tỉnh', ...over,
});
const offersOf = async (s: CitizenSession) => {
  const res = await inject('GET', LIFE, s.headers);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { offers: { id: number; kind: string; title: string; text: string; forms: Record<string, Record<string, Record<string, unknown>>> }[]; reminders: { reason: string; text: string; dueOn: string; procedure: string }[] };
};
const outbox = async (phone: string) => (await t.db.query<{ body: string }>('SELECT body FROM outbox WHERE recipient = $1 ORDER BY id', [phone])).rows.map((r) => r.body);

beforeAll(async () => {
  t = await testApp();
  t.services.services.useReferenceData({ clock: () => fixedNow ?? new Date() });
  await insertFixturePeople(t.db);
  an = await registerCitizen(t, SIGN_UPS.an);
  bich = await registerCitizen(t, SIGN_UPS.bich);
  le = await registerCitizen(t, SIGN_UPS.le);
  await t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now()');
  t.services.identity.forgetCitizenSessions();
  const province = (await t.services.registry.getUnit('2025', COMMUNE_A)).provinceCode;
  const rp = (type: 'hospital' | 'lodging', code: string) => t.services.credentials.relyingParties.add({
    code, name: `Đơn vị ${code}`, type, purpose: 'Tiếp đón', allowedFields: ['full_name'], minLevel: 1, provinceCode: province,
  }, { withApiKey: false });
  const hospital = await rp('hospital', 'bv-thu');
  const hotel = await rp('lodging', 'ks-thu');
  nurse = await t.officer('tiepdon.thu', 'rp_staff', province, hospital.relyingParty.id);
  receptionist = await t.officer('letan.thu', 'rp_staff', province, hotel.relyingParty.id);
  registrar = await t.officer('hotich.thu', 'commune_registry', COMMUNE_A);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('authorization', () => {
  it('a birth notice needs a hospital counter\'s staff; the offers need a signed-in citizen', async () => {
    expect((await inject('POST', NOTICES, {}, notice())).statusCode).toBe(401);
    expect((await inject('POST', NOTICES, registrar.headers, notice())).statusCode).toBe(403);
    const hotel = await inject('POST', NOTICES, receptionist.headers, notice());
    expect(hotel.statusCode).toBe(403);
    expect(hotel.json().code).toBe('BIRTH_NOTICE_COUNTER');
    expect((await inject('GET', LIFE)).statusCode).toBe(401);
    expect((await inject('POST', `${LIFE}/offers/1/dismissal`)).statusCode).toBe(401);
  });
});

describe('a hospital counter\'s birth notice', () => {
  it('refuses bad input with the field named, and never a crash', async () => {
    const future = await inject('POST', NOTICES, nurse.headers, notice({ bornAt: new Date(Date.now() + 3 * 3600_000).toISOString() }));
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0]).toMatchObject({ field: 'bornAt', code: 'DATE_IN_FUTURE' });
    const old = await inject('POST', NOTICES, nurse.headers, notice({ bornAt: hoursAgo(24 * 70) }));
    expect(old.statusCode).toBe(400);
    expect(old.json().errors[0]).toMatchObject({ field: 'bornAt', code: 'DATE_BEFORE' });
    for (const bad of [
      { weightGrams: 90 }, { weightGrams: 3.5 }, { sex: 'Khác' }, { motherPersonalId: '08218600234' }, { bornAt: '07/12/2026' },
      { birthPlace: '' }, { intendedName: 'x'.repeat(101) }, { extra: 1 },
    ]) {
      const res = await inject('POST', NOTICES, nurse.headers, notice(bad));
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const blank = await inject('POST', NOTICES, nurse.headers, notice({ birthPlace: '   ' }));
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0]).toMatchObject({ field: 'birthPlace', code: 'REQUIRED' });
  });

  it('answers an unknown mother exactly as a known one (the counter learns nothing), and offers nobody anything', async () => {
    const unknown = await inject('POST', NOTICES, nurse.headers, notice({ motherPersonalId: '082186999999' }));
    expect(unknown.statusCode, unknown.body).toBe(201);
    const man = await inject('POST', NOTICES, nurse.headers, notice({ motherPersonalId: SIGN_UPS.le.personalId }));
    expect(man.statusCode).toBe(201);
    expect(Object.keys(unknown.json()).sort()).toEqual(['declaredAt', 'id', 'status']);
    expect(Object.keys(man.json()).sort()).toEqual(Object.keys(unknown.json()).sort());
    expect(man.json().status).toBe(unknown.json().status);
    for (const s of [an, bich, le]) expect((await offersOf(s)).offers).toEqual([]);
  });

  it('offers the mother and her husband of the same household the group, prefilled; nobody else; audited once', async () => {
    const before = Number((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'services.birth-notice.declared'`)).rows[0].n);
    const res = await inject('POST', NOTICES, nurse.headers, notice({ intendedName: 'Nguyễn Thị Bé  Na', bornAt: '2026-12-06T23:30:00+07:00' }));
    expect(res.statusCode, res.body).toBe(201);
    const after = (await t.db.query<{ subject_id: string }>(
      `SELECT subject_id FROM audit_log WHERE action = 'services.birth-notice.declared' ORDER BY seq`)).rows;
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)?.subject_id).toBe(SIGN_UPS.bich.personalId);

    const mine = await offersOf(bich);
    expect(mine.offers).toHaveLength(1);
    const offer = mine.offers[0];
    expect(offer).toMatchObject({ kind: 'birth', title: 'Đăng ký khai sinh liên thông cho con' });
    expect(offer.text).toContain('bé gái');
    expect(offer.text).toContain('23:30 06/12/2026');
    const birth = offer.forms['dang-ky-khai-sinh'];
    expect(birth.child).toMatchObject({ fullName: 'Nguyễn Thị Bé Na', sex: 'Nữ', birthDate: '2026-12-06', birthPlace: 'Khoa Sản, Bệnh viện Đa khoa tỉnh' });
    expect(birth.father).toMatchObject({ personalId: SIGN_UPS.an.personalId, fullName: 'Nguyễn Văn An' });

    const his = await offersOf(an);
    expect(his.offers).toHaveLength(1);
    expect(his.offers[0].forms['dang-ky-khai-sinh'].mother).toMatchObject({ personalId: SIGN_UPS.bich.personalId });
    expect((await offersOf(le)).offers).toEqual([]);
    // Another person's offer reads as absent.
    expect((await inject('POST', `${LIFE}/offers/${offer.id}/dismissal`, le.headers)).statusCode).toBe(404);
    expect((await inject('POST', `${LIFE}/offers/${offer.id}/acceptance`, le.headers, {})).statusCode).toBe(404);
  });

  it('accepting opens the linked group with the forms filled; a second click answers the same group', async () => {
    const offer = (await offersOf(bich)).offers[0];
    const accepted = await inject('POST', `${LIFE}/offers/${offer.id}/acceptance`, bich.headers, {
      forms: { 'cap-the-bhyt-tre-em-duoi-6-tuoi': { primaryCareFacility: 'Trạm y tế xã' } },
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    const g = accepted.json();
    expect(g.state).toBe('draft');
    expect(g.steps[0].procedure.slug).toBe('dang-ky-khai-sinh');
    const first = await inject('GET', `/api/v1/services/dossiers/${g.steps[0].dossier.id}`, bich.headers);
    expect(first.statusCode, first.body).toBe(200);
    const form = first.json().form;
    expect(form.child).toMatchObject({ fullName: 'Nguyễn Thị Bé Na', birthDate: '2026-12-06', sex: 'Nữ' });
    // The applicant's own fields come from the registry (the mother is the declarant).
    expect(form.mother.personalId).toBe(SIGN_UPS.bich.personalId);
    expect(form.father.personalId).toBe(SIGN_UPS.an.personalId);

    const again = await inject('POST', `${LIFE}/offers/${offer.id}/acceptance`, bich.headers, {});
    expect(again.statusCode).toBe(201);
    expect(again.json().id).toBe(g.id);
    expect((await offersOf(bich)).offers).toEqual([]);
  });

  it('an offer can be dismissed, once; it is then gone', async () => {
    const offer = (await offersOf(an)).offers[0];
    const res = await inject('POST', `${LIFE}/offers/${offer.id}/dismissal`, an.headers);
    expect(res.statusCode, res.body).toBe(200);
    expect((await offersOf(an)).offers).toEqual([]);
    expect((await inject('POST', `${LIFE}/offers/${offer.id}/dismissal`, an.headers)).statusCode).toBe(200);
    expect((await inject('POST', `${LIFE}/offers/99999/dismissal`, an.headers)).statusCode).toBe(404);
  });
});

describe('a death', () => {
  it('registered from a death-registration dossier offers nothing again', async () => {
    // The approval's registry effect (services/effects.ts) records the death with its dossier code this way.
    await t.services.registry.recordDeath({ dossierCode: 'UBX.28249-261207-0001', actor: { actorKind: 'system', actorId: 'test' } },
      SIGN_UPS.binh.personalId, '2026-12-01', 'Tại nhà');
    for (const s of [an, bich]) expect((await offersOf(s)).offers.filter((o) => o.kind === 'death')).toEqual([]);
  });

  it('recorded by the police offers group 2 to the household\'s adults with an e-ID account, with the deceased\'s data filled', async () => {
    const res = await inject('POST', `/api/v1/people/${SIGN_UPS.an.personalId}/death`, registrar.headers, { dateOfDeath: '2026-12-05', place: 'Bệnh viện Đa khoa tỉnh' });
    expect(res.statusCode, res.body).toBe(200);
    const offers = (await offersOf(bich)).offers.filter((o) => o.kind === 'death');
    expect(offers).toHaveLength(1);
    expect(offers[0]).toMatchObject({ kind: 'death', title: 'Đăng ký khai tử liên thông cho người thân' });
    expect(offers[0].text).toContain('05/12/2026');
    expect(offers[0].forms['dang-ky-khai-tu'].deceased).toMatchObject({
      personalId: SIGN_UPS.an.personalId, fullName: 'Nguyễn Văn An', birthDate: '1984-05-12', deathDate: '2026-12-05', deathPlace: 'Bệnh viện Đa khoa tỉnh',
    });
    expect(offers[0].forms['xoa-dang-ky-thuong-tru'].subject).toMatchObject({ personalId: SIGN_UPS.an.personalId });
    expect((await offersOf(le)).offers).toEqual([]);
    const made = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'services.life-offer.made' AND subject_id = $1`, [SIGN_UPS.an.personalId]);
    expect(made.rows).toHaveLength(1);
  });
});

describe('reminders', () => {
  it('writes each reminder once and sends its text message once: a second run sends nothing', async () => {
    fixedNow = new Date('2026-01-10T08:00:00+07:00');
    const unit = (await t.db.query<{ id: number }>('SELECT id FROM people WHERE personal_id = $1', [SIGN_UPS.le.personalId])).rows[0];
    await t.db.query(
      `INSERT INTO residences (person_id, kind, commune_code, address, valid_from, valid_to) VALUES ($1, 'temporary', $2, 'Phòng 3, nhà trọ X', '2025-01-25', '2026-01-25')`,
      [unit.id, COMMUNE_A],
    );
    const smsBefore = (await outbox(SIGN_UPS.le.phone)).length;
    const first = await t.services.services.life.remind();
    // Lê Văn An's temporary residence ends on 25/01; Trần Thị Bích is 40 on 03/02 (card renewal age, data/services/reminders.json).
    expect(first).toMatchObject({ written: 2, sent: 2 });
    const leSms = await outbox(SIGN_UPS.le.phone);
    expect(leSms).toHaveLength(smsBefore + 1);
    expect(leSms.at(-1)).toContain('25/01/2026');
    expect(leSms.at(-1)).not.toContain('nhà trọ');
    expect((await outbox(SIGN_UPS.bich.phone)).at(-1)).toContain('40 tuổi');

    const second = await t.services.services.life.remind();
    expect(second).toMatchObject({ written: 0, sent: 0 });
    expect(await outbox(SIGN_UPS.le.phone)).toHaveLength(smsBefore + 1);
    const nextDay = await t.services.services.life.remind(new Date('2026-01-11T08:00:00+07:00'));
    expect(nextDay).toMatchObject({ written: 0, sent: 0 });

    const portal = await offersOf(le);
    expect(portal.reminders).toEqual([expect.objectContaining({ reason: 'temporary_residence', dueOn: '2026-01-25', procedure: 'dang-ky-tam-tru' })]);
    expect(portal.reminders[0].text).toContain('25/01/2026');
    expect((await offersOf(bich)).reminders).toEqual([expect.objectContaining({ reason: 'card_renewal', dueOn: '2026-02-03' })]);
    fixedNow = undefined;
  });
});
