import type { PaymentStatus } from './store.js';

/** How a payment's status reads to people. */
export const STATUS_LABELS: Record<PaymentStatus, string> = {
  pending: 'Chờ thanh toán', paid: 'Đã thanh toán', refunded: 'Đã hoàn trả', expired: 'Hết hạn',
};
