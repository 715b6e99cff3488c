export { createLodgingService, type LodgingService, type LodgingDeps } from './service.js';
export { lodgingRoutes } from './routes.js';
export { createLodgingStore } from './store.js';
export { validateWatchlistEntry } from './watchlist.js';
export { notificationDeadline } from './deadline.js';
export { Statistics as LodgingStatisticsSchema } from './schema.js';
