import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Skeleton, Tag, Typography } from 'antd';
import { ApiError } from '../../api.js';
import { CitizenLoading, CitizenShell } from '../../citizen/CitizenShell.js';
import { citizenApi, citizenOk } from '../../citizen/session.js';
import { useCitizenApi } from '../../citizen/useCitizenApi.js';
import { useRequireCitizen } from '../../citizen/useRequireCitizen.js';
import { formatDateTime, formatInstantDate } from '../../format.js';
import { messages, t } from '../../messages.js';
import { BackToServices } from '../../services/BackToServices.js';
import { DocumentsPanel } from '../../services/CitizenPanels.js';
import { FormView } from '../../services/FormView.js';
import { DossierTimeline, DueTag, StateTag, timeLimitText } from '../../services/parts.js';
import type { FormField, GroupView } from '../../services/types.js';
import '../../services/services.css';

const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);
const GROUP_COLOURS: Record<GroupView['state'], string> = { draft: 'default', in_progress: 'processing', completed: 'green', stopped: 'red' };

/** Each step: its procedure, agency, and its dossier's code, state and due date (or "not opened yet"). */
function Steps({ g }: { g: GroupView }) {
  return (
    <Card className="citizen-card" title={messages.servicesGroupStepsTitle} data-testid="group-steps">
      <ol className="svc-group-steps">
        {g.steps.map((s) => (
          <li key={s.index} data-testid="group-step" data-index={s.index} data-agency={s.procedure.agency} data-state={s.dossier?.state ?? 'not_opened'}>
            <div className="svc-procedure-name">
              {t('servicesGroupStep', { n: s.index + 1 })}: {s.procedure.name}
            </div>
            <div className="svc-procedure-meta">
              {s.procedure.agencyLabel}
              {s.dossier ? (
                <div>
                  <StateTag state={s.dossier.state} />
                  <Link to={`/citizen/services/dossiers/${s.dossier.id}`} className="svc-code" data-testid="group-step-link">
                    {s.dossier.code ?? messages.servicesDraftCode}
                  </Link>
                  {s.dossier.dueAt && ` · ${messages.servicesDueAt} ${formatInstantDate(s.dossier.dueAt)}`}
                </div>
              ) : (
                <div className="muted">{messages.servicesGroupNotOpened}</div>
              )}
            </div>
          </li>
        ))}
      </ol>
    </Card>
  );
}

/** The draft's first step: its form as the registry filled it, its papers, and the group's one submission. */
function FirstStep({ g, onSubmitted }: { g: GroupView; onSubmitted: (g: GroupView) => void }) {
  const { message } = App.useApp();
  const firstId = g.steps[0]?.dossier?.id ?? 0;
  const dossier = useCitizenApi(firstId ? '/api/v1/services/dossiers/{id}' : null, { params: { path: { id: firstId } } });
  const slug = g.steps[0]?.procedure.slug ?? '';
  const proc = useCitizenApi(slug ? '/api/v1/services/procedures/{slug}' : null, { params: { path: { slug } } });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // One key per page: a double click or a retry after a lost answer submits the group once.
  const key = useRef(newKey());
  const inFlight = useRef(false);

  async function submit() {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setProblem(null);
    try {
      const done = await citizenOk(citizenApi.POST('/api/v1/services/groups/{id}/submission', { params: { path: { id: g.id }, header: { 'idempotency-key': key.current } } }));
      void message.success(messages.servicesGroupSubmitted);
      onSubmitted(done);
    } catch (err) {
      setProblem(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  if (dossier.error || proc.error) return <Alert type="error" showIcon title={(dossier.error ?? proc.error)!.detail} />;
  if (!dossier.data || !proc.data) return <Skeleton active paragraph={{ rows: 4 }} />;
  return (
    <>
      <Card
        className="citizen-card"
        title={messages.servicesGroupFirstForm}
        data-testid="group-first-form"
        extra={
          <Link to={`/citizen/services/dossiers/${firstId}`} data-testid="group-edit-first">
            {messages.servicesGroupEditForm}
          </Link>
        }
      >
        <FormView field={proc.data.form as unknown as FormField} value={dossier.data.form} locked={new Set(dossier.data.prefilledFields)} />
      </Card>
      <DocumentsPanel dossier={dossier.data} procedure={proc.data} editable onChanged={() => dossier.reload()} />
      <Typography.Paragraph type="secondary">{messages.servicesGroupSubmitHint}</Typography.Paragraph>
      {problem && <Alert type="error" showIcon title={problem} data-testid="group-problem" />}
      <Button type="primary" size="large" block className="svc-touch" loading={busy} onClick={() => void submit()} data-testid="group-submit">
        {messages.servicesGroupSubmit}
      </Button>
    </>
  );
}

/** A linked group: its state and deadline, each agency's step, and ONE timeline of every step; a draft is submitted here once. */
export default function GroupPage() {
  const id = Number(useParams().id);
  const session = useRequireCitizen(`/citizen/services/groups/${id}`);
  const loaded = useCitizenApi(session && id > 0 ? '/api/v1/services/groups/{id}' : null, { params: { path: { id } } });
  const [g, setG] = useState<GroupView | null>(null);
  useEffect(() => setG(loaded.data), [loaded.data]);

  if (!session) return <CitizenLoading />;
  return (
    <CitizenShell extra={<BackToServices tab="mine" />}>
      <div className="citizen-stack" data-testid="group-page">
        {loaded.error ? (
          <Alert type="error" showIcon title={loaded.error.detail} />
        ) : !g ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : (
          <>
            <Typography.Title level={3} className="citizen-title">
              {messages.servicesGroupMine}
            </Typography.Title>
            <Card className="citizen-card" data-testid="group-head">
              <Typography.Title level={4} className="svc-group-name" data-testid="group-name">
                {g.group.name}
              </Typography.Title>
              <div className="svc-dossier-head">
                <Tag color={GROUP_COLOURS[g.state]} data-testid="group-state" data-state={g.state}>
                  {g.stateLabel}
                </Tag>
                <span className="svc-code">{g.group.code}</span>
                <DueTag flag={g.dueFlag} />
              </div>
              <dl className="svc-facts">
                <dt>{messages.servicesGroupTimeLimit}</dt>
                <dd>{timeLimitText(g.group.timeLimit)}</dd>
                {g.submittedAt && (
                  <>
                    <dt>{messages.servicesSubmittedAt}</dt>
                    <dd data-testid="group-submitted">{formatDateTime(g.submittedAt)}</dd>
                  </>
                )}
                {g.dueAt && (
                  <>
                    <dt>{messages.servicesGroupDueAt}</dt>
                    <dd data-testid="group-due">{formatInstantDate(g.dueAt)}</dd>
                  </>
                )}
              </dl>
            </Card>
            <Steps g={g} />
            {g.state === 'draft' && <FirstStep g={g} onSubmitted={setG} />}
            <Card className="citizen-card" title={messages.servicesGroupTimeline} data-testid="group-timeline">
              <DossierTimeline
                entries={g.timeline}
                head={(e) => (
                  <span className="svc-tl-step" data-testid="timeline-step" data-step={e.step}>
                    {t('servicesGroupStep', { n: e.step + 1 })} · {e.procedureName}
                    {e.dossierCode && ` · ${e.dossierCode}`}
                  </span>
                )}
              />
            </Card>
          </>
        )}
      </div>
    </CitizenShell>
  );
}
