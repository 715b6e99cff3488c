import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, App, Button, Card, Descriptions, Divider, Empty, Form, Input, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { ApiError } from '../api.js';
import { formatDate, formatDateTime, formatInstantDate } from '../format.js';
import { messages, t } from '../messages.js';
import type { CitizenProfile, CitizenSessionItem, Connection, Passkey, TotpSetup } from '../api/shapes.js';
import { addPasskey, passkeyErrorText, passkeysSupported } from './passkey.js';
import { LevelBadge } from './CitizenShell.js';
import { rules } from './forms.js';
import { citizenApi, citizenOk } from './session.js';
import { useCitizenApi } from './useCitizenApi.js';

function residenceText(r: CitizenProfile['residence']): string {
  if (!r) return messages.none;
  return [r.address, r.communeName, r.provinceName].filter(Boolean).join(', ') || messages.none;
}

function householdText(h: CitizenProfile['household']): string {
  if (!h) return messages.noHousehold;
  return h.relationToHead ? `${h.householdNo} (${h.relationToHead})` : h.householdNo;
}

export function LevelCard({ level, level2At, document }: { level: 1 | 2; level2At?: string | null; document?: string | null }) {
  return (
    <Card className="citizen-card level-card" data-testid="level-card">
      <LevelBadge level={level} />
      <Typography.Paragraph className="level-explain">{level === 2 ? messages.level2Explain : messages.level1Explain}</Typography.Paragraph>
      {level === 1 && (
        <Link to="/citizen/level2">
          <Button type="primary" block data-testid="to-level2-request">
            {messages.level2RequestLink}
          </Button>
        </Link>
      )}
      {level === 2 && level2At && (
        <Typography.Text type="secondary" data-testid="level2-since">
          {t('level2Since', { date: formatInstantDate(level2At) })}
          {document ? ` — ${document}` : ''}
        </Typography.Text>
      )}
    </Card>
  );
}

export function ProfileCard({ profile }: { profile: CitizenProfile }) {
  const items = [
    { key: 'name', label: messages.fullName, children: <strong data-testid="profile-name">{profile.fullName}</strong> },
    { key: 'id', label: messages.personalId, children: <span className="mono" data-testid="profile-id">{profile.personalId}</span> },
    { key: 'dob', label: messages.dateOfBirth, children: <span data-testid="profile-dob">{formatDate(profile.dateOfBirth)}</span> },
    { key: 'sex', label: messages.sex, children: profile.sex },
    { key: 'phone', label: messages.phone, children: <span className="mono">{profile.phoneMasked ?? messages.none}</span> },
    { key: 'residence', label: messages.residence, children: residenceText(profile.residence) },
    { key: 'household', label: messages.householdNo, children: householdText(profile.household) },
  ];
  return (
    <Card className="citizen-card" title={messages.profileTitle} data-testid="profile-card">
      <Descriptions column={1} size="small" items={items} className="profile-list" />
      <Typography.Paragraph type="secondary" className="profile-note">
        {messages.profileReadonly}
      </Typography.Paragraph>
    </Card>
  );
}

function unavailable(error: ApiError | null): boolean {
  return !!error && error.status === 404 && error.code === 'NOT_FOUND';
}

