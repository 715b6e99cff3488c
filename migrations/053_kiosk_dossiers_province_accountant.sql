-- A paperless dossier a citizen submits themself at a self-service kiosk of a public-administration centre (issue 16,
-- model 2): its channel stays 'online' (the citizen's own online submission, the online fee, the portal's workflow),
-- and the kiosk it was submitted at is recorded (kiosk_devices.id; no foreign key: the kiosk module owns its devices,
-- and a stopped kiosk's dossiers keep its number). NULL: submitted anywhere else. Owned by the services module.
ALTER TABLE dossiers ADD COLUMN kiosk_device_id bigint;

-- The province accountant (src/roles.ts province_accountant): the fees of a province unit (Sở Tư pháp…) are collected
-- in the province's name, which the commune accountant's area cannot hold. The role list of officers, one role more.
ALTER TABLE officers DROP CONSTRAINT officers_role_check;
ALTER TABLE officers ADD CONSTRAINT officers_role_check
  CHECK (role IN ('commune_registry', 'province_registry', 'auditor', 'admin', 'rp_staff', 'commune_police', 'province_police', 'leader', 'working_group',
    'one_stop_officer', 'civil_status_officer', 'commune_leader', 'province_justice_officer', 'health_insurance_officer', 'labour_social_officer',
    'accountant', 'province_accountant'));
