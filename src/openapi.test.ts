import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openapiDocument } from './openapi.js';

describe('docs/openapi.json (run `npm run docs` when this fails)', () => {
  it('matches what the route schemas generate', async () => {
    const committed = readFileSync(new URL('../docs/openapi.json', import.meta.url), 'utf8');
    expect(committed).toBe(await openapiDocument());
    // Builds the whole app on an embedded database: past the default 30 s on a loaded two-core machine.
  }, 120_000);
});
