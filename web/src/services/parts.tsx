import type { ReactNode } from 'react';
import { Tag, Timeline } from 'antd';
import { formatDateTime } from '../format.js';
import { messages, t } from '../messages.js';
import { CHANNELS, DOSSIER_STATES, DUE_FLAGS } from './vocabulary.js';
import type { DossierStateName, DueFlag, ProcedureSummary, TimelineEntry } from './types.js';

const STATE_COLOURS: Partial<Record<DossierStateName, string>> = {
  draft: 'default', submitted: 'blue', received: 'blue', in_process: 'processing', supplement_requested: 'orange',
  awaiting_payment: 'purple', processed: 'cyan', returned: 'green', rejected_at_reception: 'red', withdrawn: 'default', stopped: 'default',
};

export function StateTag({ state }: { state: DossierStateName }) {
  return (
    <Tag color={STATE_COLOURS[state]} className="svc-state" data-testid="dossier-state" data-state={state}>
      {DOSSIER_STATES[state].label}
    </Tag>
  );
}

/** How the dossier came in, shown when not online (a paper dossier received at the desk: "Trực tiếp"). */
export function ChannelTag({ channel }: { channel: keyof typeof CHANNELS }) {
  if (channel === 'online') return null;
  return (
    <Tag className="svc-state" data-testid="dossier-channel" data-channel={channel}>
      {CHANNELS[channel]}
    </Tag>
  );
}

/** Late (red), due today (orange), due tomorrow (gold): dark text on a light ground, contrast above 4.5:1 (services.css). */
export function DueTag({ flag }: { flag: DueFlag | null | undefined }) {
  if (!flag) return null;
  return (
    <span className={`svc-due svc-due-${flag}`} data-testid="due-flag" data-flag={flag}>
      {DUE_FLAGS[flag]}
    </span>
  );
}

export function timeLimitText(limit: ProcedureSummary['timeLimit']): string {
  if (limit.sameDay) return messages.servicesSameDay;
  if (limit.workingHours) return t('servicesWorkingHours', { n: limit.workingHours });
  if (limit.workingDays) return t('servicesWorkingDays', { n: limit.workingDays });
  return messages.none;
}

const actorOf = (e: TimelineEntry) => (e.actorKind === 'citizen' ? messages.servicesCitizen : e.actorKind === 'officer' ? (e.actorName ?? messages.servicesSystem) : messages.servicesSystem);

/** The dossier's life, oldest first: each step with its time (dd/MM/yyyy HH:mm), who, and the comment. */
export function DossierTimeline<E extends TimelineEntry>({ entries, head }: { entries: E[]; head?: (e: E) => ReactNode }) {
  if (!entries.length) return <div className="muted">{messages.servicesTimelineEmpty}</div>;
  return (
    <Timeline
      className="svc-timeline"
      data-testid="dossier-timeline"
      items={entries.map((e, i) => ({
        key: i,
        color: e.toState === 'rejected_at_reception' || e.toState === 'withdrawn' ? 'red' : e.toState === 'supplement_requested' ? 'orange' : e.toState === 'returned' ? 'green' : 'blue',
        content: (
          <div data-testid="timeline-entry" data-action={e.action}>
            <div className="svc-tl-head">
              {head?.(e)}
              <strong>{e.label}</strong>
            </div>
            <div className="svc-tl-meta">
              {formatDateTime(e.at)} · {actorOf(e)} · {DOSSIER_STATES[e.toState].label}
            </div>
            {e.comment && <div className="svc-tl-comment">{e.comment}</div>}
            {supplementItems(e).length > 0 && (
              <ul className="svc-tl-items">
                {supplementItems(e).map((it) => (
                  <li key={it}>{it}</li>
                ))}
              </ul>
            )}
          </div>
        ),
      }))}
    />
  );
}

/** The items an officer asked for in a supplement request (its timeline entry's data). */
export function supplementItems(e: TimelineEntry | undefined): string[] {
  const items = (e?.data as { items?: unknown } | null | undefined)?.items;
  return Array.isArray(items) ? items.filter((x): x is string => typeof x === 'string') : [];
}

/** The file as base64 (the upload's JSON body). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read'));
    reader.readAsDataURL(file);
  });
}

/** Downloads a document answered as base64 by the API. */
export function saveBase64(content: string, mediaType: string, fileName: string) {
  const bytes = Uint8Array.from(atob(content), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: mediaType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "N giấy tờ không phải nộp", a hint, and, when given, the papers the platform reads itself. */
export function NotRequired({ count, names = [], testId, hint }: { count: number; names?: string[]; testId: string; hint?: string }) {
  return (
    <>
      <p>
        <span className="svc-free-count" data-testid={testId}>
          {t('servicesNotRequiredCount', { count })}
        </span>
      </p>
      {hint && <p className="muted">{hint}</p>}
      {names.length > 0 && (
        <ul className="svc-docs">
          {names.map((n) => (
            <li key={n}>✓ {n}</li>
          ))}
        </ul>
      )}
    </>
  );
}
