-- The linkage review queue (issue 18): decisions on `review` rows by the registry officer of the candidate's
-- commune or by the citizen the row names ("Đây là tôi"). Owned by the linkage module; nothing is written to people.

-- A source whose rows a citizen may settle only with an e-ID of level 2 (health, welfare lists...).
ALTER TABLE linkage_sources ADD COLUMN sensitive boolean NOT NULL DEFAULT false;

-- One decision per row (a decided row is never decided again): who, when, what, why, and the probability the
-- row had, from which the source's thresholds are learned.
CREATE TABLE linkage_decisions (
  run_id                bigint NOT NULL,
  row_no                integer NOT NULL,
  province_code         text NOT NULL,
  source                text NOT NULL,
  decision              text NOT NULL CHECK (decision IN ('accept', 'reject', 'choose', 'citizen_confirmed', 'citizen_refused')),
  candidate_personal_id text,            -- the candidate the row was reviewed about
  personal_id           text,            -- the person the row was settled to (null: none)
  reason                text NOT NULL,
  match_probability     double precision NOT NULL,
  decided_by            text NOT NULL,   -- officer username, or 'citizen'
  citizen_person_id     bigint,          -- the citizen who settled their own row (their history)
  decided_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (run_id, row_no),
  FOREIGN KEY (run_id, row_no) REFERENCES linkage_rows (run_id, row_no) ON DELETE CASCADE
);
COMMENT ON TABLE linkage_decisions IS 'Personal data: decisions on sector list rows and the personal IDs they were settled to.';
CREATE INDEX linkage_decisions_source ON linkage_decisions (province_code, source);
CREATE INDEX linkage_decisions_citizen ON linkage_decisions (citizen_person_id) WHERE citizen_person_id IS NOT NULL;
CREATE INDEX linkage_rows_review_candidate ON linkage_rows (personal_id) WHERE status = 'review';
