import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditActionsDoc, configurationDoc, errorsDoc, eventsDoc, permissionsDoc } from './platform/docs.js';
import { assembleModules } from './platform/module.js';
import { MODULES } from './compose.js';
import { ROLES } from './roles.js';

const read = (name: string) => readFileSync(new URL(`../docs/${name}`, import.meta.url), 'utf8');
const assembled = assembleModules(MODULES);

describe('generated documents (run `npm run docs` when these fail)', () => {
  it('docs/errors.md lists exactly the error catalogue', () => {
    expect(read('errors.md')).toBe(errorsDoc(assembled));
  });
  it('docs/events.md lists exactly the domain events', () => {
    expect(read('events.md')).toBe(eventsDoc(assembled));
  });
  it('docs/permissions.md lists exactly the permissions and the role matrix', () => {
    expect(read('permissions.md')).toBe(permissionsDoc(assembled, ROLES));
  });
  it('docs/audit-actions.md lists exactly the audit actions', () => {
    expect(read('audit-actions.md')).toBe(auditActionsDoc(assembled));
  });
  it('docs/configuration.md lists exactly the configuration schema', () => {
    expect(read('configuration.md')).toBe(configurationDoc());
  });
});
