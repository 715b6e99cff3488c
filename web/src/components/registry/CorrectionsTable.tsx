import type { HTMLAttributes } from 'react';
import { Empty, Table } from 'antd';
import { formatDateTime } from '../../format.js';
import { fieldLabels, messages } from '../../messages.js';
import type { Person } from '../../api/shapes.js';
import { shownValue } from './CorrectionForm.js';
import { DossierSource } from '../PersonSections.js';

type Correction = Person['corrections'][number];

/** Every correction of the record, newest first: what changed, from what, why and by whom. */
export function CorrectionsTable({ corrections }: { corrections: Correction[] }) {
  if (!corrections.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.noCorrections} />;
  return (
    <Table<Correction>
      data-testid="corrections"
      rowKey={(c, i) => `${c.correctedAt}-${c.field}-${i ?? 0}`}
      size="middle"
      pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
      dataSource={corrections}
      onRow={() => ({ 'data-testid': 'correction-row' }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: messages.accessAt, dataIndex: 'correctedAt', width: 150, render: (v: string) => <span className="nowrap">{formatDateTime(v)}</span> },
        { title: messages.correctField, dataIndex: 'field', render: (f: string) => fieldLabels[f] ?? f },
        { title: messages.correctionOld, dataIndex: 'oldValue', render: (v: string | null, c) => shownValue(c.field, v) },
        { title: messages.correctionNew, dataIndex: 'newValue', render: (v: string, c) => <strong>{shownValue(c.field, v)}</strong> },
        { title: messages.correctionReason, dataIndex: 'reason', render: (v: string, c) => (<>{v}<DossierSource code={c.sourceDossier} /></>) },
        { title: messages.correctionBy, dataIndex: 'correctedBy' },
      ]}
    />
  );
}
