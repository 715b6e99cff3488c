/**
 * Collects single-key reads made in the same turn of the event loop and runs them as one query
 * (the DataLoader pattern). Under load, many HTTP requests are parsed in one poll phase: their reads
 * leave as one round trip instead of one each, which saves a database wake-up, a statement start and
 * a socket write per read. Alone, a read waits only for `setImmediate` (microseconds).
 *
 * `run` receives the keys in order and must answer one result per key, in the same order
 * (`undefined` where nothing was found). A failure of `run` fails every read of that batch.
 */
export function createBatcher<K, V>(run: (keys: K[]) => Promise<(V | undefined)[]>, maxBatch = 64) {
  let pending: { key: K; resolve: (v: V | undefined) => void; reject: (err: unknown) => void }[] = [];
  let scheduled = false;

  async function runBatch(batch: typeof pending) {
    try {
      const results = await run(batch.map((b) => b.key));
      for (let i = 0; i < batch.length; i++) batch[i].resolve(results[i]);
    } catch (err) {
      for (const b of batch) b.reject(err);
    }
  }

  function flush() {
    scheduled = false;
    const all = pending;
    pending = [];
    for (let i = 0; i < all.length; i += maxBatch) void runBatch(all.slice(i, i + maxBatch));
  }

  return {
    load(key: K): Promise<V | undefined> {
      return new Promise((resolve, reject) => {
        pending.push({ key, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}
