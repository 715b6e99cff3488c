import type { Db } from '../../../platform/db.js';
import { deriveKey, generateSigningKey, open, seal, type PrivateJwk } from '../../../platform/crypto.js';
import { createOidcStore } from './store.js';
import { TTL } from './policy.js';

/**
 * Retired keys stay published (and usable for verification of id_token_hint) for the longest
 * lifetime of anything they signed, the ID token, plus a day of margin for clock skew and caches.
 * Held by oidc.test.ts 'keys rotate keeps the old public key in the JWKS'.
 */
export const KEY_RETENTION_SECONDS = TTL.IdToken + 24 * 60 * 60;
const ALGS = ['ES256', 'RS256'] as const;

const keyOf = (master: string) => deriveKey(master, 'oidc-signing-keys');

/** Adds a new current ES256 and RS256 key, retires the previous ones and drops keys past retention. */
export async function rotateSigningKeys(db: Db, master: string): Promise<string[]> {
  const store = createOidcStore(db);
  const key = keyOf(master);
  const fresh = ALGS.map((alg) => generateSigningKey(alg));
  await db.transaction(async (tx) => {
    await store.retireCurrentKeys(tx);
    for (const k of fresh) {
      await store.insertSigningKey({ kid: k.privateJwk.kid, alg: k.privateJwk.alg, publicJwk: k.publicJwk, privateJwkEnc: seal(key, JSON.stringify(k.privateJwk)) }, tx);
    }
    await store.deleteKeysRetiredBefore(KEY_RETENTION_SECONDS, tx);
  });
  return fresh.map((k) => k.privateJwk.kid);
}

/**
 * The private JWKs the provider signs with and publishes (public halves) at /oidc/jwks: current keys first,
 * so oidc-provider picks them for signing. Creates the first keys on a new database.
 */
export async function loadSigningKeys(db: Db, master: string): Promise<PrivateJwk[]> {
  const store = createOidcStore(db);
  let rows = await store.liveSigningKeys(KEY_RETENTION_SECONDS);
  if (!rows.some((r) => r.retired_at === null)) {
    await rotateSigningKeys(db, master);
    rows = await store.liveSigningKeys(KEY_RETENTION_SECONDS);
  }
  const key = keyOf(master);
  return rows.map((r) => JSON.parse(open(key, r.private_jwk_enc)) as PrivateJwk);
}
