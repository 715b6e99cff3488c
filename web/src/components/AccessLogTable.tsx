import type { HTMLAttributes } from 'react';
import { Table, Tag } from 'antd';
import { formatDateTime } from '../format.js';
import { actionLabels, fieldLabels, messages, t } from '../messages.js';
import type { AccessLogEntry } from '../api/shapes.js';

/** The entry an action just wrote: the newest of its audit action (the log is newest first). */
export function newestOf(entries: AccessLogEntry[], action: string | null | undefined): AccessLogEntry | undefined {
  return action ? entries.find((e) => e.action === action) : undefined;
}

/** Who read or changed this record, newest first; `highlight` marks the entry of the action just done. */
export function AccessLogTable({ entries, loading, highlight }: { entries: AccessLogEntry[]; loading: boolean; highlight?: string | null }) {
  const fresh = newestOf(entries, highlight);
  return (
    <Table<AccessLogEntry>
      data-testid="access-log"
      rowKey={(e, i) => `${e.at}-${e.actorId}-${i ?? 0}`}
      size="middle"
      loading={loading}
      dataSource={entries}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: messages.noAccessLog }}
      rowClassName={(e) => (e === fresh ? 'access-new' : '')}
      onRow={(e) => ({ 'data-testid': e === fresh ? 'access-new' : 'access-row' }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: messages.accessAt, dataIndex: 'at', width: 160, render: (v: string) => <span className="nowrap">{formatDateTime(v)}</span> },
        {
          title: messages.accessActor,
          dataIndex: 'actorName',
          render: (name: string | null, e) => <span data-testid="access-actor">{name ?? e.actorId}</span>,
        },
        {
          title: messages.accessAction,
          dataIndex: 'action',
          width: 150,
          render: (a: string, e) => (
            <>
              <Tag color={a === 'person.read' ? 'blue' : 'gold'}>{actionLabels[a] ?? messages.accessActionOther}</Tag>
              {e === fresh && <Tag color="green">{messages.accessNew}</Tag>}
            </>
          ),
        },
        {
          title: messages.accessFields,
          dataIndex: 'fields',
          // A field the UI has no label for is counted, never shown as its code.
          render: (fields: string[]) => {
            const known = fields.filter((f) => f in fieldLabels).map((f) => fieldLabels[f]);
            const other = fields.length - known.length;
            return <span className="fields-cell">{[...known, ...(other ? [t('accessFieldsOther', { n: other })] : [])].join(', ')}</span>;
          },
        },
        { title: messages.accessPurpose, dataIndex: 'purpose', render: (p: string | null) => p ?? messages.none },
      ]}
    />
  );
}
