/**
 * Deterministic synthetic population for demos and load tests: households of people who look like a
 * real Vietnamese province (distributions and sources: docs/synthetic-population.md).
 *
 * Same options → same output (sfc32 PRNG seeded from `seed`; no clock, no Math.random).
 * Fast: cumulative weight tables are precomputed; personal-ID and CMND uniqueness comes from
 * per-bucket affine permutations (O(1) memory per bucket, no Set of issued numbers).
 */
import { BIRTH_PROVINCE_CODES } from '../birth-province-codes.js';
import { centurySexDigit, makePersonalId, type Sex } from '../personal-id.js';
import { nameLists } from './name-lists.js';
import { Rng, Weighted, hash32 } from './prng.js';
import {
  AGE_PYRAMID, CHILDREN_COUNT, CMND_PREFIX, COUPLE_HUSBAND_AGE, ELDER_AGE, GRANDCHILDREN_COUNT, HAMLET_NAMES, HOUSEHOLD_TYPES,
  KHMER_GIVEN_FEMALE, KHMER_GIVEN_MALE, LONE_PARENT_AGE, MOTHER_AGE, NEIGHBOUR_TABLES, OCC_HOMEMAKER, OCC_STUDENT,
  OCCUPATION_OLD_RURAL, OCCUPATION_OLD_URBAN, OCCUPATION_RURAL, OCCUPATION_URBAN, P_BORN_ELSEWHERE, P_DECEASED_60_PLUS,
  P_DECEASED_UNDER_60, P_HOUSEHOLD_MOVED_IN, P_LEGACY_ID_IF_BORN_BEFORE_2000, P_MALE_BY_AGE, P_SPOUSE_MOVED_IN,
  P_TEMPORARY_RESIDENCE_15_64, SINGLE_AGE, ageTable, conventionalMiddleShare, ethnicityTable, religionTable, surnameTable,
} from './tables.js';

export interface SeedCommune {
  code: string;
  name: string;
  /** 2-digit pre-2025 GSO province code of the commune's main predecessor, e.g. '82' or '87'. */
  oldProvinceCode: string;
  urban: boolean;
}

export interface SeedOptions {
  communes: SeedCommune[];
  people: number;
  seed: number;
  /** YYYY-MM-DD, the reference date; ages are computed from it. */
  today: string;
}

export interface SeedPerson {
  personalId: string;
  fullName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  sex: 'Nam' | 'Nữ';
  ethnicity: string;
  religion: string;
  relationToHead: string;
  /** 9-digit CMND for some adults born before 2000, else null. */
  legacyId: string | null;
  /** null under 15. */
  occupation: string | null;
  dateOfDeath: string | null;
  temporaryCommuneCode: string | null;
  movedInOn: string | null;
}

export interface SeedHousehold {
  householdNo: string;
  communeCode: string;
  address: string;
  /** members[0] is the head. */
  members: SeedPerson[];
}

// ---------------------------------------------------------------- dates (days since 1970-01-01, UTC)

function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const PAD2 = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

/** Year of a day number (Hinnant's civil_from_days), plus the formatted date. */
function civil(z: number): { y: number; s: string } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return { y, s: `${y}-${PAD2[m]}-${PAD2[d]}` };
}

function formatDay(z: number): string {
  return civil(z).s;
}

function parseToday(today: string): { day: number; y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!match) throw new RangeError(`today must be YYYY-MM-DD, got ${today}`);
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  const day = daysFromCivil(y, m, d);
  if (formatDay(day) !== today) throw new RangeError(`today is not a real date: ${today}`);
  if (y < 2000 || y > 2299) throw new RangeError(`today must be in 2000–2299, got ${today}`);
  return { day, y, m, d };
}

// ---------------------------------------------------------------- household drafting

interface Draft {
  age: number;
  male: boolean;
  rel: string;
  surname: string;
  eth: string;
  /** in-law or spouse who may have moved in at marriage */
  married: boolean;
}

const MAX_AGE = 99;

const SPOUSE_GAP = new Weighted<number>([
  [-3, 2], [-2, 3], [-1, 5], [0, 10], [1, 12], [2, 14], [3, 14], [4, 12], [5, 10], [6, 7], [7, 5], [8, 3], [10, 2], [12, 1],
]);
/** Share of each 5-year group of AGE_PYRAMID (index = min(18, floor(age / 5))). */
const PYRAMID_SHARE = Float64Array.from(AGE_PYRAMID, (g) => g[2] / 100);
const ageGroup = (age: number): number => (age >= 90 ? 18 : Math.floor(age / 5));
const FEEDBACK_GAIN = 6;

