import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Secret, TOTP } from 'otpauth';
import { TEST_PASSWORD, TRUST_KEEPING_ROLES, testApp, type Session, type TestApp } from './testing/app.js';
import { CITIZEN_PASSWORD, citizenSessionOf, latestCode, registerCitizen, type CitizenSession } from './testing/citizen.js';
import { oidcSignIn } from './testing/oidc.js';
import { SoftAuthenticator } from './testing/webauthn.js';
import { chipOf, trustTestCsca } from './testing/chip.js';
import { testCscaPem } from './modules/credentials/testing.js';
import { COMMUNE_A, PEOPLE, SIGN_UPS, fixturePerson, insertFixturePeople } from './modules/registry/testing.js';
import { bundledPlanFiles, loadPlanFile } from './modules/operations/index.js';
import { syntheticPortrait } from './modules/registry/index.js';
import { BIRTH_LIKE, DvcqgStandin, FIXTURE_PROCEDURES, MARRIAGE_LIKE, certifiedCopyProcedure, PDF_BYTES, PNG_BYTES, RESIDENCE_LIKE, fixtureCatalogue, fixtureForms, signedDvcqgDelivery } from './modules/services/testing.js';
import { todayInVietnam } from './platform/time.js';
import { signedNotification } from './modules/payments/testing.js';

/**
 * The audit walk: every non-GET operation of the served OpenAPI document declares its audit action
 * (`x-audit`) or is listed here as writing none, with the reason; one successful call of each writes
 * exactly one entry of that action, and a failing call of the same route (bad body or parameter)
 * writes none. A route added without a fixture here fails the walk. Every GET whose 2xx answer carries
 * personal fields declares a read audit.
 */

type Headers = Record<string, string>;
interface Call { method: string; url: string; headers?: Headers; payload?: unknown }
interface World {
  t: TestApp;
  officers: Record<'registry' | 'province' | 'admin' | 'police' | 'chief' | 'group' | 'staff', Session>;
  citizen: CitizenSession;
  planId: string;
  relyingPartyId: number;
  hotelId: number;
}
/** A write: how to call it successfully (preparing what it needs) and how to call it so that it fails. */
interface Write { ok: (w: World) => Promise<Call> | Call; bad: (w: World) => Promise<Call> | Call }
/** An operation that changes nothing audited by itself, with the reason. */
interface NoAudit { none: string }

const post = (url: string, headers: Headers, payload?: unknown): Call => ({ method: 'POST', url, headers, payload });
const del = (url: string, headers: Headers): Call => ({ method: 'DELETE', url, headers });
const HOTEL = {
  name: 'Khách sạn Kiểm Toán', kind: 'hotel', starClass: 3, communeCode: COMMUNE_A, address: '12 Nguyễn Huệ', capacity: 40,
  ownerName: 'Lê Thị Hồng', phone: '0912345000',
};
const HEALTH_INSURANCE = {
  cardNumber: 'HS4828401234567', benefitLevel: 4, primaryCareFacility: 'Trung tâm Y tế khu vực Cao Lãnh', primaryCareFacilityCode: '87001',
  validFrom: '2026-01-01', validTo: '2026-12-31',
};
const RP = { name: 'Phòng khám Kiểm Toán', type: 'hospital', purpose: 'Khám chữa bệnh', allowedFields: ['full_name'], minLevel: 1 };
const fresh = () => randomUUID().slice(0, 8);
const person = (i: number) => PEOPLE[i];
/** The chip card of Nguyễn Văn An (PEOPLE[0]), signed by the test CSCA. */
const anChip = () => chipOf({ ...person(0), sex: 'Nam' });

async function json<T>(w: World, call: Call): Promise<T> {
  const res = await w.t.app.inject({ method: call.method as 'POST', url: call.url, headers: call.headers, payload: call.payload as object });
  if (res.statusCode >= 300) throw new Error(`${call.method} ${call.url}: ${res.statusCode} ${res.body}`);
  return res.json() as T;
}
const newFacility = async (w: World) => (await json<{ id: number }>(w, post('/api/v1/lodging/facilities', w.officers.police.headers, { ...HOTEL, name: `Khách sạn ${fresh()}` }))).id;
const newRelyingParty = async (w: World) =>
  (await json<{ relyingParty: { id: number } }>(w, post('/api/v1/relying-parties', w.officers.admin.headers, { ...RP, code: `rp-${fresh()}`, provinceCode: '82' }))).relyingParty.id;
/** A kiosk of the walk's province whose centre shows the personal ID and name (kiosk sign-in needs them): its id and key. */
async function newKiosk(w: World) {
  const rp = await json<{ relyingParty: { id: number } }>(w, post('/api/v1/relying-parties', w.officers.admin.headers, {
    ...RP, code: `hcc-${fresh()}`, provinceCode: '82', type: 'other', purpose: 'Đăng nhập tại kiosk', allowedFields: ['personal_id', 'full_name'],
  }));
  const k = await json<{ device: { id: number }; deviceKey: string }>(w, post('/api/v1/kiosks', w.officers.admin.headers, { name: `Kiosk ${fresh()}`, unitCode: COMMUNE_A, relyingPartyId: rp.relyingParty.id }));
  return { id: k.device.id, headers: { 'x-kiosk-key': k.deviceKey } };
}
/** A confidential OIDC client registered as an agency of the walk's province: its id and client. */
async function newAgency(w: World) {
  const client = await json<{ clientId: string; clientSecret: string }>(w, post('/api/v1/sso/clients', w.officers.admin.headers, { name: `Cơ quan ${fresh()}`, redirectUris: ['https://coquan.tinh.test/cb'], scopes: ['profile'], minLevel: 1 }));
  const agency = await json<{ id: number }>(w, post('/api/v1/exchange/agencies', w.officers.admin.headers, { name: `Cơ quan ${fresh()}`, legalBasis: 'Thỏa thuận kết nối', clientId: client.clientId }));
  return { id: agency.id, client };
}
/** A public key (JWK) of an agency's system, with its kid. */
const agencyJwk = async (kid: string) => ({ ...(await exportJWK((await generateKeyPair('ES256', { extractable: true })).publicKey)), kid, alg: 'ES256' });
/** An agency of the walk's province registered with its public keys (private_key_jwt): its id and its key's kid. */
async function newKeyedAgency(w: World) {
  const kid = `k-${fresh()}`;
  const agency = await json<{ id: number }>(w, post('/api/v1/exchange/agencies', w.officers.admin.headers, { name: `Cơ quan ${fresh()}`, legalBasis: 'Thỏa thuận kết nối', jwks: { keys: [await agencyJwk(kid)] } }));
  return { id: agency.id, kid };
}
const EXCHANGE_PURPOSE = 'procedure.dossier-processing';
/** The catalogue's purpose of the write service the walk uses (data/exchange/purposes.json). */
const SECTOR_PURPOSE = 'sector.civil-status-update';
/** A grant of a new agency for a service, asked by the administrator (not yet approved). */
async function newGrant(w: World, service = 'person.is_alive', fields: string[] = []) {
  const agency = await newAgency(w);
  const grant = await json<{ id: number }>(w, post('/api/v1/exchange/grants', w.officers.admin.headers, {
    agencyId: agency.id, service, purposes: [service.startsWith('sector.') ? SECTOR_PURPOSE : EXCHANGE_PURPOSE], fields, dailyQuota: 100, validFrom: '2020-01-01', validUntil: '2099-12-31',
  }));
  return { ...agency, grantId: grant.id };
}
/** The bearer header of a new agency holding an approved grant of `service`. */
async function agencyBearer(w: World, service: string, fields: string[] = []) {
  const g = await newGrant(w, service, fields);
  await json(w, post(`/api/v1/exchange/grants/${g.grantId}/approve`, w.officers.province.headers));
  const basic = Buffer.from(`${encodeURIComponent(g.client.clientId)}:${encodeURIComponent(g.client.clientSecret)}`).toString('base64');
  const res = await w.t.app.inject({ method: 'POST', url: '/oidc/token', payload: 'grant_type=client_credentials', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` } });
  return { authorization: `Bearer ${res.json().access_token as string}` };
}
/** A new agency whose approved grant of a yes/no check rests on the citizen's consent, and a consent it asked of the walk's citizen. */
async function askedConsent(w: World) {
  const agency = await newAgency(w);
  const grant = await json<{ id: number }>(w, post('/api/v1/exchange/grants', w.officers.admin.headers, {
    agencyId: agency.id, service: 'person.is_alive', purposes: [EXCHANGE_PURPOSE], consentPurposes: [EXCHANGE_PURPOSE], fields: [], dailyQuota: 100, validFrom: '2020-01-01', validUntil: '2099-12-31',
  }));
  await json(w, post(`/api/v1/exchange/grants/${grant.id}/approve`, w.officers.province.headers));
  const basic = Buffer.from(`${encodeURIComponent(agency.client.clientId)}:${encodeURIComponent(agency.client.clientSecret)}`).toString('base64');
  const res = await w.t.app.inject({ method: 'POST', url: '/oidc/token', payload: 'grant_type=client_credentials', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` } });
  const bearer = { authorization: `Bearer ${res.json().access_token as string}` };
  const ask = (purpose = EXCHANGE_PURPOSE) =>
    post('/api/v1/exchange/consent-requests', bearer, { personalId: SIGN_UPS.an.personalId, service: 'person.is_alive', purpose, fields: [], validUntil: '2099-12-31', frequency: 'periodic' });
  return { ask, id: (await json<{ id: number }>(w, ask())).id };
}
/** A civil-status event recorded elsewhere, for the walk's citizen (An) as the registry knows him. */
const sectorRecord = (purpose: string) => ({
  service: 'sector.civil_status_event', reference: `HT-${fresh()}`, personalId: SIGN_UPS.an.personalId, fullName: SIGN_UPS.an.fullName, dateOfBirth: SIGN_UPS.an.dateOfBirth,
  purpose, recordDate: '2024-05-01', record: { eventType: 'marriage', registrationNumber: '12/2024', authority: 'Tổng Lãnh sự quán Việt Nam tại Osaka' },
});
const CONSENT_APPROVAL = { fields: [], validUntil: '2099-12-31' };
/** A linked list whose one row names the walk's citizen (An) under another name: a row to review, once linked. */
async function reviewRow(w: World) {
  const run = await json<{ id: number }>(w, { ...post('/api/v1/linkage/runs?source=Kiem%20toan', { ...w.officers.province.headers, 'content-type': 'text/csv' }, `personal_id,full_name,date_of_birth\n${SIGN_UPS.an.personalId},Trần Văn Khác,1984\n`) });
  for (let i = 0; i < 200 && (await json<{ state: string }>(w, { method: 'GET', url: `/api/v1/linkage/runs/${run.id}`, headers: w.officers.province.headers })).state === 'running'; i++) {
    await new Promise((r) => setTimeout(r, 50));
  }
  return { runId: run.id, row: 1 };
}
/** A citizen signed in at a new kiosk with the walk citizen's identity QR. */
async function kioskSignIn(w: World) {
  const kiosk = await newKiosk(w);
  const { token } = await json<{ token: string }>(w, post('/api/v1/citizen/identity-qr', w.citizen.headers, { fields: ['personal_id', 'full_name'] }));
  const { sessionToken } = await json<{ sessionToken: string }>(w, post('/api/v1/kiosk/sessions', kiosk.headers, { qr: token }));
  return { ...kiosk.headers, 'x-kiosk-session': sessionToken };
}
// A citizen who submits a dossier at a kiosk: added to the registry and signed up at level 2 on first use.
const KIOSK_CITIZEN = { personalId: '082301007010', fullName: 'Đặng Văn Kiốt', dateOfBirth: '2001-01-10', phone: '0912000998' };
let kioskCitizen: CitizenSession | undefined;
/** The kiosk citizen signed in at a new kiosk with their identity QR, ready to submit (an Idempotency-Key). */
async function kioskDossierSession(w: World) {
  if (!kioskCitizen) {
    await insertFixturePeople(w.t.db, [fixturePerson(KIOSK_CITIZEN.personalId, KIOSK_CITIZEN.fullName, KIOSK_CITIZEN.dateOfBirth, 'Nam', COMMUNE_A, 'HK-K', 'Chủ hộ', null, KIOSK_CITIZEN.phone)]);
    kioskCitizen = await registerCitizen(w.t, KIOSK_CITIZEN);
    await w.t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now() WHERE personal_id = $1', [KIOSK_CITIZEN.personalId]);
    w.t.services.identity.forgetCitizenSessions();
  }
  const kiosk = await newKiosk(w);
  const { token } = await json<{ token: string }>(w, post('/api/v1/citizen/identity-qr', kioskCitizen.headers, { fields: ['personal_id', 'full_name'] }));
  const { sessionToken } = await json<{ sessionToken: string }>(w, post('/api/v1/kiosk/sessions', kiosk.headers, { qr: token }));
  return { ...kiosk.headers, 'x-kiosk-session': sessionToken, 'idempotency-key': randomUUID() };
}
/** An officer account of the walk's province, made by its administrator. */
const newOfficer = async (w: World) =>
  (await json<{ account: { id: number } }>(w, post('/api/v1/officers', w.officers.admin.headers, {
    username: `tk.${fresh()}`, fullName: 'Cán bộ Thử', role: 'commune_registry', areaCode: COMMUNE_A,
  }))).account.id;
