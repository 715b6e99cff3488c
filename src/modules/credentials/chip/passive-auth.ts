import { verifyActiveAuthentication, parseDg15 } from './active-auth.js';
import { digest, HASH_DISPLAY } from './algorithms.js';
import type { CertificateSummary } from './certificates.js';
import { parseDg1, type Dg1Data } from './dg1.js';
import { parseDg13, type Dg13Data } from './dg13.js';
import { faceImageOf, type FaceImage } from './dg2.js';
import { ChipInputError } from './errors.js';
import { CHIP_INPUT_LIMITS, decodeField } from './input.js';
import { chipMessage, type ChipMessageCode } from './messages.js';
import { parseSod, verifySodSignature, type ParsedSod } from './sod.js';
import { checkValidity, isTrustList, prepareTrustList, verifyCertificateChain, type ChainResult, type TrustList } from './trust.js';

/** What a client read from the chip, each file base64 (or raw bytes). */
export interface ChipInput {
  sod: string | Uint8Array;
  dg1: string | Uint8Array;
  dg2?: string | Uint8Array;
  dg13?: string | Uint8Array;
  dg15?: string | Uint8Array;
  /** The chip's answer to INTERNAL AUTHENTICATE. */
  aaSignature?: string | Uint8Array;
  /** The challenge (RND.IFD) the server issued for this read. */
  aaChallenge?: string | Uint8Array;
}

export interface PassiveAuthOptions {
  /** Prepared once with prepareTrustList, or certificates (PEM/DER) parsed on every call. */
  trustList: TrustList | Iterable<string | Uint8Array>;
  /** The instant certificate validity is judged at; defaults to now. */
  at?: Date;
}

export type CheckName =
  | 'sod_signature'
  | 'certificate_chain'
  | 'certificate_validity'
  | 'dg_hash'
  | 'dg1_mrz'
  | 'dg13_parse'
  | 'dg1_dg13_consistency'
  | 'active_authentication';

export type CheckStatus = 'pass' | 'fail' | 'skipped';

export interface ChipCheck {
  check: CheckName;
  status: CheckStatus;
  code: ChipMessageCode;
  /** Vietnamese, for people. */
  message: string;
  /** Only on dg_hash checks. */
  dataGroup?: number;
}

export interface PassiveAuthReport {
  /** True only when the SOD signature, the chain, the validity and every supplied DG hash pass. */
  authentic: boolean;
  checkedAt: string;
  checks: ChipCheck[];
  hashAlgorithm?: string;
  /** Data groups the SOD has hashes for. */
  dataGroupsInSod?: number[];
  documentSigner?: CertificateSummary;
  csca?: CertificateSummary;
  dg1?: Dg1Data;
  dg13?: Dg13Data;
  /** DG2's face image, when DG2 was supplied and its hash matches the SOD (chip/dg2.ts). */
  face?: FaceImage;
}

/** Checks whose pass makes the data authentic (ICAO 9303-11 §5.1 passive authentication). */
const AUTHENTICITY_CHECKS: readonly CheckName[] = ['sod_signature', 'certificate_chain', 'certificate_validity', 'dg_hash'];

type Parsed<T> = { value: T; error?: undefined } | { value?: undefined; error: ChipInputError };

const DATA_GROUPS = [
  [1, 'dg1'],
  [2, 'dg2'],
  [13, 'dg13'],
  [15, 'dg15'],
] as const;

type DecodedInput = {
  sod: Buffer;
  dg1: Buffer;
  dg2?: Buffer;
  dg13?: Buffer;
  dg15?: Buffer;
  aaSignature?: Buffer;
  aaChallenge?: Buffer;
};

/**
 * ICAO 9303 passive authentication of a Vietnamese chip card, plus the MRZ, DG13 and (when the
 * client supplies it) active-authentication checks. Synchronous and pure.
 *
 * Throws ChipInputError only when the input cannot even be decoded (see decodeInput and
 * resolveTrustList); every problem with the decoded bytes is a failed check in the report.
 */
