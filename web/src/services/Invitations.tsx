import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Input, Skeleton, Space, Tag, Typography } from 'antd';
import { ApiError } from '../api.js';
import { citizenApi, citizenOk } from '../citizen/session.js';
import { useCitizenApi } from '../citizen/useCitizenApi.js';
import { formatDateTime } from '../format.js';
import { messages } from '../messages.js';
import type { Dossier } from './types.js';

/** Procedures whose draft asks a second person to confirm with their own e-ID (server: confirmation-service.ts). */
const PARTY_PROCEDURES: Record<string, string> = { 'dang-ky-ket-hon': messages.servicesInviteSpouse, 'dang-ky-khai-sinh': messages.servicesInviteFather };
const STATE_COLORS: Record<string, string> = { pending: 'gold', confirmed: 'green', declined: 'red' };
const errorText = (err: unknown) => (err instanceof ApiError ? [err.title, ...err.errors.map((e) => e.message)].join(' — ') : messages.genericError);

/**
 * On the applicant's draft: whom the dossier waits for (state only: chưa xác nhận, đã từ chối, đã xác nhận) and the
 * personal ID to invite. The invitee's data appear in the form only once they confirm.
 */
export function PartyInvitation({ dossier, onDone }: { dossier: Dossier; onDone: (d: Dossier) => void }) {
  const { message } = App.useApp();
  const [personalId, setPersonalId] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const hint = PARTY_PROCEDURES[dossier.procedure.slug];
  const confirmations = dossier.confirmations ?? [];
  if (!hint && !confirmations.length) return null;
  async function send() {
    setBusy(true);
    setProblem(null);
    try {
      const d = await citizenOk(citizenApi.POST('/api/v1/services/dossiers/{id}/invitation', { params: { path: { id: dossier.id } }, body: { personalId: personalId.trim() } }));
      void message.success(messages.servicesInvitationSent);
      setPersonalId('');
      onDone(d);
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Card className="citizen-card" title={messages.servicesInvitationTitle} data-testid="party-invitation">
      {confirmations.map((c) => (
        <div key={c.role} className="svc-procedure-meta" data-testid="party-state">
          {c.roleLabel}: <Tag color={STATE_COLORS[c.state]}>{c.stateLabel}</Tag>
        </div>
      ))}
      {dossier.state === 'draft' && hint && (
        <>
          <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>
          <Space.Compact style={{ width: '100%' }}>
            <Input
              inputMode="numeric" maxLength={12} value={personalId} onChange={(e) => setPersonalId(e.target.value)}
              placeholder={messages.servicesInvitePlaceholder} aria-label={messages.servicesInvitePlaceholder} data-testid="invite-personal-id"
            />
            <Button type="primary" loading={busy} disabled={!/^\d{12}$/.test(personalId.trim())} onClick={() => void send()} data-testid="invite-send">
              {messages.servicesInviteSend}
            </Button>
          </Space.Compact>
        </>
      )}
      {problem && <Alert type="error" showIcon title={problem} style={{ marginTop: 8 }} />}
    </Card>
  );
}

/** The invitations addressed to the signed-in citizen: confirm (e-ID level 2) or decline. */
export function MyInvitations() {
  const { message } = App.useApp();
  const { data, error, loading, reload } = useCitizenApi('/api/v1/services/invitations', { params: { query: { limit: 50 } } });
  const [busy, setBusy] = useState<number | null>(null);
  async function answer(id: number, how: 'confirmation' | 'refusal') {
    setBusy(id);
    try {
      const path = how === 'confirmation' ? '/api/v1/services/invitations/{id}/confirmation' : '/api/v1/services/invitations/{id}/refusal';
      await citizenOk(citizenApi.POST(path, { params: { path: { id } } }));
      void message.success(how === 'confirmation' ? messages.servicesInvitationConfirmed : messages.servicesInvitationDeclined);
      reload();
    } catch (err) {
      void message.error(errorText(err));
    } finally {
      setBusy(null);
    }
  }
  if (error) return <Alert type="error" showIcon title={error.detail} />;
  if (!data && loading) return <Skeleton active paragraph={{ rows: 3 }} />;
  if (!data?.items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.servicesInvitationsEmpty} />;
  return (
    <div data-testid="my-invitations">
      <Typography.Paragraph type="secondary">{messages.servicesInvitationsNote}</Typography.Paragraph>
      {data.items.map((i) => (
        <div key={i.id} className="svc-procedure" data-testid="invitation" data-id={i.id}>
          <div className="svc-procedure-name">{i.procedureName}</div>
          <div className="svc-procedure-meta">
            {messages.servicesInvitedBy} {i.applicantName} · {i.roleLabel} · {formatDateTime(i.invitedAt)} <Tag color={STATE_COLORS[i.state]}>{i.stateLabel}</Tag>
          </div>
          {i.answerable && (
            <Space style={{ marginTop: 8 }}>
              <Button type="primary" loading={busy === i.id} onClick={() => void answer(i.id, 'confirmation')} data-testid="invitation-confirm">
                {messages.servicesInvitationConfirm}
              </Button>
              <Button danger disabled={busy === i.id} onClick={() => void answer(i.id, 'refusal')} data-testid="invitation-decline">
                {messages.servicesInvitationDecline}
              </Button>
            </Space>
          )}
        </div>
      ))}
    </div>
  );
}
