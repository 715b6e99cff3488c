import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Form, Input, Skeleton, Typography } from 'antd';
import { ApiError } from '../../api.js';
import { CitizenLoading, CitizenShell } from '../../citizen/CitizenShell.js';
import { citizenApi, citizenOk } from '../../citizen/session.js';
import { useCitizenApi } from '../../citizen/useCitizenApi.js';
import { useRequireCitizen } from '../../citizen/useRequireCitizen.js';
import { formatDateTime, formatInstantDate } from '../../format.js';
import { namePath } from '../../lodging/fieldErrors.js';
import { messages, t } from '../../messages.js';
import { BackToServices } from '../../services/BackToServices.js';
import { DocumentsPanel, RatingPanel, SupplementRequest, StopRequestButton, WithdrawButton } from '../../services/CitizenPanels.js';
import { fromInputs, LockIcon, SchemaField, toInputs } from '../../services/FormFields.js';
import { FormView } from '../../services/FormView.js';
import { ReceiptCard } from '../../services/ReceiptCard.js';
import { PaymentPanel } from '../../services/PaymentPanel.js';
import { PartyInvitation } from '../../services/Invitations.js';
import { ChannelTag, DossierTimeline, StateTag } from '../../services/parts.js';
import { TRANSITIONS } from '../../services/vocabulary.js';
import type { Dossier, FormField } from '../../services/types.js';
import '../../services/services.css';

