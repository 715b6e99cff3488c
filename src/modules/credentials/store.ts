import type { Queryable } from '../../platform/db.js';

export interface SigningKeyRow {
  kid: string;
  alg: string;
  public_jwk: Record<string, unknown>;
  private_jwk_enc: string;
  retired_at: string | null;
}

export interface RelyingPartyRow {
  id: number;
  code: string;
  name: string;
  type: string;
  purpose: string;
  allowed_fields: string[];
  min_level: number;
  province_code: string;
  rate_per_minute: number;
  active: boolean;
  has_api_key: boolean;
  created_at: string;
}

/** What verifying an identity QR needs in one round trip: the token, its account and the person. */
export interface TokenSubjectRow {
  account_id: number;
  fields: string[];
  first_relying_party_id: number | null;
  expires_at: string;
  level: number;
  status: string;
  person_id: number;
  personal_id: string;
  full_name: string;
  date_of_birth: string;
  sex: string;
  date_of_death: string | null;
  address: string | null;
}

export interface VerificationInsert {
  relyingPartyId: number;
  staffId: number | null;
  method: 'identity_qr' | 'card_qr' | 'chip' | 'wallet';
  personId: number | null;
  result: 'valid' | 'invalid';
  reason: string | null;
  reasonText: string | null;
  fields: string[];
  purpose: string;
  /** Whom the row is about (names the audit entries of the counter's list; never in an answer). */
  personalId?: string | null;
  /** The name and personal ID as the counter was shown them (null: not shown, the purpose does not allow it). */
  shownName?: string | null;
  shownNameNorm?: string | null;
  shownPersonalId?: string | null;
}

/** A row of a counter's recent verifications. */
export interface CounterVerificationRow {
  id: number;
  at: string;
  method: string;
  result: string;
  reason: string | null;
  reason_text: string | null;
  fields: string[];
  staff_id: number | null;
  personal_id: string | null;
  shown_name: string | null;
  shown_personal_id: string | null;
}

export interface CscaRow {
  fingerprint: string;
  subject: string;
  serial: string;
  not_before: string;
  not_after: string;
  der: Buffer | Uint8Array;
  added_at: string;
}

/** Advisory lock class of a counter's card-check budget (two-key form, the second the relying party's id: never the audit chain's one-key lock). */
const CARD_CHECK_LOCK = 6_000_216;

const RP_COLUMNS = `id, code, name, type, purpose, allowed_fields, min_level, province_code, rate_per_minute, active,
  api_key_hash IS NOT NULL AS has_api_key, created_at`;

