// lookup.api.per_s and lookup.api.p99_ms: person-by-ID through the HTTP API on PostgreSQL, with
// session check, area filter and the audit write of every read included. The server runs as its
// own process (as in production); autocannon loads it from this one.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openPostgres } from '../src/platform/db.js';
import { emit, scratchPostgres, startServer } from './_common.js';

const BIN = fileURLToPath(new URL('../bin/da06.mjs', import.meta.url));

export async function run(): Promise<void> {
  const people = Number(process.env.BENCH_LOOKUP_PEOPLE ?? 200_000);
  const seconds = Number(process.env.BENCH_LOOKUP_SECONDS ?? 10);
  const scratch = await scratchPostgres();
  const env = { ...process.env, DATABASE_URL: scratch.url, LOG_LEVEL: 'warn', PORT: '3907', HOST: '127.0.0.1', DA06_ENV: 'development' };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    execFileSync(process.execPath, [BIN, 'seed', '--province', '82', '--people', String(people), '--seed', '7'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync(process.execPath, [BIN, 'officers', 'add', '--username', 'bench', '--full-name', 'Bench', '--role', 'province_registry', '--area', '82', '--password', 'bench-password-2026'], { env, stdio: 'ignore' });
    const db = await openPostgres(scratch.url, 1);
    const ids = (await db.query<{ personal_id: string }>('SELECT personal_id FROM people ORDER BY random() LIMIT 20000')).rows.map((r) => r.personal_id);
    await db.close();

    server = await startServer(env);
    const base = server.base;
    const login = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: 'bench-password-2026' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];

    let i = 0;
    const opts = {
      url: base,
      connections: 64,
      pipelining: 1,
      duration: seconds,
      headers: { cookie },
      requests: [{ method: 'GET' as const, setupRequest: (req: { path?: string }) => ({ ...req, path: `/api/v1/people/${ids[i++ % ids.length]}` }) }],
    };
    await autocannon({ ...opts, duration: 2 }); // warm-up
    const result = await autocannon(opts);
    if (result.non2xx) throw new Error(`${result.non2xx} non-2xx answers`);
    emit('lookup.api.per_s', result.requests.average, 'req/s');
    emit('lookup.api.p99_ms', result.latency.p99, 'ms');
    emit('lookup.api.p50_ms', result.latency.p50, 'ms');
  } finally {
    await server?.stop();
    await scratch.drop();
  }
}
