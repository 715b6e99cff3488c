import { verifyWithAlgorithm } from './algorithms.js';
import { authorityKeyIdentifier, describeCertificate, subjectKeyIdentifier, type ParsedCertificate } from './certificates.js';
import { decodeBerExact } from './der.js';
import { ChipInputError } from './errors.js';
import { formatDay, type ChipMessageCode } from './messages.js';
import { pkijs, x509 } from './pki.js';

/** What a trust store keeps about a CSCA certificate. */
export interface CscaCertificateInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  fingerprintSha256: string;
  notBefore: Date;
  notAfter: Date;
  der: Buffer;
}

/** A CSCA parsed once, ready for chain checks. */
export interface TrustAnchor extends ParsedCertificate {
  /** basicConstraints cA=TRUE and, when keyUsage is present, keyCertSign. */
  isCa: boolean;
}

/** Trust anchors parsed once; pass the same object to every passiveAuthenticate call. */
export interface TrustList {
  readonly anchors: readonly TrustAnchor[];
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]*?)-----END CERTIFICATE-----/g;

/** Splits PEM text (one or several CERTIFICATE blocks) into DER. Throws CSCA_PEM_INVALID. */
export function pemToDer(pem: string): Buffer[] {
  const blocks = [...pem.matchAll(PEM_BLOCK)].map((m) => m[1].replace(/\s+/g, ''));
  if (blocks.length === 0) throw new ChipInputError('CSCA_PEM_INVALID', {}, 'no CERTIFICATE block');
  return blocks.map((b64) => {
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64) || b64.length % 4 !== 0) throw new ChipInputError('CSCA_PEM_INVALID', {}, 'bad base64');
    return Buffer.from(b64, 'base64');
  });
}

function parseAnchor(der: Uint8Array): TrustAnchor {
  const node = decodeBerExact(der, 'CSCA_DER_INVALID');
  let parsed: ParsedCertificate;
  let isCa: boolean;
  try {
    parsed = describeCertificate(new pkijs.Certificate({ schema: node }), der);
    // @peculiar/x509 decodes extensions lazily, so a malformed one throws here.
    const view = new x509.X509Certificate(new Uint8Array(der));
    const basic = view.getExtension(x509.BasicConstraintsExtension);
    const keyUsage = view.getExtension(x509.KeyUsagesExtension);
    isCa = basic?.ca === true && (!keyUsage || (keyUsage.usages & x509.KeyUsageFlags.keyCertSign) !== 0);
  } catch (err) {
    throw new ChipInputError('CSCA_DER_INVALID', {}, err instanceof Error ? err.message : String(err));
  }
  if (!parsed.publicKey) throw new ChipInputError('CSCA_KEY_UNSUPPORTED', {}, 'OpenSSL cannot load the public key');
  return { ...parsed, isCa };
}

function toDerList(input: string | Uint8Array): Uint8Array[] {
  if (typeof input === 'string') return pemToDer(input);
  if (input instanceof Uint8Array) {
    // An uploaded .pem file read as bytes is still PEM text; DER starts with 0x30.
    return input[0] === 0x30 ? [input] : pemToDer(Buffer.from(input).toString('latin1'));
  }
  throw new ChipInputError('TRUST_LIST_INVALID', {}, 'certificate must be PEM text or DER bytes');
}

/**
 * Parses one CSCA certificate (PEM text, or bytes holding DER or PEM) for a trust store. Throws ChipInputError:
 * CSCA_PEM_INVALID, CSCA_MULTIPLE, CSCA_DER_INVALID, CSCA_KEY_UNSUPPORTED or CSCA_NOT_CA.
 */
export function parseCscaCertificate(input: string | Uint8Array): CscaCertificateInfo {
  const ders = toDerList(input);
  if (ders.length !== 1) throw new ChipInputError('CSCA_MULTIPLE', { count: ders.length });
  const anchor = parseAnchor(ders[0]);
  if (!anchor.isCa) throw new ChipInputError('CSCA_NOT_CA');
  const { subject, issuer, serialNumber, fingerprintSha256, notBefore, notAfter } = anchor.summary;
  return { subject, issuer, serialNumber, fingerprintSha256, notBefore: new Date(notBefore), notAfter: new Date(notAfter), der: anchor.der };
}

/**
 * Parses trust anchors once (each entry PEM — possibly several blocks — or DER). A certificate
 * that does not parse throws, so a broken configuration is loud at start-up. A non-CA
 * certificate is kept but never chains (CHAIN_CSCA_NOT_CA), mirroring what a verifier must do.
 */
