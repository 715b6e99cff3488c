export { createRegistryService, type RegistryService, type IdentityFacts, type AuditActor } from './service.js';
export { registryRoutes } from './routes.js';
export { normalizeName } from './names.js';
export { checkPersonalId, maskPersonalId, makePersonalId, decodeCenturySex } from './personal-id.js';
export { isRealDate } from './validate.js';
export { canonicalName, isPersonName } from './names.js';
export { HOUSEHOLD_NO_PATTERN } from './validate.js';
export { type AreaFilter, type RegistryStatistics } from './statistics.js';
