import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import JSZip from 'jszip';
import { testApp, type Session, type TestApp } from '../../testing/app.js';
import { seedTestProvince } from '../../testing/province.js';
import { registerCitizen } from '../../testing/citizen.js';
import { COMMUNE_A, SIGN_UPS, insertFixturePeople } from '../registry/testing.js';
import { bundledPlanFiles, loadPlanFile } from './index.js';
import { effectiveStatus, monthBounds, reportCutOff } from './plans-service.js';
import { documentDateWords } from './report/format.js';
import { todayInVietnam } from '../../platform/time.js';

let t: TestApp;
let leader: Session;
let group: Session;
let registryOfficer: Session;
let planId: string;

const get = (s: Session | null, url: string) => t.app.inject({ method: 'GET', url, headers: s?.headers ?? {} });
const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query<{ n: string }>(sql, params)).rows[0].n);
/** People of the province the leader oversees (the fixtures put one person in another province). */
const IN_82 = `commune_code IN (SELECT code FROM units WHERE scheme = '2025' AND province_code = '82')`;
const SIGNER = { signerAuthority: 'KT. TỔ TRƯỞNG', signerTitle: 'PHÓ TỔ TRƯỞNG THƯỜNG TRỰC', signerName: 'Đại tá Lê Văn Ký' };
const put = (s: Session, url: string, payload: object) => t.app.inject({ method: 'PUT', url, headers: s.headers, payload });
const thisMonth = () => new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);

beforeAll(async () => {
  t = await testApp();
  await seedTestProvince(t, 3_000);
  await insertFixturePeople(t.db);
  await registerCitizen(t, SIGN_UPS.an);
  await t.services.registry.statistics.refresh();
  leader = await t.officer('lanhdao', 'leader', '82');
  group = await t.officer('tocongtac', 'working_group', '82');
  registryOfficer = await t.officer('canbo.xa', 'commune_registry', COMMUNE_A);
  const file = bundledPlanFiles().find((f) => f.includes('dong-thap'))!;
  planId = (await t.services.operations.plans.importPlan(loadPlanFile(file), 'data/plans/dong-thap')).id;
});

afterAll(async () => {
  await t?.close();
});

describe('authorization', () => {
  it('refuses dashboards and plans without a session and to officers without the operations right', async () => {
    for (const url of ['/api/v1/ioc/population', '/api/v1/ioc/readiness', '/api/v1/plans', `/api/v1/plans/${planId}`]) {
      expect((await get(null, url)).statusCode).toBe(401);
      expect((await get(registryOfficer, url)).statusCode).toBe(403);
      expect((await get(leader, url)).statusCode).toBe(200);
    }
  });

  it('lets leaders read but only the working group report progress and make the monthly report', async () => {
    const body = { status: 'in_progress' };
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/models/1.1/reports`, headers: leader.headers, payload: body })).statusCode).toBe(403);
    expect((await get(leader, `/api/v1/plans/${planId}/monthly-report?month=${thisMonth()}`)).statusCode).toBe(403);
    expect((await get(leader, `/api/v1/plans/${planId}/report-settings`)).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/plans/${planId}/report-settings`, headers: leader.headers, payload: SIGNER })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PUT', url: `/api/v1/plans/${planId}/report-settings`, payload: SIGNER })).statusCode).toBe(401);
  });
});

