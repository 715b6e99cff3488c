-- The provincial data-sharing gateway (issue 17, model 25, LGSP). Owned by the exchange module.

-- The data services agencies may be granted, as data: a lookup returns fields, a check answers yes or no only.
CREATE TABLE exchange_services (
  code         text PRIMARY KEY,
  kind         text NOT NULL CHECK (kind IN ('lookup', 'check')),
  title        text NOT NULL,
  fields       text[] NOT NULL DEFAULT '{}',   -- for a lookup, the fields a grant may release
  params       text[] NOT NULL DEFAULT '{}',   -- for a check, what the agency must send beside the personal ID
  sort_order   integer NOT NULL
);
INSERT INTO exchange_services (code, kind, title, fields, params, sort_order) VALUES
  ('person.lookup', 'lookup', 'Tra cứu thông tin công dân theo số định danh cá nhân',
    '{fullName,dateOfBirth,sex,nationality,ethnicity,deceased,permanentAddress,communeCode,communeName,provinceName}', '{}', 1),
  ('person.is_alive', 'check', 'Xác nhận công dân còn sống', '{}', '{}', 2),
  ('person.lives_in_commune', 'check', 'Xác nhận công dân thường trú tại xã', '{}', '{communeCode}', 3),
  ('person.is_over_18', 'check', 'Xác nhận công dân đủ 18 tuổi', '{}', '{}', 4),
  ('person.matches', 'check', 'Xác nhận họ tên và ngày sinh khớp với số định danh', '{}', '{fullName,dateOfBirth}', 5);

-- An agency's system (sở, ngành, ngân hàng, bệnh viện) registered by an administrator of the province, with its legal basis.
-- It authenticates as a confidential OIDC client of da06's provider (client credentials): `client_id` links it.
CREATE TABLE exchange_agencies (
  id             bigserial PRIMARY KEY,
  name           text NOT NULL,
  legal_basis    text NOT NULL,
  client_id      text NOT NULL UNIQUE,
  province_code  text NOT NULL,
  active         boolean NOT NULL DEFAULT true,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX exchange_agencies_province ON exchange_agencies (province_code, id);

-- A grant: agency × service × purposes × fields × daily quota × validity; in force once the data owner approves it.
CREATE TABLE exchange_grants (
  id             bigserial PRIMARY KEY,
  agency_id      bigint NOT NULL REFERENCES exchange_agencies (id),
  service_code   text NOT NULL REFERENCES exchange_services (code),
  purposes       text[] NOT NULL CHECK (cardinality(purposes) > 0),
  fields         text[] NOT NULL DEFAULT '{}',
  daily_quota    integer NOT NULL CHECK (daily_quota > 0),
  valid_from     date NOT NULL,
  valid_until    date NOT NULL CHECK (valid_until >= valid_from),
  status         text NOT NULL DEFAULT 'requested' CHECK (status IN ('requested', 'approved')),
  requested_by   bigint NOT NULL,
  approved_by    bigint,
  approved_at    timestamptz,
  created_at     timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'requested' OR (approved_by IS NOT NULL AND approved_at IS NOT NULL))
);
CREATE INDEX exchange_grants_agency ON exchange_grants (agency_id, service_code);

-- Calls counted per grant and day (Asia/Ho_Chi_Minh), for the daily quota.
CREATE TABLE exchange_usage (
  grant_id  bigint NOT NULL REFERENCES exchange_grants (id),
  day       date NOT NULL,
  calls     integer NOT NULL,
  PRIMARY KEY (grant_id, day)
);

-- Personal data: each query of a person by an agency (who, whose, which service, fields, purpose), for the citizen's access history.
CREATE TABLE exchange_queries (
  id            bigserial PRIMARY KEY,
  at            timestamptz NOT NULL DEFAULT now(),
  agency_id     bigint NOT NULL REFERENCES exchange_agencies (id),
  grant_id      bigint NOT NULL REFERENCES exchange_grants (id),
  service_code  text NOT NULL,
  person_id     bigint NOT NULL,
  fields        text[] NOT NULL,
  purpose       text NOT NULL
);
CREATE INDEX exchange_queries_person ON exchange_queries (person_id, at DESC);

-- The signed exchange log (Thông tư 46/2022 Art. 8): each call of an agency with the SHA-256 of its request and
-- response bodies (never the bodies), chained per agency (prev_hash) and signed by da06 (JWS, ES256, the credential
-- keys of /.well-known/jwks.json). No personal data: hashes, path and status only. Rows are never updated.
CREATE TABLE exchange_log (
  agency_id        bigint NOT NULL REFERENCES exchange_agencies (id),
  seq              bigint NOT NULL,            -- 1, 2, ... per agency
  at               timestamptz NOT NULL,
  method           text NOT NULL,
  path             text NOT NULL,
  status           integer NOT NULL,
  request_sha256   text NOT NULL,
  response_sha256  text NOT NULL,
  prev_hash        text NOT NULL,
  hash             text NOT NULL,
  jws              text NOT NULL,
  PRIMARY KEY (agency_id, seq)
);