const YOUNG_MOTHER_AGE = ageTable([[22, 29, 30], [30, 39, 45], [40, 48, 25]]);

/** Yields the households. Total members === opts.people exactly. */
export function* generatePopulation(opts: SeedOptions): Generator<SeedHousehold> {
  const { communes, people, seed } = opts;
  if (!Array.isArray(communes) || communes.length === 0) throw new RangeError('communes must be a non-empty list');
  if (!Number.isInteger(people) || people < 0) throw new RangeError(`people must be a non-negative integer, got ${people}`);
  const today = parseToday(opts.today);
  const seen = new Set<string>();
  for (const c of communes) {
    if (seen.has(c.code)) throw new RangeError(`duplicate commune code ${c.code}`);
    seen.add(c.code);
    if (!/^\d{2}$/.test(c.oldProvinceCode) || !(`0${c.oldProvinceCode}` in BIRTH_PROVINCE_CODES)) {
      throw new RangeError(`commune ${c.code}: unknown oldProvinceCode ${c.oldProvinceCode}`);
    }
  }

  const rng = new Rng(seed);
  const seedHash = hash32(Math.trunc(seed) | 0, Math.floor(Math.trunc(seed) / 4294967296) | 0);
  const names = nameLists();

  // yearsAgo[k] = day number of today's month/day k years earlier (29 Feb → 28 Feb).
  const yearsAgo = new Float64Array(MAX_AGE + 2);
  for (let k = 0; k <= MAX_AGE + 1; k++) {
    const y = today.y - k;
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    yearsAgo[k] = daysFromCivil(y, today.m, today.m === 2 && today.d === 29 && !leap ? 28 : today.d);
  }

  // Commune sizes vary ±40% around the mean, urban wards a bit denser (assumption).
  const communeTable = new Weighted(communes.map((c, i) => [i, (0.6 + rng.float() * 0.8) * (c.urban ? 1.3 : 1)] as const));
  const householdSerial = new Int32Array(communes.length);
  const hamletOffset = communes.map((_, i) => hash32(seedHash, i + 7919) % HAMLET_NAMES.length);
  const hamletCount = communes.map((_, i) => 5 + (hash32(seedHash, i + 104729) % 8));

  // Personal-ID serials: bucket = (prefix, century/sex digit, yy); serial_n = (mult·n + off) mod 10^6, mult coprime to 10.
  const ID_BUCKETS = 100 * 1000;
  const idCount = new Int32Array(ID_BUCKETS);
  const idMult = new Int32Array(ID_BUCKETS);
  const idOff = new Int32Array(ID_BUCKETS);
  const cmndCount = new Int32Array(100);
  const cmndMult = new Int32Array(100);
  const cmndOff = new Int32Array(100);
  const coprimeTo10 = (h: number, mod: number): number => {
    let m = ((h % (mod / 2)) * 2 + 1) % mod;
    if (m % 5 === 0) m = (m + 2) % mod;
    return m;
  };
  const nextSerial = (key: number): number => {
    if (idMult[key] === 0) {
      idMult[key] = coprimeTo10(hash32(seedHash, key), 1_000_000);
      idOff[key] = hash32(key, seedHash ^ 0x5bd1e995) % 1_000_000;
    }
    const n = idCount[key]++;
    if (n >= 1_000_000) throw new RangeError('more than 10^6 people in one (province, sex, birth year) bucket');
    return (idMult[key] * n + idOff[key]) % 1_000_000;
  };
  const nextCmnd = (prefix2: string): string => {
    const key = Number(prefix2);
    if (cmndMult[key] === 0) {
      cmndMult[key] = coprimeTo10(hash32(seedHash ^ 0x27d4eb2f, key), 10_000_000);
      cmndOff[key] = hash32(key + 1, seedHash ^ 0x165667b1) % 10_000_000;
    }
    const n = cmndCount[key]++;
    if (n >= 10_000_000) throw new RangeError(`CMND prefix ${prefix2} exhausted`);
    return prefix2 + String((cmndMult[key] * n + cmndOff[key]) % 10_000_000).padStart(7, '0');
  };

  let remaining = people;
  const drafts: Draft[] = [];
  const groupCount = new Float64Array(PYRAMID_SHARE.length);
  let groupTotal = 0;
  let rejections = 0;

  while (remaining > 0) {
    const ci = communeTable.pick(rng);
    const commune = communes[ci];
    const prov = commune.oldProvinceCode;
    const ethTable = ethnicityTable(prov);
    const hhEth = ethTable.pick(rng);
    const famSurnames = surnameTable(prov, hhEth);
    drafts.length = 0;

    const sn = (): string => famSurnames.pick(rng);
    const spouseGap = (): number => SPOUSE_GAP.pick(rng);
    const sexAt = (age: number): boolean => rng.float() < P_MALE_BY_AGE[age];
    const push = (age: number, male: boolean, rel: string, surname: string, eth = hhEth, married = false): void => {
      drafts.push({ age: Math.max(0, Math.min(MAX_AGE, age)), male, rel, surname, eth, married });
    };
    /** Spouse or in-law: usually the household's ethnicity, sometimes another one of the province. */
    const outsider = (age: number, male: boolean, rel: string): void => {
      const eth = rng.chance(0.9) ? hhEth : ethTable.pick(rng);
      push(age, male, rel, eth === hhEth ? sn() : surnameTable(prov, eth).pick(rng), eth, true);
    };
    /** Children of a mother aged motherAge: first 19–31 years younger, then every 2–6 years, never >40 years younger. */
    const children = (motherAge: number, n: number, surname: string, rel: string, maxAge = 40): void => {
      let age = motherAge - 19 - rng.tri(0, 12);
      for (let i = 0; i < n; i++) {
        if (age < 0 || motherAge - age > 40) break;
        if (age <= maxAge) push(age, sexAt(age), rel, surname);
        age -= rng.int(2, 6);
      }
    };
    /** Husband (hAge) and wife (wAge); returns the husband's surname. */
    const couple = (hAge: number, wAge: number, headMale: boolean): string => {
      const hs = sn();
      if (headMale) {
        push(hAge, true, 'Chủ hộ', hs);
        outsider(wAge, false, 'Vợ');
      } else {
        outsider(wAge, false, 'Chủ hộ');
        drafts[drafts.length - 1].married = false;
        push(hAge, true, 'Chồng', hs, hhEth, true);
      }
      return hs;
    };

    switch (HOUSEHOLD_TYPES.pick(rng)) {
      case 'single': {
        const age = SINGLE_AGE.pick(rng);
        push(age, age < 60 ? rng.chance(0.65) : sexAt(age), 'Chủ hộ', sn());
        break;
      }
      case 'couple': {
        const h = COUPLE_HUSBAND_AGE.pick(rng);
        const w = Math.max(18, h - spouseGap());
        // old men die earlier: half of the oldest "couples" are widows living alone
        if (h >= 75 && rng.chance(0.5)) push(w, false, 'Chủ hộ', sn());
        else couple(h, w, rng.chance(0.75));
        break;
      }
      case 'nuclear': {
        const w = MOTHER_AGE.pick(rng);
        const hs = couple(Math.max(18, w + spouseGap()), w, rng.chance(0.72));
        children(w, CHILDREN_COUNT.pick(rng), hs, 'Con', 34);
        break;
      }
      case 'loneParent': {
        const age = LONE_PARENT_AGE.pick(rng);
        const female = rng.chance(0.8);
        const own = sn();
        push(age, !female, 'Chủ hộ', own);
        const childSurname = female && !rng.chance(0.35) ? sn() : own;
        children(female ? age : age - 3, Math.min(3, CHILDREN_COUNT.pick(rng)), childSurname, 'Con', 34);
        break;
      }
      case 'threeGenUp': {
        const w = YOUNG_MOTHER_AGE.pick(rng);
        const h = Math.max(18, w + spouseGap());
        const headMale = rng.chance(0.78);
        const hs = couple(h, w, headMale);
        const headSurname = drafts[0].surname;
        children(w, CHILDREN_COUNT.pick(rng), hs, 'Con', 30);
        const headAge = headMale ? h : w;
        const mAge = headAge + 20 + rng.tri(0, 16);
        const fAge = mAge + spouseGap();
        const r = rng.float();
        if (r < 0.85 && mAge <= MAX_AGE) outsider(mAge, false, 'Mẹ');
        if ((r < 0.4 || r >= 0.85) && fAge <= MAX_AGE && (fAge < 75 || rng.chance(0.5))) push(fAge, true, 'Cha', headSurname);
        break;
      }
      case 'threeGenDown': {
        const e = ELDER_AGE.pick(rng);
        const widowProb = e < 65 ? 0.15 : e < 75 ? 0.35 : 0.55;
        let famSurname: string;
        if (rng.chance(widowProb)) {
          const survivorFemale = rng.chance(0.75);
          famSurname = sn();
          if (survivorFemale) push(e, false, 'Chủ hộ', sn());
          else push(Math.min(MAX_AGE, e + spouseGap()), true, 'Chủ hộ', famSurname);
        } else {
          famSurname = couple(Math.min(MAX_AGE, e + spouseGap()), e, rng.chance(0.85));
        }
        const c = Math.max(20, Math.min(e - 19, e - 20 - rng.tri(0, 16)));
        let grandMother: number;
        let grandSurname: string;
        if (rng.chance(0.75)) {
          push(c, true, 'Con', famSurname);
          grandMother = Math.max(18, c - spouseGap());
          outsider(grandMother, false, 'Con dâu');
          grandSurname = famSurname;
        } else {
          push(c, false, 'Con', famSurname);
          grandMother = c;
          grandSurname = sn();
          push(Math.min(e - 15, c + spouseGap()), true, 'Con rể', grandSurname, rng.chance(0.9) ? hhEth : ethTable.pick(rng), true);
        }
        children(grandMother, GRANDCHILDREN_COUNT.pick(rng), grandSurname, 'Cháu');
        if (rng.chance(0.3)) {
          const age = Math.min(e - 19, c - 2 - rng.int(0, 10));
          if (age >= 12) push(age, sexAt(age), 'Con', famSurname);
        }
        break;
      }
    }

    // Extra relatives (assumption): a sibling of the head, an unrelated member, rarely a grandparent of the head.
    const head = drafts[0];
    if (rng.chance(0.05)) {
      const age = Math.max(15, Math.min(MAX_AGE, head.age + rng.int(-12, 12)));
      const male = sexAt(age);
      push(age, male, age > head.age ? (male ? 'Anh' : 'Chị') : 'Em', head.surname);
    }
    if (rng.chance(0.025)) {
      const age = rng.int(16, 60);
      outsider(age, sexAt(age), 'Khác');
      drafts[drafts.length - 1].married = false;
    }
    if (head.age < 40 && rng.chance(0.03)) {
      const age = head.age + 40 + rng.int(0, 15);
      if (age <= MAX_AGE) {
        if (rng.chance(0.75)) outsider(age, false, 'Bà');
        else push(age, true, 'Ông', head.surname);
        drafts[drafts.length - 1].married = false;
      }
    }

    // Age-pyramid feedback (raking while sampling): households whose members belong to age groups that are
    // already over-represented relative to AGE_PYRAMID are accepted less often, under-represented ones always.
    let logSum = 0;
    for (let i = 0; i < drafts.length; i++) {
      const g = ageGroup(drafts[i].age);
      logSum += Math.log(PYRAMID_SHARE[g] / ((groupCount[g] + PYRAMID_SHARE[g] * 200) / (groupTotal + 200)));
    }
    if (rejections < 50 && rng.float() >= Math.exp((FEEDBACK_GAIN * logSum) / drafts.length)) {
      rejections++;
      continue;
    }
    rejections = 0;

    // ---------------------------------------------------------------- finalise
    const size = Math.min(drafts.length, remaining);
    remaining -= size;
    for (let i = 0; i < size; i++) groupCount[ageGroup(drafts[i].age)]++;
    groupTotal += size;
    const serial = ++householdSerial[ci];
    const householdNo = `HK${commune.code}${String(serial).padStart(6, '0')}`;
    const address = commune.urban
      ? `Số ${rng.int(1, 400)}, tổ ${rng.int(1, 15)}, khu phố ${rng.int(1, 8)}`
      : `Số ${rng.int(1, 350)}, ấp ${HAMLET_NAMES[(hamletOffset[ci] + rng.int(0, hamletCount[ci] - 1) * 7) % HAMLET_NAMES.length]}`;
    const localPrefix = `0${prov}`;
    const neighbours = NEIGHBOUR_TABLES[prov] ?? NEIGHBOUR_TABLES.default;
    const cmndPrefix = CMND_PREFIX[prov] ?? prov;
    const hhReligion = religionTable(prov, hhEth).pick(rng);
    const moveDay = rng.chance(P_HOUSEHOLD_MOVED_IN) ? today.day - rng.int(30, 15 * 365) : -1;

    const members: SeedPerson[] = new Array(size);
    for (let i = 0; i < size; i++) {
      const dr = drafts[i];
      const age = dr.age;
      const lo = yearsAgo[age + 1];
      const birthDay = lo + 1 + Math.floor(rng.float() * (yearsAgo[age] - lo));
      const birth = civil(birthDay);
      const birthYear = birth.y;
      const sex: Sex = dr.male ? 'Nam' : 'Nữ';

      let prefix = localPrefix;
      if (rng.chance(P_BORN_ELSEWHERE)) {
        const p = `0${neighbours.pick(rng)}`;
        if (p in BIRTH_PROVINCE_CODES && p !== localPrefix) prefix = p;
      }
      const digit4 = centurySexDigit(birthYear, sex);
      const yy = birthYear % 100;
      const personalId = makePersonalId(prefix, birthYear, sex, nextSerial(Number(prefix) * 1000 + digit4 * 100 + yy));

      // name
      let given: string;
      if (dr.eth === 'Khmer' && rng.chance(0.5)) {
        given = dr.male ? rng.pickArray(KHMER_GIVEN_MALE) : (rng.chance(0.5) ? 'Thị ' : '') + rng.pickArray(KHMER_GIVEN_FEMALE);
      } else if (rng.chance(conventionalMiddleShare(dr.male, birthYear))) {
        given = dr.male ? `Văn ${rng.pickArray(names.boyOne)}` : `Thị ${rng.pickArray(names.girlOne)}`;
      } else {
        given = rng.pickArray(dr.male ? names.boyCombos : names.girlCombos);
      }

      const religion = i === 0 || rng.chance(0.85) ? hhReligion : religionTable(prov, dr.eth).pick(rng);
      const legacyId = birthYear < 2000 && rng.chance(P_LEGACY_ID_IF_BORN_BEFORE_2000) ? nextCmnd(cmndPrefix) : null;

      let occupation: string | null = null;
      if (age >= 15) {
        if (age <= 17 && rng.chance(0.88)) occupation = OCC_STUDENT;
        else if (age >= 18 && age <= 22 && rng.chance(commune.urban ? 0.5 : 0.38)) occupation = OCC_STUDENT;
        else {
          const table = age >= 60 ? (commune.urban ? OCCUPATION_OLD_URBAN : OCCUPATION_OLD_RURAL) : commune.urban ? OCCUPATION_URBAN : OCCUPATION_RURAL;
          occupation = table.pick(rng);
          if (dr.male && occupation === OCC_HOMEMAKER) occupation = table.pick(rng);
        }
      }

      // moved in: whole household, or a spouse / in-law at marriage (assumption)
      let movedDay = -1;
      if (moveDay >= 0) {
        if (birthDay < moveDay) movedDay = moveDay;
      } else if (dr.married && rng.chance(P_SPOUSE_MOVED_IN)) {
        const d = Math.min(today.day - 1, birthDay + rng.int(20 * 365, 28 * 365));
        if (d > birthDay) movedDay = d;
      }

      let dateOfDeath: string | null = null;
      if (i > 0 && rng.chance(age >= 60 ? P_DECEASED_60_PLUS : P_DECEASED_UNDER_60)) {
        const from = Math.max(birthDay + 1, movedDay + 1, today.day - 3 * 365);
        const to = today.day - 1;
        if (to >= from) dateOfDeath = formatDay(rng.int(from, to));
      }

      let temporaryCommuneCode: string | null = null;
      if (dateOfDeath === null && age >= 15 && age <= 64 && communes.length > 1 && rng.chance(P_TEMPORARY_RESIDENCE_15_64)) {
        let j = rng.int(0, communes.length - 2);
        if (j >= ci) j++;
        temporaryCommuneCode = communes[j].code;
      }

      members[i] = {
        personalId,
        fullName: `${dr.surname} ${given}`,
        dateOfBirth: birth.s,
        sex,
        ethnicity: dr.eth,
        religion,
        relationToHead: dr.rel,
        legacyId,
        occupation,
        dateOfDeath,
        temporaryCommuneCode,
        movedInOn: movedDay >= 0 ? formatDay(movedDay) : null,
      };
    }
    yield { householdNo, communeCode: commune.code, address, members };
  }
}
