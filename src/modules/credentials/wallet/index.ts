// Wallet documents (Đề án 06) as SD-JWT VCs: a pure library, no database and no HTTP. The caller
// passes keys, the clock and status lists, and stores issued documents and status list bits.
export {
  DOCUMENT_TYPES, SPECS, VALIDITY, BENEFIT_LEVELS, JUDICIAL_FORMS, CRIMINAL_RECORD_STATUS, BHYT_CARD_NUMBER, JUDICIAL_TRANSFER_DATE,
  claimLabels, selectiveClaims, documentTypeMetadata, isDocumentType, isResultDocumentType, RESULT_DOCUMENT_TYPES, specOfVct, displayValue,
  type DocumentType, type DocumentTypeSpec, type ClaimSpec, type ClaimValue, type ValueRule, type DocumentInputs,
  type CertifiedCopyInput, type ResultDocumentInput, type ResultDocumentType, type HealthInsuranceInput, type JudicialRecordInput,
} from './types.js';
export { validateDocumentInput, vietnamDay, MAX_CLAIM_BYTES, type Validation, type ValidatedClaims } from './validate.js';
export { issueDocument, expiryOf, type IssueOptions } from './issue.js';
export { presentDocument, decodeDocument, type DecodedDocument } from './present.js';
export {
  createStatusList, allocateStatusIndex, setStatus, getStatus, countFree, serializeStatusList, parseStatusList,
  signStatusListToken, readStatusListToken, statusAt, MAX_STATUS_LIST_SIZE,
  type StatusListState, type StoredStatusList, type StatusListTokenOptions, type PublishedStatusList, type StatusCheck,
} from './status-list.js';
export {
  verifyDocument, createDocumentVerifier, vietnamTime,
  type VerifyOptions, type DocumentVerification, type DocumentVerifier, type StatusListSource, type Reason,
} from './verify.js';
export { SD_JWT_VC_TYP, STATUS_LIST_TYP, MAX_PRESENTATION_LENGTH, toKeyMap, type VerificationKeys } from './format.js';
export type { LabelledClaim, StatusReference } from './document.js';
export { WALLET_MESSAGES, walletMessage, type WalletMessageCode, type WalletReasonCode, type WalletFieldCode } from './messages.js';
