import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The built web UI (dist/web): its own module scripts and stylesheet only, no inline script, no eval.
 * Ant Design writes its styles at run time into <style> elements and React sets style attributes, hence
 * 'unsafe-inline' for styles (never for scripts). Images: the citizen's identity QR is a data: SVG.
 * fetch and the alert stream (EventSource) go to the same origin. The camera of the QR scanner is a
 * MediaStream set as srcObject, which no fetch directive governs; ZXing is a lazily loaded module
 * from /assets, not a worker. No upgrade-insecure-requests: a province may serve plain HTTP on its
 * intranet, where upgrading every asset to https would break the UI; HSTS covers HTTPS deployments.
 * The Swagger UI at /api/docs (@fastify/swagger-ui 6: external scripts only, no validator badge)
 * lives within the same policy.
 */
export const UI_CSP = {
  'default-src': ["'self'"],
  'base-uri': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

/**
 * Pages of the OpenID Connect provider (/oidc): its own views carry an inline <style> (views.ts); the
 * form_post response mode and the logout confirmation post a form, the former to the service's own
 * redirect URI on another origin, so form-action is left open. oidc-provider adds the sha256 of its
 * one inline script (form_post's auto-submit) to script-src itself.
 */
export const OIDC_CSP = {
  ...Object.fromEntries(Object.entries(UI_CSP).filter(([name]) => name !== 'form-action')),
};

/**
 * The self-service kiosk's page (/kiosk) also reads the chip card from the program that drives the kiosk's
 * card reader, which answers on the loopback interface only (docs/connectors/kiosk-card-reader.md); its port
 * is the kiosk's own setting. Every other page keeps connect-src 'self'.
 */
export const KIOSK_CSP = { ...UI_CSP, 'connect-src': ["'self'", 'http://127.0.0.1:*', 'http://localhost:*'] };
const isKioskPage = (url: string) => url === '/kiosk' || url.startsWith('/kiosk?') || url.startsWith('/kiosk/');

const ONE_YEAR = 31_536_000;

/** Paths whose answers may carry personal data: a shared cache must never keep them. */
const PERSONAL_PREFIXES = ['/api/', '/oidc/'];

type HeaderSet = readonly (readonly [string, string])[];

/**
 * What helmet would set for these options, computed once: helmet is a middleware that builds its
 * headers on every call (the CSP string parsed again each time: 8% of a lookup's CPU), so it runs here
 * against a recording response and its headers are replayed on each request.
 */
function helmetHeaders(options: HelmetOptions): HeaderSet {
  const headers: [string, string][] = [];
  const recorder = { setHeader: (name: string, value: string) => void headers.push([name.toLowerCase(), String(value)]), removeHeader: () => undefined };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err;
  });
  return headers;
}

/**
 * Security headers on every answer, set on the raw response in onRequest, before middie hands /oidc to
 * the provider, so the provider's pages carry them too (its answers pass no Fastify onSend hook).
 * Register before any route and before middie. HSTS only when the request came over HTTPS, which
 * Fastify's `trustProxy` learns from X-Forwarded-Proto only when a configured proxy sent it
 * (edge.test.ts "add HSTS only when ...").
 */
export async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  const base: HelmetOptions = {
    contentSecurityPolicy: { useDefaults: false, directives: UI_CSP },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' },
    frameguard: { action: 'deny' },
  };
  const hsts = { strictTransportSecurity: { maxAge: ONE_YEAR, includeSubDomains: false } };
  const oidcCsp = { contentSecurityPolicy: { useDefaults: false, directives: OIDC_CSP } };
  const kioskCsp = { contentSecurityPolicy: { useDefaults: false, directives: KIOSK_CSP } };
  const sets = {
    ui: helmetHeaders(base),
    uiHttps: helmetHeaders({ ...base, ...hsts }),
    oidc: helmetHeaders({ ...base, ...oidcCsp }),
    oidcHttps: helmetHeaders({ ...base, ...oidcCsp, ...hsts }),
    kiosk: helmetHeaders({ ...base, ...kioskCsp }),
    kioskHttps: helmetHeaders({ ...base, ...kioskCsp, ...hsts }),
  };
  app.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const url = req.url;
    const oidc = url === '/oidc' || url.startsWith('/oidc/') || url.startsWith('/oidc?');
    const https = req.protocol === 'https';
    const raw = reply.raw;
    raw.removeHeader('x-powered-by');
    const set = oidc ? (https ? sets.oidcHttps : sets.oidc) : isKioskPage(url) ? (https ? sets.kioskHttps : sets.kiosk) : (https ? sets.uiHttps : sets.ui);
    for (const [name, value] of set) raw.setHeader(name, value);
    // Set on the raw response so that the provider's pages get it too; a route that serves public
    // documents (signing keys, status lists) sets its own Cache-Control, which replaces this one.
    if (oidc || PERSONAL_PREFIXES.some((p) => url.startsWith(p))) raw.setHeader('cache-control', 'no-store');
    done();
  });
}