/**
 * A citizen sign-in started with the password: the challenge of its second step, with a text-message code
 * sent (once the walk's citizen has a passkey, the passkey is proposed first and no code is sent unasked).
 */
async function citizenChallenge(w: World): Promise<string> {
  const { challengeId, next } = await json<{ challengeId: string; next: string }>(w, post('/api/v1/citizen/session', {}, { personalId: SIGN_UPS.an.personalId, password: CITIZEN_PASSWORD }));
  if (next !== 'otp') await json(w, post('/api/v1/citizen/session/otp', {}, { challengeId }));
  return challengeId;
}
/** A guest in the walk's hotel: the stay's id. */
const newStay = async (w: World) => (await json<{ stays: { id: number }[] }>(w, post('/api/v1/desk/stays', { ...w.officers.staff.headers, 'idempotency-key': randomUUID() }, {
  reason: 'Du lịch', room: '304', guests: [{ personalId: '079090001236', fullName: 'Võ Văn Mười', dateOfBirth: '1990-04-06' }],
}))).stays[0].id;
/** A second session of the walk's citizen, through both steps. */
async function citizenSignIn(w: World): Promise<CitizenSession> {
  const challengeId = await citizenChallenge(w);
  return citizenSessionOf(await w.t.app.inject({ method: 'POST', url: '/api/v1/citizen/session/verify', headers: { 'user-agent': 'vitest' }, payload: { challengeId, method: 'otp', code: await latestCode(w.t) } }));
}
/** The walk's server: a host name, not an IP address, so that WebAuthn has a relying party ID. */
const PUBLIC_URL = 'http://eid.kiemtoan.test';
/** A passkey registered on the walk's citizen account (options, then the authenticator's answer). */
async function registeredPasskey(w: World): Promise<{ id: string; authenticator: SoftAuthenticator }> {
  const authenticator = new SoftAuthenticator(PUBLIC_URL);
  const { challenge } = await json<{ challenge: string }>(w, post('/api/v1/citizen/passkeys/options', w.citizen.headers));
  const { id } = await json<{ id: string }>(w, post('/api/v1/citizen/passkeys', w.citizen.headers, { response: authenticator.create(challenge) }));
  return { id: String(id), authenticator };
}
const qrOf = async (w: World) => (await json<{ token: string }>(w, post('/api/v1/citizen/identity-qr', w.citizen.headers, { fields: ['full_name'] }))).token;

/** The citizen whose password the walk changes, and the level-2 request it cancels (their failing calls reuse them). */
let passwordChanger: CitizenSession | undefined;
let cancelledRequest = 0;

// ---- services: dossiers of a level-2 citizen (Nguyễn Văn Bình, of the walk's commune), handled by the commune police ----
const DOSSIERS = '/api/v1/services/dossiers';
const DESK = '/api/v1/services/officer/dossiers';
const put = (url: string, headers: Headers, payload?: unknown): Call => ({ method: 'PUT', url, headers, payload });
let dossierCitizen: CitizenSession | undefined;
let copier: Session | undefined;
/** The commune's justice officer who certifies copies (services/copies). */
const certifier = async (w: World) => (copier ??= await w.t.officer('walk.tuphap', 'civil_status_officer', COMMUNE_A));
const copyBody = (compared: boolean) => ({
  personalId: SIGN_UPS.an.personalId, documentName: 'Bằng tốt nghiệp', pages: 1, copies: 1, compared, scans: [{ fileName: 'ban-chinh.pdf', content: PDF_BYTES.toString('base64') }],
});
let ratedDossier = 0;
async function servicesCitizen(w: World): Promise<CitizenSession> {
  if (!dossierCitizen) {
    dossierCitizen = await registerCitizen(w.t, SIGN_UPS.binh);
    await w.t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now() WHERE personal_id = $1', [SIGN_UPS.binh.personalId]);
    w.t.services.identity.forgetCitizenSessions();
  }
  return dossierCitizen;
}
const draftDossier = async (w: World, procedure = RESIDENCE_LIKE.slug) =>
  (await json<{ id: number }>(w, post(DOSSIERS, (await servicesCitizen(w)).headers, { procedure, form: { childName: 'Bé Thử' } }))).id;
async function submittedDossier(w: World): Promise<number> {
  const id = await draftDossier(w);
  await json(w, post(`${DOSSIERS}/${id}/submission`, { ...(await servicesCitizen(w)).headers, 'idempotency-key': randomUUID() }));
  return id;
}
/** A submitted dossier taken through the desk's steps (path, body) by the commune police. */
async function dossierAt(w: World, ...steps: [string, object?][]): Promise<number> {
  const id = await submittedDossier(w);
  // The officer who handled a dossier may not approve it: the commune police's chief approves.
  for (const [path, body] of steps) await json(w, post(`${DESK}/${id}/${path}`, (path === 'approval' ? w.officers.chief : w.officers.police).headers, body ?? {}));
  return id;
}
const desk = (w: World, id: number, path: string, body: object = {}) => post(`${DESK}/${id}/${path}`, w.officers.police.headers, body);
// The person a marriage's applicant (Bình) invites to confirm: added to the registry and signed up at level 2 on first use.
const INVITEE = { personalId: '082301007009', fullName: 'Đặng Thị Mời', dateOfBirth: '2001-01-09', phone: '0912000999' };
let invitee: CitizenSession | undefined;
async function pendingInvitation(w: World): Promise<{ id: number; invitee: CitizenSession }> {
  if (!invitee) {
    await insertFixturePeople(w.t.db, [fixturePerson(INVITEE.personalId, INVITEE.fullName, INVITEE.dateOfBirth, 'Nữ', COMMUNE_A, 'HK-W', 'Chủ hộ', null, INVITEE.phone)]);
    invitee = await registerCitizen(w.t, INVITEE);
    await w.t.db.query('UPDATE citizen_accounts SET level = 2, level2_at = now() WHERE personal_id = $1', [INVITEE.personalId]);
    w.t.services.identity.forgetCitizenSessions();
  }
  await json(w, post(`${DOSSIERS}/${await draftDossier(w, MARRIAGE_LIKE.slug)}/invitation`, (await servicesCitizen(w)).headers, { personalId: INVITEE.personalId }));
  const list = await w.t.app.inject({ method: 'GET', url: '/api/v1/services/invitations', headers: invitee.headers });
  const pending = (list.json() as { items: { id: number; answerable: boolean }[] }).items.find((i) => i.answerable);
  if (!pending) throw new Error(`no pending invitation: ${list.body}`);
  return { id: pending.id, invitee };
}

