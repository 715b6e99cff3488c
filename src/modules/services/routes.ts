import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { citizenRoute, publicRoute } from '../../platform/access.js';
import { subjectShown } from '../../platform/audit.js';
import type { ServicesService } from './service.js';
import { RECORD_FIELDS } from './officer-service.js';
import * as S from './schema.js';
import { officerRoutes } from './officer-routes.js';
import { pdfAnswer } from './pdf-answer.js';
import { PAPERS } from './receipt-paper.js';
import { dvcqgRoutes } from './dvcqg-routes.js';
import { groupRoutes } from './groups/routes.js'; // [groups hook]
import { lifeRoutes } from './life/routes.js'; // [life]
import { copiesRoutes } from './copies/routes.js'; // [copies]

const CATALOGUE_TAG = ['Dịch vụ công: danh mục thủ tục'];
const CITIZEN_TAG = ['Dịch vụ công: hồ sơ của công dân'];
const CITIZEN_PURPOSE = 'Công dân thực hiện thủ tục hành chính';
/** What a citizen's read of their own dossier shows. */
const OWN_FIELDS = ['form', 'documents', 'timeline', 'fee'];
/** The upload's body: a 5 MB file in base64 and its JSON around it. */
const UPLOAD_BODY_LIMIT = 7_200_000;

