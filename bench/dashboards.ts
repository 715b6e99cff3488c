// dashboards.p50_ms.50k / p95_ms.50k / p50_ms.5m / p95_ms.5m: latency of the operations-centre
// dashboards (population, labour, tourism, public order, readiness; the whole province, one commune,
// one pre-2025 district) through the HTTP API on PostgreSQL, one request at a time, audit included.
// 50k: a province made by `da06 seed`. 5m: the same people copied a hundred times over (new IDs, same
// distributions), households and life events too. stats.refresh_ms.*: recounting the dashboards'
// cells from the registry (`da06 stats refresh`).
// dashboards.ceiling_p95_ms.* and dashboards.ratio_p95.*: each request is followed by the same
// aggregates of the same communes as one direct SQL statement on its own connection (the cells, the
// stays, the e-ID and verification counts the dashboard reads; no session, no audit, no JSON shaping);
// ratio_p95 = the statements' p95 / the API's p95.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openPostgres, type Db } from '../src/platform/db.js';
import { emit, freePort, scratchPostgres, startServer, withServices } from './_common.js';

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

/** The communes of a filter, the way the dashboards resolve it (a pre-2025 unit: the 2025 communes whose main predecessor lay in it). */
async function communesOf(db: Db, filter: { scheme: string; unit: string } | undefined): Promise<string[]> {
  const sql = `SELECT u.code FROM units u
      LEFT JOIN LATERAL (SELECT l.old_code FROM unit_links l WHERE l.new_scheme = '2025' AND l.new_code = u.code AND l.level = 'commune'
                          ORDER BY l.kind = 'full' DESC, l.old_code LIMIT 1) m ON true
      LEFT JOIN units o ON o.scheme = 'pre2025' AND o.code = m.old_code
     WHERE u.scheme = '2025' AND u.level = 'commune'`;
  if (!filter) return (await db.query<{ code: string }>(`${sql} AND u.province_code = '82'`)).rows.map((r) => r.code);
  if (filter.scheme === '2025') return [filter.unit];
  return (await db.query<{ code: string }>(`${sql} AND (o.parent_code = $1 OR o.code = $1)`, [filter.unit])).rows.map((r) => r.code);
}

const STAYS = `FROM lodging_stays s WHERE s.commune_code = ANY($1) AND s.arrived_at >= now() - interval '30 days'`;
const EVENTS = `SELECT month, kind, sum(events) AS n FROM life_event_cells WHERE commune_code = ANY($1) AND month >= (date_trunc('month', now()) - interval '11 months')::date GROUP BY 1, 2`;
/** Each dashboard's aggregates as one statement over what it reads. */
const DIRECT: Record<string, string> = {
  population: `SELECT (SELECT json_agg(a) FROM (SELECT sex, birth_year, ethnicity, religion, sum(people) AS n FROM population_cells WHERE commune_code = ANY($1)
                        GROUP BY GROUPING SETS ((sex, birth_year), (ethnicity), (religion), (commune_code))) a) AS people,
                      (SELECT sum(households) FROM household_cells WHERE commune_code = ANY($1)) AS households,
                      (SELECT json_agg(e) FROM (${EVENTS}) e) AS events`,
  labour: `SELECT json_agg(a) FROM (SELECT c.activity, c.birth_year, u.type, sum(c.people) AS n FROM population_cells c JOIN units u ON u.scheme = '2025' AND u.code = c.commune_code
            WHERE c.commune_code = ANY($1) GROUP BY 1, 2, 3) a`,
  tourism: `SELECT (SELECT json_agg(a) FROM (SELECT s.arrived_at::date AS day, s.facility_kind, s.foreigner, s.nationality, s.sex, s.commune_code, count(*) AS n, count(*) FILTER (WHERE s.late) AS late
                        ${STAYS} GROUP BY GROUPING SETS ((1, 2, 3), (4), (5), (6))) a) AS stays,
                   (SELECT count(*) FROM watchlist_alerts a WHERE a.commune_code = ANY($1) AND a.created_at >= now() - interval '30 days') AS alerts`,
  'public-order': `SELECT (SELECT json_agg(a) FROM (SELECT s.arrived_at::date AS day, s.commune_code, count(*) AS n, count(*) FILTER (WHERE s.late) AS late ${STAYS} GROUP BY GROUPING SETS ((1), (2))) a) AS stays,
                          (SELECT json_agg(e) FROM (${EVENTS}) e) AS events`,
  readiness: `SELECT (SELECT sum(people) FROM population_cells WHERE commune_code = ANY($1) AND birth_year <= extract(year FROM now()) - 18) AS adults,
                     (SELECT json_agg(a) FROM (SELECT c.level, count(*) AS n FROM citizen_accounts c JOIN people p ON p.id = c.person_id WHERE p.commune_code = ANY($1) GROUP BY 1) a) AS eid,
                     (SELECT json_agg(v) FROM (SELECT r.type, count(*) AS n FROM verifications v JOIN relying_parties r ON r.id = v.relying_party_id WHERE v.at >= now() - interval '30 days' GROUP BY 1) v) AS verifications,
                     (SELECT json_agg(s) FROM (SELECT client_id, sum(count) AS n FROM oidc_sign_ins WHERE day >= current_date - 30 GROUP BY 1) s) AS sign_ins`,
};

