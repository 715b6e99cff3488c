import { expect } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { FormatRegistry, type TSchema } from '@sinclair/typebox';
import type { OfficerCaller } from '../platform/access.js';
import { Person } from '../modules/registry/testing.js';
import type { Session, TestApp } from './app.js';

/**
 * The schema with `additionalProperties: false` on every object, at every depth: a value passes only
 * when it has exactly the declared keys (every `Person` key is required, nullable ones included).
 */
export function exactKeys<T extends TSchema>(schema: T): T {
  const tighten = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(tighten);
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = tighten(v);
    if (out.type === 'object' && out.properties) out.additionalProperties = false;
    return out;
  };
  // Symbol keys (TypeBox's [Kind]) are kept by copying them over.
  const copy = (node: unknown, tight: unknown): unknown => {
    if (!node || typeof node !== 'object') return tight;
    for (const s of Object.getOwnPropertySymbols(node)) (tight as Record<symbol, unknown>)[s] = (node as Record<symbol, unknown>)[s];
    for (const [k, v] of Object.entries(node)) copy(v, (tight as Record<string, unknown>)[k]);
    return tight;
  };
  return copy(schema, tighten(schema)) as T;
}

/**
 * The detail route answers the record PostgreSQL builds in one statement (RegistryService.getPersonDocument,
 * RegistryStore.findPersonDocument); the writes answer the record RegistryService.readPerson builds from
 * rows. Both must have exactly the keys of the `Person` schema at every depth (the schema is the only
 * definition of the shape), hold the same values, and the served document must be the whole of it (the
 * serializer drops nothing). Checks every person the officer sees (at least `atLeast` of them), and that
 * the nested lists were exercised (a household with members, former identifiers, residences, life events).
 */
export async function expectDetailDocumentsMatchRecords(t: TestApp, session: Session, atLeast: number): Promise<void> {
  const caller = (await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: session.cookie } })).json();
  const officer = { kind: 'officer', officerId: 0, username: caller.username, fullName: caller.fullName, role: caller.role, area: caller.area, relyingPartyId: null, csrfToken: '' } as OfficerCaller;
  if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', (v) => /^\d{4}-\d{2}-\d{2}$/.test(v));
  const exactPerson = exactKeys(Person);
  const ids = (await t.db.query<{ personal_id: string }>('SELECT personal_id FROM people ORDER BY id')).rows.map((r) => r.personal_id);
  const exercised = { members: false, formerIdentifiers: false, residences: false, lifeEvents: false };
  let seen = 0;
  for (const personalId of ids) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/people/${personalId}`, headers: { cookie: session.cookie } });
    if (res.statusCode !== 200) continue;
    seen += 1;
    const served = JSON.parse(res.body);
    const fromDatabase = await t.services.registry.getPersonDocument(officer, personalId);
    const fromRows = await t.services.registry.readPerson(officer, personalId);
    expect(res.headers['content-type'], personalId).toBe('application/json; charset=utf-8');
    expect(Value.Errors(exactPerson, fromDatabase).First(), `${personalId}: the database's document`).toBeUndefined();
    expect(Value.Errors(exactPerson, fromRows).First(), `${personalId}: readPerson`).toBeUndefined();
    expect(fromDatabase, personalId).toEqual(fromRows);
    expect(served, personalId).toEqual(fromRows);
    exercised.members ||= (fromRows.household?.members.length ?? 0) > 0;
    exercised.formerIdentifiers ||= fromRows.formerIdentifiers.length > 0;
    exercised.residences ||= fromRows.residences.length > 0;
    exercised.lifeEvents ||= fromRows.lifeEvents.length > 0;
  }
  expect(seen).toBeGreaterThanOrEqual(atLeast);
  expect(exercised).toEqual({ members: true, formerIdentifiers: true, residences: true, lifeEvents: true });
}
