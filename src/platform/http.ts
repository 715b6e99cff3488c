import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicRoute } from './access.js';
import { DomainError, fieldError, toProblem, type FieldError, type FieldErrorCode } from './errors.js';
import { hasUnstorableText, unstorableTextFields } from './text.js';

/** Masks 12-digit IDs, 9-digit CMND and phone numbers wherever they appear in logged text. */
export function maskSensitive(text: string): string {
  return text
    .replace(/(?<!\d)(\d{3})\d{6}(\d{3})(?!\d)/g, '$1******$2')
    .replace(/(?<!\d)(0\d{2})\d{4}(\d{3})(?!\d)/g, '$1****$2')
    .replace(/(?<!\d)(\d{2})\d{5}(\d{2})(?!\d)/g, '$1*****$2');
}

export const loggerOptions = (level: string) => ({
  level,
  redact: { paths: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]'], censor: '[ẩn]' },
  serializers: {
    req(req: FastifyRequest) {
      return { method: req.method, url: maskSensitive(req.url), requestId: req.id };
    },
  },
});

const KEYWORD_CODES: Record<string, FieldErrorCode> = {
  required: 'REQUIRED',
  additionalProperties: 'UNKNOWN_FIELD',
  maxLength: 'TOO_LONG',
  format: 'INVALID_FORMAT',
  pattern: 'INVALID_FORMAT',
};

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
}

function fieldErrorsOf(err: FastifyError & { validation?: AjvError[]; validationContext?: string }): FieldError[] {
  return (err.validation ?? []).map((v) => {
    let field = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    if (v.keyword === 'required') field = [field, v.params.missingProperty].filter(Boolean).join('.');
    if (v.keyword === 'additionalProperties') field = [field, v.params.additionalProperty].filter(Boolean).join('.');
    if (!field) field = err.validationContext ?? 'body';
    return fieldError(field, KEYWORD_CODES[v.keyword] ?? 'INVALID_FORMAT');
  });
}

/** Where the router sends a request it cannot take; see `frameworkErrors`. */
const FRAMEWORK_ERRORS_PATH = '/api/v1/framework-errors';

/**
 * Fastify's `frameworkErrors` option: a malformed percent-escape (FST_ERR_BAD_URL) or a path parameter
 * past `maxParamLength` fails in the router, before any hook, and Fastify would answer with its own JSON
 * repeating the path. The request is routed again to a fixed internal path instead, so that it passes
 * the same hooks (security headers) and the one error handler as any other (edge.test.ts).
 */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  req.raw.url = `${FRAMEWORK_ERRORS_PATH}/${err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'too-long' : 'bad-url'}`;
  req.server.routing(req.raw, reply.raw);
}

/** The one place where failures become RFC 9457 problem+json. */
export function installErrorHandling(app: FastifyInstance, opts: { spaFallback: boolean }): void {
  app.route(publicRoute({
    method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    url: `${FRAMEWORK_ERRORS_PATH}/:kind`,
    audit: 'none',
    schema: { hide: true },
    // Refused before the body is read: whatever the original request carried is never parsed.
    onRequest: async (req: FastifyRequest) => {
      const params: unknown = req.params;
      throw typeof params === 'object' && params !== null && 'kind' in params && params.kind === 'too-long'
        ? new DomainError('URI_TOO_LONG')
        : new DomainError('VALIDATION_FAILED', {}, [fieldError('url', 'INVALID_FORMAT')]);
    },
    handler: () => undefined,
  }));
  app.setErrorHandler((err: FastifyError & { validation?: AjvError[] }, req: FastifyRequest, reply: FastifyReply) => {
    let domain: DomainError;
    if (err instanceof DomainError) domain = err;
    else if (err.validation) domain = new DomainError('VALIDATION_FAILED', {}, fieldErrorsOf(err));
    else if (err.statusCode === 429) domain = new DomainError('RATE_LIMITED');
    else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Malformed JSON, wrong content type, body too large: the caller's fault, said plainly.
      domain = new DomainError('VALIDATION_FAILED', {}, [fieldError('body', 'INVALID_FORMAT')]);
    } else {
      req.log.error({ err }, 'unhandled error');
      domain = new DomainError('INTERNAL');
    }
    // A wait the service computed (sign-in back-off) is also said the standard way (RFC 9110 §10.2.3).
    if (domain.status === 429 && typeof domain.params.seconds === 'number') reply.header('retry-after', String(domain.params.seconds));
    reply.code(domain.status).type('application/problem+json').send(toProblem(domain, req.id));
  });
  app.setNotFoundHandler((req, reply) => {
    if (opts.spaFallback && req.method === 'GET' && !req.url.startsWith('/api/')) {
      return reply.type('text/html').sendFile('index.html');
    }
    reply.code(404).type('application/problem+json').send(toProblem(new DomainError('NOT_FOUND'), req.id));
  });
}

/** Deny by default: refuse to start if any route forgot to say who may call it. */
export function requireAccessDeclarations(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const internal = route.url.startsWith('/api/docs') || route.url === '/*' || route.url.startsWith('/assets');
    if (!internal && !route.config?.access) {
      throw new Error(`Route ${route.method} ${route.url} does not declare its access tier`);
    }
  });
}

/**
 * Every route, before its schema: text that cannot be stored (NUL, other C0 controls but tab, CR and LF,
 * lone surrogates) in the path, query, body or headers is refused with one field error per place, so it
 * never reaches a service nor a transaction grouped with other people's requests (platform/text-input.test.ts).
 * A preValidation hook, so it runs after the caller is known, wherever authentication runs.
 */
export function installInputGuards(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    if (!hasUnstorableText(req.params) && !hasUnstorableText(req.query) && !hasUnstorableText(req.body) && !hasUnstorableText(req.headers)) return;
    const fields = [
      ...unstorableTextFields(req.params, 'params'),
      ...unstorableTextFields(req.query, 'querystring'),
      ...unstorableTextFields(req.body, 'body'),
      ...unstorableTextFields(req.headers, 'headers'),
    ];
    if (fields.length) throw new DomainError('VALIDATION_FAILED', {}, fields.map((f) => fieldError(f, 'INVALID_CHARACTERS')));
  });
}
