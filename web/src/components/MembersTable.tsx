import type { HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import { Table, Tag, type TableColumnsType } from 'antd';
import { formatDate } from '../format.js';
import { messages, t } from '../messages.js';
import type { Member } from '../api/shapes.js';

interface Props {
  members: Member[];
  /** The member whose page this is, highlighted and not clickable. */
  currentRef?: string;
}

/** Household members; a row opens that member's record. */
export function MembersTable({ members, currentRef }: Props) {
  const navigate = useNavigate();
  const columns: TableColumnsType<Member> = [
    {
      title: messages.fullName,
      dataIndex: 'fullName',
      render: (name: string, m) => (
        <span className="person-name-cell">
          <span className="person-name">{name}</span>
          {m.dateOfDeath && <Tag color="red">{t('deceasedOn', { date: formatDate(m.dateOfDeath) })}</Tag>}
        </span>
      ),
    },
    { title: messages.relationToHead, dataIndex: 'relationToHead', render: (v: string | null) => v ?? messages.none },
    { title: messages.personalIdMasked, dataIndex: 'personalIdMasked', render: (v: string) => <span className="mono">{v}</span> },
    { title: messages.dateOfBirth, dataIndex: 'dateOfBirth', width: 130, render: (v: string) => formatDate(v) },
    { title: messages.sex, dataIndex: 'sex', width: 100 },
  ];
  return (
    <Table<Member>
      data-testid="members"
      rowKey="ref"
      size="middle"
      columns={columns}
      dataSource={members}
      pagination={false}
      rowClassName={(m) => (m.ref === currentRef ? 'current-row' : 'clickable-row')}
      onRow={(m) =>
        ({
          onClick: () => m.ref !== currentRef && void navigate(`/officer/people/${m.ref}`),
          'data-testid': 'member-row',
        }) as HTMLAttributes<HTMLElement>
      }
    />
  );
}
