/**
 * Client of da06's data-sharing gateway (LGSP) for an agency's system.
 *
 * The agency holds a private signing key whose public half (JWKS) the province's administrator registered with
 * the agency. The client authenticates at da06's OpenID provider with a signed assertion (private_key_jwt,
 * RFC 7523), obtains a client-credentials access token bound to its own DPoP key (RFC 9449), and sends every call
 * with `Authorization: DPoP <token>` and a fresh proof for that method and URL. Refusals (RFC 9457 problem+json)
 * are thrown as `ExchangeError` with their `code` (docs/errors.md).
 */
import { randomUUID, createHash } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, importJWK, type JWK, type CryptoKey } from 'jose';

export interface ExchangeClientOptions {
  /** da06's public URL, e.g. https://dancu.tinh.gov.vn */
  baseUrl: string;
  /** The client id da06 gave the agency when it was registered. */
  clientId: string;
  /** The agency's private signing key (JWK with `d` and `kid`), EC P-256 (ES256) or Ed25519 (EdDSA). */
  privateJwk: JWK;
  /** The provider's issuer (the assertion's audience); default `${baseUrl}/oidc`. */
  issuer?: string;
  /** Default `${issuer}/token`. */
  tokenEndpoint?: string;
  /** Another fetch (tests, proxies). */
  fetch?: typeof fetch;
  /** Renew the token this many seconds before it expires (default 30). */
  renewBeforeS?: number;
}

/** A refusal of the gateway or the provider, with its problem+json (or OAuth error) fields. */
export class ExchangeError extends Error {
  constructor(
    readonly status: number,
    /** The problem's `code` (e.g. EXCHANGE_NO_GRANT), or the OAuth `error` of the token endpoint (e.g. invalid_client). */
    readonly code: string,
    readonly title: string,
    readonly problem: Record<string, unknown>,
  ) {
    super(`${status} ${code}: ${title}`);
    this.name = 'ExchangeError';
  }
}

export type LookupField = 'fullName' | 'dateOfBirth' | 'sex' | 'nationality' | 'ethnicity' | 'deceased' | 'permanentAddress' | 'communeCode' | 'communeName' | 'provinceName';
export type LookupResult = { personalId: string } & Partial<Record<LookupField, string | boolean | null>>;
/** The agency's own calls per day (GET /api/v1/exchange/usage): per grant against its daily quota, and its refused answers by HTTP status and problem code. */
export interface UsageReport {
  from: string; to: string;
  days: { day: string; agencyId: number; agencyName: string; grantId: number; service: string; calls: number; dailyQuota: number }[];
  refusals: { day: string; agencyId: number; agencyName: string; endpoint: string; status: number; problem: string | null; calls: number }[];
}
/** The agency's own calls (GET /api/v1/exchange/calls), newest first; `nextBefore` null on the last page. */
export interface OwnCalls {
  calls: { seq: number; at: string; method: string; path: string; service: string | null; purpose: string | null; status: number; problem: string | null; requestSha256: string }[];
  nextBefore: number | null;
}
export type CheckService = 'person.is_alive' | 'person.lives_in_commune' | 'person.is_over_18' | 'person.matches';
export interface CheckInput { service: CheckService; personalId: string; purpose: string; communeCode?: string; fullName?: string; dateOfBirth?: string }

/** The records an agency with a write grant attaches to a person (GET /api/v1/exchange/services, kind `write`). */
export type SectorRecordInput =
  | SectorRecordBase & { service: 'sector.health_book'; record: { entryType: 'vaccination' | 'checkup'; vaccine?: string; doseNumber?: number; conclusion?: string; healthClass?: 'I' | 'II' | 'III' | 'IV' | 'V'; facilityName: string } }
  | SectorRecordBase & { service: 'sector.labour_book'; record: { socialInsuranceNumber: string; employerName: string; position?: string; fromDate: string; toDate?: string } }
  | SectorRecordBase & { service: 'sector.land_rights'; record: { certificateNumber: string; parcelNumber: number; mapSheetNumber: number; areaM2: number; landUse: string; address: string; ownership: 'sole' | 'joint' } }
  | SectorRecordBase & { service: 'sector.civil_status_event'; record: { eventType: 'birth' | 'marriage' | 'divorce' | 'death' | 'adoption' | 'guardianship' | 'name_change'; registrationNumber: string; authority: string } };
interface SectorRecordBase {
  /** The agency's own reference: sending it again is the same record (idempotent), never a duplicate. */
  reference: string;
  personalId: string;
  /** The person as the agency's records name them: compared with the registry, never written to it. */
  fullName: string;
  dateOfBirth: string;
  purpose: string;
  recordDate: string;
}
/**
 * `attached`: on the person's record; `pending_review`: received and held for the registry officer (the name or
 * birth date differ from the registry's, or the ID is unknown: one answer for both). `created`: false for a resend.
 */
export interface SectorRecordReceipt { reference: string; service: string; status: 'attached' | 'pending_review'; receivedAt: string; created: boolean }

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const b64sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');
const algOf = (jwk: JWK) => (jwk.kty === 'OKP' ? 'EdDSA' : 'ES256');

async function refusal(res: Response): Promise<ExchangeError> {
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    body = { detail: text };
  }
  const code = String(body.code ?? body.error ?? `HTTP_${res.status}`);
  const title = String(body.title ?? body.error_description ?? res.statusText);
  return new ExchangeError(res.status, code, title, body);
}

