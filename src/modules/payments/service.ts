import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';
import type { CitizenCaller, OfficerCaller } from '../../platform/access.js';
import { appendAudit, audited, shownAs, type AuditEntry } from '../../platform/audit.js';
import { currentContext } from '../../platform/context.js';
import { afterCommit, type Db, type Transaction } from '../../platform/db.js';
import type { EventBus } from '../../platform/events.js';
import { todayInVietnam } from '../../platform/time.js';
import { DomainError } from './errors.js';
import { parseNotification, type Notification } from './notification.js';
import { renderReceiptPdf, type ReceiptContent } from './receipt.js';
import { createReconciliation } from './reconcile.js';
import { STATUS_LABELS } from './labels.js';
export { STATUS_LABELS } from './labels.js';
import type { PaymentsSettings } from './settings.js';
import { createPaymentsStore, type NotificationRow, type PaymentStatus, type ReceiptRow, type RequestRow, type UnitScope } from './store.js';
import { bankNameOf, transferText, transferTextOf, vietQrPayment } from './vietqr.js';
import type { PaymentPlatform } from './connectors/platform.js';

/** What a module asks to be paid (a dossier's fee, later a fine): the words are the asking module's, not ours. */
export interface PaymentRequestInput {
  /** What is paid for, as the asking module names it: it finds its record again from these on confirmation. */
  subject: { kind: string; id: string; code?: string | null };
  /** Who pays: their e-ID account (sees the request and the receipt), name and personal ID (on the receipt). */
  payer: { accountId: number | null; name: string; personalId?: string | null };
  /** The collecting unit (2025 scheme) and its province. */
  unitCode: string;
  provinceCode: string;
  /** Integer đồng. */
  amount: number;
  /** What the money is for, as the receipt prints it ("Lệ phí đăng ký khai sinh"). */
  purpose: string;
}

/** A confirmed payment, as the asking module's settlement sees it inside the confirming transaction. */
export interface SettledPayment {
  reference: string;
  subjectKind: string;
  subjectId: string;
  amount: number;
  transactionId: string;
  paidAt: Date;
  receiptNumber: string;
}

/** Run in the transaction that confirms a payment of the asking module's subject: it commits or rolls back with it. */
export type Settlement = (tx: Transaction, payment: SettledPayment) => Promise<void>;

/** A payment notification's outcome, as the notifying bank is answered. */
export interface NotifyResult {
  reference: string;
  transactionId: string;
  status: 'confirmed';
  duplicate: boolean;
  receiptNumber: string;
}

/** How often the replay table forgets signatures that can no longer be replayed. */
const SIGNATURE_PURGE_MS = 60_000;
const SYSTEM_ACTOR = { actorKind: 'system' as const, actorId: 'payments' };
const CONFIRM_PURPOSE = 'Ghi nhận thanh toán phí, lệ phí theo thông báo của ngân hàng';
/** Crockford's base 32 without I, L, O, U: nothing a payer could misread when typing the reference by hand. */
const REFERENCE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** "TT" + the day (yymmdd, Vietnam) + 8 random characters: 16 ASCII characters, fits 62/01 and leaves room in 62/08. */
function newReference(at: Date): string {
  let random = '';
  for (let i = 0; i < 8; i++) random += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `TT${todayInVietnam(at).slice(2).replaceAll('-', '')}${random}`;
}

/**
 * A pending request past its time reads as expired before the expiry job has marked it: its QR is not shown
 * and a transfer that still arrives is held (routes.test.ts "expiry").
 */
export const statusAt = (r: Pick<RequestRow, 'status' | 'expires_at'>, at: Date): PaymentStatus =>
  r.status === 'pending' && new Date(r.expires_at).getTime() <= at.getTime() ? 'expired' : r.status;

/** Whether the asking module's subject still waits for this payment (a renewal's check, in the renewing transaction). */
export type DueCheck = (tx: Transaction, subjectId: string) => Promise<boolean>;


export interface PaymentsDeps {
  db: Db;
  events: EventBus;
  /** Undefined: payments are off (production without a collecting account); asking for one is refused. */
  settings: PaymentsSettings | undefined;
  /** The national payment platform (connectors/platform.ts), when configured. */
  platform?: PaymentPlatform;
  /** The time notifications and expiries are judged by (a test may set it). */
  now?: () => Date;
}

