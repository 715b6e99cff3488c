/**
 * Distribution tables of the synthetic-population generator. Every number, its source and whether it
 * is an assumption is listed in docs/synthetic-population.md — keep the two in sync.
 * Tables keyed by province use the 2-digit pre-2025 GSO province code ('82' Tiền Giang, '87' Đồng Tháp …).
 */
import { Weighted } from './prng.js';

type Table = ReadonlyArray<readonly [string, number]>;

// ---------------------------------------------------------------- ages and sexes (DOMAIN.md §9.1)

/** Target age pyramid, 5-year groups [from, to, % of population]. Broad groups match census 2019 exactly
 * (<15 = 24.3, 15–64 = 68.0, 65+ = 7.7, 60+ = 11.8); the split inside them is an assumption. */
export const AGE_PYRAMID: ReadonlyArray<readonly [number, number, number]> = [
  [0, 4, 8.1], [5, 9, 8.5], [10, 14, 7.7],
  [15, 19, 6.6], [20, 24, 6.9], [25, 29, 8.78], [30, 34, 8.72], [35, 39, 8.0], [40, 44, 7.3],
  [45, 49, 6.7], [50, 54, 6.0], [55, 59, 4.9], [60, 64, 4.1],
  [65, 69, 2.9], [70, 74, 1.7], [75, 79, 1.2], [80, 84, 0.9], [85, 89, 0.6], [90, 99, 0.4],
];

/** Males per 100 females by age: 110.3 at 0–4 and 48.6 at 80+ are census 2019; the curve between is an assumption. */
const SEX_RATIO_BY_5Y = [110.3, 110, 109, 107, 104, 102, 101, 101, 100, 98, 95, 91, 87, 82, 74, 65, 48.6];

/** P(male) for a person of this age whose sex is not fixed by a relationship. */
export const P_MALE_BY_AGE: Float64Array = (() => {
  const out = new Float64Array(121);
  for (let age = 0; age <= 120; age++) {
    const r = SEX_RATIO_BY_5Y[Math.min(16, Math.floor(age / 5))];
    out[age] = r / (100 + r);
  }
  return out;
})();

// ---------------------------------------------------------------- household structure (assumptions, calibrated)

export type HouseholdType = 'single' | 'couple' | 'nuclear' | 'loneParent' | 'threeGenUp' | 'threeGenDown';

/** Household types; weights calibrated so that the mean size is ≈3.6 (census 2019) and the age pyramid matches. */
export const HOUSEHOLD_TYPES = new Weighted<HouseholdType>([
  ['single', 10],
  ['couple', 13],
  ['nuclear', 46],
  ['loneParent', 6],
  ['threeGenUp', 9],
  ['threeGenDown', 16],
]);

/** Children living at home in a nuclear family. */
export const CHILDREN_COUNT = new Weighted<number>([[1, 27], [2, 46], [3, 19], [4, 5], [5, 2], [6, 1]]);
export const GRANDCHILDREN_COUNT = new Weighted<number>([[1, 30], [2, 45], [3, 18], [4, 7]]);

/** Age pieces [from, to, weight] turned into a sampler of single years. */
export function ageTable(pieces: ReadonlyArray<readonly [number, number, number]>): Weighted<number> {
  const entries: Array<[number, number]> = [];
  for (const [from, to, w] of pieces) for (let a = from; a <= to; a++) entries.push([a, w / (to - from + 1)]);
  return new Weighted(entries);
}

