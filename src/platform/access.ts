import type {
  FastifyContextConfig, FastifyInstance, FastifySchema, FastifyReply, FastifyRequest, RawRequestDefaultExpression, RawServerDefault, RouteGenericInterface, RouteOptions,
} from 'fastify';
import type { ResolveFastifyReplyReturnType } from 'fastify/types/type-provider.js';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { DomainError } from './errors.js';
import { actorOf, committedCount, type AuditAction, type AuditSubject, type AuditWriter } from './audit.js';
import { currentContext, serveInContext, type RequestContext } from './context.js';

/**
 * Permissions: each module defines the permissions its routes need, with Vietnamese labels, using
 * `definePermissions`, and adds them to `Permissions` by declaration merging. Which role holds which
 * permission is the deployment's choice, made in one file of the composition root (src/roles.ts).
 * Deny by default: a permission a role does not list is refused.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Permissions {}
export type Permission = keyof Permissions & string;
/** The permission names of a catalogue, as an interface can extend them. */
export type PermissionsOf<T> = { [K in keyof T]: true };

const permissionRegistry = new Map<string, string>();

/** A module's permissions and their labels. */
export function definePermissions<const T extends Record<string, string>>(labels: T): T {
  for (const [name, label] of Object.entries(labels)) {
    if (permissionRegistry.has(name) && permissionRegistry.get(name) !== label) throw new Error(`Permission ${name} is defined twice`);
    permissionRegistry.set(name, label);
  }
  return labels;
}

export function permissionCatalogue(): ReadonlyMap<string, string> {
  return permissionRegistry;
}

/** Officer roles of a deployment: a label and the permissions each holds (src/roles.ts). */
export type RoleTable = Readonly<Record<string, {
  label: string;
  permissions: readonly Permission[];
  /**
   * The area an account of this role is given: a commune, the province, or (counter staff) its relying
   * party's. An administrator assigns no role whose area is not stated, and no area above the role's level.
   */
  area?: 'commune' | 'province' | 'relying_party';
  /**
   * Accounts of this role are created, reset, disabled and re-enabled by the operator only (`da06 officers`),
   * never by a province administrator: the roles that administer the accounts or watch those who do.
   */
  operatorOnly?: boolean;
}>>;

/** The administrative area an officer is limited to (codes of the 2025 scheme). */
export type AreaScope = { level: 'commune'; code: string } | { level: 'province'; code: string };

export interface OfficerCaller {
  kind: 'officer';
  officerId: number;
  username: string;
  fullName: string;
  role: string;
  roleLabel: string;
  /** What the role holds (the composition root's role table), resolved with the session. */
  permissions: ReadonlySet<Permission>;
  area: AreaScope;
  /** Set for rp_staff: the relying party (counter) they verify people for. */
  relyingPartyId: number | null;
  /**
   * Signed in with a one-time password not yet replaced: the session holds only what lets the officer
   * change it (their role's permissions come back once they have).
   */
  mustChangePassword?: boolean;
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
  interface FastifyInstance {
    /** access.ts useVerifierRelyingPartyCheck. */
    verifierRelyingPartyCheck?: (relyingPartyId: number) => Promise<void>;
  }
  interface FastifyContextConfig {
    /** Every route states who may call it; a route without it is refused at start-up. */
    access?: { tier: 'public' } | { tier: 'citizen' } | { tier: 'officer'; permission: Permission } | { tier: 'verifier' };
    /** The audit action a route declared (access.ts `RouteSpec.audit`). */
    audit?: AuditAction;
  }
}

export function can(caller: OfficerCaller, permission: Permission): boolean {
  return caller.permissions.has(permission);
}

/** The request as the route's schema types it: params, querystring, body and headers from their TypeBox schemas. */
export type TypedRequest<S extends FastifySchema> = FastifyRequest<RouteGenericInterface, RawServerDefault, RawRequestDefaultExpression, S, TypeBoxTypeProvider>;
/** What the handler may return: a value of one of the route's response schemas, or the reply it sent itself. */
export type TypedResult<S extends FastifySchema> = ResolveFastifyReplyReturnType<TypeBoxTypeProvider, S, RouteGenericInterface> | FastifyReply | Promise<FastifyReply>;

/**
 * How a personal-data read is audited: one entry per subject in the answer (a list of five people:
 * five entries), written and durable before the answer leaves (AuditWriter). `subjects` reads them
 * from the handler's result, so the entries name exactly who was shown.
 */
export interface ReadAudit<R, Q = FastifyRequest> {
  action: AuditAction;
  fields: readonly string[];
  /** The request is there for a subject the answer does not name (a dashboard of the unit asked for). */
  subjects: (result: R, req: Q) => readonly AuditSubject[];
  /** The purpose when the caller states none (`?purpose=`). */
  purpose?: string;
}

type Success<S extends FastifySchema> = Exclude<Awaited<ResolveFastifyReplyReturnType<TypeBoxTypeProvider, S, RouteGenericInterface>>, void>;

