/**
 * Kinds of lodging facility and who they declare (browser-safe: the web UI imports this file).
 * Hospitals declare patients and their attendants; bus operators the passengers of an overnight trip.
 */
export const FACILITY_KINDS = {
  hotel: 'Khách sạn',
  guest_house: 'Nhà nghỉ, nhà khách',
  motel: 'Nhà trọ, nhà nghỉ bình dân',
  rental_house: 'Nhà cho thuê, phòng trọ',
  industrial_housing: 'Nhà ở khu công nghiệp',
  hospital: 'Bệnh viện',
  clinic: 'Phòng khám, cơ sở khám chữa bệnh',
  bus_operator: 'Nhà xe khách đường dài',
} as const;
export type FacilityKind = keyof typeof FACILITY_KINDS;

export const GUEST_ROLES = {
  guest: 'Khách lưu trú',
  patient: 'Người bệnh',
  attendant: 'Người chăm sóc người bệnh',
  passenger: 'Hành khách',
} as const;
export type GuestRole = keyof typeof GUEST_ROLES;

export function rolesOf(kind: FacilityKind): GuestRole[] {
  if (kind === 'hospital' || kind === 'clinic') return ['patient', 'attendant'];
  if (kind === 'bus_operator') return ['passenger'];
  return ['guest'];
}

export const FACILITY_STATUSES = {
  pending: 'Chờ công an xã duyệt',
  approved: 'Đang hoạt động',
  rejected: 'Không được duyệt',
  suspended: 'Tạm ngừng',
} as const;
export type FacilityStatus = keyof typeof FACILITY_STATUSES;

export const ID_METHODS = {
  identity_qr: 'Mã QR định danh',
  card_qr: 'Mã QR trên thẻ căn cước',
  chip: 'Chip thẻ căn cước',
  manual: 'Nhập tay',
} as const;
export type IdMethod = keyof typeof ID_METHODS;

export const WATCHLIST_KINDS = {
  wanted: 'Đối tượng truy nã',
  missing: 'Người mất tích',
} as const;
export type WatchlistKind = keyof typeof WATCHLIST_KINDS;

export const MATCH_KINDS = {
  personal_id: 'Trùng số định danh',
  name_birth_date: 'Gần trùng họ tên và ngày sinh',
  name_birth_year: 'Gần trùng họ tên và năm sinh',
} as const;
export type MatchKind = keyof typeof MATCH_KINDS;

/** Age groups of the lodging statistics (model 39). */
export const AGE_GROUPS = ['0-14', '15-24', '25-34', '35-44', '45-54', '55-64', '65+'] as const;
