import type { Db } from '../../platform/db.js';
import type { Sex } from './personal-id.js';
import type { RegistryService } from './service.js';

/** What `allocateUnderLoad` does: how many transactions at once, how many IDs in all, of which prefix. */
export interface AllocationLoad {
  /** Transactions running at the same time (the benchmark: 16 concurrent approvals). */
  concurrency: number;
  /** IDs to commit in all. */
  total: number;
  birthProvinceCode: string;
  sex: Sex;
  birthDate: string;
  /** Every n-th transaction rolls back after allocating (its number must come back); 0 = none. */
  rollbackEvery?: number;
}

/** What came of it: the committed IDs in commit order, how many transactions rolled back, and the wall time. */
export interface AllocationOutcome {
  ids: string[];
  rolledBack: number;
  ms: number;
}

class RolledBack extends Error {}

/**
 * Allocates personal IDs from `concurrency` transactions at once, each one ID in its own transaction
 * (as an approval does), until `total` have committed. For the concurrency tests and the `services`
 * benchmark (`services.allocate_id.per_s` = total / seconds; duplicates = total − distinct IDs).
 */
export async function allocateUnderLoad(db: Db, registry: Pick<RegistryService, 'allocatePersonalId'>, load: AllocationLoad): Promise<AllocationOutcome> {
  const ids: string[] = [];
  let started = 0;
  let rolledBack = 0;
  const t0 = performance.now();
  const worker = async () => {
    // Committed plus in flight (a transaction rolled back no longer counts): start another while short of `total`.
    while (started - rolledBack < load.total) {
      const n = ++started;
      const rollback = !!load.rollbackEvery && n % load.rollbackEvery === 0;
      try {
        const id = await db.transaction(async (tx) => {
          const allocated = await registry.allocatePersonalId(tx, { birthProvinceCode: load.birthProvinceCode, sex: load.sex, birthDate: load.birthDate });
          if (rollback) throw new RolledBack();
          return allocated;
        });
        ids.push(id);
      } catch (err) {
        if (!(err instanceof RolledBack)) throw err;
        rolledBack += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: load.concurrency }, worker));
  return { ids, rolledBack, ms: performance.now() - t0 };
}
