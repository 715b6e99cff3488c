-- Single sign-on clients belong to a province, as relying parties do: an administrator lists and
-- registers only the clients of the province they administer. NULL: registered before clients had a
-- province (or by the operator's CLI without --province); only the CLI lists those.
ALTER TABLE oidc_clients ADD COLUMN province_code text CHECK (province_code ~ '^\d{2}$');
CREATE INDEX oidc_clients_province ON oidc_clients (province_code);
