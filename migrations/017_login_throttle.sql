-- Sign-in back-off per account name (officer username or citizen personal ID), kept by the name's
-- HMAC whether or not an account has it: an unknown name is throttled exactly like a known one, so
-- neither the answer nor its timing says which names exist. Replaces the accounts' own lock columns.
CREATE TABLE login_throttle (
  key_hash         text PRIMARY KEY,        -- HMAC-SHA256 of "officer:<username>" or "citizen:<personal ID>"
  attempts         integer NOT NULL,        -- sign-in attempts since the last success, within the window
  last_attempt_at  timestamptz NOT NULL,
  blocked_until    timestamptz              -- no attempt is checked before this instant
);
CREATE INDEX login_throttle_last_attempt ON login_throttle (last_attempt_at);

ALTER TABLE officers DROP COLUMN failed_logins, DROP COLUMN locked_until;
ALTER TABLE citizen_accounts DROP COLUMN failed_logins, DROP COLUMN locked_until;
