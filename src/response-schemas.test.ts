import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './testing/app.js';

/**
 * The response schema is what leaves the server: Fastify serialises an answer through the compiled
 * schema of its status, and sends an answer without one (or a string) as it is. So every route of the
 * served OpenAPI document declares each 2xx it answers: JSON with a schema, a binary or text download
 * with its content type, 204 without a body.
 */
type Operation = { responses?: Record<string, { description?: string; content?: Record<string, { schema?: Record<string, unknown> }> }> };

let t: TestApp;
let paths: Record<string, Record<string, Operation>>;

beforeAll(async () => {
  t = await testApp();
  const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
  expect(res.statusCode).toBe(200);
  paths = res.json().paths;
});
afterAll(() => t.close());

/** What is wrong with one operation's 2xx answers, if anything. */
function problemsOf(op: Operation): string[] {
  const responses = op.responses ?? {};
  const success = Object.keys(responses).filter((code) => /^2(\d\d|XX)$/i.test(code));
  if (!success.length && !Object.keys(responses).some((code) => /^3\d\d$/.test(code))) return ['declares no 2xx answer'];
  const problems: string[] = [];
  for (const code of success) {
    const { content } = responses[code];
    if (code === '204') {
      if (content) problems.push('204 with a body');
      continue;
    }
    // A route that declares no response schema appears with a description and no content.
    if (!content) {
      problems.push(`${code} without a response schema`);
      continue;
    }
    for (const [mediaType, { schema }] of Object.entries(content)) {
      if (!schema || !Object.keys(schema).length) problems.push(`${code} ${mediaType} with an empty schema`);
      else if (mediaType.includes('json') && !('$ref' in schema) && !('type' in schema) && !('anyOf' in schema) && !('oneOf' in schema)) {
        problems.push(`${code} ${mediaType}: the schema constrains nothing`);
      }
    }
  }
  return problems;
}

describe('response schemas', () => {
  it('reads a document with the routes of every module', () => {
    const urls = Object.keys(paths);
    for (const prefix of ['/api/v1/people', '/api/v1/verifications', '/api/v1/lodging', '/api/v1/ioc', '/api/v1/citizen']) {
      expect(urls.some((u) => u.startsWith(prefix)), prefix).toBe(true);
    }
  });

  it('declares every 2xx answer of every route (JSON schema, download content type, or 204 without body)', () => {
    const missing: string[] = [];
    for (const [url, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const p of problemsOf(op)) missing.push(`${method.toUpperCase()} ${url}: ${p}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('finds an undeclared answer (the check itself)', () => {
    expect(problemsOf({ responses: { 200: { description: 'Default Response' } } })).toEqual(['200 without a response schema']);
    expect(problemsOf({ responses: { 201: { description: 'x', content: { 'application/json': { schema: {} } } } } })).toEqual(['201 application/json with an empty schema']);
    expect(problemsOf({ responses: { 204: { description: 'x', content: { 'application/json': { schema: { type: 'null' } } } } } })).toEqual(['204 with a body']);
    expect(problemsOf({ responses: {} })).toEqual(['declares no 2xx answer']);
    expect(problemsOf({ responses: { 200: { description: 'x', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } } } })).toEqual([]);
  });
});

/**
 * A JSON content type set by hand (problem+json is set by the error handler, for objects it serialises). NDJSON is a
 * file of lines (an agency's signed log, a batch's answers), streamed and declared as a binary file in OpenAPI.
 */
const JSON_TYPE_BY_HAND = /(\.type\(|['"`]content-type['"`]\s*,)\s*['"`]application\/(?!problem\+json|x-ndjson)[\w.+-]*json/i;

describe('no pre-serialised JSON', () => {
  // A handler that sets a JSON content type and sends a string bypasses the serializer (reply.send
  // passes strings as they are): the person detail read once did (RegistryService.getPersonDocument).
  it('no route code sends JSON text it built itself', () => {
    const root = fileURLToPath(new URL('.', import.meta.url));
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, e.name);
        if (e.isDirectory()) walk(path);
        else if (/\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name)) {
          const text = readFileSync(path, 'utf8');
          if (JSON_TYPE_BY_HAND.test(text)) offenders.push(relative(root, path));
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
