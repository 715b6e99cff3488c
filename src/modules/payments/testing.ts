// Test support for the payments module (lint: only test code imports a module's testing.ts).
import { createHmac } from 'node:crypto';

/** The development notification secret (settings.ts) the tests sign with. */
export const SAMPLE_NOTIFY_SECRET = 'da06-development-payment-notification-secret-not-for-production';

/** The headers of a notification signed as the bank signs it (service.ts `checkDelivery`). */
export function signedNotification(body: string, secret = SAMPLE_NOTIFY_SECRET, at = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = createHmac('sha256', secret).update(`${at}.${body}`).digest('hex');
  return { 'content-type': 'application/json', 'x-payment-timestamp': String(at), 'x-payment-signature': `sha256=${signature}` };
}
export { PaymentPlatformStandin } from './connectors/platform-standin.js';
