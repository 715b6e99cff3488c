export { createIdentityService, createOfficerAccount, hashPassword, CITIZEN_COOKIE, OFFICER_COOKIE, type IdentityService } from './service.js';
export { identityRoutes, SESSION_COOKIE } from './routes.js';
