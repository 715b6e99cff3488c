import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configurationDoc, errorsDoc } from './docs.js';
import { eventsDoc } from './events.js';

const read = (name: string) => readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');

describe('generated documents (run `npm run docs` when these fail)', () => {
  it('docs/errors.md lists exactly the error catalogue', () => {
    expect(read('errors.md')).toBe(errorsDoc());
  });
  it('docs/events.md lists exactly the domain events', () => {
    expect(read('events.md')).toBe(eventsDoc());
  });
  it('docs/configuration.md lists exactly the configuration schema', () => {
    expect(read('configuration.md')).toBe(configurationDoc());
  });
});
