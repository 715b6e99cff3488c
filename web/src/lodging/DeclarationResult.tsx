import { Alert, Button } from 'antd';
import { formatDate, formatDateTime } from '../format.js';
import { messages, t } from '../messages.js';
import { stayDocument } from './format.js';
import { StayTags } from './StayTags.js';
import type { Booking } from './types.js';

/** After a declaration: each guest as recorded, with the deadline it had and whether it was met. */
export function DeclarationResult({ booking, onNext, onList }: { booking: Booking; onNext: () => void; onList: () => void }) {
  return (
    <section className="desk-result desk-result-valid" data-testid="lodging-declared" data-booking={booking.bookingId}>
      <div className="desk-verdict" role="status">
        {messages.declaredTitle}
        <span className="desk-verdict-method">{t('declaredCount', { n: booking.stays.length })}</span>
      </div>
      <div className="desk-result-body">
        {booking.replayed && <Alert type="info" showIcon title={messages.declaredReplayed} data-testid="lodging-replayed" />}
        <ul className="declared-guests">
          {booking.stays.map((s) => (
            <li key={s.id} data-testid="declared-guest" data-stay={s.id} data-late={s.late}>
              <div className="declared-name" data-testid="declared-name">
                {s.fullName}
              </div>
              <div className="muted">
                {s.roleLabel} · <span className="mono">{stayDocument(s)}</span> · {formatDate(s.dateOfBirth)}
              </div>
              <div>
                {messages.stayDueAt}: <span data-testid="declared-due">{formatDateTime(s.dueAt)}</span>
              </div>
              <StayTags stay={s} />
            </li>
          ))}
        </ul>
        <div className="desk-result-meta">
          {messages.stayArrivedAt}: {formatDateTime(booking.stays[0]?.arrivedAt ?? '')} · {messages.stayDeclaredAt}: {formatDateTime(booking.stays[0]?.declaredAt ?? '')}
        </div>
        <Button type="primary" size="large" block onClick={onNext} data-testid="lodging-declare-next">
          {messages.declareNext}
        </Button>
        <Button size="large" block onClick={onList} data-testid="lodging-to-list">
          {messages.declareToList}
        </Button>
      </div>
    </section>
  );
}
