/**
 * ICAO 9303 passive authentication for Vietnamese chip ID cards (CCCD / căn cước): EF.SOD,
 * DG1 (TD1 MRZ), DG13 (Vietnamese layout), DG15 active authentication. Pure: no database, no
 * HTTP. Test vectors live in ./testing.ts and are deliberately not exported here.
 */
export { passiveAuthenticate } from './passive-auth.js';
export { faceImageOf, type FaceImage } from './dg2.js';
export type { ChipInput, PassiveAuthOptions, PassiveAuthReport, ChipCheck, CheckName, CheckStatus } from './passive-auth.js';
export { prepareTrustList, parseCscaCertificate, pemToDer, verifyCertificateChain, checkValidity } from './trust.js';
export type { TrustList, TrustAnchor, CscaCertificateInfo, ChainResult } from './trust.js';
export { parseSod, verifySodSignature, LDS_SECURITY_OBJECT_OID } from './sod.js';
export type { ParsedSod, SodSignatureResult } from './sod.js';
export { parseDg1, parseTd1Mrz, mrzCheckDigit } from './dg1.js';
export type { Dg1Data, Dg1CheckDigits } from './dg1.js';
export { parseDg13, dg13Date } from './dg13.js';
export type { Dg13Data, Dg13RawField } from './dg13.js';
export { parseDg15, verifyActiveAuthentication } from './active-auth.js';
export type { ActiveAuthResult } from './active-auth.js';
export type { CertificateSummary } from './certificates.js';
export { ChipInputError } from './errors.js';
export { CHIP_INPUT_LIMITS, decodeField } from './input.js';
export { CHIP_MESSAGES, chipMessage, type ChipMessageCode } from './messages.js';
