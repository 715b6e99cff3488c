import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The repository's own ESLint configuration (eslint.config.js with the rules in eslint-rules/),
// run on planted code at chosen paths: what the boundaries allow and what they refuse.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: root });
});

/** The da06 rules that fire for `code` written at `file` (repo-relative). */
async function lint(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  expect(result.messages.filter((m) => m.fatal)).toEqual([]);
  return result.messages.map((m) => m.ruleId ?? '').filter((id) => id.startsWith('da06/'));
}

describe('module-boundaries', () => {
  it.each([
    ['the CLI', 'src/cli/planted.ts', "import { createRegistryStore } from '../modules/registry/store.js';"],
    ['the CLI, a module subfolder', 'src/cli/planted.ts', "import { seedProvince } from '../modules/registry/seed/seed.js';"],
    ['a benchmark', 'bench/planted.ts', "import { Rng } from '../src/modules/registry/seed/prng.js';"],
    ['the web UI', 'web/src/planted.ts', "import { FACILITY_KINDS } from '../../src/modules/lodging/kinds.js';"],
    ['the end-to-end suite', 'e2e/planted.test.ts', "import { buildTestCard } from '../src/modules/credentials/chip/testing.js';"],
    ['a script', 'scripts/planted.ts', "import { verificationReasonsDoc } from '../src/modules/credentials/reasons-doc.js';"],
    ['the demo', 'src/demo-planted.ts', "import { createOperationsStore } from './modules/operations/store.js';"],
    ['the setup', 'src/setup.ts', "import { loadUnitRows } from './modules/registry/units-data.js';"],
    ['test helpers', 'src/testing/planted.ts', "import { Person } from '../modules/registry/schema.js';"],
    ['another module', 'src/modules/operations/planted.ts', "import { createStatistics } from '../registry/statistics.js';"],
    ['a subfolder of another module', 'src/modules/identity/oidc/planted.ts', "import { createRegistryStore } from '../../registry/store.js';"],
    ['a test file of another module', 'src/modules/lodging/planted.test.ts', "import { insertFixturePeople } from '../registry/fixtures.js';"],
    ['a re-export', 'src/cli/planted.ts', "export { createRegistryStore } from '../modules/registry/store.js';"],
    ['a type-only import', 'src/cli/planted.ts', "import type { RegistryStore } from '../modules/registry/store.js';"],
    ['a dynamic import', 'src/cli/planted.ts', "export const load = () => import('../modules/credentials/chip/testing.js');"],
    ['an import type', 'src/cli/planted.ts', "export type S = import('../modules/registry/store.js').RegistryStore;"],
  ])('refuses a deep import from %s', async (_where, file, code) => {
    expect(await lint(file, code)).toContain('da06/module-boundaries');
  });

  it.each([
    ['the CLI', 'src/cli/planted.ts'],
    ['the demo', 'src/demo-planted.ts'],
    ['a benchmark', 'bench/planted.ts'],
    ['a script', 'scripts/planted.ts'],
  ])("refuses a module's testing.js from %s, which is not test code", async (_where, file) => {
    const prefix = file.startsWith('src/cli/') ? '../modules' : file.startsWith('src/') ? './modules' : '../src/modules';
    expect(await lint(file, `import { PEOPLE } from '${prefix}/registry/testing.js';`)).toContain('da06/module-boundaries');
  });

  it('refuses any module import from the platform, even its index.ts', async () => {
    expect(await lint('src/platform/planted.ts', "import { maskPersonalId } from '../modules/registry/index.js';")).toContain('da06/module-boundaries');
  });

  it('refuses a value import of an index.ts from the web UI (it would bundle the server), and browser.ts from the server', async () => {
    expect(await lint('web/src/planted.ts', "import { FIELD_LABELS } from '../../src/modules/credentials/index.js';")).toContain('da06/module-boundaries');
    expect(await lint('src/cli/planted.ts', "import { FIELD_LABELS } from '../modules/credentials/browser.js';")).toContain('da06/module-boundaries');
  });

  it('refuses a value import of a server file from the web UI unless it is on the allow-list (WEB_SHARED)', async () => {
    expect(await lint('web/src/planted.ts', "import { todayInVietnam } from '../../src/platform/time.js';")).toContain('da06/module-boundaries');
    expect(await lint('web/src/ioc/planted.ts', "import { loadConfig } from '../../../src/platform/config.js';")).toContain('da06/module-boundaries');
  });

  it.each([
    ['the web UI imports the shared formatter', 'web/src/planted.ts', "import { formatNumber } from '../../src/platform/format.js';"],
    ['the web UI imports types of a server file', 'web/src/planted.ts', "import type { Config } from '../../src/platform/config.js';"],
    ['the CLI imports an index.js', 'src/cli/planted.ts', "import { createStatistics } from '../modules/registry/index.js';"],
    ['a benchmark imports an index.js', 'bench/planted.ts', "import { Rng } from '../src/modules/registry/index.js';"],
    ['another module imports an index.js', 'src/modules/identity/oidc/planted.ts', "import { maskPersonalId } from '../../registry/index.js';"],
    ['a module test imports testing.js', 'src/modules/lodging/planted.test.ts', "import { insertFixturePeople } from '../registry/testing.js';"],
    ['an app test imports testing.js', 'src/planted.test.ts', "import { PEOPLE } from './modules/registry/testing.js';"],
    ['the end-to-end suite imports testing.js', 'e2e/planted.ts', "import { buildTestCard } from '../src/modules/credentials/testing.js';"],
    ['test helpers import testing.js', 'src/testing/planted.ts', "import { buildTestCard } from '../modules/credentials/testing.js';"],
    ['a module imports its own files at any depth', 'src/modules/registry/planted.ts', "import { Rng } from './seed/prng.js';\nimport { createRegistryStore } from './store.js';"],
    ['the web UI imports types of an index.js', 'web/src/planted.ts', "import type { lodgingSchemas } from '../../src/modules/lodging/index.js';"],
    ['the web UI imports browser.js', 'web/src/planted.ts', "import { FACILITY_KINDS } from '../../src/modules/lodging/browser.js';"],
    ['a package is imported', 'src/cli/planted.ts', "import { Command } from 'commander';"],
  ])('allows it when %s', async (_what, file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });
});

