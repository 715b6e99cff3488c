import { useEffect, useState } from 'react';
import { Button, Card, DatePicker, Input, InputNumber, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Answer } from '../../api.js';
import { PageHeading } from '../../components/PageHeading.js';
import { DATE_FORMAT, formatDateTime, formatNumber, WIRE_DATE } from '../../format.js';
import { messages, t } from '../../messages.js';
import { useApi } from '../../useApi.js';

type Register = Answer<'/api/v1/services/officer/certified-copies'>;
type Entry = Register['items'][number];
const BASE = '/api/v1/services/officer/certified-copies';
/** Each search of the register reads (and audits) the people it lists: typing waits this long before asking. */
const REGISTER_SEARCH_DELAY_MS = 500;

/** The unit's sổ chứng thực: searched by days, number and name (without diacritics), exported by month as CSV. */
export default function CopyRegisterPage() {
  const [from, setFrom] = useState<string>();
  const [to, setTo] = useState<string>();
  const [number, setNumber] = useState<number | null>(null);
  // What is typed, and what is searched: a pause of REGISTER_SEARCH_DELAY_MS, or Enter, searches (not every keystroke).
  const [typed, setTyped] = useState<{ name: string; number: number | null }>({ name: '', number: null });
  const [name, setName] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => { setName(typed.name); setNumber(typed.number); }, REGISTER_SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [typed]);
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const query = { from, to, ...(number ? { number } : {}), ...(name.trim() ? { name: name.trim() } : {}), limit: 200 };
  const { data, loading } = useApi(BASE, { params: { query } }, { keepData: true });

  return (
    <div data-testid="register-page">
      <PageHeading title={messages.copyRegisterTitle} subtitle={messages.copyRegisterSubtitle} />
      <Card className="filter-card">
        <div className="filter-bar">
          <div className="filter-field">
            <span className="field-label">{messages.copyRegisterRange}</span>
            <DatePicker.RangePicker
              format={DATE_FORMAT}
              value={from || to ? [from ? dayjs(from) : null, to ? dayjs(to) : null] : null}
              onChange={(v) => { setFrom(v?.[0]?.format(WIRE_DATE)); setTo(v?.[1]?.format(WIRE_DATE)); }}
              placeholder={[messages.copyRegisterFrom, messages.copyRegisterTo]}
              data-testid="register-range"
            />
          </div>
          <div className="filter-field">
            <span className="field-label">{messages.copyRegisterNumber}</span>
            <InputNumber min={1} value={typed.number} onChange={(v) => setTyped((x) => ({ ...x, number: v }))} onPressEnter={() => setNumber(typed.number)} data-testid="register-number" />
          </div>
          <div className="filter-field">
            <span className="field-label">{messages.copyRegisterName}</span>
            <Input.Search
              allowClear
              value={typed.name}
              onChange={(e) => setTyped((x) => ({ ...x, name: e.target.value }))}
              onSearch={(v) => setName(v)}
              data-testid="register-name"
            />
          </div>
          <div className="filter-field">
            <span className="field-label">{messages.copyRegisterMonth}</span>
            <span>
              <DatePicker picker="month" format="MM/YYYY" allowClear={false} value={month} onChange={(v) => v && setMonth(v)} data-testid="register-month" />{' '}
              <Button href={`${BASE}/months/${month.format('YYYY-MM')}/register.csv`} data-testid="register-export">{messages.copyRegisterExport}</Button>
            </span>
          </div>
        </div>
      </Card>
      <Card className="results-card">
        <Typography.Text type="secondary" className="results-count" data-testid="register-total">
          {t('copyRegisterTotal', { n: data?.total ?? 0 })}
        </Typography.Text>
        <Table<Entry>
          data-testid="register-table"
          rowKey="id"
          size="middle"
          loading={loading}
          dataSource={data?.items ?? []}
          locale={{ emptyText: messages.copyRegisterNone }}
          pagination={false}
          columns={[
            {
              title: messages.copyRegisterColNumber, dataIndex: 'registerNumber',
              render: (v: string, e) => <><span className="mono">{v}</span>{e.revokedAt && <div><Tag color="red" data-testid="register-revoked">{messages.copyRegisterRevoked}</Tag></div>}</>,
            },
            { title: messages.copyRegisterColDate, dataIndex: 'issuedAt', render: (v: string) => formatDateTime(v) },
            { title: messages.copyRegisterColRequester, render: (_, e) => <>{e.requesterName}<div className="muted mono">{e.requesterPersonalId}</div></> },
            { title: messages.copyRegisterColDocument, dataIndex: 'documentName' },
            { title: messages.copyRegisterColPages, dataIndex: 'pages' },
            { title: messages.copyRegisterColCopies, dataIndex: 'copies' },
            { title: messages.copyRegisterColFee, dataIndex: 'feeTotal', render: (v: number) => `${formatNumber(v)} đ` },
            { title: messages.copyRegisterColCertifier, dataIndex: 'certifierName' },
            { title: messages.copyRegisterColDossier, dataIndex: 'dossierCode', render: (v: string | null) => v ?? '—' },
            // A revoked copy is not handed out (the server answers 410): the register says so instead of a link.
            { title: '', render: (_, e) => (e.revokedAt ? null : <a href={`${BASE}/${e.id}/pdf`} target="_blank" rel="noreferrer" data-testid="register-pdf">{messages.copyRegisterPdf}</a>) },
          ]}
        />
      </Card>
    </div>
  );
}
