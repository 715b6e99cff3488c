import { Table, Tag } from 'antd';
import { formatDate, formatNumber } from '../../../format.js';
import { exchangeFieldLabels, messages, t } from '../../../messages.js';
import type { Answer } from '../../../api.js';

export type Grant = Answer<'/api/v1/exchange/grants'>[number];
export type DataService = Answer<'/api/v1/exchange/services'>[number];

/** Grants with their agency, service, purposes, fields, quota, validity and status; `action` adds a last column. */
export function GrantsTable({ grants, services, purposes, loading, action, testId }: {
  grants: Grant[]; services: Map<string, string>; purposes?: Map<string, string>; loading: boolean; action?: (g: Grant) => React.ReactNode; testId: string;
}) {
  return (
    <Table<Grant>
      rowKey="id"
      loading={loading}
      dataSource={grants}
      pagination={false}
      locale={{ emptyText: messages.exGrantNone }}
      data-testid={testId}
      onRow={(g) => ({ 'data-testid': 'grant-row', 'data-id': g.id, 'data-status': g.status }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: messages.exGrantAgency, dataIndex: 'agencyName', key: 'agency' },
        { title: messages.exGrantService, key: 'service', render: (_, g) => services.get(g.service) ?? g.service },
        {
          title: messages.exGrantPurposes, key: 'purposes',
          render: (_, g) => g.purposes.map((p) => <div key={p} title={p}>{purposes?.get(p) ?? p}{g.consentPurposes.includes(p) && <Tag className="exchange-tag">{messages.exGrantConsentPurposes}</Tag>}</div>),
        },
        { title: messages.exGrantFields, key: 'fields', render: (_, g) => (g.fields.length ? g.fields.map((f) => exchangeFieldLabels[f] ?? f).join(', ') : '—') },
        { title: messages.exGrantQuota, key: 'quota', render: (_, g) => formatNumber(g.dailyQuota) },
        { title: messages.exGrantValidity, key: 'validity', render: (_, g) => t('exGrantValidityValue', { from: formatDate(g.validFrom), until: formatDate(g.validUntil) }) },
        {
          title: messages.exGrantStatus, key: 'status',
          render: (_, g) => <Tag color={g.status === 'approved' ? 'green' : 'gold'} data-testid="grant-status">{g.status === 'approved' ? messages.exGrantApproved : messages.exGrantRequested}</Tag>,
        },
        ...(action ? [{ key: 'action', render: (_: unknown, g: Grant) => action(g) }] : []),
      ]}
    />
  );
}
