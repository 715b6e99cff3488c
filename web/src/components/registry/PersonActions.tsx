import { useState } from 'react';
import { Button, Card, Drawer, Space } from 'antd';
import { messages } from '../../messages.js';
import type { Person, Session } from '../../api/shapes.js';
import { CorrectionForm } from './CorrectionForm.js';
import { DeathForm } from './DeathForm.js';
import { MoveForm } from './MoveForm.js';

type Action = 'move' | 'correct' | 'death';
/** The audit action each form's write records (shown highlighted in the access log afterwards). */
const AUDIT_ACTION: Record<Action, string> = { move: 'person.move', correct: 'person.correct', death: 'person.death.record' };
const TITLE: Record<Action, string> = { move: messages.moveTitle, correct: messages.correctTitle, death: messages.deathTitle };

interface Props {
  person: Person;
  personKey: string;
  area: Session['area'];
  /** The record as the write answered it, and the audit action the write recorded. */
  onDone: (person: Person, auditAction: string, what: Action, field?: string) => void;
}

/** The registry officer's direct actions on a record: residence, correction, death (a deceased person's record can still be corrected). */
export function PersonActions({ person, personKey, area, onDone }: Props) {
  const [open, setOpen] = useState<Action | null>(null);
  const done = (what: Action) => (p: Person, field?: string) => {
    setOpen(null);
    onDone(p, AUDIT_ACTION[what], what, field);
  };
  return (
    <Card className="section-card registry-actions" title={messages.actionsTitle} data-testid="registry-actions">
      <Space wrap>
        {!person.deceased && (
          <Button onClick={() => setOpen('move')} data-testid="action-move">
            {messages.actionMove}
          </Button>
        )}
        <Button onClick={() => setOpen('correct')} data-testid="action-correct">
          {messages.actionCorrect}
        </Button>
        {!person.deceased && (
          <Button danger onClick={() => setOpen('death')} data-testid="action-death">
            {messages.actionDeath}
          </Button>
        )}
      </Space>
      <Drawer open={open !== null} onClose={() => setOpen(null)} size={520} title={open ? TITLE[open] : ''} destroyOnHidden data-testid="registry-drawer">
        {open === 'move' && <MoveForm personKey={personKey} area={area} onDone={done('move')} />}
        {open === 'correct' && <CorrectionForm personKey={personKey} person={person} onDone={done('correct')} />}
        {open === 'death' && <DeathForm personKey={personKey} person={person} onDone={done('death')} />}
      </Drawer>
    </Card>
  );
}
