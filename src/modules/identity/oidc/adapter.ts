import type { Adapter, AdapterConstructor, AdapterPayload } from 'oidc-provider';
import type { OidcStore, ClientRow } from './store.js';
import { ACR, OFFICER_ACR, OFFICER_SCOPE } from './policy.js';
import { createBatcher } from '../../../platform/batch.js';

/** Ids oidc-provider or a client hands us: printable ASCII, bounded. Anything else is simply not found. */
const SANE_ID = /^[\x21-\x7e]{1,512}$/;
const CLIENT_CACHE_MS = 5_000;

/** What oidc-provider reads as a client's registration, from a row of oidc_clients. */
export function clientMetadata(row: ClientRow, secret: string | undefined): AdapterPayload {
  const isPublic = row.secret_enc === null;
  const officer = row.audience === 'officer';
  // An officer client gets the officer scope only; a citizen client never gets it.
  const scopes = officer
    ? ['openid', 'offline_access', OFFICER_SCOPE]
    : ['openid', 'offline_access', ...row.scopes.filter((s) => s !== OFFICER_SCOPE), ...(row.allow_personal_id ? ['personal_id'] : [])];
  return {
    client_id: row.client_id,
    ...(isPublic ? {} : { client_secret: secret }),
    client_name: row.name,
    application_type: 'web',
    redirect_uris: row.redirect_uris,
    post_logout_redirect_uris: row.post_logout_redirect_uris,
    response_types: ['code'],
    grant_types: isPublic ? ['authorization_code', 'refresh_token'] : ['authorization_code', 'refresh_token', 'client_credentials'],
    token_endpoint_auth_method: isPublic ? 'none' : 'client_secret_basic',
    scope: [...new Set(scopes)].join(' '),
    subject_type: 'pairwise',
    id_token_signed_response_alg: 'ES256',
    default_acr_values: officer ? [OFFICER_ACR] : [ACR[Number(row.min_level) === 2 ? 2 : 1]],
    da06_min_level: Number(row.min_level),
    da06_allow_personal_id: !officer && row.allow_personal_id,
    da06_audience: officer ? 'officer' : 'citizen',
  } as AdapterPayload;
}

/**
 * oidc-provider's storage on the application database (one table, a row per artefact with its
 * expiry). Clients come from oidc_clients, registered by an administrator; none are created here.
 */
export function databaseAdapter(store: OidcStore, clientSecret: (row: ClientRow) => string | undefined): AdapterConstructor {
  // Every token request reads its client: keep registrations for a few seconds (clients are only ever added).
  const clients = new Map<string, { metadata: AdapterPayload | undefined; until: number }>();
  async function findClient(id: string) {
    const hit = clients.get(id);
    if (hit && hit.until > Date.now()) return hit.metadata;
    const row = await store.findClient(id);
    const metadata = row ? clientMetadata(row, clientSecret(row)) : undefined;
    clients.set(id, { metadata, until: Date.now() + CLIENT_CACHE_MS });
    if (clients.size > 1000) clients.delete(clients.keys().next().value as string);
    return metadata;
  }
  // Token requests arrive together under load: their reads and writes of artefacts in the same turn of
  // the event loop leave as one statement each (platform/batch.ts) instead of one round trip apiece.
  const finds = createBatcher((keys: { model: string; key: string }[]) => store.findPayloadsBy('id', keys));
  const findsByUid = createBatcher((keys: { model: string; key: string }[]) => store.findPayloadsBy('uid', keys));
  const upserts = createBatcher(async (rows: { model: string; id: string; payload: Record<string, unknown>; expiresIn: number | undefined }[]) => {
    await store.upsertPayloads(rows);
    return rows.map(() => undefined);
  });
  const consumes = createBatcher(async (keys: { model: string; id: string }[]) => {
    await store.consumePayloads(keys);
    return keys.map(() => undefined);
  });
  return class DatabaseAdapter implements Adapter {
    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
      if (this.model === 'Client') throw new Error('clients are registered with `da06 clients add`');
      await upserts.load({ model: this.model, id, payload: payload as Record<string, unknown>, expiresIn });
    }

    async find(id: string) {
      if (!SANE_ID.test(id)) return undefined;
      if (this.model === 'Client') return findClient(id);
      return finds.load({ model: this.model, key: id });
    }

    async findByUid(uid: string) {
      return SANE_ID.test(uid) ? findsByUid.load({ model: this.model, key: uid }) : undefined;
    }

    async findByUserCode(userCode: string) {
      return SANE_ID.test(userCode) ? store.findPayload(this.model, 'user_code', userCode) : undefined;
    }

    async consume(id: string) {
      await consumes.load({ model: this.model, id });
    }

    async destroy(id: string) {
      await store.destroyPayload(this.model, id);
    }

    async revokeByGrantId(grantId: string) {
      await store.revokeByGrantId(grantId);
    }
  };
}
