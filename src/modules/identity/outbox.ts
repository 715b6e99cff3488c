import type { Queryable } from '../../platform/db.js';

/** Where one-time codes leave the system. Production plugs a gateway in; development keeps the outbox. */
export interface MessageSender {
  send(to: string, text: string): Promise<void>;
}

export interface OutboxMessage {
  id: number;
  channel: 'sms';
  recipientMasked: string;
  body: string;
  createdAt: string;
}

/** 0912345678 → 091****678, as the request logs mask phone numbers. */
export function maskPhone(phone: string): string {
  return phone.length < 7 ? '*'.repeat(phone.length) : phone.slice(0, 3) + '*'.repeat(phone.length - 6) + phone.slice(-3);
}

/** "Mã xác thực: 482913" → "Mã xác thực: ••••••": what may be shown of a message outside development. */
export function maskCodes(text: string): string {
  return text.replace(/\d{4,}/g, (digits) => '•'.repeat(digits.length));
}

/** The only code that reads or writes the outbox table. */
export function createOutboxStore(db: Queryable) {
  return {
    async insert(recipient: string, body: string): Promise<void> {
      await db.query(`INSERT INTO outbox (channel, recipient, body) VALUES ('sms', $1, $2)`, [recipient, body]);
    },
    /** The latest messages, newest first, recipients masked. */
    async latest(limit: number): Promise<OutboxMessage[]> {
      const r = await db.query<{ id: number; channel: 'sms'; recipient: string; body: string; created_at: string | Date }>(
        'SELECT id, channel, recipient, body, created_at FROM outbox ORDER BY id DESC LIMIT $1',
        [limit],
      );
      return r.rows.map((m) => ({
        id: Number(m.id), channel: m.channel, recipientMasked: maskPhone(m.recipient), body: m.body, createdAt: new Date(m.created_at).toISOString(),
      }));
    },
  };
}

export type OutboxStore = ReturnType<typeof createOutboxStore>;

/** The development and test sender: every message lands in the outbox table (`da06 outbox`, GET /api/v1/dev/outbox). */
export function createOutboxSender(db: Queryable): MessageSender {
  const store = createOutboxStore(db);
  return { send: (to, text) => store.insert(to, text) };
}
