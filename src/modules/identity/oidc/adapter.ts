import type { Adapter, AdapterConstructor, AdapterPayload } from 'oidc-provider';
import type { OidcStore, ClientRow, TokenInContext, UpsertRow } from './store.js';
import { ACR, OFFICER_ACR, OFFICER_SCOPE } from './policy.js';
import { createBatcher } from '../../../platform/batch.js';
import { hasUnstorableText } from '../../../platform/text.js';
import { message } from '../messages.js';

/** Ids oidc-provider or a client hands us: printable ASCII, bounded. Anything else is simply not found. */
const SANE_ID = /^[\x21-\x7e]{1,512}$/;
const CLIENT_CACHE_MS = 5_000;

/** What oidc-provider reads as a client's registration, from a row of oidc_clients. */
export function clientMetadata(row: ClientRow, secret: string | undefined): AdapterPayload {
  // An agency system of the exchange gateway: client credentials only, authenticated by a signed assertion with
  // its registered keys (private_key_jwt), its access tokens bound to a DPoP key.
  if (row.jwks) {
    return {
      client_id: row.client_id, client_name: row.name, application_type: 'web', redirect_uris: [], response_types: [], grant_types: ['client_credentials'],
      token_endpoint_auth_method: 'private_key_jwt', jwks: row.jwks, dpop_bound_access_tokens: true,
      da06_min_level: 1, da06_allow_personal_id: false, da06_audience: 'citizen',
    } as AdapterPayload;
  }
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
 * oidc-provider's `Client.find`, answering from the client instance it built for the same registration
 * object. Its own lookup serialises the whole registration and hashes it (SHA-256) on every call, to
 * find the instance it built for those properties; a token request asks two or three times. The adapter
 * hands out the same registration object while it keeps it (DatabaseAdapter.clientMetadata), so the
 * instance found for that object is the one oidc-provider's lookup would find.
 */
export function cachedClientFind<C extends object>(find: (id: string) => Promise<C | undefined>, clientMetadata: (id: string) => Promise<AdapterPayload | undefined>) {
  const built = new WeakMap<AdapterPayload, C>();
  return async (id: string): Promise<C | undefined> => {
    const metadata = typeof id === 'string' ? await clientMetadata(id) : undefined;
    if (!metadata) return find(id);
    const hit = built.get(metadata);
    if (hit) return hit;
    const client = await find(id);
    if (client) built.set(metadata, client);
    return client;
  };
}

/** The koa context of the request being served (oidc-provider's `Provider.ctx`), outside a request undefined. */
type RequestContext = { oidc?: { route?: string }; state: Record<PropertyKey, unknown> };
export type CurrentRequest = () => RequestContext | undefined;

const REQUEST = Symbol('da06.oidc.request');
/** Routes whose first read is a token, and whose next reads are what that token names. */
const READS_AHEAD = new Set(['token', 'userinfo']);
const TOKEN_MODELS = new Set(['AuthorizationCode', 'RefreshToken', 'AccessToken']);

/** What one request of the token or userinfo endpoint has read ahead, and the writes its answer waits for. */
interface RequestState {
  /** Session (`Session\0uid\0<uid>`) and grant (`Grant\0id\0<id>`) read with the token; undefined: known absent. Used once. */
  ahead: Map<string, Record<string, unknown> | undefined>;
  /** Citizen accounts (by account id) read with the token. */
  accounts: Map<string, TokenInContext['account']>;
  /** The token endpoint's writes (consumed token, new tokens), all awaited before the answer leaves (settleWrites). */
  writes: Promise<unknown>[];
}

function requestState(ctx: RequestContext | undefined): RequestState | undefined {
  if (!ctx || !READS_AHEAD.has(ctx.oidc?.route ?? '')) return undefined;
  return (ctx.state[REQUEST] ??= { ahead: new Map(), accounts: new Map(), writes: [] }) as RequestState;
}

/** The citizen account read together with this request's token: `{ account }` when it was, undefined otherwise. */
export function accountReadAhead(ctx: RequestContext | undefined, accountId: string): { account: TokenInContext['account'] } | undefined {
  const state = ctx?.state[REQUEST] as RequestState | undefined;
  if (!state?.accounts.has(accountId)) return undefined;
  const account = state.accounts.get(accountId);
  state.accounts.delete(accountId);
  return { account };
}

/**
 * Waits for the writes the request started (a token endpoint answer never leaves before the tokens it
 * hands out are stored and the token it consumed is marked, durably); a failure is thrown.
 */
export async function settleWrites(ctx: RequestContext): Promise<void> {
  const state = ctx.state[REQUEST] as RequestState | undefined;
  if (state?.writes.length) await Promise.all(state.writes);
}

/**
 * oidc-provider's storage on the application database (one table, a row per artefact with its
 * expiry). Clients come from oidc_clients, registered by an administrator; none are created here.
 *
 * A token request makes few round trips: the token is read together with the session, grant and account
 * it names (findTokensInContext), and its writes leave together, the answer waiting for all of them
 * (settleWrites) instead of for each in turn. What was read ahead serves only the request that read it.
 */
export function databaseAdapter(
  store: OidcStore, clientSecret: (row: ClientRow) => string | undefined, currentRequest: CurrentRequest = () => undefined,
  invalidRequest: (description: string) => Error = (description) => new Error(description),
): AdapterConstructor & { clientMetadata(id: string): Promise<AdapterPayload | undefined> } {
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
  // Writes and consumptions of the same turn leave together: a refresh token's rotation (the old token
  // consumed, the new tokens stored) is one statement (OidcStore.writePayloads).
  const writes = createBatcher(async (items: ({ upsert: UpsertRow } | { consume: { model: string; id: string } })[]) => {
    const rows: UpsertRow[] = [];
    const consumed: { model: string; id: string }[] = [];
    for (const item of items) {
      if ('upsert' in item) rows.push(item.upsert);
      else consumed.push(item.consume);
    }
    await store.writePayloads(rows, consumed);
    return items.map(() => undefined);
  });
  const tokens = createBatcher((keys: { model: string; key: string }[]) => store.findTokensInContext(keys));

  /** On the token endpoint a write is awaited with the others before the answer (settleWrites); elsewhere at once. */
  async function write(state: RequestState | undefined, done: Promise<unknown>) {
    if (state && currentRequest()?.oidc?.route === 'token') {
      done.catch(() => undefined); // settleWrites reports it
      state.writes.push(done);
    } else {
      await done;
    }
  }
  return class DatabaseAdapter implements Adapter {
    /**
     * A client's registration as `find` answers it: the same object for as long as it is kept (a few
     * seconds), a new one once it is read again (cachedClientFind keys oidc-provider's clients by it).
     */
    static clientMetadata(id: string): Promise<AdapterPayload | undefined> {
      return SANE_ID.test(id) ? findClient(id) : Promise.resolve(undefined);
    }

    constructor(private readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
      if (this.model === 'Client') throw new Error('clients are registered with `da06 clients add`');
      // Parameters a client sent (state, nonce, login_hint ...) are kept in the payload: text PostgreSQL
      // cannot store would fail the statement, and with it the other artefacts written in the same batch.
      if (hasUnstorableText(payload)) throw invalidRequest(message('OIDC_TEXT_UNSTORABLE'));
      const state = requestState(currentRequest());
      state?.ahead.delete(`${this.model}\0id\0${id}`);
      await write(state, writes.load({ upsert: { model: this.model, id, payload: payload as Record<string, unknown>, expiresIn } }));
    }

    async find(id: string) {
      if (!SANE_ID.test(id)) return undefined;
      if (this.model === 'Client') return findClient(id);
      const state = requestState(currentRequest());
      if (!state) return finds.load({ model: this.model, key: id });
      const key = `${this.model}\0id\0${id}`;
      if (state.ahead.has(key)) {
        const payload = state.ahead.get(key);
        state.ahead.delete(key);
        return payload;
      }
      if (!TOKEN_MODELS.has(this.model)) return finds.load({ model: this.model, key: id });
      const found = await tokens.load({ model: this.model, key: id });
      if (!found) return undefined;
      const { sessionUid, grantId, accountId } = found.payload as { sessionUid?: string; grantId?: string; accountId?: string };
      if (sessionUid) state.ahead.set(`Session\0uid\0${sessionUid}`, found.session);
      if (grantId) state.ahead.set(`Grant\0id\0${grantId}`, found.grant);
      if (accountId && /^\d{1,18}$/.test(accountId)) state.accounts.set(accountId, found.account);
      return found.payload;
    }

    async findByUid(uid: string) {
      if (!SANE_ID.test(uid)) return undefined;
      const state = requestState(currentRequest());
      const key = `${this.model}\0uid\0${uid}`;
      if (state?.ahead.has(key)) {
        const payload = state.ahead.get(key);
        state.ahead.delete(key);
        return payload;
      }
      return findsByUid.load({ model: this.model, key: uid });
    }

    async findByUserCode(userCode: string) {
      return SANE_ID.test(userCode) ? store.findPayload(this.model, 'user_code', userCode) : undefined;
    }

    async consume(id: string) {
      const state = requestState(currentRequest());
      state?.ahead.delete(`${this.model}\0id\0${id}`);
      await write(state, writes.load({ consume: { model: this.model, id } }));
    }

    async destroy(id: string) {
      requestState(currentRequest())?.ahead.delete(`${this.model}\0id\0${id}`);
      await store.destroyPayload(this.model, id);
    }

    async revokeByGrantId(grantId: string) {
      requestState(currentRequest())?.ahead.clear();
      await store.revokeByGrantId(grantId);
    }
  };
}