/** A weekday two days or more after a due date (weekends skipped; the walk runs far from Tết): within the procedure's limit again. */
function weekAfter(dueAt: string): string {
  const d = new Date(new Date(dueAt).getTime() + 2 * 86_400_000 + 7 * 3_600_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
const SUPPLEMENT = { comment: 'Cần bổ sung', items: ['Giấy tờ chứng minh chỗ ở'] };

// [groups] a linked group of two test procedures (services/groups).
const GROUPS = '/api/v1/services/groups';
const WALK_GROUP = {
  slug: 'lien-thong-thu', code: 'T-1', name: 'Liên thông thử', steps: [RESIDENCE_LIKE.slug, BIRTH_LIKE.slug], timeLimit: { workingDays: 3 },
  sources: [{ document: 'thử', mark: 'U' as const }], validFrom: '2024-01-01',
};
// The later step's form is validated at the start (but for what the steps before it carry).
const GROUP_FORMS = { [BIRTH_LIKE.slug]: { childName: 'Nguyễn Văn Thử' } };
const draftGroup = async (w: World) => (await json<{ id: number }>(w, post(GROUPS, (await servicesCitizen(w)).headers, { group: WALK_GROUP.slug, forms: GROUP_FORMS }))).id;

// [life] a hospital counter's staff and an offer of the walk's group to the services citizen (services/life).
let hospitalStaff: Session | undefined;
const hospitalCounter = async (w: World) => (hospitalStaff ??= await w.t.officer('walk.bv', 'rp_staff', '82', w.relyingPartyId));
const BIRTH_NOTICE = { motherPersonalId: SIGN_UPS.bich.personalId, sex: 'Nam', weightGrams: 3000, birthPlace: 'Phòng khám Kiểm Toán' };
async function newOffer(w: World): Promise<number> {
  await servicesCitizen(w);
  const r = await w.t.db.query<{ id: number }>(
    `INSERT INTO life_offers (kind, recipient_person_id, source_key, first_step, forms, summary)
     SELECT 'birth', id, $2, $3, $4, $5 FROM people WHERE personal_id = $1 RETURNING id`,
    [SIGN_UPS.binh.personalId, `walk:${fresh()}`, WALK_GROUP.steps[0], JSON.stringify(GROUP_FORMS),
      JSON.stringify({ sex: 'Nam', bornAt: new Date().toISOString(), birthPlace: 'Phòng khám' })],
  );
  return Number(r.rows[0].id);
}
const LIFE_OFFERS = '/api/v1/services/life-events/offers';

// ---- services: the national portal (the walk's server is connected to the local stand-in) ----
const DVCQG_SECRET = 'walk-webhook-secret-0123456789-abcdef';
let dvcqgStandin: DvcqgStandin | undefined;
let portalCodes = 0;
/** A residence dossier filed on the portal by Bình, for the walk's commune police. */
function portalDelivery(): Call {
  portalCodes += 1;
  const body = JSON.stringify({
    code: `G22.99.08-261207-${String(portalCodes).padStart(6, '0')}`, procedureCode: RESIDENCE_LIKE.code, unitCode: `CAX.${COMMUNE_A}`,
    submittedAt: new Date().toISOString(), applicant: { personalId: SIGN_UPS.binh.personalId, name: SIGN_UPS.binh.fullName },
    form: { applicant: { fullName: SIGN_UPS.binh.fullName, personalId: SIGN_UPS.binh.personalId } }, attachments: [],
  });
  return { method: 'POST', url: '/api/v1/services/dvcqg/webhook', headers: signedDvcqgDelivery(body, DVCQG_SECRET), payload: body };
}

/** The payment reference of a dossier waiting for its fee of 10.000 đồng. */
async function feeReference(w: World): Promise<string> {
  const id = await dossierAt(w, ['reception'], ['payment-request', { amount: 10000 }]);
  const r = await w.t.db.query<{ reference: string }>(`SELECT reference FROM payment_requests WHERE subject_kind = 'dossier' AND subject_id = $1`, [String(id)]);
  return r.rows[0].reference;
}
let accountantSession: Session | undefined;
const accountant = async (w: World) => (accountantSession ??= await w.t.officer('walk.ketoan', 'accountant', COMMUNE_A));
/** The reference of a fee request past its validity (its dossier still waiting for the fee). */
async function expiredFeeReference(w: World): Promise<string> {
  const reference = await feeReference(w);
  await w.t.db.query(`UPDATE payment_requests SET expires_at = now() - interval '1 minute' WHERE reference = $1`, [reference]);
  return reference;
}
function bankNotification(reference: string, amount: number): Call {
  const body = JSON.stringify({ transactionId: `FT${fresh()}`, reference, amount, paidAt: new Date().toISOString() });
  return { method: 'POST', url: '/api/v1/payments/notifications', headers: signedNotification(body), payload: body };
}

const SERVICES_FIXTURES: Record<string, Write> = {
  'POST /api/v1/services/birth-notices': {
    ok: async (w) => post('/api/v1/services/birth-notices', (await hospitalCounter(w)).headers, { ...BIRTH_NOTICE, bornAt: new Date(Date.now() - 3_600_000).toISOString() }),
    bad: async (w) => post('/api/v1/services/birth-notices', (await hospitalCounter(w)).headers, { ...BIRTH_NOTICE, bornAt: new Date(Date.now() + 86_400_000).toISOString() }),
  },
  'POST /api/v1/services/life-events/offers/{id}/acceptance': {
    ok: async (w) => post(`${LIFE_OFFERS}/${await newOffer(w)}/acceptance`, (await servicesCitizen(w)).headers, {}),
    bad: async (w) => post(`${LIFE_OFFERS}/999999/acceptance`, (await servicesCitizen(w)).headers, {}),
  },
  'POST /api/v1/services/life-events/offers/{id}/dismissal': {
    ok: async (w) => post(`${LIFE_OFFERS}/${await newOffer(w)}/dismissal`, (await servicesCitizen(w)).headers),
    bad: async (w) => post(`${LIFE_OFFERS}/999999/dismissal`, (await servicesCitizen(w)).headers),
  },
  'POST /api/v1/services/dvcqg/dead-letters/{id}/retry': {
    ok: async (w) => {
      const id = await submittedDossier(w);
      const letter = await w.t.db.query<{ id: number }>(`UPDATE dvcqg_outbox SET state = 'dead', dead_at = now() WHERE dossier_id = $1 RETURNING id`, [id]);
      return post(`/api/v1/services/dvcqg/dead-letters/${letter.rows[0].id}/retry`, w.officers.admin.headers);
    },
    bad: (w) => post('/api/v1/services/dvcqg/dead-letters/999999999/retry', w.officers.admin.headers),
  },
  'POST /api/v1/services/dvcqg/webhook': {
    ok: () => portalDelivery(),
    bad: () => ({ ...portalDelivery(), headers: { 'content-type': 'application/json' } }),
  },
  'POST /api/v1/services/groups': {
    ok: async (w) => post(GROUPS, (await servicesCitizen(w)).headers, { group: WALK_GROUP.slug, forms: GROUP_FORMS }),
    bad: async (w) => post(GROUPS, (await servicesCitizen(w)).headers, { group: 'khong-co-nhom-nay' }),
  },
  'POST /api/v1/services/groups/{id}/submission': {
    ok: async (w) => post(`${GROUPS}/${await draftGroup(w)}/submission`, { ...(await servicesCitizen(w)).headers, 'idempotency-key': randomUUID() }),
    bad: async (w) => post(`${GROUPS}/999999/submission`, { ...(await servicesCitizen(w)).headers, 'idempotency-key': randomUUID() }),
  },
  'POST /api/v1/services/dossiers': {
    ok: async (w) => post(DOSSIERS, (await servicesCitizen(w)).headers, { procedure: RESIDENCE_LIKE.slug }),
    bad: async (w) => post(DOSSIERS, (await servicesCitizen(w)).headers, { procedure: 'khong-co-thu-tuc-nay' }),
  },
  'PUT /api/v1/services/dossiers/{id}/form': {
    ok: async (w) => put(`${DOSSIERS}/${await draftDossier(w)}/form`, (await servicesCitizen(w)).headers, { form: { purpose: 'Xin việc' } }),
    bad: async (w) => put(`${DOSSIERS}/999999/form`, (await servicesCitizen(w)).headers, { form: {} }),
  },
  'POST /api/v1/services/dossiers/{id}/submission': {
    ok: async (w) => post(`${DOSSIERS}/${await draftDossier(w)}/submission`, { ...(await servicesCitizen(w)).headers, 'idempotency-key': randomUUID() }),
    bad: async (w) => post(`${DOSSIERS}/${await submittedDossier(w)}/submission`, { ...(await servicesCitizen(w)).headers, 'idempotency-key': randomUUID() }),
  },
  'POST /api/v1/services/dossiers/{id}/documents': {
    ok: async (w) => post(`${DOSSIERS}/${await draftDossier(w, BIRTH_LIKE.slug)}/documents`, (await servicesCitizen(w)).headers,
      { kind: 'giay-chung-sinh', fileName: 'chung-sinh.pdf', content: PDF_BYTES.toString('base64') }),
    bad: async (w) => post(`${DOSSIERS}/${await draftDossier(w, BIRTH_LIKE.slug)}/documents`, (await servicesCitizen(w)).headers,
      { kind: 'giay-chung-sinh', fileName: 'doi-ten.pdf', content: PNG_BYTES.toString('base64') }),
  },
  'POST /api/v1/services/dossiers/{id}/documents/from-store': {
    ok: async (w) => {
      const c = await servicesCitizen(w);
      const earlier = await draftDossier(w, BIRTH_LIKE.slug);
      const doc = await json<{ id: number }>(w, post(`${DOSSIERS}/${earlier}/documents`, c.headers, { kind: 'giay-chung-sinh', fileName: 'a.pdf', content: PDF_BYTES.toString('base64') }));
      return post(`${DOSSIERS}/${await draftDossier(w, BIRTH_LIKE.slug)}/documents/from-store`, c.headers, { kind: 'giay-chung-sinh', ref: `dossier_document:${doc.id}` });
    },
    bad: async (w) => post(`${DOSSIERS}/${await draftDossier(w, BIRTH_LIKE.slug)}/documents/from-store`, (await servicesCitizen(w)).headers,
      { kind: 'giay-chung-sinh', ref: 'dossier_document:999999' }),
  },
  'DELETE /api/v1/services/dossiers/{id}/documents/{documentId}': {
    ok: async (w) => {
      const c = await servicesCitizen(w);
      const id = await draftDossier(w, BIRTH_LIKE.slug);
      const doc = await json<{ id: number }>(w, post(`${DOSSIERS}/${id}/documents`, c.headers, { kind: 'giay-chung-sinh', fileName: 'a.pdf', content: PDF_BYTES.toString('base64') }));
      return del(`${DOSSIERS}/${id}/documents/${doc.id}`, c.headers);
    },
    bad: async (w) => del(`${DOSSIERS}/${await draftDossier(w, BIRTH_LIKE.slug)}/documents/999999`, (await servicesCitizen(w)).headers),
  },
  'POST /api/v1/services/dossiers/{id}/supplement': {
    ok: async (w) => post(`${DOSSIERS}/${await dossierAt(w, ['reception'], ['supplement-request', SUPPLEMENT])}/supplement`, (await servicesCitizen(w)).headers, {}),
    bad: async (w) => post(`${DOSSIERS}/${await submittedDossier(w)}/supplement`, (await servicesCitizen(w)).headers, {}),
  },
  'POST /api/v1/services/dossiers/{id}/withdrawal': {
    ok: async (w) => post(`${DOSSIERS}/${await submittedDossier(w)}/withdrawal`, (await servicesCitizen(w)).headers, { comment: 'Không cần nữa' }),
    bad: async (w) => post(`${DOSSIERS}/999999/withdrawal`, (await servicesCitizen(w)).headers, {}),
  },
  'POST /api/v1/services/dossiers/{id}/stop-request': {
    ok: async (w) => post(`${DOSSIERS}/${await dossierAt(w, ['reception'])}/stop-request`, (await servicesCitizen(w)).headers, { reason: 'Không cần nữa' }),
    bad: async (w) => post(`${DOSSIERS}/${await submittedDossier(w)}/stop-request`, (await servicesCitizen(w)).headers, { reason: 'Chưa được tiếp nhận' }),
  },
  'POST /api/v1/services/dossiers/{id}/invitation': {
    ok: async (w) => post(`${DOSSIERS}/${await draftDossier(w, MARRIAGE_LIKE.slug)}/invitation`, (await servicesCitizen(w)).headers, { personalId: SIGN_UPS.le.personalId }),
    bad: async (w) => post(`${DOSSIERS}/${await draftDossier(w, MARRIAGE_LIKE.slug)}/invitation`, (await servicesCitizen(w)).headers, { personalId: '12ab' }),
  },
  'POST /api/v1/services/invitations/{id}/confirmation': {
    ok: async (w) => {
      const inv = await pendingInvitation(w);
      return post(`/api/v1/services/invitations/${inv.id}/confirmation`, inv.invitee.headers);
    },
    bad: async (w) => post('/api/v1/services/invitations/999999/confirmation', (await pendingInvitation(w)).invitee.headers),
  },
  'POST /api/v1/services/invitations/{id}/refusal': {
    ok: async (w) => {
      const inv = await pendingInvitation(w);
      return post(`/api/v1/services/invitations/${inv.id}/refusal`, inv.invitee.headers);
    },
    bad: async (w) => post('/api/v1/services/invitations/999999/refusal', (await pendingInvitation(w)).invitee.headers),
  },
  'POST /api/v1/services/dossiers/{id}/rating': {
    ok: async (w) => {
      ratedDossier = await dossierAt(w, ['reception'], ['processing'], ['approval'], ['return']);
      return post(`${DOSSIERS}/${ratedDossier}/rating`, (await servicesCitizen(w)).headers, { scores: RATING });
    },
    bad: async (w) => post(`${DOSSIERS}/${ratedDossier}/rating`, (await servicesCitizen(w)).headers, { scores: RATING }),
  },
  'POST /api/v1/services/officer/certified-copies': {
    ok: async (w) => post('/api/v1/services/officer/certified-copies', { ...(await certifier(w)).headers, 'idempotency-key': randomUUID() }, copyBody(true)),
    bad: async (w) => post('/api/v1/services/officer/certified-copies', { ...(await certifier(w)).headers, 'idempotency-key': randomUUID() }, copyBody(false)),
  },
  'POST /api/v1/services/officer/counter/dossiers': {
    ok: async (w) => {
      await servicesCitizen(w);
      return post('/api/v1/services/officer/counter/dossiers', { ...w.officers.police.headers, 'idempotency-key': randomUUID() },
        { procedure: RESIDENCE_LIKE.slug, personalId: SIGN_UPS.binh.personalId, documents: [] });
    },
    bad: async (w) => post('/api/v1/services/officer/counter/dossiers', { ...w.officers.police.headers, 'idempotency-key': randomUUID() },
      { procedure: RESIDENCE_LIKE.slug, personalId: SIGN_UPS.binh.personalId, documents: [{ kind: 'giay-to-cu-tru', fileName: 'a.pdf', content: PDF_BYTES.toString('base64') }] }),
  },
  'POST /api/v1/services/officer/dossiers/{id}/assignment': {
    ok: async (w) => desk(w, await submittedDossier(w), 'assignment'),
    bad: (w) => desk(w, 999999, 'assignment'),
  },
  'POST /api/v1/services/officer/dossiers/{id}/reception': {
    ok: async (w) => desk(w, await submittedDossier(w), 'reception', { comment: 'Đủ hồ sơ' }),
    bad: (w) => desk(w, 999999, 'reception'),
  },
  'POST /api/v1/services/officer/dossiers/{id}/supplement-request': {
    ok: async (w) => desk(w, await dossierAt(w, ['reception']), 'supplement-request', SUPPLEMENT),
    bad: async (w) => desk(w, await dossierAt(w, ['reception']), 'supplement-request', { comment: 'Thiếu', items: [] }),
  },
  'POST /api/v1/services/officer/dossiers/{id}/rejection': {
    ok: async (w) => desk(w, await submittedDossier(w), 'rejection', { comment: 'Không thuộc thẩm quyền' }),
    bad: async (w) => desk(w, await submittedDossier(w), 'rejection', { comment: '' }),
  },
  'POST /api/v1/services/officer/dossiers/{id}/refusal': {
    ok: async (w) => desk(w, await dossierAt(w, ['reception']), 'refusal', { comment: 'Không đủ điều kiện' }),
    bad: async (w) => desk(w, await submittedDossier(w), 'refusal', { comment: 'Không đủ điều kiện' }),
  },
  'POST /api/v1/services/officer/dossiers/{id}/processing': {
    ok: async (w) => desk(w, await dossierAt(w, ['reception']), 'processing'),
    bad: async (w) => desk(w, await submittedDossier(w), 'processing'),
  },
  'POST /api/v1/services/officer/dossiers/{id}/transfer': {
    ok: async (w) => desk(w, await submittedDossier(w), 'transfer', { unitCode: '28261', comment: 'Đúng thẩm quyền' }),
    bad: async (w) => desk(w, await submittedDossier(w), 'transfer', { unitCode: COMMUNE_A, comment: 'Cùng xã' }),
  },
  'POST /api/v1/services/officer/dossiers/{id}/payment-request': {
    ok: async (w) => desk(w, await dossierAt(w, ['reception']), 'payment-request', { amount: 10000 }),
    bad: async (w) => desk(w, await submittedDossier(w), 'payment-request', {}),
  },
  'POST /api/v1/services/officer/dossiers/{id}/payment': {
    ok: async (w) => desk(w, await dossierAt(w, ['reception'], ['payment-request']), 'payment'),
    bad: async (w) => desk(w, await dossierAt(w, ['reception']), 'payment'),
  },
  'POST /api/v1/services/officer/dossiers/{id}/approval': {
    ok: async (w) => post(`${DESK}/${await dossierAt(w, ['reception'], ['processing'])}/approval`, w.officers.chief.headers, {}),
    bad: async (w) => desk(w, await submittedDossier(w), 'approval'),
  },
  'POST /api/v1/services/officer/dossiers/{id}/return': {
    ok: async (w) => desk(w, await dossierAt(w, ['reception'], ['processing'], ['approval']), 'return'),
    bad: async (w) => desk(w, await submittedDossier(w), 'return'),
  },
  'POST /api/v1/services/officer/dossiers/{id}/extension': {
    ok: async (w) => {
      const id = await submittedDossier(w);
      const { dueAt } = await json<{ dueAt: string }>(w, desk(w, id, 'reception'));
      return desk(w, id, 'extension', { newDueDate: weekAfter(dueAt), comment: 'Xin lỗi ông/bà, cần xác minh thêm' });
    },
    bad: async (w) => desk(w, await dossierAt(w, ['reception']), 'extension', { newDueDate: '2020-01-02', comment: 'Xin lỗi' }),
  },
  'POST /api/v1/services/officer/dossiers/{id}/stop': {
    ok: async (w) => desk(w, await dossierAt(w, ['reception']), 'stop', { comment: 'Công dân đề nghị dừng' }),
    bad: async (w) => desk(w, await submittedDossier(w), 'stop', { comment: 'Công dân đề nghị dừng' }),
  },
};
const RATING = { resultTime: 3, agenciesContacted: 3, contactsNeeded: 3, information: 3, officerConduct: 3, lawfulResult: 3, explanations: 3, onlineService: 3, other: 3 };

/** A result of the commune police signed and kept by the documents module (as an approval keeps it). */
async function signedDocument(w: World) {
  const signed = (await w.t.services.documents.sign({
    kind: 'residence_confirmation', title: 'Xác nhận thông tin về cư trú', source: { kind: 'dossier', id: 1, code: null },
    holder: { personalId: SIGN_UPS.an.personalId, name: SIGN_UPS.an.fullName }, unit: { code: COMMUNE_A, provinceCode: '82', name: 'Công an xã', agency: 'commune_police' },
  }, async (seal) => {
    const { default: PDFDocument } = await import('pdfkit');
    const doc = new PDFDocument();
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
    doc.font('Helvetica').text(`walk ${fresh()}`);
    seal.placeholder(doc);
    doc.end();
    return done;
  }))!;
  await w.t.services.documents.record(w.t.db, signed);
  return signed;
}

const FIXTURES: Record<string, Write | NoAudit> = {
  ...SERVICES_FIXTURES,
  // ---- payments: the bank's signed notification of a dossier's fee ----
  'POST /api/v1/payments/notifications': {
    ok: async (w) => bankNotification(await feeReference(w), 10000),
    bad: async (w) => ({ ...bankNotification(await feeReference(w), 10000), headers: { 'content-type': 'application/json' } }),
  },
  'POST /api/v1/payments/statements': {
    ok: async (w) => post('/api/v1/payments/statements', (await accountant(w)).headers, {
      fileName: 'sao-ke.csv', content: `transaction_id,booked_on,amount,description\nFT${fresh()},2026-12-07,10000,CHUYEN TIEN`,
    }),
    bad: async (w) => post('/api/v1/payments/statements', (await accountant(w)).headers, { fileName: 'sao-ke.csv', content: 'khong,phai,sao,ke' }),
  },
  'POST /api/v1/payments/own/{reference}/renewal': {
    ok: async (w) => post(`/api/v1/payments/own/${await expiredFeeReference(w)}/renewal`, (await servicesCitizen(w)).headers),
    bad: async (w) => post(`/api/v1/payments/own/${await feeReference(w)}/renewal`, (await servicesCitizen(w)).headers),
  },
  'POST /api/v1/payments/{reference}/renewal': {
    ok: async (w) => post(`/api/v1/payments/${await expiredFeeReference(w)}/renewal`, (await accountant(w)).headers),
    bad: async (w) => post(`/api/v1/payments/${await feeReference(w)}/renewal`, (await accountant(w)).headers),
  },
  'POST /api/v1/payments/{reference}/refund': {
    ok: async (w) => {
      const reference = await feeReference(w);
      await json(w, bankNotification(reference, 10000));
      return post(`/api/v1/payments/${reference}/refund`, (await accountant(w)).headers, { reason: 'Công dân nộp nhầm' });
    },
    bad: async (w) => post(`/api/v1/payments/${await feeReference(w)}/refund`, (await accountant(w)).headers, { reason: 'Công dân nộp nhầm' }),
  },
  // ---- identity: officer sessions ----
  'POST /api/v1/session': {
    ok: () => post('/api/v1/session', {}, { username: 'walk.tinh', password: TEST_PASSWORD }),
    bad: () => post('/api/v1/session', {}, { username: 'walk.tinh', password: 'sai-mat-khau-roi-2026' }),
  },
  'DELETE /api/v1/session': {
    ok: async (w) => del('/api/v1/session', (await w.t.login('walk.tinh', TEST_PASSWORD)).headers),
    bad: () => del('/api/v1/session', {}),
  },
  'POST /api/v1/session/password': {
    ok: async (w) => post('/api/v1/session/password', (await w.t.officer(`doimk.${fresh()}`, 'commune_registry', COMMUNE_A)).headers, {
      currentPassword: TEST_PASSWORD, newPassword: 'mat-khau-moi-cua-toi-2026',
    }),
    bad: async (w) => post('/api/v1/session/password', (await w.t.officer(`doimk.${fresh()}`, 'commune_registry', COMMUNE_A)).headers, {
      currentPassword: 'khong-phai-mat-khau', newPassword: 'mat-khau-moi-cua-toi-2026',
    }),
  },
  // ---- identity: officer accounts (administrator of the province) ----
  'POST /api/v1/officers': {
    ok: (w) => post('/api/v1/officers', w.officers.admin.headers, { username: `moi.${fresh()}`, fullName: 'Cán bộ Mới', role: 'commune_registry', areaCode: COMMUNE_A }),
    bad: (w) => post('/api/v1/officers', w.officers.admin.headers, { username: `moi.${fresh()}`, fullName: 'Cán bộ Mới', role: 'province_registry', areaCode: '79' }),
  },
  'POST /api/v1/officers/{id}/disable': {
    ok: async (w) => post(`/api/v1/officers/${await newOfficer(w)}/disable`, w.officers.admin.headers),
    bad: (w) => post('/api/v1/officers/999999/disable', w.officers.admin.headers),
  },
  'POST /api/v1/officers/{id}/enable': {
    ok: async (w) => {
      const id = await newOfficer(w);
      await json(w, post(`/api/v1/officers/${id}/disable`, w.officers.admin.headers));
      return post(`/api/v1/officers/${id}/enable`, w.officers.admin.headers);
    },
    // Enabling an account that is active changes nothing: 409.
    bad: async (w) => post(`/api/v1/officers/${await newOfficer(w)}/enable`, w.officers.admin.headers),
  },
  'POST /api/v1/officers/{id}/password-reset': {
    ok: async (w) => post(`/api/v1/officers/${await newOfficer(w)}/password-reset`, w.officers.admin.headers),
    bad: (w) => post('/api/v1/officers/999999/password-reset', w.officers.admin.headers),
  },
  // ---- registry ----
  'POST /api/v1/people': {
    ok: (w) => post('/api/v1/people', w.officers.registry.headers, {
      personalId: `08209500${String(Math.floor(Math.random() * 9000) + 1000)}`, fullName: 'Võ Văn Tư', dateOfBirth: '1995-01-01', sex: 'Nam', communeCode: COMMUNE_A,
    }),
    bad: (w) => post('/api/v1/people', w.officers.registry.headers, { personalId: '12', fullName: 'Võ Văn Tư', dateOfBirth: '1995-01-01', sex: 'Nam', communeCode: COMMUNE_A }),
  },
  'POST /api/v1/people/{key}/death': {
    ok: (w) => post(`/api/v1/people/${person(2).personalId}/death`, w.officers.registry.headers, { dateOfDeath: '2026-01-02' }),
    bad: (w) => post(`/api/v1/people/${person(1).personalId}/death`, w.officers.registry.headers, { dateOfDeath: '2026-02-30' }),
  },
  'POST /api/v1/people/{key}/moves': {
    ok: (w) => post(`/api/v1/people/${person(0).personalId}/moves`, w.officers.registry.headers, { kind: 'temporary', communeCode: COMMUNE_A, address: 'Nhà trọ số 5', movedOn: '2026-02-01', until: '2026-08-01' }),
    bad: (w) => post(`/api/v1/people/${person(0).personalId}/moves`, w.officers.registry.headers, { kind: 'temporary', communeCode: COMMUNE_A, address: 'Nhà trọ', movedOn: '2026-02-30' }),
  },
  'POST /api/v1/people/{key}/corrections': {
    ok: (w) => post(`/api/v1/people/${person(1).personalId}/corrections`, w.officers.registry.headers, { field: 'occupation', value: `Nghề ${fresh()}`, reason: 'Theo tờ khai' }),
    bad: (w) => post(`/api/v1/people/${person(1).personalId}/corrections`, w.officers.registry.headers, { field: 'fullName', value: 'Trần 3 Bích', reason: 'Theo tờ khai' }),
  },
  'PUT /api/v1/people/{key}/photo': {
    ok: (w) => ({ method: 'PUT', url: `/api/v1/people/${person(0).personalId}/photo`, headers: w.officers.registry.headers, payload: { image: syntheticPortrait({ ...person(0) }).toString('base64'), source: 'card' } }),
    bad: (w) => ({ method: 'PUT', url: `/api/v1/people/${person(0).personalId}/photo`, headers: w.officers.registry.headers, payload: { image: 'AAAA', source: 'card' } }),
  },
  'POST /api/v1/people/{key}/personal-id': {
    ok: async (w) => {
      // A person of its own: the fixtures people keep their IDs for the sign-ups below.
      const serial = String(100_000 + Math.floor(Math.random() * 900_000));
      await json(w, post('/api/v1/people', w.officers.province.headers, { personalId: `082095${serial}`, fullName: 'Đỗ Văn Mười', dateOfBirth: '1995-03-03', sex: 'Nam', communeCode: COMMUNE_A }));
      return post(`/api/v1/people/082095${serial}/personal-id`, w.officers.province.headers, { newPersonalId: `082195${serial}`, sex: 'Nữ' });
    },
    bad: (w) => post(`/api/v1/people/${person(1).personalId}/personal-id`, w.officers.province.headers, { newPersonalId: '12', sex: 'Nữ' }),
  },
  // ---- credentials ----
  'POST /api/v1/citizen/identity-qr': {
    ok: (w) => post('/api/v1/citizen/identity-qr', w.citizen.headers, { fields: ['full_name'] }),
    bad: (w) => post('/api/v1/citizen/identity-qr', w.citizen.headers, { fields: ['khong_co'] }),
  },
  'POST /api/v1/verifications': {
    ok: async (w) => post('/api/v1/verifications', w.officers.staff.headers, { qr: await qrOf(w) }),
    bad: (w) => post('/api/v1/verifications', w.officers.staff.headers, {}),
  },
  'POST /api/v1/verifications/chip': {
    ok: async (w) => {
      await trustTestCsca(w.t);
      return post('/api/v1/verifications/chip', w.officers.staff.headers, await anChip());
    },
    bad: (w) => post('/api/v1/verifications/chip', w.officers.staff.headers, { sod: 1 }),
  },
  'POST /api/v1/verifications/chip/challenges': { none: 'Cấp một số thách thức cho đầu đọc thẻ: không đổi dữ liệu, không có dữ liệu cá nhân' },
  'POST /api/v1/relying-parties': {
    ok: (w) => post('/api/v1/relying-parties', w.officers.admin.headers, { ...RP, code: `rp-${fresh()}`, provinceCode: '82' }),
    bad: (w) => post('/api/v1/relying-parties', w.officers.admin.headers, { ...RP, code: 'x', provinceCode: '82', minLevel: 7 }),
  },
  'PUT /api/v1/relying-parties/{id}': {
    ok: async (w) => ({ method: 'PUT', url: `/api/v1/relying-parties/${await newRelyingParty(w)}`, headers: w.officers.admin.headers, payload: { ...RP, active: false } }),
    bad: (w) => ({ method: 'PUT', url: `/api/v1/relying-parties/${w.relyingPartyId}`, headers: w.officers.admin.headers, payload: { ...RP, minLevel: 7, active: true } }),
  },
  'POST /api/v1/relying-parties/{id}/api-key': {
    ok: async (w) => post(`/api/v1/relying-parties/${await newRelyingParty(w)}/api-key`, w.officers.admin.headers, {}),
    bad: (w) => post('/api/v1/relying-parties/999999/api-key', w.officers.admin.headers, {}),
  },
  'POST /api/v1/wallet/documents': {
    ok: (w) => post('/api/v1/wallet/documents', w.officers.registry.headers, { personalId: SIGN_UPS.an.personalId, type: 'health-insurance', claims: HEALTH_INSURANCE }),
    bad: (w) => post('/api/v1/wallet/documents', w.officers.registry.headers, { personalId: SIGN_UPS.an.personalId, type: 'health-insurance', claims: {} }),
  },
  'POST /api/v1/wallet/documents/{id}/revoke': {
    ok: async (w) => {
      const doc = await json<{ id: string }>(w, post('/api/v1/wallet/documents', w.officers.registry.headers, { personalId: SIGN_UPS.an.personalId, type: 'health-insurance', claims: HEALTH_INSURANCE }));
      return post(`/api/v1/wallet/documents/${doc.id}/revoke`, w.officers.registry.headers, { reason: 'Cấp nhầm' });
    },
    bad: (w) => post('/api/v1/wallet/documents/khong-co/revoke', w.officers.registry.headers, { reason: 'Cấp nhầm' }),
  },
  'POST /api/v1/citizen/wallet/{id}/presentations': {
    ok: async (w) => {
      const doc = await json<{ id: string }>(w, post('/api/v1/wallet/documents', w.officers.registry.headers, { personalId: SIGN_UPS.an.personalId, type: 'health-insurance', claims: HEALTH_INSURANCE }));
      return post(`/api/v1/citizen/wallet/${doc.id}/presentations`, w.citizen.headers, { claims: ['card_number', 'holder_name', 'valid_to'] });
    },
    bad: (w) => post('/api/v1/citizen/wallet/khong-co-giay-to-nay/presentations', w.citizen.headers, { claims: [] }),
  },
  'POST /api/v1/trust/csca': {
    ok: async (w) => post('/api/v1/trust/csca', w.officers.admin.headers, { pem: await testCscaPem() }),
    bad: (w) => post('/api/v1/trust/csca', w.officers.admin.headers, { pem: 'không phải chứng thư' }),
  },
  'DELETE /api/v1/trust/csca/{fingerprint}': {
    ok: async (w) => {
      await trustTestCsca(w.t);
      const [csca] = await json<{ fingerprint: string }[]>(w, { method: 'GET', url: '/api/v1/trust/csca', headers: w.officers.admin.headers });
      return del(`/api/v1/trust/csca/${csca.fingerprint}`, w.officers.admin.headers);
    },
    bad: (w) => del(`/api/v1/trust/csca/${'a'.repeat(64)}`, w.officers.admin.headers),
  },
  // ---- lodging ----
  'POST /api/v1/desk/stays': {
    ok: (w) => post('/api/v1/desk/stays', { ...w.officers.staff.headers, 'idempotency-key': randomUUID() }, {
      reason: 'Du lịch', guests: [{ personalId: '079090001234', fullName: 'Võ Văn Tám', dateOfBirth: '1990-04-04' }],
    }),
    bad: (w) => post('/api/v1/desk/stays', { ...w.officers.staff.headers, 'idempotency-key': randomUUID() }, { reason: 'Du lịch', guests: [] }),
  },
  'POST /api/v1/desk/stays/check-out': {
    ok: async (w) => {
      const declared = await json<{ stays: { id: number }[] }>(w, post('/api/v1/desk/stays', { ...w.officers.staff.headers, 'idempotency-key': randomUUID() }, {
        reason: 'Du lịch', guests: [{ personalId: '079090001235', fullName: 'Võ Văn Chín', dateOfBirth: '1990-04-05' }],
      }));
      return post('/api/v1/desk/stays/check-out', w.officers.staff.headers, { stayIds: [declared.stays[0].id] });
    },
    bad: (w) => post('/api/v1/desk/stays/check-out', w.officers.staff.headers, { stayIds: [] }),
  },
  'PATCH /api/v1/desk/stays/{id}': {
    ok: async (w) => ({ method: 'PATCH', url: `/api/v1/desk/stays/${await newStay(w)}`, headers: w.officers.staff.headers, payload: { room: '305', expectedDeparture: todayInVietnam(new Date(Date.now() + 3 * 86_400_000)) } }),
    bad: async (w) => ({ method: 'PATCH', url: `/api/v1/desk/stays/${await newStay(w)}`, headers: w.officers.staff.headers, payload: {} }),
  },
  'POST /api/v1/desk/stays/{id}/cancellation': {
    ok: async (w) => post(`/api/v1/desk/stays/${await newStay(w)}/cancellation`, w.officers.staff.headers, { reason: 'Khai nhầm khách' }),
    bad: async (w) => post(`/api/v1/desk/stays/${await newStay(w)}/cancellation`, w.officers.staff.headers, { reason: ' ' }),
  },
  'POST /api/v1/lodging/facility-applications': {
    ok: () => post('/api/v1/lodging/facility-applications', {}, { ...HOTEL, name: 'Nhà trọ Hoa Sứ', kind: 'rental_house', starClass: null, username: `chu.${fresh()}`, password: 'mot-mat-khau-rat-dai' }),
    bad: () => post('/api/v1/lodging/facility-applications', {}, { ...HOTEL, kind: 'castle', username: 'A', password: 'short' }),
  },
  'POST /api/v1/lodging/facilities': {
    ok: (w) => post('/api/v1/lodging/facilities', w.officers.police.headers, { ...HOTEL, name: `Khách sạn ${fresh()}` }),
    bad: (w) => post('/api/v1/lodging/facilities', w.officers.police.headers, { ...HOTEL, kind: 'castle' }),
  },
  'POST /api/v1/lodging/facilities/{id}/decision': {
    ok: async (w) => post(`/api/v1/lodging/facilities/${await newFacility(w)}/decision`, w.officers.police.headers, { decision: 'suspended', note: 'Kiểm tra' }),
    bad: (w) => post(`/api/v1/lodging/facilities/${w.hotelId}/decision`, w.officers.police.headers, { decision: 'khong-co' }),
  },
  'POST /api/v1/lodging/facilities/{id}/staff': {
    ok: async (w) => post(`/api/v1/lodging/facilities/${await newFacility(w)}/staff`, w.officers.police.headers, { username: `letan.${fresh()}`, fullName: 'Lễ tân' }),
    bad: (w) => post(`/api/v1/lodging/facilities/${w.hotelId}/staff`, w.officers.police.headers, { username: 'A', fullName: '' }),
  },
  'POST /api/v1/lodging/watchlist': {
    ok: (w) => post('/api/v1/lodging/watchlist', w.officers.police.headers, { kind: 'wanted', fullName: 'Đặng Quốc Tuấn', birthYear: 1985 }),
    bad: (w) => post('/api/v1/lodging/watchlist', w.officers.police.headers, { kind: 'wanted', fullName: ' ', personalId: '12', dateOfBirth: '1990-13-01' }),
  },
  'DELETE /api/v1/lodging/watchlist/{id}': {
    ok: async (w) => {
      const entry = await json<{ id: number }>(w, post('/api/v1/lodging/watchlist', w.officers.police.headers, { kind: 'missing', fullName: 'Phạm Thị Hoa', dateOfBirth: '1991-03-04' }));
      return del(`/api/v1/lodging/watchlist/${entry.id}`, w.officers.police.headers);
    },
    bad: (w) => del('/api/v1/lodging/watchlist/999999', w.officers.police.headers),
  },
  'POST /api/v1/lodging/alerts/{id}/acknowledge': {
    ok: async (w) => {
      const wanted = { personalId: '001090007777', fullName: 'Trịnh Văn Hùng', dateOfBirth: '1990-08-08' };
      await json(w, post('/api/v1/lodging/watchlist', w.officers.police.headers, { kind: 'wanted', ...wanted, note: 'Truy nã' }));
      await json(w, post('/api/v1/desk/stays', { ...w.officers.staff.headers, 'idempotency-key': randomUUID() }, { reason: 'Du lịch', guests: [wanted] }));
      const [alert] = (await json<{ items: { id: number }[] }>(w, { method: 'GET', url: '/api/v1/lodging/alerts?unacknowledged=true', headers: w.officers.police.headers })).items;
      return post(`/api/v1/lodging/alerts/${alert.id}/acknowledge`, w.officers.police.headers);
    },
    bad: (w) => post('/api/v1/lodging/alerts/999999/acknowledge', w.officers.police.headers),
  },
  // ---- operations ----
  'PUT /api/v1/plans/{id}/report-settings': {
    ok: (w) => ({ method: 'PUT', url: `/api/v1/plans/${w.planId}/report-settings`, headers: w.officers.group.headers, payload: { signerAuthority: 'TM. TỔ CÔNG TÁC', signerTitle: 'TỔ TRƯỞNG', signerName: 'Nguyễn Văn An' } }),
    bad: (w) => ({ method: 'PUT', url: `/api/v1/plans/${w.planId}/report-settings`, headers: w.officers.group.headers, payload: { signerAuthority: 'TM. TỔ CÔNG TÁC', signerTitle: ' ', signerName: 'Nguyễn Văn An' } }),
  },
  'POST /api/v1/plans/{id}/models/{number}/reports': {
    ok: (w) => post(`/api/v1/plans/${w.planId}/models/1/reports`, w.officers.group.headers, { status: 'in_progress', note: 'Đang lắp đặt' }),
    bad: (w) => post(`/api/v1/plans/${w.planId}/models/1/reports`, w.officers.group.headers, { status: 'overdue' }),
  },
  // ---- identity: citizens, e-ID, single sign-on ----
  'POST /api/v1/citizen/registrations': {
    ok: () => post('/api/v1/citizen/registrations', {}, SIGN_UPS.bich),
    bad: () => post('/api/v1/citizen/registrations', {}, { ...SIGN_UPS.bich, phone: '0912000112' }),
  },
  'POST /api/v1/citizen/registrations/{id}/confirm': {
    ok: async (w) => {
      const { registrationId } = await json<{ registrationId: string }>(w, post('/api/v1/citizen/registrations', {}, SIGN_UPS.le));
      return post(`/api/v1/citizen/registrations/${registrationId}/confirm`, {}, { code: await latestCode(w.t), password: CITIZEN_PASSWORD });
    },
    bad: () => post(`/api/v1/citizen/registrations/${randomUUID()}/confirm`, {}, { code: '000000', password: CITIZEN_PASSWORD }),
  },
  'POST /api/v1/citizen/session': {
    ok: () => post('/api/v1/citizen/session', {}, { personalId: SIGN_UPS.an.personalId, password: CITIZEN_PASSWORD }),
    bad: () => post('/api/v1/citizen/session', {}, { personalId: SIGN_UPS.an.personalId, password: 'sai-mat-khau-roi-2026' }),
  },
  'DELETE /api/v1/citizen/session': {
    ok: async (w) => del('/api/v1/citizen/session', (await citizenSignIn(w)).headers),
    bad: () => del('/api/v1/citizen/session', {}),
  },
  'POST /api/v1/citizen/session/otp': {
    ok: async (w) => post('/api/v1/citizen/session/otp', {}, { challengeId: await citizenChallenge(w) }),
    bad: () => post('/api/v1/citizen/session/otp', {}, { challengeId: randomUUID() }),
  },
  'POST /api/v1/citizen/session/verify': {
    ok: async (w) => post('/api/v1/citizen/session/verify', { 'user-agent': 'vitest' }, { challengeId: await citizenChallenge(w), method: 'otp', code: await latestCode(w.t) }),
    bad: async (w) => post('/api/v1/citizen/session/verify', {}, { challengeId: await citizenChallenge(w), method: 'otp', code: 'abc' }),
  },
  'POST /api/v1/citizen/session/passkey-options': {
    ok: async (w) => {
      await registeredPasskey(w);
      return post('/api/v1/citizen/session/passkey-options', {}, { challengeId: await citizenChallenge(w) });
    },
    bad: () => post('/api/v1/citizen/session/passkey-options', {}, { challengeId: randomUUID() }),
  },
  'DELETE /api/v1/citizen/sessions/{id}': {
    ok: async (w) => {
      const other = await citizenSignIn(w);
      const { items } = await json<{ items: { id: string; current: boolean }[] }>(w, { method: 'GET', url: '/api/v1/citizen/sessions', headers: { cookie: other.cookie } });
      return del(`/api/v1/citizen/sessions/${items.find((x) => x.current)!.id}`, w.citizen.headers);
    },
    bad: (w) => del('/api/v1/citizen/sessions/khong-co', w.citizen.headers),
  },
  'POST /api/v1/citizen/totp/setup': {
    ok: (w) => post('/api/v1/citizen/totp/setup', w.citizen.headers),
    // The route takes no body: its failing call is one without the CSRF header.
    bad: (w) => post('/api/v1/citizen/totp/setup', { cookie: w.citizen.cookie }),
  },
  'POST /api/v1/citizen/totp/activate': {
    ok: async (w) => {
      const { secret } = await json<{ secret: string }>(w, post('/api/v1/citizen/totp/setup', w.citizen.headers));
      return post('/api/v1/citizen/totp/activate', w.citizen.headers, { code: new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 }).generate() });
    },
    bad: (w) => post('/api/v1/citizen/totp/activate', w.citizen.headers, { code: 'abc' }),
  },
  'POST /api/v1/citizen/passkeys/options': {
    ok: (w) => post('/api/v1/citizen/passkeys/options', w.citizen.headers),
    // The route takes no body: its failing call is one without the CSRF header.
    bad: (w) => post('/api/v1/citizen/passkeys/options', { cookie: w.citizen.cookie }),
  },
  'POST /api/v1/citizen/passkeys': {
    ok: async (w) => {
      const { challenge } = await json<{ challenge: string }>(w, post('/api/v1/citizen/passkeys/options', w.citizen.headers));
      return post('/api/v1/citizen/passkeys', w.citizen.headers, { response: new SoftAuthenticator(PUBLIC_URL).create(challenge) });
    },
    // An answer signed for another site: refused, nothing stored.
    bad: async (w) => {
      const { challenge } = await json<{ challenge: string }>(w, post('/api/v1/citizen/passkeys/options', w.citizen.headers));
      return post('/api/v1/citizen/passkeys', w.citizen.headers, { response: new SoftAuthenticator('http://gia-mao.test', 'eid.kiemtoan.test').create(challenge) });
    },
  },
  'DELETE /api/v1/citizen/passkeys/{id}': {
    ok: async (w) => del(`/api/v1/citizen/passkeys/${(await registeredPasskey(w)).id}`, w.citizen.headers),
    bad: (w) => del('/api/v1/citizen/passkeys/999999', w.citizen.headers),
  },
  'DELETE /api/v1/citizen/connected-services/{id}': {
    ok: async (w) => {
      const redirectUri = 'http://dichvucong.kiemtoan.test/callback';
      const { clientId } = await w.t.services.oidc.clients.add(
        { name: `Cổng ${fresh()}`, redirectUris: [redirectUri], scopes: ['profile'], minLevel: 1, public: true }, { provinceCode: '82' },
      );
      await oidcSignIn(w.t, w.citizen, { clientId, redirectUri });
      return del(`/api/v1/citizen/connected-services/${clientId}`, w.citizen.headers);
    },
    bad: (w) => del('/api/v1/citizen/connected-services/khong-co', w.citizen.headers),
  },  // A reset ends every session of its citizen: these use people of their own, never the walk's citizen.
  'POST /api/v1/citizen/password-resets': {
    ok: () => post('/api/v1/citizen/password-resets', {}, { personalId: SIGN_UPS.an.personalId, phone: '0900000000' }),
    bad: () => post('/api/v1/citizen/password-resets', {}, { personalId: '12', phone: SIGN_UPS.an.phone }),
  },
  'POST /api/v1/citizen/password-resets/{id}/confirm': {
    ok: async (w) => {
      // Lê Văn An has an account once the registration fixture above ran (registered here when run alone).
      await registerCitizen(w.t, SIGN_UPS.le).catch(() => undefined);
      const { resetId } = await json<{ resetId: string }>(w, post('/api/v1/citizen/password-resets', {}, { personalId: SIGN_UPS.le.personalId, phone: SIGN_UPS.le.phone }));
      return post(`/api/v1/citizen/password-resets/${resetId}/confirm`, {}, { code: await latestCode(w.t), password: 'mat-khau-moi-sau-khi-quen' });
    },
    bad: () => post(`/api/v1/citizen/password-resets/${randomUUID()}/confirm`, {}, { code: '000000', password: 'mat-khau-moi-sau-khi-quen' }),
  },
  'POST /api/v1/citizen/password': {
    ok: async (w) => {
      passwordChanger = await registerCitizen(w.t, SIGN_UPS.bich);
      return post('/api/v1/citizen/password', passwordChanger.headers, { currentPassword: CITIZEN_PASSWORD, newPassword: 'mat-khau-moi-cua-bich' });
    },
    bad: () => post('/api/v1/citizen/password', passwordChanger!.headers, { currentPassword: 'khong-phai-mat-khau', newPassword: 'mat-khau-khac-cua-bich' }),
  },
  // Before the level-2 raise below: the walk's citizen asks for it at their commune, and the raise closes the request.
  'POST /api/v1/citizen/level2-requests': {
    ok: (w) => post('/api/v1/citizen/level2-requests', w.citizen.headers, { officeCode: COMMUNE_A }),
    bad: (w) => post('/api/v1/citizen/level2-requests', w.citizen.headers, { officeCode: 'xa-a' }),
  },
  'POST /api/v1/citizen/level2-requests/{id}/cancel': {
    ok: async (w) => {
      const { items } = await json<{ items: { id: number; status: string }[] }>(w, { method: 'GET', url: '/api/v1/citizen/level2-requests', headers: w.citizen.headers });
      const open = items.find((r) => r.status === 'pending') ?? await json<{ id: number }>(w, post('/api/v1/citizen/level2-requests', w.citizen.headers, { officeCode: COMMUNE_A }));
      cancelledRequest = open.id;
      return post(`/api/v1/citizen/level2-requests/${open.id}/cancel`, w.citizen.headers);
    },
    bad: (w) => post(`/api/v1/citizen/level2-requests/${cancelledRequest}/cancel`, w.citizen.headers),
  },
  'POST /api/v1/citizen-accounts/{personalId}/level': {
    ok: async (w) => {
      await trustTestCsca(w.t);
      return post(`/api/v1/citizen-accounts/${SIGN_UPS.an.personalId}/level`, w.officers.registry.headers, {
        level: 2, checkedDocument: 'can_cuoc', note: 'Đối chiếu trực tiếp tại trụ sở', chip: await anChip(),
      });
    },
    bad: async (w) => post(`/api/v1/citizen-accounts/${SIGN_UPS.an.personalId}/level`, w.officers.registry.headers, { level: 7, checkedDocument: 'cccd', chip: await anChip() }),
  },
  // The outcome of a sign-in step is stored by the OpenID provider, not in a da06 transaction, and a refusal still answers
  // 200 (the provider redirects): the identity module records each outcome explicitly as a security event
  // (oidc.login, oidc.login.refused, oidc.consent, oidc.consent.denied; oidc.test.ts counts them).
  'POST /api/v1/oidc/interactions/{uid}/login': { none: 'Bước đăng nhập một lần: kết quả do máy chủ OpenID lưu; ghi nhật ký dạng sự kiện (oidc.login, oidc.login.refused)' },
  'POST /api/v1/oidc/interactions/{uid}/officer-login': { none: 'Bước đăng nhập một lần của cán bộ: ghi nhật ký dạng sự kiện (oidc.login, oidc.login.refused)' },
  'POST /api/v1/oidc/interactions/{uid}/consent': { none: 'Đồng ý chia sẻ: ghi nhật ký dạng sự kiện (oidc.consent, oidc.consent.denied)' },
  // ---- documents: results as signed PDFs ----
  'POST /api/v1/documents/verify': {
    ok: async (w) => post('/api/v1/documents/verify', {}, { content: (await signedDocument(w)).pdf.toString('base64') }),
    bad: () => post('/api/v1/documents/verify', {}, { content: Buffer.from('khong phai PDF').toString('base64') }),
  },
  'POST /api/v1/citizen/documents/{id}/share-links': {
    ok: async (w) => post(`/api/v1/citizen/documents/${(await signedDocument(w)).id}/share-links`, w.citizen.headers, { validity: '1h' }),
    // A document that is not the caller's reads as absent: nothing shared, nothing written.
    bad: async (w) => post('/api/v1/citizen/documents/00000000-0000-4000-8000-000000000000/share-links', w.citizen.headers, { validity: '1h' }),
  },
  'POST /api/v1/citizen/documents/{id}/share-links/{linkId}/revocation': {
    ok: async (w) => {
      const doc = await signedDocument(w);
      const link = await json<{ id: string }>(w, post(`/api/v1/citizen/documents/${doc.id}/share-links`, w.citizen.headers, { validity: '1h' }));
      return post(`/api/v1/citizen/documents/${doc.id}/share-links/${link.id}/revocation`, w.citizen.headers, {});
    },
    bad: async (w) => post(`/api/v1/citizen/documents/${(await signedDocument(w)).id}/share-links/999999999/revocation`, w.citizen.headers, {}),
  },
  'POST /api/v1/documents/{id}/revocation': {
    ok: async (w) => post(`/api/v1/documents/${(await signedDocument(w)).id}/revocation`, w.officers.police.headers, { reason: 'Cấp nhầm (kiểm thử)' }),
    bad: async (w) => post(`/api/v1/documents/${(await signedDocument(w)).id}/revocation`, w.officers.police.headers, { reason: 'x' }),
  },
  'POST /api/v1/kiosks': {
    ok: (w) => post('/api/v1/kiosks', w.officers.admin.headers, { name: `Kiosk ${fresh()}`, unitCode: COMMUNE_A, relyingPartyId: w.relyingPartyId }),
    bad: (w) => post('/api/v1/kiosks', w.officers.admin.headers, { name: 'Kiosk', unitCode: COMMUNE_A, relyingPartyId: 999999 }),
  },
  'POST /api/v1/kiosks/{id}/disable': {
    ok: async (w) => post(`/api/v1/kiosks/${(await newKiosk(w)).id}/disable`, w.officers.admin.headers),
    bad: (w) => post('/api/v1/kiosks/999999/disable', w.officers.admin.headers),
  },
  'POST /api/v1/kiosk/queue-tickets': {
    ok: async (w) => post('/api/v1/kiosk/queue-tickets', (await newKiosk(w)).headers),
    bad: () => post('/api/v1/kiosk/queue-tickets', { 'x-kiosk-key': 'da06kiosk_khong-dang-ky' }),
  },
  'POST /api/v1/kiosk/sessions': {
    ok: async (w) => {
      const kiosk = await newKiosk(w);
      const { token } = await json<{ token: string }>(w, post('/api/v1/citizen/identity-qr', w.citizen.headers, { fields: ['personal_id', 'full_name'] }));
      return post('/api/v1/kiosk/sessions', kiosk.headers, { qr: token });
    },
    bad: async (w) => post('/api/v1/kiosk/sessions', (await newKiosk(w)).headers, { qr: '' }),
  },
  'POST /api/v1/kiosk/sessions/chip': {
    ok: async (w) => {
      await trustTestCsca(w.t);
      return post('/api/v1/kiosk/sessions/chip', (await newKiosk(w)).headers, await anChip());
    },
    bad: async (w) => post('/api/v1/kiosk/sessions/chip', (await newKiosk(w)).headers, { sod: 1 }),
  },
  'POST /api/v1/kiosk/chip-challenges': { none: 'Cấp một số thách thức cho đầu đọc thẻ của kiosk: không đổi dữ liệu, không có dữ liệu cá nhân' },
  'POST /api/v1/kiosk/sessions/current/dossiers': {
    ok: async (w) => post('/api/v1/kiosk/sessions/current/dossiers', await kioskDossierSession(w), { procedure: RESIDENCE_LIKE.slug }),
    bad: async (w) => post('/api/v1/kiosk/sessions/current/dossiers', await kioskDossierSession(w), { procedure: 'khong-co-thu-tuc-nay' }),
  },
  'DELETE /api/v1/kiosk/sessions/current': {
    ok: async (w) => del('/api/v1/kiosk/sessions/current', await kioskSignIn(w)),
    bad: () => del('/api/v1/kiosk/sessions/current', {}),
  },
  'POST /api/v1/sso/clients': {
    ok: (w) => post('/api/v1/sso/clients', w.officers.admin.headers, { name: `Thử ${fresh()}`, redirectUris: ['https://thu.tinh.test/cb'], scopes: ['profile'], minLevel: 1 }),
    bad: (w) => post('/api/v1/sso/clients', w.officers.admin.headers, { name: 'Thử', redirectUris: ['khong-phai-url'], scopes: ['profile'], minLevel: 1 }),
  },
  'POST /api/v1/exchange/agencies': {
    ok: async (w) => {
      const client = await json<{ clientId: string }>(w, post('/api/v1/sso/clients', w.officers.admin.headers, { name: `Cơ quan ${fresh()}`, redirectUris: ['https://coquan.tinh.test/cb'], scopes: ['profile'], minLevel: 1 }));
      return post('/api/v1/exchange/agencies', w.officers.admin.headers, { name: `Cơ quan ${fresh()}`, legalBasis: 'Thỏa thuận kết nối', clientId: client.clientId });
    },
    bad: (w) => post('/api/v1/exchange/agencies', w.officers.admin.headers, { name: 'Cơ quan', legalBasis: 'Thỏa thuận', clientId: 'khong-co-ung-dung-nay' }),
  },
  'POST /api/v1/exchange/grants': {
    ok: async (w) => post('/api/v1/exchange/grants', w.officers.admin.headers, {
      agencyId: (await newAgency(w)).id, service: 'person.is_alive', purposes: [EXCHANGE_PURPOSE], fields: [], dailyQuota: 10, validFrom: '2020-01-01', validUntil: '2099-12-31',
    }),
    bad: async (w) => post('/api/v1/exchange/grants', w.officers.admin.headers, {
      agencyId: (await newAgency(w)).id, service: 'person.is_alive', purposes: [EXCHANGE_PURPOSE], fields: ['fullName'], dailyQuota: 10, validFrom: '2020-01-01', validUntil: '2099-12-31',
    }),
  },
  'POST /api/v1/exchange/agencies/{id}/disable': {
    ok: async (w) => post(`/api/v1/exchange/agencies/${(await newAgency(w)).id}/disable`, w.officers.admin.headers),
    bad: (w) => post('/api/v1/exchange/agencies/999999/disable', w.officers.admin.headers),
  },
  'POST /api/v1/exchange/agencies/{id}/enable': {
    ok: async (w) => {
      const id = (await newAgency(w)).id;
      await json(w, post(`/api/v1/exchange/agencies/${id}/disable`, w.officers.admin.headers));
      return post(`/api/v1/exchange/agencies/${id}/enable`, w.officers.admin.headers, { reason: 'Đã khắc phục sự cố' });
    },
    bad: async (w) => post(`/api/v1/exchange/agencies/${(await newAgency(w)).id}/enable`, w.officers.admin.headers, { reason: 'Đang kết nối' }),
  },
  'POST /api/v1/exchange/agencies/{id}/keys': {
    ok: async (w) => post(`/api/v1/exchange/agencies/${(await newKeyedAgency(w)).id}/keys`, w.officers.admin.headers, { jwk: await agencyJwk('moi') }),
    bad: async (w) => {
      const a = await newKeyedAgency(w);
      return post(`/api/v1/exchange/agencies/${a.id}/keys`, w.officers.admin.headers, { jwk: await agencyJwk(a.kid) });
    },
  },
  'POST /api/v1/exchange/agencies/{id}/keys/{kid}/retire': {
    ok: async (w) => {
      const a = await newKeyedAgency(w);
      await json(w, post(`/api/v1/exchange/agencies/${a.id}/keys`, w.officers.admin.headers, { jwk: await agencyJwk('moi') }));
      return post(`/api/v1/exchange/agencies/${a.id}/keys/${a.kid}/retire`, w.officers.admin.headers);
    },
    bad: async (w) => {
      const a = await newKeyedAgency(w);
      return post(`/api/v1/exchange/agencies/${a.id}/keys/${a.kid}/retire`, w.officers.admin.headers);
    },
  },
  'POST /api/v1/exchange/grants/{id}/approve': {
    ok: async (w) => post(`/api/v1/exchange/grants/${(await newGrant(w)).grantId}/approve`, w.officers.province.headers),
    bad: (w) => post('/api/v1/exchange/grants/999999/approve', w.officers.province.headers),
  },
  'POST /api/v1/exchange/person-lookups': {
    ok: async (w) => post('/api/v1/exchange/person-lookups', await agencyBearer(w, 'person.lookup', ['fullName']), { personalId: person(0)!.personalId, purpose: EXCHANGE_PURPOSE }),
    bad: async (w) => post('/api/v1/exchange/person-lookups', await agencyBearer(w, 'person.lookup', ['fullName']), { personalId: person(0)!.personalId, purpose: 'Mục đích khác' }),
  },
  'POST /api/v1/exchange/sector-records': {
    ok: async (w) => post('/api/v1/exchange/sector-records', await agencyBearer(w, 'sector.civil_status_event'), sectorRecord(SECTOR_PURPOSE)),
    bad: async (w) => post('/api/v1/exchange/sector-records', await agencyBearer(w, 'sector.civil_status_event'), sectorRecord('Mục đích khác')),
  },
  'POST /api/v1/exchange/households': {
    // Lê Văn An lives alone: one member, one read entry.
    ok: async (w) => post('/api/v1/exchange/households', await agencyBearer(w, 'household.members', ['fullName']), { personalId: person(3)!.personalId, purpose: EXCHANGE_PURPOSE }),
    bad: async (w) => post('/api/v1/exchange/households', await agencyBearer(w, 'household.members', ['fullName']), { personalId: person(0)!.personalId, purpose: 'Mục đích khác' }),
  },
  'POST /api/v1/exchange/consent-requests': {
    ok: async (w) => (await askedConsent(w)).ask(),
    bad: async (w) => (await askedConsent(w)).ask('Mục đích khác'),
  },
  'POST /api/v1/citizen/consents/{id}/approve': {
    ok: async (w) => post(`/api/v1/citizen/consents/${(await askedConsent(w)).id}/approve`, w.citizen.headers, CONSENT_APPROVAL),
    bad: (w) => post('/api/v1/citizen/consents/999999/approve', w.citizen.headers, CONSENT_APPROVAL),
  },
  'POST /api/v1/citizen/consents/{id}/refuse': {
    ok: async (w) => post(`/api/v1/citizen/consents/${(await askedConsent(w)).id}/refuse`, w.citizen.headers),
    bad: (w) => post('/api/v1/citizen/consents/999999/refuse', w.citizen.headers),
  },
  'POST /api/v1/citizen/consents/{id}/revoke': {
    ok: async (w) => {
      const { id } = await askedConsent(w);
      await json(w, post(`/api/v1/citizen/consents/${id}/approve`, w.citizen.headers, CONSENT_APPROVAL));
      return post(`/api/v1/citizen/consents/${id}/revoke`, w.citizen.headers);
    },
    bad: async (w) => post(`/api/v1/citizen/consents/${(await askedConsent(w)).id}/revoke`, w.citizen.headers),
  },
  'POST /api/v1/exchange/batches': {
    ok: async (w) => ({
      method: 'POST', url: `/api/v1/exchange/batches?service=person.is_alive&purpose=${encodeURIComponent(EXCHANGE_PURPOSE)}`,
      headers: { ...(await agencyBearer(w, 'person.is_alive')), 'content-type': 'text/csv' }, payload: `personal_id\n${person(0)!.personalId}\n`,
    }),
    bad: async (w) => ({
      method: 'POST', url: `/api/v1/exchange/batches?service=person.is_alive&purpose=${encodeURIComponent(EXCHANGE_PURPOSE)}`,
      headers: { ...(await agencyBearer(w, 'person.is_alive')), 'content-type': 'text/csv' }, payload: 'ho_ten\nAn\n',
    }),
  },
  'POST /api/v1/linkage/runs': {
    ok: (w) => post('/api/v1/linkage/runs?source=Kiem%20toan', { ...w.officers.province.headers, 'content-type': 'text/csv' }, 'full_name,date_of_birth,ma\nNguyễn Văn An,1984,7\n'),
    bad: (w) => post('/api/v1/linkage/runs?source=Kiem%20toan', { ...w.officers.province.headers, 'content-type': 'text/csv' }, 'full_name,date_of_birth\n"Nguyễn Văn An,1984\n'),
  },
  'PUT /api/v1/linkage/sources/{source}/thresholds': {
    ok: (w) => put('/api/v1/linkage/sources/Kiem%20toan/thresholds', w.officers.province.headers, { match: 0.9, review: 0.5 }),
    bad: (w) => put('/api/v1/linkage/sources/Kiem%20toan/thresholds', w.officers.province.headers, { match: 0.4, review: 0.5 }),
  },
  'POST /api/v1/linkage/review-items/{runId}/{row}/decision': {
    ok: async (w) => {
      const r = await reviewRow(w);
      return post(`/api/v1/linkage/review-items/${r.runId}/${r.row}/decision`, w.officers.province.headers, { decision: 'reject', reason: 'Kiểm tra nhật ký' });
    },
    bad: async (w) => {
      const r = await reviewRow(w);
      return post(`/api/v1/linkage/review-items/${r.runId}/${r.row}/decision`, w.officers.province.headers, { decision: 'choose', personalId: '082999999999', reason: 'Kiểm tra nhật ký' });
    },
  },
  'POST /api/v1/citizen/linkage-rows/{runId}/{row}/confirm': {
    ok: async (w) => {
      const r = await reviewRow(w);
      return post(`/api/v1/citizen/linkage-rows/${r.runId}/${r.row}/confirm`, w.citizen.headers);
    },
    bad: (w) => post('/api/v1/citizen/linkage-rows/999999/1/confirm', w.citizen.headers),
  },
  'POST /api/v1/citizen/linkage-rows/{runId}/{row}/refuse': {
    ok: async (w) => {
      const r = await reviewRow(w);
      return post(`/api/v1/citizen/linkage-rows/${r.runId}/${r.row}/refuse`, w.citizen.headers);
    },
    bad: (w) => post('/api/v1/citizen/linkage-rows/999999/1/refuse', w.citizen.headers),
  },
  'POST /api/v1/exchange/checks': {
    ok: async (w) => post('/api/v1/exchange/checks', await agencyBearer(w, 'person.is_alive'), { service: 'person.is_alive', personalId: person(0)!.personalId, purpose: EXCHANGE_PURPOSE }),
    bad: async (w) => post('/api/v1/exchange/checks', await agencyBearer(w, 'person.is_alive'), { service: 'person.is_alive', personalId: person(0)!.personalId, purpose: 'Mục đích khác' }),
  },
};