describe('population dashboard', () => {
  it('matches direct counts of the registry', async () => {
    const res = (await get(leader, '/api/v1/ioc/population')).json();
    const living = await count(`SELECT count(*) AS n FROM people WHERE date_of_death IS NULL AND ${IN_82}`);
    expect(res.total).toBe(living);
    expect(res.households).toBe(await count(`SELECT count(*) AS n FROM households WHERE ${IN_82}`));
    expect(res.pyramid.reduce((s: number, b: { male: number; female: number }) => s + b.male + b.female, 0)).toBe(living);
    expect(res.pyramid.reduce((s: number, b: { male: number }) => s + b.male, 0)).toBe(await count(`SELECT count(*) AS n FROM people WHERE date_of_death IS NULL AND sex = 'Nam' AND ${IN_82}`));
    expect(res.communes.reduce((s: number, c: { people: number }) => s + c.people, 0)).toBe(living);
    const kinh = res.ethnicity.find((e: { name: string }) => e.name === 'Kinh').people;
    expect(kinh).toBe(await count(`SELECT count(*) AS n FROM people WHERE date_of_death IS NULL AND ethnicity = 'Kinh' AND ${IN_82}`));
    const one = res.communes[0];
    const ofOne = (await get(leader, `/api/v1/ioc/population?unit=${one.code}`)).json();
    expect(ofOne.total).toBe(await count('SELECT count(*) AS n FROM people WHERE date_of_death IS NULL AND commune_code = $1', [one.code]));
  });

  it('adds up across the 2025 merger: the old provinces and districts sum to the new province', async () => {
    const total = (await get(leader, '/api/v1/ioc/population')).json().total;
    const olds = (await t.db.query<{ province: string; districts: string[] }>(
      `SELECT o.province_code AS province, array_agg(DISTINCT o.parent_code) AS districts FROM unit_links l
         JOIN units o ON o.scheme = 'pre2025' AND o.code = l.old_code JOIN units n ON n.scheme = '2025' AND n.code = l.new_code
        WHERE l.level = 'commune' AND n.province_code = '82' GROUP BY 1`)).rows;
    expect(olds.map((o) => o.province).sort()).toEqual(['82', '87']);
    let byProvince = 0;
    let byDistrict = 0;
    for (const o of olds) {
      byProvince += (await get(leader, `/api/v1/ioc/population?scheme=pre2025&unit=${o.province}`)).json().total;
      for (const d of o.districts) byDistrict += (await get(leader, `/api/v1/ioc/population?scheme=pre2025&unit=${d}`)).json().total;
    }
    expect(byProvince).toBe(total);
    expect(byDistrict).toBe(total);
  });

  it('counts working-age people for labour, split urban and rural', async () => {
    const res = (await get(leader, '/api/v1/ioc/labour')).json();
    const year = Number(thisMonth().slice(0, 4));
    const expected = await count(`SELECT count(*) AS n FROM people WHERE date_of_death IS NULL AND $1 - extract(year FROM date_of_birth) BETWEEN 15 AND 64 AND ${IN_82}`, [year]);
    expect(res.workingAge).toBe(expected);
    expect(res.urban + res.rural).toBe(expected);
    expect(Object.values(res.activities as Record<string, number>).reduce((s, n) => s + n, 0)).toBe(expected);
    const employed = await count(`SELECT count(*) AS n FROM people WHERE date_of_death IS NULL AND $1 - extract(year FROM date_of_birth) BETWEEN 15 AND 64
      AND occupation IS NOT NULL AND occupation NOT IN ('Học sinh, sinh viên', 'Nội trợ', 'Không có việc làm', 'Hưu trí') AND ${IN_82}`, [year]);
    expect(res.employed).toBe(employed);
    expect(res.employed).toBeLessThan(expected);
  });

  it('answers an unknown unit, or one outside the officer area, as not found', async () => {
    const res = await get(leader, '/api/v1/ioc/population?scheme=pre2025&unit=99999');
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('UNIT_NOT_FOUND');
    expect((await get(leader, '/api/v1/ioc/population?unit=01')).statusCode).toBe(404);
    expect((await get(leader, '/api/v1/ioc/tourism?unit=01')).statusCode).toBe(404);
  });
});

