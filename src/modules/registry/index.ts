export {
  createRegistryService, birthProvinceCodeFor, type RegistryService, type RegistryOptions, type IdentityFacts, type AuditActor,
  type DossierSource, type RegistryChange, type BirthInput, type BirthOptions, type BirthRegistered, type PermanentResidenceInput,
  type TemporaryResidenceInput, type AbsenceInput, type ResidenceConfirmation, type MarriageFacts, type MarriageInput, type Kinship,
} from './service.js';
export { CONFIRMATION_VALIDITY, type ConfirmationValidityRule } from './residence-confirmation.js';
export { registryRoutes } from './routes.js';
export { normalizeName } from './names.js';
export { checkPersonalId, maskPersonalId, makePersonalId, decodeCenturySex, type Sex } from './personal-id.js';
export { isRealDate } from './validate.js';
export { canonicalName, isPersonName } from './names.js';
export { HOUSEHOLD_NO_PATTERN } from './validate.js';
export { type AreaFilter, type RegistryStatistics } from './statistics.js';
export { createStatistics } from './statistics.js';
export { loadBundledUnits, seedPopulation, importPeopleRows, communesForSeeding, countPeople, unsafeFindForVerification, unsafeAdultsForDemoAccounts, unsafePortraitOf } from './admin.js';
export { syntheticPortrait, imageMediaType } from './portrait.js';
export { readImportFile, importSummary, rejectionsCsv, type ImportRow } from './import.js';
export { generatePopulation, type SeedCommune, type SeedPerson } from './seed/generate.js';
export { Rng } from './seed/prng.js';

import { defineModule } from '../../platform/module.js';
import { REGISTRY_ERRORS, REGISTRY_FIELD_ERRORS } from './errors.js';
import { REGISTRY_PERMISSIONS } from './permissions.js';
import { REGISTRY_AUDIT } from './audit-actions.js';
import { REGISTRY_EVENTS } from './events.js';
import { MESSAGES } from './messages.js';
import { registryRoutes as registryRoutesPlugin } from './routes.js';

/** What the registry module owns (platform/module.ts). */
export const registryModule = defineModule({
  name: 'registry',
  title: 'Dân cư',
  permissions: REGISTRY_PERMISSIONS,
  errors: REGISTRY_ERRORS,
  fieldErrors: REGISTRY_FIELD_ERRORS,
  auditActions: REGISTRY_AUDIT,
  events: REGISTRY_EVENTS,
  messages: MESSAGES,
  routes: registryRoutesPlugin,
  needs: [],
});
export { withSecondaryIndexesDeferred } from './bulk-load.js';
