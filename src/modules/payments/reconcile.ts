import type { OfficerCaller } from '../../platform/access.js';
import { audited, shownAs } from '../../platform/audit.js';
import { afterCommit, type Db } from '../../platform/db.js';
import type { EventBus } from '../../platform/events.js';
import { DomainError } from './errors.js';
import { parseStatement } from './statement.js';
import { STATUS_LABELS } from './labels.js';
import type { PaymentsStore, StatementOutcome, UnitScope } from './store.js';

export const STATEMENT_OUTCOMES: Record<StatementOutcome, string> = {
  matched: 'Khớp với thông báo thanh toán',
  no_notification: 'Tiền đã về tài khoản nhưng chưa có thông báo thanh toán (khoản chưa được ghi nhận)',
  amount_differs: 'Số tiền trên sao kê khác số tiền trong thông báo thanh toán',
  unknown_reference: 'Không tìm thấy mã thanh toán trong nội dung chuyển khoản',
};
const HELD_OUTCOMES = {
  amount_mismatch: 'Thông báo thanh toán sai số tiền (chưa ghi nhận)',
  not_pending: 'Thông báo thanh toán cho khoản không còn chờ thanh toán (chưa ghi nhận)',
} as const;

/**
 * The accountant's side: a bank statement matched line by line with the notifications (one transaction id,
 * one amount), the mismatches listed with the held notifications, and refunds recorded with their reason.
 */
export function createReconciliation(deps: { db: Db; events: EventBus; store: PaymentsStore }) {
  const { db, store } = deps;
  const scopeOf = (caller: OfficerCaller): UnitScope => ({ level: caller.area.level, code: caller.area.code });

  return {
    async uploadStatement(caller: OfficerCaller, fileName: string, content: string) {
      const lines = parseStatement(content);
      return db.transaction(async (tx) => {
        const found = await store.matchesOf(tx, lines.map((l) => l.transactionId), lines.flatMap((l) => (l.reference ? [l.reference] : [])));
        const judged = lines.map((l) => {
          const n = found.notifications.get(l.transactionId);
          const outcome: StatementOutcome = n
            ? (n.amount === l.amount && n.outcome === 'confirmed' ? 'matched' : 'amount_differs')
            : l.reference && found.references.has(l.reference) ? 'no_notification' : 'unknown_reference';
          return { ...l, outcome };
        });
        const id = await store.insertStatement(tx, { unitCode: caller.area.code, fileName, officerId: caller.officerId, lines: lines.length });
        await store.insertStatementLines(tx, id, judged);
        const mismatches = judged.filter((l) => l.outcome !== 'matched').length;
        await audited(tx, { subjectKind: 'payment-statement', subjectId: String(id), data: { lines: lines.length, mismatches } });
        return {
          statementId: id, lines: lines.length, matched: lines.length - mismatches, mismatches,
          items: judged.filter((l) => l.outcome !== 'matched').map((l) => ({
            lineNo: l.lineNo, transactionId: l.transactionId, bookedOn: l.bookedOn, amount: l.amount, reference: l.reference, outcome: l.outcome,
            outcomeLabel: STATEMENT_OUTCOMES[l.outcome],
          })),
        };
      });
    },

    /** What the accountant must look at: unmatched statement lines and held notifications of their area. */
    async mismatches(caller: OfficerCaller, limit: number) {
      const { lines, held } = await store.mismatches(scopeOf(caller), limit);
      return {
        statementLines: lines.map((l) => shownAs({
          statementId: Number(l.statement_id), lineNo: l.line_no, transactionId: l.transaction_id, bookedOn: l.booked_on, amount: l.amount,
          description: l.description, reference: l.reference, outcome: l.outcome, outcomeLabel: STATEMENT_OUTCOMES[l.outcome],
        }, { kind: 'payment-statement', id: `${l.statement_id}:${l.line_no}` })),
        heldNotifications: held.map((n) => shownAs({
          transactionId: n.transaction_id, reference: n.reference, payerName: n.payer_name, amount: n.amount, expectedAmount: n.expected_amount === null ? null : Number(n.expected_amount),
          outcome: n.outcome as keyof typeof HELD_OUTCOMES, outcomeLabel: HELD_OUTCOMES[n.outcome as keyof typeof HELD_OUTCOMES], receivedAt: new Date(n.received_at).toISOString(),
        }, { kind: 'payment', id: n.reference })),
      };
    },

    /** A refund of a paid request: the whole amount, with the reason, audited; the request reads "đã hoàn trả". */
    async refund(caller: OfficerCaller, reference: string, reason: string) {
      const at = new Date();
      const r = await db.transaction(async (tx) => {
        const req = await store.lockInScope(tx, scopeOf(caller), reference);
        if (!req) throw new DomainError('PAYMENT_NOT_FOUND');
        if (req.status !== 'paid') throw new DomainError('PAYMENT_STATE', { state: STATUS_LABELS[req.status], action: 'hoàn trả' });
        await store.insertRefund(tx, { requestId: req.id, amount: req.amount, reason, officerId: caller.officerId, at });
        const refunded = await store.markRefunded(tx, req.id, at);
        await audited(tx, { subjectKind: 'payment', subjectId: reference, data: { reference, amount: req.amount, reason } });
        afterCommit(tx, () => void deps.events.emit('payments.payment.refunded', {
          requestId: req.id, reference, subjectKind: req.subject_kind, subjectId: req.subject_id, amount: req.amount, at: at.toISOString(),
        }).catch(() => undefined));
        return refunded;
      });
      return { reference: r.reference, status: r.status, statusLabel: STATUS_LABELS[r.status], amount: r.amount, reason, refundedAt: at.toISOString() };
    },
  };
}
