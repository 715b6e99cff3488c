import { browserSupportsWebAuthn, startAuthentication, startRegistration, WebAuthnError } from '@simplewebauthn/browser';
import { ApiError } from '../api.js';
import { messages } from '../messages.js';
import type { CitizenSignedIn } from '../api/shapes.js';
import { citizenApi, citizenOk } from './session.js';

type CreationOptions = Parameters<typeof startRegistration>[0]['optionsJSON'];
type RequestOptions = Parameters<typeof startAuthentication>[0]['optionsJSON'];

export const passkeysSupported = (): boolean => browserSupportsWebAuthn();

/** A credential's JSON with its extension results as a plain record, as the server's schema has them. */
function asJson<R extends { clientExtensionResults: object }>(response: R): Omit<R, 'clientExtensionResults'> & { clientExtensionResults: Record<string, unknown> } {
  const clientExtensionResults: Record<string, unknown> = { ...response.clientExtensionResults };
  return { ...response, clientExtensionResults };
}

/** Registration from the portal: options from the server, the device creates the key, the server stores it. */
export async function addPasskey(label?: string): Promise<void> {
  // The server's schema keeps the WebAuthn options open ({ challenge, ... }); @simplewebauthn names them.
  const optionsJSON = (await citizenOk(citizenApi.POST('/api/v1/citizen/passkeys/options'))) as unknown as CreationOptions;
  const response = await startRegistration({ optionsJSON });
  await citizenOk(citizenApi.POST('/api/v1/citizen/passkeys', { body: { response: asJson(response), ...(label ? { label } : {}) } }));
}

/** Second step of a sign-in with a passkey; resolves with what /citizen/session/verify answers. */
export async function signInWithPasskey(challengeId: string): Promise<CitizenSignedIn> {
  const optionsJSON = (await citizenOk(citizenApi.POST('/api/v1/citizen/session/passkey-options', { body: { challengeId } }))) as unknown as RequestOptions;
  const response = await startAuthentication({ optionsJSON });
  return citizenOk(citizenApi.POST('/api/v1/citizen/session/verify', { body: { challengeId, method: 'passkey', response: asJson(response) } }));
}

/** A message for whatever went wrong: the server's problem, or the browser's refusal (cancelled, timed out). */
export function passkeyErrorText(err: unknown): string {
  if (err instanceof ApiError) return err.status !== 0 && err.status !== 500 ? err.detail : messages.genericError;
  if (err instanceof WebAuthnError || (err instanceof Error && (err.name === 'NotAllowedError' || err.name === 'AbortError'))) return messages.passkeyCancelled;
  if (!passkeysSupported()) return messages.passkeyUnsupported;
  return messages.passkeyCancelled;
}
