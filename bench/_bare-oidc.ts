// The ceiling of the OIDC bench: a bare oidc-provider (the version da06 uses) with its own in-memory
// adapter, in its own process on node:http, mounted at /oidc like da06's. Same grants and the same
// work per grant as da06's provider: rotating refresh tokens of a public client with pairwise
// subjects and an ES256 ID token, client credentials of a confidential client (client_secret_basic),
// same lifetimes; no database, no account lookup, no audit.
// GET /bench/refresh-tokens mints BARE_CHAINS refresh tokens (grant + token, as a code flow leaves
// them) for the bench to rotate; the client credentials are those of BARE_CC_ID / BARE_CC_SECRET.
import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const { default: Provider } = await import('oidc-provider');
const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}/oidc`;
const REDIRECT = 'https://rp.bench.test/cb';
const pairwiseKey = randomBytes(32);

function signingKey(alg: 'ES256' | 'RS256') {
  const pair = alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...(pair.privateKey.export({ format: 'jwk' }) as Record<string, unknown>), kid: `${alg.toLowerCase()}-bare`, alg, use: 'sig' };
}

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: 'bench-public', application_type: 'web', redirect_uris: [REDIRECT], response_types: ['code'], grant_types: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_method: 'none', scope: 'openid offline_access profile', subject_type: 'pairwise', id_token_signed_response_alg: 'ES256',
    },
    {
      client_id: process.env.BARE_CC_ID!, client_secret: process.env.BARE_CC_SECRET!, application_type: 'web', redirect_uris: [REDIRECT], response_types: ['code'],
      grant_types: ['authorization_code', 'refresh_token', 'client_credentials'], token_endpoint_auth_method: 'client_secret_basic',
      scope: 'openid offline_access profile', subject_type: 'pairwise', id_token_signed_response_alg: 'ES256',
    },
  ],
  jwks: { keys: [signingKey('ES256'), signingKey('RS256')] as never },
  cookies: { keys: [randomBytes(32).toString('base64url')] },
  scopes: ['openid', 'profile', 'offline_access'],
  subjectTypes: ['pairwise'],
  pairwiseIdentifier: (_ctx, accountId, client) => createHmac('sha256', pairwiseKey).update(`${client.sectorIdentifier}|${accountId}`).digest('base64url'),
  responseTypes: ['code'],
  pkce: { required: () => true },
  enabledJWA: { idTokenSigningAlgValues: ['ES256', 'RS256'] },
  clientAuthMethods: ['none', 'client_secret_basic', 'client_secret_post'],
  features: { devInteractions: { enabled: false }, clientCredentials: { enabled: true }, userinfo: { enabled: true }, revocation: { enabled: true } },
  conformIdTokenClaims: true,
  issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
  rotateRefreshToken: () => true,
  ttl: { AccessToken: 600, AuthorizationCode: 60, ClientCredentials: 600, IdToken: 3600, RefreshToken: 8 * 3600, Interaction: 900, Session: 8 * 3600, Grant: 30 * 86400 },
  findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
});

async function mintRefreshTokens(n: number): Promise<string[]> {
  const client = await provider.Client.find('bench-public');
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const accountId = String(i + 1);
    const grant = new provider.Grant({ accountId, clientId: 'bench-public' });
    grant.addOIDCScope('openid profile');
    const grantId = await grant.save();
    const token = new provider.RefreshToken({
      accountId, grantId, client: client!, scope: 'openid profile', gty: 'authorization_code', authTime: Math.floor(Date.now() / 1000), acr: 'bench', expiresWithSession: false,
    } as never);
    out.push(await token.save());
  }
  return out;
}

const handle = provider.callback();
const server = createServer((req, res) => {
  if (req.url === '/ready') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  } else if (req.url === '/bench/refresh-tokens') {
    mintRefreshTokens(Number(process.env.BARE_CHAINS ?? 64)).then((tokens) => {
      const body = JSON.stringify(tokens);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    }, (err) => res.writeHead(500).end(String(err)));
  } else if (req.url?.startsWith('/oidc/')) {
    req.url = req.url.slice('/oidc'.length);
    void handle(req, res);
  } else {
    res.writeHead(404).end();
  }
});
// Fastify's default (the real server's): node:http alone closes a kept-alive connection idle for 5 s.
server.keepAliveTimeout = 72_000;
server.listen(port, '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
