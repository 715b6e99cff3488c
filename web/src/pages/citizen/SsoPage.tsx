import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Alert, Button, Card, List, Result, Spin, Typography } from 'antd';
import { api, ApiError, ok } from '../../api.js';
import { CitizenShell, LevelBadge } from '../../citizen/CitizenShell.js';
import { citizenApi, citizenOk, useCitizenSession } from '../../citizen/session.js';
import { messages, t } from '../../messages.js';
import { useSession } from '../../session.js';
import type { Interaction } from '../../api/shapes.js';

/** Does the relying party ask for a higher level than the account has? */
function levelUnmet(i: Interaction): boolean {
  if (i.levelSufficient !== null && i.levelSufficient !== undefined) return !i.levelSufficient;
  return (i.levelRequired ?? 1) > (i.level ?? 1);
}

/**
 * Where the OpenID provider sends the browser during an authorization: signs the citizen in
 * (through /citizen/login?next=…) and asks for consent, then hands the browser back to the provider.
 */
export default function SsoPage() {
  const { uid = '' } = useParams();
  const navigate = useNavigate();
  const { refresh } = useCitizenSession();
  const { refresh: refreshOfficer } = useSession();
  const [officer, setOfficer] = useState(false);
  const [interaction, setInteraction] = useState<Interaction | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const started = useRef(false);

  function leave(redirectTo: string) {
    setLeaving(true);
    window.location.assign(redirectTo);
  }

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    (async () => {
      const i = await citizenOk(citizenApi.GET('/api/v1/oidc/interactions/{uid}', { params: { path: { uid } } }));
      if (i.audience === 'officer') {
        // A provincial system for officers: the da06 officer session signs in (no consent step).
        if (!i.signedIn) {
          void navigate(`/login?next=${encodeURIComponent(`/sso/${uid}`)}`, { replace: true });
          return;
        }
        setOfficer(true);
        await refreshOfficer();
        const r = await ok(api.POST('/api/v1/oidc/interactions/{uid}/officer-login', { params: { path: { uid } } }), { allow401: true });
        leave(r.redirectTo);
        return;
      }
      if (!i.signedIn) {
        void navigate(`/citizen/login?next=${encodeURIComponent(`/sso/${uid}`)}`, { replace: true });
        return;
      }
      // The provider's redirects reload the page: fetch the session's CSRF token before any POST.
      await refresh();
      if (i.prompt === 'login' && !levelUnmet(i)) {
        // Signed in already: tell the provider who it is and follow it on.
        const r = await citizenOk(citizenApi.POST('/api/v1/oidc/interactions/{uid}/login', { params: { path: { uid } } }));
        leave(r.redirectTo);
        return;
      }
      setInteraction(i);
    })().catch((err: unknown) => setError(err instanceof ApiError ? err : new ApiError(0, messages.genericError)));
  }, [uid, navigate, refresh, refreshOfficer]);

  /** Consent answered; or, at the login prompt, handing the refusal back to the service (its level is unmet). */
  async function decide(approve: boolean) {
    setBusy(true);
    try {
      const r =
        interaction?.prompt === 'login'
          ? await citizenOk(citizenApi.POST('/api/v1/oidc/interactions/{uid}/login', { params: { path: { uid } } }))
          : await citizenOk(citizenApi.POST('/api/v1/oidc/interactions/{uid}/consent', { params: { path: { uid } }, body: { approve } }));
      leave(r.redirectTo);
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, messages.genericError));
      setBusy(false);
    }
  }

  if (error) {
    return (
      <CitizenShell>
        <Card className="citizen-card">
          <Result
            status="warning"
            title={error.status === 410 || (error.status === 404 && error.code !== 'OIDC_INTERACTION_NOT_FOUND') ? messages.ssoExpired : error.detail}
            data-testid="sso-error"
          />
        </Card>
      </CitizenShell>
    );
  }

  if (!interaction || leaving) {
    return (
      <CitizenShell>
        <div className="page-spin">
          <Spin size="large" description={officer ? messages.ssoOfficerRedirecting : leaving ? messages.ssoRedirecting : messages.loading} />
        </div>
      </CitizenShell>
    );
  }

  const client = interaction.client.name;

  if (levelUnmet(interaction)) {
    return (
      <CitizenShell>
        <Card className="citizen-card" data-testid="sso-acr">
          <Result
            status="info"
            title={messages.ssoAcrTitle}
            subTitle={
              <>
                <p>{t('ssoAcrDetail', { client, level: interaction.level ?? 1 })}</p>
                {interaction.levelHint && <p data-testid="sso-level-hint">{interaction.levelHint}</p>}
              </>
            }
            extra={
              <Button onClick={() => void decide(false)} loading={busy} data-testid="sso-acr-back">
                {messages.ssoBackToService}
              </Button>
            }
          />
        </Card>
      </CitizenShell>
    );
  }

  return (
    <CitizenShell>
      <Card className="citizen-card consent-card" data-testid="sso-consent">
        <Typography.Title level={3} className="citizen-title">
          {messages.ssoConsentTitle}
        </Typography.Title>
        {interaction.level && <LevelBadge level={interaction.level} />}
        <Typography.Paragraph className="consent-lead">
          <strong data-testid="sso-client">{client}</strong> {messages.ssoConsentLead}
        </Typography.Paragraph>
        <List
          className="consent-claims"
          bordered
          dataSource={interaction.claims}
          renderItem={(c) => (
            <List.Item key={c.name} data-testid="sso-claim" data-claim={c.name}>
              {c.label}
            </List.Item>
          )}
        />
        <Alert className="citizen-alert consent-note" type="info" showIcon title={messages.ssoConsentNote} />
        <div className="consent-actions">
          <Button size="large" onClick={() => void decide(false)} disabled={busy} data-testid="sso-deny">
            {messages.deny}
          </Button>
          <Button type="primary" size="large" onClick={() => void decide(true)} loading={busy} data-testid="sso-approve">
            {messages.approve}
          </Button>
        </div>
      </Card>
    </CitizenShell>
  );
}