export function prepareTrustList(certificates: Iterable<string | Uint8Array>): TrustList {
  if (certificates == null || typeof (certificates as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw new ChipInputError('TRUST_LIST_INVALID', {}, 'expected an array of certificates');
  }
  const anchors: TrustAnchor[] = [];
  const seen = new Set<string>();
  for (const item of certificates) {
    for (const der of toDerList(item)) {
      const anchor = parseAnchor(der);
      if (seen.has(anchor.summary.fingerprintSha256)) continue;
      seen.add(anchor.summary.fingerprintSha256);
      anchors.push(anchor);
    }
  }
  return Object.freeze({ anchors: Object.freeze(anchors) });
}

export function isTrustList(value: unknown): value is TrustList {
  return typeof value === 'object' && value !== null && Array.isArray((value as TrustList).anchors);
}

export interface ChainResult {
  valid: boolean;
  code: ChipMessageCode;
  params: Record<string, unknown>;
  /** The CSCA that signed the document signer certificate, when one did. */
  csca?: TrustAnchor;
}

/**
 * Chain check (ICAO 9303-11 §5.1, 9303-12): a trusted CSCA whose subject equals the document
 * signer's issuer (and whose subjectKeyIdentifier equals its authorityKeyIdentifier when both
 * exist) must have signed the certificate and be a CA. Several CSCAs may share a name after a
 * key rollover, so every candidate is tried. Dates are checked separately (checkValidity).
 */
export function verifyCertificateChain(documentSigner: ParsedCertificate, trustList: TrustList): ChainResult {
  // A chain result depends only on the certificate and the (immutable) trust list: remember it.
  let cache = chainResults.get(trustList);
  if (!cache) chainResults.set(trustList, (cache = new Map()));
  const key = documentSigner.summary.fingerprintSha256;
  let chain = cache.get(key);
  if (!chain) {
    chain = Object.freeze(checkChain(documentSigner, trustList));
    if (cache.size >= MAX_CACHED_CHAINS) cache.delete(cache.keys().next().value!);
    cache.set(key, chain);
  }
  return chain;
}

const chainResults = new WeakMap<TrustList, Map<string, ChainResult>>();
const MAX_CACHED_CHAINS = 256;

function checkChain(documentSigner: ParsedCertificate, trustList: TrustList): ChainResult {
  const result = (valid: boolean, code: ChipMessageCode, params: Record<string, unknown> = {}, csca?: TrustAnchor) => ({ valid, code, params, csca });
  if (trustList.anchors.length === 0) return result(false, 'CHAIN_TRUST_LIST_EMPTY');

  const ds = documentSigner.certificate;
  const aki = authorityKeyIdentifier(ds);
  const candidates = trustList.anchors.filter((anchor) => {
    if (!anchor.certificate.subject.isEqual(ds.issuer)) return false;
    const ski = subjectKeyIdentifier(anchor.certificate);
    return !aki || !ski || aki.equals(ski);
  });
  if (candidates.length === 0) return result(false, 'CHAIN_UNTRUSTED_ISSUER', { issuer: documentSigner.summary.issuer });

  let last: ChainResult = result(false, 'CHAIN_SIGNATURE_INVALID');
  for (const anchor of candidates) {
    const outcome = verifyWithAlgorithm(anchor.publicKey!, ds.signatureAlgorithm, ds.tbsView, ds.signatureValue.valueBlock.valueHexView);
    if (outcome.result === 'unsupported') {
      last = result(false, 'CHAIN_ALGORITHM_UNSUPPORTED', { algorithm: outcome.algorithm });
    } else if (outcome.result === 'valid') {
      if (!anchor.isCa) return result(false, 'CHAIN_CSCA_NOT_CA', { csca: anchor.summary.subject }, anchor);
      return result(true, 'CHAIN_VALID', { csca: anchor.summary.subject }, anchor);
    }
  }
  return last;
}

/** Validity of the document signer and (when known) the CSCA at `at`. */
export function checkValidity(documentSigner: ParsedCertificate, csca: ParsedCertificate | undefined, at: Date): ChainResult {
  const when = at.getTime();
  for (const [certificate, prefix] of [
    [documentSigner, 'DS'],
    [csca, 'CSCA'],
  ] as const) {
    if (!certificate) continue;
    const { notBefore, notAfter } = certificate.certificate;
    if (when < notBefore.value.getTime()) {
      return { valid: false, code: `${prefix}_CERTIFICATE_NOT_YET_VALID`, params: { notBefore: formatDay(notBefore.value) } };
    }
    if (when > notAfter.value.getTime()) {
      return { valid: false, code: `${prefix}_CERTIFICATE_EXPIRED`, params: { notAfter: formatDay(notAfter.value) } };
    }
  }
  return { valid: true, code: csca ? 'CERTIFICATES_VALID' : 'DS_CERTIFICATE_VALID', params: { at: formatDay(at) } };
}
