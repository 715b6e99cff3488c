import type { FastifyInstance } from 'fastify';
import type { TSchema } from '@sinclair/typebox';
import { officerRoute, type OfficerCaller, type TypedRequest } from '../../platform/access.js';
import { subjectShown, type AuditAction } from '../../platform/audit.js';
import type { ServicesService } from './service.js';
import { OFFICER_TRANSITIONS, type OfficerTransition } from './officer-service.js';
import * as S from './schema.js';
import { pdfAnswer } from './pdf-answer.js';
import { PAPERS } from './receipt-paper.js';

const DESK_TAG = ['Dịch vụ công: Bộ phận Một cửa và cơ quan giải quyết'];
const DESK_PURPOSE = 'Tiếp nhận, giải quyết thủ tục hành chính';
const BASE = '/api/v1/services/officer/dossiers';
const COUNTER_PURPOSE = 'Tiếp nhận hồ sơ trực tiếp tại Bộ phận Một cửa';
/** The counter's body: up to six scans of at most 5 MB in base64, and the form around them. */
const COUNTER_BODY_LIMIT = 44_000_000;

type ChangeSchema<B extends TSchema> = { tags: string[]; summary: string; params: typeof S.Id; body: B; response: { 200: typeof S.QueueItem } };
type ChangeResult = ReturnType<ServicesService['receive']>;

/**
 * The one-stop desk: the queue, a dossier beside the registry's records, and one route per change of a
 * dossier (its permission, its audit action, the states it may start from: officer-service.ts).
 */
