import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WEB_SCHEMA_FILE, webClientSchema } from '../scripts/web-client.js';

describe('web/src/api/schema.ts (run `npm run docs` when this fails)', () => {
  it('matches what docs/openapi.json generates', async () => {
    const openapi = readFileSync(new URL('../docs/openapi.json', import.meta.url), 'utf8');
    const committed = readFileSync(WEB_SCHEMA_FILE, 'utf8');
    expect(committed.startsWith('/**\n * @generated')).toBe(true);
    expect(committed).toBe(await webClientSchema(openapi));
  });
});