export function passiveAuthenticate(input: ChipInput, options: PassiveAuthOptions): PassiveAuthReport {
  const bytes = decodeInput(input);
  const trustList = resolveTrustList(options?.trustList);
  const at = resolveDate(options?.at);

  const report: PassiveAuthReport = { authentic: false, checkedAt: at.toISOString(), checks: [] };
  const add = (check: ChipCheck) => report.checks.push(check);

  const sod = tryParse(() => parseSod(bytes.sod));
  if (sod.value) {
    report.hashAlgorithm = HASH_DISPLAY[sod.value.hashAlgorithm];
    report.dataGroupsInSod = [...sod.value.dataGroupHashes.keys()].sort((a, b) => a - b);
    const summary = sod.value.documentSigner?.summary;
    if (summary) report.documentSigner = { ...summary }; // a copy: the parsed certificate is shared between calls
  }
  add(guard('sod_signature', () => checkSodSignature(sod)));
  let chain: ChainResult | undefined;
  add(
    guard('certificate_chain', () => {
      if (!sod.value?.documentSigner) return result('certificate_chain', 'skipped', 'CHAIN_NOT_CHECKED');
      chain = verifyCertificateChain(sod.value.documentSigner, trustList);
      return result('certificate_chain', chain.valid ? 'pass' : 'fail', chain.code, chain.params);
    }),
  );
  if (chain?.csca) report.csca = { ...chain.csca.summary };
  add(guard('certificate_validity', () => checkCertificateValidity(sod, chain, at)));

  const hashChecks = new Map<number, ChipCheck>();
  for (const [dataGroup, field] of DATA_GROUPS) {
    const file = bytes[field];
    if (!file) continue;
    const check = guard('dg_hash', () => checkDataGroupHash(sod, dataGroup, file));
    check.dataGroup = dataGroup;
    hashChecks.set(dataGroup, check);
    add(check);
  }

  if (bytes.dg2 && hashChecks.get(2)?.status === 'pass') report.face = faceImageOf(bytes.dg2) ?? undefined;

  const dg1 = tryParse(() => parseDg1(bytes.dg1, { at }));
  report.dg1 = dg1.value;
  add(guard('dg1_mrz', () => checkMrz(dg1)));

  const dg13 = bytes.dg13 ? tryParse(() => parseDg13(bytes.dg13!)) : undefined;
  report.dg13 = dg13?.value;
  add(guard('dg13_parse', () => checkDg13(dg13)));
  add(guard('dg1_dg13_consistency', () => checkConsistency(dg1.value, dg13?.value)));
  add(guard('active_authentication', () => checkActiveAuthentication(bytes, hashChecks.get(15))));

  report.authentic = report.checks.filter((c) => AUTHENTICITY_CHECKS.includes(c.check)).every((c) => c.status === 'pass');
  return report;
}

/**
 * Decodes every field. Throws ChipInputError: INPUT_WRONG_TYPE (not an object / a field not a
 * string or bytes), INPUT_MISSING (no SOD or DG1), INPUT_NOT_BASE64, INPUT_TOO_LARGE,
 * INPUT_TOTAL_TOO_LARGE.
 */
function decodeInput(input: ChipInput): DecodedInput {
  if (typeof input !== 'object' || input === null) throw new ChipInputError('INPUT_WRONG_TYPE', { field: 'input' });
  const decoded = {
    sod: decodeField('sod', input.sod),
    dg1: decodeField('dg1', input.dg1),
    dg2: decodeField('dg2', input.dg2),
    dg13: decodeField('dg13', input.dg13),
    dg15: decodeField('dg15', input.dg15),
    aaSignature: decodeField('aaSignature', input.aaSignature),
    aaChallenge: decodeField('aaChallenge', input.aaChallenge),
  };
  if (!decoded.sod) throw new ChipInputError('INPUT_MISSING', { field: 'sod' });
  if (!decoded.dg1) throw new ChipInputError('INPUT_MISSING', { field: 'dg1' });
  const total = Object.values(decoded).reduce((sum, b) => sum + (b?.byteLength ?? 0), 0);
  if (total > CHIP_INPUT_LIMITS.total) throw new ChipInputError('INPUT_TOTAL_TOO_LARGE', { max: CHIP_INPUT_LIMITS.total });
  return decoded as DecodedInput;
}

/** A prepared trust list is used as is; certificates are parsed (ChipInputError if they do not parse). */
function resolveTrustList(trustList: PassiveAuthOptions['trustList'] | undefined): TrustList {
  if (isTrustList(trustList)) return trustList;
  if (trustList == null) throw new ChipInputError('TRUST_LIST_INVALID', {}, 'options.trustList is required');
  return prepareTrustList(trustList);
}

function resolveDate(at: unknown): Date {
  if (at === undefined) return new Date();
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new ChipInputError('INPUT_WRONG_TYPE', { field: 'at' });
  return at;
}

function tryParse<T>(parse: () => T): Parsed<T> {
  try {
    return { value: parse() };
  } catch (err) {
    if (err instanceof ChipInputError) return { error: err };
    throw err;
  }
}

function result(check: CheckName, status: CheckStatus, code: ChipMessageCode, params: Record<string, unknown> = {}): ChipCheck {
  return { check, status, code, message: chipMessage(code, params) };
}

/** A check that hits something no parser anticipated fails instead of failing the whole report. */
function guard(check: CheckName, run: () => ChipCheck): ChipCheck {
  try {
    return run();
  } catch {
    return result(check, 'fail', 'CHECK_FAILED_UNEXPECTEDLY');
  }
}

function checkSodSignature(sod: Parsed<ParsedSod>): ChipCheck {
  if (sod.error) return result('sod_signature', 'fail', sod.error.code, sod.error.params);
  const outcome = verifySodSignature(sod.value);
  return result('sod_signature', outcome.valid ? 'pass' : 'fail', outcome.code, outcome.params);
}

function checkCertificateValidity(sod: Parsed<ParsedSod>, chain: ChainResult | undefined, at: Date): ChipCheck {
  const documentSigner = sod.value?.documentSigner;
  if (!documentSigner) return result('certificate_validity', 'skipped', 'VALIDITY_NOT_CHECKED');
  const validity = checkValidity(documentSigner, chain?.csca, at);
  return result('certificate_validity', validity.valid ? 'pass' : 'fail', validity.code, validity.params);
}

