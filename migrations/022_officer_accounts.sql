-- Officer accounts run from the administration UI (issue 14): an administrator disables and re-enables
-- accounts of their province, and gives a one-time password (at creation or reset) that the account must
-- replace at its first sign-in. A disabled account signs in nowhere and its sessions are ended.
ALTER TABLE officers ADD COLUMN disabled_at timestamptz;
ALTER TABLE officers ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
ALTER TABLE officers ADD COLUMN password_changed_at timestamptz;

-- The administration page lists the recent account actions of a province from the audit chain: a partial
-- index keeps that read short however long the chain grows (identity store.ts `accountActivity`).
CREATE INDEX audit_log_officer_accounts ON audit_log (seq DESC)
  WHERE action IN ('officer.account.create', 'officer.account.disable', 'officer.account.enable', 'officer.account.password-reset',
                   'officer.password.change', 'lodging.facility.staff-added');
