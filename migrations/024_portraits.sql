-- Portraits of people (registry module), as captured when a card is issued. A demo resident's row
-- says `synthetic` and holds no image: the registry draws it from the person's record when read
-- (registry/portrait.ts), so seeding stays fast and the same seed gives the same bytes.
CREATE TABLE portraits (
  person_id   bigint PRIMARY KEY REFERENCES people (id),
  source      text NOT NULL CHECK (source IN ('synthetic', 'card', 'import')),
  media_type  text CHECK (media_type IN ('image/jpeg', 'image/png')),
  image       bytea,
  captured_on date,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK ((source = 'synthetic') = (image IS NULL) AND (image IS NULL) = (media_type IS NULL))
);
COMMENT ON TABLE portraits IS 'Personal data (biometric: face image). Read only through the registry store; every read is audited (field photo).';
