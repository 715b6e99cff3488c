// The ceiling of the HTTP benches: a bare Fastify + pg server answering one indexed SELECT per request
// on the same scratch database, in its own process like the real server (`startBareServer` in
// _common.ts starts it). No session, no access check, no audit, no schema, no cache; its statement is
// named (prepared once per connection), as the real server names its hot ones. What this machine,
// Node, Fastify, pg and PostgreSQL give for one request and one round trip, measured in the same run
// as the real figure so that the ratio holds while the machine's speed drifts.
//   GET  /api/v1/people/:key      person by personal ID (the unique index on people.personal_id)
//   POST /api/v1/verifications    {qr}: the token's jti read from its payload, its row by primary key
//   POST /api/v1/desk/stays       {guests}: one watchlist row by primary key
//   POST /api/v1/payments/notifications  the raw body's HMAC-SHA256 checked (BARE_NOTIFY_SECRET), the JSON
//                                 parsed, one INSERT of the signature (what the real path does first)
// Pool size: BARE_POOL (the real server's default, 10).
import { createHmac, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.BARE_POOL ?? 10) });
const app = Fastify({ logger: false });

app.get('/ready', async () => ({ ok: true }));

app.get<{ Params: { key: string } }>('/api/v1/people/:key', async (req, reply) => {
  const r = await pool.query({ name: 'person', text: 'SELECT personal_id, full_name, date_of_birth, sex, commune_code, household_id FROM people WHERE personal_id = $1', values: [req.params.key] });
  if (!r.rows.length) return reply.code(404).send({ title: 'not found' });
  return r.rows[0];
});

app.post<{ Body: { qr: string } }>('/api/v1/verifications', async (req, reply) => {
  const payload = JSON.parse(Buffer.from(req.body.qr.split('.')[1], 'base64url').toString('utf8')) as { jti: string };
  const r = await pool.query({ name: 'token', text: 'SELECT account_id, fields, expires_at FROM identity_qr_tokens WHERE jti = $1', values: [payload.jti] });
  if (!r.rows.length) return reply.code(404).send({ title: 'not found' });
  return { valid: true, token: r.rows[0] };
});

const watchlistSize = Number(process.env.BARE_WATCHLIST ?? 1);
app.post<{ Body: { guests: { personalId: string }[] } }>('/api/v1/desk/stays', async (req, reply) => {
  const id = (Number(req.body.guests[0].personalId.slice(-6)) % watchlistSize) + 1;
  const r = await pool.query({ name: 'entry', text: 'SELECT id, kind, full_name FROM watchlist_entries WHERE id = $1', values: [id] });
  return reply.code(201).send({ guests: req.body.guests.length, entry: r.rows[0]?.id ?? null });
});

await app.register(async (raw) => {
  raw.removeContentTypeParser('application/json');
  raw.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  const secret = process.env.BARE_NOTIFY_SECRET ?? '';
  raw.post<{ Body: string }>('/api/v1/payments/notifications', async (req, reply) => {
    const at = String(req.headers['x-payment-timestamp'] ?? '');
    const given = /^sha256=([0-9a-f]{64})$/.exec(String(req.headers['x-payment-signature'] ?? ''))?.[1];
    const expected = createHmac('sha256', secret).update(`${at}.${req.body}`).digest();
    if (!given || !timingSafeEqual(expected, Buffer.from(given, 'hex'))) return reply.code(401).send({ title: 'bad signature' });
    const n = JSON.parse(req.body) as { transactionId: string; reference: string };
    await pool.query({ name: 'signature', text: 'INSERT INTO payment_notification_signatures (signature) VALUES ($1) ON CONFLICT DO NOTHING', values: [given] });
    return { reference: n.reference, transactionId: n.transactionId, status: 'confirmed' };
  });
});

await app.listen({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.once('SIGTERM', () => {
  void app.close().then(() => pool.end()).then(() => process.exit(0));
});
