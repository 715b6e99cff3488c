export { createRegistryService, type RegistryService } from './service.js';
export { registryRoutes } from './routes.js';
export { normalizeName } from './names.js';
export { checkPersonalId, maskPersonalId, makePersonalId } from './personal-id.js';
