import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { expectDetailDocumentsMatchRecords } from '../../testing/registry.js';
import { DomainError } from '../../platform/errors.js';
import { COMMUNE_A, COMMUNE_B, insertFixturePeople } from './fixtures.js';
import { allocateUnderLoad } from './allocation-load.js';
import { checkPersonalId } from './personal-id.js';
import type { AuditActor, DossierSource, RegistryService } from './service.js';

let t: TestApp;
let registry: RegistryService;
let province: Session;
const born: unknown[] = [];
const died: unknown[] = [];

beforeAll(async () => {
  t = await testApp();
  await insertFixturePeople(t.db);
  registry = t.services.registry;
  province = await t.officer('tinh', 'province_registry', '82');
  t.services.events.on('registry.person.born', (e) => void born.push(e));
  t.services.events.on('registry.person.died', (e) => void died.push(e));
}, 120_000);
afterAll(() => t.close());

const ACTOR: AuditActor = { actorKind: 'officer', actorId: '7', actorName: 'Cán bộ tư pháp xã' };
const from = (dossierCode: string, extra: Partial<DossierSource> = {}): DossierSource => ({ dossierCode, actor: ACTOR, ...extra });
const AN = '082084001234';
const BICH = '082186002345';
const LE = '087090004567';

const getPerson = async (key: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/people/${key}`, headers: { cookie: province.cookie } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
/** The code of the DomainError `act` throws, with its field errors' codes. */
async function refusal(act: () => Promise<unknown>) {
  const err = await act().then(() => undefined, (e: unknown) => e);
  if (!(err instanceof DomainError)) throw err ?? new Error('expected a refusal');
  return { code: err.code, fields: (err.errors ?? []).map((f) => `${f.field}:${f.code}`) };
}
async function entriesOf(act: () => Promise<unknown>) {
  await t.services.audit.drain();
  const before = Number((await t.db.query<{ n: number }>('SELECT coalesce(max(seq), 0)::int AS n FROM audit_log')).rows[0].n);
  await act();
  await t.services.audit.drain();
  return (await t.db.query<{ action: string; subject_id: string; actor_id: string; purpose: string; data: string | null }>(
    'SELECT action, subject_id, actor_id, purpose, data FROM audit_log WHERE seq > $1 ORDER BY seq', [before])).rows;
}
const allocate = (input: { birthProvinceCode: string; sex: 'Nam' | 'Nữ'; birthDate: string }) =>
  t.db.transaction((tx) => registry.allocatePersonalId(tx, input));

describe('allocatePersonalId', () => {
  it('starts a prefix above the serials the registry already holds, then counts up without gaps', async () => {
    // Nguyễn Văn Bình (082212003456): male, born 2012, registered in 082.
    expect(await allocate({ birthProvinceCode: '082', sex: 'Nam', birthDate: '2012-01-05' })).toBe('082212003457');
    expect(await allocate({ birthProvinceCode: '082', sex: 'Nam', birthDate: '2012-12-31' })).toBe('082212003458');
    // A new prefix starts at 1; the ID agrees with sex and year by the rules.
    const id = await allocate({ birthProvinceCode: '001', sex: 'Nữ', birthDate: '2026-01-02' });
    expect(id).toBe('001326000001');
    expect(checkPersonalId(id, 'Nữ', '2026-01-02')).toEqual([]);
  });

  it('gives a rolled-back number again, and never a cancelled or already held one', async () => {
    const rolledBack = await t.db.transaction(async (tx) => {
      const n = await registry.allocatePersonalId(tx, { birthProvinceCode: '001', sex: 'Nữ', birthDate: '2026-03-01' });
      await tx.query('SELECT 1');
      return Promise.reject(Object.assign(new Error('approval failed'), { n }));
    }).catch((e: { n: string }) => e.n);
    expect(rolledBack).toBe('001326000002');
    expect(await allocate({ birthProvinceCode: '001', sex: 'Nữ', birthDate: '2026-03-01' })).toBe('001326000002');
    // A number cancelled (or imported) above the counter is skipped.
    await t.db.transaction(async (tx) => {
      const le = await tx.query<{ id: number }>('SELECT id FROM people WHERE personal_id = $1', [LE]);
      await tx.query(`INSERT INTO former_identifiers (person_id, kind, value, valid_until) VALUES ($1, 'cancelled_id', '001326000003', '2026-01-01')`, [le.rows[0].id]);
    });
    expect(await allocate({ birthProvinceCode: '001', sex: 'Nữ', birthDate: '2026-03-01' })).toBe('001326000004');
  });

  it('refuses a bad province code, sex or date, an exhausted prefix, and a call outside a transaction', async () => {
    expect(await refusal(() => allocate({ birthProvinceCode: '003', sex: 'Nam', birthDate: '2026-02-30' }))).toEqual({
      code: 'VALIDATION_FAILED', fields: ['birthProvinceCode:BIRTH_PROVINCE_CODE', 'birthDate:INVALID_DATE'],
    });
    await t.db.query(`INSERT INTO personal_id_counters (prefix, last_serial) VALUES ('001099', 999999)`);
    expect(await refusal(() => allocate({ birthProvinceCode: '001', sex: 'Nam', birthDate: '1999-05-05' }))).toEqual({ code: 'PERSONAL_ID_EXHAUSTED', fields: [] });
    // @ts-expect-error the allocation needs the registration's transaction
    await expect(registry.allocatePersonalId(t.db, { birthProvinceCode: '001', sex: 'Nam', birthDate: '2000-01-01' })).rejects.toThrow(/transaction/);
  });

  it('gives distinct consecutive numbers to 16 transactions at once, rolled-back ones included', async () => {
    const total = t.db.kind === 'postgres' ? 400 : 64;
    const out = await allocateUnderLoad(t.db, registry, { concurrency: 16, total, birthProvinceCode: '087', sex: 'Nữ', birthDate: '2026-06-01', rollbackEvery: 7 });
    expect(out.ids).toHaveLength(total);
    expect(new Set(out.ids).size).toBe(total);
    expect(out.rolledBack).toBeGreaterThan(0);
    // No gaps: exactly the serials 1..total of the prefix, whatever the order of the commits.
    expect(out.ids.map((id) => Number(id.slice(6))).sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
    const counter = await t.db.query<{ last_serial: number }>(`SELECT last_serial FROM personal_id_counters WHERE prefix = '087326'`);
    expect(Number(counter.rows[0].last_serial)).toBe(total);
    if (process.env.REGISTRY_BENCH_LOG) console.log(`allocations/s under 16 transactions (${t.db.kind}): ${(total / (out.ms / 1000)).toFixed(0)}`);
  }, 300_000);
});

describe('registerBirth', () => {
  const child = { fullName: ' Nguyễn Thị  Mai', sex: 'Nữ' as const, birthDate: '2026-01-10', birthPlace: 'Bệnh viện Đa khoa Đồng Tháp', hometown: 'Đồng Tháp', ethnicity: 'Kinh' };

  it('refuses parents that do not fit, and changes nothing', async () => {
    const before = await t.db.query('SELECT count(*)::int AS n FROM people');
    expect(await refusal(() => registry.registerBirth(child, { ...from('H82-260110-0001'), parents: { mother: AN, father: '082084999999' } }))).toEqual({
      code: 'VALIDATION_FAILED', fields: ['parents.mother:PARENT_SEX', 'parents.father:PARENT_UNKNOWN'],
    });
    expect(await refusal(() => registry.registerBirth({ ...child, birthDate: '1980-01-01' }, { ...from('H82-260110-0001'), parents: { mother: BICH } }))).toEqual({
      code: 'VALIDATION_FAILED', fields: ['parents.mother:PARENT_BORN_AFTER'],
    });
    expect(await t.db.query('SELECT count(*)::int AS n FROM people')).toEqual(before);
  });

  it('rolls back with the approval: no person, and the number is given again', async () => {
    const attempt = await t.db.transaction(async (tx) => {
      const r = await registry.registerBirth(child, { ...from('H82-260110-0001', { tx }), parents: { mother: BICH, father: AN } });
      throw Object.assign(new Error('approval failed'), { r });
    }).catch((e: { r: { personalId: string } }) => e.r);
    expect(attempt.personalId).toBe('082326000001');
    expect((await t.db.query('SELECT 1 FROM people WHERE personal_id = $1', [attempt.personalId])).rows).toEqual([]);
    await new Promise((r) => setTimeout(r, 20));
    expect(born).toEqual([]);
  });

  it('creates the child with an allocated ID in the parents\' household, linked to them, with the dossier code', async () => {
    let r!: Awaited<ReturnType<RegistryService['registerBirth']>>;
    const entries = await entriesOf(async () => {
      r = await registry.registerBirth(child, { ...from('H82-260110-0001'), parents: { mother: BICH, father: AN } });
    });
    expect(r).toMatchObject({ personalId: '082326000001', householdNo: 'HK-A', relationToHead: 'Con' });
    expect(entries).toEqual([{ action: 'person.birth.register', subject_id: r.personalId, actor_id: '7', purpose: 'Theo hồ sơ H82-260110-0001', data: '{"dossierCode":"H82-260110-0001"}' }]);
    expect(born).toEqual([{ personId: r.personId, personalId: r.personalId, dateOfBirth: '2026-01-10', householdNo: 'HK-A', dossierCode: 'H82-260110-0001' }]);
    const p = await getPerson(r.personalId);
    expect(p).toMatchObject({ fullName: 'Nguyễn Thị Mai', sex: 'Nữ', dateOfBirth: '2026-01-10', commune: { code: COMMUNE_A }, household: { householdNo: 'HK-A', relationToHead: 'Con' } });
    expect(p.lifeEvents).toEqual([{ kind: 'birth', occurredOn: '2026-01-10', communeCode: COMMUNE_A, note: 'Bệnh viện Đa khoa Đồng Tháp', sourceDossier: 'H82-260110-0001' }]);
    expect(p.residences).toEqual([]);
    expect(p.parents).toEqual([
      { role: 'mother', ref: expect.stringMatching(/^p\d+$/), personalIdMasked: '082******345', fullName: 'Trần Thị Bích', dateOfBirth: '1986-02-03', sourceDossier: 'H82-260110-0001' },
      { role: 'father', ref: expect.stringMatching(/^p\d+$/), personalIdMasked: '082******234', fullName: 'Nguyễn Văn An', dateOfBirth: '1984-05-12', sourceDossier: 'H82-260110-0001' },
    ]);
    const parents = await t.db.query<{ role: string; personal_id: string }>(
      'SELECT l.role, p.personal_id FROM person_parents l JOIN people p ON p.id = l.parent_id WHERE l.child_id = $1 ORDER BY l.role', [r.personId]);
    expect(parents.rows).toEqual([{ role: 'father', personal_id: AN }, { role: 'mother', personal_id: BICH }]);
  });

  it('needs a household when no parent has one', async () => {
    expect(await refusal(() => registry.registerBirth(child, { ...from('H82-260110-0002'), parents: {} }))).toEqual({ code: 'VALIDATION_FAILED', fields: ['household:HOUSEHOLD_REQUIRED'] });
    const r = await registry.registerBirth({ ...child, sex: 'Nam' }, { ...from('H82-260110-0002'), parents: {}, household: { householdNo: 'HK-B', relationToHead: 'Cháu' } });
    expect(r).toMatchObject({ personalId: '082226000001', householdNo: 'HK-B', relationToHead: 'Cháu' });
  });
});

describe('residence', () => {
  it('registers the newborn\'s permanent residence in the household it joined, with the dossier code', async () => {
    const mai = '082326000001';
    await registry.registerPermanentResidence(mai, { communeCode: COMMUNE_A, address: 'Số 1, khu phố 1', from: '2026-01-20' }, from('H82-260115-0003'));
    const p = await getPerson(mai);
    expect(p.household).toMatchObject({ householdNo: 'HK-A', relationToHead: 'Con' });
    expect(p.residences).toEqual([{
      kind: 'permanent', communeCode: COMMUNE_A, communeName: expect.any(String), address: 'Số 1, khu phố 1', validFrom: '2026-01-20', validTo: null,
      sourceDossier: 'H82-260115-0003', endedByDossier: null,
    }]);
    expect(p.lifeEvents.at(-1)).toMatchObject({ kind: 'move', note: 'Đăng ký thường trú', sourceDossier: 'H82-260115-0003' });
  });

  it('registers a temporary residence until its end date, and refuses one without', async () => {
    expect(await refusal(() => registry.registerTemporaryResidence(LE, { communeCode: COMMUNE_B, address: 'Nhà trọ', from: '2026-02-01', until: '' }, from('H82-260201-0004'))))
      .toEqual({ code: 'VALIDATION_FAILED', fields: ['until:REQUIRED'] });
    const entries = await entriesOf(() => registry.registerTemporaryResidence(LE, { communeCode: COMMUNE_B, address: 'Nhà trọ số 5', from: '2026-02-01', until: '2027-02-01' }, from('H82-260201-0004')));
    expect(entries.map((e) => [e.action, e.data])).toEqual([['person.residence.register', '{"dossierCode":"H82-260201-0004","kind":"temporary"}']]);
    const p = await getPerson(LE);
    expect(p.residences.find((r: { kind: string }) => r.kind === 'temporary')).toMatchObject({ address: 'Nhà trọ số 5', validTo: '2027-02-01', sourceDossier: 'H82-260201-0004' });
  });

  it('records a declared absence', async () => {
    await registry.declareAbsence(LE, { from: '2026-03-01', to: '2027-03-01', destination: 'Thành phố Hồ Chí Minh', reason: 'Đi làm' }, from('H82-260227-0005'));
    expect((await getPerson(LE)).absences).toEqual([{ validFrom: '2026-03-01', validTo: '2027-03-01', destination: 'Thành phố Hồ Chí Minh', reason: 'Đi làm', sourceDossier: 'H82-260227-0005' }]);
    expect(await refusal(() => registry.declareAbsence(LE, { from: '2026-03-01', to: '2026-02-01', destination: ' ', reason: 'x' }, from('H82-260227-0005')))).toEqual({
      code: 'VALIDATION_FAILED', fields: ['to:DATE_BEFORE', 'destination:REQUIRED'],
    });
  });

  it('confirms the residence (CT07): who, where since when, household head, validity by the dated rule; audited with an actor', async () => {
    let c!: Awaited<ReturnType<RegistryService['residenceConfirmation']>>;
    const entries = await entriesOf(async () => {
      c = await registry.residenceConfirmation(LE, { on: '2026-04-30', actor: ACTOR, dossierCode: 'H82-260430-0006' });
    });
    expect(entries.map((e) => [e.action, e.subject_id, e.purpose])).toEqual([['person.residence.confirm', LE, 'Theo hồ sơ H82-260430-0006']]);
    expect(c).toMatchObject({
      form: 'CT07', personalId: LE, fullName: 'Lê Văn An', nationality: 'Việt Nam',
      permanentResidence: { communeCode: COMMUNE_B, address: 'Số 1, khu phố 1', from: '1990-01-01' },
      temporaryResidences: [{ address: 'Nhà trọ số 5', from: '2026-02-01', until: '2027-02-01', sourceDossier: 'H82-260201-0004' }],
      absences: [{ from: '2026-03-01', to: '2027-03-01', destination: 'Thành phố Hồ Chí Minh' }],
      household: { householdNo: 'HK-B', headFullName: 'Lê Văn An', relationToHead: 'Chủ hộ' },
      issuedOn: '2026-04-30', validUntil: '2027-04-30', validity: { months: 12, status: 'P' },
    });
    // 31 August plus 12 months, and a person unknown.
    expect((await registry.residenceConfirmation(LE, { on: '2026-08-31' })).validUntil).toBe('2027-08-31');
    expect(await refusal(() => registry.residenceConfirmation('082999999999'))).toEqual({ code: 'PERSON_NOT_FOUND', fields: [] });
  });
});

describe('death and removal of the permanent residence (linked group 2)', () => {
  it('records the death with the dossier code through the death path, then removes the residence', async () => {
    const entries = await entriesOf(() => registry.recordDeath(from('H82-260501-0007'), AN, '2026-05-01', 'Tại nhà'));
    expect(entries.map((e) => [e.action, e.subject_id, e.data])).toEqual([['person.death.register', AN, '{"dossierCode":"H82-260501-0007"}']]);
    expect(died).toEqual([expect.objectContaining({ personalId: AN, dateOfDeath: '2026-05-01' })]);
    expect(await refusal(() => registry.recordDeath(from('H82-260501-0007'), AN, '2026-05-01'))).toEqual({ code: 'PERSON_DECEASED', fields: [] });
    await registry.removePermanentResidence(AN, { on: '2026-05-06', reason: 'Đã chết' }, from('H82-260506-0008'));
    const p = await getPerson(AN);
    expect(p.lifeEvents.at(-1)).toMatchObject({ kind: 'death', note: 'Tại nhà', sourceDossier: 'H82-260501-0007' });
    expect(p.residences.at(-1)).toMatchObject({ kind: 'permanent', validTo: '2026-05-06', endedByDossier: 'H82-260506-0008' });
    expect(p.household).toBeNull();
    expect(await refusal(() => registry.removePermanentResidence(AN, { on: '2026-05-06', reason: 'Đã chết' }, from('H82-260506-0008')))).toEqual({ code: 'NO_PERMANENT_RESIDENCE', fields: [] });
  });

  it('keeps the officer\'s death route as it was (no dossier code)', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/people/${BICH}/death`, headers: province.headers, payload: { dateOfDeath: '2026-05-02' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().lifeEvents.at(-1)).toMatchObject({ kind: 'death', sourceDossier: null });
  });
});

describe('detail document built by the database', () => {
  it('is field for field the record the service builds (source dossiers and absences included)', async () => {
    await expectDetailDocumentsMatchRecords(t, province, 5);
  });
});
