import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface DemoAccount {
  username: string;
  password: string;
  role: string;
  areaCode: string;
}

export interface RunningServer {
  baseUrl: string;
  /** What browsers use (DA06_PUBLIC_URL); baseUrl unless `publicHost` was given. */
  publicUrl: string;
  accounts: Map<string, DemoAccount>;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** Lines the server prints once: `  canbo.tinh   mật khẩu: XXXX   (province_registry, địa bàn 82)`. */
const ACCOUNT_LINE = /^\s+(\S+)\s+mật khẩu: (\S+)\s+\((\w+), địa bàn (\d+)\)\s*$/gmu;

export function parseAccounts(stdout: string): Map<string, DemoAccount> {
  const accounts = new Map<string, DemoAccount>();
  for (const m of stdout.matchAll(ACCOUNT_LINE)) {
    accounts.set(m[1], { username: m[1], password: m[2], role: m[3], areaCode: m[4] });
  }
  return accounts;
}

/**
 * Starts `da06 serve --demo` on an embedded PGlite in a fresh temp dir, waits for /ready.
 * `opts.env`: settings for this server only (e.g. a shorter DA06_IDENTITY_QR_SECONDS); the caller's own DA06_* never leak in.
 */
export async function startServer(people = 3000, timeoutMs = 170_000, opts: { publicHost?: string; env?: Record<string, string>; trustCsca?: string } = {},
): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'da06-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k === 'DATABASE_URL' || k.startsWith('DA06_')) continue;
    env[k] = v;
  }
  Object.assign(env, {
    DA06_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    DA06_DEMO_PEOPLE: String(people),
    LOG_LEVEL: 'warn',
    // `serve --demo` is refused in production, the default mode.
    DA06_ENV: 'development',
    // WebAuthn refuses IP addresses as RP ID: passkey tests browse http://localhost:PORT.
    ...(opts.publicHost ? { DA06_PUBLIC_URL: `http://${opts.publicHost}:${port}` } : {}),
    ...opts.env,
  });
  if (opts.trustCsca) {
    // The CSCA trust list is kept by the operator (`da06 trust add`; no province role may change it),
    // before the server opens the embedded database.
    const pem = join(dataDir, 'csca.pem');
    writeFileSync(pem, opts.trustCsca);
    execFileSync(process.execPath, ['bin/da06.mjs', 'trust', 'add', pem], { cwd: root, env, stdio: 'ignore' });
  }
  const child: ChildProcess = spawn(process.execPath, ['bin/da06.mjs', 'serve', '--demo'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-8000)));
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.on('exit', (code) => {
      exited = code;
      resolve();
    }),
  );

  const stop = async () => {
    if (exited === undefined) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  const publicUrl = opts.publicHost ? `http://${opts.publicHost}:${port}` : baseUrl;
  const deadline = Date.now() + timeoutMs;
  // What the last poll saw, for the error: a start that stalls says where (no answer, not ready, no accounts printed).
  let lastReady = 'no answer';
  try {
    while (Date.now() < deadline) {
      if (exited !== undefined) throw new Error(`server exited with ${exited}:\n${stderr}`);
      const ready = await fetch(`${baseUrl}/ready`, { signal: AbortSignal.timeout(5_000) }).then(
        (r) => ((lastReady = `HTTP ${r.status}`), r.ok),
        (e: Error) => ((lastReady = `no answer (${e.name})`), false),
      );
      const accounts = parseAccounts(stdout);
      if (ready && accounts.size > 0) return { baseUrl, publicUrl, accounts, stop };
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`server not ready after ${timeoutMs} ms (/ready: ${lastReady}; stdout ${stdout.length} chars, ending:\n${stdout.slice(-1500)}\n) stderr:\n${stderr}`);
  } catch (err) {
    await stop();
    throw err;
  }
}
