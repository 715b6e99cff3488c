/**
 * Test vectors for the chip library: a throw-away CSCA, document signers and cards built the way
 * an issuer would (ICAO 9303-10 LDS, Vietnamese DG13 per DOMAIN.md §3.3). Test code only —
 * every key here is generated at run time and worthless.
 */
import { constants, createPrivateKey, generateKeyPairSync, privateEncrypt, randomBytes, sign, webcrypto, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { digest, digestAlgorithmIdentifier, type HashName } from './algorithms.js';
import { LDS_SECURITY_OBJECT_OID, SIGNED_DATA_OID } from './sod.js';
import { mrzCheckDigit } from './dg1.js';
import { pkijs, x509 } from './pki.js';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;

export interface TestPerson {
  /** 12 digits: province (3), century+sex (1), year of birth (2), serial (6). */
  personalId: string;
  fullName: string;
  /** YYYY-MM-DD */
  dateOfBirth: string;
  sex: 'M' | 'F';
  issuedOn?: string;
  expiresOn?: string;
  nationality?: string;
  ethnicity?: string;
  religion?: string;
  placeOfOrigin?: string;
  residence?: string;
  identifyingMarks?: string;
  father?: string;
  mother?: string;
  spouse?: string;
  legacyId?: string;
}

export const DEFAULT_PERSON: TestPerson = {
  personalId: '001095012345',
  fullName: 'Nguyễn Văn An',
  dateOfBirth: '1995-03-14',
  sex: 'M',
  issuedOn: '2021-06-01',
  expiresOn: '2035-03-14',
  nationality: 'Việt Nam',
  ethnicity: 'Kinh',
  religion: 'Không',
  placeOfOrigin: 'Xã Đông Hội, Huyện Đông Anh, Hà Nội',
  residence: 'Số 1 Phố Huế, Phường Hàng Bài, Quận Hoàn Kiếm, Hà Nội',
  identifyingMarks: 'Nốt ruồi C:2cm trên sau đầu mày trái',
  father: 'Nguyễn Văn Bình',
  mother: 'Trần Thị Cúc',
  legacyId: '012345678',
};

export type TestSignatureAlgorithm = 'ecdsa-p256' | 'ecdsa-p384' | 'rsa-pkcs1' | 'rsa-pss';
export type TestHash = 'SHA-256' | 'SHA-384' | 'SHA-512';

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

// ——— data groups ———

/** Vietnamese → MRZ characters: strip diacritics, Đ → D, upper case (ICAO 9303-3 §6). */
export function toMrzName(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'D').toUpperCase().replace(/[^A-Z]+/g, '<');
}

const yymmdd = (iso: string) => iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10);
const ddmmyyyy = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
const pad = (text: string, length: number) => text.padEnd(length, '<').slice(0, length);

/** A TD1 MRZ as Vietnamese cards print it (DOMAIN.md §3.1), with correct check digits. */
export function buildTd1Mrz(person: TestPerson): string {
  const documentNumber = person.personalId.slice(-9);
  const line1 = pad(`IDVNM${documentNumber}${mrzCheckDigit(documentNumber)}${person.personalId}`, 30);
  const birth = yymmdd(person.dateOfBirth);
  const expiry = yymmdd(person.expiresOn ?? '2035-12-31');
  const head = `${birth}${mrzCheckDigit(birth)}${person.sex}${expiry}${mrzCheckDigit(expiry)}VNM${'<'.repeat(11)}`;
  const composite = line1.slice(5, 30) + head.slice(0, 7) + head.slice(8, 15) + head.slice(18, 29);
  const line2 = head + mrzCheckDigit(composite);
  const [surname, ...given] = person.fullName.trim().split(/\s+/);
  const line3 = pad(`${toMrzName(surname)}<<${toMrzName(given.join(' '))}`, 30);
  return line1 + line2 + line3;
}

const application = (tagNumber: number, value: asn1js.AsnType[]) => new asn1js.Constructed({ idBlock: { tagClass: 2, tagNumber }, value });

