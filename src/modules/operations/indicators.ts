import { formatNumber, formatShareOf } from '../../platform/format.js';
import type { ReportIndicator } from './report/types.js';
import type { LinkageFigure, LodgingStatistics, OperationsSources, Population, ServicesStatistics } from './sources.js';

/**
 * Indicators computed from the platform's own records, per model of the national list of 43. A model
 * the platform cannot measure has none here and takes the figures its unit types in (manual).
 *
 * Lodging (9–12: hotels and guest houses, rental and industrial-zone housing, hospitals, overnight
 * buses; 39 tourism through lodging), verification at counters (6–8, 16, 17, 19, 21), e-ID coverage (23),
 * single sign-on (24), population analysis (37), labour (38), public order (40); public services from the
 * one-stop desk's dossiers (1: essential services, 3: paperless services, 5: online services); data cleaning of sector
 * lists against the registry (34: land users, 35: civil status, labour and organisations, 36: social welfare), from
 * the linkage module's latest run of each source.
 */
export const MEASURED_MODELS = [1, 3, 5, 6, 7, 8, 9, 10, 11, 12, 16, 17, 19, 21, 23, 24, 34, 35, 36, 37, 38, 39, 40] as const;

/** Which kinds of counter a verification model counts (null: every kind). */
const COUNTER_KINDS: Record<number, string[] | null> = {
  6: ['hospital'], 7: ['hospital'], 8: null, 16: null, 17: ['driving_test', 'exam'], 19: ['ticketing'], 21: ['exam'],
};

export interface MonthFacts {
  population: Population;
  lodging: LodgingStatistics;
  eid: { level1: number; level2: number };
  verifications: Awaited<ReturnType<OperationsSources['verificationsByType']>>;
  signIns: { name: string; signIns: number }[];
  /** Null when the services module is not composed. */
  services: ServicesStatistics | null;
  /** Null when the linkage module is not composed. */
  linkage: LinkageFigure[] | null;
}

const num = (n: number) => formatNumber(n);
const pct = (part: number, whole: number) => formatShareOf(part, whole);
const platform = (label: string, value: string): ReportIndicator => ({ label, value, kind: 'platform', source: 'da06' });

function lodgingIndicators(l: LodgingStatistics): ReportIndicator[] {
  const onTime = l.totals.guests - l.totals.late;
  return [
    platform('Cơ sở lưu trú có thông báo / đang hoạt động', `${num(l.totals.facilitiesDeclaring)}/${num(l.totals.facilitiesRegistered)} (${pct(l.totals.facilitiesDeclaring, l.totals.facilitiesRegistered)})`),
    platform('Lượt thông báo lưu trú', num(l.totals.guests)),
    platform('Thông báo đúng hạn', `${pct(onTime, l.totals.guests)} (${num(onTime)}/${num(l.totals.guests)})`),
  ];
}

function verificationIndicators(all: MonthFacts['verifications'], kinds: string[] | null): ReportIndicator[] {
  const v = kinds ? all.filter((r) => kinds.includes(r.type)) : all;
  const total = v.reduce((s, r) => s + r.verifications, 0);
  const sites = v.reduce((s, r) => s + r.sites, 0);
  return [
    platform('Lượt xác thực công dân tại quầy (QR, chip)', num(total)),
    platform('Điểm triển khai có phát sinh xác thực', num(sites)),
    ...v.slice(0, 4).map((r) => platform(`— ${r.label}`, `${num(r.verifications)} lượt tại ${num(r.sites)} điểm`)),
  ];
}

