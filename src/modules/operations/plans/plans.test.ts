import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledPlanFiles, isRealIsoDate, jsonPath, loadNationalModels, loadPlanFile, PlanFileError } from './load.js';
import type { PlanFile, PlanModel } from './plan-file.js';

const files = bundledPlanFiles();
const plans = new Map<string, PlanFile>(files.map((f) => [basename(f, '.json'), loadPlanFile(f)]));
const national = loadNationalModels();
const nationalByNumber = new Map(national.models.map((m) => [m.number, m]));

function plan(id: string): PlanFile {
  const p = plans.get(id);
  if (!p) throw new Error(`no bundled plan ${id}`);
  return p;
}
function model(id: string, number: string): PlanModel {
  const m = plan(id).models.find((x) => x.number === number);
  if (!m) throw new Error(`no model ${number} in ${id}`);
  return m;
}

describe('bundled plan files', () => {
  it('are the five plans of shared/seeds, national-models.json excluded', () => {
    expect(files.map((f) => basename(f)).sort()).toEqual([
      'ba-ria-vung-tau-2023.json',
      'dong-thap-332-2023.json',
      'quang-nam-7384-2023.json',
      'tra-vinh-2023.json',
      'tuy-phuoc-2024.json',
    ]);
    for (const f of files) expect(f.startsWith('/')).toBe(true);
  });

  it('each validates and its id is its file name', () => {
    for (const [id, p] of plans) {
      expect(p.id).toBe(id);
      expect(p.source).toMatch(/^seeds\/00[0-4]_[0-9a-f]{16}\.txt$/);
    }
    expect(new Set([...plans.values()].map((p) => p.source)).size).toBe(5);
  });

  it('have the model counts of the texts', () => {
    // Counts as the plans state them: Đồng Tháp 2.1 "40 Mô hình" (4 + 15 + 11 + 3 + 7; section II.5 says
    // "6 mô hình" but lists 7, the appendix says 07), Bà Rịa – Vũng Tàu 2.1 "27 Mô hình", Tuy Phước
    // "37 mô hình", Quảng Nam 5 + 17 + 11 + 3 + 7 = 43. Trà Vinh (a draft of 2023 tasks) has 21 numbered tasks.
    const counts = Object.fromEntries([...plans].map(([id, p]) => [id, p.models.length]));
    expect(counts).toEqual({
      'dong-thap-332-2023': 40,
      'ba-ria-vung-tau-2023': 27,
      'tuy-phuoc-2024': 37,
      'quang-nam-7384-2023': 43,
      'tra-vinh-2023': 21,
    });
  });

  it('number models uniquely within a plan and only in declared groups', () => {
    for (const p of plans.values()) {
      const numbers = p.models.map((m) => m.number);
      expect(new Set(numbers).size, p.id).toBe(numbers.length);
      const groups = new Set(p.groups.map((g) => g.number));
      for (const m of p.models) expect(groups.has(m.group), `${p.id} ${m.number}`).toBe(true);
      // every declared group is used
      expect(new Set(p.models.map((m) => m.group)), p.id).toEqual(groups);
    }
  });

  it('map only to numbers of the national list, each at most once per plan', () => {
    for (const p of plans.values()) {
      const mapped = p.models.map((m) => m.national).filter((n): n is number => n !== null);
      for (const n of mapped) {
        expect(Number.isInteger(n) && n >= 1 && n <= 43, `${p.id} → ${n}`).toBe(true);
        expect(nationalByNumber.has(n), `${p.id} → ${n}`).toBe(true);
      }
      expect(new Set(mapped).size, p.id).toBe(mapped.length);
    }
  });

  it('put a mapped model in the national group of its number (plans grouped 1–5)', () => {
    for (const p of plans.values()) {
      if (p.id === 'tra-vinh-2023') continue; // grouped by its own sections A.1, B.1…B.7
      for (const m of p.models) {
        if (m.national === null) continue;
        expect(String(nationalByNumber.get(m.national)?.group), `${p.id} ${m.number}`).toBe(m.group);
      }
    }
  });

  it('give deadlines as real ISO dates, with the words of the plan kept', () => {
    for (const p of plans.values()) {
      if (p.issuedOn !== null) expect(isRealIsoDate(p.issuedOn)).toBe(true);
      for (const m of p.models) {
        if (m.deadline === null) continue;
        expect(isRealIsoDate(m.deadline), `${p.id} ${m.number} ${m.deadline}`).toBe(true);
        expect(m.deadline >= '2023-01-01' && m.deadline <= '2024-12-31', `${p.id} ${m.number}`).toBe(true);
        expect(m.deadlineText, `${p.id} ${m.number}`).not.toBeNull();
      }
    }
    expect(isRealIsoDate('2023-02-29')).toBe(false);
    expect(isRealIsoDate('2024-02-29')).toBe(true);
    expect(isRealIsoDate('31/12/2023')).toBe(false);
  });

  it('have no blank strings in lists', () => {
    for (const p of plans.values()) {
      for (const m of p.models) {
        for (const s of [...m.cooperatingUnits, ...m.tools, ...m.pilotSites, ...m.steps]) expect(s.trim(), `${p.id} ${m.number}`).toBe(s);
        expect(m.cooperatingUnits).not.toContain(m.leadUnit);
      }
    }
  });
});

