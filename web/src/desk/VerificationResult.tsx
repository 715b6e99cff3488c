import type { ReactNode } from 'react';
import { Alert, Button, Tag } from 'antd';
import { formatDateTime } from '../format.js';
import { fieldLabel, formatFieldValue, IDENTITY_FIELDS } from '../identity.js';
import { messages, t, verificationMethodLabels } from '../messages.js';
import type { VerificationOutcome, WalletDocumentShown } from '../api/shapes.js';
import { walletClaimLabel } from '../wallet/documentTypes.js';

/** Stand-in for a photo: none the counter may see (or one the browser cannot show), with why. */
function PhotoPlaceholder({ note }: { note: string }) {
  return (
    <figure className="desk-portrait" data-testid="desk-photo" data-source="none">
      <div className="desk-photo" title={note} aria-label={note}>
        <svg viewBox="0 0 64 80" aria-hidden="true">
          <circle cx="32" cy="28" r="14" fill="currentColor" />
          <path fill="currentColor" d="M6 80c0-17 11.6-28 26-28s26 11 26 28z" />
        </svg>
      </div>
      <figcaption>{note}</figcaption>
    </figure>
  );
}

/**
 * The face the counter compares with the person in front of it, large beside the name: the registry's
 * portrait when the purpose allows it, else the face an authentic chip carries in DG2. A JPEG 2000
 * face (browsers cannot draw it) is named, and the counter compares with the photo printed on the card.
 */
function Portrait({ outcome }: { outcome: VerificationOutcome }) {
  const face = outcome.person.photo
    ? { src: outcome.person.photo, source: 'registry', caption: messages.deskPhotoRegistry }
    : outcome.chipFace?.dataUrl
      ? { src: outcome.chipFace.dataUrl, source: 'chip', caption: messages.deskPhotoChip }
      : null;
  if (!face) return <PhotoPlaceholder note={outcome.chipFace && !outcome.chipFace.displayable ? messages.deskPhotoChipJp2 : messages.deskNoPhoto} />;
  return (
    <figure className="desk-portrait" data-testid="desk-photo" data-source={face.source}>
      <img className="desk-photo desk-photo-image" src={face.src} alt={face.caption} />
      <figcaption>{face.caption}</figcaption>
    </figure>
  );
}

const registryText: Record<string, string> = {
  match: messages.deskRegistryMatch,
  unconfirmed: messages.deskRegistryUnconfirmed,
  mismatch: messages.deskRegistryMismatch,
  not_found: messages.deskRegistryNotFound,
  deceased: messages.deskRegistryDeceased,
  number_cancelled: messages.deskRegistryCancelled,
};

