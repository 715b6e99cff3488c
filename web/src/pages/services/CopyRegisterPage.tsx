import { useState } from 'react';
import { Button, Card, DatePicker, Input, InputNumber, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Answer } from '../../api.js';
import { PageHeading } from '../../components/PageHeading.js';
import { DATE_FORMAT, formatDateTime, formatNumber, WIRE_DATE } from '../../format.js';
import { messages, t } from '../../messages.js';
import { useApi } from '../../useApi.js';

type Register = Answer<'/api/v1/services/officer/certified-copies'>;
type Entry = Register['items'][number];
const BASE = '/api/v1/services/officer/certified-copies';

/** The unit's sổ chứng thực: searched by days, number and name (without diacritics), exported by month as CSV. */
export default function CopyRegisterPage() {
  const [from, setFrom] = useState<string>();
  const [to, setTo] = useState<string>();
  const [number, setNumber] = useState<number | null>(null);
  const [name, setName] = useState('');
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
            <InputNumber min={1} value={number} onChange={(v) => setNumber(v)} data-testid="register-number" />
          </div>
          <div className="filter-field">
            <span className="field-label">{messages.copyRegisterName}</span>
            <Input allowClear value={name} onChange={(e) => setName(e.target.value)} data-testid="register-name" />
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
            { title: messages.copyRegisterColNumber, dataIndex: 'registerNumber', render: (v: string) => <span className="mono">{v}</span> },
            { title: messages.copyRegisterColDate, dataIndex: 'issuedAt', render: (v: string) => formatDateTime(v) },
            { title: messages.copyRegisterColRequester, render: (_, e) => <>{e.requesterName}<div className="muted mono">{e.requesterPersonalId}</div></> },
            { title: messages.copyRegisterColDocument, dataIndex: 'documentName' },
            { title: messages.copyRegisterColPages, dataIndex: 'pages' },
            { title: messages.copyRegisterColCopies, dataIndex: 'copies' },
            { title: messages.copyRegisterColFee, dataIndex: 'feeTotal', render: (v: number) => `${formatNumber(v)} đ` },
            { title: messages.copyRegisterColCertifier, dataIndex: 'certifierName' },
            { title: messages.copyRegisterColDossier, dataIndex: 'dossierCode', render: (v: string | null) => v ?? '—' },
            { title: '', render: (_, e) => <a href={`${BASE}/${e.id}/pdf`} target="_blank" rel="noreferrer" data-testid="register-pdf">{messages.copyRegisterPdf}</a> },
          ]}
        />
      </Card>
    </div>
  );
}
