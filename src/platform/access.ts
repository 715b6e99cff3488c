import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { DomainError } from './errors.js';

/**
 * Officer roles and what each may do. Deny by default: a permission not listed is refused.
 * `sso.signin`: sign in to provincial systems registered for officers (OpenID Connect, audience officer).
 */
export const ROLE_PERMISSIONS = {
  commune_registry: ['registry.read', 'registry.write', 'units.read', 'eid.upgrade', 'sso.signin'],
  province_registry: ['registry.read', 'registry.write', 'registry.import', 'units.read', 'eid.upgrade', 'sso.signin'],
  auditor: ['registry.read', 'audit.read', 'units.read', 'sso.signin'],
  admin: ['units.read', 'officers.manage', 'sso.manage', 'sso.signin'],
} as const satisfies Record<string, readonly string[]>;

export type Role = keyof typeof ROLE_PERMISSIONS;
export type Permission = (typeof ROLE_PERMISSIONS)[Role][number];

export const ROLE_LABELS: Record<Role, string> = {
  commune_registry: 'Cán bộ đăng ký cư trú cấp xã',
  province_registry: 'Cán bộ quản lý dân cư cấp tỉnh',
  auditor: 'Kiểm tra viên (giám sát truy cập)',
  admin: 'Quản trị hệ thống',
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

export type Caller = OfficerCaller | CitizenCaller | { kind: 'anonymous' };

declare module 'fastify' {
  interface FastifyRequest {
    caller: Caller;
  }
  interface FastifyContextConfig {
    /** Every route states who may call it; a route without it is refused at start-up. */
    access?: { tier: 'public' } | { tier: 'citizen' } | { tier: 'officer'; permission: Permission };
  }
}

export function can(role: Role, permission: Permission): boolean {
  return (ROLE_PERMISSIONS[role] as readonly string[]).includes(permission);
}

type Handler<C> = (req: FastifyRequest, caller: C, reply: FastifyReply) => unknown;
type RouteSpec<C> = Omit<RouteOptions, 'handler'> & { handler: Handler<C> };

/** A route anyone may call (health, reference data, login). */
export function publicRoute(spec: RouteSpec<Caller>): RouteOptions {
  return {
    ...spec,
    config: { ...spec.config, access: { tier: 'public' } },
    handler: (req, reply) => spec.handler(req, req.caller, reply),
  } as RouteOptions;
}

/** A route for signed-in officers holding `permission`; writes also need the CSRF header. */
export function officerRoute(permission: Permission, spec: RouteSpec<OfficerCaller>): RouteOptions {
  return {
    ...spec,
    config: { ...spec.config, access: { tier: 'officer', permission } },
    preHandler: async (req: FastifyRequest) => {
      const caller = req.caller;
      if (caller.kind !== 'officer') throw new DomainError('UNAUTHENTICATED');
      if (!can(caller.role, permission)) throw new DomainError('FORBIDDEN');
      if (req.method !== 'GET' && req.method !== 'HEAD' && req.headers['x-csrf-token'] !== caller.csrfToken) {
        throw new DomainError('CSRF_INVALID');
      }
    },
    handler: (req, reply) => spec.handler(req, req.caller as OfficerCaller, reply),
  } as RouteOptions;
}

/** A route for a signed-in citizen acting on their own account; writes also need the CSRF header. */
export function citizenRoute(spec: RouteSpec<CitizenCaller>): RouteOptions {
  return {
    ...spec,
    config: { ...spec.config, access: { tier: 'citizen' } },
    preHandler: async (req: FastifyRequest) => {
      const caller = req.caller;
      if (caller.kind !== 'citizen') throw new DomainError('UNAUTHENTICATED');
      if (req.method !== 'GET' && req.method !== 'HEAD' && req.headers['x-csrf-token'] !== caller.csrfToken) {
        throw new DomainError('CSRF_INVALID');
      }
    },
    handler: (req, reply) => spec.handler(req, req.caller as CitizenCaller, reply),
  } as RouteOptions;
}
