import type { Db } from './platform/db.js';
import { PURPOSE_FIELDS, type RelyingPartyService } from './modules/credentials/index.js';
import { notificationDeadline, unsafeLodgingSeeder, validateWatchlistEntry } from './modules/lodging/index.js';
import { generatePopulation, normalizeName, Rng, type SeedCommune, type SeedPerson } from './modules/registry/index.js';

/**
 * The demo province's lodging: a few facilities of each kind around the first commune, 60 days of
 * synthetic stays (mostly domestic visitors, some foreigners, a few late), a pending self-registration
 * and a small watchlist. Deterministic for a seed. Visitors come from a generated population of other
 * provinces: they are not residents of the demo registry.
 */
export interface DemoLodging {
  hotelRelyingPartyId: number;
  communeCode: string;
}

const FACILITIES = [
  { name: 'Khách sạn Sen Hồng (mẫu)', kind: 'hotel', star: 3, capacity: 60, weight: 5 },
  { name: 'Khách sạn Bến Sông (mẫu)', kind: 'hotel', star: 2, capacity: 30, weight: 3 },
  { name: 'Nhà nghỉ Tràm Chim (mẫu)', kind: 'guest_house', star: null, capacity: 15, weight: 3 },
  { name: 'Nhà trọ công nhân Sa Đéc (mẫu)', kind: 'industrial_housing', star: null, capacity: 80, weight: 2 },
  { name: 'Phòng khám Đa khoa Hòa An (mẫu)', kind: 'clinic', star: null, capacity: 20, weight: 1 },
  { name: 'Nhà xe Phương Nam (mẫu)', kind: 'bus_operator', star: null, capacity: 40, weight: 2 },
] as const;

/** Where visitors come from (pre-2025 province codes of birth registration): Đồng Tháp's neighbours and the big cities. */
const ORIGINS = ['79', '79', '01', '92', '86', '80', '87', '89', '82', '48', '75'];
const FOREIGN = [['KOR', 'Kim Min Jun'], ['KOR', 'Lee Seo Yeon'], ['CHN', 'Wang Fang'], ['USA', 'John Miller'], ['JPN', 'Sato Yuki'], ['FRA', 'Marie Dubois'], ['AUS', 'Liam Smith'], ['KHM', 'Sok Dara'], ['TWN', 'Chen Wei']] as const;
const REASONS = ['Du lịch', 'Du lịch', 'Công tác', 'Thăm thân', 'Lao động'];

