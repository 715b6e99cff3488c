import { actorOf, type AuditAction, type AuditWriter } from '../../platform/audit.js';
import { currentContext } from '../../platform/context.js';
import type { StayRow } from './store.js';
import { guestSubject } from './views.js';

/**
 * The entries of a read whose answer masks the identity numbers (the desk's guest list, the police
 * search): the route's ReadAudit only sees the answer, so the service names the people from the rows,
 * one entry each, durable before it returns. The route declares the action for the document.
 */
export async function recordMaskedRead(audit: AuditWriter, action: AuditAction, rows: StayRow[], fields: readonly string[], purpose: string): Promise<void> {
  const ctx = currentContext();
  if (!ctx) throw new Error('recordMaskedRead outside a request');
  await audit.recordAll(rows.map((r) => ({
    ...actorOf(ctx), action, ...guestSubject(r), fields, purpose: ctx.purpose ?? purpose, requestId: ctx.requestId,
  })));
}
