import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, App, Button, Card, Checkbox, Empty, Input, List, Popconfirm, Result, Segmented } from 'antd';
import { api, ApiError, ok } from '../../api.js';
import { formatDate, formatDateTime } from '../../format.js';
import { deadlineText, stayDocument } from '../../lodging/format.js';
import { CancelStayModal, EditStayModal } from '../../lodging/StayChangeModals.js';
import { StayTags } from '../../lodging/StayTags.js';
import type { DeskFacility, Stay } from '../../lodging/types.js';
import { messages, t } from '../../messages.js';
import { useGet } from '../../useApi.js';
import { useDeskFacility } from './DeskLayout.js';

function DeadlineBanner({ desk }: { desk: DeskFacility }) {
  return (
    <Alert
      type="info"
      showIcon
      data-testid="lodging-deadline"
      title={t('lodgingDeadlineNow', { when: deadlineText(desk.deadlineNow.citizen) })}
      description={t('lodgingDeadlineForeigner', { when: deadlineText(desk.deadlineNow.foreigner) })}
    />
  );
}

interface StayItemProps {
  stay: Stay;
  selected: boolean;
  onSelect: (on: boolean) => void;
  onCheckOut: () => void;
  onEdit: () => void;
  onCancel: () => void;
}

function StayItem({ stay, selected, onSelect, onCheckOut, onEdit, onCancel }: StayItemProps) {
  const current = !stay.departedAt && !stay.cancelledAt;
  return (
    <List.Item
      data-testid="lodging-stay"
      data-stay={stay.id}
      actions={
        current
          ? [
              <Button key="edit" size="small" onClick={onEdit} data-testid="lodging-stay-edit">
                {messages.stayEdit}
              </Button>,
              <Button key="cancel" size="small" danger onClick={onCancel} data-testid="lodging-stay-cancel">
                {messages.stayCancelAction}
              </Button>,
              <Popconfirm key="out" title={t('checkOutConfirm', { name: stay.fullName })} okText={messages.confirm} cancelText={messages.cancel} onConfirm={onCheckOut}>
                <Button size="small" data-testid="lodging-check-out">
                  {messages.checkOut}
                </Button>
              </Popconfirm>,
            ]
          : undefined
      }
    >
      <div className="lodging-stay">
        {current && <Checkbox checked={selected} onChange={(e) => onSelect(e.target.checked)} aria-label={stay.fullName} data-testid="lodging-stay-select" />}
        <div>
          <div className="declared-name" data-testid="lodging-stay-name">
            {stay.fullName}
          </div>
          <div className="muted">
            {stay.roleLabel} · <span className="mono">{stayDocument(stay)}</span> · {formatDate(stay.dateOfBirth)}
            {stay.room && ` · ${t('stayRoomValue', { room: stay.room })}`}
          </div>
          <div className="muted">
            {messages.stayArrivedAt}: {formatDateTime(stay.arrivedAt)}
            {stay.departedAt && ` · ${messages.stayDepartedAt}: ${formatDateTime(stay.departedAt)}`}
            {stay.expectedDeparture && ` · ${t('stayUntil', { date: formatDate(stay.expectedDeparture) })}`}
          </div>
          {stay.cancelReason && <div className="muted">{t('stayCancelReason', { reason: stay.cancelReason })}</div>}
          <StayTags stay={stay} method={false} />
        </div>
      </div>
    </List.Item>
  );
}

