import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openPostgres, type Db } from '../src/platform/db.js';
import { loadConfig } from '../src/platform/config.js';
import { composeServices, stopServices, type Services } from '../src/compose.js';

export function emit(metric: string, value: number, unit: string): void {
  process.stdout.write(JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit }) + '\n');
}

/** The PostgreSQL server benches run against (default: this machine's, trust auth). */
export const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A new empty database on the server; `drop()` removes it. */
/** Scratch databases of this run: the CPU accounting counts only the PostgreSQL backends serving them. */
const scratchDatabases = new Set<string>();

export async function scratchPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `da06_bench_${randomBytes(4).toString('hex')}`;
  scratchDatabases.add(name);
  const admin: Db = await openPostgres(PG_URL, 1);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.close();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    async drop() {
      const a = await openPostgres(PG_URL, 1);
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.close();
    },
  };
}

/**
 * A TCP port nobody listens on now: other engineers run these benches on the same machine, and a fixed
 * port once made a bench load someone else's server.
 */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Waits until a server answers /ready (up to two minutes). */
export async function waitReady(base: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${base}/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server did not become ready');
}

export interface RunningServer { base: string; pid: number; stop(): Promise<void> }

/** The process behind each server this bench started, by base URL (for the CPU accounting of `againstCeiling`). */
const serverPids = new Map<string, number>();

