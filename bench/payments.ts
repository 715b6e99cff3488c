// payments.notify.per_s and payments.notify.p99_ms: signed bank notifications (docs/connectors/payments.md) confirmed
// per second through HTTP on PostgreSQL, 16 connections, each for its own pending request: signature, timestamp
// window, replay table, the request locked, the notification recorded once per transaction id, the request marked
// paid, the next receipt number of the series (one row lock every confirmation takes in turn), the receipt, the
// audit entry and the asking module's settlement (subject kind 'dossier', no such dossier: one locked read), one
// transaction, committed before the answer.
// payments.notify_retry.per_s: the bank's retries of already confirmed transaction ids (new timestamp, so a new
// signature): answered "duplicate" from the recorded notification, nothing written but the replay table.
// payments.ceiling_per_s and payments.ratio: the bare server (_bare-server.ts) checking the same HMAC over the same
// raw bodies and writing one INSERT to the same database, loaded the same way in the same run (`againstCeiling`).
import { createHmac, randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { openPostgres } from '../src/platform/db.js';
import { againstCeiling, emit, freePort, scratchPostgres, startBareServer, startServer } from './_common.js';

const URL_PATH = '/api/v1/payments/notifications';
const AMOUNT = 50_000;

function signed(secret: string, body: string): Record<string, string> {
  const at = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', secret).update(`${at}.${body}`).digest('hex');
  return { 'content-type': 'application/json', 'x-payment-timestamp': at, 'x-payment-signature': `sha256=${signature}` };
}

export async function run(): Promise<void> {
  const seconds = Number(process.env.BENCH_PAYMENTS_SECONDS ?? 10);
  const requests = Number(process.env.BENCH_PAYMENTS_REQUESTS ?? 60_000);
  const secret = randomBytes(24).toString('hex');
  const scratch = await scratchPostgres();
  const env = {
    ...process.env, DATABASE_URL: scratch.url, LOG_LEVEL: 'warn', PORT: String(await freePort()), HOST: '127.0.0.1', DA06_ENV: 'development',
    DA06_PAYMENTS_NOTIFY_SECRET: secret,
  };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
  try {
    // The server applies the migrations; then the pending requests, as many as the run can confirm, with the
    // sample account the development server collects to.
    server = await startServer(env);
    const db = await openPostgres(scratch.url, 1);
    await db.query(
      `INSERT INTO payment_requests (reference, subject_kind, subject_id, subject_code, payer_name, payer_personal_id, unit_code, province_code, amount,
         purpose, bank_bin, bank_account, account_name, expires_at)
       SELECT 'BENCH' || lpad(i::text, 9, '0'), 'dossier', (900000000 + i)::text, NULL, 'Nguyễn Văn Thử', '082190000001', '28249', '82', $1,
              'Phí, lệ phí: thử tải', '970415', '113366668888', 'TÀI KHOẢN MẪU', now() + interval '7 days'
         FROM generate_series(1, $2::int) AS i`, [AMOUNT, requests]);
    await db.close();
    bare = await startBareServer('_bare-server.ts', { DATABASE_URL: scratch.url, BARE_NOTIFY_SECRET: secret });

    let next = 0;
    // The bodies the real server confirmed (the bare server's phases take references too, but pay nothing).
    const confirmed: string[] = [];
    const fresh = (keep: boolean) => () => {
      next += 1;
      if (next > requests) throw new Error('more notifications than pending requests: raise BENCH_PAYMENTS_REQUESTS');
      const reference = `BENCH${String(next).padStart(9, '0')}`;
      const transactionId = `FT${String(next).padStart(12, '0')}`;
      const body = JSON.stringify({ transactionId, reference, amount: AMOUNT, paidAt: new Date().toISOString() });
      if (keep) confirmed.push(body);
      return body;
    };
    let retry = 0;
    const again = () => confirmed[retry++ % confirmed.length]!;

    const load = (pick: (url: string) => () => string) => async (url: string, duration: number) => {
      const body = pick(url);
      const result = await autocannon({
        url, connections: 16, pipelining: 1, duration,
        requests: [{
          method: 'POST' as const, path: URL_PATH,
          setupRequest: (req: object) => {
            const b = body();
            return { ...req, path: URL_PATH, body: b, headers: signed(secret, b) };
          },
        }],
      });
      if (result.non2xx) throw new Error(`${url}: ${result.non2xx} non-2xx answers`);
      if (result.errors) throw new Error(`${url}: ${result.errors} requests failed (${result.timeouts} timed out)`);
      return { ...result, perSecond: result.requests.average };
    };
    const real = server.base;
    const fresh_ = load((url) => fresh(url === real));
    await fresh_(real, 2); // warm-up
    const result = await againstCeiling('payments', seconds, real, bare.base, fresh_);
    emit('payments.notify.per_s', result.requests.average, 'req/s');
    emit('payments.notify.p50_ms', result.latency.p50, 'ms');
    emit('payments.notify.p99_ms', result.latency.p99, 'ms');
    const retries = await load(() => again)(real, Math.max(2, seconds / 2));
    emit('payments.notify_retry.per_s', retries.requests.average, 'req/s');
    emit('payments.notify_retry.p99_ms', retries.latency.p99, 'ms');

    // Every fresh notification the real server answered paid its request once, with one receipt number each, no gap.
    const check = await openPostgres(scratch.url, 1);
    const r = (await check.query<{ paid: number; receipts: number; last: number }>(
      `SELECT (SELECT count(*)::int FROM payment_requests WHERE status = 'paid') AS paid, (SELECT count(*)::int FROM payment_receipts) AS receipts,
              (SELECT coalesce(max(number), 0)::int FROM payment_receipts) AS last`)).rows[0]!;
    await check.close();
    if (r.paid !== r.receipts || r.receipts !== r.last) throw new Error(`paid ${r.paid}, receipts ${r.receipts}, last number ${r.last}`);
    emit('payments.confirmed_total', r.paid, 'payments');
  } finally {
    await bare?.stop();
    await server?.stop();
    await scratch.drop();
  }
}