/** Fields that make an answer personal data: a GET that returns any of them declares a read audit. */
const PERSONAL_FIELDS = new Set(['personalId', 'fullName', 'dateOfBirth', 'phone', 'address']);
/** GETs whose fields of those names are not a person's data, with the reason. */
const NOT_PERSONAL: Record<string, string> = {
  'GET /api/v1/units': '`fullName` là tên đầy đủ của đơn vị hành chính',
  'GET /api/v1/units/{scheme}/{code}': '`fullName` là tên đầy đủ của đơn vị hành chính',
  'GET /api/v1/session': 'Cán bộ xem phiên đăng nhập của chính mình',
  'GET /api/v1/verification-alerts': 'Cảnh báo của kiểm tra viên: số định danh đã che, tên là tên đơn vị xác thực',
};

interface Operation { 'x-audit'?: string; 'x-access'?: string; responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }
let t: TestApp;
let w: World;
let operations: Map<string, Operation>;
let components: Record<string, unknown>;

beforeAll(async () => {
  // The trust list's routes need `trust.manage`, which no province role holds: the walk's administrator is a national one.
  dvcqgStandin = await DvcqgStandin.start('walk-standin-token-0123456789');
  t = await testApp({
    DA06_PUBLIC_URL: PUBLIC_URL, DA06_DVCQG_URL: dvcqgStandin.url, DA06_DVCQG_TOKEN: 'walk-standin-token-0123456789', DA06_DVCQG_STANDIN: 'true',
    DA06_DVCQG_WEBHOOK_SECRET: DVCQG_SECRET,
  }, { roles: TRUST_KEEPING_ROLES });
  // The services' workflow on test procedures (services/testing.ts), independent of the catalogue's data.
  t.services.services.useReferenceData({ catalogue: { ...fixtureCatalogue([...FIXTURE_PROCEDURES, MARRIAGE_LIKE, certifiedCopyProcedure()]), groups: () => [WALK_GROUP] }, forms: fixtureForms });
  await insertFixturePeople(t.db);
  const admin = await t.officer('walk.admin', 'admin', '82');
  const police = await t.officer('walk.police', 'commune_police', COMMUNE_A);
  const rp = await json<{ relyingParty: { id: number } }>({ t } as World, post('/api/v1/relying-parties', admin.headers, { ...RP, code: 'rp-walk', provinceCode: '82' }));
  const hotel = await json<{ id: number }>({ t } as World, post('/api/v1/lodging/facilities', police.headers, HOTEL));
  const staffRes = await json<{ password: string }>({ t } as World, post(`/api/v1/lodging/facilities/${hotel.id}/staff`, police.headers, { username: 'walk.letan', fullName: 'Lễ tân' }));
  const planFile = bundledPlanFiles().find((f) => f.includes('dong-thap'))!;
  w = {
    t,
    officers: {
      registry: await t.officer('walk.xa', 'commune_registry', COMMUNE_A),
      province: await t.officer('walk.tinh', 'province_registry', '82'),
      admin, police,
      chief: await t.officer('walk.truongcongan', 'commune_police', COMMUNE_A),
      group: await t.officer('walk.tocongtac', 'working_group', '82'),
      staff: await t.firstSignIn('walk.letan', staffRes.password),
    },
    citizen: await registerCitizen(t, SIGN_UPS.an),
    planId: (await t.services.operations.plans.importPlan(loadPlanFile(planFile), 'data/plans/dong-thap')).id,
    relyingPartyId: rp.relyingParty.id,
    hotelId: hotel.id,
  };
  const doc = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json() as {
    paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, unknown> };
  };
  components = doc.components?.schemas ?? {};
  operations = new Map(Object.entries(doc.paths).flatMap(([path, ops]) => Object.entries(ops).map(([m, op]) => [`${m.toUpperCase()} ${path}`, op] as const)));
}, 600_000);

