/**
 * Test vectors for the chip library: a throw-away CSCA, document signers and cards built the way
 * an issuer would (ICAO 9303-10 LDS, Vietnamese DG13 per DOMAIN.md §3.3). Test code only —
 * every key here is generated at run time and worthless.
 */
import { constants, createPrivateKey, generateKeyPairSync, privateEncrypt, randomBytes, sign, webcrypto, type KeyObject } from 'node:crypto';
import { digest, type HashName } from './algorithms.js';
import { x509 } from './pki.js';
import {
  buildSod,
  buildTd1Mrz,
  DEFAULT_PERSON,
  dg13Entries,
  encodeDg1,
  encodeDg13,
  encodeDg15,
  encodeDg2,
  type Dg13Entry,
  type TestHash,
  type TestPerson,
  type TestSignatureAlgorithm,
} from './testing-lds.js';

export * from './testing-lds.js';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

export interface TestCardOptions {
  /** Change a data group after the SOD was signed (DG15: swap in another key, as a cloner would). */
  tamper?: 'dg1' | 'dg2' | 'dg13' | 'dg15';
  /** Sign the SOD with a key other than the one in the embedded document signer certificate. */
  wrongSignerKey?: boolean;
  /** The document signer certificate expired in 2016. */
  expiredDocumentSigner?: boolean;
  /**
   * Who issued the document signer: 'trusted' (default, the CSCA in `cscaPem`), 'untrusted'
   * (another CSCA with another name), 'forged' (same name and key id as the trusted CSCA but
   * another key), 'not-ca' (a certificate without basicConstraints cA).
   */
  issuer?: 'trusted' | 'untrusted' | 'forged' | 'not-ca';
  signatureAlgorithm?: TestSignatureAlgorithm;
  hash?: TestHash;
  /** DG15 and its AA key: ECDSA P-256 (default), RSA with ISO 9796-2 (SHA-1 or SHA-256), or none. */
  activeAuthentication?: 'ecdsa' | 'rsa-sha1' | 'rsa-sha256' | false;
  includeDg2?: boolean;
  /** The face image DG2 carries (JPEG or JPEG 2000 bytes); default: a few bytes that only look like a JPEG. */
  face?: Buffer;
  includeDg13?: boolean;
  /** Replace the DG13 content (for absent/unknown field tests). */
  dg13Entries?: Dg13Entry[];
  /** Replace the MRZ (90 characters). */
  mrz?: string;
  /** Encode the LDSSecurityObject as a constructed OCTET STRING (valid BER, seen from some encoders). */
  berEContent?: boolean;
}

export interface TestCard {
  sod: string;
  dg1: string;
  dg2?: string;
  dg13?: string;
  dg15?: string;
  mrz: string;
  /** The CSCA a verifier trusts. */
  cscaPem: string;
  /** The certificate that actually issued the document signer (differs for untrusted/forged/not-ca). */
  issuerPem: string;
  /** The document signer certificate embedded in the SOD, DER. */
  documentSignerDer: Buffer;
  /** The chip's answer to INTERNAL AUTHENTICATE for a challenge, base64. */
  signChallenge(challenge: Uint8Array): string;
}

const HASHES: Record<TestHash, HashName> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

// ——— keys and certificates (cached per process: generating them is the slow part) ———

interface TestCa {
  certificate: x509.X509Certificate;
  keys: CryptoKeyPair;
  pem: string;
}

interface TestSigner {
  der: Buffer;
  key: KeyObject;
}

const cache = new Map<string, Promise<unknown>>();
function cached<T>(key: string, make: () => Promise<T>): Promise<T> {
  if (!cache.has(key)) cache.set(key, make());
  return cache.get(key) as Promise<T>;
}

const TRUSTED_CSCA_NAME = 'C=VN, O=Bộ Công an, CN=CSCA Thử nghiệm Việt Nam';
const ECDSA_P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;