describe('readiness dashboard', () => {
  it('counts e-ID accounts among adults', async () => {
    const res = (await get(leader, '/api/v1/ioc/readiness')).json();
    expect(res.level1).toBe(1);
    expect(res.adults).toBe(await count(`SELECT count(*) AS n FROM people WHERE date_of_death IS NULL AND $1 - extract(year FROM date_of_birth) >= 18 AND ${IN_82}`, [Number(thisMonth().slice(0, 4))]));
    expect(res.level1Share).toBe(Math.round((1 / res.adults) * 1000) / 10);
  });

  it("counts the verifications at the counters of the leader's province only, on the dashboard and in the plan's indicators", async () => {
    const rp = async (code: string, province: string) => Number((await t.db.query<{ id: string }>(
      `INSERT INTO relying_parties (code, name, type, purpose, allowed_fields, province_code) VALUES ($1, $1, 'hospital', 'Khám bệnh', '{full_name}', $2) RETURNING id`,
      [code, province])).rows[0].id);
    const verify = (id: number, n: number) => t.db.query(
      `INSERT INTO verifications (relying_party_id, method, result, purpose) SELECT $1, 'card_qr', 'valid', 'Khám bệnh' FROM generate_series(1, $2)`, [id, n]);
    await verify(await rp('bv-trong-tinh', '82'), 2);
    await verify(await rp('bv-tinh-khac', '01'), 5);
    const hospitals = (await get(leader, '/api/v1/ioc/readiness')).json().verifications.find((v: { type: string }) => v.type === 'hospital');
    expect(hospitals).toMatchObject({ verifications: 2, valid: 2, sites: 1 });
    const plan = (await get(leader, `/api/v1/plans/${planId}`)).json();
    const hospital = plan.models.find((m: { national: number | null }) => m.national === 6);
    expect(hospital.indicators[0]).toMatchObject({ label: 'Lượt xác thực công dân tại quầy (QR, chip)', value: '2' });
  });
});