export function officerRoutes(services: ServicesService, recordFields: readonly string[]) {
  return async function (app: FastifyInstance) {
    app.route(officerRoute('services.dossiers.read', {
      method: 'GET',
      url: BASE,
      audit: { action: 'services.dossier.read', fields: ['fullName', 'personalId(masked)', 'procedure', 'state', 'dueAt'], subjects: (r) => r.items.map(subjectShown), purpose: DESK_PURPOSE },
      schema: {
        tags: DESK_TAG, summary: 'Hàng đợi hồ sơ của đơn vị theo hạn xử lý (lọc theo thủ tục, trạng thái, sắp đến hạn, quá hạn)',
        querystring: S.QueueQuery, response: { 200: S.Queue },
      },
      handler: async (req, caller) => services.queue(caller, req.query),
    }));

    app.route(officerRoute('services.dossiers.process', {
      method: 'GET',
      url: '/api/v1/services/officer/colleagues',
      audit: 'none',
      schema: { tags: DESK_TAG, summary: 'Cán bộ cùng đơn vị, cùng cơ quan có thể được phân công xử lý hồ sơ', response: { 200: S.Colleagues } },
      handler: async (_req, caller) => services.colleagues(caller),
    }));

    app.route(officerRoute('services.dossiers.read', {
      method: 'GET',
      url: `${BASE}/:id`,
      audit: {
        action: 'services.dossier.read', fields: recordFields, purpose: DESK_PURPOSE,
        subjects: (r) => [subjectShown(r), ...r.registry.subjects.map(subjectShown)],
      },
      schema: {
        tags: DESK_TAG, summary: 'Hồ sơ: tờ khai bên cạnh thông tin trong Cơ sở dữ liệu dân cư, giấy tờ, quá trình giải quyết, thao tác được phép',
        params: S.Id, response: { 200: S.OfficerDossier },
      },
      handler: async (req, caller) => services.detail(caller, req.params.id),
    }));

    app.route(officerRoute('services.dossiers.read', {
      method: 'GET',
      url: `${BASE}/:id/receipt`,
      audit: { action: 'services.dossier.read', fields: ['fullName', 'address', 'procedure', 'dueAt'], subjects: (r) => [subjectShown(r)], purpose: DESK_PURPOSE },
      schema: {
        tags: DESK_TAG, summary: 'Dữ liệu Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01) của hồ sơ đã tiếp nhận',
        params: S.Id, response: { 200: S.ReceiptData },
      },
      handler: async (req, caller) => services.receipt(caller, req.params.id),
    }));

    app.route(officerRoute('services.dossiers.read', {
      method: 'GET',
      url: `${BASE}/:id/receipt.pdf`,
      audit: { action: 'services.dossier.read', fields: ['fullName', 'address', 'procedure', 'dueAt'], subjects: (r) => [subjectShown(r as Uint8Array)], purpose: DESK_PURPOSE },
      schema: {
        tags: DESK_TAG, summary: 'Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01) để in và ký (PDF)', params: S.Id,
        produces: ['application/pdf'], response: { 200: S.PdfPaper },
      },
      handler: async (req, caller, reply) => pdfAnswer(reply, await services.receiptPdf(caller, req.params.id), `giay-tiep-nhan-${req.params.id}`),
    }));

    app.route(officerRoute('services.dossiers.read', {
      method: 'GET',
      url: `${BASE}/:id/papers/:paper`,
      audit: { action: 'services.dossier.read', fields: ['fullName', 'address', 'procedure'], subjects: (r) => [subjectShown(r as Uint8Array)], purpose: DESK_PURPOSE },
      schema: {
        tags: DESK_TAG, summary: 'Phiếu yêu cầu bổ sung (Mẫu 02), phiếu từ chối (Mẫu 03) hoặc văn bản xin lỗi, gia hạn (Mẫu 04) để in và ký (PDF)',
        description: 'Chỉ có khi hồ sơ đã có yêu cầu bổ sung, từ chối hoặc gia hạn tương ứng (404 nếu chưa); bản in theo lần gần nhất.',
        params: S.PaperParams, produces: ['application/pdf'], response: { 200: S.PdfPaper },
      },
      handler: async (req, caller, reply) =>
        pdfAnswer(reply, await services.paperPdf(caller, req.params.id, req.params.paper), `${PAPERS[req.params.paper].file}-${req.params.id}`),
    }));

    app.route(officerRoute('services.dossiers.read', {
      method: 'GET',
      url: `${BASE}/:id/documents/:documentId`,
      audit: { action: 'services.document.read', fields: ['document'], subjects: (r) => [subjectShown(r)], purpose: DESK_PURPOSE },
      schema: { tags: DESK_TAG, summary: 'Tải về giấy tờ công dân đã nộp', params: S.DocumentParams, response: { 200: S.DocumentContent } },
      handler: async (req, caller) => services.officerDocument(caller, req.params.id, req.params.documentId),
    }));

    app.route(officerRoute('services.dossiers.read', {
      method: 'GET',
      url: `${BASE}/:id/result.pdf`,
      audit: { action: 'services.result.read', fields: ['result'], subjects: (r) => [subjectShown(r as Uint8Array)], purpose: DESK_PURPOSE },
      schema: {
        tags: DESK_TAG, summary: 'Kết quả giải quyết đã lập khi phê duyệt (PDF; phiếu lý lịch tư pháp)', params: S.Id,
        produces: ['application/pdf'], response: { 200: S.PdfPaper },
      },
      // The file itself is the answer (not `reply`), so the read entry is written before it leaves.
      handler: async (req, caller, reply) => {
        const pdf = await services.resultPdf(caller, req.params.id);
        reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="ket-qua-${req.params.id}.pdf"`);
        return pdf;
      },
    }));

    // ---- counter intake (channel 1, trực tiếp): counter.ts ----
    app.route(officerRoute('services.dossiers.receive', {
      method: 'GET',
      url: '/api/v1/services/officer/counter/applicants/:personalId',
      audit: { action: 'services.counter.applicant-read', fields: ['personalId', 'fullName', 'dateOfBirth', 'sex', 'residence', 'household'], subjects: (r) => [subjectShown(r)], purpose: COUNTER_PURPOSE },
      schema: {
        tags: DESK_TAG, summary: 'Tiếp nhận trực tiếp: tìm công dân theo số định danh, tờ khai điền sẵn từ Cơ sở dữ liệu dân cư, giấy tờ cần quét',
        description: 'Chỉ công dân trong tỉnh của đơn vị (ngoài tỉnh: 404); thủ tục phải thuộc cấp và cơ quan của cán bộ (404).',
        params: S.CounterApplicantParams, querystring: S.CounterApplicantQuery, response: { 200: S.CounterApplicant },
      },
      handler: async (req, caller) => services.counterApplicant(caller, req.params.personalId, req.query.procedure),
    }));

    app.route(officerRoute('services.dossiers.receive', {
      method: 'POST',
      url: '/api/v1/services/officer/counter/dossiers',
      audit: 'services.dossier.counter-received',
      purpose: COUNTER_PURPOSE,
      bodyLimit: COUNTER_BODY_LIMIT,
      schema: {
        tags: DESK_TAG,
        summary: 'Tiếp nhận hồ sơ giấy trực tiếp: tạo hồ sơ của công dân ở trạng thái đã tiếp nhận, có mã hồ sơ, ngày hẹn và Giấy tiếp nhận (Mẫu 01)',
        description: 'Gửi lại cùng Idempotency-Key trả về hồ sơ đã tiếp nhận (200), không tạo hồ sơ thứ hai. Giấy tiếp nhận: GET …/officer/dossiers/{id}/receipt.pdf.',
        headers: S.SubmitHeaders, body: S.CounterBody, response: { 201: S.CounterDossier, 200: S.CounterDossier },
      },
      handler: async (req, caller, reply) => {
        const d = await services.receiveAtCounter(caller, req.body, req.headers['idempotency-key']);
        reply.code(d.replayed ? 200 : 201);
        return d;
      },
    }));

    /** One change of a dossier: POST {BASE}/:id/{path}, answered with the dossier as the queue shows it. */
    function change<B extends TSchema>(
      transition: OfficerTransition, path: string, audit: AuditAction, summary: string, body: B,
      run: (req: TypedRequest<ChangeSchema<B>>, caller: OfficerCaller) => ChangeResult,
    ) {
      const schema: ChangeSchema<B> = { tags: DESK_TAG, summary, params: S.Id, body, response: { 200: S.QueueItem } };
      app.route(officerRoute(OFFICER_TRANSITIONS[transition], {
        method: 'POST', url: `${BASE}/:id/${path}`, audit, purpose: DESK_PURPOSE, schema,
        handler: async (req, caller) => run(req, caller),
      }));
    }

    change('assign', 'assignment', 'services.dossier.assigned', 'Phân công cán bộ xử lý (mặc định: chính mình; đồng nghiệp cùng đơn vị, cùng cơ quan)', S.AssignBody,
      (req, c) => services.assign(c, req.params.id, req.body));
    change('receive', 'reception', 'services.dossier.received', 'Tiếp nhận hồ sơ: Giấy tiếp nhận và hẹn trả kết quả (ngày hẹn theo lịch làm việc, quy tắc sau 15 giờ)', S.CommentBody,
      (req, c) => services.receive(c, req.params.id, req.body.comment));
    change('request_supplement', 'supplement-request', 'services.dossier.supplement-requested', 'Yêu cầu bổ sung, hoàn thiện hồ sơ (nêu đầy đủ một lần)', S.SupplementRequestBody,
      (req, c) => services.requestSupplement(c, req.params.id, req.body));
    change('reject', 'rejection', 'services.dossier.rejected', 'Từ chối tiếp nhận hồ sơ, có lý do', S.ReasonBody,
      (req, c) => services.reject(c, req.params.id, req.body.comment));
    change('refuse', 'refusal', 'services.dossier.refused', 'Từ chối giải quyết hồ sơ, có lý do', S.ReasonBody,
      (req, c) => services.refuse(c, req.params.id, req.body.comment));
    change('start_processing', 'processing', 'services.dossier.processing', 'Chuyển hồ sơ cho bộ phận giải quyết', S.CommentBody,
      (req, c) => services.startProcessing(c, req.params.id, req.body.comment));
    change('transfer', 'transfer', 'services.dossier.transferred', 'Chuyển hồ sơ sang đơn vị khác cùng cấp', S.TransferBody,
      (req, c) => services.transfer(c, req.params.id, req.body));
    change('request_payment', 'payment-request', 'services.dossier.payment-requested', 'Yêu cầu thực hiện nghĩa vụ tài chính (phí, lệ phí)', S.PaymentRequestBody,
      (req, c) => services.requestPayment(c, req.params.id, req.body));
    change('record_payment', 'payment', 'services.dossier.paid', 'Ghi nhận công dân đã thực hiện nghĩa vụ tài chính', S.CommentBody,
      (req, c) => services.recordPayment(c, req.params.id, req.body.comment));
    change('approve', 'approval', 'services.dossier.approved',
      'Phê duyệt kết quả giải quyết (lãnh đạo, người có thẩm quyền); phiếu lý lịch tư pháp: kèm kết quả tra cứu (không có án tích hoặc nội dung án tích)', S.ApproveBody,
      (req, c) => services.approve(c, req.params.id, req.body));
    change('return_result', 'return', 'services.dossier.returned', 'Trả kết quả cho công dân', S.CommentBody,
      (req, c) => services.returnResult(c, req.params.id, req.body.comment));
    change('extend', 'extension', 'services.dossier.extended', 'Xin lỗi và gia hạn (một lần, chậm nhất 1 ngày làm việc trước ngày hẹn)', S.ExtendBody,
      (req, c) => services.extend(c, req.params.id, req.body));
    change('stop', 'stop', 'services.dossier.stopped', 'Dừng giải quyết theo đề nghị của công dân', S.ReasonBody,
      (req, c) => services.stop(c, req.params.id, req.body.comment));
  };
}
