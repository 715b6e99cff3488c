-- The linkage review queue takes items from the exchange module too (issue 17, models 33–35): a sector record an
-- agency sent whose name or birth date disagrees with the registry is held, and reviewed as a one-row run of
-- origin 'exchange' by the registry officer of the person's commune. Owned by the linkage module.
ALTER TABLE linkage_runs ADD COLUMN origin text NOT NULL DEFAULT 'list' CHECK (origin IN ('list', 'exchange'));
-- For origin 'exchange': the held record's id in the exchange module (its decision is passed back there).
ALTER TABLE linkage_runs ADD COLUMN external_ref text;
CREATE UNIQUE INDEX linkage_runs_external ON linkage_runs (origin, external_ref) WHERE external_ref IS NOT NULL;