export interface RouteSpec<S extends FastifySchema, C> extends Omit<RouteOptions, 'handler' | 'schema'> {
  schema: S & { tags?: string[]; summary?: string; description?: string; hide?: boolean };
  /**
   * A write names its audit action: the service writes its entry with `audited(tx, ...)` in the
   * transaction of the change, exactly once per subject changed. A personal-data read declares how
   * to name the people it shows (`ReadAudit`). Everything else says `audit: 'none'` (a route that
   * neither changes anything nor shows personal data).
   * `{ oneOf }`: a write whose module chooses the action from what it finds and writes the entry itself
   * in the transaction of its row (a scan at a counter: identity QR, card, chip or wallet document;
   * none when the scan identifies nobody). The list is published (`x-audit: a | b`) and the audit walk
   * holds each such route to one entry of one of them per successful call.
   */
  audit: AuditAction | ReadAudit<Success<S>, TypedRequest<S>> | { oneOf: readonly AuditAction[] } | 'none';
  /** Why the route reads or changes personal data: the default purpose of its audit entries. */
  purpose?: string;
  handler: (req: TypedRequest<S>, caller: C, reply: FastifyReply) => TypedResult<S>;
}
type Access = NonNullable<FastifyContextConfig['access']>;

let auditWriter: AuditWriter | undefined;
/** The writer that read entries go through; set once by the composition root. */
export function useAuditWriter(writer: AuditWriter): void {
  auditWriter = writer;
}

/**
 * The route as Fastify takes it: its tier in the route config (checked at start-up) and in the OpenAPI
 * document (`x-access`, `x-audit`), the caller check as a route `onRequest` hook, and the handler run
 * in a request context (context.ts) that carries the caller, request id, purpose and audit action.
 * The tier hook runs after the global one that resolves the caller (app.ts) and before the body is
 * read and validated, so an anonymous or unauthorised call is refused as such whatever it sends
 * (edge.test.ts "answers 401 ...").
 */
function declare<S extends FastifySchema, C>(
  spec: RouteSpec<S, C>, access: Access, callerOf: (req: FastifyRequest) => C, check?: (req: FastifyRequest) => void | Promise<void>,
): RouteOptions {
  const label = access.tier === 'officer' ? `officer:${access.permission}` : access.tier;
  const { audit, purpose, handler, ...route } = spec;
  const read = typeof audit === 'object' && 'action' in audit ? audit : undefined;
  const chosen = typeof audit === 'object' && 'oneOf' in audit ? audit.oneOf : undefined;
  const writeAction = typeof audit === 'string' && audit !== 'none' ? audit : undefined;
  const schema = {
    ...spec.schema, 'x-access': label, ...(read && { 'x-audit': read.action }), ...(writeAction && { 'x-audit': writeAction }),
    ...(chosen && { 'x-audit': chosen.join(' | ') }),
  };
  return {
    ...route,
    schema,
    config: { ...spec.config, access, ...((read || writeAction) && { audit: read?.action ?? writeAction }) },
    // First of the route's own hooks: nothing of the route runs for a caller it refuses.
    ...(check && { onRequest: [async (req: FastifyRequest) => check(req), ...[spec.onRequest ?? []].flat()] }),
    handler: async (req: FastifyRequest, reply: FastifyReply) => {
      // Only a personal-data read takes a purpose from its caller (`?purpose=`); writes keep the one their route
      // declares. This wrapper does not know the route's schema, so it reads the query as unknown.
      const query: unknown = req.query;
      const stated = read && typeof query === 'object' && query !== null && 'purpose' in query ? query.purpose : undefined;
      const context: RequestContext = {
        caller: req.caller, requestId: req.id, purpose: typeof stated === 'string' && stated ? stated : (read?.purpose ?? purpose), writeAction, oneOf: chosen,
        ...(read && { read: { action: read.action, fields: read.fields } }),
      };
      return serveInContext(context, async () => {
        const result = await handler(req as TypedRequest<S>, callerOf(req), reply);
        // Durable before the answer leaves: no personal data is sent without its entry.
        if (read && result !== reply) await recordRead(context, read.subjects(result as Success<S>, req as TypedRequest<S>));
        // Entries count once their transaction has committed (audit.ts appendAudit): a write rolled back wrote none.
        // This runs after the write's commit, so a failure here answers 500 but cannot undo the change: the
        // platform learns the outcome (2xx or a refusal that keeps its bookkeeping, such as a sign-in's
        // back-off counter) only when the handler returns.
        if (writeAction && reply.statusCode < 300 && !context.unchanged && committedCount(context, [writeAction]) === 0) {
          throw new Error(`${spec.method} ${spec.url} declares ${writeAction} but its write wrote no audit entry`);
        }
        if (chosen && reply.statusCode < 300) {
          const n = committedCount(context, chosen);
          if (n !== (context.unchanged ? 0 : 1)) {
            throw new Error(`${spec.method} ${spec.url} declares one of ${chosen.join(' | ')} but wrote ${n} entries of them${context.unchanged ? ' while it identified nobody' : ''}`);
          }
        }
        return result;
      });
    },
  } as RouteOptions;
}

