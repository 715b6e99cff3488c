-- The review queue shows several candidates side by side (issue 18): a review row of the probabilistic pass keeps
-- the next candidates after its own, best first (at most two), each {"personalId", "matchProbability"}, among whom
-- the officer may choose another. Owned by the linkage module. Null: the row has no further candidate.
ALTER TABLE linkage_rows ADD COLUMN other_candidates jsonb;
