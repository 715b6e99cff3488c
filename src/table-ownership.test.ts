import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A module reads only its own tables; it asks another module through that module's index.ts.
// The few joins kept for a reason are listed here and in ARCHITECTURE.md ("Cross-module reads"),
// and this test fails for any other SQL of a module that names another module's table.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Who owns the tables each migration creates (a new migration must say it here). */
const MIGRATION_OWNERS: Record<string, string> = {
  '001': 'platform', '002': 'registry', '003': 'identity', '006': 'identity', '007': 'identity', '008': 'identity',
  '009': 'identity', '010': 'identity', '011': 'credentials', '012': 'credentials', '013': 'credentials', '014': 'lodging',
  '015': 'operations', '016': 'credentials', '017': 'identity', '020': 'identity', '023': 'registry', '024': 'registry', '025': 'lodging', '027': 'operations', '028': 'services',
  '029': 'registry', '030': 'services', '032': 'services', '033': 'services', '034': 'services', '035': 'payments', '036': 'documents', '039': 'kiosk', '040': 'services', '042': 'services', '043': 'documents', '045': 'exchange', '046': 'identity', '047': 'exchange', '048': 'linkage', '049': 'services', '050': 'exchange', '051': 'linkage', '053': 'services', '055': 'exchange', '061': 'platform',
};
/** Tables created in another module's migration: the registry keeps the dashboards' counts beside its own tables. */
const TABLE_OWNERS: Record<string, string> = {
  population_cells: 'registry', household_cells: 'registry', life_event_cells: 'registry', statistics_refreshes: 'registry',
  marriages: 'registry', marriage_spouses: 'registry',
};

/** The deliberate exceptions: [file, table read], each explained in ARCHITECTURE.md. */
const DOCUMENTED_READS: [string, string][] = [
  ['src/modules/identity/store.ts', 'units'],
  ['src/modules/identity/store.ts', 'audit_log'],
  ['src/modules/identity/citizen-store.ts', 'people'],
  ['src/modules/credentials/store.ts', 'citizen_accounts'],
  ['src/modules/credentials/store.ts', 'people'],
  ['src/modules/credentials/store.ts', 'residences'],
  ['src/modules/credentials/store.ts', 'audit_log'],
  ['src/modules/credentials/wallet-store.ts', 'citizen_accounts'],
  ['src/modules/linkage/store.ts', 'people'],
  ['src/modules/linkage/store.ts', 'former_identifiers'],
  ['src/modules/linkage/store.ts', 'units'],
  ['src/modules/linkage/review-store.ts', 'people'],
  ['src/modules/linkage/review-store.ts', 'units'],
  ['src/modules/linkage/quality-store.ts', 'people'],
  ['src/modules/linkage/quality-store.ts', 'former_identifiers'],
  ['src/modules/linkage/quality-store.ts', 'residences'],
  ['src/modules/linkage/quality-store.ts', 'units'],
];

function tableOwners(): Map<string, string> {
  const owners = new Map<string, string>();
  for (const file of readdirSync(path.join(root, 'migrations')).filter((f) => f.endsWith('.sql')).sort()) {
    for (const [, table] of readFileSync(path.join(root, 'migrations', file), 'utf8').matchAll(/CREATE TABLE (?:IF NOT EXISTS )?(\w+)/gi)) {
      const owner = TABLE_OWNERS[table] ?? MIGRATION_OWNERS[file.slice(0, 3)];
      if (!owner) throw new Error(`${file} creates ${table}: say which module owns it in MIGRATION_OWNERS`);
      if (!owners.has(table)) owners.set(table, owner);
    }
  }
  return owners;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

/** [file, table] for every statement of a module that names a table another module owns (the platform's audit log included). */
function crossModuleReads(): [string, string][] {
  const owners = tableOwners();
  const found = new Set<string>();
  for (const file of sourceFiles(path.join(root, 'src', 'modules'))) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    const module = rel.split('/')[2];
    for (const [, table] of readFileSync(file, 'utf8').matchAll(/\b(?:FROM|JOIN|INTO|UPDATE|TABLE)\s+(\w+)/g)) {
      const owner = owners.get(table);
      if (owner && owner !== module) found.add(`${rel}\t${table}`);
    }
  }
  return [...found].map((s) => s.split('\t') as [string, string]);
}

describe('table ownership', () => {
  it('every migration table has an owner', () => {
    expect(tableOwners().size).toBeGreaterThan(40);
  });

  it("no module's SQL names another module's table but the documented joins", () => {
    const key = ([file, table]: [string, string]) => `${file}\t${table}`;
    expect(crossModuleReads().map(key).sort()).toEqual(DOCUMENTED_READS.map(key).sort());
  });

  it('ARCHITECTURE.md names each documented join, file and table', () => {
    const doc = readFileSync(path.join(root, 'ARCHITECTURE.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Cross-module reads'));
    expect(section.length).toBeLessThan(doc.length);
    for (const [file, table] of DOCUMENTED_READS) {
      const line = section.split('\n').find((l) => l.includes(`\`${path.basename(file)}\``) && l.includes(`\`${table}\``));
      expect(line, `${file} → ${table}`).toBeDefined();
    }
  });
});
