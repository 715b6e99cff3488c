import { createHash, randomBytes } from 'node:crypto';
import type { TestApp } from './app.js';
import type { CitizenSession } from './citizen.js';

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;

/** Where a redirect points, as a path the app answers (the provider's locations may carry its issuer's host). */
const pathOf = (location: string) => {
  const url = new URL(location, 'http://da06.invalid');
  return `${url.pathname}${url.search}`;
};

/**
 * A citizen signs in to a relying party through da06's OpenID provider, the way a browser does it
 * (authorization request, the interaction API's login and consent, back to the redirect URI), all
 * through `app.inject`: afterwards the citizen's connected services list the client. Returns the
 * callback URL with its authorization code.
 */
export async function oidcSignIn(
  t: TestApp, citizen: CitizenSession, client: { clientId: string; redirectUri: string }, scope = 'openid profile',
): Promise<URL> {
  // The provider's cookies (session, interaction, resume) by name, as a browser keeps them.
  const jar = new Map<string, string>();
  const keep = (res: Res) => {
    for (const c of res.cookies) {
      const expired = c.maxAge === 0 || (c.expires !== undefined && new Date(c.expires).getTime() <= Date.now());
      if (expired) jar.delete(c.name);
      else jar.set(c.name, c.value);
    }
  };
  const cookie = () => [...[...jar].map(([k, v]) => `${k}=${v}`), citizen.cookie].join('; ');
  const go = async (url: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; payload?: object } = {}) => {
    const res = await t.app.inject({ method: init.method ?? 'GET', url, headers: { ...init.headers, cookie: cookie() }, payload: init.payload });
    keep(res);
    return res;
  };
  const verifier = randomBytes(32).toString('base64url');
  const params = new URLSearchParams({
    client_id: client.clientId, redirect_uri: client.redirectUri, response_type: 'code', scope,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'), code_challenge_method: 'S256',
    state: randomBytes(8).toString('hex'), nonce: randomBytes(8).toString('hex'),
  });
  let res = await go(`/oidc/auth?${params}`);
  for (let i = 0; i < 10; i++) {
    const location = res.headers.location;
    if (typeof location !== 'string') throw new Error(`OIDC sign-in: no redirect (${res.statusCode} ${res.body})`);
    if (location.startsWith(client.redirectUri)) return new URL(location);
    const path = pathOf(location);
    if (!path.startsWith('/api/v1/oidc/interactions/')) {
      res = await go(path);
      continue;
    }
    const details = await go(path, { headers: { accept: 'application/json' } });
    const { prompt } = details.json<{ prompt: 'login' | 'consent' }>();
    const step = await go(`${path}/${prompt}`, {
      method: 'POST', headers: { 'x-csrf-token': citizen.csrf }, payload: prompt === 'consent' ? { approve: true } : {},
    });
    if (step.statusCode !== 200) throw new Error(`OIDC sign-in, ${prompt}: ${step.statusCode} ${step.body}`);
    res = await go(pathOf(step.json<{ redirectTo: string }>().redirectTo));
  }
  throw new Error('OIDC sign-in: too many redirects');
}
