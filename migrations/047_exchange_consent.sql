-- Consent the citizen holds for the data-sharing gateway (issue 17; Nghị định 13/2023 Art. 11, Luật Bảo vệ dữ liệu cá nhân 2025).
-- Owned by the exchange module.

-- The e-ID level a citizen needs to give consent for a service: level 2 where personal fields leave (sensitive).
ALTER TABLE exchange_services ADD COLUMN consent_level smallint NOT NULL DEFAULT 1 CHECK (consent_level IN (1, 2));
UPDATE exchange_services SET consent_level = 2 WHERE code = 'person.lookup';

-- The purposes of a grant whose legal basis is the citizen's consent; the others rest on the law (no consent asked).
ALTER TABLE exchange_grants ADD COLUMN consent_purposes text[] NOT NULL DEFAULT '{}';

-- Personal data: a consent asked by an agency and the citizen's answer. `personal_id` is what the agency sent (a
-- request for an ID nobody holds stays pending: the agency learns nothing); `person_id` is set when the citizen decides.
CREATE TABLE exchange_consents (
  id               bigserial PRIMARY KEY,
  agency_id        bigint NOT NULL REFERENCES exchange_agencies (id),
  service_code     text NOT NULL REFERENCES exchange_services (code),
  personal_id      text NOT NULL,
  person_id        bigint,
  purpose          text NOT NULL,
  fields_asked     text[] NOT NULL DEFAULT '{}',
  valid_until_asked date NOT NULL,
  frequency        text NOT NULL CHECK (frequency IN ('once', 'periodic')),
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused', 'revoked', 'used')),
  fields           text[] NOT NULL DEFAULT '{}',   -- the fields the citizen agreed to (a subset of those asked)
  valid_from       date,
  valid_until      date,
  decided_level    smallint,                        -- the e-ID level of the session that decided
  decided_at       timestamptz,
  revoked_at       timestamptz,
  used_at          timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (status = 'pending' OR (person_id IS NOT NULL AND decided_at IS NOT NULL)),
  CHECK (status NOT IN ('approved', 'used', 'revoked') OR (valid_from IS NOT NULL AND valid_until IS NOT NULL))
);
CREATE INDEX exchange_consents_personal_id ON exchange_consents (personal_id, id DESC);
CREATE INDEX exchange_consents_person ON exchange_consents (person_id, decided_at DESC) WHERE person_id IS NOT NULL;
CREATE INDEX exchange_consents_in_force ON exchange_consents (agency_id, service_code, personal_id) WHERE status = 'approved';

-- Each query now says on which basis it was answered (the law, or a consent) and whether it was refused for want of consent.
ALTER TABLE exchange_queries ADD COLUMN basis text NOT NULL DEFAULT 'law' CHECK (basis IN ('law', 'consent'));
ALTER TABLE exchange_queries ADD COLUMN consent_id bigint REFERENCES exchange_consents (id);
ALTER TABLE exchange_queries ADD COLUMN refused boolean NOT NULL DEFAULT false;

-- Household composition (members with their relation to the head), level 2 to consent to: it releases other people's data.
INSERT INTO exchange_services (code, kind, title, fields, params, sort_order, consent_level) VALUES
  ('household.members', 'lookup', 'Thành phần hộ gia đình của công dân (quan hệ với chủ hộ)', '{fullName,dateOfBirth,sex,deceased}', '{}', 6, 2);
