import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, Popconfirm, Typography } from 'antd';
import { api, ok } from '../../../api.js';
import { PageHeading } from '../../../components/PageHeading.js';
import { messages, t } from '../../../messages.js';
import { GrantsTable, type Grant } from './GrantsTable.js';
import { useServices } from './GrantsPage.js';
import { errorText } from './shared.js';

/** The data owner (province_registry): the grants the administrator asked, pending first, approved with one click. */
export default function ApprovalsPage() {
  const { message } = App.useApp();
  const [list, setList] = useState<Grant[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { titles, purposeLabels } = useServices();

  const load = useCallback(() => {
    ok(api.GET('/api/v1/exchange/grants')).then((l) => {
      setList(l);
      setError(null);
    }, (err: unknown) => setError(errorText(err)));
  }, []);
  useEffect(load, [load]);

  async function approve(g: Grant) {
    try {
      await ok(api.POST('/api/v1/exchange/grants/{id}/approve', { params: { path: { id: g.id } } }));
      void message.success(t('exApproved', { agency: g.agencyName }));
      load();
    } catch (err) {
      void message.error(errorText(err));
    }
  }

  const pending = (list ?? []).filter((g) => g.status === 'requested');
  const decided = (list ?? []).filter((g) => g.status !== 'requested');
  return (
    <div className="page" data-testid="exchange-approvals-page">
      <PageHeading title={messages.exApprovalsTitle} subtitle={messages.exApprovalsSubtitle} />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <Typography.Title level={4}>{t('exApprovalsPending', { count: pending.length })}</Typography.Title>
      <GrantsTable grants={pending} services={titles} purposes={purposeLabels} loading={list === null && !error} testId="grants-pending" action={(g) => (
        <Popconfirm title={t('exApproveConfirm', { service: titles.get(g.service) ?? g.service, agency: g.agencyName })} okText={messages.confirm} cancelText={messages.cancel} onConfirm={() => approve(g)}>
          <Button type="primary" size="small" data-testid="grant-approve">{messages.exApprove}</Button>
        </Popconfirm>
      )} />
      <Typography.Title level={4}>{messages.exApprovalsDecided}</Typography.Title>
      <GrantsTable grants={decided} services={titles} purposes={purposeLabels} loading={list === null && !error} testId="grants-decided" />
    </div>
  );
}
