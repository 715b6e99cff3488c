import { browserSupportsWebAuthn, startAuthentication, startRegistration, WebAuthnError } from '@simplewebauthn/browser';
import { ApiError } from '../api.js';
import { messages } from '../messages.js';
import { citizenApi } from './session.js';

type CreationOptions = Parameters<typeof startRegistration>[0]['optionsJSON'];
type RequestOptions = Parameters<typeof startAuthentication>[0]['optionsJSON'];

export const passkeysSupported = (): boolean => browserSupportsWebAuthn();

/** Registration from the portal: options from the server, the device creates the key, the server stores it. */
export async function addPasskey(label?: string): Promise<void> {
  const optionsJSON = await citizenApi<CreationOptions>('/citizen/passkeys/options', { method: 'POST' });
  const response = await startRegistration({ optionsJSON });
  await citizenApi<unknown>('/citizen/passkeys', { method: 'POST', body: { response, ...(label ? { label } : {}) } });
}

/** Second step of a sign-in with a passkey; resolves with what /citizen/session/verify answers. */
export async function signInWithPasskey(challengeId: string): Promise<{ csrfToken: string; level: 1 | 2 }> {
  const optionsJSON = await citizenApi<RequestOptions>('/citizen/session/passkey-options', { method: 'POST', body: { challengeId } });
  const response = await startAuthentication({ optionsJSON });
  return citizenApi<{ csrfToken: string; level: 1 | 2 }>('/citizen/session/verify', { method: 'POST', body: { challengeId, method: 'passkey', response } });
}

/** A message for whatever went wrong: the server's problem, or the browser's refusal (cancelled, timed out). */
export function passkeyErrorText(err: unknown): string {
  if (err instanceof ApiError) return err.status !== 0 && err.status !== 500 ? err.detail : messages.genericError;
  if (err instanceof WebAuthnError || (err instanceof Error && (err.name === 'NotAllowedError' || err.name === 'AbortError'))) return messages.passkeyCancelled;
  if (!passkeysSupported()) return messages.passkeyUnsupported;
  return messages.passkeyCancelled;
}
