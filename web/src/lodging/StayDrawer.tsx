import { useState } from 'react';
import { Alert, App, Button, Descriptions, Drawer, Empty, List, Skeleton, Tag, Typography } from 'antd';
import { api, ApiError, ok } from '../api.js';
import { formatDate, formatDateTime } from '../format.js';
import { messages, t } from '../messages.js';
import { useSession } from '../session.js';
import { useApi } from '../useApi.js';
import { MatchDetails } from './MatchDetails.js';
import { StayTags } from './StayTags.js';
import type { StayAlert, StayChange } from './types.js';

/** One watchlist match: whom it matched, how sure, and whether an officer took it. */
export function AlertMatch({ alert, onAcknowledge }: { alert: StayAlert; onAcknowledge?: () => void }) {
  return (
    <List.Item
      data-testid="stay-alert"
      data-alert={alert.id}
      actions={
        !alert.acknowledgedAt && onAcknowledge
          ? [
              <Button key="ack" size="small" type="primary" danger onClick={onAcknowledge} data-testid="alert-acknowledge">
                {messages.alertAcknowledge}
              </Button>,
            ]
          : undefined
      }
    >
      <List.Item.Meta
        title={
          <span>
            <Tag color="red">{alert.entry.kindLabel}</Tag>
            {alert.entry.fullName}
          </span>
        }
        description={
          <>
            <div>
              {[
                `${alert.matchLabel} (${t('alertScore', { score: Math.round(alert.score * 100) })})`,
                alert.entry.dateOfBirth ? `${messages.dateOfBirth}: ${formatDate(alert.entry.dateOfBirth)}` : `${messages.birthYear}: ${alert.entry.birthYear}`,
                alert.entry.note,
                alert.acknowledgedAt ? t('alertAcknowledgedBy', { at: formatDateTime(alert.acknowledgedAt), by: alert.acknowledgedBy ?? messages.none }) : messages.alertNotAcknowledged,
              ]
                .filter(Boolean)
                .join(' · ')}
            </div>
            <MatchDetails alert={alert} />
          </>
        }
      />
    </List.Item>
  );
}

/** What a correction changed (old → new), or why a declaration was cancelled. */
function changeText(c: StayChange): string {
  if (c.kind === 'cancelled') return t('stayCancelReason', { reason: c.reason ?? messages.none });
  const parts: string[] = [];
  if (c.roomBefore !== c.roomAfter) parts.push(t('stayChangeRoom', { before: c.roomBefore ?? messages.none, after: c.roomAfter ?? messages.none }));
  if (c.expectedDepartureBefore !== c.expectedDepartureAfter) {
    parts.push(t('stayChangeDeparture', { before: formatDate(c.expectedDepartureBefore), after: formatDate(c.expectedDepartureAfter) }));
  }
  return parts.length ? parts.join(' · ') : messages.stayChangeSame;
}

