import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Result, Spin, Typography, Upload } from 'antd';
import { api, ok, type Answer, ApiError } from '../api.js';
import { DeskShell } from '../desk/DeskShell.js';
import { messages } from '../messages.js';
import { fileToBase64 } from '../services/parts.js';
import { SignedDocumentFacts } from './SignedDocumentFacts.js';

type Verification = Answer<'/api/v1/documents/verify/{id}'>;
const MAX_BYTES = 2 * 1024 * 1024;

function Outcome({ v }: { v: Verification }) {
  const d = v.document;
  if (!v.authentic || !d) {
    return <Result status="error" title={messages.verifyNotAuthentic} subTitle={messages.verifyNotAuthenticHint} data-testid="verify-not-authentic" />;
  }
  return <SignedDocumentFacts d={d} testId="verify" />;
}

/**
 * /verify: anyone checks a da06 document, from its QR (the link carries `d` and `t`) or by uploading the PDF;
 * the page shows what the document itself shows, whether it is authentic and whether it was revoked.
 */
export default function VerifyDocumentPage() {
  const [params, setParams] = useSearchParams();
  const [result, setResult] = useState<Verification | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = params.get('d');
  const token = params.get('t');

  const run = async (call: () => Promise<Verification>) => {
    setBusy(true);
    setError(null);
    try {
      setResult(await call());
    } catch (err) {
      setResult(null);
      setError(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (id && token) {
      void run(() => ok(api.GET('/api/v1/documents/verify/{id}', { params: { path: { id }, query: { t: token } } }), { allow401: true }));
    }
  }, [id, token]);

  const upload = async (file: File) => {
    if (file.size > MAX_BYTES) {
      setResult(null);
      setError(messages.verifyUploadHint);
      return;
    }
    const content = await fileToBase64(file);
    await run(() => ok(api.POST('/api/v1/documents/verify', { body: { content } }), { allow401: true }));
  };

  const again = () => {
    setResult(null);
    setError(null);
    setParams({});
  };

  return (
    <DeskShell appName={messages.verifyAppName}>
      <div className="citizen-stack" data-testid="verify-page">
        <Typography.Title level={3} className="citizen-title">
          {messages.verifyTitle}
        </Typography.Title>
        <Card className="citizen-card">
          {busy ? (
            <Spin tip={messages.verifyChecking}>
              <div style={{ minHeight: 80 }} />
            </Spin>
          ) : result ? (
            <>
              <Outcome v={result} />
              <Button onClick={again} className="verify-again" data-testid="verify-again">
                {messages.verifyAgain}
              </Button>
            </>
          ) : (
            <>
              <Typography.Paragraph type="secondary">{messages.verifyHint}</Typography.Paragraph>
              {error && <Alert type="error" showIcon title={error} data-testid="verify-error" />}
              <Upload
                accept="application/pdf,.pdf"
                maxCount={1}
                showUploadList={false}
                beforeUpload={(file) => {
                  void upload(file);
                  return false;
                }}
              >
                <Button type="primary" size="large" data-testid="verify-upload">
                  {messages.verifyUpload}
                </Button>
              </Upload>
              <Typography.Paragraph type="secondary" className="verify-upload-hint">
                {messages.verifyUploadHint}
              </Typography.Paragraph>
            </>
          )}
        </Card>
      </div>
    </DeskShell>
  );
}
