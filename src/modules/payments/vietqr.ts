import { BanksObject, QRPay } from 'vietnam-qr-pay';
import { normalizeName } from '../registry/index.js';

/**
 * VietQR (NAPAS 247 over the EMVCo merchant-presented QR): the payload a bank app scans to transfer a
 * fee to the collecting unit's account (DOMAIN-SERVICES.md §6.1). The TLV encoding and its
 * CRC-16/CCITT-FALSE come from `vietnam-qr-pay`, which reproduces §6.1's two vectors byte for byte
 * (vietqr.test.ts); what is ours is the rules around it: ASCII-only, upper-case transfer text without
 * diacritics, the payment reference in 62/08 (the transfer text a bank statement carries, which
 * reconciliation matches) and in 62/01, integer đồng, and a strict reading of a scanned code.
 */

/** Why a payload was not built or a scanned code not accepted; each has a Vietnamese text in `VIETQR_REASONS`. */
export type VietQrReason =
  | 'BIN_INVALID'
  | 'ACCOUNT_INVALID'
  | 'AMOUNT_INVALID'
  | 'REFERENCE_INVALID'
  | 'TEXT_TOO_LONG'
  | 'NOT_TEXT'
  | 'CRC_MISMATCH'
  | 'NOT_VIETQR'
  | 'FIELD_UNSUPPORTED';

export const VIETQR_REASONS: Record<VietQrReason, string> = {
  BIN_INVALID: 'Mã ngân hàng (BIN) phải gồm đúng 6 chữ số.',
  ACCOUNT_INVALID: 'Số tài khoản nhận phải gồm 1–19 chữ số hoặc chữ cái in hoa.',
  AMOUNT_INVALID: 'Số tiền phải là số nguyên đồng, lớn hơn 0 và không quá 13 chữ số.',
  REFERENCE_INVALID: 'Mã tham chiếu thanh toán gồm 1–25 chữ cái in hoa, chữ số hoặc dấu gạch ngang.',
  TEXT_TOO_LONG: 'Mã QR quá dài để là mã VietQR.',
  NOT_TEXT: 'Mã QR chứa ký tự không hợp lệ cho mã VietQR.',
  CRC_MISMATCH: 'Mã QR bị hỏng hoặc đã bị sửa (mã kiểm tra CRC không khớp).',
  NOT_VIETQR: 'Đây không phải mã VietQR chuyển khoản đến tài khoản ngân hàng.',
  FIELD_UNSUPPORTED: 'Mã VietQR có trường không được hỗ trợ.',
};

export class VietQrError extends Error {
  constructor(readonly reason: VietQrReason) {
    super(VIETQR_REASONS[reason]);
    this.name = 'VietQrError';
  }
}

/** The longest transfer text (62/08) we write: banks may cut longer ones (§6.1, ≤ 25 is the common advice). */
export const TRANSFER_TEXT_MAX = 25;
/** EMVCo caps a whole payload at 512 characters. */
const PAYLOAD_MAX = 512;
const NAPAS_GUID = 'A000000727';
const TRANSFER_TO_ACCOUNT = 'QRIBFTTA';
const TRANSFER_TO_CARD = 'QRIBFTTC';

/** "Lệ phí hộ tịch" → "LE PHI HO TICH": ASCII upper case, no diacritics (đ → D), single spaces. */
export function transferText(text: string): string {
  return normalizeName(text).toUpperCase();
}

export interface VietQrPayee {
  /** The acquiring bank's 6-digit BIN (e.g. 970415). */
  bin: string;
  /** The collecting unit's account number. */
  account: string;
}

export interface VietQrRequest extends VietQrPayee {
  /** Integer đồng; absent: a static (reusable) code. */
  amount?: number;
  /** The payment's reference (62/01 and the start of 62/08), e.g. a dossier's payment code. */
  reference?: string;
  /** What the payment is for, appended to the reference in 62/08 as far as the 25 characters allow. */
  purpose?: string;
}

function checkPayee(p: VietQrPayee): void {
  if (!/^\d{6}$/.test(p.bin)) throw new VietQrError('BIN_INVALID');
  if (!/^[0-9A-Z]{1,19}$/.test(p.account)) throw new VietQrError('ACCOUNT_INVALID');
}

function checkAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0 || String(amount).length > 13) throw new VietQrError('AMOUNT_INVALID');
}

/**
 * The EMVCo fields exactly as given: 62/01 bill number and 62/08 purpose, each written only when given.
 * `vietQrPayment` builds on it; §6.1's vectors are written with it.
 */
