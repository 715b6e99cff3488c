import { createHmac } from 'node:crypto';
import type { Config } from '../../../platform/config.js';
import { DomainError } from '../errors.js';

/**
 * The connector to the national payment platform (Nền tảng thanh toán trực tuyến of DVCQG, DOMAIN-SERVICES.md
 * §6.2): the fields a provincial system was seen to send — `merchantServiceId`, `merchantOrderId`, `amount`,
 * `desc`, `paymentAction=PAY`, `secureCode` (a keyed hash) — and the platform's transaction id
 * (`G22.99.3-241219795252`). The platform's own technical specification was not available: the wire format
 * below is OUR written assumption (docs/connectors/payments.md), kept by the local stand-in
 * (platform-standin.ts) and to be checked against the VPCP document before connecting for real. A payment
 * made on the platform is confirmed only by the platform's signed notification (POST /api/v1/payments/notifications,
 * source platform), never by the browser's return.
 */
export interface PlatformOrder {
  /** The unit's service code on the platform (DA06_PAYMENT_PLATFORM_MERCHANT). */
  merchantServiceId: string;
  /** Our payment reference: the platform's notification names it back. */
  merchantOrderId: string;
  /** Integer đồng. */
  amount: number;
  /** What is paid for (ASCII, as the platform shows the payer). */
  desc: string;
  paymentAction: 'PAY';
}

export interface PlatformOrderAnswer {
  /** The platform's transaction id (`G22.99.3-241219795252`). */
  transactionId: string;
  /** Where the payer's browser goes to pay; its return to da06 confirms nothing. */
  paymentUrl: string;
}

export interface PlatformOrderStatus {
  merchantOrderId: string;
  transactionId: string;
  status: 'pending' | 'paid' | 'failed';
  amount: number;
}

export interface PaymentPlatform {
  /** True when this is the local stand-in: whatever shows the connection says "bản mô phỏng". */
  readonly standin: boolean;
  readonly label: string;
  order(o: Omit<PlatformOrder, 'merchantServiceId' | 'paymentAction'>): Promise<PlatformOrderAnswer>;
  status(merchantOrderId: string): Promise<PlatformOrderStatus>;
}

export const PLATFORM_LABEL = 'Nền tảng thanh toán trực tuyến (Cổng Dịch vụ công quốc gia)';
export const PLATFORM_STANDIN_LABEL = 'Bản mô phỏng Nền tảng thanh toán trên máy (không phải nền tảng thật, không thu tiền thật)';

/** secureCode: hex HMAC-SHA256 with the shared secret over the order's fields joined by '|', in this order. */
export function secureCodeOf(o: PlatformOrder, secret: string): string {
  return createHmac('sha256', secret).update([o.merchantServiceId, o.merchantOrderId, String(o.amount), o.desc, o.paymentAction].join('|')).digest('hex');
}

export interface PlatformSettings {
  url: string;
  merchant: string;
  secret: string;
  standin: boolean;
  timeoutMs: number;
}

/** DA06_PAYMENT_PLATFORM_*; undefined when no platform is configured. */
export function platformSettings(config: Config): PlatformSettings | undefined {
  if (!config.DA06_PAYMENT_PLATFORM_URL || !config.DA06_PAYMENT_PLATFORM_SECRET) return undefined;
  return {
    url: config.DA06_PAYMENT_PLATFORM_URL.replace(/\/+$/, ''), merchant: config.DA06_PAYMENT_PLATFORM_MERCHANT ?? '',
    secret: config.DA06_PAYMENT_PLATFORM_SECRET, standin: config.DA06_PAYMENT_PLATFORM_STANDIN, timeoutMs: 10_000,
  };
}

const TRANSACTION_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** The HTTP client of the contract; every answer is checked before it is believed (PAYMENT_PLATFORM_UNAVAILABLE otherwise). */
export function httpPaymentPlatform(s: PlatformSettings, fetchImpl: typeof fetch = fetch): PaymentPlatform {
  async function call(path: string, init: RequestInit): Promise<unknown> {
    let res: Response;
    try {
      res = await fetchImpl(`${s.url}${path}`, { ...init, signal: AbortSignal.timeout(s.timeoutMs) });
    } catch {
      throw new DomainError('PAYMENT_PLATFORM_UNAVAILABLE');
    }
    if (!res.ok) throw new DomainError('PAYMENT_PLATFORM_UNAVAILABLE');
    try {
      return await res.json();
    } catch {
      throw new DomainError('PAYMENT_PLATFORM_UNAVAILABLE');
    }
  }
  const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
  return {
    standin: s.standin,
    label: s.standin ? PLATFORM_STANDIN_LABEL : PLATFORM_LABEL,
    async order(o) {
      const order: PlatformOrder = { merchantServiceId: s.merchant, paymentAction: 'PAY', ...o };
      const body = { ...order, secureCode: secureCodeOf(order, s.secret) };
      const a = await call('/payments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!isRecord(a) || typeof a.transactionId !== 'string' || !TRANSACTION_ID.test(a.transactionId) || typeof a.paymentUrl !== 'string' || !/^https?:\/\//.test(a.paymentUrl)) {
        throw new DomainError('PAYMENT_PLATFORM_UNAVAILABLE');
      }
      return { transactionId: a.transactionId, paymentUrl: a.paymentUrl };
    },
    async status(merchantOrderId) {
      const a = await call(`/payments/${encodeURIComponent(merchantOrderId)}`, { method: 'GET', headers: { 'x-merchant-service-id': s.merchant } });
      if (!isRecord(a) || a.merchantOrderId !== merchantOrderId || typeof a.transactionId !== 'string' || !['pending', 'paid', 'failed'].includes(String(a.status))
        || typeof a.amount !== 'number' || !Number.isSafeInteger(a.amount)) {
        throw new DomainError('PAYMENT_PLATFORM_UNAVAILABLE');
      }
      return { merchantOrderId, transactionId: a.transactionId, status: a.status as PlatformOrderStatus['status'], amount: a.amount };
    },
  };
}
