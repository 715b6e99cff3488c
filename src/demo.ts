import { randomBytes } from 'node:crypto';
import type { Config } from './platform/config.js';
import type { Db } from './platform/db.js';
import type { Role } from './roles.js';
import type { Services } from './compose.js';
import { communesForSeeding, countPeople, seedPopulation } from './modules/registry/index.js';
import { todayInVietnam } from './platform/time.js';
import { seedDemoLodging } from './demo-lodging.js';
import { seedDemoReadiness } from './demo-readiness.js';
import { seedDemoOperations } from './modules/operations/index.js';
import { PURPOSE_FIELDS } from './modules/credentials/index.js';

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  areaCode: string;
  fullName: string;
  relyingPartyId?: number;
}

/**
 * First start only: the demo province's synthetic residents, one officer account per role, a demo
 * hospital (a relying party) with a reception account, the demo lodging (facilities, stays, watchlist),
 * the bundled Project 06 plans with progress on the province's own, e-ID accounts with their sign-ins
 * and verifications at counters (src/demo-readiness.ts), and the dashboards' counts.
 * Passwords are random and returned once, for the console; they are stored only as argon2id hashes.
 * Writes through the server's own services (src/compose.ts) where a service does the work.
 */
export async function createDemoProvince(
  db: Db,
  config: Config,
  services: Services,
  onProgress?: (done: number, total: number) => void,
): Promise<{ created: boolean; accounts: DemoAccount[] }> {
  if ((await countPeople(db)) > 0) return { created: false, accounts: [] };
  const province = config.DA06_DEMO_PROVINCE;
  await seedPopulation(db, { provinceCode: province, people: config.DA06_DEMO_PEOPLE, seed: config.DA06_DEMO_SEED, today: todayInVietnam(), onProgress });
  const communes = await communesForSeeding(db, province);
  const firstCommune = communes[0].code;
  const hospital = await services.credentials.relyingParties.add({
    code: 'benh-vien-mau', name: 'Bệnh viện Đa khoa tỉnh (mẫu)', type: 'hospital', purpose: 'Tiếp đón người bệnh đến khám, chữa bệnh',
    allowedFields: [...PURPOSE_FIELDS.hospital], minLevel: 1, provinceCode: province,
  }, { withApiKey: false });
  const lodging = await seedDemoLodging(db, {
    relyingParties: services.credentials.relyingParties, provinceCode: province, seed: config.DA06_DEMO_SEED,
    communes: communes.map((c) => ({ code: c.code, name: c.name, oldProvinceCode: c.old_province_code ?? province, urban: c.type === 'Phường' })),
  });
  const accounts: DemoAccount[] = [
    { username: 'canbo.xa', role: 'commune_registry', areaCode: firstCommune, fullName: 'Cán bộ xã (mẫu)' },
    { username: 'canbo.tinh', role: 'province_registry', areaCode: province, fullName: 'Cán bộ tỉnh (mẫu)' },
    { username: 'kiemtra', role: 'auditor', areaCode: province, fullName: 'Kiểm tra viên (mẫu)' },
    { username: 'quantri', role: 'admin', areaCode: province, fullName: 'Quản trị (mẫu)' },
    { username: 'tiepdon.bv', role: 'rp_staff', areaCode: province, fullName: 'Nhân viên tiếp đón bệnh viện (mẫu)', relyingPartyId: hospital.relyingParty.id },
    { username: 'letan.ks', role: 'rp_staff', areaCode: lodging.communeCode, fullName: 'Lễ tân Khách sạn Sen Hồng (mẫu)', relyingPartyId: lodging.hotelRelyingPartyId },
    { username: 'congan.xa', role: 'commune_police', areaCode: firstCommune, fullName: 'Cán bộ Công an xã (mẫu)' },
    { username: 'congan.tinh', role: 'province_police', areaCode: province, fullName: 'Cán bộ Công an tỉnh (mẫu)' },
    { username: 'lanhdao', role: 'leader', areaCode: province, fullName: 'Lãnh đạo UBND tỉnh (mẫu)' },
    { username: 'tocongtac', role: 'working_group', areaCode: province, fullName: 'Thường trực Tổ công tác Đề án 06 (mẫu)' },
    // The one-stop desk of the first commune and the agencies of the linked groups (khai sinh → thường trú → BHYT; khai tử → …).
    { username: 'motcua.xa', role: 'one_stop_officer', areaCode: firstCommune, fullName: 'Cán bộ Bộ phận Một cửa xã (mẫu)' },
    { username: 'hotich.xa', role: 'civil_status_officer', areaCode: firstCommune, fullName: 'Công chức tư pháp – hộ tịch xã (mẫu)' },
    { username: 'lanhdao.xa', role: 'commune_leader', areaCode: firstCommune, fullName: 'Lãnh đạo UBND xã (mẫu)' },
    { username: 'laodong.xa', role: 'labour_social_officer', areaCode: firstCommune, fullName: 'Cán bộ lao động – xã hội xã (mẫu)' },
    { username: 'bhxh.tinh', role: 'health_insurance_officer', areaCode: province, fullName: 'Cán bộ Bảo hiểm xã hội tỉnh (mẫu)' },
    { username: 'tuphap.tinh', role: 'province_justice_officer', areaCode: province, fullName: 'Cán bộ Sở Tư pháp (mẫu)' },
    // A dossier's handler may not approve it (separation of duties): a second officer of each agency approves.
    { username: 'truong.congan.xa', role: 'commune_police', areaCode: firstCommune, fullName: 'Trưởng Công an xã (mẫu)' },
    { username: 'lanhdao.bhxh', role: 'health_insurance_officer', areaCode: province, fullName: 'Lãnh đạo Bảo hiểm xã hội tỉnh (mẫu)' },
    { username: 'lanhdao.tuphap', role: 'province_justice_officer', areaCode: province, fullName: 'Lãnh đạo Sở Tư pháp (mẫu)' },
  ].map((a) => ({ ...(a as Omit<DemoAccount, 'password'>), password: randomBytes(9).toString('base64url') }));
  const ids = new Map<string, number | undefined>();
  for (const a of accounts) ids.set(a.username, await services.identity.createOfficer(a));
  await seedDemoOperations(db, { id: ids.get('tocongtac')!, name: 'Thường trực Tổ công tác Đề án 06 (mẫu)' });
  await seedDemoReadiness(db, { services, provinceCode: province, seed: config.DA06_DEMO_SEED, today: todayInVietnam() });
  await services.registry.statistics.refresh();
  return { created: true, accounts };
}
