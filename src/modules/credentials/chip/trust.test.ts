import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ChipInputError } from './errors.js';
import { buildTestCard, DEFAULT_PERSON, testCscaPem } from './testing.js';
import { parseSod } from './sod.js';
import { checkValidity, parseCscaCertificate, pemToDer, prepareTrustList } from './trust.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return 'no error';
  } catch (err) {
    expect(err).toBeInstanceOf(ChipInputError);
    return (err as ChipInputError).code;
  }
};

describe('parseCscaCertificate', () => {
  it('returns what a trust store keeps', async () => {
    const pem = await testCscaPem();
    const info = parseCscaCertificate(pem);
    const der = pemToDer(pem)[0];
    expect(info).toEqual({
      subject: 'C=VN, O=Bộ Công an, CN=CSCA Thử nghiệm Việt Nam',
      issuer: 'C=VN, O=Bộ Công an, CN=CSCA Thử nghiệm Việt Nam',
      serialNumber: '01',
      fingerprintSha256: createHash('sha256').update(der).digest('hex'),
      notBefore: new Date('2020-01-01T00:00:00Z'),
      notAfter: new Date('2045-01-01T00:00:00Z'),
      der,
    });
  });

  it('accepts DER bytes and PEM with CRLF and text around it', async () => {
    const pem = await testCscaPem();
    expect(parseCscaCertificate(pemToDer(pem)[0]).serialNumber).toBe('01');
    expect(parseCscaCertificate(Buffer.from(pem)).serialNumber).toBe('01');
    expect(parseCscaCertificate(`Bundle from the ICAO PKD\r\n${pem.replace(/\n/g, '\r\n')}\r\n`).serialNumber).toBe('01');
  });

  it('rejects bad input with a precise code', async () => {
    const pem = await testCscaPem();
    const notCa = (await buildTestCard(DEFAULT_PERSON, { issuer: 'not-ca' })).issuerPem;
    expect(codeOf(() => parseCscaCertificate('hello'))).toBe('CSCA_PEM_INVALID');
    expect(codeOf(() => parseCscaCertificate('-----BEGIN CERTIFICATE-----\nA*AA\n-----END CERTIFICATE-----'))).toBe('CSCA_PEM_INVALID');
    expect(codeOf(() => parseCscaCertificate('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----'))).toBe('CSCA_DER_INVALID');
    expect(codeOf(() => parseCscaCertificate(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01])))).toBe('CSCA_DER_INVALID');
    expect(codeOf(() => parseCscaCertificate(new Uint8Array([0x04, 0x01, 0x00])))).toBe('CSCA_PEM_INVALID');
    expect(codeOf(() => parseCscaCertificate(Buffer.concat([pemToDer(pem)[0], Buffer.from([0])])))).toBe('CSCA_DER_INVALID');
    expect(codeOf(() => parseCscaCertificate(pem + pem))).toBe('CSCA_MULTIPLE');
    expect(codeOf(() => parseCscaCertificate(notCa))).toBe('CSCA_NOT_CA');
    expect(codeOf(() => parseCscaCertificate(42 as never))).toBe('TRUST_LIST_INVALID');
  });

  it('explains itself in Vietnamese', () => {
    expect(() => parseCscaCertificate('hello')).toThrow(/chứng thư số dạng PEM/);
  });
});

describe('prepareTrustList', () => {
  it('parses bundles, drops duplicates and keeps a non-CA marked as such', async () => {
    const pem = await testCscaPem();
    const other = (await buildTestCard(DEFAULT_PERSON, { issuer: 'untrusted' })).issuerPem;
    const notCa = (await buildTestCard(DEFAULT_PERSON, { issuer: 'not-ca' })).issuerPem;
    const list = prepareTrustList([pem + other, pemToDer(pem)[0], notCa]);
    expect(list.anchors.map((a) => [a.summary.subject, a.isCa])).toEqual([
      ['C=VN, O=Bộ Công an, CN=CSCA Thử nghiệm Việt Nam', true],
      ['C=VN, O=Giả mạo, CN=CSCA Không tin cậy', true],
      ['C=VN, O=Thử nghiệm, CN=Không phải CA', false],
    ]);
    expect(Object.isFrozen(list.anchors)).toBe(true);
  });

  it('fails loudly on a certificate that does not parse', () => {
    expect(codeOf(() => prepareTrustList(['-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----']))).toBe('CSCA_DER_INVALID');
    expect(codeOf(() => prepareTrustList(null as never))).toBe('TRUST_LIST_INVALID');
    expect(prepareTrustList([]).anchors).toEqual([]);
  });
});

describe('checkValidity', () => {
  it('checks the document signer first, then the CSCA, at the given instant', async () => {
    const signerOf = async (expiredDocumentSigner: boolean) =>
      parseSod(Buffer.from((await buildTestCard(DEFAULT_PERSON, { expiredDocumentSigner })).sod, 'base64')).documentSigner!;
    const current = await signerOf(false); // 2024-01-01 … 2040-01-01
    const old = await signerOf(true); // 2015-01-01 … 2016-01-01
    const csca = prepareTrustList([await testCscaPem()]).anchors[0]; // 2020-01-01 … 2045-01-01
    const at = (iso: string) => new Date(iso);
    expect(checkValidity(current, csca, at('2030-01-01')).code).toBe('CERTIFICATES_VALID');
    expect(checkValidity(current, undefined, at('2030-01-01')).code).toBe('DS_CERTIFICATE_VALID');
    expect(checkValidity(current, csca, at('2023-12-31')).code).toBe('DS_CERTIFICATE_NOT_YET_VALID');
    expect(checkValidity(current, csca, at('2040-01-02')).code).toBe('DS_CERTIFICATE_EXPIRED');
    // The certificate roles only matter for the code; an old certificate stands in for an old CSCA.
    expect(checkValidity(current, old, at('2030-01-01'))).toMatchObject({ valid: false, code: 'CSCA_CERTIFICATE_EXPIRED', params: { notAfter: '01/01/2016' } });
    expect(checkValidity(old, csca, at('2015-06-01'))).toMatchObject({ valid: false, code: 'CSCA_CERTIFICATE_NOT_YET_VALID', params: { notBefore: '01/01/2020' } });
  });
});
