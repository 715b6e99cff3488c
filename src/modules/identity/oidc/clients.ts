import { randomBytes } from 'node:crypto';
import type { Db } from '../../../platform/db.js';
import { DomainError } from '../../../platform/errors.js';
import { deriveKey, open, seal } from '../../../platform/crypto.js';
import { createOidcStore, type ClientRow } from './store.js';
import { ASSIGNABLE_SCOPES, OFFICER_SCOPE, type Audience } from './policy.js';
import { message } from '../../../platform/messages.js';

export interface ClientInput {
  name: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
  scopes: string[];
  minLevel: 1 | 2;
  allowPersonalId?: boolean;
  /** A public client (browser or mobile app) has no secret and relies on PKCE alone. */
  public?: boolean;
  /** Who signs in: citizens (default) or officers (their da06 session; scope `officer` only). */
  audience?: Audience;
}

export const clientSecretKey = (master: string) => deriveKey(master, 'oidc-client-secrets');

function checkUri(uri: string): URL {
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    throw new DomainError('OIDC_CLIENT_INVALID', { reason: `địa chỉ không hợp lệ: ${uri}` });
  }
  if (u.hash) throw new DomainError('OIDC_CLIENT_INVALID', { reason: message('CLIENT_URI_FRAGMENT', { uri }) });
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new DomainError('OIDC_CLIENT_INVALID', { reason: message('CLIENT_URI_SCHEME', { uri }) });
  return u;
}

function validate(input: ClientInput) {
  if (!input.name.trim()) throw new DomainError('OIDC_CLIENT_INVALID', { reason: message('CLIENT_NAME_MISSING') });
  if (!input.redirectUris.length) throw new DomainError('OIDC_CLIENT_INVALID', { reason: message('CLIENT_REDIRECT_MISSING') });
  const hosts = new Set(input.redirectUris.map((u) => checkUri(u).host));
  // The pairwise subject is derived from the redirect host (sector identifier): one host per client.
  if (hosts.size > 1) throw new DomainError('OIDC_CLIENT_INVALID', { reason: message('CLIENT_ONE_HOST') });
  (input.postLogoutRedirectUris ?? []).forEach(checkUri);
  const audience = input.audience ?? 'citizen';
  if (audience !== 'citizen' && audience !== 'officer') throw new DomainError('OIDC_CLIENT_INVALID', { reason: message('CLIENT_AUDIENCE') });
  if (audience === 'officer') {
    const other = input.scopes.filter((s) => s !== OFFICER_SCOPE);
    if (other.length) throw new DomainError('OIDC_CLIENT_INVALID', { reason: message('CLIENT_OFFICER_SCOPES', { scope: OFFICER_SCOPE, other: other.join(', ') }) });
    if (input.allowPersonalId) throw new DomainError('OIDC_CLIENT_INVALID', { reason: message('CLIENT_OFFICER_PERSONAL_ID') });
  } else {
    const unknown = input.scopes.filter((s) => !(ASSIGNABLE_SCOPES as string[]).includes(s));
    if (unknown.length) throw new DomainError('OIDC_CLIENT_INVALID', { reason: message('CLIENT_SCOPES_UNKNOWN', { unknown: unknown.join(', '), known: ASSIGNABLE_SCOPES.join(', ') }) });
  }
  if (input.minLevel !== 1 && input.minLevel !== 2) throw new DomainError('OIDC_CLIENT_INVALID', { reason: message('CLIENT_MIN_LEVEL') });
}

export function createClientService(db: Db, masterKey: string) {
  const store = createOidcStore(db);
  const secretKey = clientSecretKey(masterKey);

  return {
    /** Registers a relying party; the secret (confidential clients) is returned once and stored encrypted. */
    async add(input: ClientInput): Promise<{ clientId: string; clientSecret?: string }> {
      validate(input);
      const clientId = `da06-${randomBytes(9).toString('base64url')}`;
      const clientSecret = input.public ? undefined : randomBytes(32).toString('base64url');
      const officer = input.audience === 'officer';
      await store.insertClient({
        client_id: clientId,
        secret_enc: clientSecret ? seal(secretKey, clientSecret) : null,
        name: input.name.trim(),
        redirect_uris: input.redirectUris,
        post_logout_redirect_uris: input.postLogoutRedirectUris ?? [],
        scopes: officer ? [OFFICER_SCOPE] : [...new Set(input.scopes)],
        // Officers are not e-ID accounts: the citizen assurance level does not apply to them.
        min_level: officer ? 1 : input.minLevel,
        allow_personal_id: !officer && !!input.allowPersonalId,
        audience: officer ? 'officer' : 'citizen',
      });
      return { clientId, clientSecret };
    },

    async list() {
      return (await store.listClients()).map(toView);
    },

    /** Clients with their sign-ins per day over the last `days` days. */
    async listWithStatistics(days = 30) {
      const [clients, counts] = await Promise.all([store.listClients(), store.signInsSince(days)]);
      return clients.map((c) => {
        const signIns = counts.filter((k) => k.client_id === c.client_id).map((k) => ({ day: k.day, count: Number(k.count) }));
        return { ...toView(c), signIns, totalSignIns: signIns.reduce((n, k) => n + k.count, 0) };
      });
    },

    findRow: (clientId: string) => store.findClient(clientId),
    secretOf: (row: ClientRow) => (row.secret_enc ? open(secretKey, row.secret_enc) : undefined),
  };
}

function toView(c: ClientRow) {
  return {
    clientId: c.client_id,
    name: c.name,
    public: c.secret_enc === null,
    redirectUris: c.redirect_uris,
    postLogoutRedirectUris: c.post_logout_redirect_uris,
    scopes: c.scopes,
    minLevel: Number(c.min_level) as 1 | 2,
    allowPersonalId: c.allow_personal_id,
    audience: (c.audience === 'officer' ? 'officer' : 'citizen') as Audience,
    createdAt: new Date(c.created_at).toISOString(),
  };
}

export type ClientService = ReturnType<typeof createClientService>;
