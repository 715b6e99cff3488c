export { createLodgingService, type LodgingService, type LodgingDeps } from './service.js';
export { lodgingRoutes } from './routes.js';
export { unsafeLodgingSeeder } from './seeding.js';
export { validateWatchlistEntry } from './watchlist.js';
export { notificationDeadline } from './deadline.js';
export { Statistics as LodgingStatisticsSchema } from './schema.js';
export * as lodgingSchemas from './schema.js';
