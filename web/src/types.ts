/** Shapes of the da06 API (see src/modules/registry/schema.ts and src/modules/identity/routes.ts). */
export interface Session {
  username: string;
  fullName: string;
  role: string;
  roleLabel: string;
  area: { level: 'province' | 'commune' | string; code: string };
  /** rp_staff only: the relying party (counter) the staff member verifies people for. */
  relyingPartyId?: number | null;
  /** What the role may do (for hiding what it may not; the server still checks every request). */
  permissions: string[];
  csrfToken: string;
}

export interface PersonListItem {
  ref: string;
  personalIdMasked: string;
  fullName: string;
  dateOfBirth: string;
  sex: string;
  communeCode: string;
  communeName: string;
  deceased: boolean;
}

export interface PersonList {
  items: PersonListItem[];
  hasMore: boolean;
}

export interface Member {
  ref: string;
  personalIdMasked: string;
  fullName: string;
  dateOfBirth: string;
  sex: string;
  relationToHead: string | null;
  dateOfDeath: string | null;
}

export interface Residence {
  kind: 'permanent' | 'temporary' | string;
  communeCode: string;
  communeName: string;
  address: string;
  validFrom: string;
  validTo: string | null;
}

export interface FormerIdentifier {
  kind: 'cmnd' | 'cancelled_id' | string;
  value: string;
  validUntil: string | null;
}

export interface LifeEvent {
  kind: 'birth' | 'death' | 'move' | string;
  occurredOn: string;
  communeCode: string | null;
  note: string | null;
}

export interface Person {
  personalId: string;
  fullName: string;
  dateOfBirth: string;
  sex: string;
  ethnicity: string;
  religion: string;
  occupation: string | null;
  deceased: boolean;
  dateOfDeath: string | null;
  commune: { code: string; name: string; provinceCode: string; provinceName: string };
  household: { householdNo: string; address: string | null; relationToHead: string | null; members: Member[] } | null;
  formerIdentifiers: FormerIdentifier[];
  residences: Residence[];
  lifeEvents: LifeEvent[];
}

export interface Household {
  householdNo: string;
  address: string;
  commune: { code: string; name: string; provinceCode: string };
  members: Member[];
}

export interface AccessLogEntry {
  at: string;
  actorId: string;
  actorName: string | null;
  action: string;
  fields: string[];
  purpose: string | null;
}

export interface Unit {
  scheme: string;
  code: string;
  level: string;
  name: string;
  fullName: string;
  type: string;
  parentCode: string | null;
  provinceCode: string;
}

/** GET /api/v1/units/:scheme/:code: a 2025 unit lists the units merged into it, a pre2025 one its successors. */
export interface UnitDetail extends Unit {
  predecessors?: { code: string; name: string; level: string; kind: string }[];
  successors?: { code: string; name: string; level: string; kind: string }[];
}

/* ---------- citizen e-ID (src/modules/identity/citizen-*.ts) ---------- */

/** GET /api/v1/citizen/session (citizen-service.ts currentSession). */
export interface CitizenSession {
  level: 1 | 2;
  csrfToken: string;
  personalIdMasked?: string;
  factors?: string[];
}

/** POST /api/v1/citizen/registrations. */
export interface RegistrationStarted {
  registrationId: string;
  sentTo?: string;
  expiresInSeconds?: number;
}

/** POST /api/v1/citizen/session (first step: the password). */
export interface LoginChallenge {
  next: 'otp' | 'totp' | 'passkey' | string;
  challengeId: string;
  factors: string[];
  sentTo?: string;
}

export interface TotpSetup {
  otpauthUrl: string;
  secret: string;
}

/** GET /api/v1/citizen/profile: registry facts (read-only) and the account. */
export interface CitizenProfile {
  fullName: string;
  personalId: string;
  dateOfBirth: string;
  sex: string;
  phoneMasked?: string | null;
  residence: { communeName?: string | null; provinceName?: string | null; address?: string | null } | null;
  household: { householdNo: string; relationToHead?: string | null } | null;
  account: {
    level: 1 | 2;
    createdAt: string;
    factors: string[];
    level2: { at: string; checkedDocument: string | null; checkedDocumentLabel: string | null } | null;
  };
}

export interface CitizenSessionItem {
  id: string;
  userAgent: string | null;
  createdAt: string;
  lastSeen?: string | null;
  expiresAt?: string;
  current?: boolean;
}

/** A service the citizen signed in to with consent (ConnectedService in citizen-service.ts). */
export interface Connection {
  id: string;
  name: string;
  scopes: string[];
  connectedAt: string;
  lastUsedAt: string | null;
}

/** GET /api/v1/dev/outbox → { items } (src/modules/identity/outbox-routes.ts). */
export interface OutboxMessage {
  id: number;
  channel: 'sms' | string;
  recipientMasked: string;
  body: string;
  createdAt: string;
}

/** GET /api/v1/oidc/interactions/:uid (src/modules/identity/oidc/routes.ts). */
export interface Interaction {
  uid: string;
  prompt: 'login' | 'consent' | string;
  /** citizen: e-ID session; officer: da06 officer session (no consent step). */
  audience?: 'citizen' | 'officer';
  client: { clientId: string; name: string };
  scopes: string[];
  claims: { name: string; label: string }[];
  /** urn:da06:loa:1 or urn:da06:loa:2 */
  acrRequired: string;
  levelRequired: number;
  signedIn: boolean;
  level: 1 | 2 | null;
  levelSufficient: boolean | null;
  levelHint: string | null;
}

