// The services module's words the UI shows: states, transitions, due flags (src/modules/services/browser.ts).
export { CHANNELS, DOSSIER_STATES, TRANSITIONS, DUE_FLAGS, type DossierState, type TransitionName } from '../../../src/modules/services/browser.js';
