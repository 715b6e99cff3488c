import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Button, Input, Spin } from 'antd';
import { ApiError } from '../../api.js';
import { messages, t } from '../../messages.js';
import { formatDateTime, formatInstantDate } from '../../format.js';
import { QrScanner } from '../../desk/QrScanner.js';
import { isUnregistered, kioskApi, storeKioskKey, storedKioskKey, type ChipRead, type DossierStatus, type KioskDossier, type KioskInfo, type KioskPayment, type KioskProcedure, type KioskReceipt, type KioskSubmitted, type QueueTicket } from './kioskApi.js';
import { CardReadError, cardPresent, cardReaderUrl, readCard } from './cardReader.js';
import { DossierList, PaymentPanel, ReceiptPrint } from './KioskDossiers.js';
import { NewDossier } from './KioskNewDossier.js';
import './kiosk.css';

type Screen =
  | { kind: 'loading' }
  | { kind: 'unregistered' }
  | { kind: 'start' }
  | { kind: 'ticket'; ticket: QueueTicket }
  | { kind: 'lookup'; result: DossierStatus | null }
  | { kind: 'signin' }
  | { kind: 'signedIn'; session: string; name: string | null; dossiers: KioskDossier[] | null }
  | { kind: 'receipt'; session: string; name: string | null; dossiers: KioskDossier[] | null; receipt: KioskReceipt }
  | { kind: 'payment'; session: string; name: string | null; dossiers: KioskDossier[] | null; dossierId: number; payment: KioskPayment }
  | { kind: 'newDossier'; session: string; name: string | null; dossiers: KioskDossier[] | null; procedures: KioskProcedure[] | null; submitted: KioskSubmitted | null };

/** Events that count as the citizen still being there. */
const ACTIVITY = ['pointerdown', 'keydown', 'touchstart', 'wheel'] as const;

/**
 * The self-service kiosk of a public-administration centre (issue 16, model 2): full screen, large touch
 * targets. Opens only on a device an administrator registered (its key, kept in this browser). After
 * `idleSeconds` without a touch it ends the citizen's session and goes back to the start screen with
 * nothing of theirs left on it (e2e/kiosk.test.ts "idle reset").
 */
