/**
 * card-reader-standin: a LOCAL STAND-IN for the program that reads chip ID cards on a kiosk, an HTTP
 * server on 127.0.0.1 keeping the contract of docs/connectors/kiosk-card-reader.md, for tests and a
 * developer's machine. It reads no card: it hands out a fixture card (the data `da06 demo-chip` writes,
 * or a test card that can answer the active-authentication challenge) while the card is "on the reader".
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a chip gives (the body of POST /api/v1/kiosk/sessions/chip without the challenge). */
export interface StandinCard {
  sod: string;
  dg1: string;
  dg2?: string;
  dg13?: string;
  dg15?: string;
  /** The chip's answer to INTERNAL AUTHENTICATE (test cards only); without it the read carries no active authentication. */
  signChallenge?: (challenge: Uint8Array) => string;
}

export interface CardReaderStandin {
  url: string;
  /** Puts a card on the reader, or takes it off (undefined). */
  place(card: StandinCard | undefined): void;
  /** How many reads it answered. */
  reads(): number;
  close(): Promise<void>;
}

const MAX_BODY = 4096;

function answer(res: ServerResponse, status: number, body?: unknown) {
  if (body === undefined) return res.writeHead(status).end();
  // A plain HTTP server (the kiosk device's reader, not a da06 route): it writes its own JSON.
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > MAX_BODY) throw new Error('too large');
  }
  return text ? JSON.parse(text) : {};
}

/**
 * Starts the stand-in. `origin`: the kiosk page's origin, the only one the browser lets read the answers
 * (as the real program must). `port` 0 picks a free one.
 */
export async function startCardReaderStandin(opts: { origin: string; port?: number; card?: StandinCard }): Promise<CardReaderStandin> {
  let card = opts.card;
  let reads = 0;
  const server: Server = createServer((req, res) => {
    void (async () => {
      res.setHeader('access-control-allow-origin', opts.origin);
      res.setHeader('vary', 'origin');
      if (req.method === 'OPTIONS') {
        res.setHeader('access-control-allow-methods', 'GET, POST');
        res.setHeader('access-control-allow-headers', 'content-type');
        // Chromium's Private Network Access: a page of the da06 server may call the loopback interface only when it says so.
        if (req.headers['access-control-request-private-network'] === 'true') res.setHeader('access-control-allow-private-network', 'true');
        return answer(res, 204);
      }
      const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
      if (req.method === 'GET' && path === '/status') return answer(res, 200, { card: card !== undefined });
      if (req.method === 'POST' && path === '/read') {
        let challenge: unknown;
        try {
          challenge = (await bodyOf(req) as { challenge?: unknown }).challenge;
        } catch {
          return answer(res, 400, { message: 'Yêu cầu không hợp lệ' });
        }
        if (!card) return answer(res, 409, { message: 'Chưa có thẻ trên đầu đọc' });
        reads += 1;
        const { signChallenge, ...data } = card;
        const aa = typeof challenge === 'string' && signChallenge && data.dg15
          ? { aaChallenge: challenge, aaSignature: signChallenge(Buffer.from(challenge, 'base64')) }
          : {};
        return answer(res, 200, { ...data, ...aa });
      }
      return answer(res, 404, { message: 'Không có' });
    })().catch(() => answer(res, 500));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    place: (c) => {
      card = c;
    },
    reads: () => reads,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
