import type { Answer, RequestBody } from '../api.js';

/**
 * Names for the answers the pages share, all taken from the generated schema (./schema.ts, from
 * docs/openapi.json): none is written by hand, so a server change shows here as a type error.
 */
export type Session = Answer<'/api/v1/session'>;

export type PersonList = Answer<'/api/v1/people'>;
export type PersonListItem = PersonList['items'][number];
export type Person = Answer<'/api/v1/people/{key}'>;
export type Residence = Person['residences'][number];
export type FormerIdentifier = Person['formerIdentifiers'][number];
export type LifeEvent = Person['lifeEvents'][number];
export type Household = Answer<'/api/v1/households/{householdNo}'>;
export type Member = Household['members'][number];
export type AccessLogEntry = Answer<'/api/v1/people/{key}/access-log'>[number];
export type Unit = Answer<'/api/v1/units'>[number];
export type UnitDetail = Answer<'/api/v1/units/{scheme}/{code}'>;

export type CitizenSession = Answer<'/api/v1/citizen/session'>;
export type CitizenSignedIn = Answer<'/api/v1/citizen/session/verify', 'post'>;
export type RegistrationStarted = Answer<'/api/v1/citizen/registrations', 'post'>;
export type LoginChallenge = Answer<'/api/v1/citizen/session', 'post'>;
export type TotpSetup = Answer<'/api/v1/citizen/totp/setup', 'post'>;
export type CitizenProfile = Answer<'/api/v1/citizen/profile'>;
export type CitizenSessionItem = Answer<'/api/v1/citizen/sessions'>['items'][number];
export type Connection = Answer<'/api/v1/citizen/connected-services'>['items'][number];
export type OutboxMessage = Answer<'/api/v1/dev/outbox'>['items'][number];
export type Interaction = Answer<'/api/v1/oidc/interactions/{uid}'>;
export type CitizenAccount = Answer<'/api/v1/citizen-accounts/{personalId}'>;
export type PasswordResetStarted = Answer<'/api/v1/citizen/password-resets', 'post'>;
export type Level2Request = Answer<'/api/v1/citizen/level2-requests'>['items'][number];
export type Level2QueueItem = Answer<'/api/v1/level2-requests'>['items'][number];
export type Passkey = Answer<'/api/v1/citizen/passkeys'>['items'][number];
export type SsoClient = Answer<'/api/v1/sso/clients'>[number];
export type SsoClientCreated = Answer<'/api/v1/sso/clients', 'post'>;

export type IdentityQr = Answer<'/api/v1/citizen/identity-qr', 'post'>;
export type IdentityField = RequestBody<'/api/v1/citizen/identity-qr'>['fields'][number];
export type CitizenVerification = Answer<'/api/v1/citizen/verifications'>[number];
export type VerificationAlert = Answer<'/api/v1/verification-alerts'>[number];
export type VerificationOutcome = Answer<'/api/v1/verifications', 'post'>;
export type WalletDocumentShown = NonNullable<VerificationOutcome['document']>;
export type WalletDocument = Answer<'/api/v1/citizen/wallet'>[number];
export type WalletPresentation = Answer<'/api/v1/citizen/wallet/{id}/presentations', 'post'>;
export type DeskVerification = Answer<'/api/v1/verifications'>['items'][number];
export type DeskVerificationPage = Answer<'/api/v1/verifications'>;
export type RelyingParty = Answer<'/api/v1/desk'>;
export type RelyingPartyType = RequestBody<'/api/v1/relying-parties'>['type'];
export type RelyingPartyWithStats = Answer<'/api/v1/relying-parties'>[number];
export type RelyingPartyCreated = Answer<'/api/v1/relying-parties', 'post'>;

export type OfficerList = Answer<'/api/v1/officers'>;
export type OfficerAccount = OfficerList['items'][number];
export type OfficerOptions = Answer<'/api/v1/officers/options'>;
export type OfficerCreated = Answer<'/api/v1/officers', 'post'>;
export type AccountAction = Answer<'/api/v1/officers/activity'>[number];
