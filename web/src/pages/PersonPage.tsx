import { useEffect, useState, type ReactNode } from 'react';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { Alert, App, Button, Card, Col, Result, Row, Skeleton } from 'antd';
import { api, ApiError, ok } from '../api.js';
import { AccessLogTable, newestOf } from '../components/AccessLogTable.js';
import { PersonActions } from '../components/registry/PersonActions.js';
import { CorrectionsTable } from '../components/registry/CorrectionsTable.js';
import { SectorRecordsPanel } from '../components/registry/SectorRecordsPanel.js';
import { formatDateTime } from '../format.js';
import { hasPermission, useSession } from '../session.js';
import { CitizenAccountPanel } from '../components/CitizenAccountPanel.js';
import { PageHeading } from '../components/PageHeading.js';
import { PersonCard } from '../components/PersonCard.js';
import { PersonPortrait } from '../components/PersonPortrait.js';
import { WalletPanel } from '../components/WalletPanel.js';
import { AbsencesTable, FormerIdsTable, ParentsTable, HouseholdSection, LifeEventsTimeline, ResidencesTable } from '../components/PersonSections.js';
import { actionLabels, fieldLabels, messages, t } from '../messages.js';
import type { AccessLogEntry, Person } from '../api/shapes.js';

export default function PersonPage() {
  const { key = '' } = useParams();
  // A fresh view per person: nothing of the previous record lingers while the next loads.
  return <PersonView key={key} personKey={key} />;
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Card title={title} className="section-card" data-testid={testId}>
      {children}
    </Card>
  );
}

/** What the page was opened after: the registration form passes the audit action it recorded. */
function doneFrom(state: unknown): string | null {
  return state && typeof state === 'object' && 'done' in state && typeof state.done === 'string' ? state.done : null;
}

function PersonView({ personKey }: { personKey: string }) {
  const navigate = useNavigate();
  const location = useLocation();
  const { session } = useSession();
  const { message } = App.useApp();
  const [person, setPerson] = useState<Person | null>(null);
  const [log, setLog] = useState<AccessLogEntry[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // The audit action of the write just made here (or by the registration that opened this page): its entry is highlighted.
  const [done, setDone] = useState<string | null>(() => doneFrom(location.state));
  const canWrite = hasPermission(session, 'registry.write');

  /** After a write: the record as the write answered it (no second read), then the log, whose newest entry is that write's. */
  async function afterWrite(p: Person, auditAction: string, what: 'move' | 'correct' | 'death', field?: string) {
    setPerson(p);
    setDone(auditAction);
    const text = what === 'move' ? messages.moveDone : what === 'death' ? messages.deathDone : t('correctDone', { field: fieldLabels[field ?? ''] ?? field ?? '' });
    void message.success(text);
    try {
      setLog(await ok(api.GET('/api/v1/people/{key}/access-log', { params: { path: { key: personKey } } })));
    } catch (err) {
      if (err instanceof ApiError && err.status !== 401) void message.error(err.detail);
    }
  }

  useEffect(() => {
    const ctrl = new AbortController();
    (async () => {
      // The read is audited; the access log is fetched after it so it already lists this view.
      const p = await ok(api.GET('/api/v1/people/{key}', { params: { path: { key: personKey } }, signal: ctrl.signal }));
      setPerson(p);
      setLog(await ok(api.GET('/api/v1/people/{key}/access-log', { params: { path: { key: personKey } }, signal: ctrl.signal })));
    })().catch((err: unknown) => {
      if (ctrl.signal.aborted || !(err instanceof ApiError) || err.status === 401) return;
      setError(err);
      void message.error(err.detail);
    });
    return () => ctrl.abort();
  }, [personKey, message]);

  const back = (
    <Button onClick={() => void navigate(-1)} data-testid="back">
      {messages.back}
    </Button>
  );

  if (error && !person) {
    return <Result status={error.status === 404 ? '404' : 'error'} title={error.title} extra={back} data-testid="person-error" />;
  }
  if (!person) {
    return (
      <div className="page">
        <Card>
          <Skeleton active avatar paragraph={{ rows: 5 }} />
        </Card>
      </div>
    );
  }

  return (
    <div className="page" data-testid="person-page">
      <PageHeading title={messages.personTitle} extra={back} />
      <PersonCard person={person} />
      <Alert
        className="page-alert audit-note"
        type="info"
        showIcon
        title={messages.viewLogged}
        description={messages.viewLoggedDetail}
        data-testid="audit-note"
      />
      {/* After the access log: the account read is audited too, and must not race the log shown here. */}
      {log !== null && <CitizenAccountPanel personalId={person.personalId} deceased={person.deceased} />}
      {canWrite && session && (
        <PersonActions person={person} personKey={personKey} area={session.area} onDone={(p, a, what, field) => void afterWrite(p, a, what, field)} />
      )}
      {done && log && <JustLogged entry={newestOf(log, done)} />}
      <WalletPanel personalId={person.personalId} deceased={person.deceased} />
      <PersonPortrait personKey={personKey} />
      <Section title={messages.residences} testId="section-residences">
        <ResidencesTable residences={person.residences} />
      </Section>
      {person.parents.length > 0 && (
        <Section title={messages.parents} testId="section-parents">
          <ParentsTable parents={person.parents} />
        </Section>
      )}
      {person.absences.length > 0 && (
        <Section title={messages.absences} testId="section-absences">
          <AbsencesTable absences={person.absences} />
        </Section>
      )}
      <Section title={messages.household} testId="section-household">
        <HouseholdSection person={person} currentRef={personKey.startsWith('p') ? personKey : undefined} />
      </Section>
      <Row gutter={[24, 24]} className="section-row">
        <Col xs={24} lg={12}>
          <Section title={messages.formerIdentifiers} testId="section-former-ids">
            <FormerIdsTable ids={person.formerIdentifiers} />
          </Section>
        </Col>
        <Col xs={24} lg={12}>
          <Section title={messages.lifeEvents} testId="section-life-events">
            <LifeEventsTimeline events={person.lifeEvents} />
          </Section>
        </Col>
      </Row>
      <SectorRecordsPanel personKey={personKey} />
      <Section title={messages.corrections} testId="section-corrections">
        <CorrectionsTable corrections={person.corrections} />
      </Section>
      <Section title={messages.accessLog} testId="section-access-log">
        <AccessLogTable entries={log ?? []} loading={log === null} highlight={done} />
      </Section>
    </div>
  );
}

/** The audit entry of the action just done, named at the top of the page (the same row is highlighted in the log). */
function JustLogged({ entry }: { entry: AccessLogEntry | undefined }) {
  if (!entry) return null;
  return (
    <Alert
      className="page-alert"
      type="success"
      showIcon
      title={t('justLogged', { action: actionLabels[entry.action] ?? entry.action, at: formatDateTime(entry.at), actor: entry.actorName ?? entry.actorId })}
      description={messages.justLoggedHint}
      data-testid="just-logged"
    />
  );
}
