/**
 * Keeps the portal in step with da06's dossiers: status changes of one dossier are pushed one after
 * the other in the order they happened (those of different dossiers in parallel), results likewise.
 * A push the client gives up on (after its own retries) goes to a dead-letter list — in memory here,
 * and to the `onDeadLetter` hook, through which the module's core persists it — and can be replayed
 * later with the same idempotency key, so the portal records it once however often it is sent.
 *
 * When the portal is down, a circuit opens after `breakAfter` consecutive unavailable pushes: for
 * `cooldownMs` new pushes go straight to the dead letters instead of each waiting out its retries.
 */
import { DvcqgError, resultKey, statusKey, type DossierResult, type DvcqgPortal, type StatusUpdate } from './dvcqg.js';

export type DeadLetter =
  | { kind: 'status'; key: string; dossierCode: string; update: StatusUpdate; error: DeadLetterError; at: Date }
  | { kind: 'result'; key: string; dossierCode: string; result: DossierResult; error: DeadLetterError; at: Date };

export interface DeadLetterError {
  kind: DvcqgError['kind'] | 'circuit_open';
  message: string;
  status?: number;
}

export type SyncOutcome = { sent: true; lastSeq?: number; duplicate?: boolean } | { sent: false; deadLetter: DeadLetter };

export interface DvcqgSyncOptions {
  /** Called for every dead letter, after it is added to the list; the core persists it here. */
  onDeadLetter?: (letter: DeadLetter) => void | Promise<void>;
  breakAfter?: number;
  cooldownMs?: number;
  now?: () => number;
}

export class DvcqgSync {
  private readonly chains = new Map<string, Promise<unknown>>();
  private readonly letters: DeadLetter[] = [];
  private consecutiveUnavailable = 0;
  private openUntil = 0;
  private readonly breakAfter: number;
  private readonly cooldownMs: number;
  private readonly now: () => number;

  constructor(private readonly portal: DvcqgPortal, private readonly options: DvcqgSyncOptions = {}) {
    this.breakAfter = options.breakAfter ?? 3;
    this.cooldownMs = options.cooldownMs ?? 30_000;
    this.now = options.now ?? Date.now;
  }

  /** Queues a status change behind the dossier's earlier ones; resolves once it is sent or dead-lettered. */
  pushStatus(update: StatusUpdate): Promise<SyncOutcome> {
    const seq = update.history[update.history.length - 1]?.seq ?? 0;
    const letter = (error: DeadLetterError): DeadLetter => ({
      kind: 'status', key: statusKey(update.dossierCode, seq), dossierCode: update.dossierCode, update, error, at: new Date(this.now()),
    });
    return this.inOrder(update.dossierCode, async () => {
      const ack = await this.portal.pushStatus(update);
      return { sent: true as const, lastSeq: ack.lastSeq, duplicate: ack.duplicate };
    }, letter);
  }

  pushResult(result: DossierResult): Promise<SyncOutcome> {
    const letter = (error: DeadLetterError): DeadLetter => ({
      kind: 'result', key: resultKey(result.dossierCode, result.file.sha256), dossierCode: result.dossierCode, result, error, at: new Date(this.now()),
    });
    return this.inOrder(result.dossierCode, async () => {
      await this.portal.pushResult(result);
      return { sent: true as const };
    }, letter);
  }

  /** The pushes given up on, oldest first. */
  deadLetters(): readonly DeadLetter[] {
    return [...this.letters];
  }

  /**
   * Sends the dead letters again, oldest first (so each dossier's stay in order); those that fail
   * again come back to the list. Answers how many went through.
   */
  async replay(): Promise<number> {
    const pending = this.letters.splice(0);
    this.openUntil = 0;
    const outcomes = await Promise.all(pending.map((l) => (l.kind === 'status' ? this.pushStatus(l.update) : this.pushResult(l.result))));
    return outcomes.filter((o) => o.sent).length;
  }

  /** Resolves when every queued push has been sent or dead-lettered. */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.allSettled([...this.chains.values()]);
  }

  private inOrder(dossierCode: string, send: () => Promise<SyncOutcome>, letter: (e: DeadLetterError) => DeadLetter): Promise<SyncOutcome> {
    const previous = this.chains.get(dossierCode) ?? Promise.resolve();
    // A push that threw (a malformed update) must not stop the dossier's later ones.
    const next = previous.catch(() => undefined).then(() => this.attempt(send, letter));
    this.chains.set(dossierCode, next);
    const forget = () => {
      if (this.chains.get(dossierCode) === next) this.chains.delete(dossierCode);
    };
    next.then(forget, forget);
    return next;
  }

  private async attempt(send: () => Promise<SyncOutcome>, letter: (e: DeadLetterError) => DeadLetter): Promise<SyncOutcome> {
    if (this.now() < this.openUntil) {
      return this.deadLetter(letter({ kind: 'circuit_open', message: 'Cổng DVCQG đang không kết nối được; yêu cầu chờ gửi lại / the portal is down, kept to replay' }));
    }
    try {
      const outcome = await send();
      this.consecutiveUnavailable = 0;
      return outcome;
    } catch (err) {
      if (!(err instanceof DvcqgError)) throw err;
      if (err.retryable && ++this.consecutiveUnavailable >= this.breakAfter) this.openUntil = this.now() + this.cooldownMs;
      return this.deadLetter(letter({ kind: err.kind, message: err.message, ...(err.details.status ? { status: err.details.status } : {}) }));
    }
  }

  private async deadLetter(letter: DeadLetter): Promise<SyncOutcome> {
    this.letters.push(letter);
    await this.options.onDeadLetter?.(letter);
    return { sent: false, deadLetter: letter };
  }
}
