-- Second review of the services module (issue 15), #7; a file of its own because 038_services_review_3.sql was
-- already merged (and may be applied): migrations are applied by file name, in order.

-- The province a refused portal dossier was filed for (its unit, when that names one of ours): an administrator sees
-- the refusals of their province, and those that name no unit of ours (dvcqg-link.ts overview; review 2 #7).
ALTER TABLE dvcqg_refusals ADD COLUMN province_code text;
CREATE INDEX dvcqg_refusals_province ON dvcqg_refusals (province_code, at DESC);
