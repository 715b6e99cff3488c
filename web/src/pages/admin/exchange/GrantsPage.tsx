import { useCallback, useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import { api, ok } from '../../../api.js';
import { PageHeading } from '../../../components/PageHeading.js';
import { exchangeFieldLabels, messages } from '../../../messages.js';
import type { Answer } from '../../../api.js';
import { GrantsTable, type DataService, type Grant } from './GrantsTable.js';
import { errorText } from './shared.js';

type Agency = Answer<'/api/v1/exchange/agencies'>[number];
interface Values { agencyId: number; service: string; purposes: string[]; consentPurposes?: string[]; fields?: string[]; dailyQuota: number; validFrom: string; validUntil: string }

/** The services of the catalogue by code, with their titles. */
export function useServices() {
  const [services, setServices] = useState<DataService[]>([]);
  useEffect(() => {
    ok(api.GET('/api/v1/exchange/services')).then(setServices, () => undefined);
  }, []);
  return {
    services, titles: useMemo(() => new Map(services.map((s) => [s.code, s.title])), [services]),
    /** The purposes' labels by code (the catalogue of every service). */
    purposeLabels: useMemo(() => new Map(services.flatMap((s) => s.purposes.map((p) => [p.code, p.label] as const))), [services]),
  };
}

/** Administrator: the grants asked for the province's agencies with their status, and a new one asked for an agency. */
export default function GrantsPage() {
  const { message } = App.useApp();
  const [list, setList] = useState<Grant[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const { services, titles, purposeLabels } = useServices();

  const load = useCallback(() => {
    ok(api.GET('/api/v1/exchange/agency-grants')).then((l) => {
      setList(l);
      setError(null);
    }, (err: unknown) => setError(errorText(err)));
  }, []);
  useEffect(load, [load]);

  return (
    <div className="page" data-testid="exchange-grants-page">
      <PageHeading
        title={messages.exGrantsTitle}
        subtitle={messages.exGrantsSubtitle}
        extra={<Button type="primary" onClick={() => setAdding(true)} data-testid="grant-add">{messages.exGrantAdd}</Button>}
      />
      {error && <Alert type="error" showIcon title={error} className="page-alert" />}
      <GrantsTable grants={list ?? []} services={titles} purposes={purposeLabels} loading={list === null && !error} testId="grants-table" />
      <AskGrant open={adding} services={services} onClose={() => setAdding(false)} onAsked={() => {
        setAdding(false);
        void message.success(messages.exGrantAsked);
        load();
      }} />
    </div>
  );
}

function AskGrant({ open, services, onClose, onAsked }: { open: boolean; services: DataService[]; onClose: () => void; onAsked: () => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [agencies, setAgencies] = useState<Agency[]>([]);
  const code = Form.useWatch('service', form);
  const purposes = Form.useWatch('purposes', form) ?? [];
  const service = services.find((s) => s.code === code);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    ok(api.GET('/api/v1/exchange/agencies')).then((l) => setAgencies(l.filter((a) => a.active)), (err: unknown) => setError(errorText(err)));
  }, [open, form]);
  // The fields and purposes offered change with the service: none kept that it does not offer.
  useEffect(() => {
    form.setFieldsValue({ fields: [], purposes: [], consentPurposes: [] });
  }, [code, form]);
  const purposeLabels = new Map((service?.purposes ?? []).map((p) => [p.code, p.label]));

  async function submit(v: Values) {
    setBusy(true);
    setError(null);
    try {
      await ok(api.POST('/api/v1/exchange/grants', {
        body: {
          agencyId: v.agencyId, service: v.service, purposes: v.purposes, consentPurposes: v.consentPurposes ?? [], fields: (v.fields ?? []) as never[],
          dailyQuota: v.dailyQuota, validFrom: v.validFrom, validUntil: v.validUntil,
        },
      }));
      onAsked();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal open={open} title={messages.exGrantAdd} okText={messages.exGrantAsk} cancelText={messages.cancel} confirmLoading={busy} width={640}
      onOk={() => form.submit()} onCancel={onClose} destroyOnHidden okButtonProps={{ 'data-testid': 'grant-ask' }}>
      {error && <Alert type="error" showIcon title={error} className="page-alert" data-testid="grant-ask-error" />}
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ dailyQuota: 1000 }}>
        <Form.Item name="agencyId" label={messages.exGrantAgency} rules={[{ required: true, message: messages.fieldRequired }]}>
          <Select options={agencies.map((a) => ({ value: a.id, label: a.name }))} data-testid="grant-agency" />
        </Form.Item>
        <Form.Item name="service" label={messages.exGrantService} rules={[{ required: true, message: messages.fieldRequired }]}>
          <Select options={services.map((s) => ({ value: s.code, label: s.title }))} data-testid="grant-service" />
        </Form.Item>
        <Form.Item name="purposes" label={messages.exGrantPurposes} extra={messages.exGrantPurposesHint} rules={[{ required: true, message: messages.fieldRequired }]}>
          <Select mode="multiple" disabled={!service} data-testid="grant-purposes"
            options={(service?.purposes ?? []).map((p) => ({ value: p.code, label: p.label, title: `${p.code} — ${p.legalBasis}` }))} />
        </Form.Item>
        <Form.Item name="consentPurposes" label={messages.exGrantConsentPurposes} extra={messages.exGrantConsentPurposesHint}>
          <Select mode="multiple" options={purposes.map((p) => ({ value: p, label: purposeLabels.get(p) ?? p }))} data-testid="grant-consent-purposes" />
        </Form.Item>
        {service && service.fields.length > 0 ? (
          <Form.Item name="fields" label={messages.exGrantFields} rules={[{ required: true, message: messages.fieldRequired }]}>
            <Select mode="multiple" options={service.fields.map((f) => ({ value: f, label: exchangeFieldLabels[f] ?? f }))} data-testid="grant-fields" />
          </Form.Item>
        ) : service && <Typography.Paragraph type="secondary">{messages.exGrantFieldsCheck}</Typography.Paragraph>}
        <Form.Item name="dailyQuota" label={messages.exGrantQuota} rules={[{ required: true, message: messages.fieldRequired }]}>
          <InputNumber min={1} max={10_000_000} data-testid="grant-quota" />
        </Form.Item>
        <Form.Item label={messages.exGrantValidity} required>
          <span className="exchange-inline">
            <Form.Item name="validFrom" noStyle rules={[{ required: true, message: messages.fieldRequired }]}><Input type="date" data-testid="grant-valid-from" /></Form.Item>
            {' – '}
            <Form.Item name="validUntil" noStyle rules={[{ required: true, message: messages.fieldRequired }]}><Input type="date" data-testid="grant-valid-until" /></Form.Item>
          </span>
        </Form.Item>
      </Form>
    </Modal>
  );
}
