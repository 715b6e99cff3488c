// verify.qr.per_s, verify.qr.p50_ms, verify.qr.p99_ms: identity-QR verifications through the HTTP API
// on PostgreSQL (server in its own process; relying party's API key; token check, registry lookup of
// the person, the verification log and audit entry all included), each QR shown once, as at a real
// counter. verify.signature_ceiling.per_s: bare ES256 verification (node:crypto) of the same tokens in
// this process, same run. verify.chip.per_s: ICAO 9303 passive authentications of a test card.
// verify.ceiling_per_s and verify.ratio: the bare Fastify + pg server (_bare-server.ts) answering the
// same requests with one indexed SELECT (the token's row) on the same database, same connections and
// duration, same run (it may see a token again: it claims nothing).
import { execFileSync } from 'node:child_process';
import { randomBytes, verify as verifySignature, type KeyObject } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openPostgres } from '../src/platform/db.js';
import { loadConfig, publicUrl, secretKey } from '../src/platform/config.js';
import { loadChipTestVectors, loadCredentialKeys, passiveAuthenticate, prepareTrustList, signIdentityToken } from '../src/modules/credentials/index.js';
import { againstCeiling, emit, freePort, scratchPostgres, startBareServer, startServer } from './_common.js';

const BIN = fileURLToPath(new URL('../bin/da06.mjs', import.meta.url));

function signatureCeiling(tokens: string[], key: KeyObject, seconds: number): number {
  const parts = tokens.map((t) => {
    const i = t.lastIndexOf('.');
    return { data: Buffer.from(t.slice(0, i)), sig: Buffer.from(t.slice(i + 1), 'base64url') };
  });
  let n = 0;
  const t0 = performance.now();
  const until = t0 + seconds * 1000;
  while (performance.now() < until) {
    const p = parts[n % parts.length];
    if (!verifySignature('sha256', p.data, { key, dsaEncoding: 'ieee-p1363' }, p.sig)) throw new Error('bad signature');
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

/** Passive authentications of one test card (ECDSA P-256 document signer, DG1, DG2, DG13) per second. */
async function chipRate(seconds: number): Promise<number> {
  const { buildTestCard } = await loadChipTestVectors();
  const card = await buildTestCard();
  const trustList = prepareTrustList([card.cscaPem]);
  const input = { sod: card.sod, dg1: card.dg1, dg2: card.dg2, dg13: card.dg13 };
  if (!passiveAuthenticate(input, { trustList }).authentic) throw new Error('test card not authentic');
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    passiveAuthenticate(input, { trustList });
    n++;
  }
  return n / ((performance.now() - t0) / 1000);
}

export async function run(): Promise<void> {
  const seconds = Number(process.env.BENCH_VERIFY_SECONDS ?? 10);
  const people = Number(process.env.BENCH_VERIFY_PEOPLE ?? 20_000);
  const scratch = await scratchPostgres();
  const port = String(await freePort());
  const env = { ...process.env, DATABASE_URL: scratch.url, LOG_LEVEL: 'warn', PORT: port, HOST: '127.0.0.1', DA06_ENV: 'development' };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
  try {
    execFileSync(process.execPath, [BIN, 'seed', '--province', '82', '--people', String(people), '--seed', '7'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    const added = execFileSync(process.execPath, [BIN, 'relying-parties', 'add', '--code', 'bench-hospital', '--name', 'Bệnh viện (đo hiệu năng)', '--type', 'hospital',
      '--purpose', 'Tiếp đón người bệnh', '--fields', 'personal_id,full_name,date_of_birth,sex,address', '--province', '82', '--rate', '10000000', '--api-key'],
    { env, stdio: ['ignore', 'pipe', 'inherit'] }).toString();
    const apiKey = /api_key: (\S+)/.exec(added)![1];

    // Citizens with e-ID accounts (inserted directly: no password hashing) and one fresh QR each verification.
    const config = loadConfig(env);
    const db = await openPostgres(scratch.url, 2);
    await db.query(`INSERT INTO citizen_accounts (person_id, personal_id, phone, password_hash)
                    SELECT id, personal_id, '0900000000', 'bench' FROM people WHERE date_of_death IS NULL`);
    const accounts = (await db.query<{ id: number }>('SELECT id FROM citizen_accounts ORDER BY id')).rows.map((r) => Number(r.id));
    const keys = await loadCredentialKeys(db, secretKey(config));
    const needed = Math.ceil(Math.max(seconds + 3, 5) * 6_000);
    const now = Math.floor(Date.now() / 1000);
    const tokens: string[] = [];
    const rows = { jti: [] as string[], account: [] as number[] };
    for (let i = 0; i < needed; i++) {
      const jti = randomBytes(16).toString('base64url');
      tokens.push(signIdentityToken({ iss: publicUrl(config), jti, iat: now, exp: now + 3600, loa: 1, full_name: 'x' }, keys.current));
      rows.jti.push(jti);
      rows.account.push(accounts[i % accounts.length]);
    }
    await db.query(`INSERT INTO identity_qr_tokens (jti, account_id, fields, expires_at)
                    SELECT j, a, '{personal_id,full_name,date_of_birth,sex}', now() + interval '1 hour' FROM unnest($1::text[], $2::bigint[]) AS t(j, a)`,
    [rows.jti, rows.account]);
    await db.close();

    server = await startServer(env);
    const base = server.base;

    bare = await startBareServer('_bare-server.ts', { DATABASE_URL: scratch.url });

    let i = 0;
    let j = 0;
    const headers = { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' };
    const load = async (base: string, duration: number) => {
      // The real server sees each token once; the bare one takes them from the start again.
      const fresh = base === server!.base;
      const result = await autocannon({
        url: `${base}/api/v1/verifications`,
        connections: 32,
        pipelining: 1,
        duration,
        headers,
        requests: [{ method: 'POST' as const, setupRequest: (req: object) => ({ ...req, body: JSON.stringify({ qr: tokens[(fresh ? i++ : j++) % tokens.length] }) }) }],
      });
      if (result.non2xx) throw new Error(`${base}: ${result.non2xx} non-2xx answers`);
      if (result.errors) throw new Error(`${base}: ${result.errors} requests failed (${result.timeouts} timed out)`);
      return { ...result, perSecond: result.requests.average };
    };
    await load(base, 2).catch(() => undefined); // warm-up (a slow answer here is no failure)
    const result = await againstCeiling('verify', seconds, base, bare.base, load);
    if (i > tokens.length) throw new Error('ran out of fresh tokens: raise the token count');
    const check = await fetch(`${base}/api/v1/verifications`, { method: 'POST', headers, body: JSON.stringify({ qr: tokens[tokens.length - 1] }) });
    if (!(await check.json() as { valid: boolean }).valid) throw new Error('a fresh token did not verify');
    emit('verify.qr.per_s', result.requests.average, 'verifications/s');
    emit('verify.qr.p50_ms', result.latency.p50, 'ms');
    emit('verify.qr.p99_ms', result.latency.p99, 'ms');
    await server.stop();
    await bare.stop();
    emit('verify.signature_ceiling.per_s', signatureCeiling(tokens.slice(0, 1000), keys.verification.get(keys.current.kid)!, 3), 'verifications/s');
    emit('verify.chip.per_s', await chipRate(3), 'authentications/s');
  } finally {
    await bare?.stop();
    await server?.stop();
    await scratch.drop();
  }
}
