import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Checkbox, Empty, Grid, Pagination, Select, Table } from 'antd';
import { PageHeading } from '../../components/PageHeading.js';
import { formatDateTime } from '../../format.js';
import { messages } from '../../messages.js';
import { useApi } from '../../useApi.js';
import { useSession } from '../../session.js';
import { CommuneSelect } from '../../components/CommuneSelect.js';
import { DueTag, StateTag } from '../../services/parts.js';
import { DOSSIER_STATES, DUE_FLAGS, type DossierState } from '../../services/vocabulary.js';
import type { DueFlag, QueueItem } from '../../services/types.js';
import '../../services/services.css';

const PAGE_SIZE = 20;

/** A commune officer's phone: one card per dossier, the due flag first, the whole card a 44 px+ link. */
function QueueCards({ items }: { items: QueueItem[] }) {
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.dossiersEmpty} />;
  return (
    <div className="svc-queue-cards" data-testid="dossier-queue">
      {items.map((r) => (
        <Link key={r.id} to={`/officer/dossiers/${r.id}`} className="svc-queue-card" data-testid="queue-row" data-id={r.id} data-code={r.code ?? ''}>
          <div className="svc-queue-card-head">
            <DueTag flag={r.dueFlag} />
            <StateTag state={r.state} />
          </div>
          <div className="svc-procedure-name">{r.procedure.name}</div>
          <div className="svc-procedure-meta">
            <span className="svc-code" data-testid="queue-open">
              {r.code ?? `#${r.id}`}
            </span>
            {' · '}
            {r.applicantName} <span className="mono">{r.applicantPersonalIdMasked}</span>
          </div>
          <div className="svc-procedure-meta">
            {messages.dossiersDeadline}: {r.deadlineAt ? formatDateTime(r.deadlineAt) : messages.none}
          </div>
        </Link>
      ))}
    </div>
  );
}

/** The unit's dossiers by deadline (earliest first), with due flags, filters and pages; phone-friendly for commune officers. */
export default function OfficerDossiersPage() {
  const [params, setParams] = useSearchParams();
  const procedure = params.get('procedure') ?? undefined;
  const state = (params.get('state') ?? undefined) as DossierState | undefined;
  const due = (params.get('due') ?? undefined) as DueFlag | undefined;
  const mine = params.get('mine') === '1';
  const unit = params.get('unit') ?? undefined;
  const { session } = useSession();
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const query = { procedure, state, due, unit, mine: mine || undefined, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE };
  const { data, error, loading } = useApi('/api/v1/services/officer/dossiers', { params: { query } }, { keepData: true });
  const procedures = useApi('/api/v1/services/procedures');
  const phone = !Grid.useBreakpoint().md;

  const set = (k: string, v: string | undefined) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (v) next.set(k, v);
      else next.delete(k);
      if (k !== 'page') next.delete('page');
      return next;
    });

  return (
    <>
      <PageHeading title={messages.dossiersTitle} subtitle={messages.dossiersHint} />
      {data && !data.calendarCovers && <Alert type="warning" showIcon title={messages.dossiersCalendarMissing} style={{ marginBottom: 12 }} />}
      {error && <Alert type="error" showIcon title={error.detail} />}
      <div className="svc-filters" data-testid="queue-filters">
        <Select
          size="large"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={messages.dossiersFilterProcedure}
          aria-label={messages.dossiersFilterProcedure}
          value={procedure}
          onChange={(v?: string) => set('procedure', v)}
          options={(procedures.data?.items ?? []).map((p) => ({ value: p.slug, label: p.name }))}
          data-testid="filter-procedure"
          popupMatchSelectWidth={false}
        />
        <Select
          size="large"
          allowClear
          placeholder={messages.dossiersFilterState}
          aria-label={messages.dossiersFilterState}
          value={state}
          onChange={(v?: string) => set('state', v)}
          options={(Object.keys(DOSSIER_STATES) as DossierState[]).filter((s) => s !== 'draft').map((s) => ({ value: s, label: DOSSIER_STATES[s].label }))}
          data-testid="filter-state"
        />
        <Select
          size="large"
          allowClear
          placeholder={messages.dossiersFilterDue}
          aria-label={messages.dossiersFilterDue}
          value={due}
          onChange={(v?: string) => set('due', v)}
          options={(Object.keys(DUE_FLAGS) as DueFlag[]).map((f) => ({ value: f, label: DUE_FLAGS[f] }))}
          data-testid="filter-due"
        />
        {session?.area.level === 'province' && (
          <CommuneSelect area={session.area} value={unit} onChange={(v) => set('unit', v)} aria-label={messages.dossiersFilterUnit} data-testid="filter-unit" />
        )}
        <Checkbox checked={mine} onChange={(e) => set('mine', e.target.checked ? '1' : undefined)} data-testid="filter-mine">
          {messages.dossiersFilterMine}
        </Checkbox>
      </div>
      {phone ? (
        <>
          <QueueCards items={data?.items ?? []} />
          {(data?.total ?? 0) > PAGE_SIZE && (
            <Pagination simple current={page} pageSize={PAGE_SIZE} total={data?.total ?? 0} onChange={(n) => set('page', String(n))} className="svc-queue-pages" />
          )}
        </>
      ) : (
        <Table<QueueItem>
          data-testid="dossier-queue"
          rowKey="id"
          size="middle"
          loading={loading && !data}
          dataSource={data?.items ?? []}
          scroll={{ x: 760 }}
          locale={{ emptyText: messages.dossiersEmpty }}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: data?.total ?? 0, showSizeChanger: false, hideOnSinglePage: true, onChange: (n) => set('page', String(n)) }}
          onRow={(r) => ({ 'data-testid': 'queue-row', 'data-id': r.id, 'data-code': r.code ?? '' }) as object}
          columns={[
            {
              title: messages.dossiersDeadline,
              key: 'deadline',
              width: 190,
              render: (_: unknown, r) => (
                <div>
                  <DueTag flag={r.dueFlag} />
                  <div className="nowrap">{r.deadlineAt ? formatDateTime(r.deadlineAt) : messages.none}</div>
                </div>
              ),
            },
            {
              title: messages.dossiersCode,
              dataIndex: 'code',
              width: 200,
              render: (v: string | null, r) => (
                <Link to={`/officer/dossiers/${r.id}`} className="svc-code" data-testid="queue-open">
                  {v ?? `#${r.id}`}
                </Link>
              ),
            },
            { title: messages.dossiersProcedure, key: 'procedure', render: (_: unknown, r) => r.procedure.name },
            {
              title: messages.dossiersApplicant,
              key: 'applicant',
              render: (_: unknown, r) => (
                <span>
                  {r.applicantName}
                  <div className="mono muted">{r.applicantPersonalIdMasked}</div>
                </span>
              ),
            },
            { title: messages.dossiersState, key: 'state', width: 200, render: (_: unknown, r) => <StateTag state={r.state} /> },
          ]}
        />
      )}
    </>
  );
}
