import { useEffect, useState } from 'react';
import { Button, Spin } from 'antd';
import { formatDateTime, formatInstantDate, formatMoney, formatNumber } from '../../format.js';
import { messages, t } from '../../messages.js';
import type { KioskDossier, KioskPayment, KioskReceipt } from './kioskApi.js';

export type PaperSize = 'a4' | 'thermal';

/** The @page rule of each layout: the receipt alone, on A4 or on the kiosk's 80 mm thermal roll (kiosk.css). */
const PAGE_RULES: Record<PaperSize, string> = {
  a4: '@page { size: A4 portrait; margin: 15mm; }',
  thermal: '@page { size: 80mm auto; margin: 3mm; }',
};

/** The signed-in citizen's dossiers, large enough to touch: state, appointment date, and the receipt of a received one. */
export function DossierList({ dossiers, busy, onReceipt, onPay }: {
  dossiers: KioskDossier[] | null; busy: boolean; onReceipt: (d: KioskDossier) => void; onPay: (d: KioskDossier) => void;
}) {
  if (dossiers === null) return <Spin size="large" />;
  if (!dossiers.length) return <p data-testid="kiosk-no-dossiers">{messages.kioskNoDossiers}</p>;
  return (
    <ul className="kiosk-dossiers" data-testid="kiosk-dossiers">
      {dossiers.map((d) => (
        <li key={d.id} className="kiosk-dossier" data-testid="kiosk-dossier-item" data-id={d.id}>
          <div className="kiosk-dossier-name">{d.procedureName}</div>
          <div className="kiosk-dossier-code">{d.code ?? messages.kioskDossierDraft}</div>
          <dl className="kiosk-result">
            <dt>{messages.kioskDossierState}</dt><dd data-testid="kiosk-dossier-state">{d.stateLabel}</dd>
            <dt>{messages.kioskDossierDue}</dt><dd data-testid="kiosk-dossier-due">{d.dueAt ? formatInstantDate(d.dueAt) : messages.kioskDossierNoDue}</dd>
          </dl>
          {d.dueAt && d.code && (
            <Button size="large" type="primary" className="kiosk-button" loading={busy} onClick={() => onReceipt(d)} data-testid="kiosk-receipt-open">
              {messages.kioskReceiptOpen}
            </Button>
          )}
          {d.state === 'awaiting_payment' && (
            <Button size="large" type="primary" className="kiosk-button" loading={busy} onClick={() => onPay(d)} data-testid="kiosk-pay-open">
              {messages.kioskPayOpen}
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * Giấy tiếp nhận hồ sơ và hẹn trả kết quả as it prints at the kiosk: the browser's print with the layout
 * chosen, A4 (the kiosk's office printer) or the 80 mm thermal roll; the screen around it is not printed.
 */
export function ReceiptPrint({ r, onBack }: { r: KioskReceipt; onBack: () => void }) {
  const [size, setSize] = useState<PaperSize>('thermal');
  const [printing, setPrinting] = useState(0);
  useEffect(() => {
    if (printing) window.print();
  }, [printing]);
  const print = (s: PaperSize) => {
    setSize(s);
    setPrinting((n) => n + 1);
  };
  return (
    <div className="kiosk-panel kiosk-receipt-panel">
      <style>{PAGE_RULES[size]}</style>
      <article className={`kiosk-receipt kiosk-receipt-${size}`} data-testid="kiosk-receipt" data-size={size}>
        <header className="kiosk-receipt-head">
          <div className="kiosk-receipt-agency">{r.agencyLabel}</div>
          <div className="kiosk-receipt-motto">{messages.kioskReceiptMotto}</div>
          <h2 className="kiosk-receipt-title">{messages.kioskReceiptTitle}</h2>
          <div className="kiosk-receipt-code">{t('kioskReceiptCode', { code: r.dossierCode })}</div>
        </header>
        <dl className="kiosk-receipt-facts">
          <dt>{messages.kioskReceiptApplicant}</dt><dd>{r.applicant.name}{r.applicant.address && <div>{r.applicant.address}</div>}</dd>
          <dt>{messages.kioskReceiptProcedure}</dt><dd>{r.procedure.name}</dd>
          <dt>{messages.kioskReceiptReceived}</dt><dd>{formatDateTime(r.receivedAt)}</dd>
          <dt>{messages.kioskReceiptAppointment}</dt><dd className="kiosk-receipt-appointment" data-testid="kiosk-receipt-appointment">{formatDateTime(r.appointmentAt)}</dd>
          <dt>{messages.kioskReceiptDocuments}</dt>
          <dd>{r.documents.length ? r.documents.map((d) => <div key={d.name}>{d.name}</div>) : messages.none}</dd>
          {r.notRequired.length > 0 && <><dt>{messages.kioskReceiptNotRequired}</dt><dd>{r.notRequired.map((n) => <div key={n}>{n}</div>)}</dd></>}
          <dt>{messages.kioskReceiptFees}</dt>
          <dd>{r.fees.length ? r.fees.map((f) => <div key={f.label}>{`${f.label}: ${formatNumber(f.amount)} đ`}</div>) : messages.kioskReceiptFree}</dd>
          <dt>{messages.kioskReceiptDelivery}</dt><dd>{r.delivery === 'online' ? messages.kioskReceiptOnline : messages.kioskReceiptCounter}</dd>
          {r.officer.name && <><dt>{messages.kioskReceiptOfficer}</dt><dd>{r.officer.name}</dd></>}
        </dl>
        <footer className="kiosk-receipt-foot">{messages.kioskReceiptFoot}</footer>
      </article>
      <div className="kiosk-actions">
        <Button size="large" type="primary" className="kiosk-button" onClick={() => print('thermal')} data-testid="kiosk-print-thermal">{messages.kioskPrintThermal}</Button>
        <Button size="large" type="primary" className="kiosk-button" onClick={() => print('a4')} data-testid="kiosk-print-a4">{messages.kioskPrintA4}</Button>
        <Button size="large" className="kiosk-button" onClick={onBack} data-testid="kiosk-receipt-back">{messages.kioskBack}</Button>
      </div>
    </div>
  );
}

/**
 * A dossier's fee paid at the kiosk: the VietQR the citizen scans with their bank app, and the page asking again
 * every few seconds until the bank's confirmation (server to server) shows it paid; nothing here confirms anything.
 */
export function PaymentPanel({ p, onRefresh, onBack }: { p: KioskPayment; onRefresh: () => void; onBack: () => void }) {
  useEffect(() => {
    if (p.status !== 'pending') return undefined;
    const timer = window.setInterval(onRefresh, 4000);
    return () => window.clearInterval(timer);
  }, [p.status, onRefresh]);
  return (
    <div className="kiosk-panel" data-testid="kiosk-payment" data-status={p.status} data-reference={p.reference}>
      <h2>{messages.kioskPayTitle}</h2>
      {p.status === 'pending' && p.qrSvg ? (
        <div className="kiosk-pay">
          {/* The SVG is da06's own answer (payments.ownQr), never the caller's text. */}
          <div className="kiosk-pay-qr" data-testid="kiosk-pay-qr" dangerouslySetInnerHTML={{ __html: p.qrSvg }} />
          <div>
            <p className="kiosk-pay-scan">{messages.kioskPayScan}</p>
            <dl className="kiosk-result">
              <dt>{messages.kioskPayAmount}</dt><dd className="kiosk-pay-amount" data-testid="kiosk-pay-amount">{formatMoney(p.amount)}</dd>
              <dt>{messages.kioskPayPurpose}</dt><dd>{p.purpose}</dd>
              <dt>{messages.kioskPayAccount}</dt><dd>{[p.account.bankName, p.account.number, p.account.name].filter(Boolean).join(' · ')}</dd>
              {p.transferText && <><dt>{messages.kioskPayTransfer}</dt><dd className="mono">{p.transferText}</dd></>}
            </dl>
            {p.sample && <p className="kiosk-pay-sample">{messages.kioskPaySample}</p>}
          </div>
        </div>
      ) : p.status === 'paid' ? (
        <p className="kiosk-pay-paid" data-testid="kiosk-pay-paid">{t('kioskPayPaid', { number: p.receiptNumber ?? '' })}</p>
      ) : (
        <p data-testid="kiosk-pay-not-due">{t('kioskPayNotDue', { state: p.statusLabel })}</p>
      )}
      <div className="kiosk-actions">
        <Button size="large" className="kiosk-button" onClick={onBack} data-testid="kiosk-pay-back">{messages.kioskBack}</Button>
      </div>
    </div>
  );
}
