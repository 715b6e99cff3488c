import { useEffect, useRef, useState } from 'react';
import { Alert, App, Button, Card, Spin, Tag } from 'antd';
import { ApiError, type Answer } from '../api.js';
import { citizenApi, citizenOk } from '../citizen/session.js';
import { useCitizenApi } from '../citizen/useCitizenApi.js';
import { formatDateTime, formatMoney } from '../format.js';
import { messages, t } from '../messages.js';
import type { Dossier } from './types.js';

type Payment = Answer<'/api/v1/payments/own'>['items'][number];

/** How often a page waiting for the bank asks where its payment stands (the status route: nothing personal, not audited). */
export const PAYMENT_POLL_MS = 4_000;

/** States in which a dossier may have a fee request: waiting for it, or past it (the receipt stays to download). */
const WITH_FEE: readonly Dossier['state'][] = ['awaiting_payment', 'in_process', 'processed', 'returned', 'stopped', 'withdrawn'];

function CopyButton({ text, testId }: { text: string; testId: string }) {
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      void message.success(messages.payCopied);
    } catch {
      void message.error(messages.genericError);
    }
  };
  return (
    <Button size="small" onClick={() => void copy()} aria-label={`${messages.payCopy}: ${text}`} data-testid={testId}>
      {messages.payCopy}
    </Button>
  );
}

/** The pending request: the VietQR to scan, the account and transfer text to type by hand, and the note that the page updates itself. */
function PendingPayment({ p }: { p: Payment }) {
  const text = p.transferText ?? p.reference;
  return (
    <div className="pay-grid">
      <div className="pay-summary">
        <div className="pay-amount" data-testid="pay-amount">
          {formatMoney(p.amount)}
        </div>
        <div className="pay-purpose" data-testid="pay-purpose">
          {p.purpose}
        </div>
        <div className="pay-expiry">
          {messages.payValidUntil}: <span data-testid="pay-expires">{formatDateTime(p.expiresAt)}</span>
        </div>
        {p.sample && <Alert type="warning" showIcon className="pay-sample" title={messages.paySample} data-testid="pay-sample" />}
      </div>
      <figure className="pay-qr">
        <img src={`/api/v1/payments/own/${p.reference}/qr.svg`} alt={messages.payQrAlt} width={220} height={220} data-testid="pay-qr" />
        <figcaption>{messages.payScan}</figcaption>
      </figure>
      <div className="pay-manual">
        <h4 className="pay-subtitle">{messages.payByHand}</h4>
        <dl className="svc-facts pay-facts">
          <dt>{messages.payBank}</dt>
          <dd data-testid="pay-bank">{p.account.bankName ?? p.account.bin}</dd>
          <dt>{messages.payAccount}</dt>
          <dd className="pay-copy-row">
            <span className="svc-code" data-testid="pay-account">
              {p.account.number}
            </span>
            <CopyButton text={p.account.number} testId="pay-copy-account" />
          </dd>
          <dt>{messages.payAccountName}</dt>
          <dd data-testid="pay-account-name">{p.account.name}</dd>
          <dt>{messages.payAmount}</dt>
          <dd>{formatMoney(p.amount)}</dd>
          <dt>{messages.payTransferText}</dt>
          <dd>
            <div className="pay-copy-row">
              <span className="svc-code pay-transfer" data-testid="pay-transfer-text">
                {text}
              </span>
              <CopyButton text={text} testId="pay-copy-text" />
            </div>
            <div className="muted pay-hint">{t('payTransferHint', { reference: p.reference })}</div>
          </dd>
        </dl>
      </div>
      <div className="pay-waiting" role="status" data-testid="pay-waiting">
        <Spin size="small" /> <strong>{messages.payWaiting}</strong>
        <div>{messages.payAutoUpdate}</div>
      </div>
    </div>
  );
}

/**
 * A dossier's fee as its citizen sees it (payments module, DOMAIN-SERVICES.md §6): while the dossier waits for
 * the fee, the VietQR and the transfer details, the page asking every few seconds until the bank's signed
 * notification has confirmed the payment (the return from a bank app confirms nothing); then the e-receipt.
 * An expired code is replaced on request. `onPaid`: the dossier has moved on (reload it).
 */
