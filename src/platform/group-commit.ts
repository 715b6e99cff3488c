import type { Db, Queryable } from './db.js';

/**
 * Group commit: items added while a transaction is being written wait and go together in the next
 * one, so many concurrent requests cost one commit instead of one each. `add` resolves once its
 * item is committed (or rejects with the batch's error).
 */
export class GroupCommit<T> {
  private pending: { item: T; done: (err?: unknown) => void }[] = [];
  private flushing: Promise<void> | null = null;

  constructor(
    private readonly db: Db,
    private readonly write: (tx: Queryable, items: T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, done: (err) => (err ? reject(err) : resolve()) });
      if (!this.flushing) this.flushing = this.flushLoop();
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0, this.maxBatch);
      try {
        await this.db.transaction((tx) => this.write(tx, batch.map((b) => b.item)));
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.done(err);
      }
    }
    this.flushing = null;
  }

  /** Waits for everything added so far. */
  async drain(): Promise<void> {
    while (this.flushing) await this.flushing;
  }
}
