import type { FastifyInstance, FastifyRequest } from 'fastify';
import { citizenRoute, officerRoute, publicRoute } from '../../platform/access.js';
import { subjectShown } from '../../platform/audit.js';
import { DomainError } from './errors.js';
import type { DocumentsService } from './service.js';
import * as S from './schema.js';

const PUBLIC_TAG = ['Văn bản điện tử: kiểm tra công khai'];
const CITIZEN_TAG = ['Văn bản điện tử: kho dữ liệu của công dân'];
const OFFICER_TAG = ['Văn bản điện tử: đơn vị cấp'];
const VERIFY_PURPOSE = 'Kiểm tra tính xác thực của văn bản điện tử';
const CITIZEN_PURPOSE = 'Công dân sử dụng kho dữ liệu điện tử của mình';
const UNIT_PURPOSE = 'Quản lý văn bản điện tử do đơn vị cấp';
const SHARE_PURPOSE = 'Công dân chia sẻ văn bản trong kho dữ liệu điện tử của mình';
const SHARED_PURPOSE = 'Xem văn bản điện tử công dân đã chia sẻ qua liên kết';

/** Who opened a shared document, for its holder's access history. */
const clientOf = (req: FastifyRequest) => ({ address: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null });

export interface DocumentsRouteOptions {
  /** Verifications per minute and client address (the public check is not a way to enumerate documents). */
  verifyPerMinute: number;
}