export default function KioskPage() {
  const [key, setKey] = useState(storedKioskKey);
  const [device, setDevice] = useState<KioskInfo | null>(null);
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Bumped by the idle reset so that the inputs mount again empty. */
  const [generation, setGeneration] = useState(0);
  const screenRef = useRef(screen);
  screenRef.current = screen;

  useEffect(() => {
    if (!key) {
      setScreen({ kind: 'unregistered' });
      return;
    }
    kioskApi.device(key).then((d) => {
      setDevice(d);
      setScreen({ kind: 'start' });
    }, (err: unknown) => {
      setScreen({ kind: 'unregistered' });
      if (!isUnregistered(err)) setError(err instanceof Error ? err.message : messages.genericError);
    });
  }, [key]);

  /** Asks again for the fee on screen (every few seconds while it is to pay): the bank's confirmation shows here. */
  const refreshPayment = useCallback(() => {
    const current = screenRef.current;
    if (current.kind !== 'payment') return;
    kioskApi.payment(key, current.session, current.dossierId).then((payment) => {
      const now = screenRef.current;
      if (now.kind === 'payment' && now.dossierId === current.dossierId) setScreen({ ...now, payment });
    }, () => undefined);
  }, [key]);

  /** Back to the start screen: the citizen's session ended, every answer and input cleared. */
  const reset = useCallback(() => {
    const current = screenRef.current;
    if (current.kind === 'signedIn' || current.kind === 'receipt' || current.kind === 'payment' || current.kind === 'newDossier') void kioskApi.signOut(key, current.session);
    if (current.kind === 'unregistered' || current.kind === 'loading') return;
    setError(null);
    setBusy(false);
    setGeneration((g) => g + 1);
    setScreen({ kind: 'start' });
  }, [key]);

  const idleSeconds = device?.idleSeconds ?? 60;
  useEffect(() => {
    if (screen.kind === 'start' && !error) return undefined;
    if (screen.kind === 'unregistered' || screen.kind === 'loading') return undefined;
    let timer = setTimeout(reset, idleSeconds * 1000);
    const touched = () => {
      clearTimeout(timer);
      timer = setTimeout(reset, idleSeconds * 1000);
    };
    for (const e of ACTIVITY) window.addEventListener(e, touched, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of ACTIVITY) window.removeEventListener(e, touched);
    };
  }, [screen, error, idleSeconds, reset]);

  /** Runs a call of the kiosk; an unregistered (or just disabled) kiosk closes at once. Its error, if any, is returned too. */
  async function run<T>(call: () => Promise<T>, then: (value: T) => void): Promise<ApiError | null> {
    setBusy(true);
    setError(null);
    try {
      then(await call());
      return null;
    } catch (err) {
      if (isUnregistered(err)) {
        setDevice(null);
        setScreen({ kind: 'unregistered' });
      }
      setError(err instanceof ApiError ? err.detail : err instanceof Error ? err.message : messages.genericError);
      return err instanceof ApiError ? err : null;
    } finally {
      setBusy(false);
    }
  }

  const reader = cardReaderUrl();

  /** Back to the signed-in screen from a step of the session, the citizen's dossiers read again. */
  function backToDossiers(s: { session: string; name: string | null }) {
    signedIn({ sessionToken: s.session, fullName: s.name });
  }

  /** "Nộp hồ sơ mới": the procedures the citizen can submit here without paper. */
  function newDossier(current: { session: string; name: string | null; dossiers: KioskDossier[] | null }) {
    setScreen({ kind: 'newDossier', session: current.session, name: current.name, dossiers: current.dossiers, procedures: null, submitted: null });
    void run(() => kioskApi.procedures(key, current.session), ({ items }) => setScreen((now) =>
      now.kind === 'newDossier' && now.session === current.session ? { ...now, procedures: items } : now)).then((err) => {
      // Nothing to choose from (no e-ID account): the message says to take a number; the list stays empty.
      if (err) setScreen((now) => (now.kind === 'newDossier' && now.session === current.session ? { ...now, procedures: [] } : now));
    });
  }

  /** A session opened (QR or chip): the citizen's dossiers are shown at once. */
  function signedIn(s: { sessionToken: string; fullName: string | null }) {
    setScreen({ kind: 'signedIn', session: s.sessionToken, name: s.fullName, dossiers: null });
    void run(() => kioskApi.dossiers(key, s.sessionToken), ({ items }) => setScreen((current) =>
      current.kind === 'signedIn' && current.session === s.sessionToken ? { ...current, dossiers: items } : current));
  }

  /** A card on the reader: a challenge from da06 for the chip, the reader's data to da06, which decides. */
  function signInWithChip() {
    if (!reader) return Promise.resolve(null);
    return run(async () => {
      const { challenge } = await kioskApi.chipChallenge(key);
      let chip: ChipRead;
      try {
        chip = await readCard(reader, challenge);
      } catch (err) {
        throw new Error(err instanceof CardReadError && err.message ? err.message : messages.kioskCardUnreadable);
      }
      return kioskApi.signInWithChip(key, chip);
    }, signedIn);
  }

  let body: ReactNode;
  switch (screen.kind) {
    case 'loading':
      body = <Spin size="large" />;
      break;
    case 'unregistered':
      body = <Unregistered onKey={(k) => {
        storeKioskKey(k);
        setError(null);
        setScreen({ kind: 'loading' });
        setKey(k.trim());
      }} />;
      break;
    case 'start':
      body = (
        <div className="kiosk-tiles">
          <KioskTile testId="kiosk-take-number" title={messages.kioskTakeNumber} hint={messages.kioskTakeNumberHint} disabled={busy}
            onClick={() => void run(() => kioskApi.takeNumber(key), (ticket) => setScreen({ kind: 'ticket', ticket }))} />
          <KioskTile testId="kiosk-look-up" title={messages.kioskLookUp} hint={messages.kioskLookUpHint} onClick={() => setScreen({ kind: 'lookup', result: null })} />
          <KioskTile testId="kiosk-sign-in" title={messages.kioskSignIn} hint={messages.kioskSignInHint} onClick={() => setScreen({ kind: 'signin' })} />
        </div>
      );
      break;
    case 'ticket':
      body = <TicketView ticket={screen.ticket} onDone={reset} />;
      break;
    case 'lookup':
      body = <LookUp key={generation} busy={busy} result={screen.result} onBack={reset}
        onSearch={(code) => void run(() => kioskApi.lookUp(key, code), (result) => setScreen({ kind: 'lookup', result }))} />;
      break;
    case 'signin':
      body = <SignIn key={generation} busy={busy} onBack={reset} reader={reader} onChip={signInWithChip}
        onQr={(qr) => void run(() => kioskApi.signIn(key, qr), signedIn)} />;
      break;
    case 'signedIn':
      body = <SignedIn name={screen.name} idleSeconds={idleSeconds} onSignOut={reset} onNewDossier={() => newDossier(screen)}>
        <DossierList dossiers={screen.dossiers} busy={busy} onReceipt={(d) => {
          const current = screen;
          void run(() => kioskApi.receipt(key, current.session, d.id), (receipt) => setScreen({ ...current, kind: 'receipt', receipt }));
        }} onPay={(d) => {
          const current = screen;
          void run(() => kioskApi.payment(key, current.session, d.id), (payment) => setScreen({ ...current, kind: 'payment', dossierId: d.id, payment }));
        }} />
      </SignedIn>;
      break;
    case 'payment': {
      const current = screen;
      body = <PaymentPanel p={current.payment} onBack={() => setScreen({ kind: 'signedIn', session: current.session, name: current.name, dossiers: current.dossiers })}
        onRefresh={refreshPayment} />;
      break;
    }
    case 'newDossier': {
      const current = screen;
      body = <NewDossier key={`${generation}:${current.session}`} procedures={current.procedures} busy={busy} submitted={current.submitted}
        onBack={() => backToDossiers(current)} onDone={() => backToDossiers(current)}
        onSubmit={(idempotencyKey, input) => run(() => kioskApi.submit(key, current.session, idempotencyKey, input), (submitted) => setScreen((now) =>
          now.kind === 'newDossier' && now.session === current.session ? { ...now, submitted } : now))} />;
      break;
    }
    case 'receipt':
      body = <ReceiptPrint r={screen.receipt} onBack={() => setScreen({ kind: 'signedIn', session: screen.session, name: screen.name, dossiers: screen.dossiers })} />;
      break;
  }

  return (
    <div className="kiosk" data-testid="kiosk" data-screen={screen.kind}>
      <header className="kiosk-header">
        <div className="kiosk-title">{messages.kioskTitle}</div>
        {device && <div className="kiosk-centre" data-testid="kiosk-centre">{device.unitName}</div>}
      </header>
      <main className="kiosk-main">
        {screen.kind === 'start' && <h1 className="kiosk-welcome">{messages.kioskWelcome}</h1>}
        {error && <Alert className="kiosk-error" type="error" showIcon message={error} data-testid="kiosk-error" />}
        {body}
      </main>
      {device && screen.kind !== 'start' && <footer className="kiosk-footer">{t('kioskIdleNotice', { seconds: String(idleSeconds) })}</footer>}
    </div>
  );
}

