-- Batch verification of the data-sharing gateway (issue 17): an agency uploads a CSV or NDJSON file of up to
-- 1,000,000 rows, each a yes/no check of one person; da06 answers every row asynchronously. Owned by the exchange module.

-- One upload. Progress is rows_done of rows_total; a row that cannot be checked is counted in rows_error with its reason.
CREATE TABLE exchange_batches (
  id              bigserial PRIMARY KEY,
  agency_id       bigint NOT NULL REFERENCES exchange_agencies (id),
  grant_id        bigint NOT NULL REFERENCES exchange_grants (id),
  service_code    text NOT NULL REFERENCES exchange_services (code),
  purpose         text NOT NULL,
  format          text NOT NULL CHECK (format IN ('csv', 'ndjson')),
  status          text NOT NULL DEFAULT 'receiving' CHECK (status IN ('receiving', 'queued', 'running', 'done', 'failed')),
  lease_until     timestamptz,                   -- the node answering it holds it until then (renewed per chunk)
  lease_token     text,                          -- which claim holds it: a node whose lease was taken over writes nothing more
  bytes           bigint,                        -- known once the upload is whole (status past 'receiving')
  input_sha256    text,                          -- of the uploaded file, as the agency's signed log records it
  rows_total      integer,                       -- data rows of the file (header and blank lines not counted)
  rows_done       integer NOT NULL DEFAULT 0,    -- rows answered so far, in file order
  rows_yes        integer NOT NULL DEFAULT 0,
  rows_no         integer NOT NULL DEFAULT 0,
  rows_error      integer NOT NULL DEFAULT 0,
  request_id      text,                          -- the upload's request: the per-row audit entries name it
  failure         text,
  created_at      timestamptz NOT NULL DEFAULT now(),
  started_at      timestamptz,
  finished_at     timestamptz,
  CHECK (status = 'receiving' OR (bytes IS NOT NULL AND input_sha256 IS NOT NULL AND rows_total IS NOT NULL))
);
CREATE INDEX exchange_batches_agency ON exchange_batches (agency_id, id DESC);
CREATE INDEX exchange_batches_waiting ON exchange_batches (id) WHERE status IN ('receiving', 'queued', 'running');

-- The uploaded file in pieces of about 1 MiB, kept until the batch is answered, then deleted (its SHA-256 stays).
CREATE TABLE exchange_batch_input (
  batch_id  bigint NOT NULL REFERENCES exchange_batches (id) ON DELETE CASCADE,
  n         integer NOT NULL,
  data      bytea NOT NULL,
  PRIMARY KEY (batch_id, n)
);

-- Personal data: the answer to each row (the file's line number, the personal ID the agency sent, yes/no or the
-- row's error). The person found is recorded in exchange_queries for their access history, not here.
CREATE TABLE exchange_batch_rows (
  batch_id     bigint NOT NULL REFERENCES exchange_batches (id) ON DELETE CASCADE,
  line         integer NOT NULL,
  personal_id  text NOT NULL,
  answer       boolean,
  error        text,
  PRIMARY KEY (batch_id, line),
  CHECK ((answer IS NULL) <> (error IS NULL))
);