/** The entries of a personal-data read, one per subject shown, under the read its route declared; durable when it resolves. */
async function recordRead(ctx: RequestContext, subjects: readonly AuditSubject[]): Promise<void> {
  if (!ctx.read) throw new Error('recordRead outside a route that declares a personal-data read');
  const { action, fields } = ctx.read;
  if (!auditWriter) throw new Error('No audit writer: the composition root calls useAuditWriter');
  await auditWriter.recordAll(subjects.map((subject) => ({
    ...actorOf(ctx), action, subjectKind: subject.kind, subjectId: subject.id, fields: subject.fields ?? fields, purpose: ctx.purpose, requestId: ctx.requestId,
  })));
}

/**
 * A personal-data read whose answer leaves in parts after its handler has returned (a Server-Sent
 * Events stream that pushes each alert as it is raised). Called in the handler; the function it returns
 * records the subjects of one part under the route's declared read (its action and fields, the request's
 * actor, purpose and id) and resolves once they are durable: send the part after it.
 */
export function streamedRead<P>(subjects: (part: P) => readonly AuditSubject[]): (part: P) => Promise<void> {
  const ctx = currentContext();
  if (!ctx?.read) throw new Error('streamedRead outside a route that declares a personal-data read');
  return (part) => recordRead(ctx, subjects(part));
}

function requireCsrf(req: FastifyRequest, csrfToken: string): void {
  if (req.method !== 'GET' && req.method !== 'HEAD' && req.headers['x-csrf-token'] !== csrfToken) {
    throw new DomainError('CSRF_INVALID');
  }
}

/** A route anyone may call (health, reference data, login). */
export function publicRoute<S extends FastifySchema>(spec: RouteSpec<S, Caller>): RouteOptions {
  return declare(spec, { tier: 'public' }, (req) => req.caller);
}

/** A route for signed-in officers holding `permission`; writes also need the CSRF header. */
export function officerRoute<S extends FastifySchema>(permission: Permission, spec: RouteSpec<S, OfficerCaller>): RouteOptions {
  return declare(spec, { tier: 'officer', permission }, (req) => req.caller as OfficerCaller, (req) => {
    const caller = req.caller;
    if (caller.kind !== 'officer') throw new DomainError('UNAUTHENTICATED');
    if (!can(caller, permission)) throw new DomainError('FORBIDDEN');
    requireCsrf(req, caller.csrfToken);
  });
}

/** A route for a signed-in citizen acting on their own account; writes also need the CSRF header. */
export function citizenRoute<S extends FastifySchema>(spec: RouteSpec<S, CitizenCaller>): RouteOptions {
  return declare(spec, { tier: 'citizen' }, (req) => req.caller as CitizenCaller, (req) => {
    const caller = req.caller;
    if (caller.kind !== 'citizen') throw new DomainError('UNAUTHENTICATED');
    requireCsrf(req, caller.csrfToken);
  });
}

/** The permission a counter's staff need; defined by the module that serves verification (credentials). */
let verifyPermission: Permission | undefined;
export function useVerifierPermission(permission: Permission): void {
  verifyPermission = permission;
}

/**
 * Refuses a relying party that may no longer work at its counter (deactivated): the credentials module's
 * rule, given to each app instance (never a process global: several apps share a process in the tests).
 */
export function useVerifierRelyingPartyCheck(app: FastifyInstance, check: (relyingPartyId: number) => Promise<void>): void {
  app.decorate('verifierRelyingPartyCheck', check);
}

/**
 * A route for verifying people at a relying party's counter: its staff signed in (holding the
 * verification permission, CSRF header on writes, their relying party still active) or its system with
 * its API key (only an active one's is accepted). The handler learns which relying party is asking.
 */
export function verifierRoute<S extends FastifySchema>(spec: RouteSpec<S, VerifierCaller>): RouteOptions {
  const verifierOf = (req: FastifyRequest): VerifierCaller => {
    const caller = req.caller;
    if (caller.kind === 'relying_party') return { relyingPartyId: caller.relyingPartyId, staffId: null };
    if (caller.kind !== 'officer') throw new DomainError('UNAUTHENTICATED');
    if (!verifyPermission || !can(caller, verifyPermission) || caller.relyingPartyId === null) throw new DomainError('FORBIDDEN');
    requireCsrf(req, caller.csrfToken);
    return { relyingPartyId: caller.relyingPartyId, staffId: caller.officerId };
  };
  const check = async (req: FastifyRequest) => {
    const verifier = verifierOf(req);
    // A staff session outlives its relying party's deactivation: every counter route asks again (cached briefly).
    if (verifier.staffId !== null) await req.server.verifierRelyingPartyCheck?.(verifier.relyingPartyId);
  };
  return declare(spec, { tier: 'verifier' }, verifierOf, check);
}
