import { randomBytes } from 'node:crypto';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openPostgres, type Db } from '../src/platform/db.js';

export function emit(metric: string, value: number, unit: string): void {
  process.stdout.write(JSON.stringify({ metric, value: Math.round(value * 100) / 100, unit }) + '\n');
}

/** The PostgreSQL server benches run against (default: this machine's, trust auth). */
export const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A new empty database on the server; `drop()` removes it. */
export async function scratchPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `da06_bench_${randomBytes(4).toString('hex')}`;
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

/**
 * `da06 serve` in its own process, as in production; resolves once it answers /ready.
 * BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when stopped.
 */
export async function startServer(env: NodeJS.ProcessEnv): Promise<{ base: string; stop(): Promise<void> }> {
  const bin = fileURLToPath(new URL('../bin/da06.mjs', import.meta.url));
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_CPU_PROF] : [];
  const child = spawn(process.execPath, [...prof, bin, 'serve'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${env.PORT}`;
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
  return { base, stop };
}
