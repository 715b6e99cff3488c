/**
 * Test support for the OIDC tests: a cookie jar that keeps what the provider sets across the
 * redirects of a flow (by name, good enough here) and drops what it expires.
 */
export function cookieJar() {
  const jar = new Map<string, string>();
  return {
    jar,
    header(extra: string[] = []): string {
      return [...[...jar].map(([k, v]) => `${k}=${v}`), ...extra].join('; ');
    },
    keep(res: Response): void {
      for (const c of res.headers.getSetCookie()) {
        const [kv] = c.split(';');
        const i = kv.indexOf('=');
        if (/expires=Thu, 01 Jan 1970/i.test(c)) jar.delete(kv.slice(0, i));
        else jar.set(kv.slice(0, i), kv.slice(i + 1));
      }
    },
  };
}
