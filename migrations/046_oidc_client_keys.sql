-- Agency systems of the data-sharing gateway (issue 17) authenticate with a signed assertion (private_key_jwt,
-- RFC 7523) instead of a secret: the client's public keys (JWKS) are registered with it. Owned by identity.
ALTER TABLE oidc_clients ADD COLUMN jwks jsonb CHECK (jwks IS NULL OR jsonb_typeof(jwks -> 'keys') = 'array');
