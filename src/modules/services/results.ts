import type { Db } from '../../platform/db.js';
import { createServicesStore } from './store.js';

/** The dossier a result document is read for (the approval's or the return's officer reads it). */
export interface ResultSource {
  id: number;
  code: string;
  applicantPersonalId: string;
  actor: { officerId: number; fullName: string };
}
/** A result document read once an approval has committed (the CT07 content), as the timeline records it. */
export interface ResultDocument {
  comment: string;
  data: Record<string, unknown>;
}
/** Readers of result documents, by the procedure's effect (effects.ts `registryResults`). */
export type ResultReaders = Partial<Record<string, (d: ResultSource) => Promise<ResultDocument>>>;
/** Where a failure that no request answers is told (compose passes the server's logger). */
export interface ErrorLog {
  error(obj: object, msg: string): void;
  warn?(obj: object, msg: string): void;
}

export const RESULT_MISSING = 'Chưa lập được kết quả; cán bộ lập lại khi trả kết quả';

/**
 * Reads a result document and records it on the dossier's timeline (its own transaction); a failure is logged and
 * recorded as `result_missing` on the timeline (citizen and officer see it), and the return of the result reads it
 * again (officer-service.ts): an approved dossier never ends silently without its result.
 */
export async function recordResult(db: Db, read: () => Promise<ResultDocument>, dossierId: number, log?: ErrorLog): Promise<boolean> {
  const store = createServicesStore(db);
  try {
    const r = await read();
    await db.transaction((t) => store.insertEvent(t, {
      dossierId, at: new Date(), action: 'result', fromState: 'processed', toState: 'processed', actorKind: 'system', actorId: 'registry',
      actorName: null, comment: r.comment, data: r.data,
    }));
    return true;
  } catch (err) {
    log?.error({ err, dossierId }, 'services: the result document could not be read or recorded');
    await db.transaction((t) => store.insertEvent(t, {
      dossierId, at: new Date(), action: 'result_missing', fromState: 'processed', toState: 'processed', actorKind: 'system', actorId: 'registry',
      actorName: null, comment: RESULT_MISSING, data: null,
    })).catch((e: unknown) => log?.error({ err: e, dossierId }, 'services: the missing result could not be recorded'));
    return false;
  }
}
