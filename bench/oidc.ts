// oidc.refresh.per_s, oidc.client_credentials.per_s, oidc.code_flow.per_s: the OpenID Connect
// provider on PostgreSQL, served by its own process (as in production) and loaded from this one.
// A code flow here is what a browser and a relying party do after the citizen has signed in to da06
// (no password hashing): /oidc/auth → interaction API login (+ consent the first time) → /oidc/auth
// resume → callback with code → token exchange with PKCE. Audit writes of every step are included.
// Refresh: 64 relying-party back ends, each rotating its refresh token in a loop on its own kept-alive
// connection (a lean HTTP client: `fetch` took more than half a core of this 2-core machine away from the server);
// oidc.refresh.single_ms: the median refresh of one chain alone.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openPostgres } from '../src/platform/db.js';
import { AuditWriter } from '../src/platform/audit.js';
import { loadConfig, loginThrottleSettings, sessionSecret } from '../src/platform/config.js';
import { createIdentityService } from '../src/modules/identity/index.js';
import { ROLES } from '../src/roles.js';
import { emit, keepAliveConnection, scratchPostgres, startServer } from './_common.js';

const BIN = fileURLToPath(new URL('../bin/da06.mjs', import.meta.url));
const REDIRECT = 'https://rp.bench.test/cb';

/** Runs `workers` loops of `step` for `seconds`; returns completed steps per second. */
async function rate(workers: number, seconds: number, step: (worker: number) => Promise<void>): Promise<number> {
  let done = 0;
  const until = Date.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: workers }, async (_, w) => {
    while (Date.now() < until) {
      await step(w);
      done++;
    }
  }));
  return done / ((performance.now() - t0) / 1000);
}

function cookieJar() {
  const jar = new Map<string, string>();
  return {
    header: (extra: string) => [...[...jar].map(([k, v]) => `${k}=${v}`), extra].join('; '),
    take(res: Response) {
      for (const c of res.headers.getSetCookie()) {
        const [kv] = c.split(';');
        const i = kv.indexOf('=');
        jar.set(kv.slice(0, i), kv.slice(i + 1));
      }
    },
  };
}

