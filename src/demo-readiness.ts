import { randomBytes } from 'node:crypto';
import type { Db } from './platform/db.js';
import type { Services } from './compose.js';
import { unsafeAdultsForDemoAccounts, Rng } from './modules/registry/index.js';
import { hashPassword, unsafeDemoIdentitySeeder, type DemoCitizenAccount } from './modules/identity/index.js';
import { unsafeDemoVerificationSeeder, type DemoVerification, type RelyingPartyType } from './modules/credentials/index.js';

/**
 * The demo province as a digital citizen would find it (models 23, 24; the readiness dashboard):
 * e-ID accounts at both levels, sign-ins through the province's single sign-on systems and
 * verifications at its counters over the last 60 days, in proportions like a province well into
 * Project 06. Deterministic for a seed (which people hold accounts, levels, counts, times).
 *
 * The browser tests register residents found by the name "nguyen" (e2e/support.ts registerResident):
 * nobody with that name gets an account here, so they still can. The demo's own hospital and hotel
 * counters get no past verifications either: their tests count what they verify themselves.
 */

/** Whose names the browser tests look up to register a resident themselves. */
export const LEFT_FOR_THE_TESTS = 'nguyen';

const DAYS = 60;
const DAY = 86_400_000;
/** At most this many verifications in all, so a large demo province still starts in seconds. */
const MAX_VERIFICATIONS = 60_000;

/** Of the adults with a phone: level 2 (card and chip checked at the police), else level 1, else none yet. */
const LEVEL2_SHARE = 0.58;
const LEVEL1_SHARE = 0.21;

/** Counters that verify people, and how many verifications each makes a day per 1.000 account holders. */
const COUNTERS: { code: string; name: string; type: RelyingPartyType; purpose: string; fields: string[]; perThousand: number; weekend: number }[] = [
  { code: 'bv-y-hoc-co-truyen', name: 'Bệnh viện Y học cổ truyền tỉnh (mẫu)', type: 'hospital', purpose: 'Tiếp đón người bệnh khám, chữa bệnh bảo hiểm y tế', fields: ['personal_id', 'full_name', 'date_of_birth', 'sex', 'address'], perThousand: 9, weekend: 0.4 },
  { code: 'ttyt-lai-vung', name: 'Trung tâm Y tế khu vực Lai Vung (mẫu)', type: 'hospital', purpose: 'Tiếp đón người bệnh khám, chữa bệnh bảo hiểm y tế', fields: ['personal_id', 'full_name', 'date_of_birth', 'sex', 'address'], perThousand: 6, weekend: 0.4 },
  { code: 'ks-my-tra', name: 'Khách sạn Mỹ Trà (mẫu)', type: 'lodging', purpose: 'Thông báo lưu trú (Luật Cư trú 2020, Điều 30)', fields: ['personal_id', 'full_name', 'date_of_birth', 'sex', 'address'], perThousand: 2, weekend: 1.6 },
  { code: 'ben-xe-cao-lanh', name: 'Bến xe khách Cao Lãnh (mẫu)', type: 'ticketing', purpose: 'Bán vé đi tỉnh theo danh tính hành khách', fields: ['personal_id', 'full_name'], perThousand: 4, weekend: 1.4 },
  { code: 'cong-chung-sa-dec', name: 'Văn phòng công chứng Sa Đéc (mẫu)', type: 'notary', purpose: 'Xác định người yêu cầu công chứng', fields: ['personal_id', 'full_name', 'date_of_birth', 'address'], perThousand: 1.5, weekend: 0.2 },
  { code: 'sat-hach-lai-xe', name: 'Trung tâm sát hạch lái xe tỉnh (mẫu)', type: 'driving_test', purpose: 'Xác định thí sinh sát hạch giấy phép lái xe', fields: ['personal_id', 'full_name', 'date_of_birth'], perThousand: 1, weekend: 0 },
  { code: 'cam-do-phat-dat', name: 'Cơ sở cầm đồ Phát Đạt (mẫu)', type: 'pawnshop', purpose: 'Xác định người cầm cố tài sản (Nghị định 96/2016)', fields: ['personal_id', 'full_name', 'address'], perThousand: 0.5, weekend: 0.8 },
];

/** The province's systems citizens sign in to with their e-ID, and sign-ins a day per 1.000 account holders. */
const SSO_SYSTEMS = [
  { name: 'Cổng Dịch vụ công tỉnh (mẫu)', host: 'dichvucong.tinh.example', scopes: ['profile', 'birthdate', 'gender', 'address'], minLevel: 2 as const, perThousand: 12 },
  { name: 'Ứng dụng Công dân số của tỉnh (mẫu)', host: 'congdanso.tinh.example', scopes: ['profile', 'birthdate'], minLevel: 1 as const, perThousand: 7 },
  { name: 'Hệ thống đặt lịch khám bệnh (mẫu)', host: 'datlich.benhvien.example', scopes: ['profile', 'birthdate', 'gender'], minLevel: 1 as const, perThousand: 3 },
];

