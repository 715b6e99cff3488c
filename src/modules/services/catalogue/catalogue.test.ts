import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { computeFee, groupTimeLimit, loadCatalogue, stepTimeLimit, PROCEDURES_DIR, ProcedureFileError, proceduresDoc, validateForm, type Procedure } from './index.js';

const catalogue = loadCatalogue();
const get = (slug: string): Procedure => {
  const p = catalogue.get(slug);
  if (!p) throw new Error(`missing ${slug}`);
  return p;
};

/** A copy of the bundled data where `edit` changed one file. */
function withEdited(file: string, edit: (json: Record<string, unknown>) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'procedures-'));
  cpSync(PROCEDURES_DIR, dir, { recursive: true });
  const path = join(dir, file);
  const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  edit(json);
  writeFileSync(path, JSON.stringify(json));
  return dir;
}

describe('procedure files', () => {
  it('every bundled file loads and validates', () => {
    expect(catalogue.list().length).toBeGreaterThanOrEqual(29);
    for (const slug of [
      'dang-ky-khai-sinh', 'dang-ky-thuong-tru', 'dang-ky-tam-tru', 'khai-bao-tam-vang', 'xac-nhan-thong-tin-cu-tru',
      'dang-ky-khai-tu', 'dang-ky-ket-hon', 'cap-phieu-ly-lich-tu-phap', 'xoa-dang-ky-thuong-tru',
      'cap-the-bhyt-tre-em-duoi-6-tuoi', 'giai-quyet-mai-tang-phi',
    ]) {
      expect(get(slug).effect, slug).not.toBeNull();
    }
  });

  it('every rule carries a source with a mark', () => {
    for (const p of catalogue.list()) {
      for (const s of [...p.sources, p.codeSource, p.timeLimitSource, p.result.source, ...p.fees.map((f) => f.source), ...p.documents.map((d) => d.source)]) {
        expect(['verified', 'P', 'U'], p.slug).toContain(s.mark);
        expect(s.document.length, p.slug).toBeGreaterThan(0);
      }
    }
  });

  it('lists the essential services it could name (DOMAIN.md §8, 23 of 25 as procedures; 16–17 are the linked groups)', () => {
    const essential = catalogue.list().filter((p) => p.essential);
    expect(essential.length).toBe(23);
    expect(catalogue.groups().length).toBe(4);
  });

  it('counts documents the platform reads itself', () => {
    const p = get('dang-ky-thuong-tru');
    expect(p.documents.filter((d) => d.providedByPlatform).map((d) => d.id)).toEqual(['ct01', 'giay-to-tuy-than']);
    for (const d of p.documents.filter((x) => !x.providedByPlatform)) expect(d.upload?.kinds).toEqual(['pdf', 'jpeg', 'png']);
  });

  it('a wrong field is named with its file and path, in Vietnamese', () => {
    const dir = withEdited('dang-ky-tam-tru.json', (j) => {
      (j.fees as Record<string, unknown>[])[0].direct = '15.000';
    });
    expect(() => loadCatalogue(dir)).toThrow(ProcedureFileError);
    expect(() => loadCatalogue(dir)).toThrow(/dang-ky-tam-tru\.json — tại \$\.fees\[0\]\.direct: phải là số nguyên \(giá trị: "15\.000"\)/);
  });

  it('refuses a missing field, an unknown exemption, a prefill of a field the form lacks, a group step not in the catalogue', () => {
    expect(() => loadCatalogue(withEdited('dang-ky-khai-sinh.json', (j) => delete j.sector))).toThrow(/dang-ky-khai-sinh\.json — tại \$\.sector: thiếu trường bắt buộc/);
    expect(() =>
      loadCatalogue(withEdited('dang-ky-khai-sinh.json', (j) => ((j.fees as { exemptions: string[] }[])[0].exemptions = ['khong-co']))),
    ).toThrow(/\$\.fees\[0\]\.exemptions\[0\]: không có mã miễn lệ phí này/);
    expect(() =>
      loadCatalogue(withEdited('dang-ky-thuong-tru.json', (j) => ((j.prefill as { field: string }[])[0].field = 'applicant.nothing'))),
    ).toThrow(/\$\.prefill\[0\]\.field: không có trường này trong biểu mẫu/);
    expect(() =>
      loadCatalogue(withEdited('groups/lien-thong-khai-tu-xoa-thuong-tru-mai-tang-phi.json', (j) => ((j.steps as string[])[2] = 'khong-co'))),
    ).toThrow(/\$\.steps\[2\]: không có thủ tục này trong danh mục/);
    expect(() => loadCatalogue(withEdited('dang-ky-khai-tu.json', (j) => (j.validFrom = '2023-02-30')))).toThrow(/\$\.validFrom: không phải ngày có thật/);
  });

  it('a file that is not JSON is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'procedures-'));
    cpSync(PROCEDURES_DIR, dir, { recursive: true });
    writeFileSync(join(dir, 'hong.json'), '{');
    expect(() => loadCatalogue(dir)).toThrow(/Tệp thủ tục .*hong\.json không phải JSON hợp lệ/);
    mkdirSync(join(dir, 'empty'));
  });
});

