-- Certified electronic copies (issue 16, model 4 of the province's plan; DOMAIN-SERVICES.md §5): the commune's
-- sổ chứng thực bản sao từ bản chính, numbered without gaps per unit per calendar year (Asia/Ho_Chi_Minh).

-- The last number taken in a unit's register of a year. The row is taken in the transaction that issues the
-- copy and released at its commit: a copy that fails to issue rolls its number back (no gap, no duplicate).
CREATE TABLE certified_copy_sequences (
  unit_code    text NOT NULL,
  year         smallint NOT NULL,
  last_number  integer NOT NULL,
  PRIMARY KEY (unit_code, year)
);

-- One certification: who asked, what was certified, the officer who compared the copy with the original and
-- signed, the fee, the signed PDF (kept by the documents module, signed_documents.id) and the dossier it
-- answers when the request came online.
CREATE TABLE certified_copies (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_code              text NOT NULL,
  province_code          text NOT NULL,
  year                   smallint NOT NULL,
  number                 integer NOT NULL CHECK (number >= 1),
  register_number        text NOT NULL,                 -- '15/2025/SCT/BS' as printed in the lời chứng
  issued_at              timestamptz NOT NULL,
  requester_personal_id  text NOT NULL,
  requester_name         text NOT NULL,
  requester_name_folded  text NOT NULL,                 -- lower case, without diacritics: the register's name search
  document_name          text NOT NULL,
  pages                  integer NOT NULL CHECK (pages >= 1),
  copies                 integer NOT NULL CHECK (copies >= 1),
  fee_per_copy           integer NOT NULL CHECK (fee_per_copy >= 0),
  fee_total              integer NOT NULL CHECK (fee_total >= 0),
  dossier_id             bigint,
  dossier_code           text,
  signed_document_id     uuid NOT NULL,
  certifier_officer_id   bigint NOT NULL,
  certifier_name         text NOT NULL,
  scan_sha256            text[] NOT NULL,
  idempotency_key        text NOT NULL,
  UNIQUE (unit_code, year, number),
  UNIQUE (certifier_officer_id, idempotency_key)
);
COMMENT ON TABLE certified_copies IS 'Personal data: the commune''s register of certified copies (requester''s personal ID and name, the document certified).';
CREATE INDEX certified_copies_unit_issued ON certified_copies (unit_code, issued_at DESC);
CREATE INDEX certified_copies_dossier ON certified_copies (dossier_id) WHERE dossier_id IS NOT NULL;
