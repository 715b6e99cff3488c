import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assembleModules } from './platform/module.js';
import { PLATFORM_ERRORS, PLATFORM_FIELD_ERRORS } from './platform/errors.js';
import { MODULES } from './compose.js';

const root = new URL('.', import.meta.url).pathname;
const sources = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const path = join(dir, f);
  if (statSync(path).isDirectory()) return sources(path);
  return f.endsWith('.ts') && !f.endsWith('.test.ts') ? [path] : [];
});
const assembled = assembleModules(MODULES);

describe('the module contract', () => {
  it('keeps every module\'s vocabulary out of src/platform: no error code, permission, audit action or event of a module is written there', () => {
    const platform = sources(join(root, 'platform')).map((f) => ({ f, text: readFileSync(f, 'utf8') }));
    const owned = [
      ...assembled.errors.filter((e) => e.owner !== 'platform').map((e) => e.code),
      ...assembled.fieldErrors.filter((e) => e.owner !== 'platform').map((e) => e.code),
      ...assembled.permissions.map((p) => p.name),
      ...assembled.auditActions.map((a) => a.name),
      ...assembled.events.map((e) => e.name),
    ];
    expect(owned.length).toBeGreaterThan(150);
    const found = platform.flatMap(({ f, text }) => owned
      .filter((name) => new RegExp(`(['"\`])${name.replace(/\./g, '\\.')}\\1|^\\s*${name}:`, 'm').test(text))
      .map((name) => `${f.slice(root.length)}: ${name}`));
    expect(found).toEqual([]);
    // The platform's own codes are those of its mechanisms.
    expect(Object.keys(PLATFORM_ERRORS).sort()).toEqual(
      ['CSRF_INVALID', 'FORBIDDEN', 'INTERNAL', 'NOT_FOUND', 'NOT_READY', 'RATE_LIMITED', 'UNAUTHENTICATED', 'URI_TOO_LONG', 'VALIDATION_FAILED'],
    );
    expect(Object.keys(PLATFORM_FIELD_ERRORS).sort()).toEqual(
      ['DATE_BEFORE', 'DATE_IN_FUTURE', 'INVALID_CHARACTERS', 'INVALID_DATE', 'INVALID_FORMAT', 'REQUIRED', 'TOO_LONG', 'UNKNOWN_FIELD'],
    );
  });

  it('lists in each descriptor\'s `needs` exactly the modules whose index it imports', () => {
    for (const m of MODULES) {
      const imported = new Set(sources(join(root, 'modules', m.name)).flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/from '(?:\.\.\/)+([a-z]+)\/index\.js'/g)]
        .map((x) => x[1]).filter((name) => name !== m.name && MODULES.some((o) => o.name === name))));
      expect([...imported].sort(), m.name).toEqual([...m.needs].sort());
    }
  });

  it('gives every module a descriptor with its permissions, errors and audit actions', () => {
    for (const m of MODULES) {
      expect(Object.keys(m.auditActions).length, m.name).toBeGreaterThan(0);
      expect(Object.keys(m.errors).length, m.name).toBeGreaterThan(0);
      expect(typeof m.routes, m.name).toBe('function');
    }
  });
});
