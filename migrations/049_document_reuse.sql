-- One-tap reuse of the citizen's stored documents (issue 16, DOMAIN-SERVICES.md §1.8 "never asked twice"): a paper of
-- a dossier attached from the citizen's document store instead of a new upload names where it came from —
-- 'dossier_document:<id>' (a paper the citizen uploaded once for an earlier dossier) or 'signed_document:<uuid>'
-- (a result da06 issued to them). The bytes are the source's bytes (same SHA-256), copied so that every reader of
-- dossier_documents (the desk, exports, retention) keeps working unchanged. Owned by the services module.
ALTER TABLE dossier_documents ADD COLUMN reused_from text;