function KioskTile({ title, hint, onClick, testId, disabled }: { title: string; hint: string; onClick: () => void; testId: string; disabled?: boolean }) {
  return (
    <button type="button" className="kiosk-tile" data-testid={testId} onClick={onClick} disabled={disabled}>
      <span className="kiosk-tile-title">{title}</span>
      <span className="kiosk-tile-hint">{hint}</span>
    </button>
  );
}

function Unregistered({ onKey }: { onKey: (key: string) => void }) {
  const [value, setValue] = useState('');
  return (
    <div className="kiosk-panel" data-testid="kiosk-unregistered">
      <h1>{messages.kioskUnregistered}</h1>
      <p>{messages.kioskUnregisteredHint}</p>
      <Input.Password size="large" aria-label={messages.kioskKey} placeholder={messages.kioskKey} value={value} onChange={(e) => setValue(e.target.value)} data-testid="kiosk-key" />
      <Button size="large" type="primary" className="kiosk-button" disabled={!value.trim()} onClick={() => onKey(value)} data-testid="kiosk-key-save">{messages.kioskKeySave}</Button>
    </div>
  );
}

/** The ticket as it prints on the kiosk's 80 mm thermal printer (kiosk.css @media print keeps only this). */
function TicketView({ ticket, onDone }: { ticket: QueueTicket; onDone: () => void }) {
  return (
    <div className="kiosk-panel">
      <section className="kiosk-ticket" data-testid="kiosk-ticket">
        <div className="kiosk-ticket-centre">{ticket.unitName}</div>
        <div className="kiosk-ticket-title">{messages.kioskTicketTitle}</div>
        <div className="kiosk-ticket-label">{messages.kioskTicketNumber}</div>
        <div className="kiosk-ticket-number" data-testid="kiosk-ticket-number">{String(ticket.number).padStart(3, '0')}</div>
        <div>{messages.kioskTicketWait}</div>
        <div className="kiosk-ticket-time">{messages.kioskTicketTaken}: {formatDateTime(ticket.takenAt)} · {ticket.deviceName}</div>
      </section>
      <div className="kiosk-actions">
        <Button size="large" type="primary" className="kiosk-button" onClick={() => window.print()} data-testid="kiosk-print">{messages.kioskTicketPrint}</Button>
        <Button size="large" className="kiosk-button" onClick={onDone} data-testid="kiosk-done">{messages.kioskDone}</Button>
      </div>
    </div>
  );
}

