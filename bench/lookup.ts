// lookup.api.per_s and lookup.api.p99_ms: person-by-ID through the HTTP API on PostgreSQL, with
// session check, area filter and the audit write of every read included. The server runs as its
// own process (as in production); autocannon loads it from this one.
// lookup.ceiling_per_s and lookup.ratio: the bare Fastify + pg server (_bare-server.ts) answering the
// same requests with one indexed SELECT on the same database, same connections and duration, same run.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openPostgres } from '../src/platform/db.js';
import { againstCeiling, emit, freePort, scratchPostgres, startBareServer, startServer } from './_common.js';

const BIN = fileURLToPath(new URL('../bin/da06.mjs', import.meta.url));

export async function run(): Promise<void> {
  const people = Number(process.env.BENCH_LOOKUP_PEOPLE ?? 200_000);
  const seconds = Number(process.env.BENCH_LOOKUP_SECONDS ?? 10);
  const scratch = await scratchPostgres();
  const env = { ...process.env, DATABASE_URL: scratch.url, LOG_LEVEL: 'warn', PORT: String(await freePort()), HOST: '127.0.0.1', DA06_ENV: 'development' };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
  try {
    execFileSync(process.execPath, [BIN, 'seed', '--province', '82', '--people', String(people), '--seed', '7'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync(process.execPath, [BIN, 'officers', 'add', '--username', 'bench', '--full-name', 'Bench', '--role', 'province_registry', '--area', '82', '--password', 'do-tai-tra-cuu-2026'], { env, stdio: 'ignore' });
    const db = await openPostgres(scratch.url, 1);
    const ids = (await db.query<{ personal_id: string }>('SELECT personal_id FROM people ORDER BY random() LIMIT 20000')).rows.map((r) => r.personal_id);
    await db.close();

    server = await startServer(env);
    const base = server.base;
    const login = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench', password: 'do-tai-tra-cuu-2026' }) });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];

    bare = await startBareServer('_bare-server.ts', { DATABASE_URL: scratch.url });

    let i = 0;
    const load = async (url: string, duration: number) => {
      const result = await autocannon({
        url,
        connections: 64,
        pipelining: 1,
        duration,
        headers: { cookie },
        requests: [{ method: 'GET' as const, setupRequest: (req: { path?: string }) => ({ ...req, path: `/api/v1/people/${ids[i++ % ids.length]}` }) }],
      });
      if (result.non2xx) throw new Error(`${url}: ${result.non2xx} non-2xx answers`);
      if (result.errors) throw new Error(`${url}: ${result.errors} requests failed (${result.timeouts} timed out)`);
      return { ...result, perSecond: result.requests.average };
    };
    await load(base, 2).catch(() => undefined); // warm-up (a slow answer here is no failure)
    const result = await againstCeiling('lookup', seconds, base, bare.base, load);
    emit('lookup.api.per_s', result.requests.average, 'req/s');
    emit('lookup.api.p99_ms', result.latency.p99, 'ms');
    emit('lookup.api.p50_ms', result.latency.p50, 'ms');
  } finally {
    await bare?.stop();
    await server?.stop();
    await scratch.drop();
  }
}
