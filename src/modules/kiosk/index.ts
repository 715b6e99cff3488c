// The kiosk module (issue 16, model 2): self-service kiosks of the public-administration centres.
// Other modules import only this file.
//
// Chip-card sign-in: the card reader is outside the browser; a small program on the kiosk device reads the
// chip and hands the data to the kiosk page on the loopback interface (docs/connectors/kiosk-card-reader.md).
// The page posts it to POST /api/v1/kiosk/sessions/chip, and the server verifies it with credentials.verifyChip
// as at the centre's relying party: the program is trusted with nothing, the passive authentication decides.
export { createKioskService, type KioskService, type KioskDeps, type KioskDevice } from './service.js';
export { kioskRoutes, type KioskRouteOptions } from './routes.js';
export type { CardReaderStandin, StandinCard } from './connectors/card-reader-standin.js';

/** The card reader's local stand-in (tests, `da06 kiosk-card-reader`); loaded only when asked for. */
export function loadKioskCardReaderStandin(): Promise<typeof import('./connectors/card-reader-standin.js')> {
  return import('./connectors/card-reader-standin.js');
}

import { defineModule } from '../../platform/module.js';
import { KIOSK_ERRORS } from './errors.js';
import { KIOSK_PERMISSIONS } from './permissions.js';
import { KIOSK_AUDIT } from './audit-actions.js';
import { MESSAGES } from './messages.js';
import { kioskRoutes as kioskRoutesPlugin } from './routes.js';

/** What the kiosk module owns (platform/module.ts). */
export const kioskModule = defineModule({
  name: 'kiosk',
  title: 'Kiosk tự phục vụ',
  permissions: KIOSK_PERMISSIONS,
  errors: KIOSK_ERRORS,
  auditActions: KIOSK_AUDIT,
  messages: MESSAGES,
  routes: kioskRoutesPlugin,
  needs: ['credentials', 'services'],
});