function LookUp({ busy, result, onSearch, onBack }: { busy: boolean; result: DossierStatus | null; onSearch: (code: string) => void; onBack: () => void }) {
  const [code, setCode] = useState('');
  const search = () => code.trim() && onSearch(code.trim());
  return (
    <div className="kiosk-panel">
      <h1>{messages.kioskLookUp}</h1>
      <label className="kiosk-label" htmlFor="kiosk-code">{messages.kioskDossierCode}</label>
      <Input id="kiosk-code" size="large" className="kiosk-input" value={code} placeholder={messages.kioskDossierCodePlaceholder} maxLength={40}
        onChange={(e) => setCode(e.target.value)} onPressEnter={search} data-testid="kiosk-code" />
      {result && (
        <dl className="kiosk-result" data-testid="kiosk-dossier">
          <dt>{messages.kioskDossierState}</dt><dd>{result.stateLabel}</dd>
          <dt>{messages.kioskDossierDue}</dt><dd>{result.dueAt ? formatInstantDate(result.dueAt) : messages.kioskDossierNoDue}</dd>
        </dl>
      )}
      <div className="kiosk-actions">
        <Button size="large" type="primary" className="kiosk-button" loading={busy} disabled={!code.trim()} onClick={search} data-testid="kiosk-search">{messages.kioskSearch}</Button>
        <Button size="large" className="kiosk-button" onClick={onBack}>{messages.kioskBack}</Button>
      </div>
    </div>
  );
}

function SignIn({ busy, onQr, onBack, reader, onChip }: { busy: boolean; onQr: (qr: string) => void; onBack: () => void; reader: string | null; onChip: () => Promise<unknown> }) {
  const [camera, setCamera] = useState(false);
  const [typed, setTyped] = useState('');
  const chip = useRef(onChip);
  chip.current = onChip;
  // While this screen is open, the reader is asked about once a second; a card is read once per placing
  // (after a refused card, it must be taken off first, so that a bad read does not loop).
  useEffect(() => {
    if (!reader) return undefined;
    const abort = new AbortController();
    let live = true;
    let waitForRemoval = false;
    void (async () => {
      while (live) {
        const present = await cardPresent(reader, abort.signal);
        if (!live) break;
        if (present && !waitForRemoval) {
          waitForRemoval = true;
          await chip.current();
        } else if (!present) waitForRemoval = false;
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    return () => {
      live = false;
      abort.abort();
    };
  }, [reader]);
  return (
    <div className="kiosk-panel">
      <h1>{messages.kioskSignIn}</h1>
      {reader && <p className="kiosk-card-hint" data-testid="kiosk-card-hint">{messages.kioskCardHint}</p>}
      <p>{messages.kioskScanHint}</p>
      {camera
        ? <QrScanner onResult={(text) => {
          setCamera(false);
          onQr(text);
        }} onClose={() => setCamera(false)} />
        : <Button size="large" type="primary" className="kiosk-button" onClick={() => setCamera(true)} data-testid="kiosk-camera">{messages.kioskScanStart}</Button>}
      <label className="kiosk-label" htmlFor="kiosk-qr">{messages.kioskScanTyped}</label>
      <Input.Password id="kiosk-qr" size="large" className="kiosk-input" value={typed} visibilityToggle={false} onChange={(e) => setTyped(e.target.value)}
        onPressEnter={() => typed.trim() && onQr(typed.trim())} data-testid="kiosk-qr" />
      <div className="kiosk-actions">
        <Button size="large" className="kiosk-button" loading={busy} disabled={!typed.trim()} onClick={() => onQr(typed.trim())} data-testid="kiosk-qr-submit">{messages.kioskScanSubmit}</Button>
        <Button size="large" className="kiosk-button" onClick={onBack}>{messages.kioskBack}</Button>
      </div>
    </div>
  );
}

function SignedIn({ name, idleSeconds, onSignOut, onNewDossier, children }: { name: string | null; idleSeconds: number; onSignOut: () => void; onNewDossier: () => void; children: ReactNode }) {
  return (
    <div className="kiosk-panel" data-testid="kiosk-signed-in">
      <h1>{t('kioskHello', { name: name ?? '' })}</h1>
      <p>{t('kioskSignedInHint', { seconds: String(idleSeconds) })}</p>
      <div className="kiosk-tiles">
        <KioskTile testId="kiosk-new-dossier-open" title={messages.kioskNewDossier} hint={messages.kioskNewDossierHint} onClick={onNewDossier} />
      </div>
      <h2 className="kiosk-subtitle">{messages.kioskMyDossiers}</h2>
      {children}
      <Button size="large" danger className="kiosk-button" onClick={onSignOut} data-testid="kiosk-sign-out">{messages.kioskSignOut}</Button>
    </div>
  );
}
