import { expect } from 'vitest';
import { Value } from '@sinclair/typebox/value';
import { FormatRegistry } from '@sinclair/typebox';
import type { OfficerCaller } from '../platform/access.js';
import { Person } from '../modules/registry/testing.js';
import type { Session, TestApp } from './app.js';

/**
 * The detail read answers JSON built by the database (RegistryStore.findPersonDocument); it must stay
 * field for field what RegistryService.getPerson builds, and match the Person schema. Checks every
 * person the officer sees (at least `atLeast` of them).
 */
export async function expectDetailDocumentsMatchRecords(t: TestApp, session: Session, atLeast: number): Promise<void> {
  const caller = (await t.app.inject({ method: 'GET', url: '/api/v1/session', headers: { cookie: session.cookie } })).json();
  const officer = { kind: 'officer', officerId: 0, username: caller.username, fullName: caller.fullName, role: caller.role, area: caller.area, relyingPartyId: null, csrfToken: '' } as OfficerCaller;
  if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', (v) => /^\d{4}-\d{2}-\d{2}$/.test(v));
  const ids = (await t.db.query<{ personal_id: string }>('SELECT personal_id FROM people ORDER BY id')).rows.map((r) => r.personal_id);
  let seen = 0;
  for (const personalId of ids) {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/people/${personalId}`, headers: { cookie: session.cookie } });
    if (res.statusCode !== 200) continue;
    seen += 1;
    const document = JSON.parse(res.body);
    expect(res.headers['content-type'], personalId).toBe('application/json; charset=utf-8');
    expect(document, personalId).toEqual(await t.services.registry.getPerson(officer, personalId, 'kiểm tra', undefined));
    expect(Value.Check(Person, document), personalId).toBe(true);
  }
  expect(seen).toBeGreaterThanOrEqual(atLeast);
}
