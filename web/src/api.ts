import { messages } from './messages.js';
import type { Session } from './types.js';

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

let session: Session | null = null;
let onUnauthorized: () => void = () => {};

export function setSession(s: Session | null): void {
  session = s;
}

export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

interface Options {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  /** Do not redirect to the sign-in page on 401 (the sign-in call itself). */
  allow401?: boolean;
  /** The CSRF token to send on writes instead of the officer session's (citizen pages). */
  csrfToken?: string;
  /** More request headers (e.g. `Idempotency-Key`). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function api<T>(path: string, opts: Options = {}): Promise<T> {
  const method = opts.method ?? 'GET';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(opts.query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const url = params.size ? `${path}?${params}` : path;
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  const csrf = opts.csrfToken ?? session?.csrfToken;
  if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;

  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, messages.networkError);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    const p = (data ?? {}) as { title?: string; code?: string; errors?: ApiError['errors'] };
    const error = new ApiError(res.status, p.title ?? messages.genericError, p.code, p.errors ?? []);
    if (res.status === 401 && !opts.allow401) {
      session = null;
      onUnauthorized();
    }
    throw error;
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