const METHODS: [DemoVerification['method'], number][] = [['identity_qr', 0.55], ['chip', 0.3], ['card_qr', 0.15]];
const INVALID_REASONS: NonNullable<DemoVerification['invalidReason']>[] = ['VERIFY_QR_EXPIRED', 'VERIFY_QR_EXPIRED', 'VERIFY_CARD_EXPIRED', 'VERIFY_QR_SIGNATURE_INVALID', 'VERIFY_QR_UNREADABLE'];
const INVALID_SHARE = 0.035;

/** The day `n` days before `today` (YYYY-MM-DD), and whether it falls on a weekend. */
function dayBefore(today: string, n: number): { day: string; weekend: boolean } {
  const date = new Date(Date.parse(`${today}T00:00:00Z`) - n * DAY);
  return { day: date.toISOString().slice(0, 10), weekend: date.getUTCDay() === 0 || date.getUTCDay() === 6 };
}

/** How many of something on a day: the rate scaled to the holders, a little noise, less (or more) on weekends. */
function countFor(rng: Rng, perThousand: number, holders: number, weekendFactor: number, weekend: boolean): number {
  const mean = (perThousand * holders) / 1000 * (weekend ? weekendFactor : 1);
  // Rounded at random (up with the probability of the fraction), so a small rate still adds up over the days.
  return Math.max(0, Math.floor(mean * (0.75 + rng.float() * 0.5) + rng.float()));
}

function pickMethod(rng: Rng): DemoVerification['method'] {
  let u = rng.float();
  for (const [method, share] of METHODS) {
    if ((u -= share) < 0) return method;
  }
  return 'identity_qr';
}

export interface DemoReadiness {
  level1: number;
  level2: number;
  verifications: number;
  signIns: number;
}

export async function seedDemoReadiness(
  db: Db,
  opts: { services: Services; provinceCode: string; seed: number; today: string },
): Promise<DemoReadiness> {
  const rng = new Rng(opts.seed ^ 0x06e1d);
  const adults = await unsafeAdultsForDemoAccounts(db, { provinceCode: opts.provinceCode, today: opts.today, excludeName: LEFT_FOR_THE_TESTS });

  // e-ID accounts: most adults with a phone, opened over the last two and a half years.
  const accounts: DemoCitizenAccount[] = [];
  for (const a of adults) {
    const u = rng.float();
    if (u >= LEVEL2_SHARE + LEVEL1_SHARE) continue;
    const opened = new Date(Date.parse(`${opts.today}T09:00:00+07:00`) - rng.int(DAYS + 1, 900) * DAY + rng.int(0, 8 * 3600) * 1000);
    accounts.push({ personId: a.personId, personalId: a.personalId, phone: a.phone, level: u < LEVEL2_SHARE ? 2 : 1, createdAt: opened });
  }
  const identity = unsafeDemoIdentitySeeder(db);
  await identity.accounts(accounts, await hashPassword(randomBytes(18).toString('base64url')));
  const holders = accounts.length;

  // Counters of the province and what they verified, weekdays in office hours.
  const rows: DemoVerification[] = [];
  for (const c of COUNTERS) {
    const { relyingParty } = await opts.services.credentials.relyingParties.add(
      { code: c.code, name: c.name, type: c.type, purpose: c.purpose, allowedFields: c.fields, minLevel: 1, provinceCode: opts.provinceCode },
      { withApiKey: false },
    );
    for (let n = DAYS; n >= 1 && holders > 0; n--) {
      const { day, weekend } = dayBefore(opts.today, n);
      const count = countFor(rng, c.perThousand, holders, c.weekend, weekend);
      for (let i = 0; i < count && rows.length < MAX_VERIFICATIONS; i++) {
        const holder = accounts[rng.int(0, holders - 1)];
        const at = new Date(Date.parse(`${day}T07:00:00+07:00`) + rng.int(0, 10 * 3600) * 1000);
        rows.push({
          relyingPartyId: relyingParty.id, method: pickMethod(rng), personId: holder.personId,
          invalidReason: rng.chance(INVALID_SHARE) ? rng.pickArray(INVALID_REASONS) : null, fields: c.fields, purpose: c.purpose, at,
        });
      }
    }
  }
  const verifications = unsafeDemoVerificationSeeder(db);
  for (let i = 0; i < rows.length; i += 2000) await verifications.verifications(rows.slice(i, i + 2000));

  // Single sign-on: the province's systems and their sign-ins per day.
  const signIns: { clientId: string; day: string; count: number }[] = [];
  for (const s of SSO_SYSTEMS) {
    const { clientId } = await opts.services.oidc.clients.add(
      { name: s.name, redirectUris: [`https://${s.host}/dang-nhap/da06`], scopes: s.scopes, minLevel: s.minLevel },
      { provinceCode: opts.provinceCode },
    );
    for (let n = DAYS; n >= 1 && holders > 0; n--) {
      const { day, weekend } = dayBefore(opts.today, n);
      const count = countFor(rng, s.perThousand, holders, 0.6, weekend);
      if (count > 0) signIns.push({ clientId, day, count });
    }
  }
  await identity.signIns(signIns);

  return {
    level1: accounts.filter((a) => a.level === 1).length,
    level2: accounts.filter((a) => a.level === 2).length,
    verifications: rows.length,
    signIns: signIns.reduce((s, x) => s + x.count, 0),
  };
}
