// reflect-metadata must be loaded before @peculiar/x509 (its ASN.1 schemas use decorators).
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import * as pkijs from 'pkijs';

// Both libraries reach WebCrypto through a global engine; point them at Node's. Verification in
// this folder uses node:crypto directly (synchronous, faster); WebCrypto is only used by
// @peculiar/x509 when testing.ts creates certificates.
const crypto = webcrypto as unknown as Crypto;
pkijs.setEngine('node-webcrypto', new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto }));
x509.cryptoProvider.set(crypto);

export { pkijs, x509 };