export function createExchangeClient(opts: ExchangeClientOptions) {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const issuer = opts.issuer ?? `${base}/oidc`;
  const tokenEndpoint = opts.tokenEndpoint ?? `${issuer}/token`;
  const doFetch = opts.fetch ?? fetch;
  const renewBefore = opts.renewBeforeS ?? 30;
  // One DPoP key per client instance: its tokens are bound to it and useless without it.
  const dpopKey = generateKeyPair('ES256', { extractable: true }).then(async (pair) => ({ ...pair, jwk: await exportJWK(pair.publicKey) }));
  const signingKey = importJWK(opts.privateJwk, algOf(opts.privateJwk)) as Promise<CryptoKey>;
  let current: { token: string; until: number } | undefined;

  /** A DPoP proof for one request (RFC 9449 §4.2): fresh jti, the method, the URL without query, and the token's hash. */
  async function proof(method: string, url: string, token?: string) {
    const { privateKey, jwk } = await dpopKey;
    const u = new URL(url);
    u.search = '';
    u.hash = '';
    return new SignJWT({ htm: method, htu: u.href, ...(token ? { ath: b64sha256(token) } : {}) })
      .setProtectedHeader({ alg: 'ES256', typ: 'dpop+jwt', jwk })
      .setJti(randomUUID()).setIssuedAt().sign(privateKey);
  }

  /** The client assertion (RFC 7523 §3): iss = sub = client id, aud = the issuer, short-lived, unique jti. */
  async function assertion() {
    return new SignJWT({})
      .setProtectedHeader({ alg: algOf(opts.privateJwk), ...(opts.privateJwk.kid ? { kid: opts.privateJwk.kid } : {}) })
      .setIssuer(opts.clientId).setSubject(opts.clientId).setAudience(issuer)
      .setJti(randomUUID()).setIssuedAt().setExpirationTime('60s').sign(await signingKey);
  }

  async function accessToken(): Promise<string> {
    if (current && current.until > Date.now()) return current.token;
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: opts.clientId, client_assertion_type: ASSERTION_TYPE, client_assertion: await assertion() });
    const res = await doFetch(tokenEndpoint, {
      method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', dpop: await proof('POST', tokenEndpoint) },
    });
    if (!res.ok) throw await refusal(res);
    const t = (await res.json()) as { access_token: string; token_type: string; expires_in: number };
    if (t.token_type.toLowerCase() !== 'dpop') throw new ExchangeError(500, 'TOKEN_NOT_DPOP_BOUND', 'the provider returned a token not bound to the DPoP key', t);
    current = { token: t.access_token, until: Date.now() + (t.expires_in - renewBefore) * 1000 };
    return t.access_token;
  }

  /** One call of the gateway with the token and a fresh proof. */
  async function call(method: 'GET' | 'POST', path: string, payload?: object): Promise<Response> {
    const token = await accessToken();
    const url = `${base}${path}`;
    const res = await doFetch(url, {
      method,
      headers: {
        authorization: `DPoP ${token}`, dpop: await proof(method, url, token),
        ...(payload ? { 'content-type': 'application/json' } : {}),
      },
      ...(payload ? { body: JSON.stringify(payload) } : {}),
    });
    if (!res.ok) throw await refusal(res);
    return res;
  }

  return {
    /** Obtains (or reuses) the DPoP-bound access token. */
    accessToken,
    /** A DPoP proof of this client's key, for requests made by hand (e.g. tests of the gateway's refusals). */
    proof,
    /** Forgets the token (the next call obtains a new one). */
    forgetToken() {
      current = undefined;
    },
    /** A person by personal ID: only the fields the agency's grant releases. */
    async lookUp(input: { personalId: string; purpose: string }): Promise<LookupResult> {
      return (await call('POST', '/api/v1/exchange/person-lookups', input)).json() as Promise<LookupResult>;
    },
    /** A yes/no check that discloses nothing else. */
    async check(input: CheckInput): Promise<{ service: string; answer: boolean }> {
      return (await call('POST', '/api/v1/exchange/checks', input)).json() as Promise<{ service: string; answer: boolean }>;
    },
    /** Attaches a sector record to a person under the agency's write grant (resending the same reference is safe). */
    async attachSectorRecord(input: SectorRecordInput): Promise<SectorRecordReceipt> {
      const res = await call('POST', '/api/v1/exchange/sector-records', input);
      return { ...(await res.json() as Omit<SectorRecordReceipt, 'created'>), created: res.status === 201 };
    },
    /**
     * The agency's own console: its calls per day for each grant (against the daily quota), the calls refused for want
     * of consent, and its error answers per endpoint and HTTP status (from its signed log); by default the last 30 days.
     */
    async usage(span: { from?: string; to?: string } = {}): Promise<UsageReport> {
      const q = new URLSearchParams(Object.entries(span).filter((e): e is [string, string] => e[1] !== undefined)).toString();
      return (await call('GET', `/api/v1/exchange/usage${q ? `?${q}` : ''}`)).json() as Promise<UsageReport>;
    },
    /**
     * The agency's own calls, newest first, a page at a time: when, which service and purpose, the answer's status and
     * problem code, the request's SHA-256; pass `nextBefore` of a page as `before` for the next one.
     */
    async calls(page: { before?: number; limit?: number } = {}): Promise<OwnCalls> {
      const q = new URLSearchParams(Object.entries(page).filter((e): e is [string, number] => e[1] !== undefined).map(([k, v]) => [k, String(v)])).toString();
      return (await call('GET', `/api/v1/exchange/calls${q ? `?${q}` : ''}`)).json() as Promise<OwnCalls>;
    },
    /** The agency's own signed log as JSON Lines (header line with the JWKS, then one signed entry a line): save it, check it with `da06 exchange verify`. */
    async log(): Promise<string> {
      return (await call('GET', '/api/v1/exchange/log')).text();
    },
  };
}

export type ExchangeClient = ReturnType<typeof createExchangeClient>;
