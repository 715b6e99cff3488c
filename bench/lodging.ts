// lodging.checkin.per_s: stay declarations (one typed guest each, a fresh Idempotency-Key each) through
// the HTTP API on PostgreSQL, by a facility's system with its API key, every guest matched against a
// 100,000-entry watchlist, each declaration durable (committed) before its answer.
// lodging.alert.p50_ms / p99_ms: from sending a check-in of a watchlisted guest (1 in 100) to the
// alert arriving on a police console listening with server-sent events, during the same load.
// lodging.ceiling_per_s and lodging.ratio: the bare Fastify + pg server (_bare-server.ts) answering the
// same requests with one indexed SELECT (a watchlist row by key) on the same database, same
// connections and duration, same run.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { openPostgres } from '../src/platform/db.js';
import { loadConfig } from '../src/platform/config.js';
import { composeServices, stopServices } from '../src/compose.js';
import { unsafeLodgingSeeder, validateWatchlistEntry } from '../src/modules/lodging/index.js';
import { makePersonalId, Rng } from '../src/modules/registry/index.js';
import { againstCeiling, emit, freePort, scratchPostgres, startBareServer, startServer } from './_common.js';

const BIN = fileURLToPath(new URL('../bin/da06.mjs', import.meta.url));
const COMMUNE = '28249';
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Phan', 'Đặng', 'Bùi', 'Đỗ'];
const MIDDLES = ['Văn', 'Thị', 'Minh', 'Ngọc', 'Hữu', 'Thanh'];
const GIVENS = ['An', 'Bình', 'Cường', 'Dũng', 'Hà', 'Hùng', 'Lan', 'Linh', 'Mai', 'Nam', 'Phúc', 'Quân', 'Tâm', 'Trang', 'Tuấn', 'Yến'];

interface Person { personalId: string; fullName: string; dateOfBirth: string; sex: 'Nam' | 'Nữ' }

