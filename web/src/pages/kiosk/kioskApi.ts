import { ApiError, createApiClient, ok } from '../../api.js';

/** Where the kiosk keeps its device key: entered once by the technician who sets the kiosk up. */
const KEY_STORAGE = 'da06.kioskKey';

export const storedKioskKey = (): string => localStorage.getItem(KEY_STORAGE) ?? '';
export const storeKioskKey = (key: string): void => localStorage.setItem(KEY_STORAGE, key.trim());

/** The kiosk's own client: no officer session, no CSRF token; every call carries the device key (and the citizen's session when there is one). */
const client = createApiClient(() => undefined);
const allow401 = { allow401: true };
const header = (key: string, session?: string) => ({ 'x-kiosk-key': key, ...(session ? { 'x-kiosk-session': session } : {}) });

export const kioskApi = {
  device: (key: string) => ok(client.GET('/api/v1/kiosk', { headers: header(key) }), allow401),
  takeNumber: (key: string) => ok(client.POST('/api/v1/kiosk/queue-tickets', { headers: header(key) }), allow401),
  lookUp: (key: string, code: string) => ok(client.GET('/api/v1/kiosk/dossiers/{code}', { headers: header(key), params: { path: { code } } }), allow401),
  signIn: (key: string, qr: string) => ok(client.POST('/api/v1/kiosk/sessions', { headers: header(key), body: { qr } }), allow401),
  chipChallenge: (key: string) => ok(client.POST('/api/v1/kiosk/chip-challenges', { headers: header(key) }), allow401),
  signInWithChip: (key: string, chip: ChipRead) => ok(client.POST('/api/v1/kiosk/sessions/chip', { headers: header(key), body: chip }), allow401),
  dossiers: (key: string, session: string) => ok(client.GET('/api/v1/kiosk/sessions/current/dossiers', { headers: header(key, session) }), allow401),
  receipt: (key: string, session: string, id: number) =>
    ok(client.GET('/api/v1/kiosk/sessions/current/dossiers/{id}/receipt', { headers: header(key, session), params: { path: { id } } }), allow401),
  payment: (key: string, session: string, id: number) =>
    ok(client.GET('/api/v1/kiosk/sessions/current/dossiers/{id}/payment', { headers: header(key, session), params: { path: { id } } }), allow401),
  procedures: (key: string, session: string) => ok(client.GET('/api/v1/kiosk/sessions/current/procedures', { headers: header(key, session) }), allow401),
  /** Starts and submits a paperless dossier in one go; the same idempotency key (a second touch, a retry) answers with the same dossier. */
  submit: (key: string, session: string, idempotencyKey: string, body: KioskSubmission) =>
    ok(client.POST('/api/v1/kiosk/sessions/current/dossiers', { headers: { ...header(key, session), 'idempotency-key': idempotencyKey }, body }), allow401),
  /** Ends the citizen's session; a failure changes nothing on screen (the server ends an idle session by itself). */
  signOut: (key: string, session: string) => ok(client.DELETE('/api/v1/kiosk/sessions/current', { headers: header(key, session) }), allow401).catch(() => undefined),
};

/** What the kiosk's card reader hands over: the body of POST /api/v1/kiosk/sessions/chip (docs/connectors/kiosk-card-reader.md). */
export interface ChipRead {
  sod: string;
  dg1: string;
  dg2?: string;
  dg13?: string;
  dg15?: string;
  aaChallenge?: string;
  aaSignature?: string;
}

export const isUnregistered = (err: unknown) => err instanceof ApiError && err.code === 'KIOSK_NOT_REGISTERED';
export type KioskInfo = Awaited<ReturnType<typeof kioskApi.device>>;
export type QueueTicket = Awaited<ReturnType<typeof kioskApi.takeNumber>>;
export type DossierStatus = Awaited<ReturnType<typeof kioskApi.lookUp>>;
export type KioskDossier = Awaited<ReturnType<typeof kioskApi.dossiers>>['items'][number];
export type KioskReceipt = Awaited<ReturnType<typeof kioskApi.receipt>>;
export type KioskPayment = Awaited<ReturnType<typeof kioskApi.payment>>;
export type KioskProcedure = Awaited<ReturnType<typeof kioskApi.procedures>>['items'][number];
export type KioskSubmitted = Awaited<ReturnType<typeof kioskApi.submit>>;
export interface KioskSubmission {
  procedure: string;
  form?: Record<string, unknown>;
  documents?: { kind: string; ref: string }[];
}
