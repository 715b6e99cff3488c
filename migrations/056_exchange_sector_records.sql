-- Sector data flowing back (issue 17, models 33–35): agencies with a write grant attach sector records to a person
-- (health book, labour book, land rights, civil-status events recorded elsewhere). Owned by the exchange module.
-- Nothing here is ever written to the registry: a record whose identity disagrees with it is held for review.

-- Write services: `fields` lists the record's own fields (its schema: exchange/sector-schema.ts).
ALTER TABLE exchange_services DROP CONSTRAINT exchange_services_kind_check;
ALTER TABLE exchange_services ADD CONSTRAINT exchange_services_kind_check CHECK (kind IN ('lookup', 'check', 'write'));
INSERT INTO exchange_services (code, kind, title, fields, params, sort_order) VALUES
  ('sector.health_book', 'write', 'Ghi sổ sức khỏe điện tử (tiêm chủng, tóm tắt khám sức khỏe) vào hồ sơ công dân',
    '{entryType,vaccine,doseNumber,conclusion,healthClass,facilityName}', '{fullName,dateOfBirth}', 7),
  ('sector.labour_book', 'write', 'Ghi sổ lao động, mã số bảo hiểm xã hội vào hồ sơ công dân',
    '{socialInsuranceNumber,employerName,position,fromDate,toDate}', '{fullName,dateOfBirth}', 8),
  ('sector.land_rights', 'write', 'Ghi quyền sử dụng đất, quyền sở hữu nhà ở vào hồ sơ công dân',
    '{certificateNumber,parcelNumber,mapSheetNumber,areaM2,landUse,address,ownership}', '{fullName,dateOfBirth}', 9),
  ('sector.civil_status_event', 'write', 'Ghi sự kiện hộ tịch đăng ký tại nơi khác vào hồ sơ công dân',
    '{eventType,registrationNumber,authority}', '{fullName,dateOfBirth}', 10);

-- Personal data: a sector record an agency attached to a person, with the identity it sent and where it stands.
-- `held`: its name or birth date disagreed with the registry, or its personal ID is unknown: a registry officer
-- decides it in the linkage review queue; `attached`: the citizen and officers see it; `rejected`: never shown.
CREATE TABLE exchange_sector_records (
  id              bigserial PRIMARY KEY,
  agency_id       bigint NOT NULL REFERENCES exchange_agencies (id),
  grant_id        bigint NOT NULL REFERENCES exchange_grants (id),
  service_code    text NOT NULL REFERENCES exchange_services (code),
  reference       text NOT NULL,            -- the agency's own record reference: the same reference is the same record
  personal_id     text NOT NULL,
  full_name       text NOT NULL,            -- as the agency sent it
  date_of_birth   date NOT NULL,            -- as the agency sent it
  payload         jsonb NOT NULL,
  request_sha256  text NOT NULL,            -- of what the agency sent: a resend must be the same record
  legal_basis     text NOT NULL,            -- the agency's legal basis when it sent the record
  record_date     date NOT NULL,
  received_at     timestamptz NOT NULL DEFAULT now(),
  status          text NOT NULL CHECK (status IN ('attached', 'held', 'rejected')),
  decided_at      timestamptz,
  UNIQUE (agency_id, reference)
);
COMMENT ON TABLE exchange_sector_records IS 'Personal data: sector records (health, labour, land, civil status) agencies attached to people.';
CREATE INDEX exchange_sector_records_person ON exchange_sector_records (personal_id, status, record_date DESC);
