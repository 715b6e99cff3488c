import { Link } from 'react-router-dom';
import { Descriptions, Empty, Table, Tag, Timeline } from 'antd';
import { formatDate } from '../format.js';
import { messages, t } from '../messages.js';
import type { FormerIdentifier, LifeEvent, Person, Residence } from '../api/shapes.js';
import { MembersTable } from './MembersTable.js';

const residenceLabel: Record<string, string> = { permanent: messages.permanent, temporary: messages.temporary };
const idKindLabel: Record<string, string> = { cmnd: messages.cmnd, cancelled_id: messages.cancelledId };
const eventLabel: Record<string, string> = { birth: messages.birth, move: messages.move, death: messages.death };
const eventColor: Record<string, string> = { birth: '#2e7d32', move: '#1f4e79', death: '#a61d24' };

/** "Theo hồ sơ <mã>": the public-service dossier a registry change came from (issue 15); nothing for a direct change. */
export function DossierSource({ code, ended = false }: { code: string | null; ended?: boolean }) {
  if (!code) return null;
  return (
    <div className="muted" data-testid="source-dossier">
      {t(ended ? 'endedByDossier' : 'fromDossier', { code })}
    </div>
  );
}

export function ResidencesTable({ residences }: { residences: Residence[] }) {
  return (
    <Table<Residence>
      data-testid="residences"
      rowKey={(r) => `${r.kind}-${r.communeCode}-${r.validFrom}`}
      size="middle"
      pagination={false}
      dataSource={residences}
      locale={{ emptyText: messages.noResidences }}
      columns={[
        {
          title: messages.residenceKind,
          dataIndex: 'kind',
          width: 130,
          render: (k: string) => <Tag color={k === 'permanent' ? 'gold' : 'default'}>{residenceLabel[k] ?? k}</Tag>,
        },
        {
          title: messages.address,
          dataIndex: 'address',
          render: (a: string, r) => (
            <>
              {a}
              <DossierSource code={r.sourceDossier} />
              <DossierSource code={r.endedByDossier} ended />
            </>
          ),
        },
        { title: messages.commune, dataIndex: 'communeName' },
        { title: messages.validFrom, dataIndex: 'validFrom', width: 130, render: (v: string) => formatDate(v) },
        { title: messages.validTo, dataIndex: 'validTo', width: 130, render: (v: string | null) => (v ? formatDate(v) : messages.present) },
      ]}
    />
  );
}

export function HouseholdSection({ person, currentRef }: { person: Person; currentRef?: string }) {
  const h = person.household;
  if (!h) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.noHousehold} />;
  return (
    <div data-testid="household">
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        className="section-descriptions"
        items={[
          {
            key: 'no',
            label: messages.householdNo,
            children: (
              <Link to={`/officer/households/${h.householdNo}`} data-testid="household-link" className="mono">
                {h.householdNo}
              </Link>
            ),
          },
          { key: 'rel', label: messages.relationToHead, children: h.relationToHead ?? messages.none },
          { key: 'addr', label: messages.householdAddress, children: h.address ?? messages.none },
        ]}
      />
      <div className="subsection-title">{messages.members}</div>
      <MembersTable members={h.members} currentRef={currentRef} />
    </div>
  );
}

export function FormerIdsTable({ ids }: { ids: FormerIdentifier[] }) {
  return (
    <Table<FormerIdentifier>
      data-testid="former-ids"
      rowKey={(r) => `${r.kind}-${r.value}`}
      size="middle"
      pagination={false}
      dataSource={ids}
      locale={{ emptyText: messages.noFormerIds }}
      columns={[
        { title: messages.idKind, dataIndex: 'kind', render: (k: string) => idKindLabel[k] ?? k },
        { title: messages.idValue, dataIndex: 'value', render: (v: string) => <span className="mono">{v}</span> },
        { title: messages.validUntil, dataIndex: 'validUntil', render: (v: string | null) => formatDate(v) },
      ]}
    />
  );
}

export function LifeEventsTimeline({ events }: { events: LifeEvent[] }) {
  if (!events.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={messages.noLifeEvents} />;
  const sorted = [...events].sort((a, b) => a.occurredOn.localeCompare(b.occurredOn));
  return (
    <Timeline
      data-testid="life-events"
      className="life-events"
      items={sorted.map((e, i) => ({
        key: `${e.kind}-${e.occurredOn}-${i}`,
        color: eventColor[e.kind] ?? 'gray',
        content: (
          <div className="life-event">
            <span className="life-event-date">{formatDate(e.occurredOn)}</span>
            <strong>{eventLabel[e.kind] ?? e.kind}</strong>
            {e.note && e.note !== eventLabel[e.kind] && <div className="muted">{e.note}</div>}
            <DossierSource code={e.sourceDossier} />
          </div>
        ),
      }))}
    />
  );
}

type Absence = Person['absences'][number];

/** Declared absences (khai báo tạm vắng), newest first: from, to, destination, reason, and the dossier. */
export function AbsencesTable({ absences }: { absences: Absence[] }) {
  return (
    <Table<Absence>
      data-testid="absences"
      rowKey={(a, i) => `${a.validFrom}-${i ?? 0}`}
      size="middle"
      pagination={false}
      dataSource={absences}
      columns={[
        { title: messages.validFrom, dataIndex: 'validFrom', width: 130, render: (v: string) => formatDate(v) },
        { title: messages.validTo, dataIndex: 'validTo', width: 130, render: (v: string) => formatDate(v) },
        { title: messages.absenceDestination, dataIndex: 'destination' },
        { title: messages.absenceReason, dataIndex: 'reason', render: (v: string, a) => (<>{v}<DossierSource code={a.sourceDossier} /></>) },
      ]}
    />
  );
}

type Parent = Person['parents'][number];

/** The parents the registry links (from a birth registration): role, name (to their record), masked ID, dossier. */
export function ParentsTable({ parents }: { parents: Parent[] }) {
  return (
    <Table<Parent>
      data-testid="parents"
      rowKey={(p) => p.ref}
      size="middle"
      pagination={false}
      dataSource={parents}
      columns={[
        { title: messages.parentRole, dataIndex: 'role', width: 100, render: (r: string) => (r === 'mother' ? messages.mother : messages.father) },
        {
          title: messages.fullName,
          dataIndex: 'fullName',
          render: (v: string, p) => (
            <>
              <Link to={`/officer/people/${p.ref}`}>{v}</Link>
              <DossierSource code={p.sourceDossier} />
            </>
          ),
        },
        { title: messages.personalId, dataIndex: 'personalIdMasked', render: (v: string) => <span className="mono">{v}</span> },
        { title: messages.dateOfBirth, dataIndex: 'dateOfBirth', width: 130, render: (v: string) => formatDate(v) },
      ]}
    />
  );
}
