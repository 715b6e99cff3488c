-- people_name_prefix (text_pattern_ops) served only `name_norm LIKE 'x%'`; the application's name
-- search is `name_norm LIKE '%x%'`, which uses people_name_trgm (the trigram index also answers
-- prefix patterns). Checked with EXPLAIN on searchPeople's query: the prefix index was never
-- chosen; dropping it saves one btree per imported person.
DROP INDEX IF EXISTS people_name_prefix;
