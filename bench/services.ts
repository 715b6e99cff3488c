// Public services (issue 15), on PostgreSQL:
// - services.submit.per_s: paperless submissions through the API, each a citizen's draft (registry prefill,
//   audit of the release) and its submission (registry read again, form validation, dossier code, acceptance
//   deadline, timeline, audit) of "xác nhận thông tin về cư trú" (nothing to upload), 16 citizens at a time
//   on kept-alive connections; services.submit.ratio is that figure over the lookup ceiling of the same run
//   (the bare server's indexed person read, `_bare-server.ts`, loaded before and after).
// - services.queue.p95_ms: the commune police's queue (open dossiers by deadline, first page and its count)
//   of the busiest commune with 1,000,000 dossiers in the table (bulk-loaded with generate_series); the plan
//   is printed to stderr.
// - services.allocate_id.per_s: personal-ID allocation under 16 concurrent transactions, with a duplicate
//   check (needs the registry's allocatePersonalId: h/registry-effects; skipped with a note until it lands).
// Sizes: BENCH_SERVICES_PEOPLE (20,000), BENCH_SERVICES_DOSSIERS (1,000,000), BENCH_SERVICES_SECONDS (10);
// BENCH_SERVICES_ONLY=submit or queue measures that part alone.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openPostgres } from '../src/platform/db.js';
import { loadConfig } from '../src/platform/config.js';
import { composeServices, stopServices } from '../src/compose.js';
import { cpuSince, cpuSnapshot, emit, freePort, keepAliveConnection, scratchPostgres, startBareServer, startServer, type CpuUse } from './_common.js';

const BIN = fileURLToPath(new URL('../bin/da06.mjs', import.meta.url));
const PROCEDURE = 'xac-nhan-thong-tin-cu-tru';
const WORKERS = 16;

