import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { citizenRoute, officerRoute, publicRoute } from '../../platform/access.js';
import { shownAs, subjectShown, unchanged } from '../../platform/audit.js';
import type { PaymentsService } from './service.js';
import * as S from './schema.js';

const CITIZEN_TAG = ['Thanh toán: người nộp'];
const UNIT_TAG = ['Thanh toán: đơn vị thu'];
const BANK_TAG = ['Thanh toán: ngân hàng, nền tảng thanh toán'];
const BASE = '/api/v1/payments';
const NOTIFY_BODY_LIMIT = 16_384;
const PAYER_PURPOSE = 'Người nộp xem khoản phải nộp, mã QR và biên lai của mình';
const UNIT_PURPOSE = 'Đơn vị thu theo dõi khoản thu phí, lệ phí và biên lai';
const FIELDS = ['payerName', 'amount', 'purpose', 'status'];

const pdf = (reply: { header(k: string, v: string): unknown }, file: { reference: string; pdf: Buffer }) => {
  reply.header('content-type', 'application/pdf');
  reply.header('content-disposition', `inline; filename="bien-lai-${file.reference}.pdf"`);
  return shownAs(file.pdf, { kind: 'payment', id: file.reference });
};

/**
 * The payer's view of their requests (the QR to scan, the receipt), the collecting unit's, and the
 * notification endpoint the bank or the payment platform calls server to server. The browser's return
 * from a bank app is never a confirmation: only a signed notification confirms.
 */
