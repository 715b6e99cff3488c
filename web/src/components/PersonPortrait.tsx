import { useState } from 'react';
import { Button, Card, Tag, Typography } from 'antd';
import { api, ApiError, ok } from '../api.js';
import { formatDate } from '../format.js';
import { messages } from '../messages.js';

type Portrait = { synthetic: boolean; mediaType: string; data: string; capturedOn: string | null; source: string };

/**
 * The person's portrait (card issuance), shown when the officer asks: each look is an audited read of
 * the field `photo`, so it is not fetched with the record. A demo resident's portrait is a drawing
 * marked as such.
 */
export function PersonPortrait({ personKey }: { personKey: string }) {
  const [portrait, setPortrait] = useState<Portrait | null>(null);
  const [state, setState] = useState<'idle' | 'loading' | 'none' | 'error'>('idle');

  async function show() {
    setState('loading');
    try {
      setPortrait(await ok(api.GET('/api/v1/people/{key}/photo', { params: { path: { key: personKey } } })));
      setState('idle');
    } catch (err) {
      setState(err instanceof ApiError && err.status === 404 ? 'none' : 'error');
    }
  }

  return (
    <Card title={messages.portraitTitle} className="section-card" data-testid="section-portrait">
      {portrait ? (
        <figure className="person-portrait" data-testid="person-portrait" data-synthetic={portrait.synthetic}>
          <img src={`data:${portrait.mediaType};base64,${portrait.data}`} alt={messages.portraitTitle} />
          <figcaption>
            {portrait.synthetic ? <Tag color="gold">{messages.portraitSynthetic}</Tag> : null}
            {portrait.capturedOn ? `${messages.portraitCapturedOn}: ${formatDate(portrait.capturedOn)}` : null}
          </figcaption>
        </figure>
      ) : state === 'none' ? (
        <Typography.Text type="secondary" data-testid="person-portrait-none">{messages.portraitNone}</Typography.Text>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{messages.portraitLogged}</Typography.Paragraph>
          <Button onClick={() => void show()} loading={state === 'loading'} data-testid="person-portrait-show">
            {messages.portraitShow}
          </Button>
          {state === 'error' && <Typography.Text type="danger"> {messages.genericError}</Typography.Text>}
        </>
      )}
    </Card>
  );
}
