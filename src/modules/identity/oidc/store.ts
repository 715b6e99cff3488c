import type { Queryable } from '../../../platform/db.js';

export interface ClientRow {
  client_id: string;
  secret_enc: string | null;
  name: string;
  redirect_uris: string[];
  post_logout_redirect_uris: string[];
  scopes: string[];
  min_level: 1 | 2;
  allow_personal_id: boolean;
  audience: 'citizen' | 'officer';
  /** The province whose administrators manage the client; null: the operator's (CLI) only. */
  province_code: string | null;
  /** An agency system's public keys (private_key_jwt, DPoP-bound tokens, client credentials only); null otherwise. */
  jwks?: { keys: Record<string, unknown>[] } | null;
  created_at: string;
}

export interface SigningKeyRow {
  kid: string;
  alg: string;
  public_jwk: Record<string, unknown>;
  private_jwk_enc: string;
  created_at: string;
  retired_at: string | null;
}

/** A token with the session, grant and citizen account it names (see findTokensInContext). */
export interface TokenInContext {
  payload: Record<string, unknown>;
  session: Record<string, unknown> | undefined;
  grant: Record<string, unknown> | undefined;
  account: { person_id: number; status: 'active' | 'locked' } | undefined;
}

/** A payload as oidc-provider reads it: with `consumed` (epoch seconds) once consumed. */
function withConsumed(payload: Record<string, unknown> | string | null, consumed: number | null): Record<string, unknown> | undefined {
  if (payload === null) return undefined;
  const p = typeof payload === 'string' ? JSON.parse(payload) as Record<string, unknown> : payload;
  return consumed === null ? p : { ...p, consumed: Number(consumed) };
}

/** An artefact to write: oidc-provider's payload and its lifetime in seconds (none: until deleted). */
export interface UpsertRow { model: string; id: string; payload: Record<string, unknown>; expiresIn: number | undefined }

// The rows travel as one JSON document, not as seven column arrays: the driver escapes every element of
// an array parameter (the payloads are JSON text full of quotes), a plain text parameter it sends as it is.
const UPSERT_SQL = `INSERT INTO oidc_payloads (model, id, payload, grant_id, uid, user_code, expires_at)
  SELECT r.model, r.id, r.payload, r.payload->>'grantId', r.payload->>'uid', r.payload->>'userCode',
         CASE WHEN r.secs IS NULL THEN NULL ELSE now() + make_interval(secs => r.secs) END
    FROM jsonb_to_recordset($1::jsonb) AS r(model text, id text, payload jsonb, secs integer)
  ON CONFLICT (model, id) DO UPDATE SET payload = EXCLUDED.payload, grant_id = EXCLUDED.grant_id, uid = EXCLUDED.uid,
    user_code = EXCLUDED.user_code, expires_at = EXCLUDED.expires_at`;

/** The rows of UPSERT_SQL, the last write of each key only (one statement cannot write a row twice). */
function upsertRows(rows: UpsertRow[]): string {
  const last = new Map(rows.map((r) => [`${r.model}\u0000${r.id}`, r]));
  return JSON.stringify([...last.values()].map((r) => ({ model: r.model, id: r.id, payload: r.payload, secs: r.expiresIn ?? null })));
}

/**
 * The only code that reads or writes the oidc_* tables (and, for a token request, reads the citizen
 * account the token names: findTokensInContext). `fresh` writes newly issued artefacts (tokens,
 * sessions, interactions): pass `db.relaxed()` to commit them without waiting for the disk, since losing
 * one in a crash only makes its holder sign in again. Consuming, revoking and deleting stay durable.
 */