const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/** The citizen's dossier: the form (registry fields locked), papers, submission, the timeline, a supplement's answer, withdrawal, rating. */
export default function DossierPage() {
  const id = Number(useParams().id);
  const session = useRequireCitizen(`/citizen/services/dossiers/${id}`);
  const { message } = App.useApp();
  const loaded = useCitizenApi(session && id > 0 ? '/api/v1/services/dossiers/{id}' : null, { params: { path: { id } } });
  const [dossier, setDossier] = useState<Dossier | null>(null);
  useEffect(() => setDossier(loaded.data), [loaded.data]);
  const slug = dossier?.procedure.slug ?? '';
  const hasReceipt = !!(dossier?.acceptedAt && dossier.dueAt && dossier.code);
  const receipt = useCitizenApi(hasReceipt ? '/api/v1/services/dossiers/{id}/receipt' : null, { params: { path: { id } } });
  const proc = useCitizenApi(slug ? '/api/v1/services/procedures/{slug}' : null, { params: { path: { slug } } });
  const [form] = Form.useForm();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState<'save' | 'submit' | 'supplement' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // One key per dossier page: a double click or a retry after a lost answer submits once (the server replays).
  const idempotencyKey = useRef(newKey());

  const schema = proc.data?.form as unknown as FormField | undefined;
  const locked = useMemo(() => new Set(dossier?.prefilledFields ?? []), [dossier?.prefilledFields]);
  const editable = dossier?.state === 'draft' || dossier?.state === 'supplement_requested';
  const initial = schema && dossier ? (toInputs(schema, dossier.form) as Record<string, unknown>) : undefined;
  // The inputs take the server's form when the dossier is opened or changes state, not after an upload
  // (which reloads the dossier while the citizen may have typed without saving).
  // Also when the locked fields change: a confirmation came in, or a new relation to the child filled a parent's part.
  const resetKey = schema && dossier ? `${dossier.id}:${dossier.state}:${dossier.timeline.length}:${dossier.prefilledFields.join(',')}` : null;
  const latest = useRef(initial);
  latest.current = initial;
  useEffect(() => {
    if (resetKey && latest.current) form.setFieldsValue(latest.current);
  }, [resetKey, form]);

  const formData = () => (schema ? ((fromInputs(schema, form.getFieldsValue(true)) as Record<string, unknown> | undefined) ?? {}) : {});

  /** Field errors of `form.<path>` go under their fields; the rest above the form. */
  function showProblem(err: unknown) {
    if (!(err instanceof ApiError)) return setProblem(messages.genericError);
    const placed = err.errors.filter((e) => e.field.startsWith('form.'));
    form.setFields(placed.map((e) => ({ name: namePath(e.field.slice('form.'.length)), errors: [e.message] })));
    const rest = err.errors.filter((e) => !e.field.startsWith('form.'));
    setProblem([err.title, ...rest.map((e) => e.message), ...(placed.length ? [messages.servicesFixErrors] : [])].join(' — '));
  }

  // A second click while a write is on its way does nothing (the state flag lags one render behind).
  const inFlight = useRef(false);
  async function run(kind: 'save' | 'submit' | 'supplement', action: () => Promise<Dossier>, done: (d: Dossier) => string) {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(kind);
    setProblem(null);
    try {
      const d = await action();
      setDossier(d);
      void message.success(done(d));
    } catch (err) {
      showProblem(err);
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  }
  const save = () =>
    run('save', () => citizenOk(citizenApi.PUT('/api/v1/services/dossiers/{id}/form', { params: { path: { id } }, body: { form: formData() } })), () => messages.servicesDraftSaved);
  const submit = async () => {
    try {
      await form.validateFields();
    } catch {
      setProblem(messages.servicesFixErrors);
      return;
    }
    await run(
      'submit',
      async () => {
        await citizenOk(citizenApi.PUT('/api/v1/services/dossiers/{id}/form', { params: { path: { id } }, body: { form: formData() } }));
        return citizenOk(citizenApi.POST('/api/v1/services/dossiers/{id}/submission', { params: { path: { id }, header: { 'idempotency-key': idempotencyKey.current } } }));
      },
      (d) => t('servicesSubmitted', { code: d.code ?? '' }),
    );
  };
  const answer = () =>
    run(
      'supplement',
      () => citizenOk(citizenApi.POST('/api/v1/services/dossiers/{id}/supplement', { params: { path: { id } }, body: { form: formData(), ...(comment.trim() ? { comment: comment.trim() } : {}) } })),
      () => messages.servicesSupplementSent,
    );

  if (!session) return <CitizenLoading />;
  const error = loaded.error ?? proc.error;
  return (
    <CitizenShell extra={<BackToServices tab="mine" />}>
      <div className="citizen-stack" data-testid="dossier-page">
        {error ? (
          <Alert type="error" showIcon title={error.detail} />
        ) : !dossier || !proc.data || !schema ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <>
            <Typography.Title level={3} className="citizen-title">
              {dossier.procedure.name}
            </Typography.Title>
            <Card className="citizen-card" data-testid="dossier-head">
              <div className="svc-dossier-head">
                <StateTag state={dossier.state} />
                <ChannelTag channel={dossier.channel} />
                {dossier.code && (
                  <span className="svc-code" data-testid="dossier-code">
                    {dossier.code}
                  </span>
                )}
              </div>
              <dl className="svc-facts">
                {dossier.submittedAt && (
                  <>
                    <dt>{messages.servicesSubmittedAt}</dt>
                    <dd>{formatDateTime(dossier.submittedAt)}</dd>
                  </>
                )}
                {dossier.dueAt && (
                  <>
                    <dt>{messages.servicesDueAt}</dt>
                    <dd data-testid="dossier-due">
                      {formatInstantDate(dossier.dueAt)}
                      {dossier.extended && ` (${messages.servicesExtended})`}
                    </dd>
                  </>
                )}
                {dossier.decision && (
                  <>
                    <dt>{messages.servicesDecision}</dt>
                    <dd>{dossier.decision}</dd>
                  </>
                )}
              </dl>
            </Card>
            {dossier.groupId !== null && (
              <Alert
                type="info"
                showIcon
                data-testid="dossier-group"
                title={t('servicesGroupPartOf', { n: (dossier.groupStep ?? 0) + 1 })}
                action={
                  <Link to={`/citizen/services/groups/${dossier.groupId}`} data-testid="dossier-group-link">
                    {messages.servicesGroupOpen}
                  </Link>
                }
              />
            )}
            {dossier.state === 'supplement_requested' && <SupplementRequest dossier={dossier} />}
            <PaymentPanel dossier={dossier} onPaid={() => loaded.reload()} />
            {hasReceipt && receipt.data && <ReceiptCard r={receipt.data} className="citizen-card" pdfHref={`/api/v1/services/dossiers/${id}/receipt.pdf`} />}
            <Card className="citizen-card" title={messages.servicesForm} data-testid="dossier-form">
              {locked.size > 0 && (
                <Typography.Paragraph type="secondary">
                  <LockIcon /> {messages.servicesPrefilledNote}
                </Typography.Paragraph>
              )}
              {editable ? (
                <Form form={form} layout="vertical" requiredMark initialValues={initial}>
                  {Object.entries(schema.properties ?? {}).map(([k, f]) => (
                    <SchemaField key={k} field={f} path={[k]} locked={locked} required={(schema.required ?? []).includes(k)} readOnly={false} />
                  ))}
                </Form>
              ) : (
                <FormView field={schema} value={dossier.form} locked={locked} />
              )}
            </Card>
            <PartyInvitation dossier={dossier} onDone={setDossier} />
            <DocumentsPanel dossier={dossier} procedure={proc.data} editable={editable} onChanged={() => loaded.reload()} />
            {dossier.state === 'returned' && dossier.procedure.slug === 'cap-phieu-ly-lich-tu-phap' && (
              <Card className="citizen-card">
                <a href={`/api/v1/services/dossiers/${id}/result.pdf`} data-testid="result-pdf">{messages.servicesResultPdf}</a>
              </Card>
            )}
            {problem && <Alert type="error" showIcon title={problem} data-testid="dossier-problem" />}
            {dossier.state === 'draft' && (
              <div className="svc-actions">
                <Button size="large" loading={busy === 'save'} onClick={() => void save()} data-testid="save-draft">
                  {messages.servicesSaveDraft}
                </Button>
                {dossier.groupId === null && (
                  <Button type="primary" size="large" loading={busy === 'submit'} onClick={() => void submit()} data-testid="submit-dossier">
                    {messages.servicesSubmit}
                  </Button>
                )}
              </div>
            )}
            {dossier.state === 'supplement_requested' && (
              <Card className="citizen-card" title={TRANSITIONS.answer_supplement.label}>
                <Input.TextArea rows={3} maxLength={2000} value={comment} onChange={(e) => setComment(e.target.value)} placeholder={messages.servicesSupplementComment} data-testid="supplement-comment-input" />
                <Button type="primary" size="large" block className="svc-touch" style={{ marginTop: 8 }} loading={busy === 'supplement'} onClick={() => void answer()} data-testid="supplement-answer">
                  {messages.servicesSupplementAnswer}
                </Button>
              </Card>
            )}
            <Card className="citizen-card" title={messages.servicesTimeline}>
              <DossierTimeline entries={dossier.timeline} />
            </Card>
            {dossier.state === 'returned' && <RatingPanel dossier={dossier} onDone={setDossier} />}
            {(TRANSITIONS.withdraw.from as readonly string[]).includes(dossier.state) && dossier.state !== 'draft' && (
              <div className="svc-actions">
                <StopRequestButton dossier={dossier} onDone={setDossier} />
                <WithdrawButton dossier={dossier} onDone={setDossier} />
              </div>
            )}
          </>
        )}
      </div>
    </CitizenShell>
  );
}
