import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Empty, Skeleton, Tag, Typography } from 'antd';
import { ApiError } from '../../api.js';
import { BackToPortal, CitizenLoading, CitizenShell } from '../../citizen/CitizenShell.js';
import { QrImage } from '../../citizen/QrImage.js';
import { citizenApi, citizenOk } from '../../citizen/session.js';
import { useCitizenPage } from '../../citizen/useCitizenPage.js';
import { formatDateTime, formatInstantDate } from '../../format.js';
import { messages, t } from '../../messages.js';
import type { WalletDocument, WalletPresentation } from '../../api/shapes.js';
import { useCopy } from '../../components/useCopy.js';

const statusTag: Record<WalletDocument['status'], { color: string; label: string }> = {
  valid: { color: 'green', label: messages.walletStatusValid },
  expired: { color: 'default', label: messages.walletStatusExpired },
  revoked: { color: 'red', label: messages.walletStatusRevoked },
};

function StatusTag({ status }: { status: WalletDocument['status'] }) {
  const s = statusTag[status];
  return (
    <Tag color={s.color} data-testid="wallet-status" data-status={status}>
      {s.label}
    </Tag>
  );
}

function DocumentCard({ doc, onOpen }: { doc: WalletDocument; onOpen: () => void }) {
  return (
    <Card className="citizen-card wallet-card" hoverable onClick={onOpen} data-testid="wallet-document" data-id={doc.id} data-type={doc.type}>
      <div className="wallet-card-head">
        <span className="wallet-card-type">{doc.typeLabel}</span>
        <StatusTag status={doc.status} />
      </div>
      <div className="wallet-card-title">{doc.title}</div>
      <div className="wallet-card-meta">
        {messages.walletValidUntil}: {formatInstantDate(doc.expiresAt)}
      </div>
    </Card>
  );
}

/** The presentation as a QR (long: level L, large), with its text to copy or paste at the counter. */
function PresentationQr({ shown, presentation, onBack }: { shown: string[]; presentation: WalletPresentation; onBack: () => void }) {
  const copyText = useCopy({ copied: messages.walletCopied, failed: messages.walletCopyFailed });
  const copy = () => copyText(presentation.presentation);
  return (
    <Card className="citizen-card qr-card" title={messages.walletQrTitle} data-testid="wallet-qr-card" data-presentation={presentation.presentation}>
      <QrImage token={presentation.presentation} level="L" large alt={messages.walletQrAlt} testId="wallet-qr" />
      <div className="qr-shown">
        <span className="muted">{messages.walletQrShown}: </span>
        {shown.map((label) => (
          <Tag key={label} data-testid="wallet-qr-shown">
            {label}
          </Tag>
        ))}
      </div>
      <Typography.Text type="secondary">{t('walletQrExpires', { time: formatDateTime(presentation.expiresAt) })}</Typography.Text>
      <Typography.Paragraph className="qr-explain">{messages.walletQrHint}</Typography.Paragraph>
      <div className="wallet-qr-actions">
        <Button type="primary" onClick={() => void copy()} data-testid="wallet-copy">
          {messages.walletCopy}
        </Button>
        <Button onClick={onBack} data-testid="wallet-change">
          {messages.walletChangeClaims}
        </Button>
      </div>
    </Card>
  );
}

