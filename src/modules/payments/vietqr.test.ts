import { describe, expect, it } from 'vitest';
import { QRPay } from 'vietnam-qr-pay';
import { encodeVietQr, readVietQr, transferText, vietQrPayment, VietQrError } from './vietqr.js';

// DOMAIN-SERVICES.md §6.1: the CRC check value and the two VietQR vectors, byte for byte.
const VECTOR_1 = '00020101021238560010A0000007270126000697041501121133666688880208QRIBFTTA5303704540480005802VN62360114HS2609210000010814LE PHI HO TICH6304C4DF';
const VECTOR_2 = '00020101021138560010A0000007270126000697041501121133666688880208QRIBFTTA53037045802VN6304F443';
const PAYEE = { bin: '970415', account: '113366668888' };

const reason = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof VietQrError) return err.reason;
    throw err;
  }
  return 'accepted';
};

describe('VietQR vectors (§6.1)', () => {
  it('CRC-16/CCITT-FALSE of "123456789" is 29B1', () => {
    expect(QRPay.genCRCCode('123456789')).toBe('29B1');
  });

  it('writes vector 1 (dynamic, 8.000 đồng, bill number and purpose) and vector 2 (static)', () => {
    expect(encodeVietQr({ ...PAYEE, amount: 8000, billNumber: 'HS260921000001', purpose: 'LE PHI HO TICH' })).toBe(VECTOR_1);
    expect(VECTOR_1).toHaveLength(141);
    expect(encodeVietQr(PAYEE)).toBe(VECTOR_2);
  });

  it('reads both vectors back', () => {
    expect(readVietQr(VECTOR_1)).toEqual({ ...PAYEE, dynamic: true, toCard: false, amount: 8000, billNumber: 'HS260921000001', purpose: 'LE PHI HO TICH' });
    expect(readVietQr(VECTOR_2)).toEqual({ ...PAYEE, dynamic: false, toCard: false });
  });
});

describe('a payment QR', () => {
  it('puts the reference in 62/01 and first in 62/08, the purpose folded to ASCII upper case, at most 25 characters', () => {
    const text = vietQrPayment({ ...PAYEE, amount: 50_000, reference: 'HS260921000001', purpose: 'Lệ phí đăng ký hộ tịch' });
    const read = readVietQr(text);
    expect(read).toMatchObject({ amount: 50_000, dynamic: true, billNumber: 'HS260921000001', purpose: 'HS260921000001 LE PHI DAN' });
    expect(read.purpose!.length).toBeLessThanOrEqual(25);
    expect(transferText('Đoàn  Thị Ánh-Nguyệt')).toBe('DOAN THI ANH NGUYET');
  });

  it('refuses what a bank would garble or reject', () => {
    expect(reason(() => vietQrPayment({ ...PAYEE, bin: '97041' }))).toBe('BIN_INVALID');
    expect(reason(() => vietQrPayment({ ...PAYEE, account: '1133-6666' }))).toBe('ACCOUNT_INVALID');
    expect(reason(() => vietQrPayment({ ...PAYEE, account: '1'.repeat(20) }))).toBe('ACCOUNT_INVALID');
    for (const amount of [0, -1000, 12.5, 1e13, Number.NaN]) expect(reason(() => vietQrPayment({ ...PAYEE, amount }))).toBe('AMOUNT_INVALID');
    expect(reason(() => vietQrPayment({ ...PAYEE, reference: 'hs-1' }))).toBe('REFERENCE_INVALID');
    expect(reason(() => vietQrPayment({ ...PAYEE, reference: 'HS 1' }))).toBe('REFERENCE_INVALID');
    expect(reason(() => encodeVietQr({ ...PAYEE, purpose: 'Lệ phí' }))).toBe('REFERENCE_INVALID');
  });
});

describe('reading a scanned code strictly', () => {
  it('names a changed amount as a CRC mismatch, and refuses what is not a bank-transfer VietQR', () => {
    expect(reason(() => readVietQr(VECTOR_1.replace('8000', '9000')))).toBe('CRC_MISMATCH');
    expect(reason(() => readVietQr(''))).toBe('NOT_TEXT');
    expect(reason(() => readVietQr('xin chào'))).toBe('NOT_TEXT');
    expect(reason(() => readVietQr('A'.repeat(513)))).toBe('TEXT_TOO_LONG');
    expect(reason(() => readVietQr('000201'))).toBe('NOT_VIETQR');
    expect(reason(() => readVietQr('https://example.vn/pay?x=1'))).toBe('NOT_VIETQR');
  });

  it('refuses fields it would otherwise drop (merchant name), and a foreign currency', () => {
    const body = '00020101021238560010A0000007270126000697041501121133666688880208QRIBFTTA53037045802VN5908CUA HANG';
    expect(reason(() => readVietQr(withCrc(body)))).toBe('FIELD_UNSUPPORTED');
    const usd = '00020101021138560010A0000007270126000697041501121133666688880208QRIBFTTA53038405802VN';
    expect(reason(() => readVietQr(withCrc(usd)))).toBe('NOT_VIETQR');
  });

  it('never throws anything but VietQrError on arbitrary input', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const cut = VECTOR_1.slice(0, next() % VECTOR_1.length);
      const noisy = cut + String.fromCharCode(32 + (next() % 95)).repeat(next() % 4);
      expect(() => { try { readVietQr(noisy); } catch (err) { if (!(err instanceof VietQrError)) throw err; } }).not.toThrow();
    }
  });
});

function withCrc(body: string): string {
  return `${body}6304${QRPay.genCRCCode(`${body}6304`)}`;
}
