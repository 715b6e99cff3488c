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
