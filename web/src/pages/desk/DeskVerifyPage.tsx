import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Tag } from 'antd';
import { api, ApiError, ok } from '../../api.js';
import { PasteBox, type PasteBoxRef } from '../../desk/PasteBox.js';
import { QrScanner } from '../../desk/QrScanner.js';
import { RecentVerifications } from '../../desk/RecentVerifications.js';
import { VerificationResult } from '../../desk/VerificationResult.js';
import { fieldLabel } from '../../identity.js';
import { messages, t } from '../../messages.js';
import type { RelyingParty, VerificationOutcome } from '../../api/shapes.js';
import { useRelyingParty } from './DeskLayout.js';

function RelyingPartyCard({ rp }: { rp: RelyingParty }) {
  return (
    <Card className="citizen-card desk-rp" size="small" data-testid="desk-rp">
      <div className="desk-rp-name" data-testid="desk-rp-name">
        {rp.name}
      </div>
      <div className="muted">{rp.typeLabel}</div>
      <div className="desk-rp-purpose">
        <span className="muted">{messages.deskPurpose}: </span>
        <span data-testid="desk-purpose">{rp.purpose}</span>
      </div>
      <div className="desk-rp-fields">
        <span className="muted">{messages.deskAllowedFields}: </span>
        {rp.allowedFields.map((f) => (
          <Tag key={f}>{fieldLabel(f)}</Tag>
        ))}
        <Tag color={rp.minLevel === 2 ? 'green' : 'gold'}>
          {messages.deskMinLevel}: {t('levelValue', { level: rp.minLevel })}
        </Tag>
      </div>
    </Card>
  );
}

/** The counter: scan (camera, handheld scanner or paste), see the verdict at once, and the recent checks. */
export default function DeskVerifyPage() {
  const rp = useRelyingParty();
  const [scanning, setScanning] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<VerificationOutcome | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [recentTick, setRecentTick] = useState(0);
  const paste = useRef<PasteBoxRef>(null);
  const result = useRef<HTMLDivElement>(null);

  const verify = useCallback(
    async (text: string) => {
      setScanning(false);
      setBusy(true);
      setError(null);
      setOutcome(null);
      try {
        setOutcome(await ok(api.POST('/api/v1/verifications', { body: { qr: text.trim() } })));
        setRecentTick((n) => n + 1);
      } catch (err) {
        setError(err instanceof ApiError ? err.detail : messages.genericError);
      } finally {
        setBusy(false);
      }
    },
    [],
  );

  useEffect(() => {
    if (outcome || error) result.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [outcome, error]);

  function next() {
    setOutcome(null);
    setError(null);
    paste.current?.focus();
  }

  return (
    <div className="citizen-stack desk-page" data-testid="desk-page">
      <RelyingPartyCard rp={rp} />
      <div ref={result} className="desk-result-anchor">
        {outcome && <VerificationResult outcome={outcome} onNext={next} />}
        {error && <Alert type="error" showIcon title={error} data-testid="desk-error" />}
      </div>
      <Card className="citizen-card desk-scan-card">
        {scanning ? (
          <QrScanner onResult={(text) => void verify(text)} onClose={() => setScanning(false)} />
        ) : (
          <Button type="primary" size="large" block className="desk-scan-button" onClick={() => setScanning(true)} loading={busy} data-testid="desk-scan">
            {busy ? messages.deskChecking : messages.deskScan}
          </Button>
        )}
        <PasteBox ref={paste} busy={busy} onCheck={(text) => void verify(text)} />
      </Card>
      <RecentVerifications refresh={recentTick} />
    </div>
  );
}
