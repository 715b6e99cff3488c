import type { Config } from '../../platform/config.js';

/** The collecting account, the receipt's series and the notification secret (DA06_PAYMENTS_*). */
export interface PaymentsSettings {
  bin: string;
  account: string;
  accountName: string;
  taxCode: string;
  receiptForm: string;
  receiptSeries: string;
  notifySecret: string;
  notifyWindowSeconds: number;
  expiryHours: number;
  /** True when the account is the development sample (never money): the API and the receipt say "tài khoản mẫu". */
  sample: boolean;
}

/** Outside production, without a configured account: §6.1's illustrative account, clearly marked as a sample. */
const SAMPLE = {
  bin: '970415', account: '113366668888', accountName: 'TÀI KHOẢN MẪU (KHÔNG CHUYỂN TIỀN THẬT)', taxCode: '0000000000',
  notifySecret: 'da06-development-payment-notification-secret-not-for-production',
};

/**
 * Payments are on when an account is configured; outside production (development, tests) they are on
 * with the sample account. In production without an account: off (an officer records that the fee was paid).
 */
export function paymentsSettings(config: Config): PaymentsSettings | undefined {
  const configured = !!(config.DA06_PAYMENTS_BANK_BIN && config.DA06_PAYMENTS_ACCOUNT);
  if (!configured && config.DA06_ENV === 'production') return undefined;
  const sample = !configured;
  return {
    bin: config.DA06_PAYMENTS_BANK_BIN ?? SAMPLE.bin,
    account: config.DA06_PAYMENTS_ACCOUNT ?? SAMPLE.account,
    accountName: sample ? SAMPLE.accountName : (config.DA06_PAYMENTS_ACCOUNT_NAME ?? ''),
    taxCode: config.DA06_PAYMENTS_COLLECTOR_TAX_CODE ?? SAMPLE.taxCode,
    receiptForm: config.DA06_PAYMENTS_RECEIPT_FORM,
    receiptSeries: config.DA06_PAYMENTS_RECEIPT_SERIES,
    notifySecret: config.DA06_PAYMENTS_NOTIFY_SECRET ?? SAMPLE.notifySecret,
    notifyWindowSeconds: config.DA06_PAYMENTS_NOTIFY_WINDOW_S,
    expiryHours: config.DA06_PAYMENTS_EXPIRY_HOURS,
    sample,
  };
}