export const SINGLE_AGE = ageTable([[18, 24, 6], [25, 39, 18], [40, 59, 30], [60, 74, 24], [75, 84, 11], [85, 99, 3]]);
/** Husband's age of a couple without children at home: young couples and empty nesters. */
export const COUPLE_HUSBAND_AGE = ageTable([[21, 29, 14], [30, 44, 10], [45, 59, 32], [60, 74, 30], [75, 84, 8], [85, 95, 2]]);
/** Mother's age in a nuclear / three-generation family. */
export const MOTHER_AGE = ageTable([[20, 24, 10], [25, 29, 18], [30, 34, 18], [35, 39, 16], [40, 44, 13], [45, 49, 10], [50, 54, 8], [55, 62, 5]]);
export const LONE_PARENT_AGE = ageTable([[22, 34, 20], [35, 49, 40], [50, 70, 40]]);
/** Eldest woman (or man) of a three-generation household living with a married child. */
export const ELDER_AGE = ageTable([[48, 54, 18], [55, 64, 38], [65, 74, 28], [75, 84, 13], [85, 92, 3]]);

// ---------------------------------------------------------------- birth-registration province (assumption)

/** Share of people whose birth was registered outside the commune's old province (brief: 5–8%). */
export const P_BORN_ELSEWHERE = 0.065;

/** Neighbouring provinces (pre-2025 codes) with weights; HCMC '79' everywhere in the South. */
const NEIGHBOURS: Record<string, Table> = {
  '82': [['80', 25], ['83', 20], ['87', 20], ['79', 20], ['86', 8], ['89', 4], ['92', 3]],
  '87': [['89', 22], ['82', 18], ['86', 16], ['80', 12], ['79', 16], ['92', 10], ['91', 6]],
  '80': [['79', 40], ['82', 25], ['72', 10], ['87', 10], ['83', 8], ['74', 7]],
  '83': [['82', 30], ['86', 20], ['84', 20], ['79', 20], ['80', 10]],
  '84': [['86', 30], ['83', 25], ['94', 20], ['79', 15], ['92', 10]],
  '86': [['82', 15], ['83', 15], ['84', 15], ['87', 15], ['92', 20], ['79', 20]],
  '89': [['87', 25], ['91', 25], ['92', 20], ['79', 20], ['93', 10]],
  '91': [['89', 30], ['92', 20], ['93', 15], ['96', 15], ['79', 20]],
  '92': [['86', 15], ['87', 10], ['89', 15], ['91', 15], ['93', 20], ['94', 10], ['79', 15]],
  '93': [['92', 35], ['94', 20], ['91', 15], ['95', 10], ['79', 20]],
  '94': [['93', 25], ['84', 20], ['95', 20], ['92', 15], ['79', 20]],
  '95': [['94', 30], ['96', 30], ['91', 15], ['79', 25]],
  '96': [['95', 40], ['91', 30], ['79', 30]],
  '79': [['80', 12], ['74', 12], ['75', 12], ['82', 6], ['83', 6], ['38', 6], ['40', 6], ['42', 4], ['52', 6], ['01', 10], ['36', 4], ['34', 4], ['51', 6], ['66', 6]],
  default: [['79', 30], ['01', 30], ['48', 10], ['31', 10], ['92', 10], ['38', 10]],
};
export const NEIGHBOUR_TABLES: Record<string, Weighted<string>> = Object.fromEntries(
  Object.entries(NEIGHBOURS).map(([k, v]) => [k, new Weighted(v)]),
);

/** First 2 digits of the 9-digit CMND by issuing province — common knowledge, unverified (assumption). */
export const CMND_PREFIX: Record<string, string> = {
  '01': '01', '79': '02', '80': '30', '82': '31', '83': '32', '86': '33', '84': '33', '87': '34',
  '89': '35', '92': '36', '93': '36', '94': '36', '91': '37', '95': '38', '96': '38',
};
export const P_LEGACY_ID_IF_BORN_BEFORE_2000 = 0.4;
export const P_DECEASED_60_PLUS = 0.06;
export const P_DECEASED_UNDER_60 = 0.0012;
export const P_TEMPORARY_RESIDENCE_15_64 = 0.045;
export const P_HOUSEHOLD_MOVED_IN = 0.07;
export const P_SPOUSE_MOVED_IN = 0.35;

// ---------------------------------------------------------------- ethnicity (DOMAIN.md §9.1; some assumptions)