/** The public check (by QR link or by file), the citizen's document store, and the issuing unit's list and revocation. */
export function documentsRoutes(documents: DocumentsService, opts: DocumentsRouteOptions) {
  return async function (app: FastifyInstance) {
    const rateLimit = { max: opts.verifyPerMinute, timeWindow: 60_000 };

    app.route(publicRoute({
      method: 'GET',
      url: '/api/v1/documents/verify/:id',
      audit: { action: 'documents.verified', fields: ['title', 'holderName', 'issuer', 'revoked'], subjects: (r) => (r.authentic ? [subjectShown(r)] : []), purpose: VERIFY_PURPOSE },
      config: { rateLimit },
      schema: {
        tags: PUBLIC_TAG, summary: 'Kiểm tra văn bản điện tử theo mã QR in trên văn bản (số văn bản và mã kiểm tra)',
        params: S.IdParams, querystring: S.VerifyQuery, response: { 200: S.Verification },
      },
      handler: async (req) => documents.verifyLink(req.params.id, req.query.t),
    }));

    app.route(publicRoute({
      method: 'POST',
      url: '/api/v1/documents/verify',
      audit: { action: 'documents.verified', fields: ['title', 'holderName', 'issuer', 'revoked'], subjects: (r) => (r.authentic ? [subjectShown(r)] : []), purpose: VERIFY_PURPOSE },
      config: { rateLimit },
      bodyLimit: Math.ceil(S.MAX_CHECK_BYTES / 3) * 4 + 1024,
      schema: {
        tags: PUBLIC_TAG, summary: 'Kiểm tra một tệp PDF: đúng là văn bản da06 đã cấp (từng byte) hay không',
        body: S.VerifyFileBody, response: { 200: S.Verification },
      },
      handler: async (req) => {
        const content = /^[A-Za-z0-9+/]*={0,2}$/.test(req.body.content) ? Buffer.from(req.body.content, 'base64') : Buffer.alloc(0);
        if (content.length < 5 || content.length > S.MAX_CHECK_BYTES || content.subarray(0, 5).toString('latin1') !== '%PDF-') {
          throw new DomainError('SIGNED_DOCUMENT_UPLOAD_REFUSED', { mb: S.MAX_CHECK_BYTES / 1024 / 1024 });
        }
        return documents.verifyFile(content);
      },
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/documents',
      audit: { action: 'documents.own-list', fields: ['title', 'issuer', 'issuedAt', 'revoked'], subjects: (r) => r.items.map(subjectShown), purpose: CITIZEN_PURPOSE },
      schema: { tags: CITIZEN_TAG, summary: 'Kho dữ liệu điện tử: các văn bản có chữ ký số đã cấp cho tôi', response: { 200: S.OwnDocuments } },
      handler: async (_req, caller) => ({ items: await documents.listOwn(caller) }),
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/documents/:id/pdf',
      audit: { action: 'documents.own-read', fields: ['document'], subjects: (r) => [subjectShown(r as Uint8Array)], purpose: CITIZEN_PURPOSE },
      schema: { tags: CITIZEN_TAG, summary: 'Tải một văn bản của tôi (PDF có chữ ký số)', params: S.IdParams, produces: ['application/pdf'], response: { 200: S.PdfFile } },
      // The file itself is the answer (not `reply`), so the read entry is written before it leaves.
      handler: async (req, caller, reply) => {
        const pdf = await documents.ownPdf(caller, req.params.id);
        reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="van-ban-${req.params.id}.pdf"`);
        return pdf;
      },
    }));

    // ---- share links: the holder's links and access history; the public page a link opens ----
    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/citizen/documents/:id/share-links',
      audit: 'documents.share-created',
      purpose: SHARE_PURPOSE,
      schema: { tags: CITIZEN_TAG, summary: 'Chia sẻ một văn bản của tôi bằng liên kết có thời hạn', params: S.IdParams, body: S.ShareBody, response: { 201: S.NewShareLink } },
      handler: async (req, caller, reply) => {
        reply.code(201);
        return documents.shares.create(caller, req.params.id, req.body.validity ?? '15m');
      },
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/documents/:id/share-links',
      audit: { action: 'documents.share-list', fields: ['shareLink'], subjects: (r) => [subjectShown(r)], purpose: SHARE_PURPOSE },
      schema: { tags: CITIZEN_TAG, summary: 'Các liên kết chia sẻ một văn bản của tôi', params: S.IdParams, response: { 200: S.ShareLinks } },
      handler: async (req, caller) => documents.shares.list(caller, req.params.id),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/citizen/documents/:id/share-links/:linkId/revocation',
      audit: 'documents.share-revoked',
      purpose: SHARE_PURPOSE,
      schema: { tags: CITIZEN_TAG, summary: 'Thu hồi một liên kết chia sẻ', params: S.ShareParams, response: { 200: S.ShareLink } },
      handler: async (req, caller) => documents.shares.revoke(caller, req.params.id, req.params.linkId),
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/documents/:id/accesses',
      audit: { action: 'documents.share-history', fields: ['accesses'], subjects: (r) => [subjectShown(r)], purpose: SHARE_PURPOSE },
      schema: { tags: CITIZEN_TAG, summary: 'Lịch sử truy cập một văn bản của tôi qua liên kết chia sẻ', params: S.IdParams, response: { 200: S.ShareHistory } },
      handler: async (req, caller) => documents.shares.history(caller, req.params.id),
    }));

    app.route(publicRoute({
      method: 'GET',
      url: '/api/v1/shared-documents/:token',
      audit: { action: 'documents.shared-read', fields: ['title', 'holderName', 'issuer', 'revoked'], subjects: (r) => [subjectShown(r)], purpose: SHARED_PURPOSE },
      config: { rateLimit },
      schema: {
        tags: PUBLIC_TAG, summary: 'Văn bản được chia sẻ qua liên kết: thông tin và kết quả kiểm tra (đến khi liên kết hết hạn hoặc bị thu hồi)',
        params: S.TokenParams, response: { 200: S.SharedDocument },
      },
      handler: async (req) => documents.shares.open(req.params.token, clientOf(req)),
    }));

    app.route(publicRoute({
      method: 'GET',
      url: '/api/v1/shared-documents/:token/pdf',
      audit: { action: 'documents.shared-read', fields: ['document'], subjects: (r) => [subjectShown(r as Uint8Array)], purpose: SHARED_PURPOSE },
      config: { rateLimit },
      schema: { tags: PUBLIC_TAG, summary: 'Tải tệp PDF có chữ ký số của văn bản được chia sẻ', params: S.TokenParams, produces: ['application/pdf'], response: { 200: S.PdfFile } },
      handler: async (req, _caller, reply) => {
        const { id, pdf } = await documents.shares.pdf(req.params.token, clientOf(req));
        reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="van-ban-${id}.pdf"`).header('cache-control', 'no-store');
        return pdf;
      },
    }));

    app.route(officerRoute('documents.read', {
      method: 'GET',
      url: '/api/v1/documents',
      audit: { action: 'documents.unit-list', fields: ['title', 'holderName', 'issuedAt', 'revoked'], subjects: (r) => r.items.map(subjectShown), purpose: UNIT_PURPOSE },
      schema: { tags: OFFICER_TAG, summary: 'Văn bản điện tử do đơn vị cấp (200 văn bản mới nhất)', response: { 200: S.UnitDocuments } },
      handler: async (_req, caller) => ({ items: await documents.listOfUnit(caller) }),
    }));

    app.route(officerRoute('documents.revoke', {
      method: 'POST',
      url: '/api/v1/documents/:id/revocation',
      audit: 'documents.revoked',
      purpose: UNIT_PURPOSE,
      schema: { tags: OFFICER_TAG, summary: 'Thu hồi văn bản điện tử do đơn vị cấp', params: S.IdParams, body: S.RevokeBody, response: { 200: S.Revoked } },
      handler: async (req, caller) => documents.revoke(caller, req.params.id, req.body.reason.trim()),
    }));
  };
}
