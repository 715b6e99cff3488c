import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../../../platform/db.js';
import { createOidcProvider, officerAccountId, type OidcDeps } from './provider.js';
import { createInteractionService } from './interactions.js';
import { oidcRoutes } from './routes.js';
import { createOidcStore } from './store.js';
import { SCOPES } from './policy.js';

/** The OpenID Connect provider, its interaction API and the client service, ready to mount at /oidc. */
export async function createOidc(deps: OidcDeps) {
  const { provider, clients, stop } = await createOidcProvider(deps);
  const interactions = createInteractionService(provider, deps);
  const store = createOidcStore(deps.db);
  /** For the citizen's page: the services they connected, and revoking one (grant and tokens). */
  const connectedServices = {
    async list(accountId: number) {
      return (await store.grantsOfAccount(String(accountId))).map((g) => ({
        id: g.client_id,
        name: g.name,
        scopes: [...new Set((g.scopes ?? '').split(' '))].filter((s) => (SCOPES as string[]).includes(s) && s !== 'openid'),
        connectedAt: new Date(Number(g.connected_at) * 1000).toISOString(),
        lastUsedAt: g.last_used_at === null ? null : new Date(Number(g.last_used_at) * 1000).toISOString(),
      }));
    },
    revoke: (accountId: number, serviceId: string) => store.revokeGrantsOf(String(accountId), serviceId),
    revokeAll: (accountId: number) => store.revokeAllOf(String(accountId)),
  };
  /** Ends an officer's single sign-on everywhere (their password reset, changed or account disabled). */
  const endOfficerSso = (officerId: number) => store.revokeAllOf(officerAccountId(officerId));
  /**
   * For the exchange gateway: the confidential clients an agency's system authenticates as (client credentials),
   * and the access tokens they hold. A token is its client's only while unexpired and the client still exists.
   */
  const clientTokens = {
    async confidentialClient(clientId: string): Promise<{ clientId: string; name: string } | undefined> {
      const row = await store.findClient(clientId);
      if (!row || (row.secret_enc === null && !row.jwks) || row.audience === 'officer') return undefined;
      return { clientId: row.client_id, name: row.name };
    },
    /**
     * Registers, in the caller's transaction (whose audit entry covers it), an agency system that authenticates with
     * a signed assertion under its public keys (private_key_jwt) and holds DPoP-bound client-credentials tokens only.
     */
    async insertKeyClient(q: Queryable, input: { name: string; jwks: { keys: Record<string, unknown>[] }; provinceCode: string }): Promise<string> {
      const clientId = `da06-${randomBytes(9).toString('base64url')}`;
      await createOidcStore(q).insertClient({
        client_id: clientId, secret_enc: null, name: input.name, redirect_uris: [], post_logout_redirect_uris: [], scopes: [], min_level: 1,
        allow_personal_id: false, audience: 'citizen', province_code: input.provinceCode, jwks: input.jwks,
      });
      return clientId;
    },
    /** The public keys of a client authenticating with them (private_key_jwt), or undefined. */
    async clientJwks(clientId: string, q?: Queryable): Promise<{ keys: Record<string, unknown>[] } | undefined> {
      return (await (q ? createOidcStore(q) : store).findClient(clientId))?.jwks ?? undefined;
    },
    /**
     * Replaces, in the caller's transaction (whose audit entry covers it), the public keys of such a client: a key
     * added is accepted, a key removed refused, once the provider reads the client again (its cache: a few seconds).
     */
    setClientJwks: (q: Queryable, clientId: string, jwks: { keys: Record<string, unknown>[] }) => createOidcStore(q).setClientJwks(clientId, jwks),
    /** The client an access token (client credentials) was issued to, whether it has expired, and the DPoP key it is bound to (RFC 9449 `jkt`). */
    async clientOfToken(token: string): Promise<{ clientId: string; expired: boolean; jkt?: string } | undefined> {
      if (!/^[\x21-\x7e]{16,512}$/.test(token)) return undefined;
      const found = await provider.ClientCredentials.find(token, { ignoreExpiration: true }).catch(() => undefined);
      if (!found || !found.clientId) return undefined;
      // The provider's own client lookup, whose registrations are kept a few seconds (adapter.ts): clients are only ever added.
      if (!(await provider.Client.find(found.clientId))) return undefined;
      return { clientId: found.clientId, expired: found.isExpired, ...(found.jkt ? { jkt: found.jkt } : {}) };
    },
    /** True the first time a proof id (DPoP `jti`) of a client is seen until `expiresAt` (seconds since epoch), false after: replay detection shared by all instances. */
    async uniqueProof(clientId: string, jti: string, expiresAt: number): Promise<boolean> {
      // The provider's own replay store (model ReplayDetection, id as it computes it), but claimed atomically: two
      // requests carrying the same proof at once cannot both pass (ReplayDetection.unique reads, then writes).
      const id = createHash('sha256').update(`${clientId}${jti}`).digest('base64url');
      const now = Math.floor(Date.now() / 1000);
      return store.insertOnce('ReplayDetection', id, { jti: id, iss: clientId, kind: 'ReplayDetection', iat: now, exp: expiresAt }, new Date(expiresAt * 1000));
    },
  };
  return { provider, clients, interactions, connectedServices, endOfficerSso, clientTokens, stop, routes: oidcRoutes(interactions, clients, (caller) => deps.registry.provinceOf(caller.area)) };
}

export type Oidc = Awaited<ReturnType<typeof createOidc>>;
export { createClientService, type ClientInput } from './clients.js';
export { rotateSigningKeys, KEY_RETENTION_SECONDS } from './keys.js';
export { ACR, SCOPE_CLAIMS, ASSIGNABLE_SCOPES } from './policy.js';
