import { describe, expect, it } from 'vitest';
import { indicatorsFor, MEASURED_MODELS, type MonthFacts } from './indicators.js';
import type { ServicesStatistics } from './sources.js';

const row = { received: 3, decidedOnTime: 1, decidedLate: 1, openLate: 1, papersNotRequired: 5, papersUploaded: 1, online: 2 };
const services: ServicesStatistics = {
  from: '2026-03-01', to: '2026-03-31', totals: row,
  byProcedure: [
    { slug: 'xac-nhan-thong-tin-cu-tru', code: '1.010041', name: 'Xác nhận thông tin về cư trú', ...row, received: 2, papersUploaded: 0 },
    { slug: 'dang-ky-tam-tru', code: '1.004194', name: 'Đăng ký tạm trú', ...row, received: 1, papersUploaded: 1 },
  ],
  byUnit: [],
};
const facts = (s: ServicesStatistics | null) => ({ services: s }) as unknown as MonthFacts;

describe('the plan tracker\'s automatic indicators of public services (models 1, 3, 5)', () => {
  it('are measured from the one-stop desk\'s dossiers', () => {
    expect(MEASURED_MODELS).toEqual(expect.arrayContaining([1, 3, 5]));
    expect(indicatorsFor(1, facts(services)).map((i) => [i.label, i.kind])).toEqual([
      ['Hồ sơ thủ tục hành chính tiếp nhận', 'platform'], ['Giải quyết đúng hạn', 'platform'], ['Hồ sơ đang quá hạn', 'platform'],
    ]);
    expect(indicatorsFor(1, facts(services))[0].value).toBe('3');
    expect(indicatorsFor(3, facts(services))[1].value).toBe('1');
    expect(indicatorsFor(5, facts(services))[0].value).toContain('2/3');
  });

  it('say nothing when the services module is not composed', () => {
    expect(indicatorsFor(1, facts(null))).toEqual([]);
  });
});

describe('the data-cleaning indicator of models 34–36', () => {
  const linkage = (l: MonthFacts['linkage']) => ({ linkage: l }) as unknown as MonthFacts;

  it('is the share of rows with a verified personal ID in each source\'s latest linked list', () => {
    expect(MEASURED_MODELS).toEqual(expect.arrayContaining([34, 35, 36]));
    const lines = indicatorsFor(36, linkage([{ source: 'Hộ nghèo 2026', rows: 200, verified: 150 }, { source: 'BHYT học sinh', rows: 800, verified: 790 }]));
    expect(lines.map((i) => [i.label, i.value, i.kind])).toEqual([
      ['Dòng danh sách của ngành đã gắn số định danh (lượt đối sánh mới nhất mỗi nguồn)', '94% (940/1.000)', 'platform'],
      ['— Hộ nghèo 2026', '75% (150/200)', 'platform'],
      ['— BHYT học sinh', '98,8% (790/800)', 'platform'],
    ]);
  });

  it('says nothing without a linked list, or without the linkage module', () => {
    expect(indicatorsFor(34, linkage([]))).toEqual([]);
    expect(indicatorsFor(35, linkage(null))).toEqual([]);
  });
});