export async function run(): Promise<void> {
  const seconds = Number(process.env.BENCH_OIDC_SECONDS ?? 10);
  const accounts = Number(process.env.BENCH_OIDC_ACCOUNTS ?? 400);
  const scratch = await scratchPostgres();
  const port = '3908';
  const env = { ...process.env, DATABASE_URL: scratch.url, LOG_LEVEL: 'warn', PORT: port, HOST: '127.0.0.1', DA06_ENV: 'development' };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    execFileSync(process.execPath, [BIN, 'seed', '--province', '82', '--people', String(accounts * 2), '--seed', '7'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    const add = (args: string[]) => execFileSync(process.execPath, [BIN, 'clients', 'add', ...args], { env, stdio: ['ignore', 'pipe', 'ignore'] }).toString();
    const publicId = /client_id: (\S+)/.exec(add(['--name', 'Bench public', '--redirect-uri', REDIRECT, '--scopes', 'profile', '--public']))![1];
    const confidential = add(['--name', 'Bench confidential', '--redirect-uri', REDIRECT, '--scopes', 'profile']);
    const ccId = /client_id: (\S+)/.exec(confidential)![1];
    const ccSecret = /client_secret: (\S+)/.exec(confidential)![1];

    // Citizens with live da06 sessions (accounts inserted directly: password hashing is not measured).
    const db = await openPostgres(scratch.url, 2);
    const config = loadConfig(env);
    const audit = new AuditWriter(db);
    const identity = createIdentityService(db, audit, { roles: ROLES, sessionSecret: sessionSecret(config), sessionTtlMinutes: 480, throttle: loginThrottleSettings(config) });
    const people = (await db.query<{ id: number; personal_id: string }>(
      'SELECT id, personal_id FROM people WHERE date_of_death IS NULL ORDER BY id LIMIT $1', [accounts],
    )).rows;
    const sessions: { cookie: string; csrf: string }[] = [];
    for (const p of people) {
      const r = await db.query<{ id: number }>(
        `INSERT INTO citizen_accounts (person_id, personal_id, phone, password_hash) VALUES ($1, $2, '0900000000', 'bench') RETURNING id`, [p.id, p.personal_id],
      );
      const s = await identity.createCitizenSession(Number(r.rows[0].id), 'bench');
      sessions.push({ cookie: `da06_citizen=${s.token}`, csrf: s.csrfToken });
    }
    await audit.drain();
    await db.close();

    server = await startServer(env);
    const base = server.base;

    let next = 0;
    /** One full code flow for the next citizen in a fresh browser; returns the tokens. */
    async function codeFlow(): Promise<{ refresh_token: string }> {
      const who = sessions[next++ % sessions.length];
      const jar = cookieJar();
      const go = async (url: string, init: RequestInit = {}) => {
        const res = await fetch(new URL(url, base), { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header(who.cookie) } });
        jar.take(res);
        return res;
      };
      const verifier = randomBytes(32).toString('base64url');
      const challenge = createHash('sha256').update(verifier).digest('base64url');
      const q = new URLSearchParams({ client_id: publicId, response_type: 'code', scope: 'openid profile', redirect_uri: REDIRECT, code_challenge: challenge, code_challenge_method: 'S256', state: 's' });
      let res = await go(`/oidc/auth?${q}`);
      for (let i = 0; i < 8; i++) {
        await res.arrayBuffer();
        const location = new URL(res.headers.get('location')!, base);
        if (location.href.startsWith(REDIRECT)) {
          const code = location.searchParams.get('code');
          if (!code) throw new Error(`flow refused: ${location.search}`);
          const token = await fetch(`${base}/oidc/token`, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier, client_id: publicId }),
          });
          if (!token.ok) throw new Error(`token: ${token.status} ${await token.text()}`);
          return token.json();
        }
        if (location.pathname.startsWith('/api/v1/oidc/interactions/')) {
          const details = await (await go(location.pathname, { headers: { accept: 'application/json' } })).json();
          const post = await go(`${location.pathname}/${details.prompt}`, {
            method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': who.csrf }, body: JSON.stringify({ approve: true }),
          });
          if (!post.ok) throw new Error(`${details.prompt}: ${post.status} ${await post.text()}`);
          res = await go((await post.json()).redirectTo);
        } else {
          res = await go(location.href);
        }
      }
      throw new Error('too many redirects');
    }

    await rate(8, 2, async () => void (await codeFlow())); // warm-up; every account consents once
    emit('oidc.code_flow.per_s', await rate(16, seconds, async () => void (await codeFlow())), 'flows/s');

    const chains = await Promise.all(Array.from({ length: 64 }, () => codeFlow().then((t) => t.refresh_token)));
    // Each chain on its own kept-alive connection, as a relying party's back end refreshes.
    const connections = await Promise.all(chains.map(() => keepAliveConnection(base)));
    const refresh = async (w: number) => {
      const body = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: chains[w], client_id: publicId }).toString();
      const res = await connections[w].post('/oidc/token', { 'content-type': 'application/x-www-form-urlencoded' }, body);
      if (res.status !== 200) throw new Error(`refresh: ${res.status} ${res.body}`);
      chains[w] = (JSON.parse(res.body) as { refresh_token: string }).refresh_token;
    };
    await rate(64, 2, refresh);
    const latencies: number[] = [];
    emit('oidc.refresh.per_s', await rate(64, seconds, async (w) => {
      const t = performance.now();
      await refresh(w);
      latencies.push(performance.now() - t);
    }), 'tokens/s');
    latencies.sort((a, b) => a - b);
    emit('oidc.refresh.p99_ms', latencies[Math.floor(latencies.length * 0.99)], 'ms');
    // One chain alone: what a single refresh waits for (its database round trips), without queueing.
    const alone: number[] = [];
    await rate(1, 2, async () => {
      const t = performance.now();
      await refresh(0);
      alone.push(performance.now() - t);
    });
    alone.sort((a, b) => a - b);
    emit('oidc.refresh.single_ms', alone[Math.floor(alone.length / 2)], 'ms');
    for (const c of connections) c.close();

    const cc = {
      url: `${base}/oidc/token`,
      connections: 64,
      duration: seconds,
      method: 'POST' as const,
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${encodeURIComponent(ccId)}:${encodeURIComponent(ccSecret)}`).toString('base64')}` },
      body: 'grant_type=client_credentials',
    };
    await autocannon({ ...cc, duration: 2 });
    const result = await autocannon(cc);
    if (result.non2xx) throw new Error(`${result.non2xx} non-2xx answers to client_credentials`);
    emit('oidc.client_credentials.per_s', result.requests.average, 'tokens/s');
    emit('oidc.client_credentials.p99_ms', result.latency.p99, 'ms');
  } finally {
    await server?.stop();
    await scratch.drop();
  }
}
