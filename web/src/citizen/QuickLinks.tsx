import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { messages } from '../messages.js';

/** A 24×24 single-path icon in the text colour. */
const icon = (d: string) => (
  <svg viewBox="0 0 24 24" aria-hidden="true" className="quick-link-icon">
    <path fill="currentColor" d={d} />
  </svg>
);

const QR_ICON = 'M3 3h8v8H3zm2 2v4h4V5zm8-2h8v8h-8zm2 2v4h4V5zM3 13h8v8H3zm2 2v4h4v-4zm8-2h2v2h-2zm2 2h2v2h-2zm2-2h2v2h-2zm2 2h2v2h-2zm-4 2h2v2h-2zm-2 2h2v2h-2zm4 0h2v2h-2zm2-2h2v2h-2z';
const HISTORY_ICON = 'M13 3a9 9 0 0 0-9 9H1l3.9 3.9L8.8 12H6a7 7 0 1 1 2.05 4.95l-1.42 1.42A9 9 0 1 0 13 3zm-1 5v5l4.25 2.52.77-1.28-3.52-2.09V8z';
const STAYS_ICON = 'M7 13c1.66 0 3-1.34 3-3S8.66 7 7 7s-3 1.34-3 3 1.34 3 3 3zm12-6h-8v7H3V5H1v15h2v-3h18v3h2v-9c0-2.21-1.79-4-4-4z';
const SERVICES_ICON = 'M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zm-1 7V3.5L18.5 9zM8 13h8v2H8zm0 4h8v2H8zm0-8h3v2H8z';
const CONSENT_ICON = 'M12 1 3 5v6c0 5.55 3.84 10.74 9 12 5.16-1.26 9-6.45 9-12V5zm-2 16-4-4 1.41-1.41L10 14.17l6.59-6.59L18 9z';
const WALLET_ICON = 'M4 5a2 2 0 0 0-2 2v10a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2v-2h-6a3 3 0 0 1 0-6h6V7a2 2 0 0 0-2-2zm12 6a1 1 0 0 0 0 2h6v-2zm-11-3h8v2H5z';

function QuickLink({ to, icon, title, hint, testId }: { to: string; icon: ReactNode; title: string; hint: string; testId: string }) {
  return (
    <Link to={to} className="quick-link" data-testid={testId}>
      {icon}
      <span>
        <span className="quick-link-title">{title}</span>
        <span className="quick-link-hint">{hint}</span>
      </span>
    </Link>
  );
}

/** The portal's everyday actions, first on the page: public services, show the identity QR, see who verified me, show a document, where I stayed. */
export function QuickLinks() {
  return (
    <nav className="quick-links">
      <QuickLink to="/citizen/services" icon={icon(SERVICES_ICON)} title={messages.servicesTitle} hint={messages.servicesHomeHint} testId="link-services" />
      <QuickLink to="/citizen/qr" icon={icon(QR_ICON)} title={messages.qrTitle} hint={messages.qrHomeHint} testId="link-identity-qr" />
      <QuickLink to="/citizen/history" icon={icon(HISTORY_ICON)} title={messages.historyTitle} hint={messages.historyHomeHint} testId="link-history" />
      <QuickLink to="/citizen/consents" icon={icon(CONSENT_ICON)} title={messages.consentsTitle} hint={messages.consentsHomeHint} testId="link-consents" />
      <QuickLink to="/citizen/linkage" icon={icon(CONSENT_ICON)} title={messages.linkageCitizenTitle} hint={messages.linkageCitizenHomeHint} testId="link-linkage" />
      <QuickLink to="/citizen/sector-records" icon={icon(HISTORY_ICON)} title={messages.sectorRecordsTitle} hint={messages.sectorRecordsHomeHint} testId="link-sector-records" />
      <QuickLink to="/citizen/documents" icon={icon(SERVICES_ICON)} title={messages.documentsTitle} hint={messages.documentsHomeHint} testId="link-documents" />
      <QuickLink to="/citizen/wallet" icon={icon(WALLET_ICON)} title={messages.walletTitle} hint={messages.walletHomeHint} testId="link-wallet" />
      <QuickLink to="/citizen/stays" icon={icon(STAYS_ICON)} title={messages.citizenStaysTitle} hint={messages.citizenStaysHomeHint} testId="link-stays" />
    </nav>
  );
}