/** The only code that reads or writes the credentials tables. */
export function createCredentialStore(db: Queryable) {
  return {
    // ---- signing keys ----
    async insertSigningKey(k: { kid: string; alg: string; publicJwk: Record<string, unknown>; privateJwkEnc: string }, tx: Queryable = db) {
      await tx.query('INSERT INTO credential_signing_keys (kid, alg, public_jwk, private_jwk_enc) VALUES ($1, $2, $3, $4)',
        [k.kid, k.alg, JSON.stringify(k.publicJwk), k.privateJwkEnc]);
    },
    async retireCurrentKeys(tx: Queryable = db) {
      await tx.query('UPDATE credential_signing_keys SET retired_at = now() WHERE retired_at IS NULL');
    },
    async deleteKeysRetiredBefore(retentionSeconds: number, tx: Queryable = db) {
      await tx.query('DELETE FROM credential_signing_keys WHERE retired_at < now() - make_interval(secs => $1::integer)', [retentionSeconds]);
    },
    /** Current key first, then retired keys still inside the retention window. */
    async liveSigningKeys(retentionSeconds: number): Promise<SigningKeyRow[]> {
      const r = await db.query<SigningKeyRow>(
        `SELECT kid, alg, public_jwk, private_jwk_enc, retired_at FROM credential_signing_keys
          WHERE retired_at IS NULL OR retired_at > now() - make_interval(secs => $1::integer)
          ORDER BY retired_at DESC NULLS FIRST, created_at DESC`,
        [retentionSeconds],
      );
      return r.rows;
    },

    // ---- relying parties ----
    async insertRelyingParty(rp: { code: string; name: string; type: string; purpose: string; allowedFields: string[]; minLevel: number; provinceCode: string; apiKeyHash: string | null; ratePerMinute: number }) {
      const r = await db.query<RelyingPartyRow>(
        `INSERT INTO relying_parties (code, name, type, purpose, allowed_fields, min_level, province_code, api_key_hash, rate_per_minute)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (code) DO NOTHING RETURNING ${RP_COLUMNS}`,
        [rp.code, rp.name, rp.type, rp.purpose, rp.allowedFields, rp.minLevel, rp.provinceCode, rp.apiKeyHash, rp.ratePerMinute],
      );
      return r.rows[0];
    },
    /** `provinceCode`: only if the relying party belongs to that province. */
    async updateRelyingParty(id: number, rp: { name: string; type: string; purpose: string; allowedFields: string[]; minLevel: number; ratePerMinute: number; active: boolean }, provinceCode?: string) {
      const r = await db.query<RelyingPartyRow>(
        `UPDATE relying_parties SET name = $2, type = $3, purpose = $4, allowed_fields = $5, min_level = $6, rate_per_minute = $7, active = $8
          WHERE id = $1 AND ($9::text IS NULL OR province_code = $9) RETURNING ${RP_COLUMNS}`,
        [id, rp.name, rp.type, rp.purpose, rp.allowedFields, rp.minLevel, rp.ratePerMinute, rp.active, provinceCode ?? null],
      );
      return r.rows[0];
    },
    async setApiKeyHash(id: number, hash: string) {
      await db.query('UPDATE relying_parties SET api_key_hash = $2 WHERE id = $1', [id, hash]);
    },
    async setRelyingPartyActive(id: number, active: boolean) {
      await db.query('UPDATE relying_parties SET active = $2 WHERE id = $1', [id, active]);
    },
    /** Every relying party, or those of one province. */
    async listRelyingParties(provinceCode?: string): Promise<RelyingPartyRow[]> {
      return (await db.query<RelyingPartyRow>(
        `SELECT ${RP_COLUMNS} FROM relying_parties WHERE ($1::text IS NULL OR province_code = $1) ORDER BY name`, [provinceCode ?? null],
      )).rows;
    },
    async findRelyingParty(id: number): Promise<RelyingPartyRow | undefined> {
      return (await db.query<RelyingPartyRow>(`SELECT ${RP_COLUMNS} FROM relying_parties WHERE id = $1`, [id], 'rp_by_id')).rows[0];
    },
    async findRelyingPartyByCode(code: string): Promise<RelyingPartyRow | undefined> {
      return (await db.query<RelyingPartyRow>(`SELECT ${RP_COLUMNS} FROM relying_parties WHERE code = $1`, [code])).rows[0];
    },
    async findRelyingPartyByKeyHash(hash: string): Promise<RelyingPartyRow | undefined> {
      return (await db.query<RelyingPartyRow>(`SELECT ${RP_COLUMNS} FROM relying_parties WHERE api_key_hash = $1 AND active`, [hash], 'rp_by_key')).rows[0];
    },
    /** Verifications at the counters of one province per kind of relying party in a period, and how many counters of each kind verified (models 6–8, 16, 17, 21). */
    async verificationsByType(from: Date, to: Date, provinceCode: string): Promise<{ type: string; verifications: number; valid: number; sites: number }[]> {
      const r = await db.query<{ type: string; verifications: number; valid: number; sites: number }>(
        `SELECT rp.type, count(*)::int AS verifications, count(*) FILTER (WHERE v.result = 'valid')::int AS valid, count(DISTINCT v.relying_party_id)::int AS sites
           FROM verifications v JOIN relying_parties rp ON rp.id = v.relying_party_id
          WHERE v.at >= $1 AND v.at < $2 AND rp.province_code = $3 GROUP BY 1 ORDER BY 2 DESC`,
        [from, to, provinceCode]);
      return r.rows.map((x) => ({ type: x.type, verifications: Number(x.verifications), valid: Number(x.valid), sites: Number(x.sites) }));
    },

    async verificationCounts(): Promise<{ relying_party_id: number; total: number; valid: number; last_at: string | null }[]> {
      const r = await db.query<{ relying_party_id: number; total: string; valid: string; last_at: string | null }>(
        `SELECT relying_party_id, count(*) AS total, count(*) FILTER (WHERE result = 'valid') AS valid, max(at) AS last_at
           FROM verifications GROUP BY relying_party_id`,
      );
      return r.rows.map((x) => ({ relying_party_id: Number(x.relying_party_id), total: Number(x.total), valid: Number(x.valid), last_at: x.last_at }));
    },

    // ---- identity QR tokens ----
    async insertToken(t: { jti: string; accountId: number; fields: string[]; expiresAt: Date }) {
      await db.query('INSERT INTO identity_qr_tokens (jti, account_id, fields, expires_at) VALUES ($1, $2, $3, $4)',
        [t.jti, t.accountId, t.fields, t.expiresAt.toISOString()], 'qr_token_insert');
    },
    async deleteTokensExpiredBefore(seconds: number) {
      await db.query('DELETE FROM identity_qr_tokens WHERE expires_at < now() - make_interval(secs => $1::integer)', [seconds]);
    },
    /** Each token with its account and the person's current registry record, in one read (answers in the order asked). */
    async findTokenSubjects(jtis: string[]): Promise<(TokenSubjectRow | undefined)[]> {
      const r = await db.query<TokenSubjectRow & { jti: string }>(
        `SELECT t.jti, t.account_id, t.fields, t.first_relying_party_id, t.expires_at, a.level, a.status,
                p.id AS person_id, p.personal_id, p.full_name, p.date_of_birth::text AS date_of_birth, p.sex,
                p.date_of_death::text AS date_of_death, r.address
           FROM identity_qr_tokens t JOIN citizen_accounts a ON a.id = t.account_id
           JOIN people p ON p.id = a.person_id
           LEFT JOIN residences r ON r.person_id = p.id AND r.kind = 'permanent' AND r.valid_to IS NULL
          WHERE t.jti = ANY($1::text[])`,
        [jtis],
        'qr_token_subjects',
      );
      const byJti = new Map(r.rows.map((row) => [row.jti, row]));
      return jtis.map((j) => byJti.get(j));
    },
    /**
     * Tokens go to the first relying party that verifies them; returns each token's owner after the
     * claims (a token claimed twice in one batch goes to one of them).
     */
    async claimTokens(tx: Queryable, claims: { jti: string; relyingPartyId: number }[]): Promise<Map<string, number>> {
      const r = await tx.query<{ jti: string; owner: number }>(
        `WITH c AS (SELECT * FROM unnest($1::text[], $2::bigint[]) AS c(jti, rp)),
              u AS (UPDATE identity_qr_tokens t SET first_relying_party_id = c.rp FROM c
                     WHERE t.jti = c.jti AND t.first_relying_party_id IS NULL RETURNING t.jti, t.first_relying_party_id)
         SELECT DISTINCT c.jti, COALESCE(u.first_relying_party_id, t.first_relying_party_id) AS owner
           FROM c JOIN identity_qr_tokens t ON t.jti = c.jti LEFT JOIN u ON u.jti = c.jti`,
        [claims.map((c) => c.jti), claims.map((c) => c.relyingPartyId)],
      );
      return new Map(r.rows.map((x) => [x.jti, Number(x.owner)]));
    },

    // ---- verifications ----
    async insertVerifications(rows: VerificationInsert[], tx: Queryable = db) {
      if (!rows.length) return;
      await tx.query(
        `INSERT INTO verifications (relying_party_id, staff_id, method, person_id, result, reason, fields, purpose, reason_text,
                                    personal_id, shown_name, shown_name_norm, shown_personal_id)
         SELECT rp, staff, method, person, result, reason, fields::text[], purpose, reason_text, personal_id, shown_name, shown_name_norm, shown_personal_id
           FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                       $10::text[], $11::text[], $12::text[], $13::text[])
             AS v(rp, staff, method, person, result, reason, fields, purpose, reason_text, personal_id, shown_name, shown_name_norm, shown_personal_id)`,
        [
          rows.map((r) => r.relyingPartyId), rows.map((r) => r.staffId), rows.map((r) => r.method), rows.map((r) => r.personId),
          rows.map((r) => r.result), rows.map((r) => r.reason), rows.map((r) => `{${r.fields.join(',')}}`), rows.map((r) => r.purpose),
          rows.map((r) => r.reasonText), rows.map((r) => r.personalId ?? null), rows.map((r) => r.shownName ?? null),
          rows.map((r) => r.shownNameNorm ?? null), rows.map((r) => r.shownPersonalId ?? null),
        ],
      );
    },
    /** Past verifications with their time, in one statement (the demo's history: src/modules/credentials/demo-seed.ts). */
    async insertDemoVerifications(rows: (VerificationInsert & { at: Date })[]) {
      if (!rows.length) return;
      await db.query(
        `INSERT INTO verifications (relying_party_id, staff_id, method, person_id, result, reason, fields, purpose, reason_text, at)
         SELECT rp, NULL, method, person, result, reason, fields::text[], purpose, reason_text, at
           FROM unnest($1::bigint[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::timestamptz[])
             AS v(rp, method, person, result, reason, fields, purpose, reason_text, at)`,
        [
          rows.map((r) => r.relyingPartyId), rows.map((r) => r.method), rows.map((r) => r.personId), rows.map((r) => r.result),
          rows.map((r) => r.reason), rows.map((r) => `{${r.fields.join(',')}}`), rows.map((r) => r.purpose), rows.map((r) => r.reasonText),
          rows.map((r) => r.at.toISOString()),
        ],
      );
    },
    async verificationsOfPerson(personId: number, limit: number) {
      const r = await db.query<{ at: string; method: string; result: string; reason: string | null; reason_text: string | null; fields: string[]; purpose: string; relying_party: string; type: string }>(
        `SELECT v.at, v.method, v.result, v.reason, v.reason_text, v.fields, v.purpose, rp.name AS relying_party, rp.type
           FROM verifications v JOIN relying_parties rp ON rp.id = v.relying_party_id
          WHERE v.person_id = $1 ORDER BY v.at DESC LIMIT $2`,
        [personId, limit],
      );
      return r.rows;
    },
    /**
     * A counter's verifications, newest first, one page and the total; `nameNorm` a part of the name the
     * counter was shown, `personalId` a part of the personal ID it was shown (never what it was not).
     */
    async verificationsOfRelyingParty(relyingPartyId: number, f: { nameNorm?: string; personalId?: string; limit: number; offset: number }) {
      const params = [relyingPartyId, f.nameNorm ?? null, f.personalId ?? null];
      const where = `v.relying_party_id = $1 AND ($2::text IS NULL OR v.shown_name_norm LIKE '%' || $2 || '%')
                     AND ($3::text IS NULL OR v.shown_personal_id LIKE '%' || $3 || '%')`;
      const [page, count] = await Promise.all([
        db.query<CounterVerificationRow>(
          `SELECT v.id, v.at, v.method, v.result, v.reason, v.reason_text, v.fields, v.staff_id, v.personal_id, v.shown_name, v.shown_personal_id
             FROM verifications v WHERE ${where} ORDER BY v.at DESC, v.id DESC LIMIT $4 OFFSET $5`,
          [...params, f.limit, f.offset]),
        db.query<{ n: number }>(`SELECT count(*)::int AS n FROM verifications v WHERE ${where}`, params),
      ]);
      return { rows: page.rows, total: Number(count.rows[0].n) };
    },

    // ---- failed comparisons of unsigned cards (card-qr-guard.ts) ----
    /**
     * Under a lock per counter: this counter's failures in the window (for the ID, and in all), and a
     * new attempt row when both are under their limits. The attempt counts as a failure until it is
     * deleted, so simultaneous tries at one ID cannot all pass the count.
     */
    async reserveCardCheck(tx: Queryable, a: { relyingPartyId: number; personalId: string; staffId: number | null; windowSeconds: number; maxForId: number; maxForCounter: number }) {
      await tx.query('SELECT pg_advisory_xact_lock($1::integer, $2::integer)', [CARD_CHECK_LOCK, a.relyingPartyId % 2_147_483_647], 'card_check_lock');
      const counts = (await tx.query<{ for_id: string; for_counter: string }>(
        `SELECT count(*) FILTER (WHERE personal_id = $2) AS for_id, count(*) AS for_counter
           FROM card_qr_failures WHERE relying_party_id = $1 AND at > now() - make_interval(secs => $3::integer)`,
        [a.relyingPartyId, a.personalId, a.windowSeconds], 'card_check_count')).rows[0];
      const forId = Number(counts.for_id);
      const forCounter = Number(counts.for_counter);
      if (forId >= a.maxForId || forCounter >= a.maxForCounter) return { forId, forCounter, attemptId: null };
      const r = await tx.query<{ id: string }>(
        'INSERT INTO card_qr_failures (relying_party_id, personal_id, staff_id) VALUES ($1, $2, $3) RETURNING id',
        [a.relyingPartyId, a.personalId, a.staffId], 'card_check_insert');
      return { forId, forCounter, attemptId: Number(r.rows[0].id) };
    },
    async deleteCardCheck(attemptId: number) {
      await db.query('DELETE FROM card_qr_failures WHERE id = $1', [attemptId], 'card_check_delete');
    },
    async deleteCardChecksBefore(seconds: number) {
      await db.query('DELETE FROM card_qr_failures WHERE at < now() - make_interval(secs => $1::integer)', [seconds]);
    },
    /**
     * The audit entries of paused card checks raised by counters of a province, newest first. Reads the
     * platform's audit chain (its rows name the counter as actor `rp:<code>`); a partial index keeps it short.
     */
    async cardCheckPauses(provinceCode: string, actions: string[], limit: number) {
      const r = await db.query<{ at: string; action: string; subject_id: string | null; purpose: string | null; code: string; name: string }>(
        `SELECT a.at, a.action, a.subject_id, a.purpose, rp.code, rp.name
           FROM audit_log a JOIN relying_parties rp ON a.actor_id = 'rp:' || rp.code
          WHERE a.action = ANY($1::text[]) AND rp.province_code = $2 ORDER BY a.seq DESC LIMIT $3`,
        [actions, provinceCode, limit]);
      return r.rows;
    },

    // ---- active-authentication challenges ----
    async insertChallenge(challenge: string, relyingPartyId: number, seconds: number) {
      await db.query(`INSERT INTO chip_challenges (challenge, relying_party_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3::integer))`,
        [challenge, relyingPartyId, seconds]);
      if (Math.random() < 0.01) await db.query(`DELETE FROM chip_challenges WHERE expires_at < now() - interval '1 day'`);
    },
    /** Marks a live challenge of this relying party used; false when unknown, expired, used or someone else's. */
    async useChallenge(challenge: string, relyingPartyId: number): Promise<boolean> {
      const r = await db.query(
        `UPDATE chip_challenges SET used_at = now() WHERE challenge = $1 AND relying_party_id = $2 AND used_at IS NULL AND expires_at > now()`,
        [challenge, relyingPartyId],
      );
      return r.rowCount > 0;
    },

    // ---- CSCA trust list ----
    async insertCsca(c: { fingerprint: string; subject: string; serial: string; notBefore: Date; notAfter: Date; der: Uint8Array }) {
      const r = await db.query(
        `INSERT INTO csca_certificates (fingerprint, subject, serial, not_before, not_after, der) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (fingerprint) DO NOTHING`,
        [c.fingerprint, c.subject, c.serial, c.notBefore.toISOString(), c.notAfter.toISOString(), Buffer.from(c.der)],
      );
      return r.rowCount > 0;
    },
    async listCsca(): Promise<CscaRow[]> {
      return (await db.query<CscaRow>('SELECT * FROM csca_certificates ORDER BY added_at')).rows;
    },
    async deleteCsca(fingerprint: string): Promise<boolean> {
      return (await db.query('DELETE FROM csca_certificates WHERE fingerprint = $1', [fingerprint])).rowCount > 0;
    },
  };
}

export type CredentialStore = ReturnType<typeof createCredentialStore>;
