export { createIdentityService, createOfficerAccount, createOfficerAccountHashed, hashPassword, CITIZEN_COOKIE, OFFICER_COOKIE, type IdentityService } from './service.js';
export { SESSION_COOKIE } from './routes.js';
export { createOfficerAccounts, type OfficerAccounts, type AccountAdministrator, type NewOfficer, type RelyingPartyChoice } from './officers-service.js';
export { createCitizenService, type CitizenService, type ConnectedService, type ConnectedServicesSource } from './citizen-service.js';
export { createOutboxSender, createOutboxStore, maskCodes, maskPhone, type MessageSender, type OutboxMessage } from './outbox.js';
export { createHttpSmsSender, createMessageSender, SmsGatewayError, type SmsGatewaySettings } from './sms-gateway.js';
export { unsafeDemoIdentitySeeder, type DemoCitizenAccount } from './demo-seed.js';
export { identityModuleRoutes, type IdentityRouteServices, type IdentityRouteOptions } from './module-routes.js';
export { createOidc, createClientService, rotateSigningKeys, KEY_RETENTION_SECONDS, ACR, SCOPE_CLAIMS, ASSIGNABLE_SCOPES, type Oidc, type ClientInput } from './oidc/index.js';

import { defineModule } from '../../platform/module.js';
import { IDENTITY_ERRORS, IDENTITY_FIELD_ERRORS } from './errors.js';
import { IDENTITY_PERMISSIONS } from './permissions.js';
import { IDENTITY_AUDIT } from './audit-actions.js';
import { MESSAGES } from './messages.js';
import { identityModuleRoutes } from './module-routes.js';

/** What the identity module owns (platform/module.ts). */
export const identityModule = defineModule({
  name: 'identity',
  title: 'Định danh và xác thực điện tử',
  permissions: IDENTITY_PERMISSIONS,
  errors: IDENTITY_ERRORS,
  fieldErrors: IDENTITY_FIELD_ERRORS,
  auditActions: IDENTITY_AUDIT,
  messages: MESSAGES,
  routes: identityModuleRoutes,
  needs: ['registry', 'credentials'],
});
