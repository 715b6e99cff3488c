// The kiosk module (issue 16, model 2): self-service kiosks of the public-administration centres.
// Other modules import only this file.
//
// Chip-card sign-in (not built yet; the contract it will follow). The card reader is outside the browser: a
// small agent on the kiosk device reads the chip (ICAO 9303, BAC/PACE with the MRZ or CAN the citizen's card
// shows) and serves the result to the kiosk page on the loopback interface only:
//   GET http://127.0.0.1:<port>/chip  ->  200 { "dataGroups": { "sod": "<base64>", "dg1": "<base64>", "dg2": "...", "dg13": "...", "dg14": "...", "dg15": "..." },
//                                              "activeAuthentication": { "challenge": "<base64>", "signature": "<base64>" } }
//   (the body of POST /api/v1/verifications/chip: credentials' ChipBody), 204 while no card is on the reader,
//   with `Access-Control-Allow-Origin` the kiosk's own origin only. The challenge is fetched by the page from the
//   server first and handed to the agent (`POST /chip/challenge`), so a replayed read fails.
// The page then posts that body to POST /api/v1/kiosk/sessions/chip with its kiosk key, and the server verifies it
// with credentials.verifyChip as at the centre's relying party, exactly as the identity QR is (service.signIn):
// the agent is trusted with nothing, the passive authentication decides.
export { createKioskService, type KioskService, type KioskDeps, type KioskDevice } from './service.js';
export { kioskRoutes } from './routes.js';

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
  needs: [],
});
