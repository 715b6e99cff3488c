import { defineEvents } from '../../platform/events.js';

/** Events the payments module emits after its transaction commits. */
export const PAYMENTS_EVENTS = defineEvents({
  'payments.payment.confirmed': { description: 'Một khoản thanh toán được ngân hàng (hoặc nền tảng thanh toán) xác nhận và đã có biên lai điện tử (sau khi giao dịch ghi xong).' },
  'payments.notification.held': { description: 'Một thông báo thanh toán bị giữ lại chờ kế toán đối soát (sai số tiền, khoản không còn chờ thanh toán).' },
  'payments.payment.refunded': { description: 'Một khoản đã nộp được ghi nhận hoàn trả, kèm lý do.' },
});

/** What a payment event carries: the request's subject lets the asking module find its record. */
export interface PaymentEvent {
  requestId: number;
  reference: string;
  subjectKind: string;
  subjectId: string;
  amount: number;
  at: string;
}

type Payloads = { [K in keyof typeof PAYMENTS_EVENTS]: PaymentEvent };

declare module '../../platform/events.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DomainEvents extends Payloads {}
}