export function createOidcStore(db: Queryable, fresh: Queryable = db) {
  const store = {
    // ---- oidc-provider artefacts ----
    async findPayload(model: string, column: 'user_code', value: string) {
      const r = await db.query<{ payload: Record<string, unknown>; consumed: number | null }>(
        `SELECT payload, extract(epoch FROM consumed_at)::integer AS consumed FROM oidc_payloads
          WHERE model = $1 AND ${column} = $2 AND (expires_at IS NULL OR expires_at > now())`,
        [model, value],
        `oidc_find_${column}`,
      );
      const row = r.rows[0];
      return row ? withConsumed(row.payload, row.consumed) : undefined;
    },
    /**
     * Several artefacts by (model, id) — or (model, uid) — in one query, in the order asked (undefined where absent or expired).
     * Unnamed, like the other batch statements here (Queryable.query says why).
     */
    async findPayloadsBy(column: 'id' | 'uid', keys: { model: string; key: string }[]): Promise<(Record<string, unknown> | undefined)[]> {
      const r = await db.query<{ model: string; key: string; payload: Record<string, unknown> | string; consumed: number | null }>(
        `SELECT p.model, p.${column} AS key, p.payload, extract(epoch FROM p.consumed_at)::integer AS consumed
           FROM oidc_payloads p JOIN unnest($1::text[], $2::text[]) AS k(model, key) ON p.model = k.model AND p.${column} = k.key
          WHERE p.expires_at IS NULL OR p.expires_at > now()`,
        [keys.map((k) => k.model), keys.map((k) => k.key)],
      );
      const found = new Map(r.rows.map((row) => [`${row.model}\u0000${row.key}`, withConsumed(row.payload, row.consumed)]));
      return keys.map((k) => found.get(`${k.model}\u0000${k.key}`));
    },
    /**
     * Tokens by id, each with what a token request reads next about it, in the same round trip: the session it is bound
     * to (by uid), its grant, and — for a citizen — the account's person and status. The order asked; undefined where
     * the token is absent or expired (then nothing else is returned for it).
     */
    async findTokensInContext(keys: { model: string; key: string }[]): Promise<(TokenInContext | undefined)[]> {
      const r = await db.query<{
        i: string; payload: Record<string, unknown> | string; consumed: number | null;
        session: Record<string, unknown> | string | null; session_consumed: number | null;
        grant: Record<string, unknown> | string | null; grant_consumed: number | null;
        person_id: number | null; status: 'active' | 'locked' | null;
      }>(
        `SELECT k.i, p.payload, extract(epoch FROM p.consumed_at)::integer AS consumed,
                s.payload AS session, extract(epoch FROM s.consumed_at)::integer AS session_consumed,
                g.payload AS grant, extract(epoch FROM g.consumed_at)::integer AS grant_consumed,
                a.person_id, a.status
           FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(model, id, i)
           JOIN oidc_payloads p ON p.model = k.model AND p.id = k.id AND (p.expires_at IS NULL OR p.expires_at > now())
           LEFT JOIN oidc_payloads s ON s.model = 'Session' AND s.uid = p.payload->>'sessionUid' AND (s.expires_at IS NULL OR s.expires_at > now())
           LEFT JOIN oidc_payloads g ON g.model = 'Grant' AND g.id = p.grant_id AND (g.expires_at IS NULL OR g.expires_at > now())
           LEFT JOIN citizen_accounts a ON a.id = CASE WHEN p.payload->>'accountId' ~ '^[0-9]{1,18}$' THEN (p.payload->>'accountId')::bigint END`,
        [keys.map((k) => k.model), keys.map((k) => k.key)],
      );
      const out: (TokenInContext | undefined)[] = keys.map(() => undefined);
      for (const row of r.rows) {
        out[Number(row.i) - 1] = {
          payload: withConsumed(row.payload, row.consumed)!,
          session: withConsumed(row.session, row.session_consumed),
          grant: withConsumed(row.grant, row.grant_consumed),
          account: row.status ? { person_id: Number(row.person_id), status: row.status } : undefined,
        };
      }
      return out;
    },
    /** Several artefacts written in one statement (the last write of a key wins). */
    async upsertPayloads(rows: UpsertRow[]): Promise<void> {
      await fresh.query(UPSERT_SQL, [upsertRows(rows)], 'oidc_upsert_many');
    },
    /**
     * A token request's writes in one round trip: the token it consumed marked (durably) and the tokens
     * it issued stored, by one statement on the durable connection, so the rotation of a refresh token
     * costs one statement, not two. A batch without a consumption stays relaxed (upsertPayloads); a batch
     * that consumes a key it also writes takes the two statements (one statement cannot change a row twice).
     */
    async writePayloads(rows: UpsertRow[], consumed: { model: string; id: string }[]): Promise<void> {
      if (!consumed.length) return store.upsertPayloads(rows);
      if (!rows.length) return store.consumePayloads(consumed);
      const written = new Set(rows.map((r) => `${r.model}\u0000${r.id}`));
      if (consumed.some((k) => written.has(`${k.model}\u0000${k.id}`))) {
        await Promise.all([store.upsertPayloads(rows), store.consumePayloads(consumed)]);
        return;
      }
      await db.query(
        `WITH consumed AS (
           UPDATE oidc_payloads p SET consumed_at = now() FROM unnest($2::text[], $3::text[]) AS k(model, id) WHERE p.model = k.model AND p.id = k.id
         )
         ${UPSERT_SQL}`,
        [upsertRows(rows), consumed.map((k) => k.model), consumed.map((k) => k.id)],
      );
    },
    /** Marks several artefacts consumed in one durable statement. */
    async consumePayloads(keys: { model: string; id: string }[]): Promise<void> {
      await db.query(
        `UPDATE oidc_payloads p SET consumed_at = now() FROM unnest($1::text[], $2::text[]) AS k(model, id) WHERE p.model = k.model AND p.id = k.id`,
        [keys.map((k) => k.model), keys.map((k) => k.id)]);
    },
    async destroyPayload(model: string, id: string): Promise<void> {
      await db.query('DELETE FROM oidc_payloads WHERE model = $1 AND id = $2', [model, id], 'oidc_destroy');
    },
    async revokeByGrantId(grantId: string): Promise<void> {
      await db.query('DELETE FROM oidc_payloads WHERE grant_id = $1', [grantId], 'oidc_revoke_grant');
    },
    /** Rows expired for more than an hour; returns how many went. */
    /** Stores an artefact unless one of the same model and id exists (expired or not): true when this call stored it. Atomic, for replay detection. */
    async insertOnce(model: string, id: string, payload: Record<string, unknown>, expiresAt: Date): Promise<boolean> {
      const r = await db.query(
        'INSERT INTO oidc_payloads (model, id, payload, expires_at) VALUES ($1, $2, $3, $4) ON CONFLICT (model, id) DO NOTHING RETURNING id',
        [model, id, JSON.stringify(payload), expiresAt],
      );
      return r.rows.length === 1;
    },
    async purgeExpired(): Promise<number> {
      return (await db.query(`DELETE FROM oidc_payloads WHERE expires_at < now() - interval '1 hour'`)).rowCount;
    },

    /** Live grants of one account, one line per client, with when a token was last issued under them. */
    async grantsOfAccount(accountId: string) {
      const r = await db.query<{ client_id: string; name: string; scopes: string; connected_at: number; last_used_at: number | null }>(
        `SELECT g.payload->>'clientId' AS client_id, c.name, string_agg(g.payload->'openid'->>'scope', ' ') AS scopes,
                min((g.payload->>'iat')::bigint) AS connected_at, max(t.last_iat) AS last_used_at
           FROM oidc_payloads g JOIN oidc_clients c ON c.client_id = g.payload->>'clientId'
           LEFT JOIN LATERAL (SELECT max((x.payload->>'iat')::bigint) AS last_iat FROM oidc_payloads x
                               WHERE x.grant_id = g.id AND x.model IN ('AccessToken', 'RefreshToken')) t ON true
          WHERE g.model = 'Grant' AND g.payload->>'accountId' = $1 AND (g.expires_at IS NULL OR g.expires_at > now())
          GROUP BY g.payload->>'clientId', c.name ORDER BY c.name`,
        [accountId],
      );
      return r.rows;
    },
    /** The newest live grant of an account to a client: consent given once is remembered across sessions until revoked. */
    async latestGrantId(accountId: string, clientId: string): Promise<string | undefined> {
      const r = await db.query<{ id: string }>(
        `SELECT id FROM oidc_payloads WHERE model = 'Grant' AND payload->>'accountId' = $1 AND payload->>'clientId' = $2
            AND (expires_at IS NULL OR expires_at > now()) ORDER BY (payload->>'iat')::bigint DESC LIMIT 1`,
        [accountId, clientId],
        'oidc_latest_grant',
      );
      return r.rows[0]?.id;
    },
    /** Deletes the account's grants for a client and every token issued under them. */
    async revokeGrantsOf(accountId: string, clientId: string): Promise<boolean> {
      const r = await db.query<{ id: string }>(
        `DELETE FROM oidc_payloads WHERE model = 'Grant' AND payload->>'accountId' = $1 AND payload->>'clientId' = $2 RETURNING id`,
        [accountId, clientId],
      );
      for (const g of r.rows) await db.query('DELETE FROM oidc_payloads WHERE grant_id = $1', [g.id]);
      return r.rows.length > 0;
    },

    /**
     * Ends an account's single sign-on everywhere (after a password reset): its grants and every
     * token issued under them, and the provider's sessions, so each service asks for a sign-in again.
     */
    async revokeAllOf(accountId: string): Promise<void> {
      // One statement: the grants, the tokens under them and the sessions go together or not at all.
      await db.query(
        `WITH grants AS (DELETE FROM oidc_payloads WHERE model = 'Grant' AND payload->>'accountId' = $1 RETURNING id),
              tokens AS (DELETE FROM oidc_payloads WHERE grant_id IN (SELECT id FROM grants) AND model <> 'Grant'),
              sessions AS (DELETE FROM oidc_payloads WHERE model = 'Session' AND payload->>'accountId' = $1)
         SELECT count(*) FROM grants`,
        [accountId],
      );
    },

    // ---- relying parties ----
    async insertClient(c: Omit<ClientRow, 'created_at'>): Promise<void> {
      await db.query(
        `INSERT INTO oidc_clients (client_id, secret_enc, name, redirect_uris, post_logout_redirect_uris, scopes, min_level, allow_personal_id, audience, province_code, jwks)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [c.client_id, c.secret_enc, c.name, c.redirect_uris, c.post_logout_redirect_uris, c.scopes, c.min_level, c.allow_personal_id, c.audience, c.province_code, c.jwks ? JSON.stringify(c.jwks) : null],
      );
    },
    async findClient(clientId: string): Promise<ClientRow | undefined> {
      const r = await db.query<ClientRow>('SELECT * FROM oidc_clients WHERE client_id = $1', [clientId], 'oidc_client');
      return r.rows[0];
    },
    /** Replaces the public keys of a client that authenticates with them (private_key_jwt); false when it has none. */
    async setClientJwks(clientId: string, jwks: { keys: Record<string, unknown>[] }): Promise<boolean> {
      const r = await db.query('UPDATE oidc_clients SET jwks = $2 WHERE client_id = $1 AND jwks IS NOT NULL', [clientId, JSON.stringify(jwks)]);
      return r.rowCount > 0;
    },
    /** Every client, or those of one province. */
    async listClients(provinceCode?: string): Promise<ClientRow[]> {
      if (provinceCode === undefined) return (await db.query<ClientRow>('SELECT * FROM oidc_clients ORDER BY created_at, client_id')).rows;
      return (await db.query<ClientRow>('SELECT * FROM oidc_clients WHERE province_code = $1 ORDER BY created_at, client_id', [provinceCode])).rows;
    },

    // ---- statistics ----
    async countSignIn(clientId: string): Promise<void> {
      await db.query(
        `INSERT INTO oidc_sign_ins (client_id, day, count) VALUES ($1, (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date, 1)
         ON CONFLICT (client_id, day) DO UPDATE SET count = oidc_sign_ins.count + 1`,
        [clientId],
        'oidc_count_sign_in',
      );
    },
    /** Adds counts of sign-ins per client and day (the demo's traffic; src/modules/identity/demo-seed.ts). */
    async addSignInCounts(rows: { clientId: string; day: string; count: number }[]): Promise<void> {
      if (!rows.length) return;
      await db.query(
        `INSERT INTO oidc_sign_ins (client_id, day, count)
         SELECT c, d, n FROM unnest($1::text[], $2::date[], $3::int[]) AS s(c, d, n)
         ON CONFLICT (client_id, day) DO UPDATE SET count = oidc_sign_ins.count + EXCLUDED.count`,
        [rows.map((r) => r.clientId), rows.map((r) => r.day), rows.map((r) => r.count)],
      );
    },

    async signInsSince(days: number) {
      const r = await db.query<{ client_id: string; day: string; count: number }>(
        `SELECT client_id, day::text AS day, count FROM oidc_sign_ins
          WHERE day > (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date - $1::integer ORDER BY client_id, day`,
        [days],
      );
      return r.rows;
    },

    // ---- signing keys ----
    async insertSigningKey(k: { kid: string; alg: string; publicJwk: Record<string, unknown>; privateJwkEnc: string }, tx: Queryable = db): Promise<void> {
      await tx.query('INSERT INTO oidc_signing_keys (kid, alg, public_jwk, private_jwk_enc) VALUES ($1, $2, $3, $4)',
        [k.kid, k.alg, JSON.stringify(k.publicJwk), k.privateJwkEnc]);
    },
    async retireCurrentKeys(tx: Queryable = db): Promise<void> {
      await tx.query('UPDATE oidc_signing_keys SET retired_at = now() WHERE retired_at IS NULL');
    },
    /** Current keys, then retired keys still inside the retention window, newest first. */
    async liveSigningKeys(retentionSeconds: number): Promise<SigningKeyRow[]> {
      const r = await db.query<SigningKeyRow>(
        `SELECT * FROM oidc_signing_keys WHERE retired_at IS NULL OR retired_at > now() - make_interval(secs => $1::integer)
          ORDER BY retired_at DESC NULLS FIRST, created_at DESC`,
        [retentionSeconds],
      );
      return r.rows;
    },
    async deleteKeysRetiredBefore(retentionSeconds: number, tx: Queryable = db): Promise<number> {
      return (await tx.query('DELETE FROM oidc_signing_keys WHERE retired_at < now() - make_interval(secs => $1::integer)', [retentionSeconds])).rowCount;
    },
  };
  return store;
}

export type OidcStore = ReturnType<typeof createOidcStore>;
