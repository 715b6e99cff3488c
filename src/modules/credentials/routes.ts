import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { citizenRoute, officerRoute, publicRoute, verifierRoute } from '../../platform/access.js';
import type { CredentialService } from './service.js';
import * as S from './schema.js';
import { DomainError } from './errors.js';

const TAG = ['Xác thực tại quầy'];
const CITIZEN_TAG = ['Định danh điện tử công dân'];
const ADMIN_TAG = ['Quản trị đơn vị xác thực'];
const WALLET_TAG = ['Ví giấy tờ'];
/** A counter calls with its staff's session or its system's API key (OpenAPI security requirements). */
const COUNTER_SECURITY: { [scheme: string]: string[] }[] = [{ session: [] }, { apiKey: [] }];

export function credentialRoutes(credentials: CredentialService) {
  /** Each relying party gets its own budget per minute, set by the administrator. */
  const perRelyingParty = {
    rateLimit: {
      timeWindow: 60_000,
      keyGenerator: (req: FastifyRequest) => {
        const c = req.caller;
        if (c.kind === 'relying_party') return `rp:${c.relyingPartyId}`;
        if (c.kind === 'officer' && c.relyingPartyId !== null) return `rp:${c.relyingPartyId}`;
        return `ip:${req.ip}`;
      },
      max: async (req: FastifyRequest) => {
        const c = req.caller;
        const id = c.kind === 'relying_party' ? c.relyingPartyId : c.kind === 'officer' ? c.relyingPartyId : null;
        if (id === null) return 30;
        try {
          return await credentials.rateOf(id);
        } catch {
          return 30;
        }
      },
    },
  };

  return async function (app: FastifyInstance) {
    app.route(publicRoute({
      method: 'GET',
      url: '/.well-known/jwks.json',
      audit: 'none',
      schema: { tags: TAG, summary: 'Khóa công khai kiểm tra mã QR định danh và giấy tờ trong ví (JWKS)', response: { 200: S.Jwks } },
      handler: async (_req, _caller, reply) => {
        reply.header('cache-control', 'public, max-age=300');
        return credentials.jwks();
      },
    }));

    // ---- citizen ----
    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/citizen/identity-qr',
      // The registry records the release of the chosen fields to the citizen (person.release) when the token is made; the token holds no more.
      audit: { oneOf: ['person.release'] },
      schema: { tags: CITIZEN_TAG, summary: 'Tạo mã QR định danh (tự làm mới) với thông tin công dân chọn hiển thị', body: S.IdentityQrBody, response: { 200: S.IdentityQr } },
      handler: async (req, caller) => credentials.issueIdentityQr(caller, req.body.fields),
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/verifications',
      // The citizen's own history: counters, purposes and field names, no registry data.
      audit: 'none',
      schema: { tags: CITIZEN_TAG, summary: 'Lịch sử sử dụng: các lần công dân được xác thực tại quầy', response: { 200: S.CitizenHistory } },
      handler: async (_req, caller) => credentials.historyOf(caller),
    }));

    // ---- counter (relying party) ----
    app.route(verifierRoute({
      method: 'GET',
      url: '/api/v1/desk',
      audit: 'none',
      schema: { tags: TAG, summary: 'Đơn vị xác thực của người đang đăng nhập', response: { 200: S.RelyingParty } },
      handler: async (_req, verifier) => credentials.relyingPartyOf(verifier),
    }));

    app.route(verifierRoute({
      method: 'POST',
      url: '/api/v1/verifications',
      // The verification log audits each person a scan identifies, in the transaction of its row (verify/log.ts): the action
      // depends on what was scanned, and a scan that identifies nobody has no entry.
      audit: { oneOf: ['credential.verify.identity_qr', 'credential.verify.card_qr', 'credential.verify.wallet'] },
      schema: {
        tags: TAG,
        summary: 'Xác thực một mã QR: mã QR định danh da06 hoặc mã QR in trên thẻ căn cước',
        description: 'Chỉ trả về các trường mà mục đích của đơn vị cho phép. Mỗi lần xác thực được ghi nhật ký và hiện trong lịch sử sử dụng của công dân.',
        body: S.VerifyBody,
        response: { 200: S.VerificationOutcome },
        security: COUNTER_SECURITY,
      },
      config: perRelyingParty,
      handler: async (req, verifier) => credentials.verify(verifier, req.body.qr),
    }));

    app.route(verifierRoute({
      method: 'POST',
      url: '/api/v1/verifications/chip',
      // Audited by the verification log, as POST /api/v1/verifications.
      audit: { oneOf: ['credential.verify.chip'] },
      schema: {
        tags: TAG,
        summary: 'Xác thực chip thẻ căn cước (ICAO 9303): chữ ký SOD, chuỗi chứng thư tới CSCA tin cậy, băm từng nhóm dữ liệu, đối chiếu CSDL dân cư',
        body: S.ChipBody,
        response: { 200: S.VerificationOutcome },
        security: COUNTER_SECURITY,
      },
      config: perRelyingParty,
      handler: async (req, verifier) => credentials.verifyChip(verifier, req.body),
    }));

    app.route(verifierRoute({
      method: 'POST',
      url: '/api/v1/verifications/chip/challenges',
      // A random nonce for this counter: no personal data.
      audit: 'none',
      schema: {
        tags: TAG,
        summary: 'Thử thách (8 byte) cho xác thực chủ động của chip; gửi lại trong aaChallenge, dùng một lần trong 2 phút',
        response: { 200: Type.Object({ challenge: Type.String({ description: 'base64' }), expiresAt: Type.String({ format: 'date-time' }) }) },
      },
      config: perRelyingParty,
      handler: async (_req, verifier) => credentials.chipChallenge(verifier),
    }));

    app.route(verifierRoute({
      method: 'GET',
      url: '/api/v1/verifications',
      // The answer masks personal IDs: the service names each person listed from the rows, one entry each.
      audit: { action: 'credential.verification.desk-read', fields: ['full_name', 'personal_id'], subjects: () => [], purpose: 'Đơn vị xem lại các lần xác thực tại quầy' },
      schema: {
        tags: TAG,
        summary: 'Các lần xác thực tại đơn vị, mới nhất trước, từng trang; tìm theo họ tên hoặc số định danh đã được hiển thị',
        description: 'Họ tên và số định danh (che giữa) chỉ có khi mục đích của đơn vị cho phép và lần xác thực đã hiển thị chúng. Mỗi người trong trang được ghi nhật ký truy cập.',
        querystring: S.DeskRecentQuery, response: { 200: S.DeskRecent },
      },
      handler: async (req, verifier) => credentials.recentAt(verifier, req.query),
    }));

    // ---- oversight ----
    app.route(officerRoute('audit.read', {
      method: 'GET',
      url: '/api/v1/verification-alerts',
      // Personal IDs are masked; the pauses listed are themselves audit entries.
      audit: 'none',
      schema: {
        tags: TAG,
        summary: 'Đơn vị trong tỉnh bị tạm ngừng đối chiếu thẻ không được xác thực vì đối chiếu không khớp nhiều lần',
        description: 'Dành cho kiểm tra viên của tỉnh: mỗi lần một đơn vị chạm giới hạn số lần đối chiếu không khớp (theo số định danh, hoặc của cả đơn vị) trong 24 giờ.',
        response: { 200: S.VerificationAlerts },
      },
      handler: async (_req, caller) => credentials.cardCheckPauses(caller.area),
    }));

    // ---- administration ----
    app.route(officerRoute('credentials.manage', {
      method: 'GET',
      url: '/api/v1/relying-parties',
      audit: 'none',
      schema: { tags: ADMIN_TAG, summary: 'Đơn vị xác thực và số lần xác thực', response: { 200: Type.Array(S.RelyingPartyWithStats) } },
      handler: async (_req, caller) => credentials.relyingParties.list(await credentials.adminProvince(caller)),
    }));

    app.route(officerRoute('credentials.manage', {
      method: 'POST',
      url: '/api/v1/relying-parties',
      audit: 'credentials.relying-party.created',
      schema: { tags: ADMIN_TAG, summary: 'Đăng ký đơn vị xác thực', body: S.RelyingPartyCreate, response: { 201: S.RelyingPartyCreated } },
      handler: async (req, caller, reply) => {
        const { withApiKey, ...input } = req.body;
        reply.code(201);
        return credentials.addRelyingParty(caller, input, withApiKey ?? false);
      },
    }));

    app.route(officerRoute('credentials.manage', {
      method: 'PUT',
      url: '/api/v1/relying-parties/:id',
      audit: 'credentials.relying-party.updated',
      schema: { tags: ADMIN_TAG, summary: 'Sửa đơn vị xác thực (mục đích, trường được xem, mức độ, hạn mức)', params: S.IdParams, body: S.RelyingPartyUpdate, response: { 200: S.RelyingParty } },
      handler: async (req, caller) => credentials.updateRelyingParty(caller, req.params.id, req.body),
    }));

    app.route(officerRoute('credentials.manage', {
      method: 'POST',
      url: '/api/v1/relying-parties/:id/api-key',
      audit: 'credentials.relying-party.api-key-issued',
      schema: { tags: ADMIN_TAG, summary: 'Cấp khóa API mới (khóa cũ hết hiệu lực ngay)', params: S.IdParams, response: { 200: Type.Object({ apiKey: Type.String() }) } },
      handler: async (req, caller) => credentials.newApiKey(caller, req.params.id),
    }));

    // ---- wallet documents ----
    app.route(officerRoute('wallet.issue', {
      method: 'POST',
      url: '/api/v1/wallet/documents',
      audit: 'wallet.issue',
      schema: { tags: WALLET_TAG, summary: 'Cấp giấy tờ (SD-JWT VC) vào ví của công dân trong địa bàn', body: S.IssueDocumentBody, response: { 201: S.WalletDocument } },
      handler: async (req, caller, reply) => {
        reply.code(201);
        return credentials.wallet.issue(caller, req.body.personalId, req.body.type, req.body.claims);
      },
    }));

    app.route(officerRoute('wallet.issue', {
      method: 'POST',
      url: '/api/v1/wallet/documents/:id/revoke',
      audit: 'wallet.revoke',
      schema: { tags: WALLET_TAG, summary: 'Thu hồi giấy tờ (danh sách trạng thái)', params: S.DocumentParams, body: S.RevokeBody, response: { 204: Type.Null() } },
      handler: async (req, caller, reply) => {
        await credentials.wallet.revoke(req.params.id, req.body.reason);
        return reply.code(204).send();
      },
    }));

    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/wallet',
      // Reading one's own wallet is an audited read of personal data, like the citizen's own profile: one entry on the account, naming the document types shown.
      audit: {
        action: 'wallet.read',
        fields: [],
        purpose: 'Công dân xem ví giấy tờ của mình',
        subjects: (docs, req) => (req.caller.kind === 'citizen' ? [{ kind: 'account', id: String(req.caller.accountId), fields: docs.map((d) => d.type) }] : []),
      },
      schema: { tags: CITIZEN_TAG, summary: 'Ví giấy tờ của công dân', response: { 200: Type.Array(S.WalletDocument) } },
      handler: async (_req, caller) => credentials.wallet.listOwn(caller),
    }));

    app.route(citizenRoute({
      method: 'POST',
      url: '/api/v1/citizen/wallet/:id/presentations',
      audit: 'wallet.present',
      schema: { tags: CITIZEN_TAG, summary: 'Xuất trình giấy tờ với các thông tin đã chọn (để hiện mã QR)', params: S.DocumentParams, body: S.PresentBody, response: { 200: S.Presentation } },
      handler: async (req, caller) => credentials.wallet.present(caller, req.params.id, req.body.claims),
    }));

    app.route(publicRoute({
      method: 'GET',
      url: '/api/v1/status-lists/:id',
      audit: 'none',
      schema: {
        tags: WALLET_TAG, summary: 'Danh sách trạng thái (Token Status List) của giấy tờ trong ví', params: S.IdParams,
        response: { 200: { description: 'JWT của danh sách trạng thái', content: { 'application/statuslist+jwt': { schema: Type.String() } } } },
      },
      handler: async (req, _caller, reply) => {
        const token = await credentials.wallet.statusToken(req.params.id);
        if (!token) throw new DomainError('NOT_FOUND');
        return reply.header('content-type', 'application/statuslist+jwt').header('cache-control', 'public, max-age=300').send(token);
      },
    }));

    // ---- CSCA trust list (chip cards) ----
    app.route(officerRoute('credentials.manage', {
      method: 'GET',
      url: '/api/v1/trust/csca',
      audit: 'none',
      schema: { tags: ADMIN_TAG, summary: 'Danh sách chứng thư CSCA tin cậy', response: { 200: Type.Array(S.Csca) } },
      handler: async () => credentials.trustList.list(),
    }));

    app.route(officerRoute('trust.manage', {
      method: 'POST',
      url: '/api/v1/trust/csca',
      audit: 'credentials.csca.added',
      schema: { tags: ADMIN_TAG, summary: 'Thêm chứng thư CSCA vào danh sách tin cậy', body: S.CscaAdd, response: { 200: S.CscaAdded } },
      handler: async (req) => credentials.addCsca(req.body.pem),
    }));

    app.route(officerRoute('trust.manage', {
      method: 'DELETE',
      url: '/api/v1/trust/csca/:fingerprint',
      audit: 'credentials.csca.removed',
      schema: { tags: ADMIN_TAG, summary: 'Bỏ chứng thư CSCA khỏi danh sách tin cậy', params: S.FingerprintParams, response: { 204: Type.Null() } },
      handler: async (req, _caller, reply) => {
        await credentials.removeCsca(req.params.fingerprint);
        return reply.code(204).send();
      },
    }));
  };
}