/** GET /api/v1/citizen-accounts/:personalId (officer view). */
export interface CitizenAccount {
  personalId: string;
  level: 1 | 2;
  status: 'active' | 'locked' | string;
  lockedReason?: string | null;
  createdAt: string;
  level2At: string | null;
  level2Document?: string | null;
}

/** A citizen's registered passkey (GET /api/v1/citizen/passkeys). */
export interface Passkey {
  id: string;
  label: string | null;
  transports: string[];
  createdAt: string;
  lastUsedAt: string | null;
}

/** GET /api/v1/sso/clients (src/modules/identity/oidc/routes.ts ClientStats). */
export interface SsoClient {
  clientId: string;
  name: string;
  public: boolean;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  scopes: string[];
  minLevel: number;
  allowPersonalId: boolean;
  audience: 'citizen' | 'officer';
  createdAt: string;
  signIns: { day: string; count: number }[];
  totalSignIns: number;
}

/** POST /api/v1/sso/clients. */
export interface SsoClientCreated {
  clientId: string;
  clientSecret?: string;
}

/* ---------- credentials: identity QR, counter verification, relying parties (src/modules/credentials/schema.ts) ---------- */

export type IdentityField = 'personal_id' | 'full_name' | 'date_of_birth' | 'sex' | 'address' | 'age_over_18';

/** POST /api/v1/citizen/identity-qr. */
export interface IdentityQr {
  token: string;
  fields: IdentityField[];
  issuedAt: string;
  refreshAt: string;
  expiresAt: string;
}

/** GET /api/v1/citizen/verifications: one line of the citizen's "Lịch sử sử dụng" (fields already in Vietnamese). */
export interface CitizenVerification {
  at: string;
  method: 'identity_qr' | 'card_qr' | 'chip' | string;
  result: 'valid' | 'invalid' | string;
  reason: string | null;
  fields: string[];
  purpose: string;
  relyingParty: string;
  relyingPartyType: string;
}

/** GET /api/v1/verification-alerts: a counter paused for card-QR checks that did not match (auditors). */
export interface VerificationAlert {
  at: string;
  kind: 'personal_id' | 'counter';
  relyingParty: { code: string; name: string };
  /** Masked; null for a pause of the whole counter. */
  personalId: string | null;
  message: string;
}

/** POST /api/v1/verifications. */
export interface VerificationOutcome {
  method: 'identity_qr' | 'card_qr' | 'chip' | 'wallet';
  valid: boolean;
  reasons: { code: string; message: string }[];
  level: 1 | 2 | null;
  person: Partial<Record<IdentityField, string | boolean | null>>;
  withheld: IdentityField[];
  issuedAt: string | null;
  expiresAt: string | null;
  verifiedAt: string;
  relyingParty: { name: string; purpose: string };
  /**
   * Printed card QR: 'match' or 'unconfirmed' only, never differences (the QR is unsigned). An authentic
   * chip also names the differing fields. Null when nothing was compared.
   */
  registry: { status: 'match' | 'unconfirmed' | 'mismatch' | 'not_found' | 'deceased' | 'number_cancelled' | string; differences: { field: string; label: string; kind: 'value' | 'diacritics' | string }[] } | null;
  notice: string | null;
  /** A wallet document (method `wallet`): its type and the claims the citizen chose to show. */
  document?: WalletDocumentShown | null;
}

export interface WalletDocumentShown {
  type: string;
  typeLabel: string;
  claims: { claim: string; label: string; text: string }[];
  /** Claim names the citizen kept back. */
  withheld: string[];
}

/** GET /api/v1/citizen/wallet (one document), and the answer of an officer's issue. */
export interface WalletDocument {
  id: string;
  type: string;
  typeLabel: string;
  title: string;
  issuedAt: string;
  expiresAt: string;
  status: 'valid' | 'expired' | 'revoked';
  revokedReason: string | null;
  claims: { claim: string; label: string; text: string; selective: boolean }[];
}

/** POST /api/v1/citizen/wallet/:id/presentations: an SD-JWT with only the chosen claims. */
export interface WalletPresentation {
  presentation: string;
  expiresAt: string;
}

/** GET /api/v1/verifications: the counter's recent verifications (no personal data; fields are field names). */
export interface DeskVerification {
  id: number;
  at: string;
  method: string;
  result: 'valid' | 'invalid' | string;
  reason: string | null;
  fields: string[];
  staff: string | null;
}

export type RelyingPartyType = 'hospital' | 'lodging' | 'notary' | 'pawnshop' | 'driving_test' | 'exam' | 'ticketing' | 'other';

/** GET /api/v1/desk, and each relying party of the administrator's list. */
export interface RelyingParty {
  id: number;
  code: string;
  name: string;
  type: RelyingPartyType;
  typeLabel: string;
  purpose: string;
  allowedFields: IdentityField[];
  minLevel: 1 | 2;
  provinceCode: string;
  ratePerMinute: number;
  active: boolean;
  hasApiKey: boolean;
  createdAt: string;
}

/** GET /api/v1/relying-parties. */
export interface RelyingPartyWithStats extends RelyingParty {
  verifications: number;
  valid: number;
  lastVerificationAt: string | null;
}

/** POST /api/v1/relying-parties (the API key is shown once). */
export interface RelyingPartyCreated {
  relyingParty: RelyingParty;
  apiKey: string | null;
}
