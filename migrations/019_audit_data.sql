-- The data of an audit action (issue 13): canonical JSON text checked against the action's schema, part
-- of the row's hash when present (rows written before keep their hash: an absent value is not hashed).
ALTER TABLE audit_log ADD COLUMN data text;