export function PaymentPanel({ dossier, onPaid }: { dossier: Dossier; onPaid: () => void }) {
  const { message } = App.useApp();
  const wanted = WITH_FEE.includes(dossier.state);
  const list = useCitizenApi(wanted ? '/api/v1/payments/own' : null, {
    params: { query: { subjectKind: 'dossier', subjectId: String(dossier.id), limit: 1 } },
  });
  const payment = list.data?.items[0] ?? null;
  const [busy, setBusy] = useState(false);
  const onPaidRef = useRef(onPaid);
  onPaidRef.current = onPaid;
  const reload = useRef(list.reload);
  reload.current = list.reload;

  const waiting = payment?.status === 'pending' && dossier.state === 'awaiting_payment' ? payment.reference : null;
  useEffect(() => {
    if (!waiting) return;
    let stopped = false;
    const ask = async () => {
      if (document.hidden) return;
      try {
        const s = await citizenOk(citizenApi.GET('/api/v1/payments/own/{reference}/status', { params: { path: { reference: waiting } } }));
        if (stopped || s.status === 'pending') return;
        reload.current();
        if (s.status === 'paid') onPaidRef.current();
      } catch {
        // A missed answer is asked again at the next tick.
      }
    };
    const timer = setInterval(() => void ask(), PAYMENT_POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [waiting]);

  async function renew(reference: string) {
    setBusy(true);
    try {
      await citizenOk(citizenApi.POST('/api/v1/payments/own/{reference}/renewal', { params: { path: { reference } } }));
      void message.success(messages.payRenewed);
      list.reload();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  if (!payment) return null;
  // After the dossier has left "awaiting payment" only a paid (or refunded) fee is worth showing: its receipt.
  if (dossier.state !== 'awaiting_payment' && payment.status !== 'paid' && payment.status !== 'refunded') return null;
  return (
    <Card
      className="citizen-card pay-card"
      title={messages.payTitle}
      data-testid="payment-panel"
      data-status={payment.status}
      data-reference={payment.reference}
      extra={<Tag color={payment.status === 'paid' ? 'success' : payment.status === 'pending' ? 'processing' : 'default'} data-testid="pay-status">{payment.statusLabel}</Tag>}
    >
      {payment.status === 'pending' && <PendingPayment p={payment} />}
      {payment.status === 'expired' && (
        <div className="pay-expired">
          <Alert type="warning" showIcon title={messages.payExpired} description={messages.payExpiredHint} data-testid="pay-expired" />
          <div className="pay-amount-line">
            {payment.purpose}: <strong>{formatMoney(payment.amount)}</strong>
          </div>
          <Button type="primary" size="large" className="svc-touch" loading={busy} onClick={() => void renew(payment.reference)} data-testid="pay-renew">
            {messages.payRenew}
          </Button>
        </div>
      )}
      {(payment.status === 'paid' || payment.status === 'refunded') && (
        <div className="pay-paid" data-testid="pay-paid">
          <div className="pay-paid-head">
            <svg className="pay-paid-icon" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true">
              <circle cx="12" cy="12" r="12" fill="#389e0d" />
              <path d="M6.5 12.5l3.5 3.5 7.5-8" fill="none" stroke="#fff" strokeWidth="2.4" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
            <div>
              <div className="pay-paid-title">{payment.status === 'paid' ? messages.payPaid : messages.payRefunded}</div>
              {payment.status === 'paid' && dossier.state !== 'awaiting_payment' && <div className="muted">{messages.payPaidNotice}</div>}
            </div>
          </div>
          <dl className="svc-facts">
            <dt>{messages.payAmount}</dt>
            <dd data-testid="pay-amount">{formatMoney(payment.amount)}</dd>
            <dt>{messages.payPurpose}</dt>
            <dd>{payment.purpose}</dd>
            <dt>{messages.payReference}</dt>
            <dd className="svc-code">{payment.reference}</dd>
            {payment.paidAt && (
              <>
                <dt>{messages.payPaidAt}</dt>
                <dd data-testid="pay-paid-at">{formatDateTime(payment.paidAt)}</dd>
              </>
            )}
            {payment.receiptNumber && (
              <>
                <dt>{messages.payReceiptNumber}</dt>
                <dd className="svc-code" data-testid="pay-receipt-number">
                  {payment.receiptNumber}
                </dd>
              </>
            )}
          </dl>
          {payment.receiptNumber && (
            <Button type="primary" size="large" className="svc-touch pay-receipt" href={`/api/v1/payments/own/${payment.reference}/receipt.pdf`} target="_blank" rel="noopener" data-testid="pay-receipt-pdf">
              {messages.payReceiptPdf}
            </Button>
          )}
        </div>
      )}
    </Card>
  );
}
