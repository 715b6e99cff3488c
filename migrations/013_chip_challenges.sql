-- Active authentication of chip cards: the challenge the chip signs is issued by da06 and used once,
-- so a signature recorded from another reading cannot be replayed.
CREATE TABLE chip_challenges (
  challenge        text PRIMARY KEY,                  -- base64 of 8 random bytes (RND.IFD)
  relying_party_id bigint NOT NULL REFERENCES relying_parties (id),
  expires_at       timestamptz NOT NULL,
  used_at          timestamptz
);
CREATE INDEX chip_challenges_expires ON chip_challenges (expires_at);

-- The reason shown to people, with its values filled in ("… khác Cơ sở dữ liệu dân cư: Ngày sinh."),
-- kept beside its stable code.
ALTER TABLE verifications ADD COLUMN reason_text text;
