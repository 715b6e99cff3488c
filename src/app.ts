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
import { requireServerSettings, type Config } from './platform/config.js';
import type { Db } from './platform/db.js';
import { publicRoute, useVerifierRelyingPartyCheck, type RoleTable } from './platform/access.js';
import { frameworkErrors, installErrorHandling, installInputGuards, loggerOptions, requireAccessDeclarations } from './platform/http.js';
import { installSecurityHeaders } from './platform/security-headers.js';
import { DomainError } from './platform/errors.js';
import { SESSION_COOKIE, createOutboxStore } from './modules/identity/index.js';
import { renderDocx, renderPdf } from './modules/operations/index.js';
import { composeServices, MODULES, stopServices } from './compose.js';

const WEB_DIST = fileURLToPath(new URL('../dist/web/', import.meta.url));

export interface AppDeps {
  config: Config;
  db: Db;
  /** Resolves false while the demo province is still being created. */
  isReady?: () => boolean;
  logger?: boolean;
  /** Another deployment's role table (tests); src/roles.ts by default. */
  roles?: RoleTable;
  /** Where the built web UI is (dist/web; a test serves a fixture). */
  webRoot?: string;
}

/** Builds the whole application without listening; tests call `app.inject()`. */
export async function buildApp({ config, db, isReady = () => true, logger = true, roles, webRoot = WEB_DIST }: AppDeps) {
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
  const services = await composeServices({ config, db, log: app.log, roles });
  const { identity, officers, registry, citizens, oidc, credentials, lodging, operations } = services;

  installErrorHandling(app, { spaFallback: existsSync(webRoot) });
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
          kioskKey: { type: 'apiKey', in: 'header', name: 'x-kiosk-key', description: 'Khóa của thiết bị kiosk đã đăng ký (da06kiosk_...)' },
          agencyToken: { type: 'http', scheme: 'bearer', description: 'Mã truy cập do nhà cung cấp OIDC của da06 cấp cho hệ thống cơ quan kết nối theo client credentials (client_secret)' },
          agencyDpop: { type: 'http', scheme: 'dpop', description: 'Mã truy cập gắn khóa DPoP (RFC 9449) do nhà cung cấp OIDC của da06 cấp cho hệ thống cơ quan xác thực bằng private_key_jwt (RFC 7523); kèm tiêu đề DPoP mới cho từng yêu cầu' },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  app.decorateRequest('caller', null as never);
  // A counter's staff keep their session when their relying party is deactivated: its counter routes refuse them.
  useVerifierRelyingPartyCheck(app, async (id) => {
    await credentials.relyingParties.active(id);
  });
  app.addHook('onRequest', async (req) => {
    req.caller = (await credentials.relyingParties.resolveApiKey(req.headers.authorization)) ?? (await identity.resolveCaller(req.cookies));
  });

  app.route(publicRoute({
    method: 'GET',
    url: '/health',
    audit: 'none',
    schema: { tags: ['Hệ thống'], response: { 200: Type.Object({ status: Type.String() }) } },
    handler: async () => ({ status: 'ok' }),
  }));
  app.route(publicRoute({
    method: 'GET',
    url: '/ready',
    audit: 'none',
    schema: { tags: ['Hệ thống'], response: { 200: Type.Object({ status: Type.String(), database: Type.String() }) } },
    handler: async () => {
      await db.query('SELECT 1');
      if (!isReady()) throw new DomainError('NOT_READY');
      return { status: 'ready', database: db.kind };
    },
  }));

  const [identityModule, registryModule, credentialsModule, lodgingModule, operationsModule, servicesModule, paymentsModule, documentsModule, kioskModule, exchangeModule, linkageModule] = MODULES;
  await app.register(identityModule.routes({ identity, officers, citizens, oidc }, {
    loginPerMinute: config.DA06_RATE_LIMIT_LOGIN, secureCookies: config.DA06_ENV === 'production',
    devOutbox: config.DA06_ENV !== 'production' ? createOutboxStore(db) : undefined,
  }));
  await app.register(registryModule.routes(registry));
  await app.register(credentialsModule.routes(credentials));
  await app.register(lodgingModule.routes(lodging, { applicationsPerMinute: config.DA06_RATE_LIMIT_LOGIN }));
  await app.register(operationsModule.routes(operations.dashboards, operations.plans, { docx: renderDocx, pdf: renderPdf }));
  await app.register(servicesModule.routes(services.services));
  await app.register(paymentsModule.routes(services.payments));
  await app.register(documentsModule.routes(services.documents, { verifyPerMinute: config.DA06_DOCUMENTS_VERIFY_PER_MIN }));
  await app.register(kioskModule.routes(services.kiosk, {
    lookupsPerKioskPerMinute: config.DA06_KIOSK_LOOKUPS_PER_MIN, lookupsPerAddressPerMinute: config.DA06_KIOSK_LOOKUPS_PER_ADDRESS_PER_MIN,
  }));
  await app.register(exchangeModule.routes(services.exchange));
  await app.register(linkageModule.routes(services.linkage, { maxUploadBytes: 200 * 2 ** 20 }));
  await app.register(middie);
  app.use('/oidc', oidc.provider.callback());

  if (existsSync(webRoot)) await serveWeb(app, webRoot);
  app.addHook('onClose', () => stopServices(services));
  // Returned beside the app, not merged into it: a Fastify instance is thenable and `await` would drop extra keys.
  return { app, services };
}

/**
 * The built web UI. Missing files fall through to the not-found handler, which answers client-side
 * routes (/officer/...) with index.html and everything else with problem+json.
 * Sent compressed as built (`npm run build` writes `.br` and `.gz` beside each file, scripts/precompress.ts):
 * brotli or gzip as the browser accepts, with `Vary: accept-encoding`. Files under /assets/ have a content
 * hash in their name, so they are kept for a year unchanged; index.html (which names them) and the rest
 * are checked again on every use.
 */
async function serveWeb(app: FastifyInstance, root: string) {
  await app.register(fastifyStatic, {
    root, wildcard: true, index: 'index.html', preCompressed: true, cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}

/** A file vite names by its content (`/assets/index-B2x9QeLk.js`), or its compressed copy. */
const HASHED_ASSET = /[\\/]assets[\\/][^\\/]+-[\w-]{8,}\.\w+(\.br|\.gz)?$/;

export type Built = Awaited<ReturnType<typeof buildApp>>;