export function paymentsRoutes(payments: PaymentsService) {
  return async function (app: FastifyInstance) {
    app.route(citizenRoute({
      method: 'GET',
      url: `${BASE}/own`,
      audit: { action: 'payments.request.read', fields: FIELDS, subjects: (r) => r.items.map(subjectShown), purpose: PAYER_PURPOSE },
      schema: { tags: CITIZEN_TAG, summary: 'Các khoản phải nộp của tôi (có thể lọc theo một hồ sơ), mới nhất trước', querystring: S.OwnQuery, response: { 200: S.PaymentList } },
      handler: async (req, caller) => {
        const { subjectKind, subjectId } = req.query;
        const subject = subjectKind && subjectId ? { kind: subjectKind, id: subjectId } : undefined;
        return payments.listOwn(caller, subject, req.query.limit ?? 20, req.query.offset ?? 0);
      },
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: `${BASE}/own/:reference`,
      audit: { action: 'payments.request.read', fields: FIELDS, subjects: (r) => [subjectShown(r)], purpose: PAYER_PURPOSE },
      schema: { tags: CITIZEN_TAG, summary: 'Một khoản phải nộp của tôi: số tiền, trạng thái, nội dung mã VietQR khi còn chờ thanh toán', params: S.Reference, response: { 200: S.Payment } },
      handler: async (req, caller) => payments.own(caller, req.params.reference),
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: `${BASE}/own/:reference/status`,
      // Status, validity and receipt number only (no name, no amount, no personal ID): a page waiting for the
      // bank asks every few seconds, and each ask would otherwise be an audited read of the payer's data.
      audit: 'none',
      schema: {
        tags: CITIZEN_TAG, summary: 'Trạng thái một khoản của tôi (chờ thanh toán, đã thanh toán, hết hạn): trang chờ ngân hàng xác nhận hỏi lại vài giây một lần',
        params: S.Reference, response: { 200: S.PaymentState },
      },
      handler: async (req, caller) => payments.ownStatus(caller, req.params.reference),
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: `${BASE}/own/:reference/qr.svg`,
      // The code holds the unit's account, the amount and the reference: nobody's personal data.
      audit: 'none',
      schema: { tags: CITIZEN_TAG, summary: 'Mã VietQR (ảnh SVG) của một khoản còn chờ thanh toán của tôi', params: S.Reference, produces: ['image/svg+xml'], response: { 200: S.Svg } },
      handler: async (req, caller, reply) => {
        const svg = await payments.ownQr(caller, req.params.reference);
        reply.header('content-type', 'image/svg+xml; charset=utf-8').header('cache-control', 'no-store');
        return svg;
      },
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: `${BASE}/own/:reference/receipt.pdf`,
      audit: { action: 'payments.receipt.read', fields: ['payerName', 'personalId', 'amount'], subjects: (r) => [subjectShown(r as Uint8Array)], purpose: PAYER_PURPOSE },
      schema: { tags: CITIZEN_TAG, summary: 'Biên lai điện tử của một khoản tôi đã nộp (PDF)', params: S.Reference, produces: ['application/pdf'], response: { 200: S.Pdf } },
      handler: async (req, caller, reply) => pdf(reply, await payments.ownReceipt(caller, req.params.reference)),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: `${BASE}/own/:reference/renewal`,
      audit: 'payments.request.renewed',
      purpose: 'Người nộp xin cấp lại mã thanh toán đã hết hạn',
      schema: {
        tags: CITIZEN_TAG, summary: 'Xin mã thanh toán mới cho một khoản của tôi đã hết hạn (khi hồ sơ vẫn chờ nộp phí, lệ phí)',
        params: S.Reference, response: { 200: S.Renewal },
      },
      handler: async (req, caller) => {
        const r = await payments.renewOwn(caller, req.params.reference);
        if (!r.renewed) unchanged();
        return r;
      },
    }));

    app.route(officerRoute('payments.read', {
      method: 'GET',
      url: BASE,
      audit: { action: 'payments.request.read', fields: FIELDS, subjects: (r) => r.items.map(subjectShown), purpose: UNIT_PURPOSE },
      schema: { tags: UNIT_TAG, summary: 'Các khoản thu của đơn vị (xã: của xã; tỉnh: cả tỉnh), mới nhất trước', querystring: S.ListQuery, response: { 200: S.PaymentList } },
      handler: async (req, caller) => payments.listOfUnit(caller, req.query.status, req.query.limit ?? 20, req.query.offset ?? 0),
    }));

    app.route(officerRoute('payments.read', {
      method: 'GET',
      url: `${BASE}/:reference`,
      audit: { action: 'payments.request.read', fields: FIELDS, subjects: (r) => [subjectShown(r)], purpose: UNIT_PURPOSE },
      schema: { tags: UNIT_TAG, summary: 'Một khoản thu của đơn vị', params: S.Reference, response: { 200: S.Payment } },
      handler: async (req, caller) => payments.ofUnit(caller, req.params.reference),
    }));

    app.route(officerRoute('payments.read', {
      method: 'GET',
      url: `${BASE}/:reference/receipt.pdf`,
      audit: { action: 'payments.receipt.read', fields: ['payerName', 'personalId', 'amount'], subjects: (r) => [subjectShown(r as Uint8Array)], purpose: UNIT_PURPOSE },
      schema: { tags: UNIT_TAG, summary: 'Biên lai điện tử của một khoản đã thu (PDF)', params: S.Reference, produces: ['application/pdf'], response: { 200: S.Pdf } },
      handler: async (req, caller, reply) => pdf(reply, await payments.unitReceipt(caller, req.params.reference)),
    }));

    app.route(officerRoute('payments.renew', {
      method: 'POST',
      url: `${BASE}/:reference/renewal`,
      audit: 'payments.request.renewed',
      purpose: 'Đơn vị thu cấp lại mã thanh toán đã hết hạn',
      schema: {
        tags: UNIT_TAG, summary: 'Cấp mã thanh toán mới cho một khoản của đơn vị đã hết hạn (khi hồ sơ vẫn chờ nộp phí, lệ phí)',
        params: S.Reference, response: { 200: S.Renewal },
      },
      handler: async (req, caller) => {
        const r = await payments.renewOfUnit(caller, req.params.reference);
        if (!r.renewed) unchanged();
        return r;
      },
    }));

    app.route(officerRoute('payments.reconcile', {
      method: 'POST',
      url: `${BASE}/statements`,
      audit: 'payments.statement.uploaded',
      purpose: 'Đối soát sao kê ngân hàng với thông báo thanh toán',
      schema: {
        tags: UNIT_TAG, summary: 'Nạp sao kê ngân hàng (CSV) để đối soát với thông báo thanh toán; trả các dòng không khớp',
        description: 'Dòng đầu: transaction_id,booked_on,amount,description. Mỗi dòng sai được nêu số dòng và lý do; có dòng sai thì không lưu gì.',
        body: S.StatementUpload, response: { 200: S.StatementResult },
      },
      handler: async (req, caller) => payments.reconciliation.uploadStatement(caller, req.body.fileName, req.body.content),
    }));

    app.route(officerRoute('payments.reconcile', {
      method: 'GET',
      url: `${BASE}/mismatches`,
      audit: {
        action: 'payments.mismatches.read', fields: ['description', 'payerName', 'amount'], purpose: 'Đối soát thu phí, lệ phí',
        subjects: (r) => [...r.statementLines.map(subjectShown), ...r.heldNotifications.map(subjectShown)],
      },
      schema: { tags: UNIT_TAG, summary: 'Chênh lệch đối soát: dòng sao kê không khớp và thông báo thanh toán bị giữ lại', querystring: S.MismatchQuery, response: { 200: S.Mismatches } },
      handler: async (req, caller) => payments.reconciliation.mismatches(caller, req.query.limit ?? 100),
    }));

    app.route(officerRoute('payments.reconcile', {
      method: 'POST',
      url: `${BASE}/:reference/refund`,
      audit: 'payments.refund.recorded',
      purpose: 'Hoàn trả khoản đã nộp',
      schema: { tags: UNIT_TAG, summary: 'Ghi nhận hoàn trả toàn bộ một khoản đã thu, kèm lý do', params: S.Reference, body: S.RefundBody, response: { 200: S.RefundResult } },
      handler: async (req, caller) => payments.reconciliation.refund(caller, req.params.reference, req.body.reason),
    }));

    // The notification reads its body as the raw text the signature covers (a parser of its own, in its own context).
    await app.register(async (hook) => {
      hook.removeContentTypeParser('application/json');
      hook.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: NOTIFY_BODY_LIMIT }, (_req, body, done) => done(null, body));
      hook.route(publicRoute({
        method: 'POST',
        url: `${BASE}/notifications`,
        audit: 'payments.payment.confirmed',
        purpose: 'Ghi nhận thanh toán phí, lệ phí theo thông báo của ngân hàng',
        schema: {
          tags: BANK_TAG,
          summary: 'Ngân hàng (hoặc nền tảng thanh toán) báo một khoản đã chuyển: ký HMAC-SHA256 trên "<X-Payment-Timestamp>.<nội dung>" (docs/connectors/payments.md)',
          description: 'Cùng transactionId gửi lại: trả lời như lần đầu, không ghi nhận lần hai. Sai số tiền hoặc khoản không còn chờ: ghi lại cho kế toán, trả 422, không ghi nhận.',
          headers: S.NotifyHeaders, body: Type.String({ maxLength: NOTIFY_BODY_LIMIT }),
          response: { 200: S.NotifyAnswer },
        },
        handler: async (req) => {
          const r = await payments.notify(req.body, req.headers['x-payment-timestamp'], req.headers['x-payment-signature']);
          if (r.duplicate) unchanged();
          return r;
        },
      }));
    });
  };
}
