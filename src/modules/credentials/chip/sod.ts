import * as asn1js from 'asn1js';
import { createHash } from 'node:crypto';
import { digest, HASH_OIDS, verifyWithAlgorithm, type HashName } from './algorithms.js';
import { describeCertificate, subjectKeyIdentifier, type ParsedCertificate } from './certificates.js';
import { childrenOf, decodeBer, hasTag, smallInteger, stringValue, TAG_CLASS, toBuffer } from './der.js';
import { ChipInputError, parseOrThrow } from './errors.js';
import type { ChipMessageCode } from './messages.js';
import { pkijs } from './pki.js';

/** id-icao-mrtd-security-ldsSecurityObject (ICAO 9303-10 §4.6.2). */
export const LDS_SECURITY_OBJECT_OID = '2.23.136.1.1.1';
export const SIGNED_DATA_OID = '1.2.840.113549.1.7.2';
const CONTENT_TYPE_ATTRIBUTE = '1.2.840.113549.1.9.3';
const MESSAGE_DIGEST_ATTRIBUTE = '1.2.840.113549.1.9.4';
/** EF.SOD is wrapped in application tag 23 (0x77). */
const SOD_TAG = 23;

export interface ParsedSod {
  /** Algorithm of the data-group hashes (LDSSecurityObject.hashAlgorithm). */
  hashAlgorithm: HashName;
  /** DG number → hash of the whole DG file as read from the chip (tag and length included). */
  dataGroupHashes: Map<number, Buffer>;
  /** LDS 1.8+ only (LDSSecurityObject v1). */
  ldsVersion?: string;
  unicodeVersion?: string;
  /** The certificate among SignedData.certificates that the SignerInfo points to. */
  documentSigner?: ParsedCertificate;
  signerInfo: pkijs.SignerInfo;
  eContent: Buffer;
}

const malformed = (detail: string) => new ChipInputError('SOD_MALFORMED', {}, detail);

/**
 * Parses EF.SOD: 0x77 → ContentInfo → SignedData whose encapsulated content is the
 * LDSSecurityObject. Does not verify anything. Throws ChipInputError('SOD_MALFORMED').
 */
export function parseSod(bytes: Uint8Array): ParsedSod {
  const root = decodeBer(bytes, 'SOD_MALFORMED');
  if (!hasTag(root, TAG_CLASS.application, SOD_TAG)) throw malformed('EF.SOD must start with tag 0x77');
  const [contentInfoNode] = childrenOf(root);
  if (!contentInfoNode) throw malformed('empty 0x77');

  return parseOrThrow('SOD_MALFORMED', () => {
    const contentInfo = new pkijs.ContentInfo({ schema: contentInfoNode });
    if (contentInfo.contentType !== SIGNED_DATA_OID) throw malformed('content is not SignedData');
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const { eContentType, eContent } = signedData.encapContentInfo;
    if (eContentType !== LDS_SECURITY_OBJECT_OID || !eContent) throw malformed('content is not an LDSSecurityObject');
    const eContentBytes = toBuffer(eContent.getValue());

    // ICAO 9303-10 §4.6.2.2: exactly one SignerInfo is expected; use the first.
    const signerInfo = signedData.signerInfos[0];
    if (!signerInfo) throw malformed('no SignerInfo');
    // SignedData.certificates is [0] IMPLICIT SET OF CertificateChoices; keep each one's bytes as
    // received so the fingerprint is that of the real certificate, not of a re-encoding.
    const certificatesNode = childrenOf(contentInfo.content).find((n) => hasTag(n, TAG_CLASS.context, 0));
    const rawCertificates = certificatesNode ? childrenOf(certificatesNode) : [];
    const index = (signedData.certificates ?? []).findIndex((c) => c instanceof pkijs.Certificate && isSignerCertificate(signerInfo, c));
    const signerCertificate = index >= 0 ? (signedData.certificates![index] as pkijs.Certificate) : undefined;
    if (signerCertificate && !rawCertificates[index]) throw malformed('certificate bytes not found');

    return {
      ...parseLdsSecurityObject(eContentBytes),
      documentSigner: signerCertificate ? describeCertificate(signerCertificate, rawCertificates[index].valueBeforeDecodeView) : undefined,
      signerInfo,
      eContent: eContentBytes,
    };
  });
}

/**
 * LDSSecurityObject ::= SEQUENCE {
 *   version INTEGER {v0(0), v1(1)},
 *   hashAlgorithm AlgorithmIdentifier,
 *   dataGroupHashValues SEQUENCE SIZE (2..16) OF SEQUENCE { dataGroupNumber INTEGER, dataGroupHashValue OCTET STRING },
 *   ldsVersionInfo SEQUENCE { ldsVersion PrintableString, unicodeVersion PrintableString } OPTIONAL }
 */
