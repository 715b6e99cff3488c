import { useEffect, useRef, type HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Card, Checkbox, DatePicker, Input, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { CommuneSelect } from '../../components/CommuneSelect.js';
import { PageHeading } from '../../components/PageHeading.js';
import { DATE_FORMAT, formatDate, formatDateTime, WIRE_DATE } from '../../format.js';
import { stayDocument } from '../../lodging/format.js';
import { StayDrawer } from '../../lodging/StayDrawer.js';
import { StayTags } from '../../lodging/StayTags.js';
import type { Stay } from '../../lodging/types.js';
import { messages, t } from '../../messages.js';
import { useSession } from '../../session.js';
import type { QueryOf } from '../../api.js';
import { useApi } from '../../useApi.js';
import { usePolice } from './PoliceGuard.js';

const PAGE_SIZE = 50;
const FLAGS = ['current', 'late', 'foreigner'] as const;
const FLAG_LABELS: Record<(typeof FLAGS)[number], string> = { current: messages.staysFilterCurrent, late: messages.staysFilterLate, foreigner: messages.staysFilterForeigner };

/** Police: every stay declared in the area; criteria live in the URL, a row opens its detail in a drawer. */
export default function PoliceStaysPage() {
  const { session } = useSession();
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const query: QueryOf<'/api/v1/lodging/stays'> = {
    q: get('q'),
    communeCode: get('communeCode'),
    from: get('from'),
    to: get('to'),
    ...Object.fromEntries(FLAGS.map((f) => [f, params.get(f) === 'true' ? true : undefined])),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  };
  const { data, loading, reload } = useApi('/api/v1/lodging/stays', { params: { query } });
  // A new alert means a new stay in the area: the list shows it without a reload by hand.
  // So does a facility's correction or cancellation (room, expected departure, cancelled): the row changes at once.
  const { alertTick, stayChange } = usePolice();
  const seenTick = useRef(alertTick + stayChange.tick);
  useEffect(() => {
    if (alertTick + stayChange.tick === seenTick.current) return;
    seenTick.current = alertTick + stayChange.tick;
    reload();
  }, [alertTick, stayChange.tick, reload]);
  const stayId = params.get('stay') ? Number(params.get('stay')) : null;

  /** Changes some criteria (undefined removes one) and goes back to the first page. */
  function update(changes: Record<string, string | undefined>, keepPage = false) {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    if (!keepPage && !('page' in changes)) next.delete('page');
    setParams(next);
  }

  if (!session) return null;
  const range: [Dayjs, Dayjs] | null = query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : null;
  return (
    <div className="page" data-testid="police-stays-page">
      <PageHeading title={messages.staysTitle} subtitle={messages.staysHint} />
      <Card className="search-card">
        <div className="stays-filters">
          <div className="filter-field">
            <label className="field-label" htmlFor="stays-q">
              {messages.staysQueryLabel}
            </label>
            <Input.Search
            id="stays-q"
            key={query.q ?? ''}
            defaultValue={query.q}
            allowClear
            enterButton={messages.search}
            size="large"
            placeholder={messages.staysQueryPlaceholder}
            onSearch={(q) => update({ q: q.trim() || undefined })}
            data-testid="stays-q"
            className="stays-q"
            />
          </div>
          <div className="filter-field stays-commune">
            <label className="field-label" htmlFor="stays-commune">
              {messages.staysCommuneLabel}
            </label>
            <CommuneSelect id="stays-commune" area={session.area} value={query.communeCode} onChange={(v) => update({ communeCode: v })} />
          </div>
          <div className="filter-field">
            <label className="field-label" htmlFor="stays-from">
              {messages.staysRangeLabel}
            </label>
            <label className="sr-only" htmlFor="stays-to">
              {messages.staysTo}
            </label>
            <DatePicker.RangePicker
              id={{ start: 'stays-from', end: 'stays-to' }}
              format={DATE_FORMAT}
              value={range}
              onChange={(v) => update({ from: v?.[0]?.format(WIRE_DATE), to: v?.[1]?.format(WIRE_DATE) })}
              placeholder={[messages.staysFrom, messages.staysTo]}
              data-testid="stays-range"
            />
          </div>
          <div className="stays-flags">
            {FLAGS.map((f) => (
              <Checkbox key={f} checked={params.get(f) === 'true'} onChange={(e) => update({ [f]: e.target.checked ? 'true' : undefined })} data-testid={`stays-${f}`}>
                {FLAG_LABELS[f]}
              </Checkbox>
            ))}
          </div>
        </div>
      </Card>
      <Card className="results-card">
        <Typography.Text type="secondary" className="results-count" data-testid="stays-total">
          {t('staysTotal', { n: data?.total ?? 0 })}
        </Typography.Text>
        <Table<Stay>
          data-testid="stays-table"
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: messages.staysNone }}
          scroll={{ x: 1000 }}
          rowClassName={() => 'clickable-row'}
          onRow={(s) => ({ onClick: () => update({ stay: String(s.id) }, true), 'data-testid': 'stay-row', 'data-stay': s.id }) as HTMLAttributes<HTMLElement>}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: data?.total ?? 0,
            showSizeChanger: false,
            hideOnSinglePage: true,
            onChange: (p) => update({ page: p > 1 ? String(p) : undefined }),
          }}
          columns={[
            {
              title: messages.fullName,
              key: 'name',
              render: (_, s) => (
                <>
                  <div className="person-name" data-testid="stay-row-name">
                    {s.fullName}
                  </div>
                  <StayTags stay={s} method={false} />
                </>
              ),
            },
            { title: messages.stayDocument, key: 'doc', width: 150, render: (_, s) => <span className="mono">{stayDocument(s)}</span> },
            { title: messages.dateOfBirth, dataIndex: 'dateOfBirth', width: 110, render: (v: string) => formatDate(v) },
            {
              title: messages.stayFacility,
              key: 'facility',
              render: (_, s) => (
                <>
                  <div>{s.facilityName}</div>
                  <Typography.Text type="secondary">{s.roleLabel}</Typography.Text>
                </>
              ),
            },
            { title: messages.stayArrivedAt, dataIndex: 'arrivedAt', width: 140, render: (v: string) => <span className="nowrap">{formatDateTime(v)}</span> },
            { title: messages.stayDueAt, dataIndex: 'dueAt', width: 140, render: (v: string) => <span className="nowrap">{formatDateTime(v)}</span> },
            {
              title: messages.stayDepartedAt,
              dataIndex: 'departedAt',
              width: 140,
              render: (v: string | null, s) => (v ? <span className="nowrap">{formatDateTime(v)}</span> : s.cancelledAt ? messages.stayCancelled : messages.stayStillHere),
            },
          ]}
        />
      </Card>
      <StayDrawer id={stayId} version={stayChange.stayId === stayId ? stayChange.tick : 0} onClose={() => update({ stay: undefined }, true)} />
    </div>
  );
}
