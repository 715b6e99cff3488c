import type { FastifyContextConfig, FastifySchema, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { DomainError } from './errors.js';

/**
 * Officer roles and what each may do. Deny by default: a permission not listed is refused.
 * `self`: the officer's own session. `sso.signin`: sign in to provincial systems registered for officers
 * (OpenID Connect, audience officer). `credentials.verify`: verify people at a relying party's counter
 * (staff of hospitals, lodgings, notaries ...; rp_staff accounts belong to one relying party).
 * `wallet.issue`: issue and revoke documents in the wallets of people of the officer's area.
 * `lodging.oversee`: see stays, facilities and watchlist alerts of the area; `lodging.facilities`: register,
 * approve and suspend lodging facilities and their staff; `watchlist.manage`: keep the watchlist.
 * `ioc.read`: the operations centre's dashboards and plans of the area; `plans.report`: report the
 * progress of plan models and produce the monthly report.
 */
export const ROLE_PERMISSIONS = {
  commune_registry: ['self', 'registry.read', 'registry.write', 'units.read', 'eid.upgrade', 'sso.signin', 'wallet.issue'],
  province_registry: ['self', 'registry.read', 'registry.write', 'registry.import', 'units.read', 'eid.upgrade', 'sso.signin', 'wallet.issue'],
  auditor: ['self', 'registry.read', 'audit.read', 'units.read', 'sso.signin'],
  admin: ['self', 'units.read', 'officers.manage', 'sso.manage', 'sso.signin', 'credentials.manage'],
  rp_staff: ['self', 'credentials.verify'],
  commune_police: ['self', 'units.read', 'sso.signin', 'lodging.oversee', 'lodging.facilities', 'watchlist.manage'],
  province_police: ['self', 'units.read', 'sso.signin', 'lodging.oversee', 'lodging.facilities', 'watchlist.manage'],
  leader: ['self', 'units.read', 'sso.signin', 'ioc.read'],
  working_group: ['self', 'units.read', 'sso.signin', 'ioc.read', 'plans.report'],
} as const satisfies Record<string, readonly string[]>;

export type Role = keyof typeof ROLE_PERMISSIONS;
export type Permission = (typeof ROLE_PERMISSIONS)[Role][number];

export const ROLE_LABELS: Record<Role, string> = {
  commune_registry: 'Cán bộ đăng ký cư trú cấp xã',
  province_registry: 'Cán bộ quản lý dân cư cấp tỉnh',
  auditor: 'Kiểm tra viên (giám sát truy cập)',
  admin: 'Quản trị hệ thống',
  rp_staff: 'Nhân viên đơn vị xác thực (bệnh viện, cơ sở lưu trú, công chứng...)',
  commune_police: 'Công an xã (quản lý lưu trú)',
  province_police: 'Công an tỉnh (quản lý lưu trú)',
  leader: 'Lãnh đạo (Trung tâm điều hành)',
  working_group: 'Thành viên Tổ công tác Đề án 06',
};

/** The administrative area an officer is limited to (codes of the 2025 scheme). */
export type AreaScope = { level: 'commune'; code: string } | { level: 'province'; code: string };

export interface OfficerCaller {
  kind: 'officer';
  officerId: number;
  username: string;
  fullName: string;
  role: Role;
  area: AreaScope;
  /** Set for rp_staff: the relying party (counter) they verify people for. */
  relyingPartyId: number | null;
  csrfToken: string;
}

/** A signed-in citizen (e-ID account); `level` is the assurance level of the account (1 or 2). */
export interface CitizenCaller {
  kind: 'citizen';
  accountId: number;
  personId: number;
  personalId: string;
  level: 1 | 2;
  /** Handle of the session (the stored HMAC of its token), for listing and revoking. */
  sessionId: string;
  csrfToken: string;
}

/** A relying party's own system calling with its API key (Authorization: Bearer). */
export interface RelyingPartyCaller {
  kind: 'relying_party';
  relyingPartyId: number;
}

export type Caller = OfficerCaller | CitizenCaller | RelyingPartyCaller | { kind: 'anonymous' };

/** Whoever verifies at a counter: a staff member signed in, or the relying party's system. */
export interface VerifierCaller {
  relyingPartyId: number;
  /** The staff member's officer id; null when the relying party's system called with its API key. */
  staffId: number | null;
}

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
  }
  interface FastifyContextConfig {
    /** Every route states who may call it; a route without it is refused at start-up. */
    access?: { tier: 'public' } | { tier: 'citizen' } | { tier: 'officer'; permission: Permission } | { tier: 'verifier' };
  }
}