describe('plan tracker', () => {
  it("lists only the plans of the leader's province: another province's plan reads as absent", async () => {
    const other = bundledPlanFiles().find((f) => f.includes('quang-nam'))!;
    const otherId = (await t.services.operations.plans.importPlan(loadPlanFile(other), 'data/plans/quang-nam')).id;
    const ids = (await get(leader, '/api/v1/plans')).json().map((p: { id: string }) => p.id);
    expect(ids).toContain(planId);
    expect(ids).not.toContain(otherId);
    for (const url of [`/api/v1/plans/${otherId}`, `/api/v1/plans/${otherId}/models/1/reports`, `/api/v1/plans/${otherId}/monthly-report?month=${thisMonth()}`]) {
      expect((await get(group, url)).statusCode, url).toBe(404);
    }
    const report = await t.app.inject({ method: 'POST', url: `/api/v1/plans/${otherId}/models/1/reports`, headers: group.headers, payload: { status: 'done' } });
    expect(report.statusCode).toBe(404);
    // The operator's command line lists every plan.
    expect((await t.services.operations.plans.list()).map((p) => p.id)).toEqual(expect.arrayContaining([planId, otherId]));
  });

  it('lists the imported plan with every model and marks passed deadlines as overdue', async () => {
    const plans = (await get(leader, '/api/v1/plans')).json();
    expect(plans.find((p: { id: string }) => p.id === planId).models).toBe(40);
    const plan = (await get(leader, `/api/v1/plans/${planId}`)).json();
    expect(plan.models).toHaveLength(40);
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    for (const m of plan.models) expect(m.status).toBe(effectiveStatus({ status: 'not_started', deadline: m.deadline }, today));
    expect(plan.models.some((m: { status: string }) => m.status === 'overdue')).toBe(true);
  });

  it('records a unit report with a manual figure, and shows computed indicators for measured models', async () => {
    const plan = (await get(group, `/api/v1/plans/${planId}`)).json();
    const lodging = plan.models.find((m: { national: number | null }) => m.national === 9);
    const other = plan.models.find((m: { national: number | null }) => m.national === 13) ?? plan.models.find((m: { national: number | null }) => m.national === null);
    expect(lodging.indicators.map((i: { kind: string }) => i.kind)).toEqual(['platform', 'platform', 'platform']);
    const res = await t.app.inject({
      method: 'POST', url: `/api/v1/plans/${planId}/models/${other.number}/reports`, headers: group.headers,
      payload: { status: 'done', note: 'Đã lắp đặt', problems: 'Thiếu kinh phí bảo trì', indicatorLabel: 'Số camera đã lắp', indicatorValue: '12' },
    });
    expect(res.statusCode, res.body).toBe(204);
    const after = (await get(leader, `/api/v1/plans/${planId}`)).json().models.find((m: { number: string }) => m.number === other.number);
    expect(after).toMatchObject({ status: 'done', problems: 'Thiếu kinh phí bảo trì', updatedBy: 'Cán bộ tocongtac' });
    expect(after.indicators.at(-1)).toMatchObject({ label: 'Số camera đã lắp', value: '12', kind: 'manual' });
    const history = (await get(leader, `/api/v1/plans/${planId}/models/${other.number}/reports`)).json();
    expect(history[0]).toMatchObject({ status: 'done', by: 'Cán bộ tocongtac' });
    const half = await t.app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/models/${other.number}/reports`, headers: group.headers, payload: { status: 'done', indicatorLabel: 'x' } });
    expect(half.json().errors[0]).toMatchObject({ field: 'indicatorValue', code: 'REQUIRED' });
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/models/99.9/reports`, headers: group.headers, payload: { status: 'done' } })).statusCode).toBe(404);
  });

  it('produces the monthly report as Word and PDF with the plan, its models and the platform figures', async () => {
    const month = thisMonth();
    const docx = await get(group, `/api/v1/plans/${planId}/monthly-report?month=${month}&format=docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    expect(text).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(text).toContain(`tháng ${month.slice(5)}/${month.slice(0, 4)}`);
    const plan = (await get(group, `/api/v1/plans/${planId}`)).json();
    expect(text).toContain(plan.models.find((m: { national: number | null }) => m.national === 9).name.slice(0, 30));
    const living = await count(`SELECT count(*) AS n FROM people WHERE date_of_death IS NULL AND ${IN_82}`);
    expect(text).toContain(living.toLocaleString('vi-VN'));
    const pdf = await get(group, `/api/v1/plans/${planId}/monthly-report?month=${month}&format=pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await get(group, `/api/v1/plans/${planId}/monthly-report?month=2026-13`)).statusCode).toBe(400);
    expect((await get(group, '/api/v1/plans/khong-co/monthly-report?month=2026-11')).statusCode).toBe(404);
  });

  it('keeps who signs the report in the plan settings, and signs the report with them', async () => {
    const url = `/api/v1/plans/${planId}/report-settings`;
    const before = (await get(group, url)).json();
    expect(before).toMatchObject({ signerAuthority: 'TM. TỔ CÔNG TÁC ĐỀ ÁN 06', signerTitle: 'TỔ TRƯỞNG', signerName: '', updatedAt: null });
    const blank = await put(group, url, { ...SIGNER, signerName: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].field).toBe('signerName');
    const saved = await put(group, url, { ...SIGNER, signerName: ` ${SIGNER.signerName} ` });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ ...SIGNER, updatedBy: 'Cán bộ tocongtac' });
    expect((await get(group, url)).json()).toMatchObject(SIGNER);
    expect((await get(group, '/api/v1/plans/khong-co/report-settings')).statusCode).toBe(404);
    expect((await put(group, '/api/v1/plans/khong-co/report-settings', SIGNER)).statusCode).toBe(404);

    const docx = await get(group, `/api/v1/plans/${planId}/monthly-report?month=${thisMonth()}&format=docx`);
    const text = (await (await JSZip.loadAsync(docx.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    expect(text).toContain(SIGNER.signerName);
    expect(text).toContain(SIGNER.signerTitle);
    expect(text).toContain(SIGNER.signerAuthority);
    // The date line as Phụ lục I writes it, and the figures run to today while the month is not over.
    expect(text).toContain(`Đồng Tháp, ${documentDateWords(todayInVietnam())}`);
    const today = todayInVietnam();
    const cutOff = reportCutOff(thisMonth(), today);
    expect(text).toContain(`${cutOff.complete ? 'đến hết ngày' : 'tính đến ngày'} ${cutOff.day.split('-').reverse().join('/')}`);
    // A detail indicator is a "+" line; no cell reads "- —".
    expect(text).not.toContain('- —');
  });

  it('runs the figures to the report date or the end of the month, whichever is earlier', () => {
    expect(reportCutOff('2026-12', '2026-12-06')).toEqual({ day: '2026-12-06', complete: false });
    expect(reportCutOff('2026-11', '2026-12-06')).toEqual({ day: '2026-11-30', complete: true });
    expect(reportCutOff('2026-12', '2026-12-31')).toEqual({ day: '2026-12-31', complete: true });
  });

  it('knows the bounds of a month in Vietnamese time', () => {
    expect(monthBounds('2026-12')).toMatchObject({ first: '2026-12-01', last: '2026-12-31' });
    expect(monthBounds('2028-02').last).toBe('2028-02-29');
    expect(monthBounds('2026-11').end.toISOString()).toBe('2026-11-30T17:00:00.000Z');
  });
});

