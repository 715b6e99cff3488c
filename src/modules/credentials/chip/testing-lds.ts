/**
 * The issuer side of the LDS for tests: MRZ, data groups and EF.SOD encoded the way a
 * Vietnamese card carries them (ICAO 9303-10, DOMAIN.md §3). Pure and synchronous; the keys
 * and certificates come from testing.ts.
 */
import { constants, randomBytes, sign, type KeyObject } from 'node:crypto';
import * as asn1js from 'asn1js';
import { digest, digestAlgorithmIdentifier, type HashName } from './algorithms.js';
import { mrzCheckDigit } from './dg1.js';
import { pkijs } from './pki.js';
import { LDS_SECURITY_OBJECT_OID, SIGNED_DATA_OID } from './sod.js';

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

/**
 * DG2 with a face image: `face` (a JPEG the registry holds, e.g. a synthetic portrait), else a few bytes
 * that only look like a JPEG. The envelope is simplified (one OCTET STRING, no 19794-5 header):
 * chip/dg2.ts finds the image by its signature either way.
 */
export function encodeDg2(face?: Buffer): Buffer {
  const jpeg = face ?? Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF\0'), randomBytes(64), Buffer.from([0xff, 0xd9])]);
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

