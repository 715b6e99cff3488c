import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';

/** Dates stay `YYYY-MM-DD` strings; bigint counts come back as numbers when safe. */
pg.types.setTypeParser(1082, (v: string) => v);
pg.types.setTypeParser(20, (v: string) => {
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : v;
});

export interface QueryResult<T> {
  rows: T[];
  rowCount: number;
}

/** What a store needs: parameterised queries. A transaction handle has the same shape. */
export interface Queryable {
  /**
   * A parameterised query. Hot paths pass a `name`: on PostgreSQL the statement is then prepared
   * once per connection and its plan reused (planning the person lookup costs more than running it).
   * A batch lookup joined with `unnest()` on a table that starts empty and grows stays unnamed: a plan
   * cached while the table was young keeps scanning the whole table (measured on oidc_payloads: 2,417
   * rows read per token refresh); planned per call, it uses the key.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], name?: string): Promise<QueryResult<T>>;
  /**
   * Runs a script of several statements without parameters (migrations) in one round trip; returns
   * the rows of its last statement. Under READ COMMITTED each statement of the script takes its own
   * snapshot, so a read that follows a lock in the same script sees every row committed before the
   * lock was granted (appendAudit).
   */
  exec<T = Record<string, unknown>>(sql: string): Promise<QueryResult<T>>;
}

declare const TRANSACTION: unique symbol;
/**
 * A handle inside a transaction (`Db.transaction`): what is written through it commits or rolls back as
 * one. Whatever must go with a change (its audit entry: `appendAudit`) takes this type, not a `Queryable`,
 * so that it cannot be written on its own by mistake.
 */
export interface Transaction extends Queryable {
  readonly [TRANSACTION]: true;
}

/** Work to do once a transaction has committed (nothing if it rolls back), by transaction handle. */
const commitHooks = new WeakMap<Queryable, (() => void)[]>();

function asTransaction(q: Queryable): Transaction {
  commitHooks.set(q, []);
  return q as Transaction;
}

function committed(tx: Queryable): void {
  const hooks = commitHooks.get(tx) ?? [];
  commitHooks.delete(tx);
  for (const hook of hooks) hook();
}

/** Transactions that commit without waiting for the disk; `Db.transaction` waits for it after releasing its locks. */
const flushLater = new WeakSet<Queryable>();

/**
 * Asks that `tx` commit without waiting for its write-ahead log to reach the disk, so that the locks it
 * holds are released before the fsync rather than after it (the audit chain's lock: every audited write
 * of the system queues on it). `Db.transaction` still resolves only once the commit is on disk: after the
 * COMMIT it waits for a flush of the log begun after it (one shared by every transaction waiting then),
 * so a caller sees exactly the durability of an ordinary commit. What others may see earlier — a row
 * committed but not yet on disk, for a millisecond or two — is what a crash in that window could lose,
 * together with the writes of any transaction that read it, since the log is flushed in order. PGlite:
 * nothing to do (one connection; its commits are not separately synced).
 */
export function commitBeforeFlush(tx: Transaction): void {
  flushLater.add(tx);
}

/** Whether `q` is a handle of a transaction still open (the type says so; this checks it at run time). */
export function isTransaction(q: Queryable): q is Transaction {
  return commitHooks.has(q);
}

/** Runs `fn` once `tx` has committed; never if it rolls back. */
export function afterCommit(tx: Transaction, fn: () => void): void {
  const hooks = commitHooks.get(tx);
  if (!hooks) throw new Error('afterCommit needs an open transaction');
  hooks.push(fn);
}

/**
 * For a savepoint: `mark` before the work behind it, `rollBackTo` after `ROLLBACK TO SAVEPOINT`, so that
 * what that work would have done on commit is forgotten with it (group-commit.ts).
 */
