import { randomBytes } from 'node:crypto';
import { isIPv4 } from 'node:net';
import type { Db } from '../../../platform/db.js';
import { audited } from '../../../platform/audit.js';
import { currentContext, type RequestContext } from '../../../platform/context.js';
import { DomainError } from '../errors.js';
import { deriveKey, open, seal } from '../../../platform/crypto.js';
import { createOidcStore, type ClientRow } from './store.js';
import { ASSIGNABLE_SCOPES, OFFICER_SCOPE, type Audience } from './policy.js';
import { message } from '../messages.js';

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

export interface ClientPolicy {
  /** Plain http to any host (development and test rigs); otherwise https, or http to the loopback only. */
  allowInsecureRedirects: boolean;
}

/** RFC 8252 §7.3: a native app listens on the loopback interface, where http is acceptable. */
function isLoopback(u: URL): boolean {
  return u.hostname === 'localhost' || u.hostname === '[::1]' || (isIPv4(u.hostname) && u.hostname.startsWith('127.'));
}

/** Reasons name the field and position (`redirectUris[1]`), never the submitted text. */
function checkUri(uri: string, field: string, index: number, policy: ClientPolicy): URL {
  const invalid = (key: Parameters<typeof message>[0]) => new DomainError('OIDC_CLIENT_INVALID', { reason: message(key, { field: `${field}[${index}]` }) });
  let u: URL;
  try {
    u = new URL(uri);
  } catch {
    throw invalid('CLIENT_URI_INVALID');
  }
  if (u.hash) throw invalid('CLIENT_URI_FRAGMENT');
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw invalid('CLIENT_URI_SCHEME');
  if (u.protocol === 'http:' && !policy.allowInsecureRedirects && !isLoopback(u)) throw invalid('CLIENT_URI_INSECURE');
  return u;
}

function validate(input: ClientInput, policy: ClientPolicy) {
  if (!input.name.trim()) throw new DomainError('OIDC_CLIENT_INVALID', { reason: message('CLIENT_NAME_MISSING') });
  if (!input.redirectUris.length) throw new DomainError('OIDC_CLIENT_INVALID', { reason: message('CLIENT_REDIRECT_MISSING') });
  const hosts = new Set(input.redirectUris.map((u, i) => checkUri(u, 'redirectUris', i, policy).host));
  // The pairwise subject is derived from the redirect host (sector identifier): one host per client.
  if (hosts.size > 1) throw new DomainError('OIDC_CLIENT_INVALID', { reason: message('CLIENT_ONE_HOST') });
  (input.postLogoutRedirectUris ?? []).forEach((u, i) => checkUri(u, 'postLogoutRedirectUris', i, policy));
  const audience = input.audience ?? 'citizen';
  if (audience !== 'citizen' && audience !== 'officer') throw new DomainError('OIDC_CLIENT_INVALID', { reason: message('CLIENT_AUDIENCE') });
  if (audience === 'officer') {
    if (input.scopes.some((s) => s !== OFFICER_SCOPE)) throw new DomainError('OIDC_CLIENT_INVALID', { reason: message('CLIENT_OFFICER_SCOPES', { scope: OFFICER_SCOPE }) });
    if (input.allowPersonalId) throw new DomainError('OIDC_CLIENT_INVALID', { reason: message('CLIENT_OFFICER_PERSONAL_ID') });
  } else {
    const unknown = input.scopes.findIndex((s) => !(ASSIGNABLE_SCOPES as string[]).includes(s));
    if (unknown >= 0) throw new DomainError('OIDC_CLIENT_INVALID', { reason: message('CLIENT_SCOPES_UNKNOWN', { field: `scopes[${unknown}]`, known: ASSIGNABLE_SCOPES.join(', ') }) });
  }
  if (input.minLevel !== 1 && input.minLevel !== 2) throw new DomainError('OIDC_CLIENT_INVALID', { reason: message('CLIENT_MIN_LEVEL') });
}

/** Secure by default: only `DA06_ENV` other than production relaxes the redirect URI rule. */
export function createClientService(db: Db, masterKey: string, policy: ClientPolicy = { allowInsecureRedirects: false }) {
  const store = createOidcStore(db);
  const secretKey = clientSecretKey(masterKey);

  return {
    /**
     * Registers a relying party of `provinceCode` (null: the operator's, through the CLI); the secret
     * (confidential clients) is returned once and stored encrypted.
     */
    async add(input: ClientInput, area: { provinceCode: string | null } = { provinceCode: null }): Promise<{ clientId: string; clientSecret?: string }> {
      // From the administrator's route, its request; otherwise the operator's command line (`da06 clients add`).
      const ctx: RequestContext = currentContext() ?? { caller: { kind: 'anonymous' }, actor: { kind: 'cli', id: 'cli' }, writeAction: 'oidc.client.created' };
      validate(input, policy);
      const clientId = `da06-${randomBytes(9).toString('base64url')}`;
      const clientSecret = input.public ? undefined : randomBytes(32).toString('base64url');
      const officer = input.audience === 'officer';
      const row: Omit<ClientRow, 'created_at'> = {
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
        province_code: area.provinceCode,
      };
      await db.transaction(async (tx) => {
        await createOidcStore(tx).insertClient(row);
        await audited(tx, { subjectKind: 'oidc_client', subjectId: clientId }, ctx);
      });
      return { clientId, clientSecret };
    },

    /** Clients with their sign-ins per day over the last `days` days; those of one province when given. */
    async listWithStatistics(days = 30, provinceCode?: string) {
      const [clients, counts] = await Promise.all([store.listClients(provinceCode), store.signInsSince(days)]);
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
