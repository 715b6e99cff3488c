// dashboards.p50_ms.50k / p95_ms.50k / p50_ms.5m / p95_ms.5m: latency of the operations-centre
// dashboards (population, labour, tourism, public order, readiness; the whole province, one commune,
// one pre-2025 district) through the HTTP API on PostgreSQL, one request at a time, audit included.
// 50k: a province made by `da06 seed`. 5m: the same people copied a hundred times over (new IDs, same
// distributions), households and life events too. stats.refresh_ms.*: recounting the dashboards'
// cells from the registry (`da06 stats refresh`).
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openPostgres } from '../src/platform/db.js';
import { emit, scratchPostgres, startServer, withServices } from './_common.js';

const BIN = fileURLToPath(new URL('../bin/da06.mjs', import.meta.url));

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

/** Copies every person, household and life event `times - 1` more times (bench databases only). */
async function multiply(url: string, times: number) {
  const db = await openPostgres(url, 1);
  // Secondary indexes do nothing for the dashboards and cost minutes here: a scratch database drops them.
  for (const index of ['people_name_trgm', 'people_name_norm', 'people_commune', 'people_household', 'people_dob', 'life_events_person']) {
    await db.query(`DROP INDEX IF EXISTS ${index}`);
  }
  await db.query('ALTER TABLE people DROP CONSTRAINT IF EXISTS people_household_id_fkey');
  await db.query('ALTER TABLE life_events DROP CONSTRAINT IF EXISTS life_events_person_id_fkey');
  await db.query(`INSERT INTO households (household_no, commune_code, address)
    SELECT h.household_no || '-' || g, h.commune_code, h.address FROM households h, generate_series(1, $1) g`, [times - 1]);
  await db.query(`INSERT INTO people (personal_id, full_name, name_norm, date_of_birth, sex, ethnicity, religion, occupation, commune_code, date_of_death)
    SELECT lpad((p.id * 128 + g)::text, 12, '0'), p.full_name, p.name_norm, p.date_of_birth, p.sex, p.ethnicity, p.religion, p.occupation, p.commune_code, p.date_of_death
      FROM people p, generate_series(1, $1) g`, [times - 1]);
  await db.query(`INSERT INTO life_events (person_id, kind, occurred_on, commune_code)
    SELECT e.person_id, e.kind, e.occurred_on, e.commune_code FROM life_events e, generate_series(1, $1) g`, [times - 1]);
  await db.query('ANALYZE');
  const n = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM people')).rows[0].n);
  await db.close();
  return n;
}

async function latencies(base: string, cookie: string, rounds: number): Promise<number[]> {
  const db = await fetch(`${base}/api/v1/ioc/population`, { headers: { cookie } }).then((r) => r.json() as Promise<{ communes: { code: string }[] }>);
  const commune = db.communes[Math.floor(db.communes.length / 2)].code;
  const units = await fetch(`${base}/api/v1/units?scheme=pre2025&level=district&provinceCode=87`, { headers: { cookie } }).then((r) => r.json() as Promise<{ code: string }[]>);
  const filters = ['', `?unit=${commune}`, units.length ? `?scheme=pre2025&unit=${units[0].code}` : ''];
  const out: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const d of ['population', 'labour', 'tourism', 'public-order', 'readiness']) {
      const t = performance.now();
      const res = await fetch(`${base}/api/v1/ioc/${d}${filters[r % filters.length]}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${d}: ${res.status}`);
      out.push(performance.now() - t);
    }
  }
  return out;
}

async function measure(label: string, people: number, times: number) {
  const scratch = await scratchPostgres();
  const port = '3913';
  const env = { ...process.env, DATABASE_URL: scratch.url, LOG_LEVEL: 'warn', PORT: port, HOST: '127.0.0.1', DA06_ENV: 'development', DA06_STATS_REFRESH_MIN: '0', DA06_RATE_LIMIT_LOGIN: '1000' };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    execFileSync(process.execPath, [BIN, 'seed', '--province', '82', '--people', String(people), '--seed', '9'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (times > 1) await multiply(scratch.url, times);
    const t = performance.now();
    execFileSync(process.execPath, [BIN, 'stats', 'refresh'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    emit(`stats.refresh_ms.${label}`, performance.now() - t, 'ms');
    await withServices(scratch.url, env, ({ identity }) => identity.createOfficer({ username: 'bench.leader', fullName: 'Lãnh đạo (đo)', password: 'bench-leader-password', role: 'leader', areaCode: '82' }));
    server = await startServer(env);
    const login = await fetch(`${server.base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench.leader', password: 'bench-leader-password' }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    await latencies(server.base, cookie, 3); // warm-up
    const xs = await latencies(server.base, cookie, Number(process.env.BENCH_DASHBOARD_ROUNDS ?? 30));
    emit(`dashboards.p50_ms.${label}`, percentile(xs, 50), 'ms');
    emit(`dashboards.p95_ms.${label}`, percentile(xs, 95), 'ms');
  } finally {
    await server?.stop();
    await scratch.drop();
  }
}

export async function run(): Promise<void> {
  await measure('50k', 50_000, 1);
  if (process.env.BENCH_DASHBOARD_SKIP_5M !== '1') await measure('5m', 50_000, 100);
}
