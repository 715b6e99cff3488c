// The payments module (issue 16): fees paid by VietQR, server-to-server confirmations, reconciliation and
// e-receipts, for every module that collects money (services' fees, later fines and tickets). Its words are
// generic: a request pays for a subject (kind, id) the asking module names, and that module settles its own
// record in the confirming transaction (`onSettled`). Other modules import only this file.
export { VIETQR_REASONS, TRANSFER_TEXT_MAX, VietQrError, encodeVietQr, readVietQr, transferText, vietQrPayment } from './vietqr.js';
export type { ScannedVietQr, VietQrPayee, VietQrReason, VietQrRequest } from './vietqr.js';
export { createPaymentsService, STATUS_LABELS, type PaymentsService, type PaymentRequestInput, type SettledPayment, type Settlement } from './service.js';
export { paymentsSettings, type PaymentsSettings } from './settings.js';
export { dongInWords } from './words.js';
export { httpPaymentPlatform, platformSettings, secureCodeOf, PLATFORM_LABEL, PLATFORM_STANDIN_LABEL, type PaymentPlatform, type PlatformOrder } from './connectors/platform.js';
export type { PaymentEvent } from './events.js';
export * as paymentsSchemas from './schema.js';

import { defineModule } from '../../platform/module.js';
import { PAYMENTS_ERRORS, PAYMENTS_FIELD_ERRORS } from './errors.js';
import { PAYMENTS_PERMISSIONS } from './permissions.js';
import { PAYMENTS_AUDIT } from './audit-actions.js';
import { PAYMENTS_EVENTS } from './events.js';
import { paymentsRoutes } from './routes.js';

/** What the payments module owns (platform/module.ts). */
export const paymentsModule = defineModule({
  name: 'payments',
  title: 'Thanh toán phí, lệ phí',
  permissions: PAYMENTS_PERMISSIONS,
  errors: PAYMENTS_ERRORS,
  fieldErrors: PAYMENTS_FIELD_ERRORS,
  auditActions: PAYMENTS_AUDIT,
  events: PAYMENTS_EVENTS,
  routes: paymentsRoutes,
  needs: ['registry'],
});
