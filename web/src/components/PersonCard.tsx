import { Descriptions, Tag } from 'antd';
import { formatDate } from '../format.js';
import { messages, t } from '../messages.js';
import type { Person } from '../api/shapes.js';

/** The identity-card-like summary at the top of a person's record. */
export function PersonCard({ person }: { person: Person }) {
  const status = person.deceased ? (
    <Tag color="red" data-testid="person-status">
      {person.dateOfDeath ? t('deceasedOn', { date: formatDate(person.dateOfDeath) }) : messages.deceased}
    </Tag>
  ) : (
    <Tag color="green" data-testid="person-status">
      {messages.alive}
    </Tag>
  );
  const items = [
    { key: 'dob', label: messages.dateOfBirth, children: <span data-testid="person-dob">{formatDate(person.dateOfBirth)}</span> },
    { key: 'sex', label: messages.sex, children: person.sex },
    { key: 'ethnicity', label: messages.ethnicity, children: person.ethnicity },
    { key: 'religion', label: messages.religion, children: person.religion },
    { key: 'occupation', label: messages.occupation, children: person.occupation ?? messages.none },
    { key: 'status', label: messages.status, children: status },
    {
      key: 'commune',
      label: messages.placeOfRegistration,
      span: 3,
      children: `${person.commune.name}, ${person.commune.provinceName}`,
    },
  ];
  return (
    <div className={person.deceased ? 'id-card id-card-deceased' : 'id-card'} data-testid="person-card">
      <div className="id-card-band" />
      <div className="id-card-body">
        <div className="id-card-photo" aria-hidden="true">
          {initials(person.fullName)}
        </div>
        <div className="id-card-main">
          <div className="id-card-label">{messages.fullName}</div>
          <div className="id-card-name" data-testid="person-name">
            {person.fullName}
          </div>
          <div className="id-card-label">{messages.personalId}</div>
          <div className="id-card-id mono" data-testid="person-id">
            {person.personalId}
          </div>
          <Descriptions className="id-card-details" column={{ xs: 1, sm: 2, lg: 3 }} size="small" items={items} />
        </div>
      </div>
    </div>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return parts.length ? parts[parts.length - 1].charAt(0).toUpperCase() : '';
}
