-- Failed comparisons of a printed card QR with the registry, per counter and personal ID (issue 12 §2).
-- The printed QR is unsigned, so anyone can make one up: without a bound, trying birth dates at one
-- ID would find the person's date of birth. A row is written before the comparison (the attempt is
-- a failure until it matches, so simultaneous tries cannot all pass the count) and deleted when the
-- card matches. Rows older than the window are of no use and are deleted from time to time.
CREATE TABLE card_qr_failures (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  relying_party_id bigint NOT NULL REFERENCES relying_parties (id),
  personal_id      text NOT NULL,
  staff_id         bigint REFERENCES officers (id),  -- NULL when the relying party's system called with its API key
  at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX card_qr_failures_counter ON card_qr_failures (relying_party_id, at);
CREATE INDEX card_qr_failures_at ON card_qr_failures (at);
COMMENT ON TABLE card_qr_failures IS 'Personal data: which personal IDs a counter tried with a card QR the registry did not confirm.';

-- The auditors' list of paused card checks reads these entries of the audit chain.
CREATE INDEX audit_log_card_qr_paused ON audit_log (seq DESC) WHERE action IN ('credential.card_qr.paused', 'credential.card_qr.counter_paused');
