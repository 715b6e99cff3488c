import createClient, { type Client, type ClientPathsWithMethod, type MethodResponse } from 'openapi-fetch';
import { messages } from './messages.js';
import type { paths } from './api/schema.js';

/** An RFC 9457 problem from the API (or a network failure, status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly code?: string,
    readonly errors: { field: string; code: string; message: string }[] = [],
  ) {
    super(title);
  }

  /** The title followed by any field messages, ready to show. */
  get detail(): string {
    return [this.title, ...this.errors.map((e) => e.message)].join(' — ');
  }
}

export type ApiClient = Client<paths>;
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type PathOf<M extends Method> = ClientPathsWithMethod<ApiClient, M>;

/** The success answer of a route, from the generated schema: `Answer<'/api/v1/session'>`, `Answer<'/api/v1/plans', 'post'>`. */
export type Answer<P extends PathOf<M>, M extends Method = 'get'> = MethodResponse<ApiClient, M, P>;
/** The JSON body a route takes. */
export type RequestBody<P extends keyof paths, M extends Method = 'post'> = paths[P][M] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : never;
/** The query parameters a GET route takes. */
export type QueryOf<P extends PathOf<'get'>> = NonNullable<paths[P]['get']['parameters']['query']>;

/** Query strings leave out empty values, as a form with blank filters means "any". */
function serializeQuery(query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  return params.toString();
}

/** A client of the da06 API: the cookie session, problem+json answers, and `csrfToken()` on every write. */
export function createApiClient(csrfToken: () => string | undefined, baseUrl = ''): ApiClient {
  const client = createClient<paths>({
    baseUrl,
    credentials: 'same-origin',
    headers: { accept: 'application/json, application/problem+json' },
    querySerializer: serializeQuery,
  });
  client.use({
    onRequest({ request }) {
      const csrf = csrfToken();
      if (request.method !== 'GET' && csrf) request.headers.set('x-csrf-token', csrf);
      return request;
    },
  });
  return client;
}

/** The officer session's CSRF token, held here for the officer client's writes (set by SessionProvider). */
let officerCsrfToken: string | undefined;
let onUnauthorized: () => void = () => {};

export function setOfficerCsrfToken(token: string | undefined): void {
  officerCsrfToken = token;
}

export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

/** The officer pages' client (the citizen pages have their own, with the citizen's CSRF token). */
export const api = createApiClient(() => officerCsrfToken);

/** What an openapi-fetch call resolves to: its data, or its error, with the response. */
export type Answered = { data: unknown; error?: never; response: Response } | { data?: never; error: unknown; response: Response };
/** The data of a successful call (the first member of openapi-fetch's answer). */
type DataOf<R> = R extends { data: infer D; error?: never } ? D : never;

/**
 * The data of a call, or an ApiError with the problem's title, code and field errors (status 0 for a
 * network failure). A 401 ends the officer session and goes to the sign-in page, unless `allow401`
 * (the sign-in itself, and every citizen call).
 */
export async function ok<R extends Answered>(call: Promise<R>, opts: { allow401?: boolean } = {}): Promise<DataOf<R>> {
  let answered: R;
  try {
    answered = await call;
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, messages.networkError);
  }
  const { response } = answered;
  if (response.ok) return answered.data as DataOf<R>;
  const p = (answered.error ?? {}) as { title?: string; code?: string; errors?: ApiError['errors'] };
  const error = new ApiError(response.status, p.title ?? messages.genericError, p.code, p.errors ?? []);
  if (response.status === 401 && !opts.allow401) {
    officerCsrfToken = undefined;
    onUnauthorized();
  }
  throw error;
}
