import { EventEmitter } from 'node:events';
import { afterCommit, type Db, type Transaction } from './db.js';

/**
 * Named domain events between modules, in process. A module emits after its transaction commits;
 * listeners in other modules react without reading the emitter's tables. Each module defines its
 * events with `defineEvents` (description, whether every node must see it) and adds their payload
 * types to `DomainEvents` by declaration merging; docs/events.md lists the assembled events.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEvents {}
export type EventName = keyof DomainEvents & string;

export interface EventSpec {
  /** What happened, in Vietnamese, for docs/events.md. */
  description: string;
  /**
   * Events every API node must see (a police console may be connected to any node): once the bus is
   * connected to the database they travel through it (NOTIFY on one channel, each node LISTENs, the
   * sender included); the others stay in the process that emits them, whose listeners act once.
   */
  broadcast?: boolean;
}

const eventRegistry = new Map<string, EventSpec>();

/** A module's events, known to the bus from the moment the module is loaded. */
export function defineEvents<const T extends Record<string, EventSpec>>(events: T): T {
  for (const [name, spec] of Object.entries(events)) {
    if (eventRegistry.has(name) && eventRegistry.get(name) !== spec) throw new Error(`Event ${name} is defined twice`);
    eventRegistry.set(name, spec);
  }
  return events;
}

export function eventCatalogue(): ReadonlyMap<string, EventSpec> {
  return eventRegistry;
}

const isBroadcast = (name: string) => eventRegistry.get(name)?.broadcast === true;
const CHANNEL = 'da06_events';

export class EventBus {
  private readonly emitter = new EventEmitter();
  private db: Db | undefined;
  private stopListening: (() => Promise<void>) | undefined;
  private readonly gapListeners = new Set<(since: Date) => void>();

  /** Joins the other nodes sharing the database: broadcast events are sent and received through it. */
  async connect(db: Db): Promise<void> {
    const gap = (since: Date) => {
      for (const listener of this.gapListeners) listener(since);
    };
    this.stopListening = await db.listen(CHANNEL, (message) => {
      let event: { name: EventName; payload: never };
      try {
        event = JSON.parse(message) as typeof event;
      } catch {
        return;
      }
      if (isBroadcast(event.name)) void this.local(event.name, event.payload).catch(() => undefined);
    }, gap);
    this.db = db;
  }

  /**
   * Broadcast events sent since `since` may never have reached this node (its connection to the
   * database was lost, then opened again): a listener that keeps up with them reads what it missed
   * from the database.
   */
  onGap(listener: (since: Date) => void): void {
    this.gapListeners.add(listener);
  }

  async disconnect(): Promise<void> {
    this.db = undefined;
    await this.stopListening?.();
  }

  /** Resolves once local listeners are done, or, for a broadcast event, once the database has it. */
  emit<K extends EventName>(name: K, payload: DomainEvents[K]): Promise<void> {
    if (this.db && isBroadcast(name)) {
      return this.db.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ name, payload })], 'events_notify').then(() => undefined);
    }
    return this.local(name, payload);
  }

  /**
   * Emits with the commit of `tx`: a broadcast event is a NOTIFY inside it, which PostgreSQL delivers
   * when the transaction commits and drops when it (or the savepoint around it) rolls back, so the
   * event costs no transaction of its own; the others reach local listeners once it has committed.
   */
  async emitOnCommit<K extends EventName>(tx: Transaction, name: K, payload: DomainEvents[K]): Promise<void> {
    if (this.db && isBroadcast(name)) {
      await tx.query('SELECT pg_notify($1, $2)', [CHANNEL, JSON.stringify({ name, payload })], 'events_notify');
      return;
    }
    afterCommit(tx, () => void this.local(name, payload).catch(() => undefined));
  }

  private local<K extends EventName>(name: K, payload: DomainEvents[K]): Promise<void> {
    const listeners = this.emitter.listeners(name) as ((p: DomainEvents[K]) => Promise<void> | void)[];
    return Promise.all(listeners.map((l) => l(payload))).then(() => undefined);
  }

  on<K extends EventName>(name: K, listener: (payload: DomainEvents[K]) => Promise<void> | void): void {
    this.emitter.on(name, listener);
  }
}
