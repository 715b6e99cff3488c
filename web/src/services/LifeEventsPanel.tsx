import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Input, Space, Typography } from 'antd';
import { ApiError } from '../api.js';
import type { Answer } from '../api.js';
import { citizenApi, citizenOk } from '../citizen/session.js';
import { useCitizenApi } from '../citizen/useCitizenApi.js';
import { messages } from '../messages.js';

type LifeEvents = Answer<'/api/v1/services/life-events'>;
type Offer = LifeEvents['offers'][number];

const BIRTH_STEP = 'dang-ky-khai-sinh';
const BHYT_STEP = 'cap-the-bhyt-tre-em-duoi-6-tuoi';

const childName = (o: Offer) => {
  const child = o.forms[BIRTH_STEP]?.child as { fullName?: unknown } | undefined;
  return typeof child?.fullName === 'string' ? child.fullName : '';
};

/** One offer: a birth asks for the child's name (filled when the hospital had it) and the primary-care facility, then opens the group. */
function OfferCard({ offer, onChanged }: { offer: Offer; onChanged: () => void }) {
  const navigate = useNavigate();
  const [name, setName] = useState(childName(offer));
  const [care, setCare] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const birth = offer.kind === 'birth';

  async function accept() {
    setBusy(true);
    setError(null);
    try {
      const forms = birth
        ? { [BIRTH_STEP]: { child: { fullName: name.trim() } }, ...(care.trim() ? { [BHYT_STEP]: { primaryCareFacility: care.trim() } } : {}) }
        : {};
      const g = await citizenOk(citizenApi.POST('/api/v1/services/life-events/offers/{id}/acceptance', { params: { path: { id: offer.id } }, body: { forms } }));
      // The group's page: its first step's papers are uploaded there and the whole group submitted once.
      void navigate(`/citizen/services/groups/${g.id}`);
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : messages.genericError);
      setBusy(false);
    }
  }

  async function dismiss() {
    setBusy(true);
    try {
      await citizenOk(citizenApi.POST('/api/v1/services/life-events/offers/{id}/dismissal', { params: { path: { id: offer.id } } }));
      onChanged();
    } catch (err) {
      setError(err instanceof ApiError ? err.detail : messages.genericError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card className="citizen-card" data-testid="life-offer" data-kind={offer.kind}>
      <Typography.Title level={5}>{offer.title}</Typography.Title>
      <Typography.Paragraph>{offer.text}</Typography.Paragraph>
      {birth && (
        <Space direction="vertical" style={{ width: '100%', marginBottom: 12 }}>
          <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder={messages.lifeOfferChildName}
            aria-label={messages.lifeOfferChildName} data-testid="life-offer-child-name" />
          <Input value={care} onChange={(e) => setCare(e.target.value)} maxLength={300} placeholder={messages.lifeOfferPrimaryCare}
            aria-label={messages.lifeOfferPrimaryCare} data-testid="life-offer-primary-care" />
        </Space>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="life-offer-error" />}
      <Space wrap>
        <Button type="primary" size="large" loading={busy} disabled={birth && (!name.trim() || !care.trim())} onClick={() => void accept()} data-testid="life-offer-accept">
          {birth ? messages.lifeOfferBirthAccept : messages.lifeOfferDeathAccept}
        </Button>
        <Button size="large" disabled={busy} onClick={() => void dismiss()} data-testid="life-offer-dismiss">{messages.lifeOfferDismiss}</Button>
      </Space>
    </Card>
  );
}

/** The citizen's life-event offers (a birth the hospital declared, a relative's death) and reminders, above the catalogue; nothing when there are none. */
export function LifeEventsPanel() {
  const { data, reload } = useCitizenApi('/api/v1/services/life-events');
  if (!data || (!data.offers.length && !data.reminders.length)) return null;
  return (
    <div className="citizen-stack" data-testid="life-events">
      {data.offers.length > 0 && <Typography.Title level={4}>{messages.lifeOffersTitle}</Typography.Title>}
      {data.offers.map((o) => <OfferCard key={o.id} offer={o} onChanged={reload} />)}
      {data.reminders.length > 0 && (
        <Card className="citizen-card" title={messages.lifeRemindersTitle} data-testid="life-reminders">
          <Space direction="vertical" style={{ width: '100%' }}>
            {data.reminders.map((r) => (
              <Alert key={r.id} type="warning" showIcon title={r.text} data-testid="life-reminder" data-reason={r.reason}
                action={<Link to={`/citizen/services/procedures/${encodeURIComponent(r.procedure)}`}>{messages.lifeReminderAction}</Link>} />
            ))}
          </Space>
        </Card>
      )}
    </div>
  );
}
