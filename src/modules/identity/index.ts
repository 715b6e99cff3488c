export { createIdentityService, createOfficerAccount, hashPassword, type IdentityService } from './service.js';
export { identityRoutes, SESSION_COOKIE } from './routes.js';