describe('catalogue', () => {
  it('gets by slug or code, by date', () => {
    expect(catalogue.get('1.004222')?.slug).toBe('dang-ky-thuong-tru');
    expect(catalogue.get('cap-the-can-cuoc-tre-em-duoi-6-tuoi', '2026-08-31')).toBeUndefined();
    expect(catalogue.get('cap-the-can-cuoc-tre-em-duoi-6-tuoi', '2026-09-01')?.code).toBe('DA06.CC6');
    expect(catalogue.get('khong-co')).toBeUndefined();
  });

  it('searches without diacritics and case, by name, code and sector', () => {
    expect(catalogue.search('dang ky thuong tru').map((p) => p.slug)).toContain('dang-ky-thuong-tru');
    expect(catalogue.search('ĐĂNG KÝ THƯỜNG TRÚ').map((p) => p.slug)).toContain('dang-ky-thuong-tru');
    expect(catalogue.search('1.004194').map((p) => p.slug)).toEqual(['dang-ky-tam-tru']);
    expect(catalogue.search('ho tich').map((p) => p.slug).sort()).toEqual(['dang-ky-ket-hon', 'dang-ky-khai-sinh', 'dang-ky-khai-tu']);
    expect(catalogue.search('   ')).toEqual([]);
    expect(catalogue.search('DAT DAI').map((p) => p.sector)).toEqual(['Đất đai', 'Đất đai']);
    expect(catalogue.search('khai sinh').length).toBeGreaterThan(0);
  });

  it('linked groups: group 1 gains the căn cước step from 01/09/2026', () => {
    const before = catalogue.groups('2026-08-31');
    const after = catalogue.groups('2026-09-01');
    expect(before.map((g) => g.steps.length)).toEqual([3, 3]);
    const g1 = after.find((g) => g.code === '3.000722');
    expect(g1?.steps).toEqual(['dang-ky-khai-sinh', 'dang-ky-thuong-tru', 'cap-the-bhyt-tre-em-duoi-6-tuoi', 'cap-the-can-cuoc-tre-em-duoi-6-tuoi']);
    expect(g1?.timeLimit).toEqual({ workingDays: 3 });
    const g2 = after.find((g) => g.code === '2.002913');
    expect(g2?.steps).toEqual(['dang-ky-khai-tu', 'xoa-dang-ky-thuong-tru', 'giai-quyet-mai-tang-phi']);
  });

  it('linked groups: a group\'s deadline is the one §3 prescribes, else the sum of its steps\' limits inside it', () => {
    const on = '2026-03-02';
    const [g1, g2] = ['NĐ63-1', 'NĐ63-2'].map((code) => catalogue.groups(on).find((g) => g.code === code)!);
    const procedureOf = (slug: string) => catalogue.get(slug, on);
    // Group 1 (DVCQG, §3.2): 3 working days for the group; khai sinh 1 day and thường trú 2 inside it (7 on its own).
    expect(groupTimeLimit(g1, procedureOf)).toEqual({ workingDays: 3 });
    expect(stepTimeLimit(g1, procedureOf('dang-ky-thuong-tru')!)).toEqual({ workingDays: 2 });
    expect(stepTimeLimit(g1, procedureOf('cap-the-bhyt-tre-em-duoi-6-tuoi')!)).toEqual({ sameDay: true });
    // Group 2 prescribes none (§3.3 [U]): khai tử the same day + xóa thường trú 5 + mai táng phí 5.
    expect(g2.timeLimit).toBeUndefined();
    expect(groupTimeLimit(g2, procedureOf)).toEqual({ workingDays: 10 });
    expect(groupTimeLimit({ steps: ['a', 'b'] }, () => ({ ...get('dang-ky-khai-tu') }))).toEqual({ workingDays: 1 });
  });
});