/** The lodging counter: the deadline for guests arriving now, the guests in the house, check-out. */
export default function DeskLodgingPage() {
  const { facility: desk, reloadFacility } = useDeskFacility();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [current, setCurrent] = useState(true);
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, setBusy] = useState(false);
  const [q, setQ] = useState('');
  const [room, setRoom] = useState('');
  const [editing, setEditing] = useState<Stay | null>(null);
  const [cancelling, setCancelling] = useState<Stay | null>(null);
  const stays = useGet(api, desk ? '/api/v1/desk/stays' : null, { params: { query: { current, q: q || undefined, room: room || undefined } } }, { keepData: true });

  // The deadline depends on the hour: read it again whenever the page opens.
  useEffect(reloadFacility, [reloadFacility]);

  if (!desk) return <Result status="404" title={messages.deskNotLodging} data-testid="desk-not-lodging" />;

  async function checkOut(stayIds: number[]) {
    setBusy(true);
    try {
      const done = await ok(api.POST('/api/v1/desk/stays/check-out', { body: { stayIds } }));
      void message.success(t('checkedOut', { n: done.stayIds.length }));
      setSelected([]);
      stays.reload();
    } catch (err) {
      void message.error(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  const items = stays.data?.items ?? [];
  return (
    <div className="citizen-stack desk-page" data-testid="lodging-page">
      <Card className="citizen-card desk-rp" size="small" data-testid="lodging-facility">
        <div className="desk-rp-name">{desk.facility.name}</div>
        <div className="muted">
          {desk.facility.kindLabel} · {desk.facility.address}
        </div>
      </Card>
      <DeadlineBanner desk={desk} />
      <Button type="primary" size="large" block className="desk-scan-button" onClick={() => void navigate('/desk/lodging/new')} data-testid="lodging-new">
        {messages.declareNew}
      </Button>
      <Card
        className="citizen-card"
        title={messages.lodgingGuests}
        extra={
          <Button size="small" onClick={stays.reload} loading={stays.loading}>
            {messages.reload}
          </Button>
        }
      >
        <Segmented
          block
          value={current ? 'current' : 'all'}
          onChange={(v) => {
            setCurrent(v === 'current');
            setSelected([]);
          }}
          options={[
            { value: 'current', label: messages.lodgingCurrent },
            { value: 'all', label: messages.lodgingRecent },
          ]}
          data-testid="lodging-filter"
        />
        <div className="lodging-search">
          <div className="filter-field">
            <label className="field-label" htmlFor="lodging-q">
              {messages.lodgingSearchName}
            </label>
            <Input.Search id="lodging-q" allowClear placeholder={messages.lodgingSearchNamePlaceholder} onSearch={(v) => setQ(v.trim())} data-testid="lodging-q" />
          </div>
          <div className="filter-field">
            <label className="field-label" htmlFor="lodging-room">
              {messages.lodgingSearchRoom}
            </label>
            <Input.Search id="lodging-room" allowClear placeholder={messages.lodgingSearchRoomPlaceholder} onSearch={(v) => setRoom(v.trim())} data-testid="lodging-room" />
          </div>
        </div>
        {stays.error ? (
          <Alert type="warning" showIcon title={stays.error.detail} className="lodging-list-alert" />
        ) : (
          <List<Stay>
            loading={stays.loading && !stays.data}
            dataSource={items}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q || room ? messages.lodgingNoMatch : current ? messages.lodgingNoCurrent : messages.lodgingNoStays} />,
            }}
            renderItem={(s) => (
              <StayItem
                key={s.id}
                stay={s}
                selected={selected.includes(s.id)}
                onSelect={(on) => setSelected((l) => (on ? [...l, s.id] : l.filter((id) => id !== s.id)))}
                onCheckOut={() => void checkOut([s.id])}
                onEdit={() => setEditing(s)}
                onCancel={() => setCancelling(s)}
              />
            )}
          />
        )}
        {selected.length > 0 && (
          <Popconfirm title={t('checkOutManyConfirm', { n: selected.length })} okText={messages.confirm} cancelText={messages.cancel} onConfirm={() => checkOut(selected)}>
            <Button block size="large" loading={busy} data-testid="lodging-check-out-selected">
              {t('checkOutSelected', { n: selected.length })}
            </Button>
          </Popconfirm>
        )}
      </Card>
      <EditStayModal
        stay={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          stays.reload();
        }}
      />
      <CancelStayModal
        stay={cancelling}
        onClose={() => setCancelling(null)}
        onSaved={() => {
          setCancelling(null);
          setSelected((l) => l.filter((id) => id !== cancelling?.id));
          stays.reload();
        }}
      />
    </div>
  );
}