describe('national-models.json', () => {
  it('has exactly 43 models numbered 1..43 in 5 groups', () => {
    expect(national.models.map((m) => m.number)).toEqual(Array.from({ length: 43 }, (_, i) => i + 1));
    expect(national.groups.map((g) => g.number)).toEqual([1, 2, 3, 4, 5]);
    const perGroup = [1, 2, 3, 4, 5].map((g) => national.models.filter((m) => m.group === g).length);
    expect(perGroup).toEqual([5, 17, 11, 3, 7]);
  });

  it('is the numbering of Quảng Nam (all 43) and Bà Rịa – Vũng Tàu (its 27)', () => {
    for (const m of plan('quang-nam-7384-2023').models) expect(m.national).toBe(Number(m.number));
    for (const m of plan('ba-ria-vung-tau-2023').models) expect(m.national).toBe(Number(m.number));
    for (const m of plan('tuy-phuoc-2024').models) expect(m.national).toBe(Number(m.number));
    expect(nationalByNumber.get(9)?.name).toMatch(/quản lý lưu trú/);
    expect(nationalByNumber.get(24)?.name).toMatch(/SSO/);
    expect(nationalByNumber.get(42)?.name).toMatch(/SOC/);
  });
});

describe('facts read from the plans', () => {
  it('Đồng Tháp: lodging model 8 is national 9, led by Công an Tỉnh (appendix), due 31/12/2023', () => {
    const lodging = plan('dong-thap-332-2023').models.filter((m) => /lưu trú/.test(m.name) && !/phân tích/i.test(m.name));
    expect(lodging.map((m) => [m.number, m.national])).toEqual([
      ['8', 9],
      ['9', 11],
    ]);
    const m8 = model('dong-thap-332-2023', '8');
    expect(m8.leadUnit).toBe('Công an Tỉnh');
    expect(m8.cooperatingUnits).toEqual(['Sở Văn hóa - Thể thao và Du lịch']);
    expect(m8.deadline).toBe('2023-12-31');
    expect(m8.tools).toContain('ASM');
    // lodging at health facilities: the appendix gives the lead to Sở Y tế
    expect(model('dong-thap-332-2023', '9').leadUnit).toBe('Sở Y tế');
  });

  it('Đồng Tháp: own numbering 1–40, parking-fee model 19 outside the national list', () => {
    const dt = plan('dong-thap-332-2023');
    expect(dt.models.map((m) => m.number)).toEqual(Array.from({ length: 40 }, (_, i) => String(i + 1)));
    expect(model('dong-thap-332-2023', '19').national).toBeNull();
    expect(dt.models.filter((m) => m.national === null)).toHaveLength(1);
    const missing = [2, 10, 12, 15];
    for (const n of missing) expect(dt.models.some((m) => m.national === n)).toBe(false);
    expect(model('dong-thap-332-2023', '22').deadline).toBe('2023-10-30'); // LGSP
    expect(model('dong-thap-332-2023', '5').deadline).toBe('2023-10-31');
    expect(model('dong-thap-332-2023', '16').leadUnit).toBe('Ngân hàng Nhà nước Việt Nam Chi nhánh Đồng Tháp');
    expect(dt.issuedOn).toBe('2023-10-17');
  });

  it('report days: Đồng Tháp 18, Bà Rịa – Vũng Tàu 16, Tuy Phước 15, Trà Vinh 18, Quảng Nam none', () => {
    expect(plan('dong-thap-332-2023').reportingDay).toBe(18);
    expect(plan('ba-ria-vung-tau-2023').reportingDay).toBe(16);
    expect(plan('tuy-phuoc-2024').reportingDay).toBe(15);
    expect(plan('tra-vinh-2023').reportingDay).toBe(18);
    expect(plan('quang-nam-7384-2023').reportingDay).toBeNull();
  });

  it('Bà Rịa – Vũng Tàu: ASM lodging by 30/06/2024, online exams by 30/12/2024', () => {
    expect(model('ba-ria-vung-tau-2023', '9').deadline).toBe('2024-06-30');
    expect(model('ba-ria-vung-tau-2023', '9').leadUnit).toBe('Công an tỉnh');
    expect(model('ba-ria-vung-tau-2023', '21').deadline).toBe('2024-12-30');
    expect(plan('ba-ria-vung-tau-2023').documentNumber).toBeNull();
  });

  it('Tuy Phước: a district plan with steps, pilot sites and funding for every model', () => {
    const tp = plan('tuy-phuoc-2024');
    expect(tp.level).toBe('district');
    expect(tp.provinceName).toBe('Bình Định');
    for (const m of tp.models) {
      expect(m.steps.length, m.number).toBeGreaterThan(0);
      expect(m.funding, m.number).not.toBeNull();
    }
    expect(model('tuy-phuoc-2024', '5').pilotSites).toEqual(['Xã Phước Nghĩa']);
    expect(model('tuy-phuoc-2024', '15').pilotSites).toEqual(['Ga Diêu Trì']);
    expect(model('tuy-phuoc-2024', '9').steps).toHaveLength(5);
    expect(model('tuy-phuoc-2024', '9').steps[0]).toMatch(/^Bước 1: /);
    expect(tp.models.some((m) => m.number === '17' || m.number === '2')).toBe(false);
  });

  it('Trà Vinh: a draft whose health check-in task is national 6', () => {
    const tv = plan('tra-vinh-2023');
    expect(tv.draft).toBe(true);
    expect(model('tra-vinh-2023', 'B.3.1').national).toBe(6);
    expect(model('tra-vinh-2023', 'B.3.1').steps).toHaveLength(2);
    expect(model('tra-vinh-2023', 'B.3.4').national).toBe(36);
    expect(model('tra-vinh-2023', 'A.1.1').deadline).toBe('2023-01-31');
  });

  it('Quảng Nam: lead units as "Cơ quan chủ trì"', () => {
    expect(model('quang-nam-7384-2023', '13').leadUnit).toBe('Sở Văn hóa, Thể thao và Du lịch');
    expect(model('quang-nam-7384-2023', '24').leadUnit).toBe('Sở Thông tin và Truyền thông');
    expect(model('quang-nam-7384-2023', '7').deadline).toBe('2024-03-31');
  });
});

