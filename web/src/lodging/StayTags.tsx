import { Tag } from 'antd';
import { messages } from '../messages.js';
import type { Stay } from './types.js';

/** What needs the reader's eye on a stay: late, a stay long enough to need temporary residence, how the guest was identified. */
export function StayTags({ stay, method = true }: { stay: Stay; method?: boolean }) {
  return (
    <span className="stay-tags">
      {stay.late && (
        <Tag color="red" data-testid="stay-late">
          {messages.stayLate}
        </Tag>
      )}
      {stay.needsTemporaryResidence && (
        <Tag color="orange" data-testid="stay-temporary-residence">
          {messages.stayNeedsTemporaryResidence}
        </Tag>
      )}
      {stay.foreigner && <Tag color="blue">{stay.nationalityName || stay.nationality}</Tag>}
      {method && <Tag color={stay.verified ? 'green' : 'default'}>{stay.verified ? `${messages.stayVerified} · ${stay.idMethodLabel}` : stay.idMethodLabel}</Tag>}
      {stay.departedAt && <Tag>{messages.stayDeparted}</Tag>}
      {stay.cancelledAt && (
        <Tag color="volcano" data-testid="stay-cancelled">
          {messages.stayCancelled}
        </Tag>
      )}
      {stay.amendedAt && !stay.cancelledAt && (
        <Tag color="geekblue" data-testid="stay-amended">
          {messages.stayAmended}
        </Tag>
      )}
    </span>
  );
}
