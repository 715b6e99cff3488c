import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Card, Empty, Input, Skeleton, Tabs, Tag, Typography } from 'antd';
import { BackToPortal, CitizenLoading, CitizenShell } from '../../citizen/CitizenShell.js';
import { useCitizenApi } from '../../citizen/useCitizenApi.js';
import { useRequireCitizen } from '../../citizen/useRequireCitizen.js';
import { formatInstantDate } from '../../format.js';
import { messages, t } from '../../messages.js';
import { ChannelTag, DueTag, StateTag, timeLimitText } from '../../services/parts.js';
import { LifeEventsPanel } from '../../services/LifeEventsPanel.js';
import type { DossierSummary, GroupView, LinkedGroup, ProcedureSummary } from '../../services/types.js';
import { MyInvitations } from '../../services/Invitations.js';
import '../../services/services.css';

function ProcedureItem({ p }: { p: ProcedureSummary }) {
  return (
    <Link to={`/citizen/services/procedures/${encodeURIComponent(p.slug)}`} className="svc-procedure" data-testid="procedure-item" data-slug={p.slug}>
      <div className="svc-procedure-name">{p.name}</div>
      <div className="svc-procedure-meta">
        {p.fullyOnline ? <Tag color="green">{messages.servicesFullyOnline}</Tag> : <Tag>{messages.servicesPartlyOnline}</Tag>}
        {p.agencyLabel} · {timeLimitText(p.timeLimit)}
        {p.documentsNotRequired > 0 && ` · ${t('servicesNotRequiredCount', { count: p.documentsNotRequired })}`}
      </div>
    </Link>
  );
}

function Catalogue() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [typed, setTyped] = useState(q);
  const { data, error, loading } = useCitizenApi('/api/v1/services/procedures', { params: { query: q ? { q } : {} } });
  return (
    <>
      <Input.Search
        className="svc-search"
        size="large"
        allowClear
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {}, { replace: true })}
        placeholder={messages.servicesSearch}
        enterButton={messages.servicesSearchButton}
        aria-label={messages.servicesSearch}
        data-testid="services-search"
      />
      <div className="svc-results" data-testid="procedure-list">
        {error ? (
          <Alert type="error" showIcon title={error.detail} />
        ) : !data && loading ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : data?.items.length ? (
          data.items.map((p) => <ProcedureItem key={p.slug} p={p} />)
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.servicesEmpty} />
        )}
      </div>
    </>
  );
}

/** A linked group in force: its steps, each at its agency, and the group's own time limit. */
function LinkedGroupItem({ g }: { g: LinkedGroup }) {
  return (
    <Link to={`/citizen/services/groups/start/${encodeURIComponent(g.slug)}`} className="svc-procedure" data-testid="linked-group" data-slug={g.slug}>
      <div className="svc-procedure-name">{g.name}</div>
      <ol className="svc-procedure-meta svc-group-steps-inline">
        {g.steps.map((s) => (
          <li key={s.slug}>
            {s.name} <span className="muted">({s.agencyLabel})</span>
          </li>
        ))}
      </ol>
      <div className="svc-procedure-meta">
        {messages.servicesGroupTimeLimit}: {timeLimitText(g.timeLimit)} · <span className="svc-link-text">{messages.servicesGroupStart} ›</span>
      </div>
    </Link>
  );
}

function LinkedGroups() {
  const { data, error, loading } = useCitizenApi('/api/v1/services/linked-groups');
  return (
    <div data-testid="linked-groups">
      <Typography.Paragraph type="secondary">{messages.servicesGroupsIntro}</Typography.Paragraph>
      {error ? (
        <Alert type="error" showIcon title={error.detail} />
      ) : !data && loading ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : data?.items.length ? (
        data.items.map((g) => <LinkedGroupItem key={g.slug} g={g} />)
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.servicesGroupsEmpty} />
      )}
    </div>
  );
}

