import { DomainError } from './errors.js';

/**
 * A payment notification's body, as the bank or the payment platform sends it (docs/connectors/payments.md):
 * exactly these four fields, JSON, UTF-8.
 */
export interface Notification {
  /** The bank's (or the platform's) transaction id: one payment per id, whatever the number of deliveries. */
  transactionId: string;
  /** The payment reference the transfer carried (VietQR 62/08). */
  reference: string;
  /** Integer đồng received. */
  amount: number;
  /** When the money moved (ISO 8601 instant with its offset). */
  paidAt: Date;
}

const FIELDS = ['transactionId', 'reference', 'amount', 'paidAt'];
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?(Z|[+-]\d{2}:\d{2})$/;

const invalid = (reason: string) => new DomainError('PAYMENT_NOTIFY_INVALID', { reason });

/** Strict: anything else (a missing or unknown field, a decimal amount, a date without its offset) is refused with its reason. */
export function parseNotification(raw: string): Notification {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw invalid('không phải JSON');
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid('phải là một đối tượng JSON');
  const o = body as Record<string, unknown>;
  const unknown = Object.keys(o).filter((k) => !FIELDS.includes(k));
  if (unknown.length) throw invalid(`trường không được hỗ trợ: ${unknown.join(', ')}`);
  const missing = FIELDS.filter((k) => o[k] === undefined || o[k] === null);
  if (missing.length) throw invalid(`thiếu trường ${missing.join(', ')}`);
  const { transactionId, reference, amount, paidAt } = o;
  if (typeof transactionId !== 'string' || !/^[A-Za-z0-9._:-]{1,64}$/.test(transactionId)) {
    throw invalid('transactionId gồm 1–64 chữ cái không dấu, chữ số, dấu chấm, hai chấm, gạch ngang hoặc gạch dưới');
  }
  if (typeof reference !== 'string' || !/^[A-Z0-9]{6,25}$/.test(reference)) throw invalid('reference gồm 6–25 chữ cái in hoa không dấu hoặc chữ số');
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0) throw invalid('amount là số nguyên đồng lớn hơn 0');
  if (typeof paidAt !== 'string' || !INSTANT.test(paidAt) || Number.isNaN(Date.parse(paidAt))) {
    throw invalid('paidAt là thời điểm ISO 8601 kèm múi giờ, ví dụ 2026-12-07T09:30:00+07:00');
  }
  return { transactionId, reference, amount, paidAt: new Date(paidAt) };
}
