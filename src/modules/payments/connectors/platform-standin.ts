/**
 * platform-standin: a LOCAL STAND-IN for the national payment platform, an HTTP server on 127.0.0.1 that
 * keeps the contract of docs/connectors/payments.md (our written assumption, not the platform's
 * specification), for tests and a developer's machine. It is NOT the real platform and moves no money:
 * it checks each order's secureCode, gives a platform-style transaction id, answers the status of an
 * order, and — told that the payer paid — writes the signed notification the platform would send to da06.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { secureCodeOf, type PlatformOrder, type PlatformOrderStatus } from './platform.js';

const MAX_BODY = 16_384;

export class PaymentPlatformStandin {
  private readonly orders = new Map<string, PlatformOrderStatus>();
  private serial = 0;

  private constructor(private readonly server: Server, readonly url: string, private readonly secret: string, private readonly merchant: string) {}

  static async start(merchant: string, secret: string): Promise<PaymentPlatformStandin> {
    const holder: { standin?: PaymentPlatformStandin } = {};
    const server = createServer((req, res) => void holder.standin?.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    holder.standin = new PaymentPlatformStandin(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, secret, merchant);
    return holder.standin;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The payer paid on the platform: the order is paid, and here is the notification the platform sends (signed with `notifySecret`). */
  pay(merchantOrderId: string, notifySecret: string, at = new Date()): { body: string; headers: Record<string, string> } {
    const order = this.orders.get(merchantOrderId);
    if (!order) throw new Error(`stand-in: no order ${merchantOrderId}`);
    order.status = 'paid';
    const body = JSON.stringify({ transactionId: order.transactionId, reference: merchantOrderId, amount: order.amount, paidAt: at.toISOString() });
    const timestamp = String(Math.floor(at.getTime() / 1000));
    const signature = createHmac('sha256', notifySecret).update(`${timestamp}.${body}`).digest('hex');
    return { body, headers: { 'content-type': 'application/json', 'x-payment-timestamp': timestamp, 'x-payment-signature': `sha256=${signature}` } };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    const url = new URL(req.url ?? '/', this.url);
    if (req.method === 'POST' && url.pathname === '/payments') {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY) return answer(413, { error: 'too large' });
        chunks.push(chunk as Buffer);
      }
      let o: PlatformOrder & { secureCode?: string };
      try {
        o = JSON.parse(Buffer.concat(chunks).toString('utf8')) as PlatformOrder & { secureCode?: string };
      } catch {
        return answer(400, { error: 'not JSON' });
      }
      if (o.merchantServiceId !== this.merchant || o.paymentAction !== 'PAY' || !Number.isSafeInteger(o.amount) || o.amount <= 0) return answer(400, { error: 'bad order' });
      if (o.secureCode !== secureCodeOf(o, this.secret)) return answer(401, { error: 'bad secureCode' });
      const known = this.orders.get(o.merchantOrderId);
      if (known) return answer(200, { transactionId: known.transactionId, paymentUrl: `${this.url}/pay/${known.transactionId}` });
      this.serial += 1;
      const transactionId = `G22.99.3-${String(Date.now()).slice(-6)}${String(this.serial).padStart(6, '0')}`;
      this.orders.set(o.merchantOrderId, { merchantOrderId: o.merchantOrderId, transactionId, status: 'pending', amount: o.amount });
      return answer(200, { transactionId, paymentUrl: `${this.url}/pay/${transactionId}` });
    }
    const m = /^\/payments\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && m) {
      if (req.headers['x-merchant-service-id'] !== this.merchant) return answer(401, { error: 'unknown merchant' });
      const order = this.orders.get(decodeURIComponent(m[1]));
      return order ? answer(200, order) : answer(404, { error: 'no such order' });
    }
    return answer(404, { error: 'not found' });
  }
}
