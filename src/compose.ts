import type { FastifyBaseLogger } from 'fastify';
import { loginThrottleSettings, publicUrl, secretKey, sessionSecret, smsGateway, type Config } from './platform/config.js';
import type { Db } from './platform/db.js';
import { AuditWriter } from './platform/audit.js';
import { EventBus } from './platform/events.js';
import { useAuditWriter, useVerifierPermission } from './platform/access.js';
import { assembleModules } from './platform/module.js';
import { ROLES } from './roles.js';
import { CITIZEN_COOKIE, OFFICER_COOKIE, createCitizenService, createIdentityService, createMessageSender, createOidc, identityModule } from './modules/identity/index.js';
import { createOfficerAccount, createOfficerAccountHashed, hashPassword } from './modules/identity/index.js';
import { createRegistryService, registryModule } from './modules/registry/index.js';
import { createCredentialService, credentialsModule } from './modules/credentials/index.js';
import { createLodgingService, lodgingModule } from './modules/lodging/index.js';
import { createOperations, operationsModule, type OperationsSources } from './modules/operations/index.js';

/** The modules of this deployment, in the order their routes are registered. */
export const MODULES = [identityModule, registryModule, credentialsModule, lodgingModule, operationsModule] as const;

export interface ComposeDeps {
  config: Config;
  db: Db;
  /** Where the OpenID provider logs (the server's logger; the CLI passes a quiet one). */
  log: FastifyBaseLogger;
}

/**
 * The composition root: builds every module's services and wires what each needs from the others
 * through their index.ts. The server (app.ts), the CLI, the demo and the benchmarks all build their
 * services here, so they run the same code.
 */
export async function composeServices({ config, db, log }: ComposeDeps) {
  assembleModules(MODULES);
  const audit = new AuditWriter(db);
  const identity = createIdentityService(db, audit, {
    roles: ROLES,
    sessionSecret: sessionSecret(config),
    sessionTtlMinutes: config.DA06_SESSION_TTL_MIN,
    throttle: loginThrottleSettings(config),
  });
  const events = new EventBus();
  await events.connect(db);
  const registry = createRegistryService(db, audit, events);
  const citizens = createCitizenService({
    db, audit, identity, registry, events, sender: createMessageSender(db, smsGateway(config)), secretKey: secretKey(config), publicUrl: publicUrl(config),
  });
  // OpenID Connect provider: created before listen, mounted at /oidc below.
  const oidc = await createOidc({
    db, audit, registry, issuer: `${publicUrl(config)}/oidc`, masterKey: secretKey(config), sessionSecret: sessionSecret(config),
    resolveCitizen: (token) => identity.resolveCitizenSession(token), citizenCookie: CITIZEN_COOKIE,
    endCitizenSession: (caller) => citizens.signOut(caller),
    resolveOfficer: (token) => identity.resolveSession(token), officerCookie: OFFICER_COOKIE, log,
    allowInsecureRedirects: config.DA06_ENV !== 'production',
  });
  citizens.useConnectedServices(oidc.connectedServices);
  const credentials = createCredentialService({
    db, registry, audit, masterKey: secretKey(config), issuer: publicUrl(config), qrSeconds: config.DA06_IDENTITY_QR_SECONDS,
  });
  citizens.useChipCheck((personalId, chip) => credentials.chipCheckForUpgrade(personalId, chip));
  const lodging = createLodgingService({
    db, audit, events, relyingParties: credentials.relyingParties, hashPassword,
    guests: { verify: (v, text, id) => credentials.verify(v, text, id), verifyChip: (v, chip, id) => credentials.verifyChip(v, chip, id) },
    communes: async () => (await registry.listUnits('2025', { level: 'commune' })).map((u) => ({ code: u.code, name: u.fullName, provinceCode: u.provinceCode })),
    createStaff: ({ password, passwordHash, ...a }) => (passwordHash
      ? createOfficerAccountHashed(db, { ...a, role: 'rp_staff', passwordHash })
      : createOfficerAccount(db, { ...a, role: 'rp_staff', password: password! })),
  });

  const sources: OperationsSources = {
    communesOf: (area) => registry.statistics.communesOf(area),
    population: (communes, year) => registry.statistics.population(communes, year),
    lifeEvents: (communes, months) => registry.statistics.lifeEvents(communes, months),
    statisticsRefreshedAt: () => registry.statistics.lastRefresh(),
    lodging: (communes, period) => lodging.statisticsOfCommunes(communes, period),
    eidCoverage: (communes) => citizens.coverage(communes),
    verificationsByType: (from, to) => credentials.verificationsByType(from, to),
    signIns: async (days) => (await oidc.clients.listWithStatistics(days)).map((c) => ({ clientId: c.clientId, name: c.name, signIns: c.signIns })),
  };
  const operations = createOperations({ db, audit, sources });

  useAuditWriter(audit);
  useVerifierPermission('credentials.verify');
  return { identity, registry, audit, events, citizens, oidc, credentials, lodging, operations };
}

export type Services = Awaited<ReturnType<typeof composeServices>>;