/** ICAO 9303-10 §4.6.2: the hash covers the whole DG file as read, tag and length included. */
function checkDataGroupHash(sod: Parsed<ParsedSod>, dataGroup: number, file: Buffer): ChipCheck {
  const params = { dg: dataGroup };
  if (!sod.value) return result('dg_hash', 'skipped', 'DG_HASH_NOT_CHECKED', params);
  const expected = sod.value.dataGroupHashes.get(dataGroup);
  if (!expected) return result('dg_hash', 'fail', 'DG_NOT_IN_SOD', params);
  const matches = digest(sod.value.hashAlgorithm, file).equals(expected);
  return result('dg_hash', matches ? 'pass' : 'fail', matches ? 'DG_HASH_MATCH' : 'DG_HASH_MISMATCH', params);
}

function checkMrz(dg1: Parsed<Dg1Data>): ChipCheck {
  if (dg1.error) return result('dg1_mrz', 'fail', dg1.error.code, dg1.error.params);
  const names: Record<keyof Dg1Data['checkDigits'], ChipMessageCode> = {
    documentNumber: 'FIELD_DOCUMENT_NUMBER',
    dateOfBirth: 'FIELD_DATE_OF_BIRTH',
    dateOfExpiry: 'FIELD_DATE_OF_EXPIRY',
    composite: 'FIELD_COMPOSITE',
  };
  const wrong = (Object.keys(names) as (keyof typeof names)[]).filter((k) => !dg1.value.checkDigits[k]);
  if (wrong.length === 0) return result('dg1_mrz', 'pass', 'MRZ_VALID');
  return result('dg1_mrz', 'fail', 'MRZ_CHECK_DIGIT_INVALID', { fields: wrong.map((k) => chipMessage(names[k])).join(', ') });
}

function checkDg13(dg13: Parsed<Dg13Data> | undefined): ChipCheck {
  if (!dg13) return result('dg13_parse', 'skipped', 'DG13_NOT_SUPPLIED');
  if (dg13.error) return result('dg13_parse', 'fail', dg13.error.code, dg13.error.params);
  return result('dg13_parse', 'pass', 'DG13_PARSED', { count: dg13.value.fieldCount });
}

/**
 * DG1 and DG13 are both hashed in the SOD, so a mismatch means the issuer wrote inconsistent
 * data, not tampering; still worth refusing. The MRZ has the 12-digit ID in its optional data on
 * current cards; otherwise its document number is the last 9 digits of the ID (DOMAIN.md §3.1).
 */
function checkConsistency(dg1: Dg1Data | undefined, dg13: Dg13Data | undefined): ChipCheck {
  if (!dg1 || !dg13) return result('dg1_dg13_consistency', 'skipped', 'CONSISTENCY_NOT_CHECKED');
  const compared: ChipMessageCode[] = [];
  const different: ChipMessageCode[] = [];
  const compare = (field: ChipMessageCode, a: string | null | undefined, b: string | null | undefined) => {
    if (a == null || b == null) return;
    compared.push(field);
    if (a !== b) different.push(field);
  };
  if (dg1.personalId) compare('FIELD_PERSONAL_ID', dg1.personalId, dg13.personalId);
  else compare('FIELD_PERSONAL_ID', dg1.documentNumber, dg13.personalId?.slice(-9));
  compare('FIELD_DATE_OF_BIRTH', dg1.dateOfBirth, dg13.dateOfBirth);
  compare('FIELD_SEX', dg1.sex === 'X' ? undefined : dg1.sex, dg13.sex);

  const list = (codes: ChipMessageCode[]) => codes.map((c) => chipMessage(c)).join(', ');
  if (compared.length === 0) return result('dg1_dg13_consistency', 'skipped', 'CONSISTENCY_NOT_CHECKED');
  if (different.length > 0) return result('dg1_dg13_consistency', 'fail', 'DG1_DG13_INCONSISTENT', { fields: list(different) });
  return result('dg1_dg13_consistency', 'pass', 'DG1_DG13_CONSISTENT', { fields: list(compared) });
}

function checkActiveAuthentication(bytes: DecodedInput, dg15Hash: ChipCheck | undefined): ChipCheck {
  const { dg15, aaSignature, aaChallenge } = bytes;
  if (!dg15 || !aaSignature || !aaChallenge) return result('active_authentication', 'skipped', 'AA_NOT_REQUESTED');
  // The key only means something if the issuer signed it: DG15 must match its SOD hash.
  if (dg15Hash?.status !== 'pass') return result('active_authentication', 'fail', 'AA_KEY_NOT_AUTHENTICATED');
  const key = tryParse(() => parseDg15(dg15));
  if (key.error) return result('active_authentication', 'fail', key.error.code, key.error.params);
  const outcome = verifyActiveAuthentication(key.value, aaChallenge, aaSignature);
  return result('active_authentication', outcome.valid ? 'pass' : 'fail', outcome.code, outcome.params);
}