function makeCa(kind: 'trusted' | 'untrusted' | 'forged' | 'not-ca'): Promise<TestCa> {
  return cached(`ca:${kind}`, async () => {
    const keys = (await subtle.generateKey(ECDSA_P256, true, ['sign', 'verify'])) as CryptoKeyPair;
    const name = { trusted: TRUSTED_CSCA_NAME, forged: TRUSTED_CSCA_NAME, untrusted: 'C=VN, O=Giả mạo, CN=CSCA Không tin cậy', 'not-ca': 'C=VN, O=Thử nghiệm, CN=Không phải CA' }[kind];
    const extensions: x509.Extension[] =
      kind === 'not-ca'
        ? [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)]
        : [
            new x509.BasicConstraintsExtension(true, 0, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
          ];
    // The forged CSCA copies the trusted one's key identifier so only the signature gives it away.
    extensions.push(
      kind === 'forged'
        ? new x509.SubjectKeyIdentifierExtension((await makeCa('trusted')).certificate.getExtension(x509.SubjectKeyIdentifierExtension)!.keyId)
        : await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    );
    const certificate = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: kind === 'trusted' ? '01' : '02',
      name,
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2045-01-01T00:00:00Z'),
      keys,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams,
      extensions,
    });
    return { certificate, keys, pem: certificate.toString('pem') };
  });
}

