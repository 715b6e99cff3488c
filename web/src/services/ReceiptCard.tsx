import { Card } from 'antd';
import type { Answer } from '../api.js';
import { formatDateTime, formatNumber } from '../format.js';
import { messages } from '../messages.js';

export type ReceiptData = Answer<'/api/v1/services/dossiers/{id}/receipt'>;

/**
 * Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01) as the API gives it, for the citizen and the desk.
 * `pdfHref`: the same paper as a PDF to print and sign (served by the API).
 */
export function ReceiptCard({ r, className, pdfHref }: { r: ReceiptData; className?: string; pdfHref: string }) {
  return (
    <Card
      title={messages.receiptTitle}
      className={className}
      data-testid="receipt"
      extra={<a href={pdfHref} target="_blank" rel="noopener" data-testid="receipt-pdf">{messages.receiptPdf}</a>}
    >
      <dl className="svc-facts">
        <dt>{messages.servicesDossierCode}</dt>
        <dd className="svc-code">{r.dossierCode}</dd>
        <dt>{messages.dossiersProcedure}</dt>
        <dd>{r.procedure.name}</dd>
        <dt>{messages.dossiersApplicant}</dt>
        <dd>
          {r.applicant.name}
          {r.applicant.address && <div className="muted">{r.applicant.address}</div>}
        </dd>
        <dt>{messages.servicesAgency}</dt>
        <dd>{r.agencyLabel}</dd>
        <dt>{messages.receiptReceivedAt}</dt>
        <dd data-testid="receipt-received">{formatDateTime(r.receivedAt)}</dd>
        <dt>{messages.servicesDueAt}</dt>
        <dd data-testid="receipt-appointment">
          <strong>{formatDateTime(r.appointmentAt)}</strong>
        </dd>
        <dt>{messages.receiptDocuments}</dt>
        <dd>
          {r.documents.length ? r.documents.map((d) => <div key={d.name}>{d.name}</div>) : messages.none}
        </dd>
        <dt>{messages.servicesNotRequired}</dt>
        <dd>
          {r.notRequired.length ? r.notRequired.map((n) => <div key={n}>✓ {n}</div>) : messages.none}
        </dd>
        <dt>{messages.servicesFee}</dt>
        <dd>{r.fees.length ? r.fees.map((f) => <div key={f.label}>{`${f.label}: ${f.amount === 0 ? messages.servicesFree : `${formatNumber(f.amount)} đ`}`}</div>) : messages.servicesFree}</dd>
        <dt>{messages.receiptOfficer}</dt>
        <dd>{r.officer.name}</dd>
      </dl>
    </Card>
  );
}
