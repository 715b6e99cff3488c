export { createLodgingService, type LodgingService, type LodgingDeps } from './service.js';
export { lodgingRoutes } from './routes.js';
export { createLodgingStore } from './store.js';
export { validateWatchlistEntry } from './watchlist.js';
export { notificationDeadline } from './deadline.js';
export { Statistics as LodgingStatisticsSchema } from './schema.js';

import { defineModule } from '../../platform/module.js';
import { LODGING_ERRORS, LODGING_FIELD_ERRORS } from './errors.js';
import { LODGING_PERMISSIONS } from './permissions.js';
import { LODGING_AUDIT } from './audit-actions.js';
import { LODGING_EVENTS } from './events.js';
import { MESSAGES } from './messages.js';
import { lodgingRoutes as lodgingRoutesPlugin } from './routes.js';

/** What the lodging module owns (platform/module.ts). */
export const lodgingModule = defineModule({
  name: 'lodging',
  title: 'Lưu trú',
  permissions: LODGING_PERMISSIONS,
  errors: LODGING_ERRORS,
  fieldErrors: LODGING_FIELD_ERRORS,
  auditActions: LODGING_AUDIT,
  events: LODGING_EVENTS,
  messages: MESSAGES,
  routes: lodgingRoutesPlugin,
  needs: ['registry', 'credentials'],
});