const ETHNICITY: Record<string, Table> = {
  /** Tiền Giang — assumption (overwhelmingly Kinh, small Hoa/Khmer). */
  '82': [['Kinh', 99.72], ['Hoa', 0.2], ['Khmer', 0.05], ['Chăm', 0.01], ['Tày', 0.02]],
  /** Đồng Tháp — assumption. */
  '87': [['Kinh', 99.7], ['Hoa', 0.2], ['Khmer', 0.07], ['Chăm', 0.01], ['Tày', 0.02]],
  /** Trà Vinh 2004 (DOMAIN §9.1, [P]). */
  '84': [['Kinh', 68.35], ['Khmer', 30.0], ['Hoa', 1.65]],
  /** Sóc Trăng 2009 (DOMAIN §9.1, [P]). */
  '94': [['Kinh', 64.24], ['Khmer', 30.71], ['Hoa', 5.02], ['Chăm', 0.03]],
  /** An Giang, Kiên Giang, Bạc Liêu, HCMC — assumptions. */
  '89': [['Kinh', 94.6], ['Khmer', 4.2], ['Hoa', 0.6], ['Chăm', 0.6]],
  '91': [['Kinh', 85.3], ['Khmer', 12.4], ['Hoa', 2.3]],
  '95': [['Kinh', 89.9], ['Khmer', 7.5], ['Hoa', 2.6]],
  '79': [['Kinh', 93.5], ['Hoa', 4.9], ['Khmer', 0.3], ['Chăm', 0.1], ['Tày', 0.3], ['Nùng', 0.3], ['Mường', 0.2], ['Thái', 0.1], ['Hmông', 0.05], ['Dao', 0.05], ['Gia Rai', 0.05], ['Ê Đê', 0.05], ['Ba Na', 0.05], ['Sán Chay', 0.05]],
  /** Other Mekong provinces — assumption. */
  mekong: [['Kinh', 98.9], ['Khmer', 0.6], ['Hoa', 0.5]],
  /** National: Kinh 85.3% (census 2019, DOMAIN §9.1); the split of the 14.7% is an assumption. */
  default: [['Kinh', 85.3], ['Tày', 1.9], ['Thái', 1.9], ['Mường', 1.5], ['Hmông', 1.5], ['Khmer', 1.4], ['Nùng', 1.1], ['Dao', 0.9], ['Hoa', 0.8], ['Gia Rai', 0.5], ['Ê Đê', 0.4], ['Ba Na', 0.3], ['Sán Chay', 0.2], ['Chăm', 0.2], ['Cơ Ho', 0.2], ['Xơ Đăng', 0.2], ['Sán Dìu', 0.2], ['Hrê', 0.15], ['Ra Glai', 0.15], ['Khác', 0.3]],
};
const MEKONG = new Set(['80', '83', '86', '92', '93', '96']);
const ethnicityCache = new Map<string, Weighted<string>>();
export function ethnicityTable(oldProvinceCode: string): Weighted<string> {
  const key = oldProvinceCode in ETHNICITY ? oldProvinceCode : MEKONG.has(oldProvinceCode) ? 'mekong' : 'default';
  let t = ethnicityCache.get(key);
  if (!t) ethnicityCache.set(key, (t = new Weighted(ETHNICITY[key])));
  return t;
}

// ---------------------------------------------------------------- religion (census definition; DOMAIN.md §9.1)