/** A stay in full (the read is audited: the whole personal ID shows) with the watchlist matches it raised. */
function StayDetailBody({ id }: { id: number }) {
  const { message } = App.useApp();
  const { session } = useSession();
  // Read once per opening: every read of the detail is audited, so an acknowledgement is shown in place.
  const { data, error } = useApi('/api/v1/lodging/stays/{id}', { params: { path: { id } } });
  const [acknowledged, setAcknowledged] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);

  async function acknowledge(alertId: number) {
    setBusy(true);
    try {
      await ok(api.POST('/api/v1/lodging/alerts/{id}/acknowledge', { params: { path: { id: alertId } } }));
      void message.success(messages.alertAcknowledged);
      setAcknowledged((m) => ({ ...m, [alertId]: new Date().toISOString() }));
    } catch (err) {
      void message.error(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  if (error) return <Alert type="error" showIcon title={error.detail} />;
  if (!data) return <Skeleton active paragraph={{ rows: 8 }} />;
  const s = data.stay;
  return (
    <div className="stay-detail" data-testid="stay-detail">
      <Typography.Title level={4} className="stay-detail-name" data-testid="stay-detail-name">
        {s.fullName}
      </Typography.Title>
      <StayTags stay={s} />
      <Alert type="info" showIcon title={messages.viewLoggedDetail} className="stay-detail-logged" />
      <Descriptions
        size="small"
        column={1}
        bordered
        items={[
          { key: 'doc', label: s.foreigner ? messages.guestPassport : s.personalId ? messages.personalId : messages.guestLegacyId, children: <span className="mono" data-testid="stay-detail-id">{s.personalId ?? s.legacyId ?? s.passportNumber ?? messages.none}</span> },
          ...(s.foreigner ? [{ key: 'nat', label: messages.guestNationality, children: `${s.nationalityName} (${s.nationality})` }, { key: 'visa', label: messages.guestVisa, children: s.visaDocument ?? messages.none }] : []),
          { key: 'dob', label: messages.dateOfBirth, children: formatDate(s.dateOfBirth) },
          { key: 'sex', label: messages.sex, children: s.sex ?? messages.none },
          { key: 'role', label: messages.guestRole, children: s.roleLabel },
          { key: 'facility', label: messages.stayFacility, children: s.facilityName },
          { key: 'room', label: messages.stayRoom, children: s.room ?? messages.none },
          { key: 'reason', label: messages.stayReason, children: s.reason },
          { key: 'arrived', label: messages.stayArrivedAt, children: formatDateTime(s.arrivedAt) },
          { key: 'declared', label: messages.stayDeclaredAt, children: formatDateTime(s.declaredAt) },
          { key: 'due', label: messages.stayDueAt, children: formatDateTime(s.dueAt) },
          { key: 'expected', label: messages.stayExpectedDeparture, children: formatDate(s.expectedDeparture) },
          { key: 'departed', label: messages.stayDepartedAt, children: s.departedAt ? formatDateTime(s.departedAt) : s.cancelledAt ? messages.stayCancelled : messages.stayStillHere },
          { key: 'method', label: messages.stayIdMethod, children: s.idMethodLabel },
          ...(s.trip ? [{ key: 'trip', label: messages.tripTitle, children: `${s.trip.route} · ${s.trip.plate} · ${formatDateTime(s.trip.departureAt)}` }] : []),
        ]}
      />
      {s.cancelledAt && (
        <Alert type="warning" showIcon className="stay-detail-logged" data-testid="stay-cancelled-notice" title={t('stayCancelledAt', { at: formatDateTime(s.cancelledAt) })} description={t('stayCancelReason', { reason: s.cancelReason ?? messages.none })} />
      )}
      <Typography.Title level={5} className="subsection-title">
        {messages.stayChanges}
      </Typography.Title>
      <List
        size="small"
        dataSource={data.changes}
        data-testid="stay-changes"
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.stayNoChanges} /> }}
        renderItem={(c, i) => (
          <List.Item key={i} data-testid="stay-change" data-kind={c.kind}>
            <List.Item.Meta title={`${c.kind === 'cancelled' ? messages.stayChangeCancelled : messages.stayChangeAmended} · ${formatDateTime(c.at)}`} description={changeText(c)} />
          </List.Item>
        )}
      />
      <Typography.Title level={5} className="subsection-title">
        {messages.stayAlerts}
      </Typography.Title>
      <List
        loading={busy}
        dataSource={data.alerts.map((a) => (acknowledged[a.id] ? { ...a, acknowledgedAt: acknowledged[a.id], acknowledgedBy: session?.fullName ?? null } : a))}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.stayNoAlerts} /> }}
        renderItem={(a) => <AlertMatch key={a.id} alert={a} onAcknowledge={() => void acknowledge(a.id)} />}
      />
    </div>
  );
}

/** `version`: changes when the facility changed this stay (the police stream's event `stay`): the detail loads again. */
export function StayDrawer({ id, version = 0, onClose }: { id: number | null; version?: number; onClose: () => void }) {
  return (
    <Drawer open={id !== null} onClose={onClose} size={560} title={messages.stayDetailTitle} destroyOnHidden data-testid="stay-drawer">
      {id !== null && <StayDetailBody key={`${id}:${version}`} id={id} />}
    </Drawer>
  );
}