describe('loadPlanFile on a broken file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'da06-plans-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const good = JSON.parse(readFileSync(files.find((f) => f.endsWith('dong-thap-332-2023.json'))!, 'utf8')) as PlanFile;

  function write(name: string, data: unknown): string {
    const file = join(dir, name);
    writeFileSync(file, typeof data === 'string' ? data : JSON.stringify(data));
    return file;
  }
  function errorOf(file: string): PlanFileError {
    try {
      loadPlanFile(file);
    } catch (e) {
      expect(e).toBeInstanceOf(PlanFileError);
      return e as PlanFileError;
    }
    throw new Error('expected an error');
  }

  it('names the file and the JSON path of a wrongly formatted date', () => {
    const bad = structuredClone(good);
    bad.models[7].deadline = '31/12/2023';
    const file = write('bad-date.json', bad);
    const e = errorOf(file);
    expect(e.file).toBe(file);
    expect(e.jsonPath).toBe('$.models[7].deadline');
    expect(e.message).toContain(file);
    expect(e.message).toContain('Tệp kế hoạch không hợp lệ');
    expect(e.message).toContain('$.models[7].deadline');
    expect(e.message).toContain('"31/12/2023"');
    expect(e.message).toContain('phải là ngày ISO YYYY-MM-DD hoặc null');
  });

  it('reports a missing field, an unknown field, a day that does not exist, a duplicate number', () => {
    const missing = structuredClone(good) as unknown as { models: Record<string, unknown>[] };
    delete missing.models[0].name;
    const e1 = errorOf(write('missing.json', missing));
    expect(e1.jsonPath).toBe('$.models[0].name');
    expect(e1.message).toContain('thiếu trường bắt buộc');

    const extra = { ...structuredClone(good), province: 'Đồng Tháp' };
    expect(errorOf(write('extra.json', extra)).message).toContain('có trường không được phép');

    const feb30 = structuredClone(good);
    feb30.models[2].deadline = '2023-02-30';
    const e3 = errorOf(write('feb30.json', feb30));
    expect(e3.jsonPath).toBe('$.models[2].deadline');
    expect(e3.message).toContain('không phải ngày có thật');

    const dup = structuredClone(good);
    dup.models[5].number = '1';
    const e4 = errorOf(write('dup.json', dup));
    expect(e4.jsonPath).toBe('$.models[5].number');
    expect(e4.message).toContain('bị trùng');

    const national44 = structuredClone(good);
    national44.models[0].national = 44;
    const e5 = errorOf(write('n44.json', national44));
    expect(e5.jsonPath).toBe('$.models[0].national');
  });

  it('reports text that is not JSON, and a file that is not there', () => {
    const e = errorOf(write('not-json.json', '{ "id": '));
    expect(e.jsonPath).toBeNull();
    expect(e.message).toMatch(/không phải JSON hợp lệ/);
    expect(errorOf(join(dir, 'absent.json')).message).toMatch(/^Không đọc được tệp kế hoạch .*absent\.json/);
  });

  it('writes JSON paths for keys that are not identifiers', () => {
    expect(jsonPath('')).toBe('$');
    expect(jsonPath('/models/12/pilotSites/0')).toBe('$.models[12].pilotSites[0]');
    expect(jsonPath('/a b/x~1y')).toBe('$["a b"]["x/y"]');
  });
});
