import { Table, Tag } from 'antd';
import { formatDateTime } from '../format.js';
import { actionLabels, fieldLabels, messages, t } from '../messages.js';
import type { AccessLogEntry } from '../api/shapes.js';

/** Who read or changed this record, newest first. */
export function AccessLogTable({ entries, loading }: { entries: AccessLogEntry[]; loading: boolean }) {
  return (
    <Table<AccessLogEntry>
      data-testid="access-log"
      rowKey={(e, i) => `${e.at}-${e.actorId}-${i ?? 0}`}
      size="middle"
      loading={loading}
      dataSource={entries}
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      locale={{ emptyText: messages.noAccessLog }}
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
          render: (a: string) => <Tag color={a === 'person.read' ? 'blue' : 'gold'}>{actionLabels[a] ?? messages.accessActionOther}</Tag>,
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
