// The exchange module (issue 17, model 25): the provincial data-sharing gateway (LGSP). Agencies' systems,
// authenticated by client credentials at da06's own OpenID provider, query the registry under grants
// (service × purposes × fields × daily quota × validity) that the data owner approves; every call is a read
// of personal data in the audit log and in the citizen's access history. Other modules import only this file.
export { createExchangeService, type ExchangeService, type ExchangeDeps, type PersonFacts } from './service.js';
export { exchangeRoutes } from './routes.js';
export { createExchangeAdmin, type ExchangeAdmin } from './admin.js';
export { loadPurposes, PURPOSES_FILE, type CataloguePurpose } from './purposes.js';
export { verifyExchangeLog, parseExchangeLogFile, type ExchangeLogEntry, type ExchangeLogHeader, type LogVerdict, type LogFailure } from './log.js';

import type { FastifyInstance } from 'fastify';
import { defineModule } from '../../platform/module.js';
import { EXCHANGE_ERRORS } from './errors.js';
import { EXCHANGE_PERMISSIONS } from './permissions.js';
import { EXCHANGE_AUDIT } from './audit-actions.js';
import { MESSAGES } from './messages.js';
import { exchangeRoutes as exchangeRoutesPlugin } from './routes.js';
import { citizenConsentRoutes } from './consent-routes.js';
import type { ExchangeService as Service } from './service.js';
import { agencyUsageRoutes, exchangeAdminRoutes } from './admin-routes.js';
import { agencySectorRoutes, sectorRecordRoutes } from './sector-routes.js';
import type { ExchangeAdmin } from './admin.js';

/** The gateway's routes and the citizen's consent routes. */
const routes = (exchange: Service & { admin: ExchangeAdmin }) => async (app: FastifyInstance) => {
  await exchangeRoutesPlugin(exchange, (agencyRoute) => [...agencyUsageRoutes(exchange.admin, agencyRoute), ...agencySectorRoutes(exchange, agencyRoute)])(app);
  await exchangeAdminRoutes(exchange.admin, exchange)(app);
  await citizenConsentRoutes(exchange)(app);
  await sectorRecordRoutes(exchange)(app);
};

/** What the exchange module owns (platform/module.ts). */
export const exchangeModule = defineModule({
  name: 'exchange',
  title: 'Nền tảng chia sẻ dữ liệu (LGSP)',
  permissions: EXCHANGE_PERMISSIONS,
  errors: EXCHANGE_ERRORS,
  auditActions: EXCHANGE_AUDIT,
  messages: MESSAGES,
  routes,
  needs: [],
});