/** One document: every claim, then the choice of what to show and the QR. */
function DocumentView({ doc, onSignedOut }: { doc: WalletDocument; onSignedOut: () => void }) {
  const selective = doc.claims.filter((c) => c.selective);
  const fixed = doc.claims.filter((c) => !c.selective);
  const [chosen, setChosen] = useState<string[]>([]);
  const [choosing, setChoosing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [presentation, setPresentation] = useState<WalletPresentation | null>(null);

  async function present() {
    if (!chosen.length) {
      setError(messages.walletChooseAtLeastOne);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      setPresentation(await citizenOk(citizenApi.POST('/api/v1/citizen/wallet/{id}/presentations', { params: { path: { id: doc.id } }, body: { claims: chosen } })));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) onSignedOut();
      setError(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  const labels = doc.claims.filter((c) => !c.selective || chosen.includes(c.claim)).map((c) => c.label);
  return (
    <>
      <Card className="citizen-card" title={doc.typeLabel} extra={<StatusTag status={doc.status} />} data-testid="wallet-detail" data-id={doc.id}>
        <Typography.Title level={5} className="wallet-detail-title">
          {doc.title}
        </Typography.Title>
        {doc.status === 'revoked' && doc.revokedReason && (
          <Alert type="error" showIcon title={`${messages.walletRevokedReason}: ${doc.revokedReason}`} className="wallet-revoked" data-testid="wallet-revoked-reason" />
        )}
        <Descriptions
          size="small"
          column={1}
          items={[
            ...doc.claims.map((c) => ({ key: c.claim, label: c.label, children: <span data-testid="wallet-claim" data-claim={c.claim}>{c.text}</span> })),
            { key: '_issued', label: messages.walletIssuedAt, children: formatInstantDate(doc.issuedAt) },
            { key: '_expires', label: messages.walletValidUntil, children: formatInstantDate(doc.expiresAt) },
          ]}
        />
        {doc.status === 'valid' ? (
          !choosing && (
            <Button type="primary" size="large" block onClick={() => setChoosing(true)} data-testid="wallet-present">
              {messages.walletPresent}
            </Button>
          )
        ) : (
          <Alert type="warning" showIcon title={messages.walletNotPresentable} />
        )}
      </Card>
      {choosing && !presentation && (
        <Card className="citizen-card" title={messages.walletPresentTitle} data-testid="wallet-choice">
          <Typography.Paragraph type="secondary">{messages.walletPresentHint}</Typography.Paragraph>
          <div className="wallet-claims">
            {fixed.map((c) => (
              <Checkbox key={c.claim} checked disabled data-testid={`wallet-fixed-${c.claim}`}>
                {c.label} <Tag>{messages.walletAlwaysShown}</Tag>
              </Checkbox>
            ))}
            <Checkbox.Group
              className="wallet-claims"
              value={chosen}
              onChange={(v) => setChosen(selective.map((c) => c.claim).filter((c) => v.includes(c)))}
              options={selective.map((c) => ({ value: c.claim, label: <span data-testid={`wallet-pick-${c.claim}`}>{c.label}</span> }))}
            />
          </div>
          {error && <Alert type="error" showIcon title={error} className="wallet-error" data-testid="wallet-error" />}
          <Button type="primary" size="large" block loading={busy} onClick={() => void present()} data-testid="wallet-make-qr">
            {messages.walletMakeQr}
          </Button>
        </Card>
      )}
      {presentation && <PresentationQr shown={labels} presentation={presentation} onBack={() => setPresentation(null)} />}
    </>
  );
}

/** "Ví giấy tờ": the documents issued into the citizen's wallet; each can be presented with chosen claims. */
export default function WalletPage() {
  const { session, data, error, loading, signedOut } = useCitizenPage('/citizen/wallet', '/api/v1/citizen/wallet');
  const [openId, setOpenId] = useState<string | null>(null);

  if (!session) return <CitizenLoading />;

  const open = data?.find((d) => d.id === openId);
  const back = open ? (
    <Button ghost size="small" onClick={() => setOpenId(null)} data-testid="wallet-back">
      {messages.walletBack}
    </Button>
  ) : (
    <BackToPortal />
  );
  return (
    <CitizenShell extra={back}>
      <div className="citizen-stack" data-testid="wallet-page">
        <Typography.Title level={3} className="citizen-title">
          {messages.walletTitle}
        </Typography.Title>
        {open ? (
          <DocumentView key={open.id} doc={open} onSignedOut={signedOut} />
        ) : error ? (
          <Alert type="error" showIcon title={error.detail} />
        ) : !data && loading ? (
          <Card className="citizen-card">
            <Skeleton active paragraph={{ rows: 3 }} />
          </Card>
        ) : data?.length ? (
          data.map((d) => <DocumentCard key={d.id} doc={d} onOpen={() => setOpenId(d.id)} />)
        ) : (
          <Card className="citizen-card">
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.walletEmpty} data-testid="wallet-empty" />
          </Card>
        )}
      </div>
    </CitizenShell>
  );
}