function servicesIndicators(national: 1 | 3 | 5, s: ServicesStatistics | null): ReportIndicator[] {
  if (!s) return [];
  const t = s.totals;
  const decided = t.decidedOnTime + t.decidedLate;
  if (national === 1) {
    return [
      platform('Hồ sơ thủ tục hành chính tiếp nhận', num(t.received)),
      platform('Giải quyết đúng hạn', `${pct(t.decidedOnTime, decided)} (${num(t.decidedOnTime)}/${num(decided)})`),
      platform('Hồ sơ đang quá hạn', num(t.openLate)),
    ];
  }
  if (national === 3) {
    const papers = t.papersNotRequired + t.papersUploaded;
    const paperless = s.byProcedure.filter((p) => p.received > 0 && p.papersUploaded === 0);
    return [
      platform('Giấy tờ không phải nộp (nền tảng tự đọc) / tổng giấy tờ', `${pct(t.papersNotRequired, papers)} (${num(t.papersNotRequired)}/${num(papers)})`),
      platform('Thủ tục có hồ sơ trong tháng, không phải nộp giấy tờ nào', num(paperless.length)),
    ];
  }
  return [platform('Hồ sơ nộp trực tuyến (Cổng dịch vụ công, VNeID)', `${pct(t.online, t.received)} (${num(t.online)}/${num(t.received)})`)];
}

/** Data cleaning (34–36): the share of rows with a verified personal ID in each source's latest linked list. */
function linkageIndicators(sources: LinkageFigure[] | null): ReportIndicator[] {
  if (!sources?.length) return [];
  const rows = sources.reduce((s, l) => s + l.rows, 0);
  const verified = sources.reduce((s, l) => s + l.verified, 0);
  return [
    platform('Dòng danh sách của ngành đã gắn số định danh (lượt đối sánh mới nhất mỗi nguồn)', `${pct(verified, rows)} (${num(verified)}/${num(rows)})`),
    ...sources.slice(0, 6).map((l) => platform(`— ${l.source}`, `${pct(l.verified, l.rows)} (${num(l.verified)}/${num(l.rows)})`)),
  ];
}

export function indicatorsFor(national: number | null, f: MonthFacts): ReportIndicator[] {
  switch (national) {
    case 34: case 35: case 36:
      return linkageIndicators(f.linkage);
    case 1: case 3: case 5:
      return servicesIndicators(national, f.services);
    case 9: case 10: case 11: case 12:
      return lodgingIndicators(f.lodging);
    case 6: case 7: case 8: case 16: case 17: case 19: case 21:
      return verificationIndicators(f.verifications, COUNTER_KINDS[national]);
    case 23: {
      const any = f.eid.level1 + f.eid.level2;
      return [
        platform('Người từ 18 tuổi có tài khoản định danh điện tử', `${num(any)}/${num(f.population.adults)} (${pct(any, f.population.adults)})`),
        platform('Trong đó mức độ 2', `${num(f.eid.level2)} (${pct(f.eid.level2, f.population.adults)})`),
      ];
    }
    case 24:
      return [
        platform('Hệ thống kết nối đăng nhập một lần (SSO)', num(f.signIns.length)),
        platform('Lượt đăng nhập qua SSO trong tháng', num(f.signIns.reduce((s, c) => s + c.signIns, 0))),
      ];
    case 37:
      return [
        platform('Dân số (người đang sống)', num(f.population.total)),
        platform('Số hộ', `${num(f.population.households)} (bình quân ${formatNumber(f.population.averageHouseholdSize)} người/hộ)`),
      ];
    case 38:
      return [
        platform('Người trong độ tuổi lao động (15–64)', num(f.population.labour.workingAge)),
        platform('Đang làm việc', `${num(f.population.labour.activities.employed)} (${pct(f.population.labour.activities.employed, f.population.labour.workingAge)})`),
        platform('Không có việc làm', `${num(f.population.labour.activities.jobless)} (${pct(f.population.labour.activities.jobless, f.population.labour.workingAge)})`),
      ];
    case 39:
      return [
        platform('Lượt khách lưu trú', num(f.lodging.totals.guests)),
        platform('Khách quốc tế', `${num(f.lodging.totals.international)} (${pct(f.lodging.totals.international, f.lodging.totals.guests)})`),
      ];
    case 40:
      return [
        platform('Lượt lưu trú được quản lý', num(f.lodging.totals.guests)),
        platform('Cảnh báo trùng danh sách theo dõi', num(f.lodging.totals.alerts)),
      ];
    default:
      return [];
  }
}
