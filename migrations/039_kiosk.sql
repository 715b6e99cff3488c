-- Self-service kiosks of the public-administration centres (issue 16, model 2). Owned by the kiosk module.

-- A kiosk device registered by an administrator. Its key is shown once; only its HMAC is kept (as relying parties' API keys).
CREATE TABLE kiosk_devices (
  id                bigserial PRIMARY KEY,
  name              text NOT NULL,
  unit_code         text NOT NULL,            -- the centre's unit (2025 scheme): its queue numbers are counted per unit and day
  province_code     text NOT NULL,
  relying_party_id  bigint NOT NULL REFERENCES relying_parties (id), -- identity QRs scanned here are verified as this counter's (credentials)
  key_hash          text NOT NULL UNIQUE,
  active            boolean NOT NULL DEFAULT true,
  created_at        timestamptz NOT NULL DEFAULT now(),
  disabled_at       timestamptz
);
CREATE INDEX kiosk_devices_province ON kiosk_devices (province_code, id);

-- The last queue number given at a centre on a day (Asia/Ho_Chi_Minh): the upsert locks the day's row, so numbers are gapless.
CREATE TABLE kiosk_queue_days (
  unit_code    text NOT NULL,
  day          date NOT NULL,
  last_number  integer NOT NULL,
  PRIMARY KEY (unit_code, day)
);

-- Every number taken (no personal data: the ticket names nobody).
CREATE TABLE kiosk_queue_tickets (
  unit_code  text NOT NULL,
  day        date NOT NULL,
  number     integer NOT NULL,
  device_id  bigint NOT NULL REFERENCES kiosk_devices (id),
  taken_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, day, number)
);

-- Personal data: a citizen signed in at a kiosk (personal ID, name), for a few minutes at most; the token is kept as its HMAC.
CREATE TABLE kiosk_sessions (
  token_hash    text PRIMARY KEY,
  device_id     bigint NOT NULL REFERENCES kiosk_devices (id),
  personal_id   text NOT NULL,
  full_name     text,
  started_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  ended_at      timestamptz
);
CREATE INDEX kiosk_sessions_device ON kiosk_sessions (device_id) WHERE ended_at IS NULL;
COMMENT ON TABLE kiosk_sessions IS 'Personal data: citizens signed in at a kiosk (personal ID, name); ended on idle or by the citizen.';