export const commitHookMark = (tx: Transaction): number => commitHooks.get(tx)?.length ?? 0;
export function rollBackCommitHooks(tx: Transaction, mark: number): void {
  commitHooks.get(tx)?.splice(mark);
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /**
   * The same transaction, resolved as soon as it has committed (its locks released, its connection back
   * in the pool), with `durable` resolving once the commit is on disk and its hooks have run. For a
   * group commit that may write its next group while this one's flush is under way. On PGlite (and for a
   * transaction that did not ask to commit before the flush) `durable` has already resolved.
   */
  transactionStaged<T>(fn: (tx: Transaction) => Promise<T>): Promise<{ result: T; durable: Promise<void> }>;
  /**
   * Resolves once every commit visible now is on disk: for what publishes a row others may have committed before
   * the fsync (`commitBeforeFlush`), such as a signed checkpoint of the audit chain's head. PGlite: at once.
   */
  flushed(): Promise<void>;
  /**
   * Bulk load with COPY FROM STDIN (text format); `lines` are tab-separated rows, or the whole
   * COPY text already joined (each row ending in a newline).
   */
  copyFrom(tx: Queryable, table: string, columns: string[], lines: string[] | string): Promise<void>;
  /**
   * Queries whose commits do not wait for the write-ahead log to reach disk (PostgreSQL
   * `synchronous_commit = off`): visible to everyone at once, but the last fraction of a second of
   * them may be lost if the server crashes. Only for rows whose loss is harmless (a freshly issued
   * token: its holder signs in again). PGlite: the same as the database.
   */
  relaxed(): Queryable;
  /**
   * Receives the NOTIFY messages of a channel (from any connection, any process on the same database)
   * until the returned function is called. PostgreSQL: one connection of its own, opened again (every
   * second until it succeeds) if the server drops it; messages sent meanwhile are lost, so once it
   * listens again `onGap` is told since when. PGlite: the embedded engine's own notifications, never lost.
   */
  listen(channel: string, onMessage: (payload: string) => void, onGap?: (since: Date) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

const PGLITE_PARSERS = {
  1082: (v: string) => v,
  20: (v: string) => {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : v;
  },
};

/** Embedded PostgreSQL (WebAssembly). `dataDir` undefined → in memory. */
export async function openPglite(dataDir?: string): Promise<Db> {
  const lite = await PGlite.create({ dataDir, extensions: { pg_trgm }, parsers: PGLITE_PARSERS });
  // PGlite is one connection: serialise transactions so that concurrent requests never interleave inside one.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };
  const raw = new WeakMap<Queryable, Pick<PGlite, 'query' | 'exec'>>();
  const wrap = (q: Pick<PGlite, 'query' | 'exec'>): Queryable => {
    const handle: Queryable = {
    async query<T>(sql: string, params?: unknown[]) {
      const r = await q.query<T>(sql, params as never[]);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec<T>(sql: string) {
      const results = await q.exec(sql);
      const last = results[results.length - 1];
      return { rows: (last?.rows ?? []) as T[], rowCount: last?.affectedRows ?? last?.rows.length ?? 0 };
    },
    };
    raw.set(handle, q);
    return handle;
  };
  const transaction = <T>(fn: (tx: Transaction) => Promise<T>): Promise<T> => serial(async () => {
    let handle: Transaction | undefined;
    try {
      const result = await lite.transaction((tx) => fn(handle = asTransaction(wrap(tx))));
      if (handle) committed(handle);
      return result;
    } finally {
      if (handle) commitHooks.delete(handle);
    }
  });
  return {
    kind: 'pglite',
    query: (sql, params) => serial(() => wrap(lite).query(sql, params)),
    transaction,
    transactionStaged: async (fn) => ({ result: await transaction(fn), durable: Promise.resolve() }),
    flushed: () => Promise.resolve(),
    exec: (sql) => serial(() => wrap(lite).exec(sql)),
    relaxed: () => ({ query: (sql, params) => serial(() => wrap(lite).query(sql, params)), exec: (sql) => serial(() => wrap(lite).exec(sql)) }),
    async copyFrom(tx, table, columns, lines) {
      // PGlite reads COPY input from a blob; inside its transaction handle the same `query` accepts it.
      const handle = raw.get(tx);
      if (!handle) throw new Error('copyFrom needs a transaction handle from this database');
      const blob = new Blob([copyText(lines)]);
      await handle.query(`COPY ${table} (${columns.join(', ')}) FROM '/dev/blob'`, [], { blob });
    },
    async listen(channel, onMessage) {
      if (!CHANNEL.test(channel)) throw new Error(`bad channel name ${channel}`);
      const stop = await lite.listen(channel, onMessage);
      return async () => {
        if (!lite.closed) await stop();
      };
    },
    close: () => lite.close(),
  };
}

/**
 * Waits for the write-ahead log to reach the disk up to a point after the caller's COMMIT: one durable
 * commit of a write of its own (`wal_flush`, one row), which flushes the log in order up to its own
 * record, so every commit before it too. Callers that arrive while a flush is under way wait for the
 * next one (begun after their COMMIT): one fsync serves all of them. Its own connection, so that a full
 * pool of transactions waiting for it never blocks it.
 */
class WalFlusher {
  private pool: pg.Pool | undefined;
  private waiting: { done: (err?: unknown) => void }[] = [];
  private loop: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly url: string) {}

  flushed(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('the database is closed'));
    return new Promise((resolve, reject) => {
      this.waiting.push({ done: (err) => (err ? reject(err) : resolve()) });
      this.loop ??= this.serve();
    });
  }

  /** Callers that arrive during a flush wait for the next one: the one under way may have begun before their COMMIT. */
  private async serve(): Promise<void> {
    while (this.waiting.length) {
      const batch = this.waiting.splice(0);
      let failure: unknown;
      try {
        await this.flushOnce();
      } catch (err) {
        failure = err;
      }
      for (const w of batch) w.done(failure);
    }
    this.loop = undefined;
  }

  private async flushOnce(): Promise<void> {
    // One connection kept open (no idle timeout): a flush never waits for a connection to be made.
    if (!this.pool) {
      this.pool = new pg.Pool({ connectionString: this.url, max: 1, idleTimeoutMillis: 0 });
      this.pool.on('error', () => undefined);
    }
    // A write of its own: a transaction that writes nothing commits without flushing anything. No row written
    // would flush nothing: that must fail, never pass for durable.
    const r = await this.pool.query('UPDATE wal_flush SET n = n + 1 WHERE id = 1');
    if (r.rowCount !== 1) throw new Error('wal_flush has lost its row: the write-ahead log cannot be flushed on demand (migration 061)');
  }

  /** Serves the callers already waiting, then closes its connection. */
  async close(): Promise<void> {
    this.closed = true;
    await this.loop;
    await this.pool?.end();
  }
}

export async function openPostgres(url: string, poolSize = 10): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection can be ended by the server (restart, fail-over, DROP DATABASE … FORCE); the pool
  // drops it and opens a new one on the next query. Without a listener that event would crash the process.
  pool.on('error', () => undefined);
  /**
   * `start.pending`: a transaction whose BEGIN is not sent yet. It leaves with the transaction's first
   * script (one round trip fewer: the audit chain's lock and head read, appendAudit), or alone before
   * its first parameterised query (the extended protocol takes one statement at a time).
   */
  const asQueryable = (c: pg.Pool | pg.PoolClient, start?: { pending: boolean }): Queryable => ({
    async query<T>(sql: string, params?: unknown[], name?: string) {
      if (start?.pending) {
        start.pending = false;
        await c.query('BEGIN');
      }
      const r = await c.query(name ? { name, text: sql, values: params } : { text: sql, values: params });
      return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
    },
    async exec<T>(sql: string) {
      const script = start?.pending ? `BEGIN; ${sql}` : sql;
      if (start) start.pending = false;
      const r = (await c.query(script)) as pg.QueryResult | pg.QueryResult[];
      const last = Array.isArray(r) ? r[r.length - 1] : r;
      return { rows: (last?.rows ?? []) as T[], rowCount: last?.rowCount ?? 0 };
    },
  });
  const clientOf = new WeakMap<Queryable, { client: pg.PoolClient; start: { pending: boolean } }>();
  let relaxedPool: pg.Pool | undefined;
  const flusher = new WalFlusher(url);
  const staged = async <T>(fn: (tx: Transaction) => Promise<T>): Promise<{ result: T; durable: Promise<void> }> => {
    const client = await pool.connect();
    // BEGIN leaves with the transaction's first statement (see asQueryable); a transaction that
    // runs none sends nothing.
    const start = { pending: true };
    const tx = asTransaction(asQueryable(client, start));
    clientOf.set(tx, { client, start });
    let result: T;
    let flush = false;
    try {
      result = await fn(tx);
      flush = !start.pending && flushLater.has(tx);
      if (flush) await client.query('SET LOCAL synchronous_commit TO off; COMMIT');
      else if (!start.pending) await client.query('COMMIT');
    } catch (err) {
      commitHooks.delete(tx);
      if (!start.pending) await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
    if (!flush) {
      committed(tx);
      return { result, durable: Promise.resolve() };
    }
    // Nothing of it leaves (hooks: counts, events, caches) before it is on disk.
    const durable = flusher.flushed().then(() => committed(tx), (err: unknown) => {
      commitHooks.delete(tx);
      throw err;
    });
    return { result, durable };
  };
  return {
    kind: 'postgres',
    ...asQueryable(pool),
    relaxed() {
      if (!relaxedPool) {
        relaxedPool = new pg.Pool({ connectionString: url, max: poolSize, options: '-c synchronous_commit=off' });
        relaxedPool.on('error', () => undefined);
      }
      return asQueryable(relaxedPool);
    },
    async transaction(fn) {
      const { result, durable } = await staged(fn);
      await durable;
      return result;
    },
    transactionStaged: staged,
    flushed: () => flusher.flushed(),
    async copyFrom(tx, table, columns, lines) {
      const handle = clientOf.get(tx);
      if (!handle) throw new Error('copyFrom needs a transaction handle from this database');
      const { client, start } = handle;
      if (start.pending) {
        start.pending = false;
        await client.query('BEGIN');
      }
      const { from } = await import('pg-copy-streams');
      const { pipeline } = await import('node:stream/promises');
      const { Readable } = await import('node:stream');
      const stream = client.query(from(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
      await pipeline(Readable.from([copyText(lines)]), stream);
    },
    async listen(channel, onMessage, onGap) {
      if (!CHANNEL.test(channel)) throw new Error(`bad channel name ${channel}`);
      let client: pg.Client | undefined;
      let stopped = false;
      let droppedAt: Date | undefined;
      const connect = async (): Promise<void> => {
        const c = new pg.Client({ connectionString: url });
        c.on('notification', (m) => {
          if (m.channel === channel) onMessage(m.payload ?? '');
        });
        // The live connection lost (server restart, fail-over, terminated backend): listen again.
        const lost = () => {
          if (client !== c || stopped) return;
          client = undefined;
          droppedAt ??= new Date();
          void c.end().catch(() => undefined);
          retry();
        };
        c.on('error', lost);
        c.on('end', lost);
        try {
          await c.connect();
          await c.query(`LISTEN ${channel}`);
        } catch (err) {
          await c.end().catch(() => undefined);
          throw err;
        }
        if (stopped) {
          await c.end();
          return;
        }
        client = c;
      };
      const retry = () => {
        if (stopped) return;
        setTimeout(() => {
          connect().then(() => {
            if (!client || !droppedAt) return;
            const since = droppedAt;
            droppedAt = undefined;
            onGap?.(since);
          }, retry);
        }, 1_000).unref();
      };
      await connect();
      return async () => {
        stopped = true;
        await client?.end().catch(() => undefined);
      };
    },
    async close() {
      await relaxedPool?.end();
      await flusher.close();
      await pool.end();
    },
  };
}

/**
 * The constraint a unique violation (SQLSTATE 23505) names, on PGlite as on PostgreSQL (both raise the
 * server's error with its fields); undefined for any other error. A check made before a transaction
 * cannot stop a concurrent insert of the same key: the unique index decides, and the code that wrote
 * the row turns its constraint into the domain's answer (409), never a 500.
 */
export function uniqueViolation(err: unknown): string | undefined {
  const e = err as { code?: unknown; constraint?: unknown } | null;
  if (e?.code !== '23505') return undefined;
  return typeof e.constraint === 'string' ? e.constraint : '';
}

/** The COPY input: rows joined by newlines, each row ended by one. */
function copyText(lines: string[] | string): string {
  return typeof lines === 'string' ? lines : lines.join('\n') + '\n';
}

/** Escapes one value for COPY text format. */
const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

export function copyValue(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  const s = String(v);
  return COPY_SPECIAL.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]) : s;
}
