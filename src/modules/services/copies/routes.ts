import type { FastifyInstance } from 'fastify';
import { officerRoute } from '../../../platform/access.js';
import { subjectShown } from '../../../platform/audit.js';
import { exportSubjects, type CertifiedCopies } from './service.js';
import * as C from './schema.js';

const TAG = ['Dịch vụ công: chứng thực bản sao điện tử từ bản chính'];
const PURPOSE = 'Chứng thực bản sao điện tử từ bản chính';
const REGISTER_PURPOSE = 'Quản lý sổ chứng thực bản sao của đơn vị';
const BASE = '/api/v1/services/officer/certified-copies';
/** Up to 5 MB of scans in base64 and the fields around them. */
const ISSUE_BODY_LIMIT = 7_500_000;

/** Routes of the sổ chứng thực (registered by ../routes.ts). */
export function copiesRoutes(copies: CertifiedCopies) {
  return async function (app: FastifyInstance) {
    app.route(officerRoute('services.copies.certify', {
      method: 'GET',
      url: `${BASE}/fee`,
      audit: 'none',
      schema: {
        tags: TAG, summary: 'Phí chứng thực trước khi chứng thực: theo số trang của bản chính (mức phí có hiệu lực hôm nay), nhân số bản sao',
        querystring: C.FeeQuery, response: { 200: C.FeeQuote },
      },
      handler: async (req, caller) => copies.quote(caller, req.query.pages, req.query.copies ?? 1),
    }));

    app.route(officerRoute('services.copies.certify', {
      method: 'GET',
      url: `${BASE}/requesters/:personalId`,
      audit: { action: 'services.copy.requester-read', fields: ['personalId', 'fullName'], subjects: (r) => [subjectShown(r)], purpose: PURPOSE },
      schema: {
        tags: TAG, summary: 'Chứng thực tại quầy: họ tên công dân theo số định danh cá nhân (công dân trong tỉnh của đơn vị)',
        params: C.RequesterParams, response: { 200: C.Requester },
      },
      handler: async (req, caller) => copies.requester(caller, req.params.personalId),
    }));

    app.route(officerRoute('services.copies.certify', {
      method: 'POST',
      url: BASE,
      audit: 'services.copy.certified',
      purpose: PURPOSE,
      bodyLimit: ISSUE_BODY_LIMIT,
      schema: {
        tags: TAG,
        summary: 'Chứng thực bản sao điện tử từ bản chính: ghi sổ (số không ngắt quãng theo năm), ký số của đơn vị, lưu vào kho dữ liệu của công dân',
        description: 'Cho hồ sơ trực tuyến (dossierId, hồ sơ đang xử lý: bản sao là kết quả của hồ sơ) hoặc tại quầy (personalId). '
          + 'Gửi lại cùng Idempotency-Key trả về bản sao đã chứng thực (200). Tải về: GET …/certified-copies/{id}/pdf.',
        headers: C.IssueHeaders, body: C.IssueBody, response: { 201: C.CertifiedCopy, 200: C.CertifiedCopy },
      },
      handler: async (req, caller, reply) => {
        const c = await copies.issue(caller, req.body, req.headers['idempotency-key']);
        reply.code(c.replayed ? 200 : 201);
        return c;
      },
    }));

    app.route(officerRoute('services.copies.register', {
      method: 'GET',
      url: BASE,
      audit: { action: 'services.copy-register.read', fields: ['fullName', 'personalId', 'document'], subjects: (r) => r.items.map(subjectShown), purpose: REGISTER_PURPOSE },
      schema: {
        tags: TAG, summary: 'Sổ chứng thực bản sao của đơn vị: tìm theo khoảng ngày, số chứng thực, họ tên người yêu cầu (không cần dấu)',
        querystring: C.RegisterQuery, response: { 200: C.Register },
      },
      handler: async (req, caller) => copies.register(caller, req.query),
    }));

    app.route(officerRoute('services.copies.register', {
      method: 'GET',
      url: `${BASE}/months/:month/register.csv`,
      audit: { action: 'services.copy-register.read', fields: ['fullName', 'personalId', 'document'], subjects: (r) => exportSubjects(r as Uint8Array), purpose: REGISTER_PURPOSE },
      schema: {
        tags: TAG, summary: 'Xuất sổ chứng thực bản sao của một tháng (CSV)', params: C.MonthQuery,
        produces: ['text/csv'], response: { 200: C.CsvFile },
      },
      handler: async (req, caller, reply) => {
        const csv = await copies.monthCsv(caller, req.params.month);
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="so-chung-thuc-${req.params.month}.csv"`);
        return csv;
      },
    }));

    app.route(officerRoute('services.copies.register', {
      method: 'GET',
      url: `${BASE}/:id/pdf`,
      audit: { action: 'services.copy.read', fields: ['certifiedCopy'], subjects: (r) => [subjectShown(r as Uint8Array)], purpose: REGISTER_PURPOSE },
      schema: {
        tags: TAG, summary: 'Tải bản sao điện tử đã chứng thực (PDF có chữ ký số, đúng từng byte như khi ký)', params: C.CopyId,
        produces: ['application/pdf'], response: { 200: C.PdfFile },
      },
      handler: async (req, caller, reply) => {
        const { pdf, registerNumber } = await copies.pdf(caller, req.params.id);
        reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="ban-sao-chung-thuc-${registerNumber.split('/').slice(0, 2).join('-')}.pdf"`);
        return pdf;
      },
    }));
  };
}
