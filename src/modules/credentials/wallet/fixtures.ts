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