afterAll(async () => {
  await t?.close();
  await dvcqgStandin?.close();
});

/** How many entries each action has: the difference of two snapshots says what a call wrote. */
const snapshot = async () => new Map((await t.db.query<{ action: string; n: number }>('SELECT action, count(*)::int AS n FROM audit_log GROUP BY action')).rows.map((r) => [r.action, r.n]));
async function written(call: Call) {
  const before = await snapshot();
  const res = await t.app.inject({ method: call.method as 'POST', url: call.url, headers: call.headers, payload: call.payload as object });
  const after = await snapshot();
  const entries = Object.fromEntries([...after].filter(([a, n]) => n !== (before.get(a) ?? 0)).map(([a, n]) => [a, n - (before.get(a) ?? 0)]));
  return { res, entries };
}

describe('audit walk', () => {
  it('has a fixture or a reason for every non-GET operation of the document, and no stale one', () => {
    const writes = [...operations.keys()].filter((k) => !k.startsWith('GET ') && !k.startsWith('HEAD '));
    expect(writes.filter((k) => !(k in FIXTURES)), 'operations without a fixture').toEqual([]);
    expect(Object.keys(FIXTURES).filter((k) => !operations.has(k)), 'fixtures of no operation').toEqual([]);
    const undeclared = writes.filter((k) => FIXTURES[k] && !('none' in FIXTURES[k]) && !operations.get(k)!['x-audit']);
    expect(undeclared, 'writes that declare no audit action').toEqual([]);
    const declaredButNone = writes.filter((k) => FIXTURES[k] && 'none' in FIXTURES[k] && operations.get(k)!['x-audit']);
    expect(declaredButNone, 'listed as none but declaring an action: move them to a fixture').toEqual([]);
  });

  const writes = Object.entries(FIXTURES).filter((e): e is [string, Write] => 'ok' in e[1]);
  it.each(writes)('%s writes exactly one entry of its action, none when it fails', async (key, fixture) => {
    const ok = await written(await fixture.ok(w));
    expect(ok.res.statusCode, `${key}: ${ok.res.body}`).toBeLessThan(300);
    const bad = await written(await fixture.bad(w));
    expect(bad.res.statusCode, `${key} (failing call): ${bad.res.body}`).toBeGreaterThanOrEqual(400);
    expect(bad.res.statusCode, `${key} (failing call): ${bad.res.body}`).toBeLessThan(500);
    const action = operations.get(key)?.['x-audit'];
    expect(action, `${key} declares no x-audit; it wrote ${JSON.stringify(ok.entries)}`).toBeDefined();
    // `a | b`: the module chooses one of these actions from what it finds (a scan at a counter).
    const count = (entries: Record<string, number>) => action!.split(' | ').reduce((n, a) => n + (entries[a] ?? 0), 0);
    expect(count(ok.entries), `${key}: entries of ${action} (all it wrote: ${JSON.stringify(ok.entries)})`).toBe(1);
    expect(count(bad.entries), `${key}: the failed call wrote ${JSON.stringify(bad.entries)}`).toBe(0);
  });

  it('declares a read audit on every GET whose answer carries personal fields', () => {
    const personal = (schema: unknown, depth = 0): boolean => {
      if (!schema || typeof schema !== 'object' || depth > 12) return false;
      const s = schema as { $ref?: string; properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[]; oneOf?: unknown[]; allOf?: unknown[] };
      if (s.$ref) return personal(components[s.$ref.replace('#/components/schemas/', '')], depth + 1);
      if (s.properties && Object.keys(s.properties).some((p) => PERSONAL_FIELDS.has(p))) return true;
      return [...Object.values(s.properties ?? {}), s.items, ...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])].some((x) => personal(x, depth + 1));
    };
    expect(Object.keys(NOT_PERSONAL).filter((k) => !operations.has(k)), 'exemptions of no operation').toEqual([]);
    const unaudited = [...operations].filter(([k, op]) => k.startsWith('GET ') && !op['x-audit'] && !(k in NOT_PERSONAL)
      && Object.entries(op.responses ?? {}).some(([status, r]) => status.startsWith('2') && Object.values(r.content ?? {}).some((c) => personal(c.schema))))
      .map(([k]) => k);
    expect(unaudited, 'GETs answering personal fields without a read audit').toEqual([]);
  });
});
