import { createHash, type KeyObject } from 'node:crypto';
import { publicKeyFromSpki } from './algorithms.js';
import { stringValue, toBuffer } from './der.js';
import { pkijs } from './pki.js';

/** What a report says about a certificate; JSON-friendly. */
export interface CertificateSummary {
  subject: string;
  issuer: string;
  /** Hexadecimal, as printed by most tools. */
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  fingerprintSha256: string;
}

/** A certificate parsed once, with what the checks need at hand. */
export interface ParsedCertificate {
  certificate: pkijs.Certificate;
  der: Buffer;
  /** null when OpenSSL cannot load the key (unknown curve, explicit parameters it rejects…). */
  publicKey: KeyObject | null;
  summary: CertificateSummary;
}

const NAME_ATTRIBUTES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '1.2.840.113549.1.9.1': 'E',
};

/** "C=VN, O=…, CN=…" in the order the name is encoded. */
export function formatName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((tv) => `${NAME_ATTRIBUTES[tv.type] ?? tv.type}=${stringValue(tv.value) ?? '#' + toBuffer(tv.value.valueBeforeDecodeView).toString('hex')}`)
    .join(', ');
}

export function describeCertificate(certificate: pkijs.Certificate, der: Uint8Array): ParsedCertificate {
  return deepFreeze({
    certificate,
    der: toBuffer(der),
    publicKey: publicKeyFromSpki(certificate.subjectPublicKeyInfo),
    summary: {
      subject: formatName(certificate.subject),
      issuer: formatName(certificate.issuer),
      serialNumber: toBuffer(certificate.serialNumber.valueBlock.valueHexView).toString('hex'),
      notBefore: certificate.notBefore.value.toISOString(),
      notAfter: certificate.notAfter.value.toISOString(),
      fingerprintSha256: createHash('sha256').update(der).digest('hex'),
    },
  });
}

function deepFreeze(parsed: ParsedCertificate): ParsedCertificate {
  Object.freeze(parsed.summary);
  return Object.freeze(parsed);
}

/**
 * One document signer certificate signs the SODs of many thousands of cards, so certificates
 * are parsed once per process and looked up by their SHA-256; parsing (pkijs schema matching,
 * key import) is a third of the cost of a passive authentication. The entries are frozen and
 * content-addressed, so sharing them between calls cannot leak one card's data into another.
 */
const parsedCertificates = new Map<string, ParsedCertificate>();
const MAX_CACHED_CERTIFICATES = 256;

export function parseCertificateCached(der: Uint8Array, parse: () => pkijs.Certificate): ParsedCertificate {
  const key = createHash('sha256').update(der).digest('hex');
  let parsed = parsedCertificates.get(key);
  if (!parsed) {
    parsed = describeCertificate(parse(), der);
    if (parsedCertificates.size >= MAX_CACHED_CERTIFICATES) parsedCertificates.delete(parsedCertificates.keys().next().value!);
    parsedCertificates.set(key, parsed);
  }
  return parsed;
}

/** The subjectKeyIdentifier extension value, or null. */
export function subjectKeyIdentifier(certificate: pkijs.Certificate): Buffer | null {
  const extension = certificate.extensions?.find((e) => e.extnID === '2.5.29.14');
  const parsed = extension?.parsedValue as { valueBlock?: { valueHexView?: Uint8Array } } | undefined;
  return parsed?.valueBlock?.valueHexView ? toBuffer(parsed.valueBlock.valueHexView) : null;
}

/** The keyIdentifier of the authorityKeyIdentifier extension, or null. */
export function authorityKeyIdentifier(certificate: pkijs.Certificate): Buffer | null {
  const extension = certificate.extensions?.find((e) => e.extnID === '2.5.29.35');
  const parsed = extension?.parsedValue as pkijs.AuthorityKeyIdentifier | undefined;
  return parsed?.keyIdentifier ? toBuffer(parsed.keyIdentifier.valueBlock.valueHexView) : null;
}
