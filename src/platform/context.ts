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
  /** Entries of `writeAction` written so far. */
  written: number;
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

/** Work done outside any request (a group commit's flush serves many requests: it runs in none). */
export function outsideContext<T>(fn: () => T): T {
  return storage.exit(fn);
}