describe('fees', () => {
  const on = '2026-03-02';
  it('residence fees of DOMAIN-SERVICES §4.2 (TT 75/2022), direct vs online', () => {
    const thuongTru = get('dang-ky-thuong-tru');
    expect(computeFee(thuongTru, { channel: 'direct', on }).amount).toBe(20000);
    expect(computeFee(thuongTru, { channel: 'online', on }).amount).toBe(10000);
    const tamTru = get('dang-ky-tam-tru');
    expect(computeFee(tamTru, { channel: 'direct', on }).amount).toBe(15000);
    expect(computeFee(tamTru, { channel: 'online', on }).amount).toBe(7000);
    const byList = computeFee(tamTru, { channel: 'direct', on, persons: 3 });
    expect(byList.amount).toBe(30000);
    expect(byList.rule?.kind).toBe('per_person');
    expect(computeFee(tamTru, { channel: 'online', on, persons: 3 }).amount).toBe(15000);
    for (const slug of ['xoa-dang-ky-thuong-tru', 'khai-bao-tam-vang', 'xac-nhan-thong-tin-cu-tru']) {
      const q = computeFee(get(slug), { channel: 'direct', on });
      expect(q.amount, slug).toBe(0);
      expect(q.rule?.kind, slug).toBe('free');
    }
  });

  it('certified-copy vectors of Appendix B (per page in tiers, capped)', () => {
    const p = get('chung-thuc-ban-sao-tu-ban-chinh');
    const fee = (pages: number) => computeFee(p, { channel: 'direct', on, pages }).amount;
    expect([fee(1), fee(2), fee(5), fee(300)]).toEqual([2000, 4000, 7000, 200000]);
    expect(fee(199)).toBe(200000);
    expect(fee(198)).toBe(200000);
    expect(fee(197)).toBe(199000);
    expect(computeFee(p, { channel: 'direct', on, pages: 5 }).explanation).toBe('Phí chứng thực bản sao từ bản chính: 2 trang × 2.000 đồng + 3 trang × 1.000 đồng = 7.000 đồng');
    expect(() => computeFee(p, { channel: 'direct', on, pages: 0 })).toThrow(/Số trang phải là số nguyên dương/);
  });

  it('on-time birth and death registration is free; late ones pay the provincial fee unless exempt (Luật Hộ tịch Art. 11)', () => {
    for (const slug of ['dang-ky-khai-sinh', 'dang-ky-khai-tu']) {
      const p = get(slug);
      const onTime = computeFee(p, { channel: 'online', on });
      expect(onTime.amount, slug).toBe(0);
      expect(onTime.rule?.kind).toBe('free');
      expect(onTime.source?.article).toBe('Điều 11');
      const late = computeFee(p, { channel: 'direct', on, late: true });
      expect(late.amount, slug).toBeGreaterThan(0);
      expect(late.rule?.late).toBe(true);
      expect(late.source?.mark).toBe('U');
      for (const code of ['ho-ngheo', 'gia-dinh-co-cong', 'nguoi-khuyet-tat']) {
        const exempt = computeFee(p, { channel: 'direct', on, late: true, exemption: code });
        expect(exempt.amount).toBe(0);
        expect(exempt.exemption?.code).toBe(code);
        expect(exempt.rule?.id).toBe(late.rule?.id);
        expect(exempt.source).toEqual({ document: 'Luật Hộ tịch 60/2014/QH13', article: 'Điều 11', mark: 'P' });
      }
    }
    expect(computeFee(get('dang-ky-ket-hon'), { channel: 'online', on }).amount).toBe(0);
    // An exemption that does not apply to the fee is not applied; "late" does not change a procedure without late rules.
    const tt = computeFee(get('dang-ky-thuong-tru'), { channel: 'direct', on, exemption: 'ho-ngheo', late: true });
    expect(tt.amount).toBe(20000);
    expect(tt.explanation).toBe('Lệ phí đăng ký thường trú (nộp trực tiếp): 20.000 đồng (diện miễn "ho-ngheo" không áp dụng cho khoản này)');
  });

  it('uses the fee in force on the day (none before the table starts)', () => {
    const q = computeFee(get('dang-ky-thuong-tru'), { channel: 'direct', on: '2020-01-01' });
    expect(q.amount).toBe(0);
    expect(q.rule).toBeNull();
  });
});

