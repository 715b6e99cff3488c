-- Platform kernel: the append-only, hash-chained audit log.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE audit_log (
  seq          bigint PRIMARY KEY,
  at           timestamptz NOT NULL,
  actor_kind   text NOT NULL,            -- officer | citizen | system | cli
  actor_id     text NOT NULL,
  actor_name   text,                     -- display name at the time of the act
  action       text NOT NULL,            -- person.read, person.create, officer.login, ...
  subject_kind text,
  subject_id   text,
  fields       text[] NOT NULL DEFAULT '{}',
  purpose      text,
  request_id   text,
  prev_hash    text NOT NULL,
  hash         text NOT NULL
);
COMMENT ON TABLE audit_log IS 'Personal data: who read or changed whose record. Append-only; rows are chained by hash.';
CREATE INDEX audit_log_subject ON audit_log (subject_kind, subject_id, seq DESC);

-- Append-only: the application may insert, never update or delete (audit verify proves the rest).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