/** The services module's routes: the public catalogue, the citizen's dossiers and the one-stop desk (officer-routes.ts). */
export function servicesRoutes(services: ServicesService) {
  return async function (app: FastifyInstance) {
    // ---- the catalogue (public) ----
    app.route(publicRoute({
      method: 'GET',
      url: '/api/v1/services/procedures',
      audit: 'none',
      schema: { tags: CATALOGUE_TAG, summary: 'Danh mục thủ tục hành chính đang áp dụng; tìm không dấu theo tên, mã, lĩnh vực', querystring: S.CatalogueQuery, response: { 200: S.ProcedureList } },
      handler: async (req) => services.listProcedures(req.query.q),
    }));

    app.route(publicRoute({
      method: 'GET',
      url: '/api/v1/services/procedures/:slug',
      audit: 'none',
      schema: {
        tags: CATALOGUE_TAG, summary: 'Một thủ tục: tờ khai, trường lấy từ dữ liệu dân cư, giấy tờ cần nộp và không phải nộp, phí, lệ phí dự kiến',
        params: S.ProcedureParams, response: { 200: S.ProcedureDetail },
      },
      handler: async (req) => services.procedure(req.params.slug),
    }));

    app.route(publicRoute({
      method: 'GET',
      url: '/api/v1/services/rating-scale',
      audit: 'none',
      schema: { tags: CATALOGUE_TAG, summary: 'Nội dung và thang điểm đánh giá việc giải quyết thủ tục hành chính', response: { 200: S.RatingScaleView } },
      handler: async () => services.ratingScale(),
    }));

    // ---- the citizen's dossiers ----
    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/services/dossiers',
      audit: { action: 'services.dossier.own-read', fields: ['procedure', 'state', 'dueAt'], subjects: (r) => r.items.slice(0, 1).map(subjectShown), purpose: CITIZEN_PURPOSE },
      schema: { tags: CITIZEN_TAG, summary: 'Hồ sơ của tôi, mới nhất trước', querystring: Type.Object(S.Paging), response: { 200: S.DossierList } },
      handler: async (req, caller) => services.listOwn(caller, req.query.limit ?? 20, req.query.offset ?? 0),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/services/dossiers',
      audit: 'services.dossier.started',
      purpose: CITIZEN_PURPOSE,
      schema: {
        tags: CITIZEN_TAG,
        summary: 'Tạo hồ sơ (bản nháp): các trường Cơ sở dữ liệu dân cư đã có được điền sẵn và khóa',
        description: 'Tài khoản mức độ 1 được xem thủ tục và lưu bản nháp; nộp hồ sơ cần mức độ 2.',
        body: S.StartBody, response: { 201: S.Dossier },
      },
      handler: async (req, caller, reply) => {
        reply.code(201);
        return services.start(caller, req.body);
      },
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/services/dossiers/:id',
      audit: { action: 'services.dossier.own-read', fields: OWN_FIELDS, subjects: (r) => [subjectShown(r)], purpose: CITIZEN_PURPOSE },
      schema: { tags: CITIZEN_TAG, summary: 'Hồ sơ của tôi: tờ khai, giấy tờ, phí, quá trình giải quyết', params: S.Id, response: { 200: S.Dossier } },
      handler: async (req, caller) => services.getOwn(caller, req.params.id),
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/services/dossiers/:id/receipt',
      audit: { action: 'services.dossier.own-read', fields: ['fullName', 'address', 'procedure', 'dueAt'], subjects: (r) => [subjectShown(r)], purpose: CITIZEN_PURPOSE },
      schema: { tags: CITIZEN_TAG, summary: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả của hồ sơ của tôi (dữ liệu)', params: S.Id, response: { 200: S.ReceiptData } },
      handler: async (req, caller) => services.ownReceipt(caller, req.params.id),
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/services/dossiers/:id/receipt.pdf',
      audit: { action: 'services.dossier.own-read', fields: ['fullName', 'address', 'procedure', 'dueAt'], subjects: (r) => [subjectShown(r as Uint8Array)], purpose: CITIZEN_PURPOSE },
      schema: {
        tags: CITIZEN_TAG, summary: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả của hồ sơ của tôi (PDF, Mẫu 01)', params: S.Id,
        produces: ['application/pdf'], response: { 200: S.PdfPaper },
      },
      handler: async (req, caller, reply) => pdfAnswer(reply, await services.ownReceiptPdf(caller, req.params.id), `giay-tiep-nhan-${req.params.id}`),
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/services/dossiers/:id/papers/:paper',
      audit: { action: 'services.dossier.own-read', fields: ['fullName', 'address', 'procedure'], subjects: (r) => [subjectShown(r as Uint8Array)], purpose: CITIZEN_PURPOSE },
      schema: {
        tags: CITIZEN_TAG, summary: 'Phiếu yêu cầu bổ sung (Mẫu 02), phiếu từ chối (Mẫu 03) hoặc văn bản xin lỗi, gia hạn (Mẫu 04) của hồ sơ của tôi (PDF)',
        description: 'Chỉ có khi hồ sơ đã có yêu cầu bổ sung, từ chối hoặc gia hạn tương ứng (404 nếu chưa); bản in theo lần gần nhất.',
        params: S.PaperParams, produces: ['application/pdf'], response: { 200: S.PdfPaper },
      },
      handler: async (req, caller, reply) =>
        pdfAnswer(reply, await services.ownPaperPdf(caller, req.params.id, req.params.paper), `${PAPERS[req.params.paper].file}-${req.params.id}`),
    }));

    app.route(citizenRoute({
      method: 'PUT',
      url: '/api/v1/services/dossiers/:id/form',
      audit: 'services.dossier.saved',
      purpose: CITIZEN_PURPOSE,
      schema: {
        tags: CITIZEN_TAG, summary: 'Lưu bản nháp tờ khai (trường lấy từ dữ liệu dân cư giữ nguyên, thay đổi của máy khách bị bỏ qua)',
        params: S.Id, body: S.SaveBody, response: { 200: S.Dossier },
      },
      handler: async (req, caller) => services.saveDraft(caller, req.params.id, req.body.form),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/services/dossiers/:id/submission',
      audit: 'services.dossier.submitted',
      purpose: CITIZEN_PURPOSE,
      schema: {
        tags: CITIZEN_TAG,
        summary: 'Nộp hồ sơ (cần tài khoản mức độ 2): đọc lại dữ liệu dân cư, kiểm tra tờ khai và giấy tờ, cấp mã hồ sơ',
        description: 'Gửi lại cùng Idempotency-Key trả về hồ sơ đã nộp (200), không tạo hồ sơ thứ hai.',
        params: S.Id, headers: S.SubmitHeaders, response: { 201: S.Dossier, 200: S.Dossier },
      },
      handler: async (req, caller, reply) => {
        const d = await services.submit(caller, req.params.id, req.headers['idempotency-key']);
        reply.code('replayed' in d && d.replayed ? 200 : 201);
        return d;
      },
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/services/dossiers/:id/documents',
      audit: 'services.document.uploaded',
      purpose: CITIZEN_PURPOSE,
      bodyLimit: UPLOAD_BODY_LIMIT,
      schema: {
        tags: CITIZEN_TAG, summary: 'Tải lên giấy tờ còn phải nộp (PDF, JPEG, PNG; kiểm tra loại và kích thước theo nội dung tệp)',
        params: S.Id, body: S.UploadBody, response: { 201: S.DocumentView },
      },
      handler: async (req, caller, reply) => {
        reply.code(201);
        return services.uploadDocument(caller, req.params.id, req.body);
      },
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/services/dossiers/:id/stored-documents',
      audit: { action: 'services.store.read', fields: ['document'], subjects: (r) => [subjectShown(r)], purpose: CITIZEN_PURPOSE },
      schema: {
        tags: CITIZEN_TAG, summary: 'Giấy tờ trong kho dữ liệu điện tử của tôi dùng được cho các giấy tờ hồ sơ còn phải nộp (không phải tải lên lại)',
        params: S.Id, response: { 200: S.StoredDocuments },
      },
      handler: async (req, caller) => services.storedForDossier(caller, req.params.id),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/services/dossiers/:id/documents/from-store',
      audit: 'services.document.reused',
      purpose: CITIZEN_PURPOSE,
      schema: {
        tags: CITIZEN_TAG,
        summary: 'Dùng giấy tờ đã có trong kho cho một giấy tờ của hồ sơ (kiểm tra: của tôi, chưa bị thu hồi, đúng loại giấy tờ)',
        params: S.Id, body: S.ReuseBody, response: { 201: S.DocumentView },
      },
      handler: async (req, caller, reply) => {
        reply.code(201);
        return services.reuseDocument(caller, req.params.id, req.body);
      },
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/services/dossiers/:id/documents/:documentId',
      audit: { action: 'services.document.read', fields: ['document'], subjects: (r) => [subjectShown(r)], purpose: CITIZEN_PURPOSE },
      schema: { tags: CITIZEN_TAG, summary: 'Tải về giấy tờ của hồ sơ của tôi', params: S.DocumentParams, response: { 200: S.DocumentContent } },
      handler: async (req, caller) => services.ownDocument(caller, req.params.id, req.params.documentId),
    }));

    app.route(citizenRoute({
      method: 'DELETE',
      url: '/api/v1/services/dossiers/:id/documents/:documentId',
      audit: 'services.document.deleted',
      purpose: CITIZEN_PURPOSE,
      schema: { tags: CITIZEN_TAG, summary: 'Xóa giấy tờ đã tải lên (bản nháp hoặc khi được yêu cầu bổ sung)', params: S.DocumentParams, response: { 204: Type.Null() } },
      handler: async (req, caller, reply) => {
        await services.deleteDocument(caller, req.params.id, req.params.documentId);
        return reply.code(204).send();
      },
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/services/dossiers/:id/supplement',
      audit: 'services.dossier.supplemented',
      purpose: CITIZEN_PURPOSE,
      schema: {
        tags: CITIZEN_TAG, summary: 'Bổ sung hồ sơ theo yêu cầu: thời hạn giải quyết tính lại từ lần tiếp nhận mới',
        params: S.Id, body: S.SupplementAnswerBody, response: { 200: S.Dossier },
      },
      handler: async (req, caller) => services.answerSupplement(caller, req.params.id, req.body),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/services/dossiers/:id/withdrawal',
      audit: 'services.dossier.withdrawn',
      purpose: CITIZEN_PURPOSE,
      schema: { tags: CITIZEN_TAG, summary: 'Rút hồ sơ (trước khi có quyết định giải quyết)', params: S.Id, body: S.WithdrawBody, response: { 200: S.Dossier } },
      handler: async (req, caller) => services.withdraw(caller, req.params.id, req.body.comment),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/services/dossiers/:id/stop-request',
      audit: 'services.dossier.stop-requested',
      purpose: CITIZEN_PURPOSE,
      schema: {
        tags: CITIZEN_TAG, summary: 'Đề nghị dừng giải quyết hồ sơ đã được tiếp nhận (NĐ 118/2025 Điều 21), có lý do',
        description: 'Trạng thái hồ sơ giữ nguyên cho đến khi cơ quan giải quyết ra Thông báo dừng giải quyết hồ sơ. Hồ sơ chưa được tiếp nhận thì rút hồ sơ.',
        params: S.Id, body: S.StopRequestBody, response: { 200: S.Dossier },
      },
      handler: async (req, caller) => services.requestStop(caller, req.params.id, req.body.reason),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/services/dossiers/:id/rating',
      audit: 'services.dossier.rated',
      purpose: CITIZEN_PURPOSE,
      schema: {
        tags: CITIZEN_TAG, summary: 'Đánh giá việc giải quyết hồ sơ (9 nội dung của Nghị định 118/2025/NĐ-CP Điều 33), một lần, sau khi nhận kết quả',
        params: S.Id, body: S.RatingBody, response: { 200: S.Dossier },
      },
      handler: async (req, caller) => services.rate(caller, req.params.id, req.body),
    }));

    // ---- a second person's confirmation (the other party of a marriage, a father not married to the mother) ----
    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/services/dossiers/:id/invitation',
      audit: 'services.invitation.sent',
      purpose: CITIZEN_PURPOSE,
      schema: {
        tags: CITIZEN_TAG,
        summary: 'Mời người khác xác nhận hồ sơ (bên kết hôn còn lại, người cha) bằng số định danh cá nhân',
        description: 'Người được mời thấy lời mời trên tài khoản của mình (và tin nhắn nếu có tài khoản). Người nộp chỉ thấy trạng thái: chưa xác nhận, đã từ chối, đã xác nhận; '
          + 'thông tin của người được mời chỉ được điền sẵn và khóa sau khi họ xác nhận. Mời lại xóa câu trả lời trước.',
        params: S.Id, body: S.InviteBody, response: { 200: S.Dossier },
      },
      handler: async (req, caller) => services.invite(caller, req.params.id, req.body.personalId.trim()),
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/services/invitations',
      audit: { action: 'services.invitation.read', fields: ['fullName', 'procedure'], subjects: (r) => r.items.map(subjectShown), purpose: CITIZEN_PURPOSE },
      schema: { tags: CITIZEN_TAG, summary: 'Lời mời xác nhận hồ sơ gửi đến tôi (người mời, thủ tục, vai trò, trạng thái)', querystring: Type.Object(S.Paging), response: { 200: S.InvitationList } },
      handler: async (req, caller) => services.invitations(caller, req.query.limit ?? 20, req.query.offset ?? 0),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/services/invitations/:id/confirmation',
      audit: 'services.invitation.confirmed',
      purpose: CITIZEN_PURPOSE,
      schema: {
        tags: CITIZEN_TAG, summary: 'Xác nhận hồ sơ được mời (cần tài khoản mức độ 2): thông tin của tôi từ Cơ sở dữ liệu dân cư được điền vào hồ sơ và khóa',
        params: S.Id, response: { 200: S.InvitationAnswer },
      },
      handler: async (req, caller) => services.confirmInvitation(caller, req.params.id),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/services/invitations/:id/refusal',
      audit: 'services.invitation.declined',
      purpose: CITIZEN_PURPOSE,
      schema: { tags: CITIZEN_TAG, summary: 'Từ chối xác nhận hồ sơ được mời', params: S.Id, response: { 200: S.InvitationAnswer } },
      handler: async (req, caller) => services.declineInvitation(caller, req.params.id),
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/services/dossiers/:id/result.pdf',
      audit: { action: 'services.result.read', fields: ['result'], subjects: (r) => [subjectShown(r as Uint8Array)], purpose: CITIZEN_PURPOSE },
      schema: {
        tags: CITIZEN_TAG, summary: 'Kết quả giải quyết hồ sơ của tôi (PDF; phiếu lý lịch tư pháp), sau khi đã trả kết quả', params: S.Id,
        produces: ['application/pdf'], response: { 200: S.PdfPaper },
      },
      // The file itself is the answer (not `reply`), so the read entry is written before it leaves.
      handler: async (req, caller, reply) => {
        const pdf = await services.ownResultPdf(caller, req.params.id);
        reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="ket-qua-${req.params.id}.pdf"`);
        return pdf;
      },
    }));

    await officerRoutes(services, RECORD_FIELDS)(app);
    await dvcqgRoutes(services)(app);
    await groupRoutes(services.groups)(app); // [groups hook] linked life-event groups
    await lifeRoutes(services.life)(app); // [life] life-event offers, birth notices, reminders
    await copiesRoutes(services.copies)(app); // [copies] certified electronic copies and the sổ chứng thực
  };
}