async function latencies(base: string, cookie: string, rounds: number, db: Db): Promise<{ api: number[]; direct: number[] }> {
  const population = await fetch(`${base}/api/v1/ioc/population`, { headers: { cookie } }).then((r) => r.json() as Promise<{ communes: { code: string }[] }>);
  const commune = population.communes[Math.floor(population.communes.length / 2)].code;
  const units = await fetch(`${base}/api/v1/units?scheme=pre2025&level=district&provinceCode=87`, { headers: { cookie } }).then((r) => r.json() as Promise<{ code: string }[]>);
  const filters = [
    { query: '', codes: await communesOf(db, undefined) },
    { query: `?unit=${commune}`, codes: await communesOf(db, { scheme: '2025', unit: commune }) },
    units.length ? { query: `?scheme=pre2025&unit=${units[0].code}`, codes: await communesOf(db, { scheme: 'pre2025', unit: units[0].code }) } : { query: '', codes: await communesOf(db, undefined) },
  ];
  const out = { api: [] as number[], direct: [] as number[] };
  for (let r = 0; r < rounds; r++) {
    const filter = filters[r % filters.length];
    for (const d of ['population', 'labour', 'tourism', 'public-order', 'readiness']) {
      let t = performance.now();
      const res = await fetch(`${base}/api/v1/ioc/${d}${filter.query}`, { headers: { cookie } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${d}: ${res.status}`);
      out.api.push(performance.now() - t);
      t = performance.now();
      await db.query(DIRECT[d], [filter.codes]);
      out.direct.push(performance.now() - t);
    }
  }
  return out;
}

async function measure(label: string, people: number, times: number) {
  const scratch = await scratchPostgres();
  const port = String(await freePort());
  const env = { ...process.env, DATABASE_URL: scratch.url, LOG_LEVEL: 'warn', PORT: port, HOST: '127.0.0.1', DA06_ENV: 'development', DA06_STATS_REFRESH_MIN: '0', DA06_RATE_LIMIT_LOGIN: '1000' };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let db: Db | undefined;
  try {
    execFileSync(process.execPath, [BIN, 'seed', '--province', '82', '--people', String(people), '--seed', '9'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (times > 1) await multiply(scratch.url, times);
    const t = performance.now();
    execFileSync(process.execPath, [BIN, 'stats', 'refresh'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    emit(`stats.refresh_ms.${label}`, performance.now() - t, 'ms');
    db = await openPostgres(scratch.url, 1);
    await withServices(scratch.url, env, ({ identity }) => identity.createOfficer({ username: 'bench.leader', fullName: 'Lãnh đạo (đo)', password: 'bench-leader-password', role: 'leader', areaCode: '82' }));
    server = await startServer(env);
    const login = await fetch(`${server.base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench.leader', password: 'bench-leader-password' }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    await latencies(server.base, cookie, 3, db); // warm-up
    const xs = await latencies(server.base, cookie, Number(process.env.BENCH_DASHBOARD_ROUNDS ?? 30), db);
    emit(`dashboards.p50_ms.${label}`, percentile(xs.api, 50), 'ms');
    emit(`dashboards.p95_ms.${label}`, percentile(xs.api, 95), 'ms');
    emit(`dashboards.ceiling_p95_ms.${label}`, percentile(xs.direct, 95), 'ms');
    emit(`dashboards.ratio_p95.${label}`, percentile(xs.direct, 95) / percentile(xs.api, 95), 'ratio');
  } finally {
    await db?.close();
    await server?.stop();
    await scratch.drop();
  }
}

export async function run(): Promise<void> {
  await measure('50k', 50_000, 1);
  if (process.env.BENCH_DASHBOARD_SKIP_5M !== '1') await measure('5m', 50_000, 100);
}
