import type { Db, Queryable } from './db.js';
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
 *
 * With `lanes` 2 (the audit writer's), two groups may be in flight at once: the next group's BEGIN and first statements overlap
 * the previous group's last statements and commit instead of waiting for them. Whatever the two
 * must not do at the same time the database orders, as it does for two API nodes sharing it (the
 * audit chain's advisory lock, unique keys, `ON CONFLICT`): a lane adds no interleaving that a second
 * node does not.
 */
export class GroupCommit<T> {
  private pending: Member<T>[] = [];
  /** Lanes flushing now; a lane counts itself out in the same turn as it sees nothing pending. */
  private active = 0;
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly db: Db,
    private readonly write: (tx: Queryable, items: T[]) => Promise<void>,
    private readonly maxBatch = 500,
    private readonly lanes = 1,
  ) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ item, done: (err) => (err ? reject(err) : resolve()) });
      if (this.active >= this.lanes) return;
      this.active += 1;
      // The flush serves every member: it runs outside the request that happened to start it.
      const lane = outsideContext(() => this.flushLoop());
      this.running.add(lane);
      void lane.then(() => this.running.delete(lane));
    });
  }

  private async flushLoop(): Promise<void> {
    for (;;) {
      if (!this.pending.length) {
        this.active -= 1;
        return;
      }
      const batch = this.pending.splice(0, this.maxBatch);
      try {
        await this.db.transaction((tx) => this.write(tx, batch.map((b) => b.item)));
        for (const b of batch) b.done();
      } catch (err) {
        if (batch.length === 1) batch[0].done(err);
        else await this.writeOneByOne(batch);
      }
    }
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
          try {
            await this.write(tx, [member.item]);
            await tx.query('RELEASE SAVEPOINT group_member');
          } catch (err) {
            await tx.query('ROLLBACK TO SAVEPOINT group_member');
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
    while (this.running.size) await Promise.all(this.running);
  }
}
