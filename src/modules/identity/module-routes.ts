import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { identityRoutes } from './routes.js';
import { citizenRoutes } from './citizen-routes.js';
import { devOutboxRoutes } from './outbox-routes.js';
import { officerAccountRoutes } from './officers-routes.js';
import type { OfficerAccounts } from './officers-service.js';
import type { IdentityService } from './service.js';
import type { CitizenService } from './citizen-service.js';
import type { OutboxStore } from './outbox.js';

export interface IdentityRouteServices {
  identity: IdentityService;
  /** The administration of officer accounts (createOfficerAccounts). */
  officers: OfficerAccounts;
  citizens: CitizenService;
  /** The OpenID provider's interaction and client routes (createOidc); the provider itself is mounted at /oidc by app.ts. */
  oidc: { routes: FastifyPluginAsync };
}

export interface IdentityRouteOptions {
  /** Requests per minute and IP on each sign-in, registration and code route. */
  loginPerMinute: number;
  secureCookies: boolean;
  /** Development and tests only: the outbox of sent messages, readable by anyone (citizen-registration.test.ts). */
  devOutbox?: OutboxStore;
}

/** Every HTTP route of the identity module: officer sessions, citizens' e-ID, single sign-on and the development outbox. */
export function identityModuleRoutes(services: IdentityRouteServices, opts: IdentityRouteOptions) {
  return async function (app: FastifyInstance) {
    await app.register(identityRoutes(services.identity, opts));
    await app.register(officerAccountRoutes(services.identity, services.officers));
    await app.register(citizenRoutes(services.citizens, { perMinute: opts.loginPerMinute, secureCookies: opts.secureCookies }));
    await app.register(services.oidc.routes);
    if (opts.devOutbox) await app.register(devOutboxRoutes(opts.devOutbox));
  };
}