function parseLdsSecurityObject(bytes: Uint8Array) {
  const root = decodeBer(bytes, 'SOD_MALFORMED');
  const [version, algorithm, hashValues, versionInfo] = childrenOf(root);
  if (!(root instanceof asn1js.Sequence) || smallInteger(version) === null || !algorithm || !hashValues) {
    throw malformed('LDSSecurityObject is not SEQUENCE { version, hashAlgorithm, dataGroupHashValues }');
  }
  const hashAlgorithm = HASH_OIDS[new pkijs.AlgorithmIdentifier({ schema: algorithm }).algorithmId];
  if (!hashAlgorithm) throw malformed('unknown LDS hash algorithm');

  const dataGroupHashes = new Map<number, Buffer>();
  for (const entry of childrenOf(hashValues)) {
    const [numberNode, hashNode] = childrenOf(entry);
    const dataGroup = smallInteger(numberNode);
    if (dataGroup === null || dataGroup < 1 || dataGroup > 16 || !(hashNode instanceof asn1js.OctetString)) {
      throw malformed('bad DataGroupHash');
    }
    if (dataGroupHashes.has(dataGroup)) throw malformed(`DG${dataGroup} listed twice`);
    dataGroupHashes.set(dataGroup, toBuffer(hashNode.getValue()));
  }
  const [ldsVersion, unicodeVersion] = versionInfo ? childrenOf(versionInfo).map((n) => stringValue(n) ?? undefined) : [];
  return { hashAlgorithm, dataGroupHashes, ldsVersion, unicodeVersion };
}

/** SignerIdentifier is either issuerAndSerialNumber or [0] subjectKeyIdentifier (RFC 5652 §5.3). */
function isSignerCertificate(signerInfo: pkijs.SignerInfo, certificate: pkijs.Certificate): boolean {
  const sid = signerInfo.sid as unknown;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificate.issuer.isEqual(sid.issuer) && certificate.serialNumber.isEqual(sid.serialNumber);
  }
  if (sid instanceof asn1js.BaseBlock && hasTag(sid, TAG_CLASS.context, 0)) {
    const wanted = toBuffer((sid.valueBlock as unknown as { valueHexView: Uint8Array }).valueHexView);
    // RFC 5280 §4.2.1.2 method 1 when the certificate has no subjectKeyIdentifier extension.
    const keyId =
      subjectKeyIdentifier(certificate) ??
      createHash('sha1').update(certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();
    return keyId.equals(wanted);
  }
  return false;
}

export interface SodSignatureResult {
  valid: boolean;
  code: ChipMessageCode;
  params: Record<string, unknown>;
}

/**
 * Verifies the SignerInfo (RFC 5652 §5.4, ICAO 9303-10 §4.6.2): the signed attributes must
 * carry contentType = LDSSecurityObject and messageDigest = hash(eContent); the signature
 * covers the DER of the signed attributes re-tagged as SET (0x31).
 */
export function verifySodSignature(sod: ParsedSod): SodSignatureResult {
  const fail = (code: ChipMessageCode, params: Record<string, unknown> = {}) => ({ valid: false, code, params });
  const signer = sod.documentSigner;
  if (!signer) return fail('SOD_SIGNER_CERTIFICATE_MISSING');

  const { signerInfo } = sod;
  const digestHash = HASH_OIDS[signerInfo.digestAlgorithm.algorithmId];
  if (!digestHash) return fail('SOD_ALGORITHM_UNSUPPORTED', { algorithm: signerInfo.digestAlgorithm.algorithmId });

  const attributes = signerInfo.signedAttrs?.attributes ?? [];
  const contentType = attributes.filter((a) => a.type === CONTENT_TYPE_ATTRIBUTE);
  const messageDigest = attributes.filter((a) => a.type === MESSAGE_DIGEST_ATTRIBUTE);
  if (contentType.length !== 1 || messageDigest.length !== 1) return fail('SOD_SIGNED_ATTRIBUTES_INVALID');
  const [typeValue] = contentType[0].values;
  const [digestValue] = messageDigest[0].values;
  if (!(typeValue instanceof asn1js.ObjectIdentifier) || typeValue.valueBlock.toString() !== LDS_SECURITY_OBJECT_OID) {
    return fail('SOD_SIGNED_ATTRIBUTES_INVALID');
  }
  if (!(digestValue instanceof asn1js.OctetString)) return fail('SOD_SIGNED_ATTRIBUTES_INVALID');
  if (!toBuffer(digestValue.getValue()).equals(digest(digestHash, sod.eContent))) return fail('SOD_DIGEST_MISMATCH');

  // pkijs keeps the signed attributes exactly as received, already re-tagged from [0] to SET.
  const signedBytes = new Uint8Array(signerInfo.signedAttrs!.encodedValue);
  if (!signer.publicKey) return fail('SOD_ALGORITHM_UNSUPPORTED', { algorithm: 'khóa công khai không đọc được' });
  const outcome = verifyWithAlgorithm(
    signer.publicKey,
    signerInfo.signatureAlgorithm,
    signedBytes,
    signerInfo.signature.valueBlock.valueHexView,
    digestHash,
  );
  if (outcome.result === 'unsupported') return fail('SOD_ALGORITHM_UNSUPPORTED', { algorithm: outcome.algorithm });
  if (outcome.result === 'invalid') return fail('SOD_SIGNATURE_INVALID', { algorithm: outcome.algorithm });
  return { valid: true, code: 'SOD_SIGNATURE_VALID', params: { algorithm: outcome.algorithm } };
}
