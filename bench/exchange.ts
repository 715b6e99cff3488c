// The data-sharing gateway (issue 17), on PostgreSQL, the server in its own process as in production.
//
// exchange.lookup.per_s / p99_ms: POST /api/v1/exchange/person-lookups, 32 connections, with the agency's bearer token
// checked at da06's provider, the grant and purpose, the daily quota counted, the query recorded for the citizen's
// history, the audit entry and the signed log entry (one JWS per call) — against the bare server's GET of the same
// people by personal ID (`exchange.lookup.ceiling_per_s`, `exchange.lookup.ratio`, `againstCeiling`). Target ≥ 0.4.
//
// exchange.batch.*: one batch verification of BENCH_EXCHANGE_ROWS rows (default 1,000,000; `person.matches`) against
// a registry of BENCH_EXCHANGE_PEOPLE people (default 200,000; the issue's 1,000,000 takes ~2 min more to seed).
// 90% of the rows name a registry person (drawn with repetition; one in 20 of those with a name that differs, so the
// answer is "no"), 10% a number nobody holds; 0.1% of the rows are malformed (a column short) and get a row error.
// Timed: the upload (streamed, kept in 1 MiB pieces), the answering (chunks of 5,000: registry read, quota, rows,
// access history, audit entries, one transaction each), the download of the answers. `exchange.batch.rows_per_s` is
// rows / (upload start → last row answered); target ≥ 50,000. The server's peak RSS (VmHWM) shows whether memory
// stays flat: it is printed with its RSS before the upload.
// exchange.batch.ceiling_rows_per_s / ratio: the bare version of the same work on the same database in the same run —
// the same rows COPYed into a table, joined once with `people`, one answer row per input row written — without parsing,
// checks, quota, history or audit.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openPostgres } from '../src/platform/db.js';
import { formatNumber } from '../src/platform/format.js';
import { againstCeiling, cpuSince, cpuSnapshot, emit, freePort, scratchPostgres, startBareServer, startServer, type RunningServer } from './_common.js';

const BIN = fileURLToPath(new URL('../bin/da06.mjs', import.meta.url));
const PURPOSE = 'kyc.customer-identification';
const PASSWORD = 'do-tai-chia-se-2026';

