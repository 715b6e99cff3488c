import '../audit-actions.js';
import type { Configuration, KoaContextWithOIDC, Client } from 'oidc-provider';
import type { Db } from '../../../platform/db.js';
import type { AuditWriter, AuditEntry } from '../../../platform/audit.js';
import { createBatcher } from '../../../platform/batch.js';
import type { CitizenCaller, OfficerCaller } from '../../../platform/access.js';
import type { RegistryService, IdentityFacts } from '../../registry/index.js';
import { createCitizenStore } from '../citizen-store.js';
import { createOfficerStore } from '../store.js';
import { accountReadAhead, cachedClientFind, databaseAdapter, settleWrites } from './adapter.js';
import { createClientService } from './clients.js';
import { deriveKey, hmac } from '../../../platform/crypto.js';
import { message } from '../messages.js';
import { loadSigningKeys } from './keys.js';
import {
  ACR_VALUES, CLAIM_FIELDS, GENDER, OFFICER_ACCOUNT_PREFIX, OFFICER_CLAIMS, OFFICER_SCOPE, SCOPE_CLAIMS, SCOPES, TTL, isOfficerAccountId, levelOfAcr,
  requiredLevel, splitVietnameseName, type Audience, type ReleasableScope,
} from './policy.js';
import { createOidcStore } from './store.js';
import { logoutSource, postLogoutSuccessSource, renderError } from './views.js';

export interface OidcDeps {
  db: Db;
  audit: AuditWriter;
  registry: Pick<RegistryService, 'unsafeIdentityFacts' | 'provinceOf'>;
  /** Plain http redirect URIs to any host (outside production); see ClientPolicy. */
  allowInsecureRedirects: boolean;
  /** `${public URL}/oidc` */
  issuer: string;
  /** DA06_SECRET_KEY: signing keys, client secrets and the pairwise salt derive from it. */
  masterKey: string;
  /** DA06_SESSION_SECRET: the provider's cookie keys derive from it. */
  sessionSecret: string;
  /** The citizen behind the da06 session cookie, if any. */
  resolveCitizen: (token: string | undefined) => Promise<CitizenCaller | undefined>;
  citizenCookie: string;
  /** Ends the citizen's da06 session (the portal's own) when they log out of da06 from a relying party. */
  endCitizenSession: (caller: CitizenCaller) => Promise<void>;
  /** The officer behind the da06 officer session cookie, if any (clients with audience officer). */
  resolveOfficer: (token: string | undefined) => Promise<OfficerCaller | undefined>;
  officerCookie: string;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
}

/** Path of the JSON interaction API; the browser lands here (and is sent on to the web page). */
export const INTERACTIONS_PATH = '/api/v1/oidc/interactions';

/**
 * da06's own registration fields of a client. `Client.metadata()` rebuilds the whole registration (every
 * key snake-cased) on each call, and every token request asks several times; a client instance's
 * registration never changes (oidc-provider makes a new instance when the stored one differs).
 */
const da06Metadata = new WeakMap<Client, { minLevel: 1 | 2; audience: Audience; allowPersonalId: boolean }>();
function da06MetadataOf(client: Client) {
  let m = da06Metadata.get(client);
  if (!m) {
    const all = client.metadata();
    m = {
      minLevel: Number(all.da06_min_level) === 2 ? 2 : 1,
      audience: all.da06_audience === 'officer' ? 'officer' : 'citizen',
      allowPersonalId: all.da06_allow_personal_id === true,
    };
    da06Metadata.set(client, m);
  }
  return m;
}
export const minLevelOf = (client: Client | undefined): 1 | 2 => (client ? da06MetadataOf(client).minLevel : 1);
export const audienceOf = (client: Client | undefined): Audience => (client ? da06MetadataOf(client).audience : 'citizen');
export const officerAccountId = (officerId: number) => `${OFFICER_ACCOUNT_PREFIX}${officerId}`;
export const allowsPersonalId = (client: Client | undefined): boolean => (client ? da06MetadataOf(client).allowPersonalId : false);

export function claimsForScopes(scopes: Iterable<string>, client: Client | undefined): string[] {
  const names = new Set<string>();
  for (const s of scopes) {
    if (!(SCOPES as string[]).includes(s) || s === 'openid') continue;
    if (s === 'personal_id' && !allowsPersonalId(client)) continue;
    for (const c of SCOPE_CLAIMS[s as ReleasableScope]) names.add(c);
  }
  return [...names];
}

