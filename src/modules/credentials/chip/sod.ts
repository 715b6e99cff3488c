import * as asn1js from 'asn1js';
import { createHash } from 'node:crypto';
import { digest, HASH_OIDS, verifyWithAlgorithm, type HashName } from './algorithms.js';
import { parseCertificateCached, subjectKeyIdentifier, type ParsedCertificate } from './certificates.js';
import { childrenOf, decodeBer, hasTag, smallInteger, stringValue, TAG_CLASS, toBuffer, valueBytes } from './der.js';
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

/** The one SignerInfo of an EF.SOD (RFC 5652 §5.3), read without pkijs's schema matcher. */
export interface SodSignerInfo {
  /** issuerAndSerialNumber, or the subjectKeyIdentifier bytes for the [0] choice. */
  sid: pkijs.IssuerAndSerialNumber | Buffer;
  digestAlgorithm: pkijs.AlgorithmIdentifier;
  /** The signed attributes as signed: DER with the [0] IMPLICIT tag turned back into SET (0x31). */
  signedAttributesDer?: Buffer;
  signedAttributes: { type: string; values: asn1js.AsnType[] }[];
  signatureAlgorithm: pkijs.AlgorithmIdentifier;
  signature: Buffer;
}

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
  signerInfo: SodSignerInfo;
  eContent: Buffer;
}

const malformed = (detail: string) => new ChipInputError('SOD_MALFORMED', {}, detail);
const oid = (node: asn1js.AsnType | undefined) => (node instanceof asn1js.ObjectIdentifier ? node.valueBlock.toString() : undefined);

/**
 * Parses EF.SOD: 0x77 → ContentInfo → SignedData whose encapsulated content is the
 * LDSSecurityObject. Does not verify anything. Throws ChipInputError('SOD_MALFORMED').
 *
 * The CMS structure is walked by hand: pkijs's SignedData class matches the whole tree against
 * its schema and costs ~4 ms per SOD, more than everything else in passiveAuthenticate together.
 */
export function parseSod(bytes: Uint8Array): ParsedSod {
  const root = decodeBer(bytes, 'SOD_MALFORMED');
  if (!hasTag(root, TAG_CLASS.application, SOD_TAG)) throw malformed('EF.SOD must start with tag 0x77');

  return parseOrThrow('SOD_MALFORMED', () => {
    // ContentInfo ::= SEQUENCE { contentType OID, content [0] EXPLICIT SignedData }
    const [contentInfo] = childrenOf(root);
    const [contentType, explicitContent] = contentInfo ? childrenOf(contentInfo) : [];
    if (oid(contentType) !== SIGNED_DATA_OID || !explicitContent) throw malformed('content is not SignedData');
    const signedData = childrenOf(explicitContent)[0];
    if (!(signedData instanceof asn1js.Sequence)) throw malformed('SignedData is not a SEQUENCE');

    // SignedData ::= SEQUENCE { version, digestAlgorithms SET, encapContentInfo,
    //   certificates [0] IMPLICIT OPTIONAL, crls [1] IMPLICIT OPTIONAL, signerInfos SET }
    const [, , encapContentInfo, ...rest] = childrenOf(signedData);
    const [eContentType, explicitEContent] = encapContentInfo ? childrenOf(encapContentInfo) : [];
    const eContentNode = explicitEContent && childrenOf(explicitEContent)[0];
    if (oid(eContentType) !== LDS_SECURITY_OBJECT_OID || !(eContentNode instanceof asn1js.OctetString)) {
      throw malformed('content is not an LDSSecurityObject');
    }
    const eContent = toBuffer(valueBytes(eContentNode));
    const certificatesNode = rest.find((n) => hasTag(n, TAG_CLASS.context, 0));
    const certificateNodes = certificatesNode ? childrenOf(certificatesNode) : [];
    const signerInfos = rest[rest.length - 1];
    if (!(signerInfos instanceof asn1js.Set)) throw malformed('no signerInfos SET');
    // ICAO 9303-10 §4.6.2.2: exactly one SignerInfo is expected; use the first.
    const signerInfo = parseSignerInfo(childrenOf(signerInfos)[0]);

    // The bytes as received, so the fingerprint is that of the real certificate, not a re-encoding.
    const documentSigner = certificateNodes
      .filter((node) => node instanceof asn1js.Sequence)
      .map((node) => parseCertificateCached(node.valueBeforeDecodeView, () => new pkijs.Certificate({ schema: node })))
      .find((parsed) => isSignerCertificate(signerInfo, parsed.certificate));

    return {
      ...parseLdsSecurityObject(eContent),
      documentSigner,
      signerInfo,
      eContent,
    };
  });
}

