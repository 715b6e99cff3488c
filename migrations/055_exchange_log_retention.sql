-- Retention of the signed exchange log (Thông tư 46/2022 Art. 8; DOMAIN §6: ≥ 24 months until the exact figure is
-- confirmed, DA06_EXCHANGE_LOG_RETENTION_MONTHS). Entries older than the retention are removed from an agency's log
-- start; the last removed entry's number and hash stay here, so the kept entries still check as a chain from it
-- (the log file's header carries them as `base`).
CREATE TABLE exchange_log_bases (
  agency_id  bigint PRIMARY KEY REFERENCES exchange_agencies (id),
  seq        bigint NOT NULL CHECK (seq > 0),
  hash       text NOT NULL,
  pruned_at  timestamptz NOT NULL DEFAULT now()
);
