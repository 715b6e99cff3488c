// The payments module (issue 16): fees paid by VietQR, server-to-server confirmations, reconciliation and
// e-receipts, for every module that collects money (services' fees, later fines and tickets). Built so far:
// the VietQR payload and its strict reading; the module descriptor comes with its first route.
export { VIETQR_REASONS, TRANSFER_TEXT_MAX, VietQrError, encodeVietQr, readVietQr, transferText, vietQrPayment } from './vietqr.js';
export type { ScannedVietQr, VietQrPayee, VietQrReason, VietQrRequest } from './vietqr.js';