const RELIGION_KINH: Record<string, Table> = {
  /** Đồng Tháp 2009: Phật giáo 264,597, Hòa Hảo 196,143, Cao Đài 50,858, Công giáo 40,973 of 1,666,467 people. */
  '87': [['Phật giáo', 15.88], ['Phật giáo Hòa Hảo', 11.77], ['Cao Đài', 3.05], ['Công giáo', 2.46], ['Tin Lành', 0.15], ['Không', 66.69]],
  /** Tiền Giang — assumption. */
  '82': [['Phật giáo', 9.0], ['Cao Đài', 3.5], ['Công giáo', 2.6], ['Phật giáo Hòa Hảo', 0.5], ['Tin Lành', 0.2], ['Không', 84.2]],
  /** An Giang — assumption (Hòa Hảo heartland). */
  '89': [['Phật giáo Hòa Hảo', 35], ['Phật giáo', 11], ['Cao Đài', 2], ['Công giáo', 1.3], ['Tin Lành', 0.2], ['Không', 50.5]],
  /** Other Mekong provinces — assumption. */
  mekong: [['Phật giáo', 10], ['Cao Đài', 3], ['Công giáo', 4], ['Phật giáo Hòa Hảo', 1.5], ['Tin Lành', 0.5], ['Không', 81]],
  /** National, census 2019: Công giáo 6.1, Phật giáo 4.8, Hòa Hảo 1.02, Tin Lành 1.0, others 0.78 (Cao Đài ≈0.6) [P]. */
  default: [['Công giáo', 6.1], ['Phật giáo', 4.8], ['Phật giáo Hòa Hảo', 1.02], ['Tin Lành', 1.0], ['Cao Đài', 0.6], ['Khác', 0.18], ['Không', 86.3]],
};
/** Religion by ethnicity (non-Kinh), all assumptions except "Khmer → Theravada Buddhism" (brief). */
const RELIGION_BY_ETHNICITY: Record<string, Table> = {
  Khmer: [['Phật giáo', 92], ['Không', 7], ['Công giáo', 1]],
  Hoa: [['Phật giáo', 20], ['Không', 74], ['Công giáo', 4], ['Tin Lành', 1], ['Cao Đài', 1]],
  Chăm: [['Hồi giáo', 60], ['Bà-la-môn', 30], ['Không', 10]],
  other: [['Không', 85], ['Tin Lành', 8], ['Công giáo', 7]],
};
const religionCache = new Map<string, Weighted<string>>();
export function religionTable(oldProvinceCode: string, ethnicity: string): Weighted<string> {
  let key: string;
  let table: Table;
  if (ethnicity === 'Kinh') {
    const k = oldProvinceCode in RELIGION_KINH ? oldProvinceCode : MEKONG.has(oldProvinceCode) || oldProvinceCode === '84' || oldProvinceCode === '94' || oldProvinceCode === '91' || oldProvinceCode === '95' ? 'mekong' : 'default';
    key = 'K' + k;
    table = RELIGION_KINH[k];
  } else {
    const k = ethnicity in RELIGION_BY_ETHNICITY ? ethnicity : 'other';
    key = 'E' + k;
    table = RELIGION_BY_ETHNICITY[k];
  }
  let t = religionCache.get(key);
  if (!t) religionCache.set(key, (t = new Weighted(table)));
  return t;
}

// ---------------------------------------------------------------- surnames (DOMAIN.md §9.2)

/** National shares (DOMAIN §9.2, [P]); in the South the Hoàng/Huỳnh and Vũ/Võ pairs are split toward Huỳnh/Võ
 * (split ratio = assumption); the 11.4% remainder is spread over other common surnames (assumption). */
