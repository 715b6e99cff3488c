import { useRef } from 'react';
import { useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Skeleton, Typography } from 'antd';
import { CitizenLoading, CitizenShell } from '../../citizen/CitizenShell.js';
import { ConnectionsCard, LevelCard, ProfileCard, SecurityCard, SessionsCard } from '../../citizen/sections.js';
import { QuickLinks } from '../../citizen/QuickLinks.js';
import { useRequireCitizen } from '../../citizen/useRequireCitizen.js';
import { useCitizenSession } from '../../citizen/session.js';
import { useCitizenApi } from '../../citizen/useCitizenApi.js';
import { messages } from '../../messages.js';

/** The citizen's own portal: level, registry facts (read-only), sessions, connected services, security. */
export default function CitizenHomePage() {
  const navigate = useNavigate();
  const { signOut } = useCitizenSession();
  /** Signing out on purpose: go to the sign-in page without coming back here. */
  const leaving = useRef(false);
  const session = useRequireCitizen('/citizen', leaving);

  const profile = useCitizenApi(session ? '/api/v1/citizen/profile' : null);

  async function logout() {
    leaving.current = true;
    await signOut().catch(() => undefined);
    void navigate('/citizen/login', { replace: true });
  }

  if (!session) return <CitizenLoading />;

  const p = profile.data;
  const logoutButton = (
    <Button ghost size="small" onClick={logout} data-testid="citizen-logout">
      {messages.signOut}
    </Button>
  );

  return (
    <CitizenShell extra={logoutButton}>
      <div className="citizen-stack" data-testid="citizen-home">
        <Typography.Title level={3} className="citizen-title">
          {messages.portalTitle}
        </Typography.Title>
        <QuickLinks />
        <LevelCard level={p?.account.level ?? session.level} level2At={p?.account.level2?.at} document={p?.account.level2?.checkedDocumentLabel} />
        {profile.error ? (
          <Alert type="error" showIcon title={profile.error.detail} />
        ) : p ? (
          <ProfileCard profile={p} />
        ) : (
          <Card className="citizen-card">
            <Skeleton active paragraph={{ rows: 4 }} />
          </Card>
        )}
        <SecurityCard totpEnabled={(p?.account.factors ?? session.factors ?? []).includes('totp')} onChanged={profile.reload} />
        <SessionsCard />
        <ConnectionsCard />
      </div>
    </CitizenShell>
  );
}