describe('module-layers', () => {
  it.each([
    ['a store imports a service', 'src/modules/registry/store.ts', "import { createRegistryService } from './service.js';"],
    ['a store imports routes', 'src/modules/lodging/store.ts', "import { lodgingRoutes } from './routes.js';"],
    ['a prefixed store imports a prefixed service', 'src/modules/identity/citizen-store.ts', "import { createCitizenService } from './citizen-service.js';"],
    ['a subfolder store imports its routes', 'src/modules/identity/oidc/store.ts', "import { oidcRoutes } from './routes.js';"],
    ['a subfolder store imports the parent service', 'src/modules/identity/oidc/store.ts', "import { createIdentityService } from '../service.js';"],
    ['a service imports routes', 'src/modules/credentials/wallet-service.ts', "import { credentialRoutes } from './routes.js';"],
    ['a service imports its module index (which re-exports the routes)', 'src/modules/lodging/service.ts', "import { lodgingRoutes } from './index.js';"],
    ['routes skip the service', 'src/modules/lodging/routes.ts', "import { createLodgingStore } from './store.js';"],
    ['a type-only wrong-way import', 'src/modules/registry/store.ts', "import type { RegistryService } from './service.js';"],
  ])('refuses it when %s', async (_what, file, code) => {
    expect(await lint(file, code)).toContain('da06/module-layers');
  });

  it.each([
    ['routes import a service', 'src/modules/registry/routes.ts', "import { createRegistryService } from './service.js';"],
    ['a service imports a store', 'src/modules/registry/service.ts', "import { createRegistryStore } from './store.js';"],
    ['a service imports another service', 'src/modules/credentials/service.ts', "import { createWalletService } from './wallet-service.js';"],
    ['a subfolder helper imports the parent store', 'src/modules/identity/oidc/provider.ts', "import { createIdentityStore } from '../store.js';"],
    ['a store imports a helper', 'src/modules/lodging/store.ts', "import { notificationDeadline } from './deadline.js';"],
  ])('allows it when %s', async (_what, file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });
});

describe('no-request-casts', () => {
  const file = 'src/modules/registry/planted-routes.ts';
  it.each([
    'export const f = (req: { params: unknown }) => req.params as { key: string };',
    'export const f = (request: { body: unknown }) => request.body as { name: string };',
    'export const f = (req: { query: unknown }) => (req.query as { purpose?: string }).purpose;',
    'export const f = (req: { headers: unknown }) => <Record<string, string>>req.headers;',
    'export const f = (req: { body?: unknown }) => req.body! as { name: string };',
    'export const f = (init: { headers?: unknown }) => ({ ...(init.headers as Record<string, string>) });',
  ])('refuses %s', async (code) => {
    expect(await lint(file, code)).toContain('da06/no-request-casts');
  });

  it.each([
    'export const f = (req: { params: { key: string } }) => req.params.key;',
    'export const f = (res: { json(): unknown }) => res.json() as { id: number };',
    "export const f = (res: { headers: Record<string, string> }) => res.headers['content-type'] as string;",
  ])('allows %s', async (code) => {
    expect(await lint(file, code)).toEqual([]);
  });
});
