// The services module (issue 15): procedure catalogue, dossiers filled from the registry, the one-stop
// workflow with working-day deadlines. Other modules import only this file; code inside the module
// imports its sub-folders (calendar/, catalogue/, receipt/, connectors/) directly.
export {
  createServicesService, agencyCodeOf, EVENT_OF,
  type ServicesService, type ServicesDeps, type LinkedStepInput, type PaymentHook, type DossierPaymentRequest, type DossierPayment, type Effects, type EffectHandler, type EffectResult, type ApprovedDossier,
} from './service.js';
export { servicesRoutes } from './routes.js';
export { dvcqgLinkSettings, STANDIN_LABEL, type DvcqgLinkSettings } from './dvcqg-link.js';
export { registryEffects, registryResults } from './effects.js'; // [groups hook] an approval's registry effects
export type { LifeEvents } from './life/service.js'; // [life]
export { createServicesFigures, paperlessShare, type ServicesFigures, type ServicesFigureRow } from './figures.js'; // [groups hook] operations' figures
export { DOSSIER_STATES, TRANSITIONS, OPEN_STATES, CLOSED_STATES, type DossierState, type TransitionName } from './states.js';
export { OFFICER_TRANSITIONS, type OfficerTransition } from './officer-service.js';
export { RATING_CRITERIA } from './rating.js';
export { keepClosingStale, type CloseOutResult } from './close-out.js';
export type { DossierEvent } from './events.js';
export type { Agency, Effect, Procedure, Catalogue } from './catalogue/index.js';
export { loadCatalogue, proceduresDoc } from './catalogue/index.js';
export * as servicesSchemas from './schema.js';

import { defineModule } from '../../platform/module.js';
import { SERVICES_ERRORS, SERVICES_FIELD_ERRORS } from './errors.js';
import { SERVICES_PERMISSIONS } from './permissions.js';
import { SERVICES_AUDIT } from './audit-actions.js';
import { SERVICES_EVENTS } from './events.js';
import { MESSAGES } from './messages.js';
import { servicesRoutes as servicesRoutesPlugin } from './routes.js';
import { GROUP_AUDIT, GROUP_ERRORS } from './groups/catalogue.js'; // [groups hook]
import { LIFE_AUDIT, LIFE_ERRORS, LIFE_PERMISSIONS } from './life/catalogue.js'; // [life]
import { COPIES_AUDIT, COPIES_ERRORS, COPIES_PERMISSIONS } from './copies/catalogue.js'; // [copies]

/** What the services module owns (platform/module.ts). */
export const servicesModule = defineModule({
  name: 'services',
  title: 'Dịch vụ công',
  permissions: { ...SERVICES_PERMISSIONS, ...LIFE_PERMISSIONS, ...COPIES_PERMISSIONS },
  errors: { ...SERVICES_ERRORS, ...GROUP_ERRORS, ...LIFE_ERRORS, ...COPIES_ERRORS },
  fieldErrors: SERVICES_FIELD_ERRORS,
  auditActions: { ...SERVICES_AUDIT, ...GROUP_AUDIT, ...LIFE_AUDIT, ...COPIES_AUDIT },
  events: SERVICES_EVENTS,
  messages: MESSAGES,
  routes: servicesRoutesPlugin,
  needs: ['registry'],
});