export function can(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly string[]).includes(permission);
}

type Handler<C> = (req: FastifyRequest, caller: C, reply: FastifyReply) => unknown;
type RouteSpec<C> = Omit<RouteOptions, 'handler'> & { handler: Handler<C> };
type Access = NonNullable<FastifyContextConfig['access']>;

/**
 * The route as Fastify takes it: its tier in the route config (checked at start-up) and in the OpenAPI
 * document (`x-access`), and the caller check as a route `onRequest` hook. That hook runs after the
 * global one that resolves the caller (app.ts) and before the body is read and validated, so an
 * anonymous or unauthorised call is refused as such whatever it sends (edge.test.ts "answers 401 ...").
 */
function declare(spec: RouteSpec<never>, access: Access, check?: (req: FastifyRequest) => void): Omit<RouteOptions, 'handler'> {
  const label = access.tier === 'officer' ? `officer:${access.permission}` : access.tier;
  const schema: FastifySchema & { 'x-access': string } = { ...spec.schema, 'x-access': label };
  return {
    ...spec,
    schema,
    config: { ...spec.config, access },
    // First of the route's own hooks: nothing of the route runs for a caller it refuses.
    ...(check && { onRequest: [async (req: FastifyRequest) => check(req), ...[spec.onRequest ?? []].flat()] }),
  };
}

function requireCsrf(req: FastifyRequest, csrfToken: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD' && req.headers['x-csrf-token'] !== csrfToken) {
    throw new DomainError('CSRF_INVALID');
  }
}

/** A route anyone may call (health, reference data, login). */
export function publicRoute(spec: RouteSpec<Caller>): RouteOptions {
  return {
    ...declare(spec, { tier: 'public' }),
    handler: (req, reply) => spec.handler(req, req.caller, reply),
  } as RouteOptions;
}

/** A route for signed-in officers holding `permission`; writes also need the CSRF header. */
export function officerRoute(permission: Permission, spec: RouteSpec<OfficerCaller>): RouteOptions {
  return {
    ...declare(spec, { tier: 'officer', permission }, (req) => {
      const caller = req.caller;
      if (caller.kind !== 'officer') throw new DomainError('UNAUTHENTICATED');
      if (!can(caller.role, permission)) throw new DomainError('FORBIDDEN');
      requireCsrf(req, caller.csrfToken);
    }),
    handler: (req, reply) => spec.handler(req, req.caller as OfficerCaller, reply),
  } as RouteOptions;
}

/** A route for a signed-in citizen acting on their own account; writes also need the CSRF header. */
export function citizenRoute(spec: RouteSpec<CitizenCaller>): RouteOptions {
  return {
    ...declare(spec, { tier: 'citizen' }, (req) => {
      const caller = req.caller;
      if (caller.kind !== 'citizen') throw new DomainError('UNAUTHENTICATED');
      requireCsrf(req, caller.csrfToken);
    }),
    handler: (req, reply) => spec.handler(req, req.caller as CitizenCaller, reply),
  } as RouteOptions;
}

/**
 * A route for verifying people at a relying party's counter: its staff signed in (rp_staff, CSRF header
 * on writes) or its system with its API key. The handler learns which relying party is asking.
 */
export function verifierRoute(spec: RouteSpec<VerifierCaller>): RouteOptions {
  const verifierOf = (req: FastifyRequest): VerifierCaller => {
    const caller = req.caller;
    if (caller.kind === 'relying_party') return { relyingPartyId: caller.relyingPartyId, staffId: null };
    if (caller.kind !== 'officer') throw new DomainError('UNAUTHENTICATED');
    if (!can(caller.role, 'credentials.verify') || caller.relyingPartyId === null) throw new DomainError('FORBIDDEN');
    requireCsrf(req, caller.csrfToken);
    return { relyingPartyId: caller.relyingPartyId, staffId: caller.officerId };
  };
  return {
    ...declare(spec, { tier: 'verifier' }, verifierOf),
    handler: (req, reply) => spec.handler(req, verifierOf(req), reply),
  } as RouteOptions;
}