function claimValues(facts: IdentityFacts, names: string[]): Record<string, unknown> {
  const name = splitVietnameseName(facts.fullName);
  const r = facts.residence;
  const all: Record<string, unknown> = {
    name: facts.fullName,
    ...name,
    birthdate: facts.dateOfBirth,
    gender: GENDER[facts.sex],
    address: r.communeCode
      ? { formatted: [r.address, r.communeName, r.provinceName].filter(Boolean).join(', '), street_address: r.address ?? undefined, locality: r.communeName, region: r.provinceName, country: 'VN' }
      : undefined,
    household_no: facts.household?.householdNo,
    relation_to_head: facts.household?.relationToHead,
    personal_id: facts.personalId,
  };
  return Object.fromEntries(names.filter((n) => all[n] !== undefined).map((n) => [n, all[n]]));
}

/**
 * da06 as an OpenID Connect provider (panva/oidc-provider): code flow with PKCE only, pairwise
 * subjects, rotating refresh tokens, client credentials for confidential clients, RP-initiated
 * logout. Every quick-start default is replaced: storage, keys, cookies, interactions, pages.
 */
export async function createOidcProvider(deps: OidcDeps) {
  // Loaded here, not at module load: CLI commands that never serve do not pay for it (nor print its
  // "Unsupported runtime" notice on Node 20, where it works — STACK.md).
  const { default: Provider, interactionPolicy, errors } = await import('oidc-provider');
  const store = createOidcStore(deps.db, deps.db.relaxed());
  const clients = createClientService(deps.db, deps.masterKey, { allowInsecureRedirects: deps.allowInsecureRedirects });
  const citizens = createCitizenStore(deps.db);
  const officers = createOfficerStore(deps.db);
  const pairwiseKey = deriveKey(deps.masterKey, 'oidc-pairwise-subject');
  const keys = await loadSigningKeys(deps.db, deps.masterKey);
  const personOf = new Map<string, number>();

  /** Subjects computed lately (every token request signs an ID token naming one): an HMAC of what never changes. */
  const subjects = new Map<string, string>();
  function pairwiseSubject(sectorAndId: string): string {
    let sub = subjects.get(sectorAndId);
    if (sub === undefined) {
      sub = hmac(pairwiseKey, sectorAndId);
      subjects.set(sectorAndId, sub);
      if (subjects.size > 50_000) subjects.delete(subjects.keys().next().value as string);
    }
    return sub;
  }

  /** Account reads of token requests that arrive together leave as one query (always current: no cache). */
  const accounts = createBatcher((ids: number[]) => citizens.findAccountsById(ids));

  async function activeAccount(accountId: string) {
    if (!/^\d{1,18}$/.test(accountId)) return undefined;
    const a = (accountReadAhead(Provider.ctx, accountId) ?? { account: await accounts.load(Number(accountId)) }).account;
    if (!a || a.status !== 'active') return undefined;
    personOf.set(accountId, Number(a.person_id));
    if (personOf.size > 50_000) personOf.delete(personOf.keys().next().value as string);
    return a;
  }

  const record = (entry: AuditEntry) => deps.audit.record(entry).catch((err) => deps.log.error({ err }, 'oidc audit entry not written'));
  const clientActor = (client: Client | undefined) => ({ actorKind: 'system' as const, actorId: `oidc-client:${client?.clientId ?? '?'}`, actorName: client?.clientName });
  /** Who an account id of the provider's session is, for audit entries: an officer (`officer:<id>`) or a citizen account. */
  const accountActor = (accountId: string | undefined) => isOfficerAccountId(accountId)
    ? { actorKind: 'officer' as const, actorId: accountId!.slice(OFFICER_ACCOUNT_PREFIX.length) }
    : { actorKind: 'citizen' as const, actorId: String(accountId ?? '?') };

  const policy = interactionPolicy.base();
  const { Check } = interactionPolicy;
  // The OP session must belong to whoever is signed in to da06 now, at the level the client needs;
  // otherwise the login prompt runs again (oidc.test.ts 'a level-1 citizen facing a level-2 client').
  // Officer clients look at the officer session, citizen clients at the citizen session: an OP session
  // opened by one kind never satisfies a client of the other (oidc-officer.test.ts).
  policy.get('login')!.checks.add(new Check('da06_session_changed', 'da06 session ended or belongs to someone else', async (ctx) => {
    const { session, client } = ctx.oidc;
    if (!session?.accountId) return Check.NO_NEED_TO_PROMPT;
    if (audienceOf(client) === 'officer') {
      const officer = await deps.resolveOfficer(ctx.cookies.get(deps.officerCookie));
      return officer && officerAccountId(officer.officerId) === session.accountId ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
    }
    if (isOfficerAccountId(session.accountId)) return Check.REQUEST_PROMPT;
    const citizen = await deps.resolveCitizen(ctx.cookies.get(deps.citizenCookie));
    return citizen && String(citizen.accountId) === session.accountId ? Check.NO_NEED_TO_PROMPT : Check.REQUEST_PROMPT;
  }));
  policy.get('login')!.checks.add(new Check('da06_level_insufficient', 'the client requires a higher assurance level', (ctx) => {
    const { oidc } = ctx;
    if (!oidc.session?.accountId || audienceOf(oidc.client) === 'officer') return Check.NO_NEED_TO_PROMPT;
    const need = requiredLevel(minLevelOf(oidc.client), oidc.params?.acr_values as string | undefined);
    return levelOfAcr(oidc.acr) < need ? Check.REQUEST_PROMPT : Check.NO_NEED_TO_PROMPT;
  }));

  const adapter = databaseAdapter(store, clients.secretOf, () => Provider.ctx, (description) => new errors.InvalidRequest(description));
  const configuration: Configuration = {
    adapter,
    clients: [],
    jwks: { keys },
    cookies: {
      keys: [hmac(deriveKey(deps.sessionSecret, 'oidc-cookies'), 'v1')],
      long: { httpOnly: true, sameSite: 'lax' },
      short: { httpOnly: true, sameSite: 'lax' },
      names: { session: 'da06_sso', interaction: 'da06_sso_interaction', resume: 'da06_sso_resume' },
    },
    scopes: [...SCOPES, OFFICER_SCOPE, 'offline_access'],
    claims: { acr: null, sid: null, auth_time: null, iss: null, amr: null, ...SCOPE_CLAIMS, [OFFICER_SCOPE]: [...OFFICER_CLAIMS] },
    acrValues: ACR_VALUES,
    subjectTypes: ['pairwise'],
    async pairwiseIdentifier(_ctx, accountId, client) {
      // Officers: pairwise of the officer id (`officer:<id>`), never equal to a citizen's subject.
      if (isOfficerAccountId(accountId)) return pairwiseSubject(`${client.sectorIdentifier}|${accountId}`);
      const personId = personOf.get(accountId) ?? (await activeAccount(accountId))?.person_id ?? `account:${accountId}`;
      return pairwiseSubject(`${client.sectorIdentifier}|${personId}`);
    },
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientDefaults: { grant_types: ['authorization_code'], response_types: ['code'], id_token_signed_response_alg: 'ES256', token_endpoint_auth_method: 'client_secret_basic' },
    extraClientMetadata: { properties: ['da06_min_level', 'da06_allow_personal_id', 'da06_audience'] },
    enabledJWA: { idTokenSigningAlgValues: ['ES256', 'RS256'] },
    // private_key_jwt: the exchange gateway's agency systems (RFC 7523), never a client with a secret.
    clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post', 'private_key_jwt'],
    features: {
      devInteractions: { enabled: false },
      claimsParameter: { enabled: false },
      clientCredentials: { enabled: true },
      userinfo: { enabled: true },
      revocation: { enabled: true },
      introspection: { enabled: true, allowedPolicy: async (_ctx, client) => client.clientAuthMethod !== 'none' },
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      registration: { enabled: false },
      // Sender-constrained tokens (RFC 9449): required of agency clients (dpop_bound_access_tokens), optional for the rest.
      dPoP: { enabled: true },
    },
    conformIdTokenClaims: true,
    async loadExistingGrant(ctx) {
      const { oidc } = ctx;
      const accountId = oidc.session?.accountId;
      const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(oidc.client!.clientId)
        ?? (accountId ? await store.latestGrantId(accountId, oidc.client!.clientId) : undefined);
      const grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
      // Officer clients are provincial systems the administrator registered for officers' work: no consent
      // screen; the grant covers what the request asks of the client's scopes (openid, officer, offline_access).
      if (audienceOf(oidc.client) === 'officer' && isOfficerAccountId(accountId)) {
        const officerGrant = grant ?? new oidc.provider.Grant({ accountId, clientId: oidc.client!.clientId });
        const allowed = new Set(String(oidc.client!.scope ?? '').split(' '));
        const missing = [...oidc.requestParamScopes].filter((x) => allowed.has(x) && !officerGrant.getOIDCScope().split(' ').includes(x));
        if (missing.length || !grant) {
          officerGrant.addOIDCScope(missing.join(' '));
          await officerGrant.save();
        }
        return officerGrant;
      }
      return grant;
    },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: () => true,
    ttl: {
      AccessToken: TTL.AccessToken, AuthorizationCode: TTL.AuthorizationCode, ClientCredentials: TTL.ClientCredentials, IdToken: TTL.IdToken,
      RefreshToken: TTL.RefreshToken, Interaction: TTL.Interaction, Session: TTL.Session, Grant: TTL.Grant,
    },
    interactions: { policy, url: async (_ctx, interaction) => `${INTERACTIONS_PATH}/${interaction.uid}` },
    renderError,
    async findAccount(ctx, sub) {
      const client = ctx.oidc.client;
      // An account of one kind is never found for a client of the other (tokens, userinfo).
      if (client && (audienceOf(client) === 'officer') !== isOfficerAccountId(sub)) return undefined;
      if (isOfficerAccountId(sub)) return findOfficer(sub);
      const account = await activeAccount(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims(use, scope) {
          // Scope claims go to userinfo only (code flow, conformIdTokenClaims): never read the registry for an ID token.
          const names = use === 'userinfo' ? claimsForScopes(scope.split(' '), ctx.oidc.client) : [];
          if (!names.length) return { sub };
          const fields = [...new Set(names.flatMap((n) => CLAIM_FIELDS[n] ?? []))];
          const client = ctx.oidc.client;
          const facts = await deps.registry.unsafeIdentityFacts(Number(account.person_id), clientActor(client), fields, `Cung cấp thông tin cho ${client?.clientName ?? client?.clientId}`);
          if (!facts || facts.deceased) return { sub };
          return { sub, ...claimValues(facts, names) };
        },
      };
    },
  };

  async function findOfficer(accountId: string) {
    const officer = await officers.findById(Number(accountId.slice(OFFICER_ACCOUNT_PREFIX.length)));
    // A disabled account is not found; one holding a one-time password signs in nowhere until it is replaced.
    if (!officer || officer.must_change_password) return undefined;
    return {
      accountId,
      async claims(use: string, scope: string) {
        if (use !== 'userinfo' || !scope.split(' ').includes(OFFICER_SCOPE)) return { sub: accountId };
        return { sub: accountId, name: officer.full_name, preferred_username: officer.username, da06_role: officer.role, da06_area: officer.area_code };
      },
    };
  }

  const provider = new Provider(deps.issuer, configuration);
  provider.Client.find = cachedClientFind(provider.Client.find.bind(provider.Client), adapter.clientMetadata);
  if (new URL(deps.issuer).protocol === 'https:') provider.proxy = true;

  provider.on('authorization.success', (ctx: KoaContextWithOIDC) => {
    const client = ctx.oidc.client;
    if (!client) return;
    store.countSignIn(client.clientId).catch((err) => deps.log.error({ err }, 'sign-in counter not updated'));
    void record({ ...accountActor(ctx.oidc.session?.accountId), action: 'oidc.sign-in', subjectKind: 'oidc_client', subjectId: client.clientId, purpose: `Đăng nhập một lần vào ${client.clientName ?? client.clientId}` });
  });
  provider.on('grant.success', (ctx: KoaContextWithOIDC) => {
    const { client, params, entities } = ctx.oidc;
    const accountId = entities.Account?.accountId;
    const subject = !accountId ? { subjectKind: 'oidc_client', subjectId: client?.clientId }
      : isOfficerAccountId(accountId) ? { subjectKind: 'officer', subjectId: accountId.slice(OFFICER_ACCOUNT_PREFIX.length) }
      : { subjectKind: 'citizen_account', subjectId: accountId };
    void record({ ...clientActor(client), action: 'oidc.token.issued', ...subject, purpose: String(params?.grant_type ?? '') });
  });
  provider.on('end_session.success', (ctx: KoaContextWithOIDC) => {
    void record({ ...accountActor(ctx.oidc.session?.accountId), action: 'oidc.sign-out', subjectKind: 'oidc_client', subjectId: ctx.oidc.client?.clientId });
  });
  // "Đăng xuất" on the logout page (logout=yes) ends the da06 session as well as the provider's: the
  // citizen is signed out of da06, not only of the relying party. ("Giữ đăng nhập" keeps both.)
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.oidc?.route !== 'end_session_confirm' || !ctx.oidc.params?.logout) return;
    const citizen = await deps.resolveCitizen(ctx.cookies.get(deps.citizenCookie)).catch(() => undefined);
    if (citizen) await deps.endCitizenSession(citizen).catch((err) => deps.log.error({ err }, 'da06 session not ended on logout'));
  });
  // The token endpoint's writes leave together (adapter.ts); its answer waits for all of them here.
  provider.use(async (ctx, next) => {
    await next();
    try {
      await settleWrites(ctx);
    } catch (err) {
      deps.log.error({ err }, 'oidc token endpoint write failed');
      ctx.status = 500;
      ctx.body = { error: 'server_error', error_description: message('OIDC_TOKEN_NOT_STORED') };
    }
  });
  provider.on('server_error', (_ctx: KoaContextWithOIDC, err: Error) => deps.log.error({ err }, 'oidc server_error'));

  const purge = setInterval(() => store.purgeExpired().catch((err) => deps.log.warn({ err }, 'oidc purge failed')), 10 * 60_000);
  purge.unref();

  return { provider, clients, stop: () => clearInterval(purge) };
}

export type OidcProvider = Awaited<ReturnType<typeof createOidcProvider>>;
