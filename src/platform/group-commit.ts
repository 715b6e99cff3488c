import { commitHookMark, rollBackCommitHooks, type Db, type Transaction } from './db.js';
import { outsideContext } from './context.js';

interface Member<T> {
  item: T;
  done: (err?: unknown) => void;
}

/**
 * Group commit: items added while a transaction is being written wait and go together in the next
 * one, so many concurrent requests cost one commit instead of one each. `add` resolves once its
 * item is committed, or rejects with the error of its own write: when a grouped transaction fails,
 * its members are written again one by one, so one request's bad row never fails the others.
 *
 * `write` may therefore be called more than once for an item (first with its group, then alone):
 * whatever it records on an item must be set afresh on each call, never only accumulated.
 */
export class GroupCommit<T> {
  private pending: Member<T>[] = [];
  private flushing: Promise<void> | null = null;
  /** Groups committed whose flush to disk is still awaited. */
  private readonly syncing = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly write: (tx: Transaction, items: T[]) => Promise<void>,
    private readonly maxBatch = 500,
  ) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, done: (err) => (err ? reject(err) : resolve()) });
      // The flush serves every member: it runs outside the request that happened to start it.
      if (!this.flushing) this.flushing = outsideContext(() => this.flushLoop());
    });
  }

  private async flushLoop(): Promise<void> {
    while (this.pending.length) {
      const batch = this.pending.splice(0, this.maxBatch);
      try {
        // The next group is written while this one waits for the disk (its members resolve only then).
        const { durable } = await this.db.transactionStaged((tx) => this.write(tx, batch.map((b) => b.item)));
        const settled = durable.then(() => { for (const b of batch) b.done(); }, (err: unknown) => { for (const b of batch) b.done(err); });
        this.syncing.add(settled);
        void settled.then(() => this.syncing.delete(settled));
      } catch (err) {
        if (batch.length === 1) batch[0].done(err);
        else await this.writeOneByOne(batch);
      }
    }
    this.flushing = null;
  }

  /**
   * The members of a failed group, again in one transaction, each behind its own savepoint: a member
   * whose write fails is rolled back to its savepoint and gets that error; the others still commit
   * together (one commit, not one per member). If the transaction itself fails, every member not
   * already failed gets its error. (platform/group-commit.test.ts)
   */
  private async writeOneByOne(batch: Member<T>[]): Promise<void> {
    const failed = new Map<Member<T>, unknown>();
    try {
      await this.db.transaction(async (tx) => {
        for (const member of batch) {
          await tx.query('SAVEPOINT group_member');
          const mark = commitHookMark(tx);
          try {
            await this.write(tx, [member.item]);
            await tx.query('RELEASE SAVEPOINT group_member');
          } catch (err) {
            await tx.query('ROLLBACK TO SAVEPOINT group_member');
            // What the member's write would have done on commit goes with its rows.
            rollBackCommitHooks(tx, mark);
            failed.set(member, err);
          }
        }
      });
    } catch (err) {
      for (const member of batch) member.done(failed.get(member) ?? err);
      return;
    }
    for (const member of batch) member.done(failed.get(member));
  }

  /** Waits for everything added so far. */
  async drain(): Promise<void> {
    while (this.flushing || this.syncing.size) {
      await this.flushing;
      await Promise.all(this.syncing);
    }
  }
}
