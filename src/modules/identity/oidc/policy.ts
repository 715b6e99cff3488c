import { message } from '../messages.js';
// What da06 releases to relying parties: scopes, the claims each scope carries, their Vietnamese
// labels for the consent screen, assurance levels (acr) and artefact lifetimes.

/** Lifetimes in seconds. */
export const TTL = {
  AccessToken: 10 * 60,
  AuthorizationCode: 60,
  ClientCredentials: 10 * 60,
  IdToken: 60 * 60,
  RefreshToken: 8 * 60 * 60,
  Interaction: 15 * 60,
  Session: 8 * 60 * 60,
  Grant: 30 * 24 * 60 * 60,
} as const;

/** Scope → claims it releases (besides `sub`). `personal_id` only for clients allowed it. */
export const SCOPE_CLAIMS = {
  openid: ['sub'],
  profile: ['name', 'family_name', 'middle_name', 'given_name'],
  birthdate: ['birthdate'],
  gender: ['gender'],
  address: ['address'],
  household: ['household_no', 'relation_to_head'],
  personal_id: ['personal_id'],
} as const satisfies Record<string, readonly string[]>;

export type ReleasableScope = keyof typeof SCOPE_CLAIMS;
export const SCOPES = Object.keys(SCOPE_CLAIMS) as ReleasableScope[];
/** Scopes an administrator may give a client (`personal_id` follows --allow-personal-id). */
export const ASSIGNABLE_SCOPES = SCOPES.filter((s) => s !== 'openid' && s !== 'personal_id');

export const CLAIM_LABELS: Record<string, string> = {
  sub: 'Mã định danh riêng cho dịch vụ này (không phải số định danh cá nhân)',
  name: 'Họ và tên',
  family_name: 'Họ',
  middle_name: 'Tên đệm',
  given_name: 'Tên',
  birthdate: 'Ngày sinh',
  gender: 'Giới tính',
  address: 'Nơi thường trú hiện tại',
  household_no: 'Số hộ',
  relation_to_head: 'Quan hệ với chủ hộ',
  personal_id: 'Số định danh cá nhân',
};

/** Registry fields behind each claim, for the audit entry of a release. */
export const CLAIM_FIELDS: Record<string, string[]> = {
  name: ['fullName'], family_name: ['fullName'], middle_name: ['fullName'], given_name: ['fullName'],
  birthdate: ['dateOfBirth'], gender: ['sex'], address: ['residence'],
  household_no: ['household'], relation_to_head: ['household'], personal_id: ['personalId'],
};

export const ACR = { 1: 'urn:da06:loa:1', 2: 'urn:da06:loa:2' } as const;
/** acr of an officer sign-in: officers are not e-ID accounts and never claim a citizen assurance level. */
export const OFFICER_ACR = 'urn:da06:officer';
export const ACR_VALUES = [ACR[1], ACR[2], OFFICER_ACR];

/** Who signs in to a relying party: citizens (e-ID session) or officers (da06 officer session). */
export type Audience = 'citizen' | 'officer';
export const AUDIENCES: Audience[] = ['citizen', 'officer'];

/** The one scope of officer clients and what it releases (besides `sub`, pairwise of the officer id). */
export const OFFICER_SCOPE = 'officer';
export const OFFICER_CLAIMS = ['name', 'preferred_username', 'da06_role', 'da06_area'] as const;
export const OFFICER_CLAIM_LABELS: Record<(typeof OFFICER_CLAIMS)[number], string> = {
  name: 'Họ và tên cán bộ',
  preferred_username: 'Tên đăng nhập',
  da06_role: 'Vai trò',
  da06_area: 'Mã địa bàn phụ trách (xã/phường hoặc tỉnh)',
};
/** Account ids of officers in the provider's sessions and grants; citizen accounts are plain numbers. */
export const OFFICER_ACCOUNT_PREFIX = 'officer:';
export const isOfficerAccountId = (accountId: string | undefined): boolean => !!accountId && /^officer:\d{1,18}$/.test(accountId);

export function levelOfAcr(acr: string | undefined): 0 | 1 | 2 {
  return acr === ACR[2] ? 2 : acr === ACR[1] ? 1 : 0;
}

/**
 * The level a request needs: the client's minimum, raised by `acr_values` when every value the
 * client names is level 2 (acr_values lists acceptable values; the weakest acceptable one counts).
 */
export function requiredLevel(clientMinLevel: number, acrValues: string | undefined): 1 | 2 {
  const asked = (acrValues ?? '').split(' ').map(levelOfAcr).filter((l) => l > 0);
  const fromRequest = asked.length ? Math.min(...asked) : 1;
  return Math.max(clientMinLevel, fromRequest) >= 2 ? 2 : 1;
}

export const LEVEL2_HINT = message('OIDC_LEVEL2_HINT');

/** Vietnamese name order: family name first, given name last, middle names between. */
export function splitVietnameseName(fullName: string) {
  const parts = fullName.trim().split(/\s+/);
  if (parts.length === 1) return { family_name: undefined, middle_name: undefined, given_name: parts[0] };
  return {
    family_name: parts[0],
    middle_name: parts.length > 2 ? parts.slice(1, -1).join(' ') : undefined,
    given_name: parts[parts.length - 1],
  };
}

export const GENDER: Record<string, string> = { Nam: 'male', 'Nữ': 'female' };
