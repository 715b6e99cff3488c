import type { Db } from '../../platform/db.js';
import { createLodgingStore } from './store.js';

/**
 * Bulk writes for the demo province and the benchmarks: synthetic facilities, stays and watchlist
 * entries written without the services' checks and audit entries (never on a request's behalf).
 * The lodging store stays private to the module; this is the part of it they need.
 */
export function unsafeLodgingSeeder(db: Db) {
  const store = createLodgingStore(db);
  return {
    insertFacility: store.insertFacility.bind(store),
    setRelyingParty: store.setRelyingParty.bind(store),
    insertWatchlistEntries: store.insertWatchlistEntries.bind(store),
    insertBookings: store.insertBookings.bind(store),
    departBooking: store.departBooking.bind(store),
  };
}
