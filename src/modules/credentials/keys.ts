import { createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { Db } from '../../platform/db.js';
import { deriveKey, generateSigningKey, open, seal } from '../../platform/crypto.js';
import { createCredentialStore } from './store.js';
import type { SigningKey } from './identity-qr.js';

/**
 * Retired keys stay published at /.well-known/jwks.json for as long as anything they signed can be
 * presented: identity QR tokens live minutes, but wallet documents up to five years (a certified
 * copy, see wallet/types.ts VALIDITY); a day of margin covers verifiers that cache the JWKS.
 */
export const CREDENTIAL_KEY_RETENTION_SECONDS = (5 * 366 + 1) * 24 * 60 * 60;

const keyOf = (master: string) => deriveKey(master, 'credential-signing-keys');

export interface CredentialKeys {
  current: SigningKey;
  /** Every published key by kid, for verification. */
  verification: Map<string, KeyObject>;
  jwks: { keys: Record<string, unknown>[] };
}

/** Adds a new current ES256 key and retires the previous one; keys past retention are dropped. */
export async function rotateCredentialKeys(db: Db, master: string): Promise<string> {
  const store = createCredentialStore(db);
  const fresh = generateSigningKey('ES256');
  await db.transaction(async (tx) => {
    await store.retireCurrentKeys(tx);
    await store.insertSigningKey({ kid: fresh.privateJwk.kid, alg: 'ES256', publicJwk: fresh.publicJwk, privateJwkEnc: seal(keyOf(master), JSON.stringify(fresh.privateJwk)) }, tx);
    await store.deleteKeysRetiredBefore(CREDENTIAL_KEY_RETENTION_SECONDS, tx);
  });
  return fresh.privateJwk.kid;
}

/** The live keys; creates the first one on a new database. */
export async function loadCredentialKeys(db: Db, master: string): Promise<CredentialKeys> {
  const store = createCredentialStore(db);
  let rows = await store.liveSigningKeys(CREDENTIAL_KEY_RETENTION_SECONDS);
  if (!rows.some((r) => r.retired_at === null)) {
    await rotateCredentialKeys(db, master);
    rows = await store.liveSigningKeys(CREDENTIAL_KEY_RETENTION_SECONDS);
  }
  const currentRow = rows.find((r) => r.retired_at === null)!;
  const privateJwk = JSON.parse(open(keyOf(master), currentRow.private_jwk_enc)) as JsonWebKey;
  return {
    current: { kid: currentRow.kid, privateKey: createPrivateKey({ key: privateJwk, format: 'jwk' }) },
    verification: new Map(rows.map((r) => [r.kid, createPublicKey({ key: r.public_jwk as JsonWebKey, format: 'jwk' })])),
    jwks: { keys: rows.map((r) => r.public_jwk) },
  };
}
