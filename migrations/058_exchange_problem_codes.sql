-- The gateway's refusals by problem code, and the agency's own calls (issue 17). Owned by the exchange module.

-- Beside each entry of the signed log: the problem code of a refused answer (null when answered, and for entries
-- written before this migration), the data service and the catalogued purpose the call named (null when it named
-- none or a purpose outside the catalogue: the agency's free text is not kept). Not part of the entry's signed form
-- (its status is): they serve the counts by code and the agency's list of its calls, not the proof.
ALTER TABLE exchange_log ADD COLUMN problem text;
ALTER TABLE exchange_log ADD COLUMN service_code text;
ALTER TABLE exchange_log ADD COLUMN purpose text;

-- The usage per day reads the refused answers and the consent refusals of a span of days: by time, not by a scan.
CREATE INDEX exchange_log_refused_at ON exchange_log (at) WHERE status >= 400;
CREATE INDEX exchange_queries_refused_at ON exchange_queries (at) WHERE refused;
CREATE INDEX exchange_usage_day ON exchange_usage (day);
