import { createServer } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import { expect } from 'vitest';
import { ExchangeError } from '../../../packages/exchange-client/index.js';

// What the tests of an agency's side share: a port for the app to listen on (the client package calls it over
// HTTP), an agency's key pair, and a refusal read as the client package's typed error.

export const freePort = () => new Promise<number>((resolve, reject) => {
  const srv = createServer().listen(0, '127.0.0.1', () => {
    const { port } = srv.address() as { port: number };
    srv.close(() => resolve(port));
  }).on('error', reject);
});

/** An ES256 key pair of an agency's system: the private JWK for its client, the public one to register. */
export async function keyPair(kid: string) {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' }, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' } };
}

/** The error a client call was refused with (the test fails if it was answered). */
export async function refusal(p: Promise<unknown>): Promise<ExchangeError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(ExchangeError);
  return err as ExchangeError;
}
