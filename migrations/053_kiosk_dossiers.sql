-- A paperless dossier a citizen submits themself at a self-service kiosk of a public-administration centre (issue 16,
-- model 2): its channel stays 'online' (the citizen's own online submission, the online fee, the portal's workflow),
-- and the kiosk it was submitted at is recorded (kiosk_devices.id; no foreign key: the kiosk module owns its devices,
-- and a stopped kiosk's dossiers keep its number). NULL: submitted anywhere else. Owned by the services module.
ALTER TABLE dossiers ADD COLUMN kiosk_device_id bigint;
