/**
 * The CMS inside a PAdES signature (ETSI EN 319 142-1, PAdES-B-B): SignedData, detached, SHA-256, the
 * signer's certificate embedded, signed attributes content-type, message-digest and ESS
 * signing-certificate-v2 (RFC 5035), and no CMS signing-time (PAdES puts the time in the signature
 * dictionary's /M). Written with pkijs: @signpdf/signer-p12 (node-forge) encodes a UTF-8 issuer name
 * twice in the SignerInfo, so a unit whose certificate says "UBND xã …" would never verify.
 */
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { Signer } from '@signpdf/utils';
import type { SigningIdentity } from './signing-identity.js';

const crypto = webcrypto as unknown as Crypto;
pkijs.setEngine('node-webcrypto', new pkijs.CryptoEngine({ name: 'node-webcrypto', crypto }));

const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
} as const;

const toArrayBuffer = (b: Buffer): ArrayBuffer => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;

/** A @signpdf signer that signs with the unit's identity (RSA, PKCS#1 v1.5, SHA-256). */
export class CadesSigner extends Signer {
  private key: Promise<CryptoKey> | undefined;

  constructor(private readonly identity: SigningIdentity) {
    super();
  }

  private privateKey(): Promise<CryptoKey> {
    this.key ??= crypto.subtle.importKey('pkcs8', toArrayBuffer(this.identity.keyPkcs8), { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
    return this.key;
  }

  override async sign(content: Buffer): Promise<Buffer> {
    const certificate = pkijs.Certificate.fromBER(toArrayBuffer(this.identity.certificateDer));
    const digest = createHash('sha256').update(content).digest();
    const certHash = createHash('sha256').update(this.identity.certificateDer).digest();
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 ::= SEQUENCE { certHash } (SHA-256 is the default).
    const signingCertificate = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.OctetString({ valueHex: toArrayBuffer(certHash) })] })] })] });
    const signedData = new pkijs.SignedData({
      version: 1,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
      certificates: [certificate],
      signerInfos: [new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: OID.contentType, values: [new asn1js.ObjectIdentifier({ value: OID.data })] }),
            new pkijs.Attribute({ type: OID.messageDigest, values: [new asn1js.OctetString({ valueHex: toArrayBuffer(digest) })] }),
            new pkijs.Attribute({ type: OID.signingCertificateV2, values: [signingCertificate] }),
          ],
        }),
      })],
    });
    await signedData.sign(await this.privateKey(), 0, 'SHA-256');
    const info = new pkijs.ContentInfo({ contentType: OID.signedData, content: signedData.toSchema(true) });
    return Buffer.from(info.toSchema().toBER(false));
  }
}
