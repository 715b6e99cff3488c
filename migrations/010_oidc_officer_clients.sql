-- Identity: relying parties for officers. A client serves either citizens (e-ID session, registry claims)
-- or officers (da06 officer session, `officer` scope claims); one kind of session never satisfies the other.
ALTER TABLE oidc_clients
  ADD COLUMN audience text NOT NULL DEFAULT 'citizen' CHECK (audience IN ('citizen', 'officer'));
