import { AsyncLocalStorage } from 'node:async_hooks';
import type { Caller } from './access.js';
import type { AuditAction } from './audit.js';

/**
 * What the platform knows about the request being served, wherever the code runs: who calls, the
 * request id, the purpose declared for it and the audit action its route declared. Set by the route
 * helpers (access.ts) around each handler; background work (group commits, jobs, the CLI) runs
 * without one or under `runAs`.
 */
export interface RequestContext {
  caller: Caller;
  requestId?: string;
  /** Why the data is read or changed (the route's declaration, or the caller's stated purpose). */
  purpose?: string;
  /** The write action the route declared: `audited` writes it once, in the transaction of the write. */
  writeAction?: AuditAction;
  /** A personal-data read: its declared action and fields (an event stream records its parts with them: access.ts `streamedRead`). */
  read?: { action: AuditAction; fields: readonly string[] };
  /** `{ oneOf }` routes: the actions their module chooses from, one entry of one of them per success. */
  oneOf?: readonly AuditAction[];
  /**
   * Entries of this request in the audit chain, by action, counted when their transaction commits (audit.ts):
   * a write rolled back counts nothing. Entries written by a group commit for this request count too.
   */
  committed?: Map<string, number>;
  /**
   * Set by `unchanged()`: the declared write found nothing to change (an idempotent repeat), or the scan of
   * a `{ oneOf }` route identified nobody, so it owes no entry.
   */
  unchanged?: boolean;
  /** An actor that is not a signed-in caller: a relying party's system, the CLI, a job. */
  actor?: { kind: 'officer' | 'citizen' | 'system' | 'cli'; id: string; name?: string };
}

const storage = new AsyncLocalStorage<RequestContext>();

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

export function runInContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** Requests being served, by request id: what an entry written for one of them counts towards (audit.ts). */
const served = new Map<string, RequestContext>();

/** Serves a request in its context (access.ts), known by its id until it is answered. */
export async function serveInContext<T>(context: RequestContext, fn: () => Promise<T>): Promise<T> {
  if (context.requestId) served.set(context.requestId, context);
  try {
    return await storage.run(context, fn);
  } finally {
    if (context.requestId) served.delete(context.requestId);
  }
}

/** The context of a request still being served. */
export function servedRequest(requestId: string): RequestContext | undefined {
  return served.get(requestId);
}

/**
 * Runs `fn` with another actor than the signed-in caller: the officer or citizen a sign-in or a
 * registration authenticates (the request came in anonymous). The request's own context is left as it is.
 */
export function runAs<T>(actor: NonNullable<RequestContext['actor']>, fn: () => T): T {
  const ctx = storage.getStore();
  return ctx ? storage.run({ ...ctx, actor }, fn) : fn();
}

/** Work done outside any request (a group commit's flush serves many requests: it runs in none). */
export function outsideContext<T>(fn: () => T): T {
  return storage.exit(fn);
}
