import { useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import { Alert, Button, Card, Result, Spin, Typography } from 'antd';
import { api, ok, type Answer, ApiError } from '../api.js';
import { DeskShell } from '../desk/DeskShell.js';
import { formatDateTime } from '../format.js';
import { messages, t } from '../messages.js';
import { SignedDocumentFacts } from './SignedDocumentFacts.js';

type Shared = Answer<'/api/v1/shared-documents/{token}'>;

/**
 * /shared/:token: what a citizen's share link opens, without sign-in: the document as /verify describes it (authentic,
 * revoked or not) and its signed PDF, until the link expires or is revoked; then the same "cannot open" for every reason.
 */
export default function SharedDocumentPage() {
  const { token = '' } = useParams();
  const [shared, setShared] = useState<Shared | null>(null);
  const [gone, setGone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    ok(api.GET('/api/v1/shared-documents/{token}', { params: { path: { token } } }), { allow401: true }).then(setShared, (err: unknown) => {
      if (err instanceof ApiError && err.status === 404) setGone(true);
      else setError(err instanceof ApiError ? err.detail : messages.genericError);
    });
  }, [token]);

  const d = shared?.document;
  return (
    <DeskShell appName={messages.sharedAppName}>
      <div className="citizen-stack" data-testid="shared-page">
        <Typography.Title level={3} className="citizen-title">
          {messages.sharedTitle}
        </Typography.Title>
        <Card className="citizen-card">
          {gone ? (
            <Result status="warning" title={messages.sharedGone} subTitle={messages.sharedGoneHint} data-testid="shared-gone" />
          ) : error ? (
            <Alert type="error" showIcon title={error} />
          ) : !shared || !d ? (
            <Spin>
              <div style={{ minHeight: 80 }} />
            </Spin>
          ) : (
            <>
              <SignedDocumentFacts d={d} testId="shared" />
              <div className="shared-actions" style={{ margin: '16px 0 8px' }}>
                <Button type="primary" size="large" href={`/api/v1/shared-documents/${encodeURIComponent(token)}/pdf`} data-testid="shared-pdf">
                  {messages.sharedDownload}
                </Button>
              </div>
              <Typography.Paragraph type="secondary" className="shared-until">
                {t('sharedUntil', { time: formatDateTime(shared.sharedUntil) })}
              </Typography.Paragraph>
            </>
          )}
        </Card>
      </div>
    </DeskShell>
  );
}
