import type { ChipRead } from './kioskApi.js';

/**
 * The kiosk's card reader: a program on the kiosk device that reads the chip ID card and answers on the
 * loopback interface (docs/connectors/kiosk-card-reader.md). Its address is set once by the technician
 * (`/kiosk?reader=http://127.0.0.1:<port>`, or `?reader=off` for a kiosk without one).
 */
const READER_STORAGE = 'da06.kioskCardReader';
export const DEFAULT_READER = 'http://127.0.0.1:8406';

/** The reader's address, or null when this kiosk has none. A `?reader=` in the address is kept for next time. */
export function cardReaderUrl(): string | null {
  const asked = new URLSearchParams(window.location.search).get('reader');
  if (asked !== null) localStorage.setItem(READER_STORAGE, asked.trim());
  const url = localStorage.getItem(READER_STORAGE) ?? DEFAULT_READER;
  return url === 'off' || !/^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/.test(url) ? null : url.replace(/\/$/, '');
}

/** Whether a card is on the reader; false also when the reader does not answer. */
export async function cardPresent(reader: string, signal?: AbortSignal): Promise<boolean> {
  try {
    const res = await fetch(`${reader}/status`, { signal, cache: 'no-store' });
    return res.ok && ((await res.json()) as { card?: unknown }).card === true;
  } catch {
    return false;
  }
}

export class CardReadError extends Error {}

/** Reads the card on the reader, the chip answering `challenge` (active authentication) when it can. */
export async function readCard(reader: string, challenge: string): Promise<ChipRead> {
  const res = await fetch(`${reader}/read`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ challenge }), cache: 'no-store' });
  const body = (await res.json().catch(() => ({}))) as ChipRead & { message?: string };
  if (!res.ok) throw new CardReadError(body.message ?? '');
  // Exactly the fields the server takes (it refuses any other).
  const { sod, dg1, dg2, dg13, dg15, aaChallenge, aaSignature } = body;
  return { sod, dg1, dg2, dg13, dg15, aaChallenge, aaSignature };
}
