import { useState } from 'react';
import { Alert, Button, Card, Checkbox, Descriptions, Empty, List, Popconfirm, Select, Skeleton, Space, Tag, Typography } from 'antd';
import { BackToPortal, CitizenLoading, CitizenShell, LevelBadge } from '../../citizen/CitizenShell.js';
import { citizenApi, citizenOk } from '../../citizen/session.js';
import { useCitizenPage } from '../../citizen/useCitizenPage.js';
import { ApiError } from '../../api.js';
import { formatDate, formatDateTime } from '../../format.js';
import { exchangeFieldLabels, messages, t } from '../../messages.js';
import type { Answer } from '../../api.js';

type Consent = Answer<'/api/v1/citizen/consents'>[number];

const STATUS: Record<Consent['status'], { label: string; color: string }> = {
  pending: { label: messages.consentsStatusPending, color: 'gold' },
  approved: { label: messages.consentsStatusApproved, color: 'green' },
  refused: { label: messages.consentsStatusRefused, color: 'default' },
  revoked: { label: messages.consentsStatusRevoked, color: 'red' },
  used: { label: messages.consentsStatusUsed, color: 'blue' },
};

/** Today in Vietnam, `YYYY-MM-DD`, plus `days`. */
function vietnamDay(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
  const d = new Date(`${today}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The validities the citizen may choose: shorter spans, and the day the agency asked. */
function validityOptions(asked: string) {
  const spans = [30, 90, 365].map((days) => ({ value: vietnamDay(days), label: t('consentsDays', { days, date: formatDate(vietnamDay(days)) }) })).filter((o) => o.value < asked);
  return [...spans, { value: asked, label: t('consentsUntilAsked', { date: formatDate(asked) }) }];
}

const fieldTags = (fields: string[]) =>
  fields.length ? fields.map((f) => <Tag key={f}>{exchangeFieldLabels[f] ?? f}</Tag>) : <span className="muted">{messages.consentsNoFields}</span>;

function PendingConsent({ c, level, onDone }: { c: Consent; level: number; onDone: () => void }) {
  const [fields, setFields] = useState<string[]>(c.fieldsAsked);
  const [validUntil, setValidUntil] = useState(c.validUntilAsked);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const levelUnmet = level < c.requiredLevel;
  const path = { params: { path: { id: c.id } } };

  async function decide(approve: boolean) {
    setBusy(true);
    setError(null);
    try {
      if (approve) await citizenOk(citizenApi.POST('/api/v1/citizen/consents/{id}/approve', { ...path, body: { fields: fields as never, validUntil } }));
      else await citizenOk(citizenApi.POST('/api/v1/citizen/consents/{id}/refuse', path));
      onDone();
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card className="citizen-card" data-testid="consent-pending" data-id={c.id}>
      <Typography.Title level={5} data-testid="consent-agency">
        {c.agency}
      </Typography.Title>
      <LevelBadge level={c.requiredLevel} />
      <Descriptions column={1} size="small">
        <Descriptions.Item label={messages.consentsService}>{c.serviceTitle}</Descriptions.Item>
        <Descriptions.Item label={messages.consentsPurpose}>{c.purpose}</Descriptions.Item>
        <Descriptions.Item label={messages.consentsFrequency}>{c.frequency === 'once' ? messages.consentsOnce : messages.consentsPeriodic}</Descriptions.Item>
        <Descriptions.Item label={messages.consentsFields}>
          {c.fieldsAsked.length ? (
            <Checkbox.Group
              data-testid="consent-fields"
              value={fields}
              onChange={(v) => setFields(v)}
              options={c.fieldsAsked.map((f) => ({ value: f, label: exchangeFieldLabels[f] ?? f }))}
            />
          ) : (
            fieldTags([])
          )}
        </Descriptions.Item>
        <Descriptions.Item label={messages.consentsValidity}>
          <Select data-testid="consent-validity" value={validUntil} onChange={setValidUntil} options={validityOptions(c.validUntilAsked)} style={{ width: '100%', maxWidth: 320 }} />
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">{t('consentsAskedAt', { at: formatDateTime(c.createdAt) })}</Typography.Paragraph>
      {levelUnmet && <Alert className="citizen-alert" type="warning" showIcon title={messages.consentsLevelNeeded} data-testid="consent-level-needed" />}
      {error && <Alert className="citizen-alert" type="error" showIcon title={error} data-testid="consent-error" />}
      <div className="consent-actions">
        <Button size="large" onClick={() => void decide(false)} disabled={busy} data-testid="consent-refuse">
          {messages.consentsRefuse}
        </Button>
        <Button type="primary" size="large" onClick={() => void decide(true)} loading={busy} disabled={levelUnmet} data-testid="consent-approve">
          {messages.consentsApprove}
        </Button>
      </div>
    </Card>
  );
}

/** "Đồng ý chia sẻ dữ liệu": agencies' requests waiting for the citizen's answer, then the consents given (revocable). */
export default function ConsentsPage() {
  const { session, data, error, loading, reload } = useCitizenPage('/citizen/consents', '/api/v1/citizen/consents');
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  if (!session) return <CitizenLoading />;

  const pending = data?.filter((c) => c.status === 'pending') ?? [];
  const decided = data?.filter((c) => c.status !== 'pending') ?? [];
  const done = () => {
    setNotice(messages.consentsDone);
    reload();
  };

  async function revoke(id: number) {
    setFailure(null);
    try {
      await citizenOk(citizenApi.POST('/api/v1/citizen/consents/{id}/revoke', { params: { path: { id } } }));
      done();
    } catch (err) {
      setFailure(err instanceof ApiError ? err.detail : messages.genericError);
    }
  }

  return (
    <CitizenShell extra={<BackToPortal />}>
      <div className="citizen-stack" data-testid="consents-page">
        <Typography.Title level={3} className="citizen-title">
          {messages.consentsTitle}
        </Typography.Title>
        <Card className="citizen-card">
          <Typography.Paragraph type="secondary">{messages.consentsHint}</Typography.Paragraph>
        </Card>
        {notice && <Alert className="citizen-alert" type="success" showIcon closable title={notice} data-testid="consent-notice" onClose={() => setNotice(null)} />}
        {failure && <Alert className="citizen-alert" type="error" showIcon title={failure} />}
        {error ? (
          <Alert type="error" showIcon title={error.detail} />
        ) : !data && loading ? (
          <Skeleton active paragraph={{ rows: 4 }} />
        ) : (
          <>
            <Typography.Title level={4}>{messages.consentsPending}</Typography.Title>
            {pending.length ? (
              pending.map((c) => <PendingConsent key={c.id} c={c} level={session.level} onDone={done} />)
            ) : (
              <Card className="citizen-card">
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.consentsNone} data-testid="consents-none-pending" />
              </Card>
            )}
            <Typography.Title level={4}>{messages.consentsDecided}</Typography.Title>
            <Card className="citizen-card">
              {decided.length ? (
                <List
                  dataSource={decided}
                  renderItem={(c) => (
                    <List.Item
                      key={c.id}
                      data-testid="consent-decided"
                      data-status={c.status}
                      actions={c.status === 'approved' ? [
                        <Popconfirm key="revoke" title={messages.consentsRevokeConfirm} okText={messages.consentsRevoke} cancelText={messages.cancel} onConfirm={() => void revoke(c.id)}>
                          <Button danger data-testid="consent-revoke">{messages.consentsRevoke}</Button>
                        </Popconfirm>,
                      ] : []}
                    >
                      <List.Item.Meta
                        title={
                          <Space wrap>
                            <span>{c.agency}</span>
                            <Tag color={STATUS[c.status].color} data-testid="consent-status">{STATUS[c.status].label}</Tag>
                          </Space>
                        }
                        description={
                          <>
                            <div>{c.serviceTitle} · {messages.consentsPurpose}: {c.purpose}</div>
                            {c.validFrom && c.validUntil && <div>{t('consentsValidRange', { from: formatDate(c.validFrom), until: formatDate(c.validUntil) })}</div>}
                            <div>{fieldTags(c.status === 'refused' ? c.fieldsAsked : c.fields)}</div>
                          </>
                        }
                      />
                    </List.Item>
                  )}
                />
              ) : (
                <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.consentsNoneDecided} />
              )}
            </Card>
          </>
        )}
      </div>
    </CitizenShell>
  );
}
