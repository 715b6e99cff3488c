// Summary of a V8 CPU profile written by a bench's server (BENCH_CPU_PROF=<dir>):
//   npx tsx bench/_profile.ts <file.cpuprofile> [top] [from-s] [to-s]
// (from-s, to-s: only the samples in that window, in seconds from the profile's start, e.g. the
// measured load rather than the start-up; `--timeline` as third argument prints busy time per second
// to find it) prints the top functions by self time, self time by layer (where the code lives), and the
// inclusive time of the functions named in INCLUSIVE (time spent in them and in what they call).
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount: number; children?: number[] }
interface Profile { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

/** Where a function lives, first match wins. */
const LAYERS: [string, RegExp][] = [
  ['idle', /^\(idle\)$/],
  ['gc', /^\(garbage collector\)$/],
  ['program (native, V8)', /^\(program\)$/],
  ['pg driver', /node_modules\/(pg|pg-protocol|pg-pool|pg-types|postgres-)/],
  ['fastify + find-my-way + avvio', /node_modules\/(fastify|@fastify|find-my-way|avvio|light-my-request|fast-json-stringify|fast-querystring|fast-uri|ajv|json-schema-ref-resolver|@sinclair)/],
  ['pino logging', /node_modules\/(pino|sonic-boom|thread-stream|fast-redact)/],
  ['oidc-provider + koa + jose', /node_modules\/(oidc-provider|koa|@koa|jose|quick-lru)/],
  ['other node_modules', /node_modules\//],
  ['audit (platform/audit, group-commit)', /src\/platform\/(audit|group-commit)/],
  ['platform http/access/db/batch', /src\/platform\//],
  ['identity (sessions)', /src\/modules\/identity\//],
  ['registry', /src\/modules\/registry\//],
  ['credentials', /src\/modules\/credentials\//],
  ['lodging', /src\/modules\/lodging\//],
  ['app / other src', /src\//],
  ['node internals', /^node:|^internal\//],
];
const INCLUSIVE = /^(resolveOfficer|resolveCitizen|findSession|sessionOf|record|flush|commit|write|appendAudit|query|verify|verifyIdentityQr|declare|serialize|validate|parseRequest|hash|argon|createHmac|sign|onRequest|preHandler|handler)$/i;

const file = process.argv[2];
const top = Number(process.argv[3] ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const isIdle = (id: number) => byId.get(id)!.callFrame.functionName === '(idle)';
const at: number[] = [];
profile.timeDeltas.reduce((t, d, i) => (at[i] = t + d), 0);
if (process.argv[4] === '--timeline') {
  const perSecond = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    if (!isIdle(id)) perSecond.set(Math.floor(at[i] / 1e6), (perSecond.get(Math.floor(at[i] / 1e6)) ?? 0) + profile.timeDeltas[i]);
  });
  for (const [s, us] of [...perSecond].sort((a, b) => a[0] - b[0])) console.log(`${String(s).padStart(4)} s  ${(us / 1e6).toFixed(2)} s busy`);
  process.exit(0);
}
const from = Number(process.argv[4] ?? 0) * 1e6;
const to = Number(process.argv[5] ?? Infinity) * 1e6;
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  if (at[i] >= from && at[i] < to) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
const busy = total - [...selfUs].filter(([id]) => isIdle(id)).reduce((a, [, v]) => a + v, 0);
const short = (url: string) => url.replace(/^file:\/\/.*?\/(node_modules|src)\//, '$1/');
const layerOf = (n: Node) => (LAYERS.find(([, re]) => re.test(n.callFrame.url || n.callFrame.functionName))?.[0] ?? (n.callFrame.url ? 'other' : 'native'));

const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
console.log(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy = ${((100 * busy) / total).toFixed(0)}% of one core (percentages below: of busy time)`);

const fns = new Map<string, number>();
const layers = new Map<string, number>();
for (const [id, us] of selfUs) {
  const n = byId.get(id)!;
  if (n.callFrame.functionName === '(idle)') continue;
  const key = `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  fns.set(key, (fns.get(key) ?? 0) + us);
  const layer = layerOf(n);
  layers.set(layer, (layers.get(layer) ?? 0) + us);
}
console.log('\nself time by layer');
for (const [k, v] of [...layers].sort((a, b) => b[1] - a[1])) console.log(`${pct(v)}  ${k}`);
console.log(`\ntop ${top} functions by self time`);
for (const [k, v] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);

// Inclusive time: every sample counts once for each distinct named src/ function on its stack.
const inclusive = new Map<string, number>();
for (const [id, us] of selfUs) {
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const n = byId.get(at)!;
    const url = n.callFrame.url;
    if (!url.includes('/src/') && !INCLUSIVE.test(n.callFrame.functionName)) continue;
    const key = `${n.callFrame.functionName || '(anonymous)'} ${short(url)}:${n.callFrame.lineNumber + 1}`;
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}
console.log(`\ntop ${top} src/ functions by inclusive time`);
for (const [k, v] of [...inclusive].filter(([k]) => k.includes('src/')).sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`${pct(v)}  ${k}`);