async function generateSignerKeys(algorithm: TestSignatureAlgorithm): Promise<CryptoKeyPair> {
  const params =
    algorithm === 'ecdsa-p256'
      ? ECDSA_P256
      : algorithm === 'ecdsa-p384'
        ? { name: 'ECDSA', namedCurve: 'P-384' }
        : { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
  return (await subtle.generateKey(params, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function toNodePrivateKey(key: CryptoKey): Promise<KeyObject> {
  return createPrivateKey({ key: Buffer.from(await subtle.exportKey('pkcs8', key)), format: 'der', type: 'pkcs8' });
}

/** RSA keys serve both PKCS#1 v1.5 and PSS: the certificate says rsaEncryption either way. */
const keyFamily = (algorithm: TestSignatureAlgorithm) => (algorithm.startsWith('rsa') ? 'rsa' : algorithm);

function makeSigner(issuer: NonNullable<TestCardOptions['issuer']>, algorithm: TestSignatureAlgorithm, expired: boolean): Promise<TestSigner> {
  return cached(`ds:${issuer}:${keyFamily(algorithm)}:${expired}`, async () => {
    const ca = await makeCa(issuer);
    const keys = await generateSignerKeys(algorithm);
    const aki = (issuer === 'forged' ? await makeCa('trusted') : ca).certificate.getExtension(x509.SubjectKeyIdentifierExtension)!.keyId;
    const certificate = await x509.X509CertificateGenerator.create({
      serialNumber: expired ? '1001' : '1002',
      subject: `C=VN, O=Bộ Công an, CN=Document Signer ${keyFamily(algorithm)}`,
      issuer: ca.certificate.subjectName,
      notBefore: new Date(expired ? '2015-01-01T00:00:00Z' : '2024-01-01T00:00:00Z'),
      notAfter: new Date(expired ? '2016-01-01T00:00:00Z' : '2040-01-01T00:00:00Z'),
      publicKey: keys.publicKey,
      signingKey: ca.keys.privateKey,
      signingAlgorithm: { name: 'ECDSA', hash: 'SHA-256' } as EcdsaParams,
      extensions: [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true), new x509.AuthorityKeyIdentifierExtension(aki)],
    });
    return { der: Buffer.from(certificate.rawData), key: await toNodePrivateKey(keys.privateKey) };
  });
}

function makeWrongKey(algorithm: TestSignatureAlgorithm): Promise<KeyObject> {
  return cached(`wrong:${keyFamily(algorithm)}`, async () => toNodePrivateKey((await generateSignerKeys(algorithm)).privateKey));
}

type AaMode = 'ecdsa' | 'rsa-sha1' | 'rsa-sha256';
function makeAaKey(kind: 'ec' | 'rsa', slot: 'chip' | 'clone'): { privateKey: KeyObject; spki: Buffer } {
  const key = `aa:${kind}:${slot}`;
  if (!aaKeys.has(key)) {
    const pair = kind === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
    aaKeys.set(key, { privateKey: pair.privateKey, spki: pair.publicKey.export({ format: 'der', type: 'spki' }) });
  }
  return aaKeys.get(key)!;
}
const aaKeys = new Map<string, { privateKey: KeyObject; spki: Buffer }>();

/** The chip side of Active Authentication (ICAO 9303-11 §6.1). */
function signChallengeWith(mode: AaMode, privateKey: KeyObject, challenge: Uint8Array): Buffer {
  if (mode === 'ecdsa') return sign('sha256', challenge, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  // ISO/IEC 9796-2 scheme 1, partial recovery: F = 6A ‖ M1 ‖ H(M1 ‖ challenge) ‖ trailer, signed raw.
  const hash: HashName = mode === 'rsa-sha1' ? 'sha1' : 'sha256';
  const trailer = mode === 'rsa-sha1' ? Buffer.from([0xbc]) : Buffer.from([0x34, 0xcc]);
  const k = (privateKey.asymmetricKeyDetails!.modulusLength ?? 2048) / 8;
  const m1 = randomBytes(k - 1 - (hash === 'sha1' ? 20 : 32) - trailer.length);
  const f = Buffer.concat([Buffer.from([0x6a]), m1, digest(hash, m1, challenge), trailer]);
  return privateEncrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, f);
}

/** The CSCA a test verifier trusts, PEM. */
export async function testCscaPem(): Promise<string> {
  return (await makeCa('trusted')).pem;
}

/** Builds a complete card for `person`; see TestCardOptions for the broken variants. */
export async function buildTestCard(person: TestPerson = DEFAULT_PERSON, options: TestCardOptions = {}): Promise<TestCard> {
  const algorithm = options.signatureAlgorithm ?? 'ecdsa-p256';
  const hash = HASHES[options.hash ?? 'SHA-256'];
  const issuer = options.issuer ?? 'trusted';
  const signer = await makeSigner(issuer, algorithm, options.expiredDocumentSigner ?? false);
  const signingKey = options.wrongSignerKey ? await makeWrongKey(algorithm) : signer.key;
  const aaMode = options.activeAuthentication === undefined ? 'ecdsa' : options.activeAuthentication;

  const mrz = options.mrz ?? buildTd1Mrz(person);
  const files: Record<string, Buffer> = { dg1: encodeDg1(mrz) };
  if (options.includeDg2 ?? true) files.dg2 = encodeDg2(options.face);
  if (options.includeDg13 ?? true) files.dg13 = encodeDg13(options.dg13Entries ?? dg13Entries(person));
  const aaKey = aaMode ? makeAaKey(aaMode === 'ecdsa' ? 'ec' : 'rsa', 'chip') : undefined;
  if (aaKey) files.dg15 = encodeDg15(aaKey.spki);

  const numbers: Record<string, number> = { dg1: 1, dg2: 2, dg13: 13, dg15: 15 };
  const sod = buildSod({
    dataGroups: new Map(Object.entries(files).map(([name, bytes]) => [numbers[name], bytes])),
    hash,
    signerCertificate: signer.der,
    signingKey,
    algorithm,
    berEContent: options.berEContent,
  });

  // Tampering happens after signing, as it would on a modified or cloned chip.
  let chipKey = aaKey?.privateKey;
  if (options.tamper === 'dg1') {
    const changed = mrz.slice(0, 60) + (mrz[60] === 'X' ? 'Y' : 'X') + mrz.slice(61);
    files.dg1 = encodeDg1(changed);
  } else if (options.tamper === 'dg2' && files.dg2) {
    files.dg2 = Buffer.from(files.dg2);
    files.dg2[files.dg2.length - 3] ^= 0xff;
  } else if (options.tamper === 'dg13' && files.dg13) {
    files.dg13 = encodeDg13(dg13Entries({ ...person, fullName: 'Trần Văn Giả' }));
  } else if (options.tamper === 'dg15' && aaMode) {
    const clone = makeAaKey(aaMode === 'ecdsa' ? 'ec' : 'rsa', 'clone');
    files.dg15 = encodeDg15(clone.spki);
    chipKey = clone.privateKey;
  }

  const b64 = (bytes: Buffer | undefined) => bytes?.toString('base64');
  return {
    sod: sod.toString('base64'),
    dg1: files.dg1.toString('base64'),
    dg2: b64(files.dg2),
    dg13: b64(files.dg13),
    dg15: b64(files.dg15),
    mrz,
    cscaPem: (await makeCa('trusted')).pem,
    issuerPem: (await makeCa(issuer)).pem,
    documentSignerDer: signer.der,
    signChallenge(challenge) {
      if (!aaMode || !chipKey) throw new Error('this test card has no Active Authentication key');
      return signChallengeWith(aaMode, chipKey, challenge).toString('base64');
    },
  };
}
