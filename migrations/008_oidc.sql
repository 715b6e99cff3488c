-- Identity: da06 as an OpenID Connect provider (oidc-provider artefacts, relying parties, signing keys, statistics).

-- Everything oidc-provider persists (sessions, interactions, grants, codes, tokens), one row per artefact.
CREATE TABLE oidc_payloads (
  model       text NOT NULL,                       -- Session, Interaction, Grant, AuthorizationCode, AccessToken, RefreshToken, ...
  id          text NOT NULL,
  payload     jsonb NOT NULL,
  grant_id    text,
  uid         text,                                -- sessions are also found by uid
  user_code   text,
  expires_at  timestamptz,
  consumed_at timestamptz,
  PRIMARY KEY (model, id)
);
CREATE INDEX oidc_payloads_grant ON oidc_payloads (grant_id) WHERE grant_id IS NOT NULL;
CREATE INDEX oidc_payloads_uid ON oidc_payloads (uid) WHERE uid IS NOT NULL;
CREATE INDEX oidc_payloads_user_code ON oidc_payloads (user_code) WHERE user_code IS NOT NULL;
CREATE INDEX oidc_payloads_expires ON oidc_payloads (expires_at);
COMMENT ON TABLE oidc_payloads IS 'Personal data: single sign-on sessions, grants and tokens of citizens (account ids, granted claims).';

-- Relying parties registered by an administrator (da06 clients add).
CREATE TABLE oidc_clients (
  client_id                 text PRIMARY KEY,
  secret_enc                text,                  -- AES-256-GCM under DA06_SECRET_KEY; NULL for public clients (PKCE only)
  name                      text NOT NULL,
  redirect_uris             text[] NOT NULL,
  post_logout_redirect_uris text[] NOT NULL DEFAULT '{}',
  scopes                    text[] NOT NULL,
  min_level                 smallint NOT NULL DEFAULT 1 CHECK (min_level IN (1, 2)),
  allow_personal_id         boolean NOT NULL DEFAULT false,
  created_at                timestamptz NOT NULL DEFAULT now()
);

-- ID token signing keys; the private half encrypted, old keys kept (retired) while their tokens may still be checked.
CREATE TABLE oidc_signing_keys (
  kid             text PRIMARY KEY,
  alg             text NOT NULL,
  public_jwk      jsonb NOT NULL,
  private_jwk_enc text NOT NULL,                   -- AES-256-GCM under DA06_SECRET_KEY
  created_at      timestamptz NOT NULL DEFAULT now(),
  retired_at      timestamptz
);

-- Sign-ins through single sign-on, per relying party and day (Asia/Ho_Chi_Minh), for statistics (model 24).
CREATE TABLE oidc_sign_ins (
  client_id text NOT NULL REFERENCES oidc_clients (client_id),
  day       date NOT NULL,
  count     integer NOT NULL DEFAULT 0,
  PRIMARY KEY (client_id, day)
);

-- The citizen's list of connected services reads grants by account.
CREATE INDEX oidc_payloads_grant_account ON oidc_payloads ((payload->>'accountId')) WHERE model = 'Grant';
