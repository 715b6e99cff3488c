import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SAMPLES } from './fixtures.js';
import { DOCUMENT_TYPES, WALLET_MESSAGES, validateDocumentInput, type DocumentType } from './index.js';
import { addMonths, endOfVietnamDay, vietnamDay } from './validate.js';

const TODAY = '2025-06-15';

function problems(type: DocumentType, patch: Record<string, unknown>, today = TODAY) {
  const r = validateDocumentInput(type, { ...SAMPLES[type], ...patch }, today);
  return r.ok ? [] : r.errors.map((e) => `${e.field}:${e.code}`);
}

describe('issuing request validation', () => {
  it.each(DOCUMENT_TYPES)('%s: the sample request is valid', (type) => {
    expect(validateDocumentInput(type, SAMPLES[type], TODAY)).toMatchObject({ ok: true });
  });

  it('refuses non-objects, unknown fields and missing required fields, naming the request fields', () => {
    for (const input of [null, 'x', [], 42]) {
      expect(validateDocumentInput('certified-copy', input, TODAY)).toEqual({ ok: false, errors: [{ field: '', code: 'WALLET_FIELD_NOT_OBJECT', message: WALLET_MESSAGES.WALLET_FIELD_NOT_OBJECT }] });
    }
    expect(problems('certified-copy', { holder_name: 'x', holderName: undefined, certificationNumber: '   ' }))
      .toEqual(['holder_name:WALLET_FIELD_UNKNOWN', 'holderName:WALLET_FIELD_REQUIRED', 'certificationNumber:WALLET_FIELD_REQUIRED']);
  });

  it('canonicalises text: NFC, trimmed, single spaces; codes upper-case, hashes lower-case', () => {
    const r = validateDocumentInput('health-insurance', {
      ...SAMPLES['health-insurance'], holderName: '  Le\u0302\u0300  Va\u0306n   Phúc ', cardNumber: 'hs 4 87 8701234567',
    }, TODAY);
    expect(r).toMatchObject({ ok: true, claims: { holder_name: 'Lề Văn Phúc', card_number: 'HS4878701234567' } });
    const c = validateDocumentInput('certified-copy', { ...SAMPLES['certified-copy'], fileSha256: SAMPLES['certified-copy'].fileSha256.toUpperCase() }, TODAY);
    expect(c).toMatchObject({ ok: true, claims: { file_sha256: SAMPLES['certified-copy'].fileSha256 } });
  });

  it('refuses control characters, bidi overrides, over-long text and non-text', () => {
    expect(problems('certified-copy', { documentTitle: 'Bằng\ntốt nghiệp' })).toEqual(['documentTitle:WALLET_FIELD_CONTROL_CHARS']);
    expect(problems('certified-copy', { documentTitle: 'Bằng \u202Eiệhgn tốt' })).toEqual(['documentTitle:WALLET_FIELD_CONTROL_CHARS']);
    expect(problems('certified-copy', { documentTitle: 'a'.repeat(301) })).toEqual(['documentTitle:WALLET_FIELD_TOO_LONG']);
    expect(problems('certified-copy', { documentNumber: 12345 })).toEqual(['documentNumber:WALLET_FIELD_NOT_TEXT']);
    expect(problems('certified-copy', { holderName: 'Nguyễn Văn 3' })).toEqual(['holderName:WALLET_FIELD_NAME_FORMAT']);
    expect(problems('certified-copy', { holderPersonalId: '08719901234' })).toEqual(['holderPersonalId:WALLET_FIELD_PERSONAL_ID_FORMAT']);
    expect(problems('certified-copy', { fileSha256: 'abc' })).toEqual(['fileSha256:WALLET_FIELD_SHA256_FORMAT']);
  });

  it('checks dates: real, not in the future, in order', () => {
    expect(problems('certified-copy', { documentIssueDate: '2025-02-29' })).toEqual(['documentIssueDate:WALLET_FIELD_DATE_FORMAT']);
    expect(problems('certified-copy', { documentIssueDate: '15/06/2020' })).toEqual(['documentIssueDate:WALLET_FIELD_DATE_FORMAT']);
    expect(problems('certified-copy', { certificationDate: '2025-06-16' })).toEqual(['certificationDate:WALLET_FIELD_DATE_IN_FUTURE']);
    expect(problems('certified-copy', { documentIssueDate: '1899-12-31' })).toEqual(['documentIssueDate:WALLET_FIELD_DATE_TOO_EARLY']);
    const order = validateDocumentInput('certified-copy', { ...SAMPLES['certified-copy'], certificationDate: '2017-07-19' }, TODAY);
    expect(order).toEqual({ ok: false, errors: [{ field: 'certificationDate', code: 'WALLET_FIELD_DATE_ORDER', message: 'Ngày phải từ 20/07/2017 (Ngày cấp bản chính) trở đi' }] });
  });

  it('health insurance: both card number forms, benefit level agreeing with the old code, card still valid', () => {
    expect(problems('health-insurance', { cardNumber: '8701234567' })).toEqual([]);
    for (const bad of ['HS6878701234567', 'H14878701234567', 'HS487870123456', '87012345678', 'ĐS4878701234567']) {
      expect(problems('health-insurance', { cardNumber: bad }), bad).toEqual(['cardNumber:WALLET_FIELD_BHYT_CARD_FORMAT']);
    }
    expect(problems('health-insurance', { benefitLevel: 3 })).toEqual(['benefitLevel:WALLET_FIELD_BHYT_BENEFIT_MISMATCH']);
    expect(problems('health-insurance', { benefitLevel: '4' })).toEqual(['benefitLevel:WALLET_FIELD_CHOICE']);
    expect(problems('health-insurance', { validTo: '2025-06-14' })).toEqual(['validTo:WALLET_FIELD_CARD_EXPIRED']);
    expect(problems('health-insurance', { validFrom: '2026-01-01' })).toEqual(['validTo:WALLET_FIELD_DATE_ORDER']);
    expect(problems('health-insurance', { sex: 'nam' })).toEqual(['sex:WALLET_FIELD_CHOICE']);
    expect(problems('health-insurance', { primaryCareFacilityCode: '8700' })).toEqual(['primaryCareFacilityCode:WALLET_FIELD_FACILITY_CODE_FORMAT']);
    expect(problems('health-insurance', { holderPersonalId: '087209001234' })).toEqual(['holderPersonalId:WALLET_FIELD_PERSONAL_ID_BIRTH']);
  });

  it('judicial record: convictions agree with the status, the issuing authority with the date, and the phiếu is recent', () => {
    expect(problems('judicial-record', { criminalRecordStatus: 'recorded' })).toEqual(['convictions:WALLET_FIELD_CONVICTIONS_REQUIRED']);
    expect(problems('judicial-record', { convictions: ['Năm 2010 ...'] })).toEqual(['convictions:WALLET_FIELD_CONVICTIONS_FORBIDDEN']);
    expect(problems('judicial-record', { criminalRecordStatus: 'recorded', convictions: [] })).toEqual(['convictions:WALLET_FIELD_LIST']);
    expect(problems('judicial-record', { criminalRecordStatus: 'recorded', convictions: ['x', ' '] })).toEqual(['convictions:WALLET_FIELD_REQUIRED']);
    expect(problems('judicial-record', { form: 3 })).toEqual(['form:WALLET_FIELD_CHOICE']);
    expect(problems('judicial-record', { issuingAuthority: 'Sở Tư pháp tỉnh Đồng Tháp' })).toEqual(['issuingAuthority:WALLET_FIELD_JUDICIAL_AUTHORITY']);
    expect(problems('judicial-record', { issuingAuthority: 'Sở Tư pháp tỉnh Đồng Tháp', issueDate: '2025-02-28' })).toEqual([]);
    expect(problems('judicial-record', { issuingAuthority: 'Trung tâm Lý lịch tư pháp quốc gia' })).toEqual([]);
    expect(problems('judicial-record', { issuingAuthority: 'UBND xã' })).toEqual(['issuingAuthority:WALLET_FIELD_JUDICIAL_AUTHORITY']);
    expect(problems('judicial-record', { issueDate: '2024-12-15', issuingAuthority: 'Sở Tư pháp tỉnh Đồng Tháp' })).toEqual(['issueDate:WALLET_FIELD_RECORD_TOO_OLD']);
    expect(problems('judicial-record', { issueDate: '2024-12-16', issuingAuthority: 'Sở Tư pháp tỉnh Đồng Tháp' })).toEqual([]);
  });

  it('every field error carries its Vietnamese message with parameters filled in', () => {
    const r = validateDocumentInput('judicial-record', { ...SAMPLES['judicial-record'], purpose: 'x'.repeat(301) }, TODAY);
    expect(r).toEqual({ ok: false, errors: [{ field: 'purpose', code: 'WALLET_FIELD_TOO_LONG', message: 'Quá dài (tối đa 300 ký tự)' }] });
  });

  it('dates in Vietnam: the day, its end, and whole months clamped to the month end', () => {
    expect(vietnamDay(new Date('2025-06-14T17:00:00Z'))).toBe('2025-06-15');
    expect(vietnamDay(new Date('2025-06-14T16:59:59Z'))).toBe('2025-06-14');
    expect(new Date(endOfVietnamDay('2025-12-31') * 1000).toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addMonths('2025-06-01', 6)).toBe('2025-12-01');
  });

  it('never throws on arbitrary input', () => {
    const type = fc.constantFrom(...DOCUMENT_TYPES);
    const patch = fc.dictionary(fc.constantFrom('holderName', 'birthDate', 'cardNumber', 'form', 'convictions', 'issueDate', 'documentTitle', 'benefitLevel', 'validTo', 'x'), fc.anything());
    fc.assert(fc.property(type, patch, (t, p) => {
      const r = validateDocumentInput(t, { ...SAMPLES[t], ...p }, TODAY);
      if (!r.ok) for (const e of r.errors) expect(e.message).not.toMatch(/\{\w+\}/);
    }), { numRuns: 500 });
    fc.assert(fc.property(type, fc.anything(), (t, input) => { validateDocumentInput(t, input, TODAY); }), { numRuns: 300 });
  });
});