export async function seedDemoLodging(db: Db, opts: { relyingParties: RelyingPartyService; provinceCode: string; communes: SeedCommune[]; seed: number; days?: number }): Promise<DemoLodging> {
  const store = unsafeLodgingSeeder(db);
  const rps = opts.relyingParties;
  const rng = new Rng(opts.seed ^ 0x10d9);
  const home = opts.communes[0];
  const facilities: ((typeof FACILITIES)[number] & { row: Awaited<ReturnType<typeof store.insertFacility>>; relyingPartyId: number; commune: SeedCommune })[] = [];
  for (const [i, f] of FACILITIES.entries()) {
    const commune = i < 3 ? home : opts.communes[(i * 7) % opts.communes.length];
    const row = await store.insertFacility({
      name: f.name, kind: f.kind, starClass: f.star, communeCode: commune.code, provinceCode: opts.provinceCode, address: `${10 + i * 3} đường Nguyễn Huệ, ${commune.name}`,
      capacity: f.capacity, remoteArea: false, ownerName: 'Chủ cơ sở (mẫu)', phone: `09180000${10 + i}`, status: 'approved', registeredBy: null,
      applicantUsername: null, applicantPasswordHash: null,
    });
    const type = f.kind === 'clinic' ? 'hospital' : f.kind === 'bus_operator' ? 'ticketing' : 'lodging';
    const { relyingParty } = await rps.add({
      code: `luu-tru-${row.id}`, name: f.name, type, purpose: 'Thông báo lưu trú (Luật Cư trú 2020, Điều 30)',
      allowedFields: [...PURPOSE_FIELDS.lodging], minLevel: 1, provinceCode: opts.provinceCode,
    }, { withApiKey: false });
    await store.setRelyingParty(Number(row.id), relyingParty.id);
    facilities.push({ ...f, row, relyingPartyId: relyingParty.id, commune });
  }
  await store.insertFacility({
    name: 'Nhà trọ Hoa Sứ (mẫu, chờ duyệt)', kind: 'rental_house', starClass: null, communeCode: home.code, provinceCode: opts.provinceCode,
    address: `5 hẻm 3, ${home.name}`, capacity: 8, remoteArea: false, ownerName: 'Trần Thị Sứ', phone: '0918000099', status: 'pending', registeredBy: null,
    applicantUsername: null, applicantPasswordHash: null,
  });

  // Visitors: adults of a population generated for other provinces.
  const visitorCommunes = ORIGINS.map((p, i) => ({ ...opts.communes[i % opts.communes.length], oldProvinceCode: p }));
  const visitors: SeedPerson[] = [];
  for (const h of generatePopulation({ communes: visitorCommunes, people: 6_000, seed: opts.seed + 606, today: new Date().toISOString().slice(0, 10) })) {
    for (const p of h.members) if (!p.dateOfDeath && p.dateOfBirth < '2008-01-01') visitors.push(p);
  }
  const days = opts.days ?? 60;
  const total = FACILITIES.reduce((n, f) => n + f.weight, 0);
  let v = 0;
  await db.transaction(async (tx) => {
    for (let d = days; d >= 1; d--) {
      const perDay = 25 + rng.int(0, 20) + (d % 7 < 2 ? 15 : 0);
      for (let k = 0; k < perDay; k++) {
        let pick = rng.int(0, total - 1);
        const f = facilities.find((x) => (pick -= x.weight) < 0)!;
        const day = new Date(Date.now() + 7 * 3_600_000 - d * 86_400_000).toISOString().slice(0, 10);
        const arrivedAt = new Date(Date.parse(`${day}T00:00:00+07:00`) + rng.int(6 * 60, 23 * 60 + 50) * 60_000);
        const foreign = rng.float() < 0.12 && f.kind !== 'industrial_housing';
        const guests = foreign ? [FOREIGN[rng.int(0, FOREIGN.length - 1)]] : [visitors[v++ % visitors.length]];
        const nights = f.kind === 'bus_operator' ? 0 : f.kind === 'industrial_housing' ? rng.int(5, 40) : rng.int(0, 4);
        const lateBy = rng.float() < 0.06 ? rng.int(1, 20) * 3_600_000 : 0;
        const stays = guests.map((g) => {
          const dueAt = notificationDeadline(arrivedAt, { foreigner: foreign, remoteArea: false });
          const declaredAt = new Date(Math.min(lateBy ? dueAt.getTime() + lateBy : arrivedAt.getTime() + rng.int(1, 40) * 60_000, Date.now()));
          if (Array.isArray(g)) {
            const [nationality, name] = g as readonly [string, string];
            return {
              role: f.kind === 'bus_operator' ? 'passenger' : 'guest', foreigner: true, personalId: null, legacyId: null,
              passportNumber: `${nationality[0]}${String(10_000_000 + v * 7919 + k).slice(-8)}`, nationality, visaDocument: 'DL', fullName: name,
              nameNorm: normalizeName(name), dateOfBirth: `${1965 + rng.int(0, 35)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`, sex: rng.float() < 0.5 ? 'Nam' : 'Nữ',
              idMethod: 'manual', verified: false, dueAt, late: declaredAt > dueAt, declaredAt,
            };
          }
          const p = g as SeedPerson;
          return {
            role: f.kind === 'clinic' ? 'patient' : f.kind === 'bus_operator' ? 'passenger' : 'guest', foreigner: false, personalId: p.personalId,
            legacyId: null, passportNumber: null, nationality: 'VNM', visaDocument: null, fullName: p.fullName, nameNorm: normalizeName(p.fullName),
            dateOfBirth: p.dateOfBirth, sex: p.sex, idMethod: rng.float() < 0.6 ? 'identity_qr' : 'card_qr', verified: true, dueAt,
            late: declaredAt > dueAt, declaredAt,
          };
        });
        const departure = new Date(arrivedAt.getTime() + nights * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
        const [result] = await store.insertBookings(tx, [{
          facilityId: Number(f.row.id), communeCode: f.commune.code, provinceCode: opts.provinceCode, facilityKind: f.kind,
          idempotencyKey: `demo-${d}-${k}`, requestHash: 'demo', staffId: null, room: f.kind === 'bus_operator' ? null : String(100 + rng.int(1, 40)),
          reason: f.kind === 'clinic' ? 'Khám chữa bệnh' : REASONS[rng.int(0, REASONS.length - 1)],
          trip: f.kind === 'bus_operator' ? { route: 'Cao Lãnh - TP. Hồ Chí Minh', plate: '66B-012.34', departureAt: arrivedAt.toISOString() } : null,
          arrivedAt, expectedDeparture: departure, declaredAt: stays[0].declaredAt, stays,
        }]);
        // Past stays have left; the last days' guests are still there.
        if (result && d > nights) await store.departBooking(tx, result.bookingId, new Date(arrivedAt.getTime() + Math.max(nights, 0.3) * 86_400_000));
      }
    }
  });

  // A small watchlist of people who are not among the visitors.
  const entries = [];
  for (let i = 0; i < 40; i++) {
    const p = visitors[visitors.length - 1 - i];
    const { value } = validateWatchlistEntry({
      kind: i % 3 === 0 ? 'missing' : 'wanted', fullName: p.fullName, ...(i % 2 ? { personalId: p.personalId, dateOfBirth: p.dateOfBirth } : { birthYear: Number(p.dateOfBirth.slice(0, 4)) }),
      note: i % 3 === 0 ? 'Gia đình trình báo mất tích (mẫu)' : 'Quyết định truy nã (mẫu)',
    }, opts.provinceCode, null);
    if (value) entries.push(value);
  }
  await store.insertWatchlistEntries(entries);
  return { hotelRelyingPartyId: facilities[0].relyingPartyId, communeCode: home.code };
}
