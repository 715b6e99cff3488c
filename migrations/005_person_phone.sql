-- Registry: the phone number a person declared (used to match e-ID registrations and send codes).
ALTER TABLE people ADD COLUMN phone text CHECK (phone ~ '^0[0-9]{9}$');
COMMENT ON COLUMN people.phone IS 'Personal data: declared mobile number.';
