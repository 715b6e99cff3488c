import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Radio, Upload } from 'antd';
import type { UploadProps } from 'antd';
import { ApiError, type Answer, type RequestBody } from '../api.js';
import { citizenApi, citizenOk } from '../citizen/session.js';
import { formatDateTime, formatNumber } from '../format.js';
import { messages, t } from '../messages.js';
import { fileToBase64, NotRequired, saveBase64, supplementItems } from './parts.js';
import { useCitizenApi } from '../citizen/useCitizenApi.js';
import type { Dossier, ProcedureDetail, RequiredDocument } from './types.js';
import { TRANSITIONS } from './vocabulary.js';

const errorText = (err: unknown) => (err instanceof ApiError ? err.detail : messages.genericError);

/** A citizen's write from a panel: busy while it runs, its answer to `onDone` with a success text, a problem as a message. */
async function write(call: () => Promise<Dossier>, done: string, onDone: (d: Dossier) => void, setBusy: (b: boolean) => void, message: ReturnType<typeof App.useApp>['message']) {
  setBusy(true);
  try {
    const d = await call();
    void message.success(done);
    onDone(d);
  } catch (err) {
    void message.error(errorText(err));
  } finally {
    setBusy(false);
  }
}
const MEDIA: Record<string, string[]> = { pdf: ['application/pdf'], jpeg: ['image/jpeg'], png: ['image/png'] };
/** 5,2 MB; 12 kB under a megabyte. */
const sizeText = (bytes: number) => (bytes < 1_000_000 ? `${formatNumber(Math.max(1, Math.ceil(bytes / 1000)))} kB` : `${formatNumber(Math.round((bytes / 1_000_000) * 10) / 10)} MB`);

type Stored = Answer<'/api/v1/services/dossiers/{id}/stored-documents'>['items'][number];

/**
 * One paper still to upload: Ant Upload with Vietnamese text; type and size checked here first, by content on the
 * server. A document of the citizen's store that may stand for it is offered first, attached with one tap.
 */
