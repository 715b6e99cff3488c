import type { FastifyPluginAsync } from 'fastify';
import { PLATFORM_ERRORS, PLATFORM_FIELD_ERRORS, errorCatalogue, fieldErrorCatalogue, type ErrorSpec } from './errors.js';
import { permissionCatalogue } from './access.js';
import { auditActionCatalogue, type AuditActionSpec } from './audit.js';
import { eventCatalogue, type EventSpec } from './events.js';

/**
 * What a module owns, in one value exported by its `index.ts`: the composition root (src/compose.ts,
 * src/app.ts) assembles the modules from these, and the generated documents (errors, events,
 * permissions, audit actions) list them. The platform holds mechanisms only; it names no module.
 */
export interface ModuleDescriptor<Routes extends (...args: never[]) => FastifyPluginAsync = (...args: never[]) => FastifyPluginAsync> {
  /** The folder name under src/modules. */
  name: string;
  /** Vietnamese title, for the documents. */
  title: string;
  permissions: Readonly<Record<string, string>>;
  errors: Readonly<Record<string, ErrorSpec>>;
  fieldErrors?: Readonly<Record<string, string>>;
  auditActions: Readonly<Record<string, AuditActionSpec>>;
  events?: Readonly<Record<string, EventSpec>>;
  /** Text other than errors that the module sends to people (SMS, reasons). */
  messages?: Readonly<Record<string, string>>;
  /** Its HTTP routes, as a Fastify plugin factory the composition root calls with the module's services. */
  routes: Routes;
  /** The other modules whose index it calls (ARCHITECTURE.md draws these edges; module-contract.test.ts checks them). */
  needs: readonly string[];
}

export const defineModule = <R extends (...args: never[]) => FastifyPluginAsync>(m: ModuleDescriptor<R>): ModuleDescriptor<R> => m;

/** The vocabulary of the whole application: the platform's own and each module's, with its owner. */
export interface Assembled {
  modules: readonly ModuleDescriptor[];
  errors: { code: string; spec: ErrorSpec; owner: string }[];
  fieldErrors: { code: string; message: string; owner: string }[];
  permissions: { name: string; label: string; owner: string }[];
  auditActions: { name: string; spec: AuditActionSpec; owner: string }[];
  events: { name: string; spec: EventSpec; owner: string }[];
}

/**
 * Checks the modules' descriptors against what was defined: every code, permission, action and event
 * the application knows is owned by the platform or by exactly one module, and each module's `needs`
 * names modules that exist. Throws on the first contradiction.
 */
export function assembleModules(modules: readonly ModuleDescriptor[]): Assembled {
  const names = new Set(modules.map((m) => m.name));
  for (const m of modules) {
    for (const n of m.needs) if (!names.has(n)) throw new Error(`Module ${m.name} needs ${n}, which is not assembled`);
  }
  const own = <V>(pick: (m: ModuleDescriptor) => Readonly<Record<string, V>> | undefined, platform: Readonly<Record<string, V>> = {}) => {
    const owners = new Map<string, { owner: string; value: V }>();
    for (const [k, v] of Object.entries(platform)) owners.set(k, { owner: 'platform', value: v });
    for (const m of modules) {
      for (const [k, v] of Object.entries(pick(m) ?? {})) {
        const known = owners.get(k);
        if (known) throw new Error(`${k} is defined by both ${known.owner} and ${m.name}`);
        owners.set(k, { owner: m.name, value: v });
      }
    }
    return owners;
  };
  const complete = <V>(what: string, owners: Map<string, unknown>, registry: ReadonlyMap<string, V>, allowUnowned: (k: string) => boolean = () => false) => {
    for (const k of registry.keys()) if (!owners.has(k) && !allowUnowned(k)) throw new Error(`${what} ${k} is defined but no module's descriptor lists it`);
  };
  const errors = own((m) => m.errors, PLATFORM_ERRORS);
  const fieldErrors = own((m) => m.fieldErrors, PLATFORM_FIELD_ERRORS);
  const permissions = own((m) => m.permissions);
  const actions = own((m) => m.auditActions);
  const events = own((m) => m.events);
  // Test code defines its own actions and events (src/testing): they belong to no module and are not documented.
  const isTest = (k: string) => k.startsWith('test.');
  complete('Error code', errors, errorCatalogue());
  complete('Field error code', fieldErrors, fieldErrorCatalogue());
  complete('Permission', permissions, permissionCatalogue());
  complete('Audit action', actions, auditActionCatalogue(), isTest);
  complete('Event', events, eventCatalogue(), isTest);
  const list = <V>(owners: Map<string, { owner: string; value: V }>) => [...owners].map(([k, { owner, value }]) => ({ k, owner, value }));
  return {
    modules,
    errors: list(errors).map(({ k, owner, value }) => ({ code: k, spec: value, owner })),
    fieldErrors: list(fieldErrors).map(({ k, owner, value }) => ({ code: k, message: value, owner })),
    permissions: list(permissions).map(({ k, owner, value }) => ({ name: k, label: value, owner })),
    auditActions: list(actions).map(({ k, owner, value }) => ({ name: k, spec: value, owner })),
    events: list(events).map(({ k, owner, value }) => ({ name: k, spec: value, owner })),
  };
}