export function createPaymentsService(deps: PaymentsDeps) {
  const { db, settings } = deps;
  const store = createPaymentsStore(db);
  const now = deps.now ?? (() => new Date());
  const settlements = new Map<string, Settlement>();
  const dueChecks = new Map<string, DueCheck>();
  let lastPurge = 0;

  const requireSettings = (): PaymentsSettings => {
    if (!settings) throw new DomainError('PAYMENT_NOT_CONFIGURED');
    return settings;
  };

  const payload = (r: RequestRow) => vietQrPayment({ bin: r.bank_bin, account: r.bank_account, amount: r.amount, reference: r.reference, purpose: r.purpose });
  const receiptNumber = (rc: ReceiptRow) => `${rc.series}-${String(rc.number).padStart(7, '0')}`;

  function view(r: RequestRow, receipt?: ReceiptRow) {
    const status = statusAt(r, now());
    return {
      reference: r.reference, subjectKind: r.subject_kind, subjectId: r.subject_id, subjectCode: r.subject_code,
      payerName: r.payer_name, amount: r.amount, purpose: r.purpose, unitCode: r.unit_code,
      account: { bin: r.bank_bin, bankName: bankNameOf(r.bank_bin) ?? null, number: r.bank_account, name: r.account_name },
      status, statusLabel: STATUS_LABELS[status],
      createdAt: new Date(r.created_at).toISOString(), expiresAt: new Date(r.expires_at).toISOString(),
      paidAt: r.paid_at ? new Date(r.paid_at).toISOString() : null,
      // Only a request still to pay shows its code: a paid or expired one must not be paid again.
      vietQr: status === 'pending' ? payload(r) : null,
      transferText: status === 'pending' ? (transferTextOf(r.reference, r.purpose) ?? r.reference) : null,
      receiptNumber: receipt ? receiptNumber(receipt) : null,
      sample: !!settings?.sample && r.bank_account === settings.account,
    };
  }
  const shown = (r: RequestRow, receipt?: ReceiptRow) => shownAs(view(r, receipt), { kind: 'payment', id: r.reference });

  async function withReceipt(r: RequestRow) {
    return shown(r, r.status === 'paid' || r.status === 'refunded' ? await store.receiptOf(r.id) : undefined);
  }

  const actorEntry = (): Pick<AuditEntry, 'actorKind' | 'actorId' | 'actorName' | 'requestId'> => {
    const ctx = currentContext();
    const c = ctx?.caller;
    if (c?.kind === 'officer') return { actorKind: 'officer', actorId: String(c.officerId), actorName: c.fullName, requestId: ctx?.requestId };
    return { ...SYSTEM_ACTOR, requestId: ctx?.requestId };
  };

  // ---- asking to be paid ----

  /**
   * A payment request in the caller's transaction (the asking module's change): the open request of the same
   * subject and amount is answered again; one of another amount expires and a new one replaces it.
   */
  async function request(tx: Transaction, input: PaymentRequestInput) {
    requireSettings();
    if (!Number.isSafeInteger(input.amount) || input.amount <= 0) throw new DomainError('PAYMENT_AMOUNT_INVALID');
    const open = await store.pendingOf(tx, input.subject.kind, input.subject.id);
    if (open && open.amount === input.amount && statusAt(open, now()) === 'pending') return view(open);
    if (open) await store.expireOne(tx, open.id);
    const row = await issue(tx, input);
    await appendAudit(tx, [{
      ...actorEntry(), action: 'payments.request.created', subjectKind: 'payment', subjectId: row.reference,
      purpose: 'Yêu cầu nộp phí, lệ phí', data: { reference: row.reference, amount: row.amount },
    }]);
    return view(row);
  }

  /** A new request with a new reference, valid for the configured hours from now. */
  async function issue(tx: Transaction, input: PaymentRequestInput): Promise<RequestRow> {
    const s = requireSettings();
    const at = now();
    return store.insertRequest(tx, {
      reference: newReference(at), subjectKind: input.subject.kind, subjectId: input.subject.id, subjectCode: input.subject.code ?? null,
      payerAccountId: input.payer.accountId, payerName: input.payer.name, payerPersonalId: input.payer.personalId ?? null,
      unitCode: input.unitCode, provinceCode: input.provinceCode, amount: input.amount, purpose: input.purpose,
      bin: s.bin, account: s.account, accountName: s.accountName, expiresAt: new Date(at.getTime() + s.expiryHours * 3_600_000),
    });
  }

  /**
   * A fresh request for an expired one (the payer's or the unit's): same subject, payer, unit, amount and
   * purpose, a new reference and a new validity, to the account configured now. Only while the asking module
   * says its subject still waits for the payment (`onRenewal`). A fresh request already open is answered
   * again (a double click renews once); a request still pending or paid is refused.
   */
  async function renew(find: (tx: Transaction) => Promise<RequestRow | undefined>): Promise<{ payment: RequestRow; renewed: boolean }> {
    requireSettings();
    return db.transaction(async (tx) => {
      const r = await find(tx);
      if (!r) throw new DomainError('PAYMENT_NOT_FOUND');
      const at = now();
      const open = await store.pendingOf(tx, r.subject_kind, r.subject_id);
      if (open && open.id !== r.id && statusAt(open, at) === 'pending') return { payment: open, renewed: false };
      const status = statusAt(r, at);
      if (status !== 'expired') throw new DomainError('PAYMENT_STATE', { state: STATUS_LABELS[status], action: 'tạo mã thanh toán mới' });
      const due = dueChecks.get(r.subject_kind);
      if (!due || !(await due(tx, r.subject_id))) throw new DomainError('PAYMENT_NOT_DUE');
      if (open) await store.expireOne(tx, open.id);
      const fresh = await issue(tx, {
        subject: { kind: r.subject_kind, id: r.subject_id, code: r.subject_code },
        payer: { accountId: r.payer_account_id, name: r.payer_name, personalId: r.payer_personal_id },
        unitCode: r.unit_code, provinceCode: r.province_code, amount: r.amount, purpose: r.purpose,
      });
      await audited(tx, { subjectKind: 'payment', subjectId: fresh.reference, data: { reference: fresh.reference, amount: fresh.amount, replaces: r.reference } });
      return { payment: fresh, renewed: true };
    });
  }

  /** Pending requests past their time become expired, each with its audit entry, in one transaction. */
  async function expireOverdue(at = now()): Promise<number> {
    return db.transaction(async (tx) => {
      const expired = await store.expire(tx, at);
      if (expired.length) {
        await appendAudit(tx, expired.map((r) => ({
          ...SYSTEM_ACTOR, action: 'payments.request.expired' as const, subjectKind: 'payment', subjectId: r.reference,
          purpose: 'Hết hạn yêu cầu thanh toán chưa trả', data: { reference: r.reference, amount: r.amount },
        })));
      }
      return expired.length;
    });
  }

  // ---- the bank's (or the platform's) notification, server to server ----

  /**
   * Checked in this order, each refusal before anything is read or written: the signature
   * (`X-Payment-Signature: sha256=<hex HMAC-SHA256 of "<X-Payment-Timestamp>.<raw body>">` with the shared
   * secret), the timestamp (Unix seconds within the window), a signature seen before (a replay), the body.
   */
  async function checkDelivery(raw: string, timestamp: string | undefined, signature: string | undefined, at: Date): Promise<Notification> {
    const s = requireSettings();
    const given = /^sha256=([0-9a-f]{64})$/.exec(signature ?? '')?.[1];
    if (!given || !timestamp || !/^\d{1,12}$/.test(timestamp)) throw new DomainError('PAYMENT_NOTIFY_SIGNATURE');
    const expected = createHmac('sha256', s.notifySecret).update(`${timestamp}.${raw}`).digest();
    if (!timingSafeEqual(expected, Buffer.from(given, 'hex'))) throw new DomainError('PAYMENT_NOTIFY_SIGNATURE');
    if (Math.abs(at.getTime() / 1000 - Number(timestamp)) > s.notifyWindowSeconds) {
      throw new DomainError('PAYMENT_NOTIFY_TIMESTAMP', { seconds: s.notifyWindowSeconds });
    }
    // Signatures older than twice the window can never be replayed (their timestamp is refused first): they are
    // forgotten at most once a minute, not on every delivery — the table has no index on `at`, and a scan of it per
    // notification made each confirmation cost as much as the table was long (bench/payments.ts).
    const purge = at.getTime() - lastPurge >= SIGNATURE_PURGE_MS;
    if (purge) lastPurge = at.getTime();
    if (!(await store.takeSignature(given, purge ? new Date(at.getTime() - 2 * s.notifyWindowSeconds * 1000) : undefined))) throw new DomainError('PAYMENT_NOTIFY_REPLAY');
    return parseNotification(raw);
  }

  /** The error a held notification is answered with, the first time and on every repeat of its transaction id. */
  const heldError = (n: NotificationRow, r: RequestRow | undefined) => n.outcome === 'amount_mismatch'
    ? new DomainError('PAYMENT_AMOUNT_MISMATCH', { received: n.amount, expected: n.expected_amount })
    : new DomainError('PAYMENT_NOT_PENDING', { reference: n.reference, state: r ? STATUS_LABELS[statusAt(r, now())] : '' });

  /**
   * One confirmation: the request locked, the notification recorded once per transaction id, then either
   * the payment confirmed (status, receipt number of the series, audit entry, the asking module's settlement,
   * all in one transaction) or — wrong amount, request no longer pending — held for the accountant, nothing
   * confirmed. An unknown reference changes nothing.
   */
  async function notify(raw: string, timestamp: string | undefined, signature: string | undefined, source: 'bank' | 'platform' = 'bank'): Promise<NotifyResult> {
    const at = now();
    const n = await checkDelivery(raw, timestamp, signature, at);
    const outcome = await db.transaction(async (tx) => {
      const r = await store.lockByReference(tx, n.reference);
      if (!r) throw new DomainError('PAYMENT_REFERENCE_UNKNOWN', { reference: n.reference });
      // After the request's lock: two deliveries of one transaction id are decided one after the other.
      const seen = await store.notification(tx, n.transactionId);
      if (seen) {
        if (seen.outcome !== 'confirmed') return { held: heldError(seen, r) };
        return { result: { ...(await confirmedResult(tx, r)), duplicate: true } };
      }
      const held = statusAt(r, at) !== 'pending' ? 'not_pending' as const : n.amount !== r.amount ? 'amount_mismatch' as const : undefined;
      const recorded = await store.insertNotification(tx, {
        transactionId: n.transactionId, reference: n.reference, amount: n.amount, paidAt: n.paidAt, source, requestId: r.id,
        outcome: held ?? 'confirmed', expectedAmount: r.amount,
      });
      if (!recorded) throw new Error('payment notification inserted twice under the request lock');
      if (held) {
        await appendAudit(tx, [{
          ...SYSTEM_ACTOR, requestId: currentContext()?.requestId, action: 'payments.notification.held', subjectKind: 'payment', subjectId: r.reference,
          purpose: CONFIRM_PURPOSE, data: { reference: r.reference, amount: n.amount, transactionId: n.transactionId, outcome: held },
        }]);
        afterCommit(tx, () => void deps.events.emit('payments.notification.held', eventOf(r, at)).catch(() => undefined));
        return { held: heldError(recorded, r) };
      }
      return { result: await confirm(tx, r, n, at) };
    });
    if ('held' in outcome && outcome.held) throw outcome.held;
    return outcome.result as NotifyResult;
  }

  const eventOf = (r: RequestRow, at: Date) => ({ requestId: r.id, reference: r.reference, subjectKind: r.subject_kind, subjectId: r.subject_id, amount: r.amount, at: at.toISOString() });

  async function confirmedResult(tx: Transaction, r: RequestRow): Promise<Omit<NotifyResult, 'duplicate'>> {
    const rc = await store.receiptOf(r.id, tx);
    return { reference: r.reference, transactionId: r.transaction_id ?? '', status: 'confirmed', receiptNumber: rc ? receiptNumber(rc) : '' };
  }

  async function confirm(tx: Transaction, r: RequestRow, n: Notification, at: Date): Promise<NotifyResult> {
    const s = requireSettings();
    const paid = await store.markPaid(tx, r.id, n.transactionId, n.paidAt);
    const number = await store.nextReceiptNumber(tx, s.receiptSeries, s.receiptForm);
    const rc = await store.insertReceipt(tx, {
      request_id: r.id, series: s.receiptSeries, number, form_symbol: s.receiptForm, collector_name: r.account_name, collector_tax_code: s.taxCode, issued_at: at,
    });
    const receipt = receiptNumber(rc);
    await appendAudit(tx, [{
      ...SYSTEM_ACTOR, requestId: currentContext()?.requestId, action: 'payments.payment.confirmed', subjectKind: 'payment', subjectId: r.reference,
      purpose: CONFIRM_PURPOSE, data: { reference: r.reference, amount: n.amount, transactionId: n.transactionId, receipt },
    }]);
    await settlements.get(r.subject_kind)?.(tx, {
      reference: r.reference, subjectKind: r.subject_kind, subjectId: r.subject_id, amount: paid.amount, transactionId: n.transactionId, paidAt: n.paidAt,
      receiptNumber: receipt,
    });
    afterCommit(tx, () => void deps.events.emit('payments.payment.confirmed', eventOf(r, at)).catch(() => undefined));
    return { reference: r.reference, transactionId: n.transactionId, status: 'confirmed', duplicate: false, receiptNumber: receipt };
  }

  // ---- what the payer and the unit see ----

  const scopeOf = (caller: OfficerCaller): UnitScope => ({ level: caller.area.level, code: caller.area.code });

  async function ownRequest(caller: CitizenCaller, reference: string): Promise<RequestRow> {
    const r = await store.byReference(reference);
    // Another payer's request reads as absent.
    if (!r || r.payer_account_id !== caller.accountId) throw new DomainError('PAYMENT_NOT_FOUND');
    return r;
  }
  async function unitRequest(caller: OfficerCaller, reference: string): Promise<RequestRow> {
    const r = await store.inScope(scopeOf(caller), reference);
    if (!r) throw new DomainError('PAYMENT_NOT_FOUND');
    return r;
  }

  /** The QR image of a pending request (SVG): what a bank app scans. */
  async function qrSvg(r: RequestRow): Promise<string> {
    const status = statusAt(r, now());
    if (status !== 'pending') throw new DomainError('PAYMENT_STATE', { state: STATUS_LABELS[status], action: 'hiển thị mã QR thanh toán' });
    return QRCode.toString(payload(r), { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  }

  async function receiptContent(r: RequestRow): Promise<ReceiptContent> {
    const rc = r.status === 'paid' || r.status === 'refunded' ? await store.receiptOf(r.id) : undefined;
    if (!rc) throw new DomainError('PAYMENT_RECEIPT_NOT_FOUND');
    return {
      formSymbol: rc.form_symbol, series: rc.series, number: rc.number, numberText: receiptNumber(rc),
      collector: { name: rc.collector_name, taxCode: rc.collector_tax_code },
      payer: { name: r.payer_name, personalId: r.payer_personal_id },
      purpose: r.purpose, subjectCode: r.subject_code, reference: r.reference, transactionId: r.transaction_id ?? '',
      amount: r.amount, paidAt: new Date(r.paid_at ?? rc.issued_at), issuedAt: new Date(rc.issued_at),
      sample: !!settings?.sample && r.bank_account === settings.account,
    };
  }
  const receiptPdf = async (r: RequestRow) => ({ reference: r.reference, pdf: await renderReceiptPdf(await receiptContent(r)) });

  return {
    request,
    notify,
    /** The asking module's settlement of its subject kind, run in every confirming transaction of that kind. */
    onSettled(subjectKind: string, settle: Settlement) {
      settlements.set(subjectKind, settle);
    },
    /** Payments on (an account configured, or the development sample)? */
    enabled: () => !!settings,
    /** The latest request of a subject, with no access check (the asking module checks its own record first). */
    async unsafeLatestOf(subjectKind: string, subjectId: string) {
      const r = await store.latestOf(subjectKind, subjectId);
      return r && withReceipt(r);
    },

    async own(caller: CitizenCaller, reference: string) {
      return withReceipt(await ownRequest(caller, reference));
    },
    async listOwn(caller: CitizenCaller, subject: { kind: string; id: string } | undefined, limit: number, offset: number) {
      const { rows, total } = await store.listOwn(caller.accountId, subject, limit, offset);
      return { items: await Promise.all(rows.map(withReceipt)), total };
    },
    /** Where a payment of the payer stands, and nothing personal: what a page waiting for the bank asks every few seconds. */
    async ownStatus(caller: CitizenCaller, reference: string) {
      const r = await ownRequest(caller, reference);
      const status = statusAt(r, now());
      const receipt = status === 'paid' || status === 'refunded' ? await store.receiptOf(r.id) : undefined;
      return {
        reference: r.reference, status, statusLabel: STATUS_LABELS[status], expiresAt: new Date(r.expires_at).toISOString(),
        paidAt: r.paid_at ? new Date(r.paid_at).toISOString() : null, receiptNumber: receipt ? receiptNumber(receipt) : null,
      };
    },
    async ownQr(caller: CitizenCaller, reference: string) {
      return qrSvg(await ownRequest(caller, reference));
    },
    async ownReceipt(caller: CitizenCaller, reference: string) {
      return receiptPdf(await ownRequest(caller, reference));
    },

    async ofUnit(caller: OfficerCaller, reference: string) {
      return withReceipt(await unitRequest(caller, reference));
    },
    async listOfUnit(caller: OfficerCaller, status: PaymentStatus | undefined, limit: number, offset: number) {
      const { rows, total } = await store.listInScope(scopeOf(caller), status, limit, offset);
      return { items: rows.map((r) => shown(r)), total };
    },
    async unitReceipt(caller: OfficerCaller, reference: string) {
      return receiptPdf(await unitRequest(caller, reference));
    },

    /** Which payment platform is connected: none, the real one, or the local stand-in (said plainly). */
    platformTarget: () => ({ configured: !!deps.platform, standin: !!deps.platform?.standin, label: deps.platform?.label ?? 'Chưa kết nối Nền tảng thanh toán' }),

    /**
     * Opens an order on the payment platform for the payer's pending request (the reference is the order id);
     * the payer pays there and only the platform's signed notification confirms it.
     */
    async orderOnPlatform(caller: CitizenCaller, reference: string) {
      if (!deps.platform) throw new DomainError('PAYMENT_NOT_CONFIGURED');
      const r = await ownRequest(caller, reference);
      const status = statusAt(r, now());
      if (status !== 'pending') throw new DomainError('PAYMENT_STATE', { state: STATUS_LABELS[status], action: 'thanh toán' });
      const answer = await deps.platform.order({ merchantOrderId: r.reference, amount: r.amount, desc: transferText(r.purpose).slice(0, 100) });
      return { ...answer, standin: deps.platform.standin, label: deps.platform.label };
    },

    /** The accountant's reconciliation and refunds (reconcile.ts). */
    reconciliation: createReconciliation({ db, events: deps.events, store }),

    /** Pending requests past their time expire (their QR no longer shown); a transfer that still arrives is held. */
    expireOverdue,

    /** The asking module's check that a subject of its kind still waits for payment: without one, nothing of that kind is renewed. */
    onRenewal(subjectKind: string, stillDue: DueCheck) {
      dueChecks.set(subjectKind, stillDue);
    },
    async renewOwn(caller: CitizenCaller, reference: string) {
      const { payment, renewed } = await renew(async (tx) => {
        const r = await store.lockByReference(tx, reference);
        return r && r.payer_account_id === caller.accountId ? r : undefined;
      });
      return { payment: shown(payment), renewed };
    },
    async renewOfUnit(caller: OfficerCaller, reference: string) {
      const { payment, renewed } = await renew((tx) => store.lockInScope(tx, scopeOf(caller), reference));
      return { payment: shown(payment), renewed };
    },
  };
}

export type PaymentsService = ReturnType<typeof createPaymentsService>;
