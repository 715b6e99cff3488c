#!/usr/bin/env node
// `npm run bench -- NAME [NAME...]` runs bench/NAME.ts; each prints one JSON object per line:
// {"metric": "...", "value": 123, "unit": "..."}. With no name, lists what exists.
import { register } from 'tsx/esm/api';
import { readdirSync } from 'node:fs';

register();
const available = readdirSync(new URL('../bench/', import.meta.url)).filter((f) => f.endsWith('.ts') && !f.startsWith('_')).map((f) => f.slice(0, -3));
const names = process.argv.slice(2);
if (!names.length) {
  console.error(`Dùng: npm run bench -- <${available.join('|')}>`);
  process.exit(2);
}
for (const name of names) {
  if (!available.includes(name)) {
    console.error(`Không có benchmark "${name}" (có: ${available.join(', ')})`);
    process.exit(2);
  }
  const mod = await import(`../bench/${name}.ts`);
  await mod.run();
}
