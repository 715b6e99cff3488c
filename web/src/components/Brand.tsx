import { messages } from '../messages.js';

/** The red-and-gold emblem (a stylised star on a disc). */
export function Emblem() {
  return (
    <svg className="brand-emblem" viewBox="0 0 32 32" aria-hidden="true">
      <circle cx="16" cy="16" r="15" fill="#c8102e" stroke="#f5c518" strokeWidth="1.5" />
      <path fill="#f5c518" d="M16 6l2.6 7.4H26l-6 4.5 2.3 7.4L16 20.8l-6.3 4.5 2.3-7.4-6-4.5h7.4z" />
    </svg>
  );
}

/** The emblem and system name shown in the header and on the sign-in page. */
export function Brand({ compact = false }: { compact?: boolean }) {
  return (
    <div className={compact ? 'brand brand-compact' : 'brand'}>
      <Emblem />
      <div className="brand-text">
        <div className="brand-name">{messages.appName}</div>
        <div className="brand-sub">{messages.appSubtitle}</div>
      </div>
    </div>
  );
}