describe('audit', () => {
  const entries = (action: string) => t.db.query<{ subject_kind: string; subject_id: string; fields: string[]; actor_name: string; data: string | null }>(
    'SELECT subject_kind, subject_id, fields, actor_name, data FROM audit_log WHERE action = $1 ORDER BY seq', [action]);

  it('records one read entry of the unit shown for each dashboard, none for a unit refused', async () => {
    for (const [url, action] of [['/api/v1/ioc/labour', 'ioc.labour.read'], ['/api/v1/ioc/public-order?scheme=pre2025&unit=82', 'ioc.public-order.read']] as const) {
      const before = (await entries(action)).rows.length;
      expect((await get(leader, url)).statusCode).toBe(200);
      const rows = (await entries(action)).rows;
      expect(rows.length).toBe(before + 1);
      expect(rows.at(-1)).toMatchObject({ subject_kind: 'unit', subject_id: url.includes('pre2025') ? 'pre2025:82' : '2025:82', fields: ['aggregates'], actor_name: 'Cán bộ lanhdao' });
    }
    const before = (await entries('ioc.tourism.read')).rows.length;
    expect((await get(leader, '/api/v1/ioc/tourism?unit=01')).statusCode).toBe(404);
    expect((await entries('ioc.tourism.read')).rows.length).toBe(before);
  });

  it('records one entry when the signer is set, with the title and name, and none for a refused change', async () => {
    const url = `/api/v1/plans/${planId}/report-settings`;
    const before = (await entries('plans.report-settings.updated')).rows.length;
    expect((await put(group, url, SIGNER)).statusCode).toBe(200);
    expect((await put(group, url, { ...SIGNER, signerTitle: '' })).statusCode).toBe(400);
    const rows = (await entries('plans.report-settings.updated')).rows;
    expect(rows.slice(before).map((r) => ({ ...r, data: JSON.parse(r.data ?? 'null') }))).toEqual([{
      subject_kind: 'plan', subject_id: planId, fields: [], actor_name: 'Cán bộ tocongtac',
      data: { signerTitle: SIGNER.signerTitle, signerName: SIGNER.signerName },
    }]);
  });

  it('records exactly one entry of a model report, with its status, and none for a refused one', async () => {
    const url = `/api/v1/plans/${planId}/models/1/reports`;
    const before = (await entries('plans.model.reported')).rows.length;
    expect((await t.app.inject({ method: 'POST', url, headers: group.headers, payload: { status: 'in_progress' } })).statusCode).toBe(204);
    const rows = (await entries('plans.model.reported')).rows;
    expect(rows.slice(before)).toEqual([{ subject_kind: 'plan_model', subject_id: `${planId}/1`, fields: [], actor_name: 'Cán bộ tocongtac', data: '{"status":"in_progress"}' }]);
    expect((await t.app.inject({ method: 'POST', url, headers: group.headers, payload: { status: 'in_progress', indicatorLabel: 'x' } })).statusCode).toBe(422);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/plans/${planId}/models/99.9/reports`, headers: group.headers, payload: { status: 'done' } })).statusCode).toBe(404);
    expect((await entries('plans.model.reported')).rows.length).toBe(before + 1);
  });
});
