export { createCredentialService, type CredentialService, type VerificationOutcome } from './service.js';
export { createRelyingPartyService, type RelyingPartyInput, type RelyingPartyService } from './relying-parties.js';
export { createCredentialStore } from './store.js';
export { createTrustListService, type TrustListService } from './trust-list.js';
export { credentialRoutes } from './routes.js';
export { rotateCredentialKeys, CREDENTIAL_KEY_RETENTION_SECONDS } from './keys.js';
export { IDENTITY_FIELDS, FIELD_LABELS, RELYING_PARTY_TYPES } from './fields.js';
export { ChipBody } from './schema.js';
export type { ChipInput } from './chip/index.js';