/** `node <args>` listening on `port`; resolves once it answers /ready, stops it if it never does. */
async function spawnServer(args: string[], env: NodeJS.ProcessEnv, port: string | number): Promise<RunningServer> {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'inherit'], cwd: fileURLToPath(new URL('..', import.meta.url)) });
  const base = `http://127.0.0.1:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  };
  try {
    await waitReady(base);
  } catch (err) {
    await stop();
    throw err;
  }
  serverPids.set(base, child.pid!);
  return { base, pid: child.pid!, stop };
}

/**
 * `da06 serve` in its own process, as in production; resolves once it answers /ready.
 * BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when stopped.
 */
export async function startServer(env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const bin = fileURLToPath(new URL('../bin/da06.mjs', import.meta.url));
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  return spawnServer([...prof, bin, 'serve'], env, env.PORT!);
}

/**
 * A bench's ceiling server in its own process on a free port: `_bare-server.ts` (bare Fastify + pg, with the
 * real server's pool size; the lookup, verify and lodging benches) or `_bare-oidc.ts` (bare oidc-provider).
 */
export async function startBareServer(script: '_bare-server.ts' | '_bare-oidc.ts', extra: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const port = await freePort();
  const env = { PATH: process.env.PATH, PORT: String(port), BARE_POOL: '10', ...extra };
  // BENCH_CPU_PROF_BARE=<dir>: the bare server's profile, to compare with the real one's function by function.
  const prof = process.env.BENCH_CPU_PROF_BARE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF_BARE] : [];
  return spawnServer([...prof, '--import', 'tsx', fileURLToPath(new URL(`./${script}`, import.meta.url))], env, port);
}

/**
 * The real figure and its ceiling in the same run, loaded the same way: `load(base, seconds)` runs
 * against the bare server for half the time, the real server for the whole time, the bare server
 * again for the other half, so a drift of the machine's speed during the run weighs on both alike.
 * Prints `<name>.ceiling_per_s` and `<name>.ratio` (real / ceiling); returns the real run's result.
 */
export async function againstCeiling<R extends { perSecond: number }>(name: string, seconds: number, real: string, bare: string,
  load: (base: string, seconds: number) => Promise<R>): Promise<R> {
  await load(bare, 2); // warm-up
  // Other work on the machine starves both servers alike and pushes the ratio towards 1 (a run at load
  // 20 gave 1.01 where the quiet machine gives 0.35): the load is printed so that such a run is seen for what it is.
  emit('machine.load_avg_1min', Number(readFileSync('/proc/loadavg', 'latin1').split(' ')[0]), 'processes');
  const phase = async (base: string, duration: number) => {
    const start = cpuSnapshot(serverPids.get(base));
    const r = await load(base, duration);
    return { r, cpu: cpuSince(start), requests: r.perSecond * duration };
  };
  const before = await phase(bare, seconds / 2);
  const result = await phase(real, seconds);
  const after = await phase(bare, seconds / 2);
  const ceiling = (before.r.perSecond + after.r.perSecond) / 2;
  emit(`${name}.ceiling_per_s`, ceiling, 'req/s');
  emit(`${name}.ratio`, result.r.perSecond / ceiling, 'ratio');
  // CPU spent per request by each side, in each phase: what a saturated machine trades for throughput,
  // and far steadier than requests per second when the machine's speed drifts.
  const perRequest = (cpu: CpuUse, requests: number) => ({
    server: cpu.server / requests, postgres: cpu.postgres / requests, loadgen: cpu.loadgen / requests,
  });
  const realCost = perRequest(result.cpu, result.requests);
  const bareCost = perRequest(addCpu(before.cpu, after.cpu), before.requests + after.requests);
  for (const [side, cost] of [['real', realCost], ['bare', bareCost]] as const) {
    for (const [part, ms] of Object.entries(cost)) emit(`${name}.cpu_ms_per_req.${side}.${part}`, Math.round(ms * 1000) / 1000, 'ms');
  }
  emit(`${name}.cpu_ratio`, (bareCost.server + bareCost.postgres) / (realCost.server + realCost.postgres), 'ratio');
  return result.r;
}

export interface CpuUse { server: number; postgres: number; loadgen: number }
const TICK_MS = 10; // Linux USER_HZ = 100

/** utime + stime of one process, in ms; 0 when it is gone. */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // fields 14 and 15 of stat(5)
  } catch {
    return 0;
  }
}

/**
 * CPU used so far by the PostgreSQL backends serving this run's scratch databases (both servers'
 * connections; only one server is loaded at a time). Other databases' backends on the same server, and
 * the shared WAL writer and checkpointer, are not counted.
 */
function postgresCpuMs(): Map<number, number> {
  const use = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'latin1');
      if (stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')) !== 'postgres') continue;
      // A backend's title: "postgres: [<cluster>: ]<user> <database> <host>(<port>) <state>"
      const title = readFileSync(`/proc/${entry}/cmdline`, 'latin1').split(/[\s\0]+/);
      if (!title.some((word) => scratchDatabases.has(word))) continue;
      use.set(Number(entry), processCpuMs(Number(entry)));
    } catch {
      // exited meanwhile
    }
  }
  return use;
}

export function cpuSnapshot(serverPid: number | undefined) {
  const own = process.cpuUsage();
  return { serverPid, server: serverPid ? processCpuMs(serverPid) : 0, postgres: postgresCpuMs(), loadgen: (own.user + own.system) / 1000 };
}

export function cpuSince(start: ReturnType<typeof cpuSnapshot>): CpuUse {
  const own = process.cpuUsage();
  let postgres = 0;
  for (const [pid, ms] of postgresCpuMs()) postgres += ms - (start.postgres.get(pid) ?? 0);
  return {
    server: start.serverPid ? processCpuMs(start.serverPid) - start.server : 0,
    postgres,
    loadgen: (own.user + own.system) / 1000 - start.loadgen,
  };
}

const addCpu = (a: CpuUse, b: CpuUse): CpuUse => ({ server: a.server + b.server, postgres: a.postgres + b.postgres, loadgen: a.loadgen + b.loadgen });

/**
 * A lean HTTP/1.1 client on one kept-alive socket, one request at a time: the load generator shares
 * this machine's two cores with the server and PostgreSQL. Driving the refresh bench, `fetch` took
 * 0.59 of the cores and node:http with a keep-alive agent 0.21; this takes 0.07. Answers must carry
 * Content-Length or be chunked.
 */
export async function keepAliveConnection(base: string): Promise<{ post(path: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string }>; close(): void }> {
  const { connect } = await import('node:net');
  const url = new URL(base);
  const socket = connect(Number(url.port), url.hostname);
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  let buffer = Buffer.alloc(0);
  let waiting: { resolve(r: { status: number; body: string }): void; reject(err: unknown): void } | undefined;
  const tryParse = () => {
    const end = buffer.indexOf('\r\n\r\n');
    if (end < 0 || !waiting) return;
    const head = buffer.subarray(0, end).toString('latin1');
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    let body: Buffer | undefined;
    let consumed = 0;
    if (length) {
      const n = Number(length[1]);
      if (buffer.length < end + 4 + n) return;
      body = buffer.subarray(end + 4, end + 4 + n);
      consumed = end + 4 + n;
    } else if (/\r\ntransfer-encoding: *chunked/i.test(head)) {
      const parts: Buffer[] = [];
      let at = end + 4;
      for (;;) {
        const eol = buffer.indexOf('\r\n', at);
        if (eol < 0) return;
        const size = Number.parseInt(buffer.subarray(at, eol).toString('latin1'), 16);
        if (buffer.length < eol + 2 + size + 2) return;
        if (size === 0) {
          consumed = eol + 4;
          break;
        }
        parts.push(buffer.subarray(eol + 2, eol + 2 + size));
        at = eol + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      waiting.reject(new Error(`answer without length: ${head}`));
      return;
    }
    buffer = buffer.subarray(consumed);
    const w = waiting;
    waiting = undefined;
    w.resolve({ status, body: body.toString('utf8') });
  };
  socket.on('data', (chunk) => {
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    tryParse();
  });
  socket.on('error', (err) => waiting?.reject(err));
  // A server that closes the connection under a request must fail it, not leave it waiting forever.
  socket.on('close', () => waiting?.reject(new Error('connection closed by the server')));
  return {
    post(path, headers, body) {
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
        const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
        socket.write(`POST ${path} HTTP/1.1\r\nhost: ${url.host}\r\n${extra}content-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
      });
    },
    close: () => socket.destroy(),
  };
}

/** Runs `fn` with the services the server runs (src/compose.ts, the one composition root) on a scratch database, then stops them. */
export async function withServices<T>(url: string, env: NodeJS.ProcessEnv, fn: (services: Services, db: Db) => Promise<T>, poolSize = 2): Promise<T> {
  const db = await openPostgres(url, poolSize);
  try {
    const services = await composeServices({ config: loadConfig(env), db });
    try {
      return await fn(services, db);
    } finally {
      await stopServices(services);
    }
  } finally {
    await db.close();
  }
}
