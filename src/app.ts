import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import middie from '@fastify/middie';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import { loginThrottleSettings, publicUrl, requireServerSettings, secretKey, sessionSecret, smsGateway, type Config } from './platform/config.js';
import type { Db } from './platform/db.js';
import { AuditWriter } from './platform/audit.js';
import { EventBus } from './platform/events.js';
import { publicRoute } from './platform/access.js';
import { frameworkErrors, installErrorHandling, installInputGuards, loggerOptions, requireAccessDeclarations } from './platform/http.js';
import { installSecurityHeaders } from './platform/security-headers.js';
import { DomainError } from './platform/errors.js';
import { createIdentityService, identityRoutes, SESSION_COOKIE } from './modules/identity/index.js';
import { citizenRoutes, createCitizenService, createMessageSender, createOutboxStore, devOutboxRoutes } from './modules/identity/index.js';
import { CITIZEN_COOKIE, OFFICER_COOKIE, createOidc } from './modules/identity/index.js';
import { createRegistryService, registryRoutes } from './modules/registry/index.js';
import { createCredentialService, credentialRoutes } from './modules/credentials/index.js';
import { createLodgingService, lodgingRoutes } from './modules/lodging/index.js';
import { createOperations, operationsRoutes, renderDocx, renderPdf, type OperationsSources } from './modules/operations/index.js';
import { createOfficerAccount, createOfficerAccountHashed, hashPassword } from './modules/identity/index.js';

const WEB_DIST = fileURLToPath(new URL('../dist/web/', import.meta.url));

export interface AppDeps {
  config: Config;
  db: Db;
  /** Resolves false while the demo province is still being created. */
  isReady?: () => boolean;
  logger?: boolean;
}

/** Builds the whole application without listening; tests call `app.inject()`. */
export async function buildApp({ config, db, isReady = () => true, logger = true }: AppDeps) {
  requireServerSettings(config);
  const app = Fastify({
    logger: logger ? loggerOptions(config.LOG_LEVEL) : false,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    ajv: { customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true } },
    bodyLimit: 1_048_576,
    // Only a configured reverse proxy may say who the client is and that it came over HTTPS.
    trustProxy: config.DA06_TRUST_PROXY?.split(',').map((a) => a.trim()).filter(Boolean) ?? false,
    frameworkErrors,
  });
  const audit = new AuditWriter(db);
  const identity = createIdentityService(db, audit, {
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
    resolveOfficer: (token) => identity.resolveSession(token), officerCookie: OFFICER_COOKIE, log: app.log,
    allowInsecureRedirects: config.DA06_ENV !== 'production',
  });
  citizens.useConnectedServices(oidc.connectedServices);
  const credentials = createCredentialService({
    db, registry, audit, masterKey: secretKey(config), issuer: publicUrl(config), qrSeconds: config.DA06_IDENTITY_QR_SECONDS,
    staffNames: (ids) => identity.usernames(ids),
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

  installErrorHandling(app, { spaFallback: existsSync(WEB_DIST) });
  requireAccessDeclarations(app);
  installInputGuards(app);
  await installSecurityHeaders(app);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'da06 API', version: '1', description: 'API của nền tảng da06 (Đề án 06). Lỗi theo RFC 9457 (application/problem+json).' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          apiKey: { type: 'http', scheme: 'bearer', description: 'Khóa API của đơn vị xác thực (da06rp_...)' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('caller', null as never);
  app.addHook('onRequest', async (req) => {
    req.caller = (await credentials.relyingParties.resolveApiKey(req.headers.authorization)) ?? (await identity.resolveCaller(req.cookies));
  });

  app.route(publicRoute({
    method: 'GET',
    url: '/health',
    schema: { tags: ['Hệ thống'], response: { 200: Type.Object({ status: Type.String() }) } },
    handler: async () => ({ status: 'ok' }),
  }));
  app.route(publicRoute({
    method: 'GET',
    url: '/ready',
    schema: { tags: ['Hệ thống'], response: { 200: Type.Object({ status: Type.String(), database: Type.String() }) } },
    handler: async () => {
      await db.query('SELECT 1');
      if (!isReady()) throw new DomainError('NOT_READY');
      return { status: 'ready', database: db.kind };
    },
  }));

  await app.register(identityRoutes(identity, { loginPerMinute: config.DA06_RATE_LIMIT_LOGIN, secureCookies: config.DA06_ENV === 'production' }));
  await app.register(registryRoutes(registry));
  await app.register(credentialRoutes(credentials));
  await app.register(lodgingRoutes(lodging, { applicationsPerMinute: config.DA06_RATE_LIMIT_LOGIN }));
  await app.register(operationsRoutes(operations.dashboards, operations.plans, { docx: renderDocx, pdf: renderPdf }));
  await app.register(citizenRoutes(citizens, { perMinute: config.DA06_RATE_LIMIT_LOGIN, secureCookies: config.DA06_ENV === 'production' }));
  // Anyone may read the outbox: it exists only in development and tests (citizen-registration.test.ts).
  if (config.DA06_ENV !== 'production') await app.register(devOutboxRoutes(createOutboxStore(db)));
  await app.register(middie);
  app.use('/oidc', oidc.provider.callback());
  await app.register(oidc.routes);
  app.addHook('onClose', async () => oidc.stop());

  if (existsSync(WEB_DIST)) await serveWeb(app);
  app.addHook('onClose', async () => {
    await credentials.drain();
    await lodging.drain();
    await audit.drain();
    await events.disconnect();
  });
  // Returned beside the app, not merged into it: a Fastify instance is thenable and `await` would drop extra keys.
  return { app, services: { identity, registry, audit, events, citizens, oidc, credentials, lodging, operations } };
}

/**
 * The built web UI. Missing files fall through to the not-found handler, which answers client-side
 * routes (/officer/...) with index.html and everything else with problem+json.
 */
async function serveWeb(app: FastifyInstance) {
  await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: 'index.html' });
}

export type Built = Awaited<ReturnType<typeof buildApp>>;