const SURNAMES_SOUTH: Table = [
  ['Nguyễn', 38.4], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7.1], ['Huỳnh', 4.3], ['Hoàng', 0.8], ['Phan', 4.5],
  ['Võ', 3.3], ['Vũ', 0.6], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5],
  ['Trương', 1.2], ['Đinh', 0.7], ['Lâm', 0.8], ['Mai', 0.7], ['Đoàn', 0.7], ['Lưu', 0.5], ['Cao', 0.6], ['Tô', 0.4],
  ['Thái', 0.5], ['Châu', 0.6], ['Hà', 0.4], ['Tạ', 0.3], ['Đào', 0.5], ['Lương', 0.5], ['Trịnh', 0.4],
  ['Văn', 0.3], ['Quách', 0.3], ['La', 0.3], ['Kiều', 0.2], ['Tăng', 0.3], ['Từ', 0.2], ['Phùng', 0.2], ['Triệu', 0.2], ['Diệp', 0.2],
];
const SURNAMES_NORTH: Table = [
  ['Nguyễn', 38.4], ['Trần', 11], ['Lê', 9.5], ['Phạm', 7.1], ['Hoàng', 4.3], ['Huỳnh', 0.8], ['Phan', 4.5],
  ['Vũ', 3.3], ['Võ', 0.6], ['Đặng', 2.1], ['Bùi', 2], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1], ['Lý', 0.5],
  ['Trương', 0.6], ['Đinh', 1.1], ['Mai', 0.7], ['Đoàn', 0.7], ['Lưu', 0.5], ['Cao', 0.6], ['Tô', 0.4], ['Hà', 0.8],
  ['Tạ', 0.4], ['Đào', 1.0], ['Lương', 0.6], ['Trịnh', 0.8], ['Phùng', 0.4], ['Kiều', 0.3], ['Triệu', 0.3], ['Nghiêm', 0.2],
  ['Khúc', 0.1], ['Chu', 0.4], ['Lại', 0.3], ['Vương', 0.3], ['Quách', 0.2], ['Văn', 0.2],
];
const SURNAMES_BY_ETHNICITY: Record<string, Table> = {
  Khmer: [['Thạch', 22], ['Danh', 16], ['Kim', 12], ['Sơn', 12], ['Lâm', 7], ['Chau', 8], ['Lý', 5], ['Huỳnh', 3], ['Trần', 4], ['Dương', 3], ['Ngô', 2], ['Tăng', 2], ['Hứa', 1], ['Néang', 1]],
  Hoa: [['Lâm', 12], ['Lý', 12], ['Trần', 10], ['Quách', 7], ['Trương', 8], ['Huỳnh', 7], ['Lưu', 6], ['Tăng', 5], ['Hứa', 5], ['Diệp', 4], ['Mã', 4], ['Thái', 4], ['Châu', 4], ['La', 4], ['Hồng', 2], ['Dương', 3], ['Tạ', 3]],
  Hmông: [['Giàng', 20], ['Vừ', 15], ['Lầu', 12], ['Sùng', 12], ['Mùa', 10], ['Vàng', 12], ['Thào', 10], ['Lý', 9]],
  Thái: [['Lò', 25], ['Cầm', 15], ['Quàng', 12], ['Tòng', 10], ['Lường', 15], ['Vi', 10], ['Hà', 13]],
  Tày: [['Hoàng', 25], ['Nông', 20], ['Lương', 12], ['Hà', 12], ['Lục', 8], ['Ma', 8], ['Triệu', 8], ['Nguyễn', 7]],
  Nùng: [['Hoàng', 25], ['Nông', 20], ['Lương', 12], ['Vi', 12], ['Lăng', 10], ['Chu', 10], ['Triệu', 11]],
  Mường: [['Bùi', 35], ['Đinh', 25], ['Quách', 15], ['Hà', 15], ['Phạm', 10]],
  Dao: [['Triệu', 35], ['Bàn', 25], ['Đặng', 20], ['Lý', 20]],
  'Gia Rai': [['Rơ Mah', 30], ['Ksor', 30], ['Siu', 20], ['Kpă', 10], ['Rah Lan', 10]],
  'Ê Đê': [['Niê', 40], ['Byă', 20], ['Ayun', 20], ['Mlô', 20]],
};
const surnameCache = new Map<string, Weighted<string>>();
/** South = old province codes ≥ 49 (Quảng Nam southward) — assumption for the Hoàng/Huỳnh, Vũ/Võ boundary. */
export function surnameTable(oldProvinceCode: string, ethnicity: string): Weighted<string> {
  const key = ethnicity in SURNAMES_BY_ETHNICITY ? ethnicity : Number(oldProvinceCode) >= 49 ? 'south' : 'north';
  let t = surnameCache.get(key);
  if (!t) {
    const table = key === 'south' ? SURNAMES_SOUTH : key === 'north' ? SURNAMES_NORTH : SURNAMES_BY_ETHNICITY[key];
    surnameCache.set(key, (t = new Weighted(table.filter((e) => e[1] > 0))));
  }
  return t;
}

