import { useState } from 'react';
import { App, Button, Card, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { CommuneSelect } from '../../components/CommuneSelect.js';
import { PageHeading } from '../../components/PageHeading.js';
import { figure, formatDateTime } from '../../format.js';
import type { Facility } from '../../lodging/types.js';
import { messages, t } from '../../messages.js';
import { useSession } from '../../session.js';
import type { QueryOf } from '../../api.js';
import { useApi } from '../../useApi.js';
import { DecisionModal, RegisterFacilityModal, StaffModal, type Decision } from './FacilityModals.js';

type TabKey = 'all' | 'pending' | 'silent';
const SILENT_DAYS = 7;
const TAB_QUERY: Record<TabKey, QueryOf<'/api/v1/lodging/facilities'>> = { all: {}, pending: { status: 'pending' }, silent: { silentDays: SILENT_DAYS } };
const STATUS_COLORS: Record<string, string> = { pending: 'gold', approved: 'green', rejected: 'red', suspended: 'default' };

/** Police: the lodging facilities of the area, the applications waiting for approval, those that went silent. */
export default function PoliceFacilitiesPage() {
  const { message } = App.useApp();
  const { session } = useSession();
  const [tab, setTab] = useState<TabKey>('all');
  const [communeCode, setCommuneCode] = useState<string | undefined>(undefined);
  const { data, loading, reload } = useApi('/api/v1/lodging/facilities', { params: { query: { ...TAB_QUERY[tab], communeCode } } });
  const [registering, setRegistering] = useState(false);
  const [staffOf, setStaffOf] = useState<Facility | null>(null);
  const [deciding, setDeciding] = useState<{ facility: Facility; decision: Decision } | null>(null);

  if (!session) return null;

  function actions(f: Facility) {
    const decide = (decision: Decision, testId: string, label: string, danger = false) => (
      <Button key={decision} size="small" danger={danger} type={decision === 'approved' ? 'primary' : 'default'} onClick={() => setDeciding({ facility: f, decision })} data-testid={testId}>
        {label}
      </Button>
    );
    if (f.status === 'pending') return [decide('approved', 'facility-approve', messages.facilityApprove), decide('rejected', 'facility-reject', messages.facilityReject, true)];
    if (f.status === 'approved')
      return [
        <Button key="staff" size="small" onClick={() => setStaffOf(f)} data-testid="facility-add-staff">
          {messages.facilityAddStaff}
        </Button>,
        decide('suspended', 'facility-suspend', messages.facilitySuspend, true),
      ];
    return [decide('approved', 'facility-approve', messages.facilityReapprove)];
  }

  return (
    <div className="page" data-testid="police-facilities-page">
      <PageHeading
        title={messages.facilitiesTitle}
        subtitle={messages.facilitiesHint}
        extra={
          <Button type="primary" onClick={() => setRegistering(true)} data-testid="facility-register">
            {messages.facilityRegister}
          </Button>
        }
      />
      <Space size="large" wrap>
        <Card size="small">
          <Statistic title={messages.facilitiesRegistered} value={data?.registered ?? 0} formatter={figure} data-testid="facilities-registered" />
        </Card>
        <Card size="small">
          <Statistic title={messages.facilitiesPending} value={data?.pending ?? 0} formatter={figure} data-testid="facilities-pending" />
        </Card>
        <div className="filter-field stays-commune">
          <label className="field-label" htmlFor="facilities-commune">
            {messages.staysCommuneLabel}
          </label>
          <CommuneSelect id="facilities-commune" area={session.area} value={communeCode} onChange={setCommuneCode} />
        </div>
      </Space>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(k as TabKey)}
          items={[
            { key: 'all', label: messages.facilitiesTabAll },
            { key: 'pending', label: t('facilitiesTabPending', { n: data?.pending ?? 0 }) },
            { key: 'silent', label: t('facilitiesTabSilent', { days: SILENT_DAYS }) },
          ]}
        />
        <Table<Facility>
          data-testid="facilities-table"
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: messages.facilitiesNone }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1100 }}
          onRow={(f) => ({ 'data-testid': 'facility-row', 'data-facility': f.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              title: messages.facilityName,
              key: 'name',
              width: 240,
              render: (_, f) => (
                <>
                  <div className="person-name">{f.name}</div>
                  <Typography.Text type="secondary">
                    {f.kindLabel}
                    {f.starClass ? ` ${'★'.repeat(f.starClass)}` : ''}
                  </Typography.Text>
                </>
              ),
            },
            {
              title: messages.facilityAddress,
              key: 'address',
              render: (_, f) => (
                <>
                  <div>{f.address}</div>
                  <Typography.Text type="secondary">{f.communeName}</Typography.Text>
                </>
              ),
            },
            {
              title: messages.facilityOwner,
              key: 'owner',
              width: 170,
              render: (_, f) => (
                <>
                  <div>{f.ownerName}</div>
                  <Typography.Text type="secondary">{f.phone}</Typography.Text>
                </>
              ),
            },
            {
              title: messages.status,
              key: 'status',
              width: 150,
              render: (_, f) => (
                <>
                  <Tag color={STATUS_COLORS[f.status]} data-testid="facility-status" data-status={f.status}>
                    {f.statusLabel}
                  </Tag>
                  {f.decisionNote && <div className="muted">{f.decisionNote}</div>}
                </>
              ),
            },
            {
              title: messages.facilityActivity,
              key: 'activity',
              width: 200,
              render: (_, f) => (
                <>
                  <div>{t('facilityGuestsNow', { n: f.currentGuests ?? 0 })}</div>
                  <Typography.Text type="secondary">
                    {t('facilityStays30d', { n: f.stays30d ?? 0 })} · {messages.facilityLastDeclared}: {f.lastDeclaredAt ? formatDateTime(f.lastDeclaredAt) : messages.rpNever}
                  </Typography.Text>
                </>
              ),
            },
            { key: 'actions', width: 170, render: (_, f) => <Space orientation="vertical" size={4}>{actions(f)}</Space> },
          ]}
        />
      </Card>
      <RegisterFacilityModal
        open={registering}
        area={session.area}
        onClose={() => setRegistering(false)}
        onSaved={(f) => {
          setRegistering(false);
          void message.success(t('facilityRegistered', { name: f.name }));
          reload();
        }}
      />
      <StaffModal facility={staffOf} onClose={() => setStaffOf(null)} />
      <DecisionModal
        target={deciding}
        onClose={() => setDeciding(null)}
        onDone={() => {
          setDeciding(null);
          void message.success(messages.decisionSaved);
          reload();
        }}
      />
    </div>
  );
}