export function encodeDg1(mrz: string): Buffer {
  const mrzNode = new asn1js.Primitive({ idBlock: { tagClass: 2, tagNumber: 0x1f }, valueHex: Buffer.from(mrz, 'latin1') });
  return Buffer.from(application(1, [mrzNode]).toBER());
}

/** A few bytes that look like a JPEG face inside the DG2 envelope; nobody parses them. */
export function encodeDg2(): Buffer {
  const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), randomBytes(64), Buffer.from([0xff, 0xd9])]);
  return Buffer.from(application(21, [new asn1js.OctetString({ valueHex: jpeg })]).toBER());
}

export function encodeDg15(spki: Uint8Array): Buffer {
  return Buffer.from(application(15, [asn1js.fromBER(spki).result]).toBER());
}

export interface Dg13Entry {
  field: number;
  value: asn1js.AsnType;
}

const printable = (value: string) => new asn1js.PrintableString({ value });
const utf8 = (value: string) => new asn1js.Utf8String({ value });

/** The DG13 fields of a person, with the string types seen on real cards (DOMAIN.md §3.3). */
export function dg13Entries(person: TestPerson): Dg13Entry[] {
  const entries: Dg13Entry[] = [
    { field: 1, value: printable(person.personalId) },
    { field: 2, value: utf8(person.fullName) },
    { field: 3, value: printable(ddmmyyyy(person.dateOfBirth)) },
    { field: 4, value: utf8(person.sex === 'M' ? 'Nam' : 'Nữ') },
    { field: 5, value: utf8(person.nationality ?? 'Việt Nam') },
  ];
  const text = (field: number, value: string | undefined) => value !== undefined && entries.push({ field, value: utf8(value) });
  text(6, person.ethnicity);
  text(7, person.religion);
  text(8, person.placeOfOrigin);
  text(9, person.residence);
  text(10, person.identifyingMarks);
  if (person.issuedOn) entries.push({ field: 11, value: printable(ddmmyyyy(person.issuedOn)) });
  if (person.expiresOn) entries.push({ field: 12, value: utf8(ddmmyyyy(person.expiresOn)) });
  if (person.father !== undefined || person.mother !== undefined) {
    entries.push({ field: 13, value: new asn1js.Sequence({ value: [utf8(person.father ?? ''), utf8(person.mother ?? '')] }) });
  }
  if (person.spouse) entries.push({ field: 14, value: new asn1js.Sequence({ value: [utf8(person.spouse)] }) });
  if (person.legacyId) entries.push({ field: 15, value: printable(person.legacyId) });
  return entries;
}

/** 6D { SEQUENCE { INTEGER 1, OID 1.0.10646.1.0.8, SET { SEQUENCE { INTEGER n, value } … } } } */
export function encodeDg13(entries: Dg13Entry[]): Buffer {
  const fields = entries.map((e) => new asn1js.Sequence({ value: [new asn1js.Integer({ value: e.field }), e.value] }));
  const content = new asn1js.Sequence({
    value: [new asn1js.Integer({ value: 1 }), new asn1js.ObjectIdentifier({ value: '1.0.10646.1.0.8' }), new asn1js.Set({ value: fields })],
  });
  return Buffer.from(application(13, [content]).toBER());
}

// ——— EF.SOD ———

const HASHES: Record<TestHash, HashName> = { 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };
const ECDSA_OIDS: Record<HashName, string> = {
  sha1: '1.2.840.10045.4.1',
  sha224: '1.2.840.10045.4.3.1',
  sha256: '1.2.840.10045.4.3.2',
  sha384: '1.2.840.10045.4.3.3',
  sha512: '1.2.840.10045.4.3.4',
};
const RSA_OIDS: Record<HashName, string> = {
  sha1: '1.2.840.113549.1.1.5',
  sha224: '1.2.840.113549.1.1.14',
  sha256: '1.2.840.113549.1.1.11',
  sha384: '1.2.840.113549.1.1.12',
  sha512: '1.2.840.113549.1.1.13',
};
const HASH_BYTES: Record<HashName, number> = { sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64 };