export function encodeVietQr(f: VietQrPayee & { amount?: number; billNumber?: string; purpose?: string; toCard?: boolean; dynamic?: boolean }): string {
  checkPayee(f);
  if (f.amount !== undefined) checkAmount(f.amount);
  for (const text of [f.billNumber, f.purpose]) {
    if (text !== undefined && !/^[\x20-\x7e]{1,25}$/.test(text)) throw new VietQrError('REFERENCE_INVALID');
  }
  const qr = QRPay.initVietQR({
    bankBin: f.bin, bankNumber: f.account, amount: f.amount === undefined ? undefined : String(f.amount),
    purpose: f.purpose, service: (f.toCard ? TRANSFER_TO_CARD : TRANSFER_TO_ACCOUNT) as never,
    // 12: one payment (dynamic), 11: reusable (static); by default, dynamic exactly when an amount is given.
    initMethod: (f.dynamic ?? f.amount !== undefined) ? '12' : '11',
  });
  if (f.billNumber !== undefined) qr.additionalData.billNumber = f.billNumber;
  return qr.build();
}

/**
 * The QR a payer scans for one payment: dynamic (with the amount) when an amount is given; the
 * reference in 62/01 and first in 62/08, followed by the purpose folded to ASCII, cut at 25 characters.
 */
export function vietQrPayment(r: VietQrRequest): string {
  if (r.reference !== undefined && !/^[A-Z0-9-]{1,25}$/.test(r.reference)) throw new VietQrError('REFERENCE_INVALID');
  return encodeVietQr({ bin: r.bin, account: r.account, amount: r.amount, billNumber: r.reference, purpose: transferTextOf(r.reference, r.purpose) });
}

/** The transfer text (62/08) a payment's code carries: the reference first, then the purpose without diacritics, cut to the limit. */
export function transferTextOf(reference: string | undefined, purpose: string | undefined): string | undefined {
  const text = [reference, purpose === undefined ? undefined : transferText(purpose)].filter((s) => s).join(' ');
  return text ? text.slice(0, TRANSFER_TEXT_MAX).trimEnd() : undefined;
}

const BANK_NAMES = new Map(Object.values(BanksObject).map((b) => [b.bin, `${b.shortName} (${b.name})`]));

/** The bank of a NAPAS BIN as payers know it ("VietinBank (Ngân hàng TMCP Công thương Việt Nam)"); undefined when not listed. */
export const bankNameOf = (bin: string): string | undefined => BANK_NAMES.get(bin);

export interface ScannedVietQr extends VietQrPayee {
  dynamic: boolean;
  toCard: boolean;
  amount?: number;
  billNumber?: string;
  purpose?: string;
}

/**
 * Reads a scanned VietQR strictly: printable ASCII, at most 512 characters, the CRC right, NAPAS's
 * transfer template, currency VND, country VN, and nothing the code carries that the reading would drop
 * (the payload rebuilt from what was read must be the payload scanned). Throws VietQrError.
 */
export function readVietQr(text: string): ScannedVietQr {
  if (text.length > PAYLOAD_MAX) throw new VietQrError('TEXT_TOO_LONG');
  if (!/^[\x20-\x7e]+$/.test(text)) throw new VietQrError('NOT_TEXT');
  // The CRC first: a code changed in transit (or by hand) is told apart from one that never was VietQR.
  const crcAt = text.length - 4;
  if (text.slice(crcAt - 4, crcAt) === '6304' && QRPay.genCRCCode(text.slice(0, crcAt)) !== text.slice(crcAt)) throw new VietQrError('CRC_MISMATCH');
  const qr = new QRPay(text);
  if (!qr.isValid) throw new VietQrError('NOT_VIETQR');
  const service = qr.provider.service as string | undefined;
  if (qr.provider.guid !== NAPAS_GUID || (service !== TRANSFER_TO_ACCOUNT && service !== TRANSFER_TO_CARD)
      || qr.currency !== '704' || qr.nation !== 'VN' || (qr.initMethod !== '11' && qr.initMethod !== '12')) {
    throw new VietQrError('NOT_VIETQR');
  }
  const bin = qr.consumer.bankBin ?? '';
  const account = qr.consumer.bankNumber ?? '';
  checkPayee({ bin, account });
  const amount = qr.amount === undefined ? undefined : /^\d{1,13}$/.test(qr.amount) ? Number(qr.amount) : NaN;
  if (amount !== undefined) checkAmount(amount);
  const { billNumber, purpose } = qr.additionalData;
  const scanned: ScannedVietQr = {
    bin, account, dynamic: qr.initMethod === '12', toCard: service === TRANSFER_TO_CARD,
    ...(amount !== undefined && { amount }), ...(billNumber && { billNumber }), ...(purpose && { purpose }),
  };
  const rebuilt = (() => {
    try {
      return encodeVietQr(scanned);
    } catch {
      return undefined;
    }
  })();
  // Fields we do not read (merchant name, tips, other 62 sub-fields, a different point of initiation): refused, not dropped.
  if (rebuilt !== text) throw new VietQrError('FIELD_UNSUPPORTED');
  return scanned;
}