const loadAvg = () => Number(readFileSync('/proc/loadavg', 'latin1').split(' ')[0]);
const p = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export async function run(): Promise<void> {
  const peopleCount = Number(process.env.BENCH_SERVICES_PEOPLE ?? 20_000);
  const seconds = Number(process.env.BENCH_SERVICES_SECONDS ?? 10);
  const dossierCount = Number(process.env.BENCH_SERVICES_DOSSIERS ?? 1_000_000);
  const scratch = await scratchPostgres();
  const env = { ...process.env, DATABASE_URL: scratch.url, LOG_LEVEL: 'warn', PORT: String(await freePort()), HOST: '127.0.0.1', DA06_ENV: 'development' };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
  try {
    execFileSync(process.execPath, [BIN, 'seed', '--province', '82', '--people', String(peopleCount), '--seed', '7'], { env, stdio: ['ignore', 'ignore', 'inherit'] });

    // Citizens at level 2 with live sessions (accounts inserted directly: password hashing is not measured).
    const db = await openPostgres(scratch.url, 2);
    const services = await composeServices({ config: loadConfig(env), db });
    const people = (await db.query<{ id: number; personal_id: string }>(
      'SELECT id, personal_id FROM people WHERE date_of_death IS NULL AND household_id IS NOT NULL ORDER BY id LIMIT $1', [WORKERS * 8],
    )).rows;
    const sessions: { cookie: string; csrf: string }[] = [];
    for (const person of people) {
      const r = await db.query<{ id: number }>(
        `INSERT INTO citizen_accounts (person_id, personal_id, phone, password_hash, level, level2_at) VALUES ($1, $2, '0900000000', 'bench', 2, now()) RETURNING id`,
        [person.id, person.personal_id],
      );
      const s = await services.identity.createCitizenSession(Number(r.rows[0].id), 'bench');
      sessions.push({ cookie: `da06_citizen=${s.token}`, csrf: s.csrfToken });
    }
    const ids = (await db.query<{ personal_id: string }>('SELECT personal_id FROM people ORDER BY random() LIMIT 20000')).rows.map((r) => r.personal_id);
    await stopServices(services);
    await db.close();

    server = await startServer(env);
    bare = await startBareServer('_bare-server.ts', { DATABASE_URL: scratch.url });

    // ---- services.submit.per_s against the lookup ceiling ----
    let n = 0;
    const ceilingLoad = async (duration: number) => {
      const result = await autocannon({
        url: bare!.base, connections: 64, pipelining: 1, duration,
        requests: [{ method: 'GET' as const, setupRequest: (req: { path?: string }) => ({ ...req, path: `/api/v1/people/${ids[n++ % ids.length]}` }) }],
      });
      if (result.non2xx || result.errors) throw new Error(`ceiling: ${result.non2xx} non-2xx, ${result.errors} errors`);
      return result.requests.average;
    };
    let failures = 0;
    const submitLoad = async (duration: number) => {
      const until = Date.now() + duration * 1000;
      let done = 0;
      await Promise.all(Array.from({ length: WORKERS }, async (_, w) => {
        let conn = await keepAliveConnection(server!.base);
        const fail = async (what: string, detail: string) => {
          failures++;
          if (failures <= 3) process.stderr.write(`${what}: ${detail.slice(0, 300)}\n`);
          conn.close();
          conn = await keepAliveConnection(server!.base);
        };
        try {
          for (let i = w; Date.now() < until; i += WORKERS) {
            const who = sessions[i % sessions.length];
            const headers = { 'content-type': 'application/json', cookie: who.cookie, 'x-csrf-token': who.csrf };
            try {
              const started = await conn.post('/api/v1/services/dossiers', headers, JSON.stringify({ procedure: PROCEDURE, form: { purpose: 'Bổ sung hồ sơ nhập học' } }));
              if (started.status !== 201) {
                await fail('start', `${started.status} ${started.body}`);
                continue;
              }
              const id = (JSON.parse(started.body) as { id: number }).id;
              const submitted = await conn.post(`/api/v1/services/dossiers/${id}/submission`, { ...headers, 'idempotency-key': randomUUID() }, '{}');
              if (submitted.status !== 201) {
                await fail('submit', `${submitted.status} ${submitted.body}`);
                continue;
              }
              done++;
            } catch (err) {
              await fail('connection', String(err));
            }
          }
        } finally {
          conn.close();
        }
      }));
      return done / duration;
    };
    // CPU of each phase (server process, PostgreSQL backends of the scratch database, this process), as
    // againstCeiling counts it: the real side per submission (its draft and its submission), the bare per lookup.
    const measured = async (pid: number, load: () => Promise<number>, duration: number) => {
      const start = cpuSnapshot(pid);
      const perSecond = await load();
      return { perSecond, cpu: cpuSince(start), count: perSecond * duration };
    };
    const skipSubmit = process.env.BENCH_SERVICES_ONLY === 'queue';
    if (!skipSubmit) {
      await ceilingLoad(2);
      await submitLoad(2);
      emit('machine.load_avg_1min', loadAvg(), 'processes');
      const before = await measured(bare.pid, () => ceilingLoad(seconds / 2), seconds / 2);
      const real = await measured(server.pid, () => submitLoad(seconds), seconds);
      const after = await measured(bare.pid, () => ceilingLoad(seconds / 2), seconds / 2);
      const ceiling = (before.perSecond + after.perSecond) / 2;
      const submits = real.perSecond;
      emit('services.submit.per_s', submits, 'submissions/s');
      emit('services.submit.lookup_ceiling_per_s', ceiling, 'req/s');
      emit('services.submit.ratio', submits / ceiling, 'ratio');
      if (failures) emit('services.submit.failures', failures, 'count');
      const per = (cpu: CpuUse, count: number) => ({ server: cpu.server / count, postgres: cpu.postgres / count, loadgen: cpu.loadgen / count });
      const realCost = per(real.cpu, real.count);
      const bareCost = per({ server: before.cpu.server + after.cpu.server, postgres: before.cpu.postgres + after.cpu.postgres, loadgen: before.cpu.loadgen + after.cpu.loadgen },
        before.count + after.count);
      for (const [side, cost] of [['real', realCost], ['bare', bareCost]] as const) {
        for (const [part, ms] of Object.entries(cost)) emit(`services.submit.cpu_ms_per_req.${side}.${part}`, Math.round(ms * 1000) / 1000, 'ms');
      }
      emit('services.submit.cpu_ratio', (bareCost.server + bareCost.postgres) / (realCost.server + realCost.postgres), 'ratio');
    } else {
      // The queue needs one submitted dossier to model its bulk load on.
      await submitLoad(1);
    }

    if (process.env.BENCH_SERVICES_ONLY === 'submit') return;
    // ---- services.queue.p95_ms with 1,000,000 dossiers ----
    const owner = await openPostgres(scratch.url, 1);
    const template = (await owner.query<{ unit_code: string; province_code: string; applicant_account_id: number; applicant_person_id: number }>(
      'SELECT unit_code, province_code, applicant_account_id, applicant_person_id FROM dossiers WHERE code IS NOT NULL LIMIT 1',
    )).rows[0];
    if (!template) throw new Error('no submitted dossier to model the bulk load on');
    const communes = (await owner.query<{ unit_code: string }>(
      'SELECT DISTINCT commune_code AS unit_code FROM people WHERE commune_code IS NOT NULL ORDER BY 1',
    )).rows.map((r) => r.unit_code);
    const started = Date.now();
    // One dossier in ten is open (the queue's partial index holds those), the rest returned; deadlines spread over
    // ±30 days; half at the commune police, half at the people's committee; communes in turn.
    await owner.query(
      `INSERT INTO dossiers (code, procedure_slug, procedure_code, procedure_name, procedure_version, agency, applicant_account_id, applicant_person_id,
         applicant_name, applicant_personal_id, unit_code, province_code, channel, state, decision, form_data, documents_not_required,
         submitted_at, received_at, accepted_at, due_at, deadline_at, returned_at, closed_at, created_at, updated_at)
       SELECT 'BENCH-' || g, $1, '1.010041', 'Xác nhận thông tin về cư trú', '2025-07-01',
              CASE WHEN g % 2 = 0 THEN 'commune_police' ELSE 'commune_people_committee' END, $2, $3, 'Người thử', '000000000000',
              ($4::text[])[1 + (g / 2) % array_length($4::text[], 1)], $5, 'online',
              CASE WHEN g % 10 = 0 THEN 'in_process' WHEN g % 10 = 5 THEN 'received' ELSE 'returned' END,
              CASE WHEN g % 10 IN (0, 5) THEN NULL ELSE 'approved' END, '{}'::jsonb, 2,
              t, t, t, t + interval '3 days',
              CASE WHEN g % 10 IN (0, 5) THEN t + interval '3 days' END,
              CASE WHEN g % 10 IN (0, 5) THEN NULL ELSE t + interval '2 days' END,
              CASE WHEN g % 10 IN (0, 5) THEN NULL ELSE t + interval '2 days' END, t, t
         FROM generate_series(1, $6::int) g, LATERAL (SELECT now() - (g % 60) * interval '1 day' + (g % 1440) * interval '1 minute' AS t) x`,
      [PROCEDURE, template.applicant_account_id, template.applicant_person_id, communes, template.province_code, dossierCount],
    );
    // Autovacuum would have run after a million inserts: the visibility map lets the count read the index only.
    await owner.query('VACUUM ANALYZE dossiers');
    // The bulk load's own write-ahead log and dirty pages, written out now rather than by a checkpoint during the
    // measured requests (whose audit entries' durable commits would then wait behind that I/O).
    await owner.query('CHECKPOINT').catch((err: unknown) => process.stderr.write(`services.queue: no CHECKPOINT (${String(err)})\n`));
    emit('services.queue.bulk_load_s', (Date.now() - started) / 1000, 's');
    const busiest = (await owner.query<{ unit_code: string; n: number }>(
      `SELECT unit_code, count(*)::int AS n FROM dossiers WHERE agency = 'commune_police' AND state IN ('in_process', 'received') GROUP BY 1 ORDER BY 2 DESC LIMIT 1`,
    )).rows[0];
    emit('services.queue.dossiers', Number((await owner.query<{ n: number }>('SELECT count(*)::int AS n FROM dossiers')).rows[0].n), 'dossiers');
    emit('services.queue.open_in_commune', busiest.n, 'dossiers');

    execFileSync(process.execPath, [BIN, 'officers', 'add', '--username', 'bench.police', '--full-name', 'Bench', '--role', 'commune_police', '--area', busiest.unit_code,
      '--password', 'do-tai-hang-doi-2026'], { env, stdio: 'ignore' });
    const login = await fetch(`${server.base}/api/v1/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench.police', password: 'do-tai-hang-doi-2026' }),
    });
    if (!login.ok) throw new Error(`officer login: ${login.status}`);
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    const times: number[] = [];
    const rounds = Number(process.env.BENCH_SERVICES_QUEUE_ROUNDS ?? 200);
    for (let i = 0; i < rounds + 20; i++) {
      const t0 = performance.now();
      const res = await fetch(`${server.base}/api/v1/services/officer/dossiers?limit=20&offset=${(i % 5) * 20}`, { headers: { cookie } });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`queue: ${res.status} ${body.slice(0, 300)}`);
      if (i >= 20) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    emit('machine.load_avg_1min', loadAvg(), 'processes');
    emit('services.queue.p50_ms', p(times, 0.5), 'ms');
    emit('services.queue.p95_ms', p(times, 0.95), 'ms');
    const open = `('submitted', 'received', 'in_process', 'supplement_requested', 'awaiting_payment', 'processed')`;
    // Its floor, same rounds right after: the page and its count straight from PostgreSQL (one connection, no
    // server), and one durable commit of a row (what the read's audit entry must wait for before the answer).
    const floor: { sql: number[]; commit: number[] } = { sql: [], commit: [] };
    await owner.query('CREATE TABLE bench_commit_floor (at timestamptz)');
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      await owner.query(`SELECT d.* FROM dossiers d WHERE d.unit_code = $1 AND d.agency = 'commune_police' AND d.state IN ${open} ORDER BY d.deadline_at ASC NULLS LAST, d.id ASC LIMIT 20 OFFSET $2`,
        [busiest.unit_code, (i % 5) * 20]);
      await owner.query(`SELECT count(*) FROM dossiers d WHERE d.unit_code = $1 AND d.agency = 'commune_police' AND d.state IN ${open}`, [busiest.unit_code]);
      const t1 = performance.now();
      await owner.query('INSERT INTO bench_commit_floor VALUES (now())');
      floor.sql.push(t1 - t0);
      floor.commit.push(performance.now() - t1);
    }
    for (const [name, list] of Object.entries(floor)) {
      list.sort((a, b) => a - b);
      emit(`services.queue.floor.${name}_p50_ms`, Math.round(p(list, 0.5) * 100) / 100, 'ms');
      emit(`services.queue.floor.${name}_p95_ms`, Math.round(p(list, 0.95) * 100) / 100, 'ms');
    }
    for (const [label, sql] of [
      ['page', `SELECT d.* FROM dossiers d WHERE d.unit_code = $1 AND d.agency = 'commune_police' AND d.state IN ${open} ORDER BY d.deadline_at ASC NULLS LAST, d.id ASC LIMIT 20`],
      ['count', `SELECT count(*) FROM dossiers d WHERE d.unit_code = $1 AND d.agency = 'commune_police' AND d.state IN ${open}`],
    ] as const) {
      const plan = await owner.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, [busiest.unit_code]);
      process.stderr.write(`-- services queue ${label} plan (${busiest.unit_code}):\n${plan.rows.map((r) => r['QUERY PLAN']).join('\n')}\n`);
    }
    await owner.close();

    // ---- services.allocate_id.per_s ----
    if (!process.env.BENCH_SERVICES_ONLY) await allocateIds(scratch.url, env);
  } finally {
    await bare?.stop();
    await server?.stop();
    await scratch.drop();
  }
}

/** 16 concurrent transactions allocating personal IDs for one prefix; counts duplicates (must be 0). */
async function allocateIds(url: string, env: NodeJS.ProcessEnv): Promise<void> {
  const db = await openPostgres(url, WORKERS);
  const services = await composeServices({ config: loadConfig(env), db });
  try {
    const registry = services.registry as unknown as Record<string, unknown>;
    const allocate = registry.allocatePersonalId as ((tx: unknown, input: { birthProvinceCode: string; sex: string; birthDate: string }) => Promise<string>) | undefined;
    if (typeof allocate !== 'function') {
      process.stderr.write('services.allocate_id: the registry has no allocatePersonalId yet (h/registry-effects); not measured\n');
      return;
    }
    const seconds = Number(process.env.BENCH_SERVICES_SECONDS ?? 10);
    const until = Date.now() + seconds * 1000;
    const ids: string[] = [];
    await Promise.all(Array.from({ length: WORKERS }, async () => {
      while (Date.now() < until) {
        ids.push(await db.transaction((tx) => allocate.call(services.registry, tx, { birthProvinceCode: '082', sex: 'Nữ', birthDate: '2026-12-01' })));
      }
    }));
    emit('machine.load_avg_1min', loadAvg(), 'processes');
    emit('services.allocate_id.per_s', ids.length / seconds, 'ids/s');
    emit('services.allocate_id.duplicates', ids.length - new Set(ids).size, 'count');
  } finally {
    await stopServices(services);
    await db.close();
  }
}
