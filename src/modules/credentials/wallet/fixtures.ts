// Test fixtures for the wallet library: keys, one sample request per type, and a status list setup.
import { createHash, createPrivateKey, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { generateSigningKey } from '../../../platform/crypto.js';
import type { SigningKey } from '../identity-qr.js';
import { issueDocument } from './issue.js';
import { allocateStatusIndex, createStatusList, signStatusListToken, type StatusListState } from './status-list.js';
import type { DocumentInputs, DocumentType } from './types.js';

export const ISSUER = 'https://da06.dongthap.gov.vn';
export const STATUS_URI = `${ISSUER}/api/v1/wallet-status-lists/1`;
/** 15/6/2025 10:00 in Vietnam. */
export const NOW = new Date('2025-06-15T03:00:00Z');

export function makeKey(): { signer: SigningKey; jwk: Record<string, unknown>; publicKey: KeyObject } {
  const pair = generateSigningKey('ES256');
  return {
    signer: { kid: pair.privateJwk.kid, privateKey: createPrivateKey({ key: pair.privateJwk as JsonWebKey, format: 'jwk' }) },
    jwk: pair.publicJwk,
    publicKey: createPublicKey({ key: pair.publicJwk as JsonWebKey, format: 'jwk' }),
  };
}

export const SAMPLES: DocumentInputs = {
  'certified-copy': {
    documentTitle: 'Bằng tốt nghiệp trung học phổ thông',
    documentNumber: 'B 0123456',
    documentIssuer: 'Sở Giáo dục và Đào tạo tỉnh Đồng Tháp',
    documentIssueDate: '2017-07-20',
    holderName: 'Nguyễn Thị Mai',
    holderPersonalId: '087199012345',
    certifierName: 'Trần Văn Hùng',
    certifierTitle: 'Phó Chủ tịch Ủy ban nhân dân xã',
    certifyingAuthority: 'Ủy ban nhân dân xã Mỹ Thọ, tỉnh Đồng Tháp',
    certificationDate: '2025-06-10',
    certificationNumber: '1234, Quyển số 01/2025-SCT/BS',
    fileSha256: createHash('sha256').update('bản quét bằng tốt nghiệp').digest('hex'),
  },
  'health-insurance': {
    cardNumber: 'HS4878701234567',
    holderName: 'Lê Văn Phúc',
    birthDate: '2008-03-14',
    sex: 'Nam',
    holderPersonalId: '087208001234',
    benefitLevel: 4,
    primaryCareFacility: 'Trung tâm Y tế khu vực Cao Lãnh',
    primaryCareFacilityCode: '87001',
    validFrom: '2025-01-01',
    validTo: '2025-12-31',
  },
  'judicial-record': {
    form: 1,
    recordNumber: '1234/2025/LLTP',
    holderName: 'Phạm Thị Hồng',
    birthDate: '1990-11-02',
    holderPersonalId: '087190004321',
    criminalRecordStatus: 'none',
    issuingAuthority: 'Công an tỉnh Đồng Tháp',
    issueDate: '2025-06-01',
    purpose: 'Bổ sung hồ sơ xin việc',
  },
  'result-criminal-record': {
    documentId: '0b9f6c1e-5d2a-4f3b-9c8e-1a2b3c4d5e6f', documentTitle: 'Phiếu lý lịch tư pháp', documentKind: 'criminal_record',
    issuerName: 'Sở Tư pháp tỉnh Đồng Tháp', issueDate: '2025-06-10', dossierCode: 'H87.12-250601-0001', holderName: 'Phạm Thị Hồng', holderPersonalId: '087190004321',
    fullName: 'Phạm Thị Hồng', sex: 'Nữ', birthDate: '02/11/1990', permanentAddress: 'Số 12 đường Lê Lợi, phường Cao Lãnh, tỉnh Đồng Tháp',
    form: 'Phiếu lý lịch tư pháp số 1', criminalRecord: 'Không có án tích', purpose: 'Bổ sung hồ sơ xin việc',
    pdfSha256: createHash('sha256').update('phiếu lý lịch tư pháp').digest('hex'),
  },
  'result-birth-extract': {
    documentId: '1c0a7d2f-6e3b-4a4c-8d9f-2b3c4d5e6f70', documentTitle: 'Trích lục khai sinh', documentKind: 'birth',
    issuerName: 'Ủy ban nhân dân xã Mỹ Thọ', issueDate: '2025-06-12', holderName: 'Trần Gia Bảo', holderPersonalId: '087190004321',
    childName: 'Trần Gia Bảo', birthDate: '01/06/2025', sex: 'Nam', ethnicity: 'Kinh', nationality: 'Việt Nam', birthPlace: 'Bệnh viện Đa khoa Đồng Tháp',
    childPersonalId: '087225000123', motherName: 'Phạm Thị Hồng', fatherName: 'Trần Văn Minh', registrationDate: '12/06/2025',
    pdfSha256: createHash('sha256').update('trích lục khai sinh').digest('hex'),
  },
  'result-residence-confirmation': {
    documentId: '2d1b8e30-7f4c-4b5d-9e0a-3c4d5e6f7081', documentTitle: 'Xác nhận thông tin về cư trú', documentKind: 'residence_confirmation',
    issuerName: 'Công an xã Mỹ Thọ', issueDate: '2025-06-14', holderName: 'Lê Văn Phúc', holderPersonalId: '087208001234',
    fullName: 'Lê Văn Phúc', birthDate: '14/03/2008', sex: 'Nam', personalId: '087208001234', permanentResidence: 'Ấp 3, xã Mỹ Thọ, tỉnh Đồng Tháp',
    temporaryResidence: 'Không có', householdNumber: '870001234', householdHead: 'Lê Văn Tài', relationToHead: 'Con',
    validityNote: 'Xác nhận có giá trị đến khi thông tin về cư trú thay đổi.', pdfSha256: createHash('sha256').update('CT07').digest('hex'),
  },
};

/** One issuer with a key, a status list, and a source that serves its current token. */
export function makeIssuer(size = 1024) {
  const key = makeKey();
  const list: StatusListState = createStatusList(size);
  let token = '';
  const publish = (now = NOW) => { token = signStatusListToken(list, { uri: STATUS_URI, issuer: ISSUER, signer: key.signer, now }); };
  publish();
  return {
    key,
    list,
    keys: new Map([[key.signer.kid, key.publicKey]]),
    publish,
    statusList: (uri: string) => (uri === STATUS_URI ? token : undefined),
    async issue<T extends DocumentType>(type: T, input: DocumentInputs[T] = SAMPLES[type], now = NOW) {
      const idx = allocateStatusIndex(list)!;
      const sdJwt = await issueDocument(type, input, { signer: key.signer, issuer: ISSUER, status: { uri: STATUS_URI, idx }, now });
      return { sdJwt, idx };
    },
  };
}
