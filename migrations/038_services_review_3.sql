-- Second review of the services module (issue 15).

-- A confirmation is bound to what it confirmed (confirmation-service.ts confirmedContentHash): the SHA-256 of the
-- confirmed parts of the form (a marriage's two parties; a birth's child, mother and father) as they stood when the
-- invitee confirmed. A later change of those parts by the applicant makes it count for nothing: submission asks
-- for a new one. NULL while pending or declined; a confirmation of before this column counts for nothing either.
ALTER TABLE dossier_confirmations ADD COLUMN content_sha256 text CHECK (content_sha256 ~ '^[0-9a-f]{64}$');

-- A refused portal dossier is recorded (and told to the portal) once per way and code: a page pulled again refuses
-- it again without a second row (dvcqg-link.ts refuse). Earlier duplicates go first.
DELETE FROM dvcqg_refusals a USING dvcqg_refusals b
 WHERE a.id > b.id AND a.portal_code = b.portal_code AND a.via = b.via AND a.problem->>'code' = b.problem->>'code';
CREATE UNIQUE INDEX dvcqg_refusals_once ON dvcqg_refusals (portal_code, via, (problem->>'code')) WHERE portal_code IS NOT NULL;