/**
 * SignerInfo ::= SEQUENCE { version, sid, digestAlgorithm, signedAttrs [0] IMPLICIT OPTIONAL,
 *   signatureAlgorithm, signature OCTET STRING, unsignedAttrs [1] IMPLICIT OPTIONAL }
 */
function parseSignerInfo(node: asn1js.AsnType | undefined): SodSignerInfo {
  if (!(node instanceof asn1js.Sequence)) throw malformed('no SignerInfo');
  const [, sidNode, digestNode, ...rest] = childrenOf(node);
  const signedAttrs = rest[0] && hasTag(rest[0], TAG_CLASS.context, 0) ? rest.shift() : undefined;
  const [signatureAlgorithmNode, signatureNode] = rest;
  if (!sidNode || !digestNode || !signatureAlgorithmNode || !(signatureNode instanceof asn1js.OctetString)) throw malformed('bad SignerInfo');

  let signedAttributesDer: Buffer | undefined;
  if (signedAttrs) {
    // RFC 5652 §5.4: the signature covers the DER of the attributes with an explicit SET tag.
    signedAttributesDer = Buffer.from(signedAttrs.valueBeforeDecodeView);
    signedAttributesDer[0] = 0x31;
  }
  return {
    sid: hasTag(sidNode, TAG_CLASS.context, 0) ? toBuffer(valueBytes(sidNode)) : new pkijs.IssuerAndSerialNumber({ schema: sidNode }),
    digestAlgorithm: new pkijs.AlgorithmIdentifier({ schema: digestNode }),
    signedAttributesDer,
    signedAttributes: (signedAttrs ? childrenOf(signedAttrs) : []).map((attribute) => {
      const [type, values] = childrenOf(attribute);
      return { type: oid(type) ?? '', values: values instanceof asn1js.Set ? childrenOf(values) : [] };
    }),
    signatureAlgorithm: new pkijs.AlgorithmIdentifier({ schema: signatureAlgorithmNode }),
    signature: toBuffer(valueBytes(signatureNode)),
  };
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
function isSignerCertificate(signerInfo: SodSignerInfo, certificate: pkijs.Certificate): boolean {
  const { sid } = signerInfo;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificate.issuer.isEqual(sid.issuer) && certificate.serialNumber.isEqual(sid.serialNumber);
  }
  // RFC 5280 §4.2.1.2 method 1 when the certificate has no subjectKeyIdentifier extension.
  const keyId =
    subjectKeyIdentifier(certificate) ??
    createHash('sha1').update(certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();
  return keyId.equals(sid);
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

  // ICAO 9303-10 §4.6.2.2 makes signed attributes mandatory, with exactly one of each below.
  const attributes = signerInfo.signedAttributes;
  const contentType = attributes.filter((a) => a.type === CONTENT_TYPE_ATTRIBUTE);
  const messageDigest = attributes.filter((a) => a.type === MESSAGE_DIGEST_ATTRIBUTE);
  if (!signerInfo.signedAttributesDer || contentType.length !== 1 || messageDigest.length !== 1) return fail('SOD_SIGNED_ATTRIBUTES_INVALID');
  const [typeValue] = contentType[0].values;
  const [digestValue] = messageDigest[0].values;
  if (oid(typeValue) !== LDS_SECURITY_OBJECT_OID || !(digestValue instanceof asn1js.OctetString)) return fail('SOD_SIGNED_ATTRIBUTES_INVALID');
  if (!toBuffer(valueBytes(digestValue)).equals(digest(digestHash, sod.eContent))) return fail('SOD_DIGEST_MISMATCH');

  if (!signer.publicKey) return fail('SOD_ALGORITHM_UNSUPPORTED', { algorithm: 'khóa công khai không đọc được' });
  const outcome = verifyWithAlgorithm(signer.publicKey, signerInfo.signatureAlgorithm, signerInfo.signedAttributesDer, signerInfo.signature, digestHash);
  if (outcome.result === 'unsupported') return fail('SOD_ALGORITHM_UNSUPPORTED', { algorithm: outcome.algorithm });
  if (outcome.result === 'invalid') return fail('SOD_SIGNATURE_INVALID', { algorithm: outcome.algorithm });
  return { valid: true, code: 'SOD_SIGNATURE_VALID', params: { algorithm: outcome.algorithm } };
}
