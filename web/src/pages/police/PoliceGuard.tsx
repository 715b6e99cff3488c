import { Suspense, useCallback, useState } from 'react';
import { NavLink, Outlet, useNavigate, useOutletContext } from 'react-router-dom';
import { App, Result, Spin } from 'antd';
import { formatDate, formatDateTime } from '../../format.js';
import type { StayChanged, WatchAlert } from '../../lodging/types.js';
import { MatchDetails } from '../../lodging/MatchDetails.js';
import { useAlertStream } from '../../lodging/useAlertStream.js';
import { messages, t } from '../../messages.js';
import { useSession } from '../../session.js';

const POLICE_PAGES = [
  { to: '/police', label: messages.policeMenuStays, testId: 'police-menu-stays' },
  { to: '/police/facilities', label: messages.policeMenuFacilities, testId: 'police-menu-facilities' },
  { to: '/police/watchlist', label: messages.policeMenuWatchlist, testId: 'police-menu-watchlist' },
  { to: '/police/alerts', label: messages.policeMenuAlerts, testId: 'police-menu-alerts' },
  { to: '/police/statistics', label: messages.policeMenuStatistics, testId: 'police-menu-statistics' },
];

interface PoliceContext {
  /** Grows by one with every alert the stream brings: pages listing alerts reload on it. */
  alertTick: number;
  /** The last correction or cancellation of a stay by a facility of the area (tick grows with each): the stays list and its drawer reload. */
  stayChange: { tick: number; stayId: number | null };
}

export function usePolice(): PoliceContext {
  return useOutletContext<PoliceContext>();
}

/** The alert as the officer reads it at a glance, with the way to the stay. */
function AlertNotice({ alert, onOpen }: { alert: WatchAlert; onOpen: () => void }) {
  return (
    <div className="watchlist-alert" data-testid="watchlist-alert" data-alert={alert.id} data-stay={alert.stay.id}>
      <div className="watchlist-alert-guest">
        <strong data-testid="watchlist-alert-name">{alert.stay.fullName}</strong> · {formatDate(alert.stay.dateOfBirth)}
      </div>
      <div>
        {alert.matchLabel} ({t('alertScore', { score: Math.round(alert.score * 100) })}): {alert.entry.kindLabel} {alert.entry.fullName}
      </div>
      <MatchDetails alert={alert} />
      <div>
        {alert.facility.name} — {alert.facility.address}
      </div>
      <div className="muted">
        {messages.stayArrivedAt}: {formatDateTime(alert.stay.arrivedAt)}
      </div>
      <a
        href={`/police?stay=${alert.stay.id}`}
        onClick={(e) => {
          e.preventDefault();
          onOpen();
        }}
        data-testid="watchlist-alert-open"
      >
        {messages.alertOpenStay}
      </a>
    </div>
  );
}

/**
 * The /police pages: officers who oversee lodging (commune and province police). Keeps the one stream of
 * watchlist alerts open on every page and pops each alert up at once, until the officer closes it.
 */
export function PoliceGuard() {
  const { session } = useSession();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const [alertTick, setAlertTick] = useState(0);
  const [stayChange, setStayChange] = useState<PoliceContext['stayChange']>({ tick: 0, stayId: null });
  const onStayChanged = useCallback((c: StayChanged) => setStayChange((prev) => ({ tick: prev.tick + 1, stayId: c.stayId })), []);
  const allowed = session?.permissions?.includes('lodging.oversee') ?? false;

  const onAlert = useCallback(
    (alert: WatchAlert) => {
      setAlertTick((n) => n + 1);
      const key = `watchlist-alert-${alert.id}`;
      notification.error({
        key,
        title: t('alertNotifyTitle', { kind: alert.entry.kindLabel }),
        description: (
          <AlertNotice
            alert={alert}
            onOpen={() => {
              notification.destroy(key);
              void navigate(`/police?stay=${alert.stay.id}`);
            }}
          />
        ),
        duration: false,
        // Below, never over the header: the sign-out button stays reachable while alerts wait to be read.
        placement: 'bottomRight',
        role: 'alert',
        className: 'watchlist-notification',
      });
    },
    [notification, navigate],
  );
  useAlertStream(allowed, onAlert, onStayChanged);

  if (!allowed) {
    return <Result status="403" title={messages.adminForbiddenTitle} subTitle={messages.policeForbiddenDetail} data-testid="police-forbidden" />;
  }
  return (
    <>
      <nav className="admin-menu" data-testid="police-menu">
        {POLICE_PAGES.map((p) => (
          <NavLink key={p.to} to={p.to} end data-testid={p.testId}>
            {p.label}
          </NavLink>
        ))}
      </nav>
      {/* Its own boundary: a page loading its code must not unmount this guard (and close the stream). */}
      <Suspense fallback={<Spin className="page-spin" />}>
        <Outlet context={{ alertTick, stayChange } satisfies PoliceContext} />
      </Suspense>
    </>
  );
}
