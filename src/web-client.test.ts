import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WEB_SCHEMA_FILE, webClientSchema } from '../scripts/web-client.js';
import { ApiError, createApiClient, ok, setUnauthorizedHandler } from '../web/src/api.js';

describe('web/src/api/schema.ts (run `npm run docs` when this fails)', () => {
  it('matches what docs/openapi.json generates', async () => {
    const openapi = readFileSync(new URL('../docs/openapi.json', import.meta.url), 'utf8');
    const committed = readFileSync(WEB_SCHEMA_FILE, 'utf8');
    expect(committed.startsWith('/**\n * @generated')).toBe(true);
    expect(committed).toBe(await webClientSchema(openapi));
  });
});

describe('the web UI client (web/src/api.ts)', () => {
  const BASE = 'http://da06.test';
  afterEach(() => {
    vi.unstubAllGlobals();
    setUnauthorizedHandler(() => {});
  });

  /** A client whose fetch answers `answer` and records each request. */
  function clientAnswering(answer: () => Response) {
    const requests: Request[] = [];
    vi.stubGlobal('fetch', async (request: Request) => {
      requests.push(request);
      return answer();
    });
    return { client: createApiClient(() => 'csrf-1', BASE), requests };
  }

  it('sends the CSRF token on writes only, JSON bodies typed as such, and leaves empty query values out', async () => {
    const { client, requests } = clientAnswering(() => Response.json({ items: [], hasMore: false }));
    await ok(client.GET('/api/v1/people', { params: { query: { q: 'Lan', communeCode: '', limit: 20 } } }));
    await ok(client.POST('/api/v1/session', { body: { username: 'canbo', password: 'x' } }));
    expect(requests[0].url).toBe(`${BASE}/api/v1/people?q=Lan&limit=20`);
    expect(requests[0].headers.get('x-csrf-token')).toBeNull();
    expect(requests[0].headers.get('accept')).toBe('application/json, application/problem+json');
    expect(requests[1].headers.get('x-csrf-token')).toBe('csrf-1');
    expect(requests[1].headers.get('content-type')).toBe('application/json');
    expect(await requests[1].json()).toEqual({ username: 'canbo', password: 'x' });
  });

  it('turns a problem+json answer into an ApiError with its title, code and field errors', async () => {
    const problem = { title: 'Dữ liệu không hợp lệ', code: 'VALIDATION', errors: [{ field: 'q', code: 'too_short', message: 'Quá ngắn' }] };
    const { client } = clientAnswering(() => new Response(JSON.stringify(problem), { status: 400, headers: { 'content-type': 'application/problem+json' } }));
    const error = await ok(client.GET('/api/v1/people')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, title: problem.title, code: 'VALIDATION', errors: problem.errors });
    expect((error as ApiError).detail).toBe('Dữ liệu không hợp lệ — Quá ngắn');
  });

  it('sends a 401 to the sign-in handler, except where the caller handles it', async () => {
    const unauthorized = vi.fn();
    setUnauthorizedHandler(unauthorized);
    const { client } = clientAnswering(() => Response.json({ title: 'Chưa đăng nhập', code: 'UNAUTHENTICATED' }, { status: 401 }));
    await expect(ok(client.GET('/api/v1/session'), { allow401: true })).rejects.toMatchObject({ status: 401 });
    expect(unauthorized).not.toHaveBeenCalled();
    await expect(ok(client.GET('/api/v1/session'))).rejects.toMatchObject({ status: 401 });
    expect(unauthorized).toHaveBeenCalledTimes(1);
  });

  it('reads a network failure as status 0 and lets an abort through', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('fetch failed');
    });
    const client = createApiClient(() => undefined, BASE);
    await expect(ok(client.GET('/api/v1/session'))).rejects.toMatchObject({ status: 0 });
    const ctrl = new AbortController();
    ctrl.abort();
    vi.stubGlobal('fetch', async (request: Request) => {
      request.signal.throwIfAborted();
      return Response.json({});
    });
    const aborted = createApiClient(() => undefined, BASE);
    await expect(ok(aborted.GET('/api/v1/session', { signal: ctrl.signal }))).rejects.toMatchObject({ name: 'AbortError' });
  });
});