function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'latin1');
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function signIn(base: string, username: string) {
  const res = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!res.ok) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
}
async function post<T>(base: string, path: string, headers: Record<string, string>, body: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** An agency with approved grants for the lookup and the name-and-birth check, and its bearer token. */
async function agencyToken(base: string): Promise<string> {
  const admin = await signIn(base, 'bench.admin');
  const owner = await signIn(base, 'bench.owner');
  const client = await post<{ clientId: string; clientSecret: string }>(base, '/api/v1/sso/clients', admin, { name: 'BHXH tỉnh (đo tải)', redirectUris: ['https://bhxh.tinh.test/cb'], scopes: ['profile'], minLevel: 1 });
  const agency = await post<{ id: number }>(base, '/api/v1/exchange/agencies', admin, { name: 'Bảo hiểm xã hội tỉnh (đo tải)', legalBasis: 'Luật Bảo hiểm xã hội 2024', clientId: client.clientId });
  for (const [service, fields] of [['person.lookup', ['fullName', 'dateOfBirth', 'deceased']], ['person.matches', []]] as const) {
    const g = await post<{ id: number }>(base, '/api/v1/exchange/grants', admin, {
      agencyId: agency.id, service, purposes: [PURPOSE], fields, dailyQuota: 10_000_000, validFrom: '2020-01-01', validUntil: '2099-12-31',
    });
    await post(base, `/api/v1/exchange/grants/${g.id}/approve`, owner, {});
  }
  const res = await fetch(`${base}/oidc/token`, {
    method: 'POST', body: 'grant_type=client_credentials',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${encodeURIComponent(client.clientId)}:${encodeURIComponent(client.clientSecret)}`).toString('base64')}` },
  });
  if (!res.ok) throw new Error(`token: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function lookups(server: RunningServer, bare: RunningServer, token: string, ids: string[], seconds: number) {
  let i = 0;
  const load = async (url: string, duration: number) => {
    const real = url === server.base;
    const result = await autocannon({
      url, connections: 32, pipelining: 1, duration,
      requests: [{
        method: real ? 'POST' as const : 'GET' as const,
        setupRequest: (req: object) => {
          const id = ids[i++ % ids.length]!;
          return real
            ? { ...req, method: 'POST', path: '/api/v1/exchange/person-lookups', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ personalId: id, purpose: PURPOSE }) }
            : { ...req, method: 'GET', path: `/api/v1/people/${id}` };
        },
      }],
    });
    if (result.non2xx) throw new Error(`${url}: ${result.non2xx} non-2xx answers`);
    if (result.errors) throw new Error(`${url}: ${result.errors} requests failed (${result.timeouts} timed out)`);
    return { ...result, perSecond: result.requests.average };
  };
  await load(server.base, 2).catch(() => undefined);
  const result = await againstCeiling('exchange.lookup', seconds, server.base, bare.base, load);
  emit('exchange.lookup.per_s', result.requests.average, 'req/s');
  emit('exchange.lookup.p50_ms', result.latency.p50, 'ms');
  emit('exchange.lookup.p99_ms', result.latency.p99, 'ms');
}

/** The batch file: `rows` lines after the header, as described at the top. */
function batchFile(people: { personal_id: string; full_name: string; date_of_birth: string }[], rows: number): Buffer {
  const parts: string[] = ['personal_id,full_name,date_of_birth\n'];
  let seed = 12345;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  for (let i = 0; i < rows; i++) {
    const r = rnd();
    if (i % 1000 === 999) parts.push(`${people[0]!.personal_id},Thiếu Cột\n`);
    else if (r < 0.1) parts.push(`${String(990_000_000_000 + i)},Không Có Ai,1990-01-01\n`);
    else {
      const p = people[Math.floor(rnd() * people.length)]!;
      parts.push(`${p.personal_id},${r < 0.145 ? `${p.full_name} Khác` : p.full_name},${p.date_of_birth}\n`);
    }
  }
  return Buffer.from(parts.join(''));
}

async function batch(server: RunningServer, url: string, token: string, rows: number) {
  const db = await openPostgres(url, 1);
  const people = (await db.query<{ personal_id: string; full_name: string; date_of_birth: string }>('SELECT personal_id, full_name, date_of_birth FROM people')).rows;
  await db.close();
  const file = batchFile(people, rows);
  const auth = { authorization: `Bearer ${token}` };
  const before = memoryOf(server.pid);
  const cpu = cpuSnapshot(server.pid);
  const t0 = performance.now();
  const up = await fetch(`${server.base}/api/v1/exchange/batches?service=person.matches&purpose=${encodeURIComponent(PURPOSE)}`, {
    method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body: new Uint8Array(file),
  });
  if (up.status !== 202) throw new Error(`upload: ${up.status} ${await up.text()}`);
  const t1 = performance.now();
  const { id } = (await up.json()) as { id: number };
  let status: { status: string; rowsDone: number; rowsTotal: number; yes: number; no: number; errors: number; progress: number };
  for (;;) {
    status = (await (await fetch(`${server.base}/api/v1/exchange/batches/${id}`, { headers: auth })).json()) as typeof status;
    process.stderr.write(`\rLô ${id}: ${formatNumber(status.progress, 1)}% (${formatNumber(status.rowsDone)}/${formatNumber(status.rowsTotal)} dòng)   `);
    if (status.status === 'done' || status.status === 'failed') break;
    await new Promise((r) => setTimeout(r, 500));
  }
  process.stderr.write('\n');
  const t2 = performance.now();
  const used = cpuSince(cpu);
  if (status.status !== 'done') throw new Error(`batch ${id} ${status.status}`);
  const after = memoryOf(server.pid);
  const res = await fetch(`${server.base}/api/v1/exchange/batches/${id}/results`, { headers: auth });
  let lines = 0;
  const reader = res.body!.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) for (const b of r.value) if (b === 0x0a) lines++;
  const t3 = performance.now();
  if (lines !== rows + 1) throw new Error(`results: ${lines} lines for ${rows} rows`);

  const seconds = (t2 - t0) / 1000;
  emit('exchange.batch.rows', rows, 'rows');
  emit('exchange.batch.upload_s', Math.round(t1 - t0) / 1000, 's');
  emit('exchange.batch.answer_s', Math.round(t2 - t1) / 1000, 's');
  emit('exchange.batch.download_s', Math.round(t3 - t2) / 1000, 's');
  emit('exchange.batch.rows_per_s', Math.round(rows / seconds), 'rows/s');
  emit('exchange.batch.yes', status.yes, 'rows');
  emit('exchange.batch.no', status.no, 'rows');
  emit('exchange.batch.errors', status.errors, 'rows');
  // CPU per row (upload and answering; the status polls are in it too, a few hundred): less sensitive than rows/s to
  // what else runs on the machine.
  emit('exchange.batch.cpu_us_per_row.server', Math.round((used.server * 1000) / rows), 'µs');
  emit('exchange.batch.cpu_us_per_row.postgres', Math.round((used.postgres * 1000) / rows), 'µs');
  emit('exchange.batch.rss_before_mb', Math.round(before.rss), 'MiB');
  emit('exchange.batch.peak_rss_mb', Math.round(after.peak), 'MiB');
  return { file, rowsPerSecond: rows / seconds };
}

/** The bare version: the same rows COPYed, joined once with people, one answer row each written; no checks, history or audit. */
async function batchCeiling(url: string, file: Buffer): Promise<number> {
  const db = await openPostgres(url, 1);
  try {
    const body = file.subarray(file.indexOf(0x0a) + 1).toString('utf8');
    let line = 1;
    const text = body.split('\n').filter(Boolean).map((l) => {
      line += 1;
      const [id, name, dob] = l.split(',');
      return `${line}\t${id}\t${name}\t${dob ?? '\\N'}`;
    }).join('\n') + '\n';
    const t0 = performance.now();
    await db.transaction(async (tx) => {
      await tx.query('CREATE TEMP TABLE bench_input (line int, personal_id text, full_name text, date_of_birth text) ON COMMIT DROP');
      await tx.query('CREATE TEMP TABLE bench_rows (LIKE exchange_batch_rows INCLUDING ALL) ON COMMIT DROP');
      await db.copyFrom(tx, 'bench_input', ['line', 'personal_id', 'full_name', 'date_of_birth'], text);
      await tx.query(
        `INSERT INTO bench_rows (batch_id, line, personal_id, answer, error)
         SELECT 0, i.line, i.personal_id, coalesce(p.full_name = i.full_name AND p.date_of_birth::text = i.date_of_birth, false), NULL
           FROM bench_input i LEFT JOIN people p ON p.personal_id = i.personal_id`);
    });
    return (line - 1) / ((performance.now() - t0) / 1000);
  } finally {
    await db.close();
  }
}

export async function run(): Promise<void> {
  const people = Number(process.env.BENCH_EXCHANGE_PEOPLE ?? 200_000);
  const rows = Number(process.env.BENCH_EXCHANGE_ROWS ?? 1_000_000);
  const seconds = Number(process.env.BENCH_EXCHANGE_SECONDS ?? 10);
  const only = process.env.BENCH_EXCHANGE_ONLY; // 'lookup' | 'batch'
  const scratch = await scratchPostgres();
  const env = { ...process.env, DATABASE_URL: scratch.url, LOG_LEVEL: 'warn', PORT: String(await freePort()), HOST: '127.0.0.1', DA06_ENV: 'development' };
  let server: RunningServer | undefined;
  let bare: RunningServer | undefined;
  try {
    execFileSync(process.execPath, [BIN, 'seed', '--province', '82', '--people', String(people), '--seed', '7'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    for (const [username, role] of [['bench.admin', 'admin'], ['bench.owner', 'province_registry']]) {
      execFileSync(process.execPath, [BIN, 'officers', 'add', '--username', username, '--full-name', username, '--role', role, '--area', '82', '--password', PASSWORD], { env, stdio: 'ignore' });
    }
    const db = await openPostgres(scratch.url, 1);
    const ids = (await db.query<{ personal_id: string }>('SELECT personal_id FROM people ORDER BY random() LIMIT 20000')).rows.map((r) => r.personal_id);
    await db.query('CHECKPOINT');
    await db.close();
    server = await startServer(env);
    const token = await agencyToken(server.base);
    if (only !== 'batch') {
      bare = await startBareServer('_bare-server.ts', { DATABASE_URL: scratch.url });
      await lookups(server, bare, token, ids, seconds);
      await bare.stop();
      bare = undefined;
    }
    if (only !== 'lookup') {
      const { file, rowsPerSecond } = await batch(server, scratch.url, token, rows);
      const ceiling = await batchCeiling(scratch.url, file);
      emit('exchange.batch.ceiling_rows_per_s', Math.round(ceiling), 'rows/s');
      emit('exchange.batch.ratio', Math.round((rowsPerSecond / ceiling) * 100) / 100, 'ratio');
    }
  } finally {
    await bare?.stop();
    await server?.stop();
    await scratch.drop();
  }
}
