export { createIdentityService, createOfficerAccount, createOfficerAccountHashed, hashPassword, CITIZEN_COOKIE, OFFICER_COOKIE, type IdentityService } from './service.js';
export { identityRoutes, SESSION_COOKIE } from './routes.js';
export { createCitizenService, type CitizenService, type ConnectedService, type ConnectedServicesSource } from './citizen-service.js';
export { citizenRoutes } from './citizen-routes.js';
export { createOutboxSender, createOutboxStore, maskCodes, maskPhone, type MessageSender, type OutboxMessage } from './outbox.js';
export { createHttpSmsSender, createMessageSender, SmsGatewayError, type SmsGatewaySettings } from './sms-gateway.js';
export { devOutboxRoutes } from './outbox-routes.js';
export { createOidc, createClientService, rotateSigningKeys, KEY_RETENTION_SECONDS, ACR, SCOPE_CLAIMS, ASSIGNABLE_SCOPES, type Oidc, type ClientInput } from './oidc/index.js';
