import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Form, Input, InputNumber, Radio, Result, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { api, ApiError, ok, type Answer } from '../../api.js';
import { PageHeading } from '../../components/PageHeading.js';
import { formatNumber } from '../../format.js';
import { messages, t } from '../../messages.js';
import { fileToBase64 } from '../../services/parts.js';
import '../../services/services.css';

type Quote = Answer<'/api/v1/services/officer/certified-copies/fee'>;
type Issued = Answer<'/api/v1/services/officer/certified-copies', 'post'>;

const TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
const MAX_BYTES = 5 * 1024 * 1024;
const BASE = '/api/v1/services/officer/certified-copies';
const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);
/** "7.000 đ". */
const dong = (n: number) => `${formatNumber(n)} đ`;

/**
 * Certified electronic copy (model 4): the requester (a citizen at the counter by personal ID, or an online dossier
 * with ?dossier=<id>), the original's page count and the copies with the fee shown before issuing, the scans, the
 * officer's confirmation of the comparison; "Chứng thực và ký số" answers with the register number and the signed PDF.
 */
export default function CertifyCopyPage() {
  const [params] = useSearchParams();
  const [mode, setMode] = useState<'counter' | 'dossier'>(params.get('dossier') ? 'dossier' : 'counter');
  const [dossierId, setDossierId] = useState<number | null>(params.get('dossier') ? Number(params.get('dossier')) : null);
  const [personalId, setPersonalId] = useState('');
  const [requester, setRequester] = useState<string | null>(null);
  const [documentName, setDocumentName] = useState('');
  const [pages, setPages] = useState<number | null>(1);
  const [copies, setCopies] = useState<number | null>(1);
  const [quote, setQuote] = useState<Quote | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [compared, setCompared] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<Issued | null>(null);
  // One key per copy: a double click or a retry after a lost answer certifies once (the server replays).
  const key = useRef(newKey());

  const errorText = (err: unknown) => (err instanceof ApiError ? [err.detail, ...err.errors.map((e) => e.message)].join(' — ') : messages.genericError);

  useEffect(() => {
    if (!pages || !copies) return setQuote(null);
    const ctrl = new AbortController();
    ok(api.GET('/api/v1/services/officer/certified-copies/fee', { params: { query: { pages, copies } }, signal: ctrl.signal }))
      .then(setQuote)
      .catch(() => setQuote(null));
    return () => ctrl.abort();
  }, [pages, copies]);

  // An online dossier: the counts its form declares, as the defaults (the officer corrects them on the original; the fee follows).
  useEffect(() => {
    if (mode !== 'dossier' || !dossierId) return;
    const ctrl = new AbortController();
    // The detail is an audited read: asked once typing the dossier's number pauses, not at each keystroke.
    const timer = setTimeout(() => {
      ok(api.GET('/api/v1/services/officer/dossiers/{id}', { params: { path: { id: dossierId } }, signal: ctrl.signal }))
        .then((d) => {
          const form = d.form as { pages?: unknown; copies?: unknown };
          if (typeof form.pages === 'number') setPages(form.pages);
          if (typeof form.copies === 'number') setCopies(form.copies);
        })
        .catch(() => undefined);
    }, 500);
    return () => { clearTimeout(timer); ctrl.abort(); };
  }, [mode, dossierId]);

  async function find() {
    setProblem(null);
    setRequester(null);
    if (!/^\d{12}$/.test(personalId)) return setProblem(messages.counterPersonalIdInvalid);
    try {
      const r = await ok(api.GET('/api/v1/services/officer/certified-copies/requesters/{personalId}', { params: { path: { personalId } } }));
      setRequester(r.fullName);
    } catch (err) {
      setProblem(errorText(err));
    }
  }

  async function issue() {
    const who = mode === 'counter' ? requester && { personalId } : dossierId && { dossierId };
    if (!who || !pages || !copies || files.length === 0 || !compared) return setProblem(messages.copyMissing);
    if (files.reduce((n, f) => n + (f.size ?? 0), 0) > MAX_BYTES) return setProblem(messages.copyFilesTooBig);
    setBusy(true);
    setProblem(null);
    try {
      const scans = await Promise.all(files.map(async (f) => ({ fileName: f.name, content: await fileToBase64(f.originFileObj as Blob) })));
      const c = await ok(api.POST('/api/v1/services/officer/certified-copies', {
        params: { header: { 'idempotency-key': key.current } },
        body: { ...who, ...(documentName.trim() ? { documentName: documentName.trim() } : {}), pages, copies, compared, scans },
      }));
      setIssued(c);
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  function next() {
    setIssued(null);
    setRequester(null);
    setPersonalId('');
    setDocumentName('');
    setFiles([]);
    setCompared(false);
    setProblem(null);
    key.current = newKey();
  }

  if (issued) {
    return (
      <div data-testid="copy-page">
        <Result
          status="success"
          title={<span data-testid="copy-issued">{t('copyIssued', { number: issued.registerNumber })}</span>}
          subTitle={t('copyIssuedSub', { name: issued.requesterName })}
          extra={[
            <Button key="pdf" type="primary" size="large" href={`${BASE}/${issued.id}/pdf`} target="_blank" data-testid="copy-download">
              {messages.copyDownload}
            </Button>,
            <Button key="next" size="large" onClick={next} data-testid="copy-next">
              {messages.copyNext}
            </Button>,
          ]}
        />
      </div>
    );
  }

  return (
    <div data-testid="copy-page" className="svc-counter">
      <PageHeading title={messages.copyTitle} subtitle={messages.copySubtitle} />
      <Card className="svc-card">
        <Form layout="vertical" onFinish={() => void issue()}>
          <Form.Item>
            <Radio.Group value={mode} onChange={(e) => setMode(e.target.value as 'counter' | 'dossier')} data-testid="copy-mode">
              <Radio value="counter">{messages.copyModeCounter}</Radio>
              <Radio value="dossier">{messages.copyModeDossier}</Radio>
            </Radio.Group>
          </Form.Item>
          {mode === 'counter' ? (
            <Form.Item label={messages.copyPersonalId} required extra={requester && <span data-testid="copy-requester">{t('copyRequester', { name: requester })}</span>}>
              <Input.Search
                inputMode="numeric" maxLength={12} value={personalId} className="mono" enterButton={messages.copyFind}
                onChange={(e) => { setPersonalId(e.target.value.replace(/\D/g, '')); setRequester(null); }}
                onSearch={() => void find()} data-testid="copy-personal-id"
              />
            </Form.Item>
          ) : (
            <Form.Item label={messages.copyDossierId} required extra={messages.copyDossierHint}>
              <InputNumber min={1} value={dossierId} onChange={(v) => setDossierId(v)} data-testid="copy-dossier" />
            </Form.Item>
          )}
          <Form.Item label={messages.copyDocumentName} required={mode === 'counter'} extra={mode === 'dossier' ? messages.copyDocumentNameHint : undefined}>
            <Input maxLength={300} value={documentName} onChange={(e) => setDocumentName(e.target.value)} data-testid="copy-document-name" />
          </Form.Item>
          <Form.Item label={messages.copyPages} required>
            <InputNumber min={1} max={10000} value={pages} onChange={(v) => setPages(v)} data-testid="copy-pages" />
          </Form.Item>
          <Form.Item label={messages.copyCopies} required>
            <InputNumber min={1} max={100} value={copies} onChange={(v) => setCopies(v)} data-testid="copy-copies" />
          </Form.Item>
          <Form.Item label={messages.copyFee} extra={quote?.explanation}>
            <strong data-testid="copy-fee">
              {quote ? t('copyFeeLine', { perCopy: dong(quote.perCopy), copies: quote.copies, total: dong(quote.total) }) : '—'}
            </strong>
          </Form.Item>
          <Form.Item label={messages.copyScans} required>
            <Upload
              accept={TYPES.join(',')}
              multiple
              fileList={files}
              beforeUpload={(file) => {
                if (!TYPES.includes(file.type)) {
                  setProblem(t('copyFileWrongType', { name: file.name }));
                  return Upload.LIST_IGNORE;
                }
                return false;
              }}
              onChange={({ fileList }) => setFiles(fileList)}
            >
              <Button className="svc-touch" data-testid="copy-scan">{messages.copyChoose}</Button>
            </Upload>
          </Form.Item>
          <Form.Item>
            <Checkbox checked={compared} onChange={(e) => { setCompared(e.target.checked); setProblem(null); }} data-testid="copy-compared">
              {messages.copyCompared}
            </Checkbox>
          </Form.Item>
          {problem && <Alert type="error" showIcon title={problem} data-testid="copy-problem" style={{ marginBottom: 16 }} />}
          <Button type="primary" size="large" htmlType="submit" block loading={busy} className="svc-touch" data-testid="copy-issue">
            {messages.copyIssue}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
