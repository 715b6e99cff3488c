// Browser-safe vocabulary the web UI imports (lint: only web/ imports a module's browser.ts; it must
// import nothing that reaches the server).
export {
  DOSSIER_STATES, TRANSITIONS, OPEN_STATES, CLOSED_STATES, CHANNELS, DUE_FLAGS, STATE_NAMES, AGENCY_LABELS,
  type DossierState, type TransitionName, type Channel,
} from './states.js';
export { RATING_CRITERIA, CRITERIA, type RatingCriterion } from './rating-criteria.js';
