export { createCredentialService, type CredentialService } from './service.js';
export type { ResultCredential } from './wallet-service.js';
export type { VerificationOutcome } from './schema.js';
export { createRelyingPartyService, type RelyingPartyInput, type RelyingPartyService } from './relying-parties.js';
export { createTrustListService, type TrustListService } from './trust-list.js';
export { credentialRoutes } from './routes.js';
export { rotateCredentialKeys, loadCredentialKeys, CREDENTIAL_KEY_RETENTION_SECONDS } from './keys.js';
export { IDENTITY_FIELDS, FIELD_LABELS, PURPOSE_FIELDS, RELYING_PARTY_TYPES, type RelyingPartyType } from './fields.js';
export { ChipBody } from './schema.js';
export type { ChipInput } from './chip/index.js';
export { parseCardQr } from './card-qr.js';
export { signIdentityToken } from './identity-qr.js';
export { passiveAuthenticate, prepareTrustList } from './chip/index.js';
export { verificationReasonsDoc } from './reasons-doc.js';
export { unsafeDemoVerificationSeeder, type DemoVerification } from './demo-seed.js';

/** Test chip cards signed by a throw-away CSCA, for development tools (`da06 demo-chip`) and benchmarks; loaded only when asked for. */
export function loadChipTestVectors(): Promise<typeof import('./chip/testing.js')> {
  return import('./chip/testing.js');
}

import { defineModule } from '../../platform/module.js';
import { CREDENTIAL_ERRORS } from './errors.js';
import { CREDENTIALS_PERMISSIONS } from './permissions.js';
import { CREDENTIALS_AUDIT } from './audit-actions.js';
import { MESSAGES } from './messages.js';
import { credentialRoutes as credentialsRoutesPlugin } from './routes.js';

/** What the credentials module owns (platform/module.ts). */
export const credentialsModule = defineModule({
  name: 'credentials',
  title: 'Xác thực tại quầy và ví giấy tờ',
  permissions: CREDENTIALS_PERMISSIONS,
  errors: CREDENTIAL_ERRORS,
  auditActions: CREDENTIALS_AUDIT,
  messages: MESSAGES,
  routes: credentialsRoutesPlugin,
  needs: ['registry'],
});
