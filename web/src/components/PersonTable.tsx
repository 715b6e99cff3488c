import type { HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import { Table, Tag, type TableColumnsType } from 'antd';
import { formatDate } from '../format.js';
import { messages } from '../messages.js';
import type { PersonListItem } from '../api/shapes.js';

interface Props {
  items: PersonListItem[];
  loading: boolean;
}

/** Search results; a row opens the person's record. */
export function PersonTable({ items, loading }: Props) {
  const navigate = useNavigate();
  const columns: TableColumnsType<PersonListItem> = [
    {
      title: messages.fullName,
      dataIndex: 'fullName',
      render: (name: string, row) => (
        <span className="person-name-cell">
          <span className="person-name">{name}</span>
          {row.deceased && (
            <Tag color="red" data-testid="deceased-tag">
              {messages.deceased}
            </Tag>
          )}
        </span>
      ),
    },
    {
      title: messages.personalIdMasked,
      dataIndex: 'personalIdMasked',
      render: (v: string) => <span className="mono" data-testid="masked-id">{v}</span>,
    },
    { title: messages.dateOfBirth, dataIndex: 'dateOfBirth', width: 130, render: (v: string) => formatDate(v) },
    { title: messages.sex, dataIndex: 'sex', width: 110 },
    { title: messages.commune, dataIndex: 'communeName' },
  ];
  return (
    <Table<PersonListItem>
      data-testid="results"
      rowKey="ref"
      columns={columns}
      dataSource={items}
      loading={loading}
      pagination={false}
      size="middle"
      rowClassName="clickable-row"
      locale={{ emptyText: messages.noResults }}
      onRow={(row) =>
        ({
          onClick: () => void navigate(`/officer/people/${row.ref}`),
          'data-testid': 'person-row',
          'data-ref': row.ref,
        }) as HTMLAttributes<HTMLElement>
      }
    />
  );
}