function signatureAlgorithm(algorithm: TestSignatureAlgorithm, hash: HashName): pkijs.AlgorithmIdentifier {
  if (algorithm.startsWith('ecdsa')) return new pkijs.AlgorithmIdentifier({ algorithmId: ECDSA_OIDS[hash] });
  if (algorithm === 'rsa-pkcs1') return new pkijs.AlgorithmIdentifier({ algorithmId: RSA_OIDS[hash], algorithmParams: new asn1js.Null() });
  const params = new pkijs.RSASSAPSSParams({
    hashAlgorithm: digestAlgorithmIdentifier(hash),
    maskGenAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.113549.1.1.8', algorithmParams: digestAlgorithmIdentifier(hash).toSchema() }),
    saltLength: HASH_BYTES[hash],
  });
  return new pkijs.AlgorithmIdentifier({ algorithmId: '1.2.840.113549.1.1.10', algorithmParams: params.toSchema() });
}

function signBytes(algorithm: TestSignatureAlgorithm, hash: HashName, key: KeyObject, data: Uint8Array): Buffer {
  if (algorithm.startsWith('ecdsa')) return sign(hash, data, { key, dsaEncoding: 'der' });
  if (algorithm === 'rsa-pkcs1') return sign(hash, data, { key, padding: constants.RSA_PKCS1_PADDING });
  return sign(hash, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_BYTES[hash] });
}

/** EF.SOD = 77 { ContentInfo { SignedData { LDSSecurityObject v0 } } } (ICAO 9303-10 §4.6.2). */
export function buildSod(options: {
  dataGroups: Map<number, Uint8Array>;
  hash: HashName;
  signerCertificate: Uint8Array;
  signingKey: KeyObject;
  algorithm: TestSignatureAlgorithm;
  /** Keep pkijs's constructed eContent encoding (BER) instead of the DER primitive one. */
  berEContent?: boolean;
}): Buffer {
  const { hash, algorithm } = options;
  const lds = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      digestAlgorithmIdentifier(hash).toSchema(),
      new asn1js.Sequence({
        value: [...options.dataGroups].map(
          ([n, bytes]) => new asn1js.Sequence({ value: [new asn1js.Integer({ value: n }), new asn1js.OctetString({ valueHex: digest(hash, bytes) })] }),
        ),
      }),
    ],
  }).toBER();

  const certificate = new pkijs.Certificate({ schema: asn1js.fromBER(options.signerCertificate).result });
  const attributes = [
    new pkijs.Attribute({ type: '1.2.840.113549.1.9.3', values: [new asn1js.ObjectIdentifier({ value: LDS_SECURITY_OBJECT_OID })] }),
    new pkijs.Attribute({ type: '1.2.840.113549.1.9.4', values: [new asn1js.OctetString({ valueHex: digest(hash, new Uint8Array(lds)) })] }),
  ];
  // The signature covers the attributes encoded as a SET (RFC 5652 §5.4).
  const signedAttributes = new asn1js.Set({ value: attributes.map((a) => a.toSchema()) }).toBER();
  const signature = signBytes(algorithm, hash, options.signingKey, new Uint8Array(signedAttributes));

  const signedData = new pkijs.SignedData({
    version: 3,
    digestAlgorithms: [digestAlgorithmIdentifier(hash)],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: LDS_SECURITY_OBJECT_OID, eContent: new asn1js.OctetString({ valueHex: lds }) }),
    certificates: [certificate],
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        digestAlgorithm: digestAlgorithmIdentifier(hash),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
        signatureAlgorithm: signatureAlgorithm(algorithm, hash),
        signature: new asn1js.OctetString({ valueHex: signature }),
      }),
    ],
  });
  // pkijs turns eContent into a constructed (BER) OCTET STRING; issuers write DER, a primitive one.
  if (!options.berEContent) signedData.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: lds });
  const contentInfo = new pkijs.ContentInfo({ contentType: SIGNED_DATA_OID, content: signedData.toSchema(true) });
  return Buffer.from(application(23, [contentInfo.toSchema()]).toBER());
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
  if (options.includeDg2 ?? true) files.dg2 = encodeDg2();
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
