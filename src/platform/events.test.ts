import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../testing/db.js';
import '../testing/events.js';
import { EventBus } from './events.js';
import type { Db } from './db.js';

let db: Db & { dispose(): Promise<void> };

beforeAll(async () => {
  db = await freshDb();
});

afterAll(async () => {
  await db?.dispose();
});

const next = <T>(bus: EventBus, name: Parameters<EventBus['on']>[0]) =>
  new Promise<T>((resolve) => bus.on(name, (p) => resolve(p as T)));

describe('EventBus', () => {
  it('carries a broadcast event to every bus on the database, the sender included, once each', async () => {
    const [a, b] = [new EventBus(), new EventBus()];
    await a.connect(db);
    await b.connect(db);
    const seen: string[] = [];
    a.on('test.broadcast', () => void seen.push('a'));
    b.on('test.broadcast', () => void seen.push('b'));
    const atB = next<{ alertIds: number[] }>(b, 'test.broadcast');
    await a.emit('test.broadcast', { alertIds: [7], communeCode: '28249', provinceCode: '82' });
    expect((await atB).alertIds).toEqual([7]);
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.sort()).toEqual(['a', 'b']);
    await a.disconnect();
    await b.disconnect();
  });

  it('keeps the other events in the process that emits them', async () => {
    const [a, b] = [new EventBus(), new EventBus()];
    await a.connect(db);
    await b.connect(db);
    let atB = 0;
    b.on('test.local', () => void atB++);
    const atA = next(a, 'test.local');
    await a.emit('test.local', { personId: 1, personalId: '082084001234', dateOfDeath: '2026-11-01' });
    await atA;
    await new Promise((r) => setTimeout(r, 50));
    expect(atB).toBe(0);
    await a.disconnect();
    await b.disconnect();
  });

  // PostgreSQL only: the embedded database has no connection to lose.
  it.skipIf(!process.env.DATABASE_URL)('listens again after losing its connection, and says since when events may have been missed', async () => {
    const [a, b] = [new EventBus(), new EventBus()];
    await a.connect(db);
    await b.connect(db);
    const gaps: Date[] = [];
    b.onGap((since) => gaps.push(since));
    const lostAfter = Date.now();
    await db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                     WHERE datname = current_database() AND query = 'LISTEN da06_events' AND pid <> pg_backend_pid()`);
    for (let i = 0; i < 100 && !gaps.length; i++) await new Promise((r) => setTimeout(r, 50));
    expect(gaps).toHaveLength(1);
    expect(gaps[0].getTime()).toBeGreaterThanOrEqual(lostAfter);
    const atB = next<{ alertIds: number[] }>(b, 'test.broadcast');
    await a.emit('test.broadcast', { alertIds: [9], communeCode: '28249', provinceCode: '82' });
    expect((await atB).alertIds).toEqual([9]);
    await a.disconnect();
    await b.disconnect();
  });

  it('works unconnected, in one process', async () => {
    const bus = new EventBus();
    const got = next<{ alertIds: number[] }>(bus, 'test.broadcast');
    await bus.emit('test.broadcast', { alertIds: [1], communeCode: '1', provinceCode: '2' });
    expect((await got).alertIds).toEqual([1]);
  });
});
