// Browser-safe vocabulary the web UI imports (lint: only web/ imports a module's browser.ts; it must
// import nothing that reaches the server).
export {
  AGE_GROUPS, FACILITY_KINDS, FACILITY_STATUSES, GUEST_ROLES, WATCHLIST_KINDS,
  type FacilityKind, type FacilityStatus, type GuestRole, type WatchlistKind,
} from './kinds.js';