function RegistryComparison({ registry }: { registry: NonNullable<VerificationOutcome['registry']> }) {
  return (
    <div className="desk-registry" data-testid="desk-registry" data-status={registry.status}>
      <div className="desk-section-title">{messages.deskRegistry}</div>
      <div>{registryText[registry.status] ?? registry.status}</div>
      {registry.differences.length > 0 && (
        <ul className="desk-differences">
          {registry.differences.map((d) => (
            <li key={d.field} data-testid="desk-difference" data-field={d.field}>
              {d.label} ({d.kind === 'diacritics' ? messages.deskDiffDiacritics : messages.deskDiffValue})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Beside the photo, large: who it is (or, for "18+ only", the answer). */
const MAIN_FIELDS = ['full_name', 'personal_id', 'age_over_18'] as const;

function Fact({ field, label, value }: { field?: string; label: string; value: ReactNode }) {
  return (
    <div className={`desk-fact desk-fact-${field ?? 'other'}`}>
      <dt>{label}</dt>
      <dd data-testid={field ? 'desk-field' : undefined} data-field={field}>
        {value}
      </dd>
    </div>
  );
}

/** The person as the relying party may see them: the face, name and number, then the rest. */
function Person({ outcome }: { outcome: VerificationOutcome }) {
  // The portrait is drawn, never listed as text.
  const shown = IDENTITY_FIELDS.filter((f) => f in outcome.person && f !== 'photo');
  const main = shown.filter((f) => (MAIN_FIELDS as readonly string[]).includes(f));
  const rest = shown.filter((f) => !main.includes(f));
  const fact = (f: (typeof shown)[number]) => <Fact key={f} field={f} label={fieldLabel(f)} value={formatFieldValue(f, outcome.person[f])} />;
  return (
    <>
      <div className="desk-person">
        <Portrait outcome={outcome} />
        <dl className="desk-person-main">{shown.length ? main.map(fact) : <div className="muted">{messages.deskNothingShown}</div>}</dl>
      </div>
      <dl className="desk-facts">
        {rest.map(fact)}
        {outcome.level !== null && <Fact label={messages.deskLevel} value={<span data-testid="desk-level">{t('levelValue', { level: outcome.level })}</span>} />}
      </dl>
    </>
  );
}

/** A wallet document: its type, each claim the citizen chose to show, and the ones kept back. */
function WalletDocumentFacts({ document }: { document: WalletDocumentShown }) {
  return (
    <div className="desk-document" data-testid="desk-document" data-type={document.type}>
      <div className="desk-section-title">
        {messages.deskDocument}: <span data-testid="desk-document-type">{document.typeLabel}</span>
      </div>
      {document.claims.length ? (
        <dl className="desk-facts">
          {document.claims.map((c) => (
            <div key={c.claim} className="desk-fact">
              <dt>{c.label}</dt>
              <dd data-testid="desk-claim" data-claim={c.claim}>
                {c.text}
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <div className="muted">{messages.deskDocumentNothing}</div>
      )}
      {document.withheld.length > 0 && (
        <div className="desk-withheld" data-testid="desk-document-withheld">
          {messages.deskDocumentWithheld}:{' '}
          {document.withheld.map((c) => (
            <Tag key={c} data-claim={c}>
              {walletClaimLabel(document.type, c)}
            </Tag>
          ))}
        </div>
      )}
    </div>
  );
}

/** What the counter sees after a scan: the verdict in large type, then why, who and what. */
export function VerificationResult({ outcome, onNext }: { outcome: VerificationOutcome; onNext: () => void }) {
  const wallet = outcome.method === 'wallet';
  // A wallet document speaks for itself (its claims); there is no person block to show.
  const hasPerson = !wallet && (outcome.valid || Object.keys(outcome.person).length > 0);
  return (
    <section className={outcome.valid ? 'desk-result desk-result-valid' : 'desk-result desk-result-invalid'} data-testid="desk-result" data-valid={outcome.valid}>
      <div className="desk-verdict" data-testid="desk-verdict" role="status">
        {outcome.valid ? messages.deskValid : messages.deskInvalid}
        <span className="desk-verdict-method">{verificationMethodLabels[outcome.method] ?? outcome.method}</span>
      </div>
      <div className="desk-result-body">
        {outcome.reasons.length > 0 && (
          <ul className="desk-reasons" data-testid="desk-reasons">
            {outcome.reasons.map((r) => (
              <li key={r.code} data-code={r.code}>
                {r.message}
              </li>
            ))}
          </ul>
        )}
        {hasPerson && <Person outcome={outcome} />}
        {outcome.document && <WalletDocumentFacts document={outcome.document} />}
        {outcome.withheld.length > 0 && (
          <div className="desk-withheld" data-testid="desk-withheld">
            {messages.deskWithheld}:{' '}
            {outcome.withheld.map((f) => (
              <Tag key={f}>{fieldLabel(f)}</Tag>
            ))}
          </div>
        )}
        {outcome.registry && <RegistryComparison registry={outcome.registry} />}
        {outcome.notice && <Alert type="warning" showIcon title={outcome.notice} className="desk-notice" data-testid="desk-notice" />}
        <div className="desk-result-meta">
          {messages.deskVerifiedAt}: {formatDateTime(outcome.verifiedAt)}
          {outcome.issuedAt && ` · ${wallet ? messages.walletIssuedAt : messages.deskIssuedAt}: ${formatDateTime(outcome.issuedAt)}`}
        </div>
        <Button type="primary" size="large" block onClick={onNext} data-testid="desk-next">
          {messages.deskNext}
        </Button>
      </div>
    </section>
  );
}
