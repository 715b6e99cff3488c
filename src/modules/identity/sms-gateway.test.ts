import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpSmsSender, SmsGatewayError } from './sms-gateway.js';

/**
 * A local stand-in for the province's SMS gateway, listening on 127.0.0.1 for this test only: it
 * checks the contract (README, configuration), it is not a real gateway.
 */
interface Received { method?: string; authorization?: string; contentType?: string; body: unknown }
let standIn: Server;
let base: string;
const received: Received[] = [];
let answer: { status: number; delayMs?: number } = { status: 202 };

const read = (req: IncomingMessage) => new Promise<string>((resolve) => {
  let text = '';
  req.on('data', (d: Buffer) => (text += d.toString()));
  req.on('end', () => resolve(text));
});

beforeAll(async () => {
  standIn = createServer(async (req, res) => {
    received.push({ method: req.method, authorization: req.headers.authorization, contentType: req.headers['content-type'], body: JSON.parse(await read(req)) });
    setTimeout(() => res.writeHead(answer.status).end(), answer.delayMs ?? 0);
  });
  await new Promise<void>((resolve) => standIn.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(standIn.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => {
  standIn.closeAllConnections();
  standIn.close(() => resolve());
}));

describe('HTTP SMS sender (the connector to the province gateway)', () => {
  it('posts {to, text} as JSON with the bearer token', async () => {
    answer = { status: 202 };
    await createHttpSmsSender({ url: `${base}/sms`, token: 'ma-thong-bao-thu-nghiem' }).send('0912345678', 'Mã xác thực: 123456');
    expect(received.at(-1)).toEqual({
      method: 'POST', authorization: 'Bearer ma-thong-bao-thu-nghiem', contentType: 'application/json',
      body: { to: '0912345678', text: 'Mã xác thực: 123456' },
    });
  });

  it('fails clearly when the gateway refuses, naming the status but never the token', async () => {
    answer = { status: 503 };
    const err = await createHttpSmsSender({ url: `${base}/sms`, token: 'ma-thong-bao-thu-nghiem' }).send('0912345678', 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsGatewayError);
    expect((err as Error).message).toMatch(/HTTP 503/);
    expect((err as Error).message).not.toContain('ma-thong-bao-thu-nghiem');
  });

  it('gives up after its timeout', async () => {
    answer = { status: 202, delayMs: 2_000 };
    const started = Date.now();
    const err = await createHttpSmsSender({ url: `${base}/sms`, token: 'x'.repeat(20), timeoutMs: 200 }).send('0912345678', 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsGatewayError);
    expect((err as Error).message).toMatch(/200 ms/);
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('fails clearly when nothing listens', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await createHttpSmsSender({ url: `http://127.0.0.1:${port}/sms`, token: 'x'.repeat(20) }).send('0912345678', 'x').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SmsGatewayError);
    expect((err as Error).message).toContain(`127.0.0.1:${port}`);
  });
});