/** Share of men with middle name "Văn" / women with "Thị", by birth cohort (assumption; DOMAIN §9.2 [U]). */
export function conventionalMiddleShare(sexIsMale: boolean, birthYear: number): number {
  if (sexIsMale) return birthYear < 1960 ? 0.7 : birthYear < 1980 ? 0.6 : birthYear < 2000 ? 0.45 : 0.22;
  return birthYear < 1960 ? 0.8 : birthYear < 1980 ? 0.7 : birthYear < 2000 ? 0.5 : 0.2;
}

/** Khmer-style given names as commonly transcribed in Vietnamese (assumption, illustrative). */
export const KHMER_GIVEN_MALE = ['Sa Ron', 'Sóc Khanh', 'Sa Phon', 'Sa Rết', 'Chanh Thi', 'Sô Phon', 'Ra Sy', 'Sam Bát', 'Sà Rươne', 'Cheng', 'Sóc', 'Phal', 'Vuthy', 'Sa Mết', 'Kha Ni'];
export const KHMER_GIVEN_FEMALE = ['Sô Phia', 'Sa Ly', 'Thi Da', 'Sa Rinh', 'Chanh Đa', 'Sô Khom', 'Srây Mom', 'Sa Vi', 'Ly Na', 'Pha Ly', 'Sóc Kha', 'Ra Ny', 'Sa Muộn', 'Kim Thoa', 'Sa Rương'];

// ---------------------------------------------------------------- occupations (assumptions)

export const OCC_AGRI = 'Nông nghiệp, lâm nghiệp, thủy sản';
export const OCC_STUDENT = 'Học sinh, sinh viên';
export const OCC_HOMEMAKER = 'Nội trợ';

export const OCCUPATION_RURAL = new Weighted<string>([
  [OCC_AGRI, 40], ['Công nhân', 18], ['Buôn bán, dịch vụ', 14], ['Lao động tự do', 14],
  ['Cán bộ, công chức, viên chức', 5], [OCC_HOMEMAKER, 6], ['Không có việc làm', 3],
]);
export const OCCUPATION_URBAN = new Weighted<string>([
  [OCC_AGRI, 8], ['Công nhân', 22], ['Buôn bán, dịch vụ', 27], ['Lao động tự do', 16],
  ['Cán bộ, công chức, viên chức', 13], [OCC_HOMEMAKER, 9], ['Không có việc làm', 5],
]);
export const OCCUPATION_OLD_RURAL = new Weighted<string>([
  [OCC_AGRI, 34], ['Hưu trí', 12], [OCC_HOMEMAKER, 16], ['Không có việc làm', 22], ['Buôn bán, dịch vụ', 8], ['Lao động tự do', 8],
]);
export const OCCUPATION_OLD_URBAN = new Weighted<string>([
  [OCC_AGRI, 6], ['Hưu trí', 36], [OCC_HOMEMAKER, 18], ['Không có việc làm', 22], ['Buôn bán, dịch vụ', 12], ['Lao động tự do', 6],
]);

// ---------------------------------------------------------------- addresses (illustrative, assumption)

export const HAMLET_NAMES = [
  'Tân Thạnh', 'Mỹ Phú', 'Bình Hòa', 'Long Hưng', 'An Thạnh', 'Phú An', 'Hòa Bình', 'Tân Hòa', 'Mỹ Hòa', 'Thạnh Phú',
  'Tân Phước', 'Long Thạnh', 'Bình Thành', 'Phú Thuận', 'An Hòa', 'Mỹ Lợi', 'Tân Bình', 'Hưng Thạnh', 'Phước Hòa', 'Long Bình',
  'Tân Long', 'Mỹ Thuận', 'Bình Phú', 'An Lợi', 'Hòa Thuận', 'Thới An', 'Phú Hưng', 'Tân An', 'Mỹ Tân', 'Long Phú',
];
