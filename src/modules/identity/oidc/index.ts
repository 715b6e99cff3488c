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
      if (!row || row.secret_enc === null || row.audience === 'officer') return undefined;
      return { clientId: row.client_id, name: row.name };
    },
    async clientOfToken(token: string): Promise<string | undefined> {
      if (!/^[\x21-\x7e]{16,512}$/.test(token)) return undefined;
      const found = await provider.ClientCredentials.find(token).catch(() => undefined);
      if (!found || found.isExpired || !found.clientId) return undefined;
      return (await store.findClient(found.clientId)) ? found.clientId : undefined;
    },
  };
  return { provider, clients, interactions, connectedServices, endOfficerSso, clientTokens, stop, routes: oidcRoutes(interactions, clients, (caller) => deps.registry.provinceOf(caller.area)) };
}

export type Oidc = Awaited<ReturnType<typeof createOidc>>;
export { createClientService, type ClientInput } from './clients.js';
export { rotateSigningKeys, KEY_RETENTION_SECONDS } from './keys.js';
export { ACR, SCOPE_CLAIMS, ASSIGNABLE_SCOPES } from './policy.js';
