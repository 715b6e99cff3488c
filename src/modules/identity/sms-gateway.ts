import type { Queryable } from '../../platform/db.js';
import { createOutboxSender, type MessageSender } from './outbox.js';

export interface SmsGatewaySettings {
  /** DA06_SMS_GATEWAY_URL: where each message is posted. */
  url: string;
  /** DA06_SMS_GATEWAY_TOKEN: sent as a bearer token, never logged. */
  token: string;
  timeoutMs?: number;
}

/** The gateway did not take a message; the one-time code was not sent. */
export class SmsGatewayError extends Error {}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The connector to the province's SMS gateway, which da06 cannot reach from here; its contract
 * (README, configuration) is all it relies on: `POST <url>` with `Authorization: Bearer <token>`
 * and the JSON `{"to": "0912345678", "text": "…"}`; any 2xx means accepted. Tested against a local
 * stand-in (sms-gateway.test.ts); development without a gateway keeps the outbox (outbox.ts).
 */
export function createHttpSmsSender(settings: SmsGatewaySettings): MessageSender {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  // The origin names the gateway in errors; a path or query could carry credentials of its own.
  const origin = new URL(settings.url).origin;
  return {
    async send(to, text) {
      let res: Response;
      try {
        res = await fetch(settings.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${settings.token}` },
          body: JSON.stringify({ to, text }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (err) {
        const reason = (err as Error).name === 'TimeoutError' ? `không trả lời sau ${timeoutMs} ms / no answer after ${timeoutMs} ms` : String((err as Error).cause ?? err);
        throw new SmsGatewayError(`Không gửi được tin nhắn qua cổng SMS ${origin} / SMS gateway unreachable: ${reason}`, { cause: err });
      }
      await res.body?.cancel();
      if (!res.ok) throw new SmsGatewayError(`Cổng SMS ${origin} từ chối tin nhắn / SMS gateway refused the message: HTTP ${res.status}`);
    },
  };
}

/** The gateway when one is configured (always in production: config.ts), else the development outbox. */
export function createMessageSender(db: Queryable, gateway: SmsGatewaySettings | undefined): MessageSender {
  return gateway ? createHttpSmsSender(gateway) : createOutboxSender(db);
}
