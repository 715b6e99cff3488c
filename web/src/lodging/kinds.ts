/** Labels of the lodging module, from the server's browser-safe catalogue (one source for both sides). */
export {
  AGE_GROUPS,
  FACILITY_KINDS,
  FACILITY_STATUSES,
  GUEST_ROLES,
  WATCHLIST_KINDS,
  type FacilityKind,
  type FacilityStatus,
  type GuestRole,
  type WatchlistKind,
} from '../../../src/modules/lodging/browser.js';
