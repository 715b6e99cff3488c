import { constants, createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { pkijs } from './pki.js';

export type HashName = 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';

/** Digest algorithm OIDs allowed by ICAO 9303-12 for the SOD (SHA-1 only for old documents). */
export const HASH_OIDS: Record<string, HashName> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

export const HASH_DISPLAY: Record<HashName, string> = {
  sha1: 'SHA-1',
  sha224: 'SHA-224',
  sha256: 'SHA-256',
  sha384: 'SHA-384',
  sha512: 'SHA-512',
};

export function hashOid(hash: HashName): string {
  return Object.entries(HASH_OIDS).find(([, name]) => name === hash)![0];
}

export function digest(hash: HashName, ...parts: Uint8Array[]): Buffer {
  const h = createHash(hash);
  for (const part of parts) h.update(part);
  return h.digest();
}

type Scheme = 'rsa-pkcs1' | 'rsa-pss' | 'ecdsa-der' | 'ecdsa-plain';

interface SignatureAlgorithm {
  scheme: Scheme;
  /** Absent when the OID names only the key type and the hash comes from elsewhere. */
  hash?: HashName;
  name: string;
}

/**
 * Signature algorithm OIDs seen on eMRTD certificates and SODs. Besides the usual
 * "<hash>WithRSA"/"ecdsa-with-<hash>", some issuers put only the key type (rsaEncryption,
 * id-ecPublicKey) in SignerInfo.signatureAlgorithm and rely on SignerInfo.digestAlgorithm,
 * and German-designed chips use BSI TR-03111 plain (r‖s) ECDSA signatures.
 */
const SIGNATURE_ALGORITHMS: Record<string, SignatureAlgorithm> = {
  '1.2.840.113549.1.1.1': { scheme: 'rsa-pkcs1', name: 'RSA PKCS#1 v1.5' },
  '1.2.840.113549.1.1.5': { scheme: 'rsa-pkcs1', hash: 'sha1', name: 'SHA-1 với RSA' },
  '1.2.840.113549.1.1.14': { scheme: 'rsa-pkcs1', hash: 'sha224', name: 'SHA-224 với RSA' },
  '1.2.840.113549.1.1.11': { scheme: 'rsa-pkcs1', hash: 'sha256', name: 'SHA-256 với RSA' },
  '1.2.840.113549.1.1.12': { scheme: 'rsa-pkcs1', hash: 'sha384', name: 'SHA-384 với RSA' },
  '1.2.840.113549.1.1.13': { scheme: 'rsa-pkcs1', hash: 'sha512', name: 'SHA-512 với RSA' },
  '1.2.840.113549.1.1.10': { scheme: 'rsa-pss', name: 'RSA-PSS' },
  '1.2.840.10045.2.1': { scheme: 'ecdsa-der', name: 'ECDSA' },
  '1.2.840.10045.4.1': { scheme: 'ecdsa-der', hash: 'sha1', name: 'ECDSA SHA-1' },
  '1.2.840.10045.4.3.1': { scheme: 'ecdsa-der', hash: 'sha224', name: 'ECDSA SHA-224' },
  '1.2.840.10045.4.3.2': { scheme: 'ecdsa-der', hash: 'sha256', name: 'ECDSA SHA-256' },
  '1.2.840.10045.4.3.3': { scheme: 'ecdsa-der', hash: 'sha384', name: 'ECDSA SHA-384' },
  '1.2.840.10045.4.3.4': { scheme: 'ecdsa-der', hash: 'sha512', name: 'ECDSA SHA-512' },
  '0.4.0.127.0.7.1.1.4.1.1': { scheme: 'ecdsa-plain', hash: 'sha1', name: 'ECDSA (r‖s) SHA-1' },
  '0.4.0.127.0.7.1.1.4.1.2': { scheme: 'ecdsa-plain', hash: 'sha224', name: 'ECDSA (r‖s) SHA-224' },
  '0.4.0.127.0.7.1.1.4.1.3': { scheme: 'ecdsa-plain', hash: 'sha256', name: 'ECDSA (r‖s) SHA-256' },
  '0.4.0.127.0.7.1.1.4.1.4': { scheme: 'ecdsa-plain', hash: 'sha384', name: 'ECDSA (r‖s) SHA-384' },
  '0.4.0.127.0.7.1.1.4.1.5': { scheme: 'ecdsa-plain', hash: 'sha512', name: 'ECDSA (r‖s) SHA-512' },
};

export type VerifyOutcome =
  | { result: 'valid' | 'invalid'; algorithm: string }
  | { result: 'unsupported'; algorithm: string };

/**
 * Verifies `signature` over `data` with the algorithm named by an AlgorithmIdentifier.
 * `fallbackHash` is used when the OID carries no hash (rsaEncryption, id-ecPublicKey).
 * Never throws: a key of the wrong type or a garbled signature is simply 'invalid'.
 */
export function verifyWithAlgorithm(
  publicKey: KeyObject,
  algorithmId: pkijs.AlgorithmIdentifier,
  data: Uint8Array,
  signature: Uint8Array,
  fallbackHash?: HashName,
): VerifyOutcome {
  const known = SIGNATURE_ALGORITHMS[algorithmId.algorithmId];
  if (!known) return { result: 'unsupported', algorithm: algorithmId.algorithmId };
  let hash = known.hash ?? fallbackHash;
  let saltLength: number | undefined;
  if (known.scheme === 'rsa-pss') {
    const pss = readPssParams(algorithmId);
    if (!pss) return { result: 'unsupported', algorithm: `${known.name} (tham số không hỗ trợ)` };
    hash = pss.hash;
    saltLength = pss.saltLength;
  }
  if (!hash) return { result: 'unsupported', algorithm: known.name };
  const algorithm = known.hash ? known.name : `${known.name} ${HASH_DISPLAY[hash]}`;

  const keyType = publicKey.asymmetricKeyType;
  const isEc = known.scheme === 'ecdsa-der' || known.scheme === 'ecdsa-plain';
  if (isEc ? keyType !== 'ec' : keyType !== 'rsa' && keyType !== 'rsa-pss') return { result: 'invalid', algorithm };

  try {
    const ok = isEc
      ? verify(hash, data, { key: publicKey, dsaEncoding: known.scheme === 'ecdsa-plain' ? 'ieee-p1363' : 'der' }, signature)
      : verify(
          hash,
          data,
          known.scheme === 'rsa-pss'
            ? { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }
            : { key: publicKey, padding: constants.RSA_PKCS1_PADDING },
          signature,
        );
    return { result: ok ? 'valid' : 'invalid', algorithm };
  } catch {
    return { result: 'invalid', algorithm };
  }
}

const MGF1_OID = '1.2.840.113549.1.1.8';

/**
 * RSASSA-PSS-params (RFC 4055). Node's verify uses MGF1 with the message hash, so a different
 * MGF1 hash is reported as unsupported rather than silently mis-verified.
 */
function readPssParams(algorithmId: pkijs.AlgorithmIdentifier): { hash: HashName; saltLength: number } | null {
  try {
    const params = algorithmId.algorithmParams
      ? new pkijs.RSASSAPSSParams({ schema: algorithmId.algorithmParams })
      : new pkijs.RSASSAPSSParams();
    const hash = HASH_OIDS[params.hashAlgorithm.algorithmId];
    if (!hash || params.maskGenAlgorithm.algorithmId !== MGF1_OID) return null;
    const mgfHash = new pkijs.AlgorithmIdentifier({ schema: params.maskGenAlgorithm.algorithmParams });
    if (HASH_OIDS[mgfHash.algorithmId] !== hash) return null;
    if (params.trailerField !== 1) return null;
    return { hash, saltLength: params.saltLength };
  } catch {
    return null;
  }
}

/** A node:crypto public key from a SubjectPublicKeyInfo, or null when OpenSSL cannot load it. */
export function publicKeyFromSpki(spki: pkijs.PublicKeyInfo | Uint8Array): KeyObject | null {
  try {
    const der = spki instanceof Uint8Array ? spki : new Uint8Array(spki.toSchema().toBER());
    return createPublicKey({ key: Buffer.from(der), format: 'der', type: 'spki' });
  } catch {
    return null;
  }
}

/** A digest AlgorithmIdentifier with absent parameters, as ICAO 9303-12 recommends. */
export function digestAlgorithmIdentifier(hash: HashName): pkijs.AlgorithmIdentifier {
  return new pkijs.AlgorithmIdentifier({ algorithmId: hashOid(hash) });
}