function person(rng: Rng, serial: number): Person {
  const year = 1950 + rng.int(0, 55);
  const sex = rng.float() < 0.5 ? 'Nam' : 'Nữ';
  const dob = `${year}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  const name = `${SURNAMES[rng.int(0, 9)]} ${MIDDLES[rng.int(0, 5)]} ${GIVENS[rng.int(0, 15)]}`;
  return { personalId: makePersonalId('079', year, sex, serial), fullName: name, dateOfBirth: dob, sex };
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

export async function run(): Promise<void> {
  const seconds = Number(process.env.BENCH_LODGING_SECONDS ?? 10);
  const watchlistSize = Number(process.env.BENCH_LODGING_WATCHLIST ?? 100_000);
  const scratch = await scratchPostgres();
  const port = String(await freePort());
  const env = { ...process.env, DATABASE_URL: scratch.url, LOG_LEVEL: 'warn', PORT: port, HOST: '127.0.0.1', DA06_ENV: 'development' };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
  const controller = new AbortController();
  try {
    execFileSync(process.execPath, [BIN, 'migrate'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    const db = await openPostgres(scratch.url, 2);
    const services = await composeServices({ config: loadConfig(env), db });
    const store = unsafeLodgingSeeder(db);
    const { relyingParty, apiKey } = await services.credentials.relyingParties.add({
      code: 'bench-hotel', name: 'Khách sạn (đo hiệu năng)', type: 'lodging', purpose: 'Thông báo lưu trú',
      allowedFields: ['personal_id', 'full_name', 'date_of_birth', 'sex'], minLevel: 1, provinceCode: '82', ratePerMinute: 100_000_000,
    }, { withApiKey: true });
    const facility = await store.insertFacility({
      name: 'Khách sạn (đo hiệu năng)', kind: 'hotel', starClass: 3, communeCode: COMMUNE, provinceCode: '82', address: '1 Nguyễn Huệ', capacity: 500,
      remoteArea: false, ownerName: 'Chủ', phone: '0900000000', status: 'approved', registeredBy: null, applicantUsername: null, applicantPasswordHash: null,
    });
    await store.setRelyingParty(Number(facility.id), relyingParty.id);
    await services.identity.createOfficer({ username: 'bench.police', fullName: 'Công an (đo)', password: 'bench-police-password', role: 'commune_police', areaCode: COMMUNE });

    // The watchlist: half with a personal ID and birth date, half a name and birth year only.
    const rng = new Rng(42);
    const listed: Person[] = [];
    const entries = [];
    for (let i = 0; i < watchlistSize; i++) {
      const p = person(rng, i);
      listed.push(p);
      const input = i % 2 === 0
        ? { kind: 'wanted' as const, personalId: p.personalId, fullName: p.fullName, dateOfBirth: p.dateOfBirth, sex: p.sex }
        : { kind: 'missing' as const, fullName: p.fullName, birthYear: Number(p.dateOfBirth.slice(0, 4)) };
      entries.push(validateWatchlistEntry(input, '82', null).value!);
    }
    for (let i = 0; i < entries.length; i += 10_000) await store.insertWatchlistEntries(entries.slice(i, i + 10_000));
    await stopServices(services);
    await db.close();

    server = await startServer({ ...env, DA06_RATE_LIMIT_LOGIN: '1000' });
    const base = server.base;
    const login = await fetch(`${base}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench.police', password: 'bench-police-password' }) });
    const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');

    // The police console: every alert's arrival time, by the guest's personal ID.
    const sent = new Map<string, number>();
    const latencies: number[] = [];
    const stream = await fetch(`${base}/api/v1/lodging/alerts/stream`, { headers: { cookie }, signal: controller.signal });
    if (!stream.ok) throw new Error(`alert stream: ${stream.status}`);
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      const reader = stream.body!.getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = /^data: (.*)$/m.exec(event)?.[1];
          if (!data) continue;
          const id = (JSON.parse(data) as { stay: { personalId: string } }).stay.personalId;
          const at = sent.get(id);
          if (at !== undefined) latencies.push(performance.now() - at);
        }
      }
    })().catch(() => undefined);

    bare = await startBareServer('_bare-server.ts', { DATABASE_URL: scratch.url, BARE_WATCHLIST: String(watchlistSize) });

    let serial = 0;
    const guestRng = new Rng(7);
    const load = async (url: string, duration: number) => {
      // Alert latencies are taken from the real server's answers only.
      const track = url === base;
      const result = await autocannon({
        url: `${url}/api/v1/desk/stays`,
        connections: 32,
        pipelining: 1,
        duration,
        requests: [{
          method: 'POST' as const,
          setupRequest: (req: object) => {
            serial++;
            const watched = serial % 100 === 0;
            // Watchlisted guests: an entry with a personal ID, declared with it (an exact-ID alert).
            const g = watched ? listed[(serial / 100) * 2 % listed.length] : person(guestRng, 500_000 + serial);
            if (watched && track) sent.set(g.personalId, performance.now());
            return {
              ...req,
              headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
              body: JSON.stringify({ reason: 'Du lịch', room: String(100 + (serial % 300)), guests: [{ personalId: g.personalId, fullName: g.fullName, dateOfBirth: g.dateOfBirth }] }),
            };
          },
        }],
      });
      if (result.non2xx) throw new Error(`${url}: ${result.non2xx} non-2xx answers`);
      if (result.errors) throw new Error(`${url}: ${result.errors} requests failed (${result.timeouts} timed out)`);
      return { ...result, perSecond: result.requests.average };
    };
    // One declaration alone first: the server loads its watchlist index on the first match.
    const prime = await fetch(`${base}/api/v1/desk/stays`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ reason: 'Du lịch', room: '101', guests: [{ personalId: '079090000001', fullName: 'Nguyễn Văn Mồi', dateOfBirth: '1990-01-01' }] }),
    });
    if (!prime.ok) throw new Error(`first declaration: ${prime.status} ${await prime.text()}`);
    await load(base, 2).catch(() => undefined); // warm-up (a slow answer here is no failure)
    latencies.length = 0;
    const result = await againstCeiling('lodging', seconds, base, bare.base, load);
    await new Promise((r) => setTimeout(r, 1_000));
    if (!latencies.length) throw new Error('no alert reached the police console');
    emit('lodging.checkin.per_s', result.requests.average, 'declarations/s');
    emit('lodging.checkin.p99_ms', result.latency.p99, 'ms');
    emit('lodging.alert.p50_ms', percentile(latencies, 50), 'ms');
    emit('lodging.alert.p99_ms', percentile(latencies, 99), 'ms');
    emit('lodging.alert.count', latencies.length, 'alerts');
  } finally {
    controller.abort();
    await bare?.stop();
    await server?.stop();
    await scratch.drop();
  }
}