function GroupItem({ g }: { g: GroupView }) {
  return (
    <Link to={`/citizen/services/groups/${g.id}`} className="svc-procedure" data-testid="my-group" data-id={g.id}>
      <div className="svc-procedure-name">{g.group.name}</div>
      <div className="svc-procedure-meta">
        <Tag data-testid="my-group-state" data-state={g.state}>
          {g.stateLabel}
        </Tag>
        {t('servicesGroupStep', { n: Math.min(g.currentStep, g.steps.length - 1) + 1 })}/{g.steps.length}
        {g.dueAt && ` · ${messages.servicesGroupDueAt} ${formatInstantDate(g.dueAt)}`} <DueTag flag={g.dueFlag} />
      </div>
    </Link>
  );
}

function MyGroups() {
  const { data } = useCitizenApi('/api/v1/services/groups', { params: { query: { limit: 20 } } });
  if (!data?.items.length) return null;
  return (
    <div data-testid="my-groups" className="svc-my-groups">
      <Typography.Title level={5}>{messages.servicesGroupMine}</Typography.Title>
      {data.items.map((g) => (
        <GroupItem key={g.id} g={g} />
      ))}
    </div>
  );
}

function DossierItem({ d }: { d: DossierSummary }) {
  return (
    <Link to={`/citizen/services/dossiers/${d.id}`} className="svc-procedure" data-testid="my-dossier" data-id={d.id}>
      <div className="svc-procedure-name">{d.procedure.name}</div>
      <div className="svc-procedure-meta">
        <StateTag state={d.state} />
        <ChannelTag channel={d.channel} />
        <span className="svc-code">{d.code ?? messages.servicesDraftCode}</span>
        {d.submittedAt && ` · ${messages.servicesSubmittedAt} ${formatInstantDate(d.submittedAt)}`}
        {d.dueAt && ` · ${messages.servicesDueAt} ${formatInstantDate(d.dueAt)}`}
      </div>
    </Link>
  );
}

function MyDossiers() {
  const { data, error, loading } = useCitizenApi('/api/v1/services/dossiers', { params: { query: { limit: 50 } } });
  return (
    <div data-testid="my-dossiers">
      <MyGroups />
      {error ? (
        <Alert type="error" showIcon title={error.detail} />
      ) : !data && loading ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : data?.items.length ? (
        data.items.map((d) => <DossierItem key={d.id} d={d} />)
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.servicesMineEmpty} />
      )}
    </div>
  );
}

/** "Dịch vụ công": the catalogue searched without diacritics, and the citizen's own dossiers. */
export default function ServicesPage() {
  const session = useRequireCitizen('/citizen/services');
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab = asked === 'mine' || asked === 'groups' || asked === 'invitations' ? asked : 'catalogue';
  if (!session) return <CitizenLoading />;
  return (
    <CitizenShell extra={<BackToPortal />}>
      <div className="citizen-stack" data-testid="services-page">
        <Typography.Title level={3} className="citizen-title">
          {messages.servicesTitle}
        </Typography.Title>
        <LifeEventsPanel />
        <Card className="citizen-card svc-tabs-card">
          <Tabs
            activeKey={tab}
            onChange={(k) => setParams(k === 'catalogue' ? {} : { tab: k }, { replace: true })}
            items={[
              { key: 'catalogue', label: <span data-testid="tab-catalogue">{messages.servicesTabCatalogue}</span>, children: <Catalogue /> },
              { key: 'groups', label: <span data-testid="tab-groups">{messages.servicesTabGroups}</span>, children: <LinkedGroups /> },
              { key: 'mine', label: <span data-testid="tab-mine">{messages.servicesTabMine}</span>, children: <MyDossiers /> },
              { key: 'invitations', label: <span data-testid="tab-invitations">{messages.servicesTabInvitations}</span>, children: <MyInvitations /> },
            ]}
          />
        </Card>
      </div>
    </CitizenShell>
  );
}
