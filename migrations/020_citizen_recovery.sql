-- Identity: citizens recover their account (a code to the registered phone, then a new password),
-- and ask online for level 2 at a commune police office of their choice.

-- A password reset between the request and the new password. Every request gets a row, whether the
-- personal ID and phone matched an account or not: the answers of both cases are the same, and a row
-- without an account (account_id and code_hash NULL) simply never accepts a code.
CREATE TABLE citizen_password_resets (
  id           text PRIMARY KEY,                   -- random, unguessable (128 bits)
  account_id   bigint REFERENCES citizen_accounts (id),
  personal_id  text NOT NULL,                      -- as typed (the password rules refuse a password containing it)
  code_hash    text,                               -- HMAC of the one-time code, only when a code was sent
  attempts     integer NOT NULL DEFAULT 0,
  expires_at   timestamptz NOT NULL,
  used_at      timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX citizen_password_resets_account ON citizen_password_resets (account_id) WHERE account_id IS NOT NULL;
CREATE INDEX citizen_password_resets_created ON citizen_password_resets (created_at);
COMMENT ON TABLE citizen_password_resets IS 'Personal data: pending password resets of e-ID accounts (personal ID).';

-- A level-1 citizen's request to be raised to level 2 at a commune police office (the chip check stays at the counter).
CREATE TABLE citizen_level2_requests (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id    bigint NOT NULL REFERENCES citizen_accounts (id),
  office_code   text NOT NULL,                     -- the chosen commune (2025 scheme): its police office
  status        text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'cancelled', 'done')),
  created_at    timestamptz NOT NULL DEFAULT now(),
  closed_at     timestamptz,
  closed_by     bigint                             -- the officer who raised the account (done)
);
-- One open request per account: a second one waits until the first is cancelled or done.
CREATE UNIQUE INDEX citizen_level2_requests_open ON citizen_level2_requests (account_id) WHERE status = 'pending';
CREATE INDEX citizen_level2_requests_office ON citizen_level2_requests (office_code, created_at) WHERE status = 'pending';
COMMENT ON TABLE citizen_level2_requests IS 'Personal data: e-ID level-2 requests (which account asked where).';