export function SessionsCard() {
  const { message } = App.useApp();
  const { data, error, loading, reload } = useCitizenApi('/api/v1/citizen/sessions');
  async function revoke(id: string) {
    try {
      await citizenOk(citizenApi.DELETE('/api/v1/citizen/sessions/{id}', { params: { path: { id } } }));
      void message.success(messages.revoked);
      reload();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.detail : messages.genericError);
    }
  }
  return (
    <Card className="citizen-card" title={messages.sessionsTitle} data-testid="sessions-card">
      {error ? (
        <Alert type="warning" showIcon title={unavailable(error) ? messages.featureUnavailable : error.detail} />
      ) : (
        <List<CitizenSessionItem>
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.noSessions} /> }}
          renderItem={(s) => {
            const current = !!s.current;
            return (
              <List.Item
                key={s.id}
                data-testid="session-item"
                actions={
                  current
                    ? [<Tag key="cur" color="blue">{messages.sessionCurrent}</Tag>]
                    : [
                        <Popconfirm key="rev" title={messages.revokeSessionConfirm} okText={messages.revoke} cancelText={messages.cancel} onConfirm={() => revoke(s.id)}>
                          <Button size="small" danger data-testid="session-revoke">
                            {messages.revoke}
                          </Button>
                        </Popconfirm>,
                      ]
                }
              >
                <List.Item.Meta
                  title={<span className="session-device">{describeAgent(s.userAgent)}</span>}
                  description={`${messages.sessionCreated}: ${formatDateTime(s.createdAt)}${s.lastSeen ? ` · ${messages.sessionLastSeen}: ${formatDateTime(s.lastSeen)}` : ''}`}
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}

/** A short readable device name from a user agent ("Chrome · Android"). */
export function describeAgent(ua: string | null): string {
  if (!ua) return messages.unknownDevice;
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /Chrom(e|ium)\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : null;
  const os = /Android/.test(ua) ? 'Android' : /iPhone|iPad/.test(ua) ? 'iOS' : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'macOS' : /Linux/.test(ua) ? 'Linux' : null;
  return [browser, os].filter(Boolean).join(' · ') || ua.slice(0, 60);
}

export function ConnectionsCard() {
  const { message } = App.useApp();
  const { data, error, loading, reload } = useCitizenApi('/api/v1/citizen/connected-services');
  async function revoke(id: string) {
    try {
      await citizenOk(citizenApi.DELETE('/api/v1/citizen/connected-services/{id}', { params: { path: { id } } }));
      void message.success(messages.revoked);
      reload();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.detail : messages.genericError);
    }
  }
  return (
    <Card className="citizen-card" title={messages.connectionsTitle} data-testid="connections-card">
      <Typography.Paragraph type="secondary">{messages.connectionsHint}</Typography.Paragraph>
      {error ? (
        <Alert type="warning" showIcon title={unavailable(error) ? messages.featureUnavailable : error.detail} />
      ) : (
        <List<Connection>
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.noConnections} /> }}
          renderItem={(c) => {
            const name = c.name || c.id;
            return (
              <List.Item
                key={c.id}
                data-testid="connection-item"
                data-client={c.id}
                actions={[
                  <Popconfirm
                    key="rev"
                    title={t('revokeConnectionConfirm', { name })}
                    okText={messages.revoke}
                    cancelText={messages.cancel}
                    onConfirm={() => revoke(c.id)}
                  >
                    <Button size="small" danger data-testid="connection-revoke">
                      {messages.revoke}
                    </Button>
                  </Popconfirm>,
                ]}
              >
                <List.Item.Meta
                  title={<span data-testid="connection-name">{name}</span>}
                  description={[
                    c.connectedAt ? `${messages.connectionGranted}: ${formatDateTime(c.connectedAt)}` : null,
                    c.lastUsedAt ? `${messages.connectionLastUsed}: ${formatDateTime(c.lastUsedAt)}` : null,
                    c.scopes?.length ? `${messages.connectionScopes}: ${c.scopes.join(', ')}` : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}

export function SecurityCard({ totpEnabled, onChanged }: { totpEnabled: boolean; onChanged: () => void }) {
  const { message } = App.useApp();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setBusy(true);
    setError(null);
    try {
      setSetup(await citizenOk(citizenApi.POST('/api/v1/citizen/totp/setup')));
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  async function activate(v: { code: string }) {
    setBusy(true);
    setError(null);
    try {
      await citizenOk(citizenApi.POST('/api/v1/citizen/totp/activate', { body: { code: v.code.trim() } }));
      setSetup(null);
      void message.success(messages.totpActivated);
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card className="citizen-card" title={messages.securityTitle} data-testid="security-card">
      {error && <Alert className="citizen-alert" type="error" showIcon title={error} data-testid="totp-error" />}
      {!setup && (
        <>
          <Typography.Paragraph data-testid="totp-status" data-enabled={totpEnabled ? 'true' : 'false'}>
            {totpEnabled ? <Tag color="green">{messages.totpEnabled}</Tag> : messages.totpDisabled}
          </Typography.Paragraph>
          <Button onClick={start} loading={busy} block data-testid="totp-setup">
            {totpEnabled ? messages.totpReset : messages.totpSetup}
          </Button>
          <Link to="/citizen/password" className="security-link">
            <Button block data-testid="to-change-password">
              {messages.changePasswordLink}
            </Button>
          </Link>
        </>
      )}
      {setup && (
        <div className="totp-setup" data-testid="totp-panel">
          <ol className="totp-steps">
            <li>{messages.totpStep1}</li>
            <li>
              {messages.totpStep2}
              <div className="totp-field-label">{messages.totpSecret}</div>
              <Typography.Text copyable className="mono totp-secret" data-testid="totp-secret">
                {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
              </Typography.Text>
              <div className="totp-field-label">{messages.totpUrl}</div>
              <Typography.Text copyable className="mono totp-url" data-testid="totp-url">
                {setup.otpauthUrl}
              </Typography.Text>
            </li>
            <li>{messages.totpStep3}</li>
          </ol>
          <Form<{ code: string }> layout="vertical" requiredMark={false} onFinish={activate} disabled={busy} size="large">
            <Form.Item name="code" label={messages.smsCode} rules={rules.code}>
              <Input inputMode="numeric" maxLength={6} autoComplete="one-time-code" className="code-input" placeholder={messages.codePlaceholder} data-testid="totp-code" />
            </Form.Item>
            <div className="citizen-links">
              <Button onClick={() => setSetup(null)} disabled={busy}>
                {messages.cancel}
              </Button>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="totp-activate">
                {messages.totpActivate}
              </Button>
            </div>
          </Form>
        </div>
      )}
      <Divider />
      <PasskeysPanel onChanged={onChanged} />
    </Card>
  );
}

/** Passkeys (WebAuthn): add one on this device, list and remove them. */
export function PasskeysPanel({ onChanged }: { onChanged: () => void }) {
  const { message } = App.useApp();
  const { data, error, loading, reload } = useCitizenApi('/api/v1/citizen/passkeys');
  const [label, setLabel] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const supported = passkeysSupported();

  async function add() {
    setBusy(true);
    setProblem(null);
    try {
      await addPasskey(label.trim() || undefined);
      setLabel('');
      void message.success(messages.passkeyAdded);
      reload();
      onChanged();
    } catch (err) {
      setProblem(passkeyErrorText(err));
    } finally {
      setBusy(false);
    }
  }

  async function remove(id: string) {
    try {
      await citizenOk(citizenApi.DELETE('/api/v1/citizen/passkeys/{id}', { params: { path: { id } } }));
      void message.success(messages.passkeyRemoved);
      reload();
      onChanged();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.detail : messages.genericError);
    }
  }

  return (
    <div className="passkeys" data-testid="passkeys-panel">
      <Typography.Title level={5}>{messages.passkeysTitle}</Typography.Title>
      <Typography.Paragraph type="secondary">{messages.passkeysHint}</Typography.Paragraph>
      {problem && <Alert className="citizen-alert" type="error" showIcon title={problem} data-testid="passkey-error" />}
      {error ? (
        <Alert type="warning" showIcon title={unavailable(error) ? messages.featureUnavailable : error.detail} />
      ) : (
        <List<Passkey>
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.noPasskeys} /> }}
          renderItem={(p) => (
            <List.Item
              key={p.id}
              data-testid="passkey-item"
              actions={[
                <Popconfirm key="rm" title={messages.passkeyRemoveConfirm} okText={messages.passkeyRemove} cancelText={messages.cancel} onConfirm={() => remove(p.id)}>
                  <Button size="small" danger data-testid="passkey-remove">
                    {messages.passkeyRemove}
                  </Button>
                </Popconfirm>,
              ]}
            >
              <List.Item.Meta
                title={<span data-testid="passkey-label">{p.label || messages.passkeyUnnamed}</span>}
                description={`${messages.passkeyCreated}: ${formatDateTime(p.createdAt)} · ${messages.passkeyLastUsed}: ${p.lastUsedAt ? formatDateTime(p.lastUsedAt) : messages.passkeyNeverUsed}`}
              />
            </List.Item>
          )}
        />
      )}
      {supported ? (
        <Space.Compact block className="passkey-add">
          <Input
            value={label}
            onChange={(e) => setLabel(e.target.value)}
            maxLength={60}
            placeholder={messages.passkeyLabelPlaceholder}
            aria-label={messages.passkeyLabel}
            disabled={busy}
            data-testid="passkey-label-input"
          />
          <Button type="primary" onClick={add} loading={busy} data-testid="passkey-add">
            {messages.passkeyAdd}
          </Button>
        </Space.Compact>
      ) : (
        <Alert type="info" showIcon title={messages.passkeyUnsupported} />
      )}
    </div>
  );
}
