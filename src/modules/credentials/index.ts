export { createCredentialService, type CredentialService, type VerificationOutcome, type RelyingPartyInput } from './service.js';
export { credentialRoutes } from './routes.js';
export { rotateCredentialKeys, CREDENTIAL_KEY_RETENTION_SECONDS } from './keys.js';
export { IDENTITY_FIELDS, FIELD_LABELS, RELYING_PARTY_TYPES } from './fields.js';
