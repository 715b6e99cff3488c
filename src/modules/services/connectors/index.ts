/**
 * Connectors of the services module to systems outside da06 (services-internal: the module's core
 * wires them; other modules never import this). Today: the national public-service portal (DVCQG),
 * whose contract is docs/connectors/dvcqg.md — our assumption, the real interface was not available.
 */
export {
  DVCQG_STATUSES, DVCQG_STATUS_CODES, PORTAL_DOSSIER_CODE, RATING_CRITERIA, parsePortalDossierCode,
  type DvcqgChannel, type DvcqgStatusCode, type PortalDossierCode,
} from './dvcqg-contract.js';
export {
  DvcqgError, createDvcqgClient, dvcqgSettings, parsePortalDossier, resultKey, statusKey,
  type CitizenRating, type DossierResult, type DvcqgClientDeps, type DvcqgErrorKind, type DvcqgPortal, type DvcqgSettings,
  type PortalDossier, type PortalItem, type StatusChange, type StatusUpdate,
} from './dvcqg.js';
export { DvcqgSync, type DeadLetter, type DeadLetterError, type DvcqgSyncOptions, type SyncOutcome } from './dvcqg-sync.js';