function DocumentUpload({ dossier, doc, editable, stored, onChanged }: { dossier: Dossier; doc: RequiredDocument; editable: boolean; stored: Stored[]; onChanged: (d: Dossier | null) => void }) {
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const kinds = doc.upload?.kinds ?? ['pdf', 'jpeg', 'png'];
  const maxBytes = doc.upload?.maxBytes ?? 5_000_000;
  const uploaded = dossier.documents.filter((f) => f.kind === doc.id);
  const accept = kinds.flatMap((k) => MEDIA[k] ?? []).join(',');

  const beforeUpload: UploadProps['beforeUpload'] = (file) => {
    setError(null);
    if (!kinds.flatMap((k) => MEDIA[k] ?? []).includes(file.type)) {
      setError(t('servicesUploadWrongType', { name: file.name }));
      return Upload.LIST_IGNORE;
    }
    if (file.size > maxBytes) {
      setError(t('servicesUploadTooBig', { name: file.name, size: sizeText(maxBytes) }));
      return Upload.LIST_IGNORE;
    }
    return true;
  };
  const customRequest: UploadProps['customRequest'] = ({ file, onSuccess, onError }) => {
    const f = file as File;
    fileToBase64(f)
      .then((content) =>
        citizenOk(citizenApi.POST('/api/v1/services/dossiers/{id}/documents', { params: { path: { id: dossier.id } }, body: { kind: doc.id, fileName: f.name, content } })),
      )
      .then((r) => {
        onSuccess?.(r);
        void message.success(t('servicesUploaded', { name: f.name }));
        onChanged(null);
      })
      .catch((err: unknown) => {
        setError(errorText(err));
        onError?.(err as Error);
      });
  };
  const [reusing, setReusing] = useState<string | null>(null);
  async function reuse(item: Stored) {
    setError(null);
    setReusing(item.ref);
    try {
      await citizenOk(citizenApi.POST('/api/v1/services/dossiers/{id}/documents/from-store', { params: { path: { id: dossier.id } }, body: { kind: doc.id, ref: item.ref } }));
      void message.success(t('servicesReused', { name: item.title }));
      onChanged(null);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setReusing(null);
    }
  }
  async function remove(id: number) {
    try {
      await citizenOk(citizenApi.DELETE('/api/v1/services/dossiers/{id}/documents/{documentId}', { params: { path: { id: dossier.id, documentId: id } } }));
      onChanged(null);
    } catch (err) {
      setError(errorText(err));
    }
  }
  async function download(id: number) {
    try {
      const d = await citizenOk(citizenApi.GET('/api/v1/services/dossiers/{id}/documents/{documentId}', { params: { path: { id: dossier.id, documentId: id } } }));
      saveBase64(d.content, d.mediaType, d.fileName);
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <div className="svc-upload-doc" data-testid="upload-doc" data-kind={doc.id}>
      <div>
        <strong>{doc.name}</strong>
        {!doc.required && <span className="muted"> ({messages.servicesOptional})</span>}
      </div>
      {uploaded.map((f) => (
        <div key={f.id} className="svc-uploaded" data-testid="uploaded-file">
          <Button type="link" onClick={() => void download(f.id)} className="svc-touch">
            {f.fileName}
          </Button>
          <span className="muted">{sizeText(f.sizeBytes)}</span>
          {editable && (
            <Button danger type="text" className="svc-touch" onClick={() => void remove(f.id)} data-testid="delete-file">
              {messages.servicesDeleteFile}
            </Button>
          )}
        </div>
      ))}
      {editable && uploaded.length === 0 && stored.map((item) => (
        <div key={item.ref} className="svc-stored" data-testid="stored-doc" data-ref={item.ref}>
          <span>
            {item.source === 'upload' ? item.fileName : item.title} <span className="muted">· {item.origin ? `${item.origin} · ` : ''}{formatDateTime(item.at)}</span>
          </span>
          <Button type="primary" className="svc-touch" loading={reusing === item.ref} onClick={() => void reuse(item)} data-testid="reuse-stored">
            {messages.servicesReuseStored}
          </Button>
        </div>
      ))}
      {editable && (
        <Upload className="svc-upload" accept={accept} beforeUpload={beforeUpload} customRequest={customRequest} showUploadList={false} maxCount={1}>
          <Button className="svc-touch" data-testid="upload-button">
            {messages.servicesUpload}
          </Button>
        </Upload>
      )}
      {editable && <div className="muted">{t('servicesUploadHint', { size: sizeText(maxBytes) })}</div>}
      {error && <Alert type="error" showIcon title={error} data-testid="upload-error" />}
    </div>
  );
}

export function DocumentsPanel({ dossier, procedure, editable, onChanged }: { dossier: Dossier; procedure: ProcedureDetail; editable: boolean; onChanged: (d: Dossier | null) => void }) {
  const toUpload = procedure.documents.filter((d) => !d.providedByPlatform);
  const free = procedure.documents.filter((d) => d.providedByPlatform);
  // The citizen's document store: what may stand for a paper still to upload (asked once, while editable).
  const stored = useCitizenApi(editable && toUpload.length ? '/api/v1/services/dossiers/{id}/stored-documents' : null, { params: { path: { id: dossier.id } } });
  const storedFor = (kind: string) => (stored.data?.items ?? []).filter((i) => i.paper === kind);
  return (
    <Card className="citizen-card" title={messages.servicesDocuments} data-testid="documents-panel">
      <NotRequired count={dossier.documentsNotRequired} names={free.map((d) => d.name)} testId="dossier-not-required" />
      {toUpload.length ? toUpload.map((d) => <DocumentUpload key={d.id} dossier={dossier} doc={d} editable={editable} stored={storedFor(d.id)} onChanged={onChanged} />) : <span className="muted">{messages.servicesNothingToUpload}</span>}
    </Card>
  );
}

/** What the unit asked for (the latest supplement request), shown while the dossier waits for it. */
export function SupplementRequest({ dossier }: { dossier: Dossier }) {
  const request = [...dossier.timeline].reverse().find((e) => e.action === 'request_supplement');
  if (!request) return null;
  const items = supplementItems(request);
  return (
    <Card className="citizen-card svc-supplement" title={messages.servicesSupplementTitle} data-testid="supplement-request">
      <div className="muted">{formatDateTime(request.at)}</div>
      {request.comment && <p data-testid="supplement-comment">{request.comment}</p>}
      {items.length > 0 && (
        <>
          <strong>{messages.servicesSupplementItems}</strong>
          <ul data-testid="supplement-items">
            {items.map((it) => (
              <li key={it}>{it}</li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}

/** Withdraw, after a confirmation that names the dossier. */
export function WithdrawButton({ dossier, onDone }: { dossier: Dossier; onDone: (d: Dossier) => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const withdraw = () =>
    write(
      () => citizenOk(citizenApi.POST('/api/v1/services/dossiers/{id}/withdrawal', { params: { path: { id: dossier.id } }, body: reason.trim() ? { comment: reason.trim() } : {} })),
      messages.servicesWithdrawn,
      (d) => {
        setOpen(false);
        onDone(d);
      },
      setBusy,
      message,
    );
  return (
    <>
      <Button danger size="large" className="svc-touch" onClick={() => setOpen(true)} data-testid="withdraw">
        {messages.servicesWithdraw}
      </Button>
      <Modal
        open={open}
        title={messages.servicesWithdraw}
        onCancel={() => setOpen(false)}
        onOk={() => void withdraw()}
        okText={messages.servicesWithdraw}
        cancelText={messages.servicesCancel}
        okButtonProps={{ danger: true, loading: busy, 'data-testid': 'withdraw-ok' }}
      >
        <p>{t('servicesWithdrawConfirm', { code: dossier.code ?? messages.servicesDraftCode })}</p>
        <Input.TextArea rows={2} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={messages.servicesWithdrawReason} />
      </Modal>
    </>
  );
}

/**
 * Đề nghị dừng giải quyết (NĐ 118/2025 Art. 21): once a dossier was received, the citizen asks, with a reason; the
 * dossier stays as it is until the agency's notice. Offered once (the timeline says a request was sent).
 */
export function StopRequestButton({ dossier, onDone }: { dossier: Dossier; onDone: (d: Dossier) => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  if (!(TRANSITIONS.request_stop.from as readonly string[]).includes(dossier.state)) return null;
  if (dossier.timeline.some((e) => e.action === 'request_stop')) {
    return <div className="muted" data-testid="stop-requested">{messages.servicesStopRequested}</div>;
  }
  const send = () =>
    write(
      () => citizenOk(citizenApi.POST('/api/v1/services/dossiers/{id}/stop-request', { params: { path: { id: dossier.id } }, body: { reason: reason.trim() } })),
      messages.servicesStopRequestSent,
      (d) => {
        setOpen(false);
        onDone(d);
      },
      setBusy,
      message,
    );
  return (
    <>
      <Button size="large" className="svc-touch" onClick={() => setOpen(true)} data-testid="stop-request">
        {messages.servicesStopRequest}
      </Button>
      <Modal
        open={open}
        title={messages.servicesStopRequest}
        onCancel={() => setOpen(false)}
        onOk={() => void send()}
        okText={messages.servicesStopRequestOk}
        cancelText={messages.servicesCancel}
        okButtonProps={{ loading: busy, disabled: !reason.trim(), 'data-testid': 'stop-request-ok' }}
      >
        <p>{t('servicesStopRequestConfirm', { code: dossier.code ?? '' })}</p>
        <Input.TextArea rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} placeholder={messages.servicesStopRequestReason} data-testid="stop-request-reason" />
      </Modal>
    </>
  );
}

type RatingBody = NonNullable<RequestBody<'/api/v1/services/dossiers/{id}/rating'>>;
type Scores = RatingBody['scores'];

/** The satisfaction rating (the nine contents and the scale in force, from the API), once, after the result was returned. */
export function RatingPanel({ dossier, onDone }: { dossier: Dossier; onDone: (d: Dossier) => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ scores: Scores; comment?: string }>();
  const [busy, setBusy] = useState(false);
  const scale = useCitizenApi(dossier.rating ? null : '/api/v1/services/rating-scale');
  // The scale lists its values from the lowest: a phone shows the best first.
  const bestFirst = [...(scale.data?.values ?? [])].reverse();
  if (dossier.rating) {
    return (
      <Card className="citizen-card" title={messages.servicesRateTitle} data-testid="rating-done">
        {t('servicesRatedAt', { date: formatDateTime(dossier.rating.ratedAt).slice(0, 10) })}
      </Card>
    );
  }
  const rate = (v: { scores: Scores; comment?: string }) =>
    write(
      () => citizenOk(citizenApi.POST('/api/v1/services/dossiers/{id}/rating', { params: { path: { id: dossier.id } }, body: { scores: v.scores, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) } })),
      messages.servicesRated,
      onDone,
      setBusy,
      message,
    );
  return (
    <Card className="citizen-card svc-rating" title={messages.servicesRateTitle} data-testid="rating-panel">
      <p className="muted">{messages.servicesRateHint}</p>
      <Form form={form} layout="vertical" onFinish={(v) => void rate(v)}>
        {scale.error && <Alert type="error" showIcon title={scale.error.detail} />}
        {scale.data?.criteria.map((c) => (
          <Form.Item key={c.key} name={['scores', c.key]} label={c.label} rules={[{ required: true, message: messages.servicesRateMissing }]} className="svc-rating-row">
            <Radio.Group optionType="button" buttonStyle="solid" data-testid={`rate-${c.key}`}>
              {bestFirst.map((v) => (
                <Radio.Button key={v.value} value={v.value}>
                  {v.label}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
        ))}
        <Form.Item name="comment" label={messages.servicesSupplementComment}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" size="large" block className="svc-touch" loading={busy} data-testid="rate-submit">
          {messages.servicesRateSubmit}
        </Button>
      </Form>
    </Card>
  );
}
