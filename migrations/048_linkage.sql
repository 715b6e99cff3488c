-- Record linkage of sector lists against the registry (issue 18, models 20, 34–36). Owned by the linkage module.
-- Linkage only reads the registry: nothing here is written back to people.

-- A sector's source (a list's name within the province) and the thresholds its officer set after the preview.
CREATE TABLE linkage_sources (
  province_code    text NOT NULL,
  name             text NOT NULL,
  match_threshold  double precision NOT NULL,
  review_threshold double precision NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (province_code, name),
  CHECK (review_threshold > 0 AND review_threshold <= match_threshold AND match_threshold <= 1)
);

-- One upload of a list: who, when, which source and scheme, the thresholds it ran with, the counts.
CREATE TABLE linkage_runs (
  id               bigserial PRIMARY KEY,
  province_code    text NOT NULL,
  source           text NOT NULL,
  scheme           text NOT NULL CHECK (scheme IN ('2025', 'pre2025')),
  created_by       text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz,
  state            text NOT NULL DEFAULT 'running' CHECK (state IN ('running', 'done', 'failed')),
  match_threshold  double precision NOT NULL,
  review_threshold double precision NOT NULL,
  columns          text[] NOT NULL,
  row_count        integer NOT NULL,
  processed        integer NOT NULL DEFAULT 0,
  matched          integer NOT NULL DEFAULT 0,
  review           integer NOT NULL DEFAULT 0,
  unmatched        integer NOT NULL DEFAULT 0
);
CREATE INDEX linkage_runs_province ON linkage_runs (province_code, created_at DESC);

-- Each row's result, with the row's own fields as they came (the sector's columns returned untouched).
CREATE TABLE linkage_rows (
  run_id            bigint NOT NULL REFERENCES linkage_runs (id) ON DELETE CASCADE,
  row_no            integer NOT NULL,
  personal_id       text,
  match_probability double precision NOT NULL,
  status            text NOT NULL CHECK (status IN ('matched', 'review', 'unmatched')),
  pass              text NOT NULL CHECK (pass IN ('id', 'probabilistic', 'none')),
  reasons           text NOT NULL,        -- codes separated by ";"
  fields            jsonb NOT NULL,
  PRIMARY KEY (run_id, row_no)
);
COMMENT ON TABLE linkage_rows IS 'Personal data: a sector list''s rows and the personal IDs they were linked to.';
CREATE INDEX linkage_rows_status ON linkage_rows (run_id, status, row_no);
