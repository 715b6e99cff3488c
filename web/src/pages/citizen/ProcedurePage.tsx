import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, Skeleton, Tag, Typography } from 'antd';
import { ApiError } from '../../api.js';
import { CitizenLoading, CitizenShell } from '../../citizen/CitizenShell.js';
import { citizenApi, citizenOk } from '../../citizen/session.js';
import { useCitizenApi } from '../../citizen/useCitizenApi.js';
import { useRequireCitizen } from '../../citizen/useRequireCitizen.js';
import { formatNumber } from '../../format.js';
import { messages } from '../../messages.js';
import { NotRequired, timeLimitText } from '../../services/parts.js';
import { BackToServices } from '../../services/BackToServices.js';
import type { ProcedureDetail } from '../../services/types.js';
import '../../services/services.css';

const money = (n: number) => (n === 0 ? messages.servicesFree : `${formatNumber(n)} đ`);

function Documents({ p }: { p: ProcedureDetail }) {
  const free = p.documents.filter((d) => d.providedByPlatform);
  const upload = p.documents.filter((d) => !d.providedByPlatform);
  return (
    <>
      <Card className="citizen-card" title={messages.servicesNotRequired} data-testid="documents-not-required">
        <NotRequired count={free.length} names={free.map((d) => d.name)} hint={messages.servicesNotRequiredHint} testId="not-required-count" />
      </Card>
      <Card className="citizen-card" title={messages.servicesToUpload} data-testid="documents-to-upload">
        {upload.length ? (
          <ul className="svc-docs">
            {upload.map((d) => (
              <li key={d.id}>
                {d.name}
                {!d.required && <span className="muted"> ({messages.servicesOptional})</span>}
                {d.condition && <div className="muted">{d.condition}</div>}
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">{messages.servicesNothingToUpload}</span>
        )}
      </Card>
    </>
  );
}

/** One procedure: what it is, its time limit, the fee quote, the papers the platform reads itself and those to upload; start a dossier. */
export default function ProcedurePage() {
  const { slug = '' } = useParams();
  const here = `/citizen/services/procedures/${encodeURIComponent(slug)}`;
  const session = useRequireCitizen(here);
  const navigate = useNavigate();
  const { data: p, error, loading } = useCitizenApi(session ? '/api/v1/services/procedures/{slug}' : null, { params: { path: { slug } } });
  const [busy, setBusy] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  async function start() {
    if (!p) return;
    setBusy(true);
    setStartError(null);
    try {
      const d = await citizenOk(citizenApi.POST('/api/v1/services/dossiers', { body: { procedure: p.slug } }));
      void navigate(`/citizen/services/dossiers/${d.id}`);
    } catch (err) {
      setStartError(err instanceof ApiError ? err.detail : messages.genericError);
      setBusy(false);
    }
  }

  if (!session) return <CitizenLoading />;
  return (
    <CitizenShell extra={<BackToServices />}>
      <div className="citizen-stack" data-testid="procedure-page">
        {error ? (
          <Alert type="error" showIcon title={error.detail} />
        ) : !p || loading ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : (
          <>
            <Typography.Title level={3} className="citizen-title" data-testid="procedure-name">
              {p.name}
            </Typography.Title>
            <Card className="citizen-card">
              <dl className="svc-facts">
                <dt>{messages.servicesCode}</dt>
                <dd className="svc-code">{p.code}</dd>
                <dt>{messages.servicesSector}</dt>
                <dd>{p.sector}</dd>
                <dt>{messages.servicesAgency}</dt>
                <dd>{p.agencyLabel}</dd>
                <dt>{messages.servicesTimeLimit}</dt>
                <dd data-testid="procedure-time-limit">{timeLimitText(p.timeLimit)}</dd>
                <dt>{messages.servicesResult}</dt>
                <dd>{p.result.name}</dd>
                <dt>{messages.servicesFee}</dt>
                <dd data-testid="procedure-fee">
                  {messages.servicesFeeOnline}: <strong>{money(p.feeQuote.online)}</strong>
                  <br />
                  {messages.servicesFeeDirect}: {money(p.feeQuote.direct)}
                  {p.feeQuote.explanation && <div className="muted">{p.feeQuote.explanation}</div>}
                </dd>
              </dl>
              <div style={{ marginTop: 8 }}>{p.fullyOnline ? <Tag color="green">{messages.servicesFullyOnline}</Tag> : <Tag>{messages.servicesPartlyOnline}</Tag>}</div>
            </Card>
            <Documents p={p} />
            {session.level !== 2 && <Alert type="info" showIcon title={messages.servicesStartNeedsLevel2} />}
            {startError && <Alert type="error" showIcon title={startError} data-testid="start-error" />}
            <Button type="primary" size="large" block className="svc-touch" loading={busy} onClick={() => void start()} data-testid="procedure-start">
              {messages.servicesStart}
            </Button>
          </>
        )}
      </div>
    </CitizenShell>
  );
}
