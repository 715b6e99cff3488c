export { createRegistryService, type RegistryService, type IdentityFacts, type AuditActor } from './service.js';
export { registryRoutes } from './routes.js';
export { normalizeName } from './names.js';
export { checkPersonalId, maskPersonalId, makePersonalId } from './personal-id.js';