describe('validateForm', () => {
  const tamVang = get('khai-bao-tam-vang');
  const applicant = { fullName: 'Nguyễn Văn An', birthDate: '15/03/1990', sex: 'Nam', personalId: '001090012345', permanentAddress: 'Hà Nội', phone: '0912345678' };
  const good = { applicant, reason: 'Đi làm việc', from: '2026-01-02', to: '31/12/2026', destination: 'TP Hồ Chí Minh' };

  it('accepts a good form; dates become ISO', () => {
    const r = validateForm(tamVang, good);
    expect(r).toEqual({ ok: true, value: { ...good, applicant: { ...applicant, birthDate: '1990-03-15' }, to: '2026-12-31' } });
  });

  it('reports every problem with its path and a Vietnamese message', () => {
    const r = validateForm(tamVang, { ...good, applicant: { ...applicant, sex: 'Nữ', phone: '12' }, reason: '', to: '31/02/2026', extra: 1 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { path: '$', message: 'Trường "extra" không có trong biểu mẫu' },
      { path: 'applicant.personalId', message: 'Chữ số thứ tư không khớp giới tính (số định danh ghi giới tính Nam)' },
      { path: 'applicant.phone', message: 'Số điện thoại liên hệ phải gồm số 0 và 9 chữ số' },
      { path: 'reason', message: 'Chưa nhập lý do tạm vắng' },
      { path: 'to', message: 'Tạm vắng đến ngày phải là ngày có thật, dạng dd/MM/yyyy' },
    ]);
  });

  it('checks personal IDs with the registry rules', () => {
    const bad = (personalId: string) => {
      const r = validateForm(tamVang, { ...good, applicant: { ...applicant, personalId } });
      return r.ok ? [] : r.errors.map((e) => e.message);
    };
    expect(bad('00109001234')).toEqual(['Số định danh cá nhân phải gồm đúng 12 chữ số']);
    expect(bad('999090012345')).toEqual(['Ba chữ số đầu (999) không phải mã tỉnh nơi đăng ký khai sinh']);
    expect(bad('001091012345')).toEqual(['Chữ số thứ năm và sáu (91) không khớp năm sinh 1990']);
  });

  it('enums take only their values; labels are Vietnamese', () => {
    const r = validateForm(get('xoa-dang-ky-thuong-tru'), { applicant, subject: { fullName: 'Trần Văn B', personalId: '001090012346' }, reason: 'gone' });
    expect(r.ok ? [] : r.errors).toEqual([{ path: 'reason', message: 'Trường hợp xóa đăng ký thường trú phải là một trong: Người đã chết, Đã đăng ký thường trú ở nơi khác, Định cư ở nước ngoài, Trường hợp khác theo Điều 24 Luật Cư trú' }]);
  });

  it('an empty form names each missing required field of every bundled procedure, in Vietnamese', () => {
    for (const p of catalogue.list()) {
      const r = validateForm(p, {});
      expect(r.ok, p.slug).toBe(false);
      if (!r.ok) expect(r.errors.map((e) => e.path), p.slug).toEqual(p.form.required);
      if (!r.ok) for (const e of r.errors) expect(e.message, p.slug).toMatch(/^Chưa nhập /);
    }
  });

  it('never throws, whatever the input (a little fuzzing)', () => {
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const atoms: unknown[] = [null, undefined, 0, -1, 1e308, NaN, '', ' ', '\u0000', 'x'.repeat(5000), '31/12/2026', '2026-02-30', '001090012345', true, [], {}, Symbol('s'), () => 1, 10n];
    const gen = (depth: number): unknown => {
      const k = rnd();
      if (depth > 3 || k < 0.5) return atoms[Math.floor(rnd() * atoms.length)];
      if (k < 0.75) return Array.from({ length: Math.floor(rnd() * 4) }, () => gen(depth + 1));
      const keys = ['applicant', 'reason', 'from', 'to', 'destination', 'fullName', 'personalId', 'sex', 'birthDate', 'members', '__proto__', 'constructor'];
      return Object.fromEntries(Array.from({ length: Math.floor(rnd() * 6) }, () => [keys[Math.floor(rnd() * keys.length)], gen(depth + 1)]));
    };
    const hostile = new Proxy({}, { ownKeys: () => { throw new Error('boom'); } });
    for (const p of catalogue.list()) {
      for (let i = 0; i < 60; i++) {
        const r = validateForm(p, gen(0));
        expect(typeof r.ok).toBe('boolean');
        if (!r.ok) for (const e of r.errors) expect(typeof e.message).toBe('string');
      }
      expect(validateForm(p, hostile).ok).toBe(false);
    }
  });
});

describe('docs/procedures.md', () => {
  it('is the current table of the catalogue (run `npm run docs` when this fails)', () => {
    expect(readFileSync(new URL('../../../../docs/procedures.md', import.meta.url), 'utf8')).toBe(proceduresDoc(catalogue));
  });
});
