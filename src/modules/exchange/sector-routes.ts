import type { FastifyInstance, FastifySchema, RouteOptions } from 'fastify';
import { citizenRoute, officerRoute } from '../../platform/access.js';
import type { AgencySpec } from './routes.js';
import type { ExchangeService } from './service.js';
import { AuthorizationHeaders } from './schema.js';
import * as S from './sector-schema.js';
import { message } from './messages.js';

const CITIZEN_TAG = ['Công dân: hồ sơ ngành gắn với tôi'];
const OFFICER_TAG = ['Dân cư: hồ sơ ngành gắn với công dân'];
const FIELDS = ['sectorRecords'];

type AgencyRoute = <T extends FastifySchema>(spec: AgencySpec<T>) => RouteOptions;

/** What one sector record looks like on the wire, for the OpenAPI examples. */
const EXAMPLE = {
  service: 'sector.health_book', reference: 'SYT-2026-000123', personalId: '082186002345', fullName: 'Trần Thị Bích', dateOfBirth: '1986-02-03',
  purpose: 'sector.health-book-update', recordDate: '2026-11-20',
  record: { entryType: 'vaccination', vaccine: 'Vắc xin phòng cúm mùa', doseNumber: 1, facilityName: 'Trạm Y tế xã Mỹ Xuyên' },
};

/** The agency's side: attaching a sector record (registered among the agency routes of routes.ts). */
export function agencySectorRoutes(exchange: ExchangeService, agencyRoute: AgencyRoute): RouteOptions[] {
  const attach = {
    summary: 'Gắn hồ sơ ngành (sổ sức khỏe, sổ lao động/bảo hiểm xã hội, quyền sử dụng đất, sự kiện hộ tịch) với công dân theo quyền ghi đã được cấp',
    description: 'Họ tên và ngày sinh cơ quan gửi được đối chiếu với CSDL dân cư, không bao giờ ghi đè: khớp thì hồ sơ được gắn (`attached`); '
      + 'khác, hoặc số định danh không có, thì hồ sơ được giữ lại chờ cán bộ đăng ký cư trú xem xét (`pending_review`, cùng một câu trả lời cho cả hai trường hợp). '
      + 'Gửi lại cùng `reference` với cùng nội dung trả lời như lần đầu (200), không tạo bản trùng và không tính thêm vào hạn mức; khác nội dung thì bị từ chối (409).',
    headers: AuthorizationHeaders,
    body: { ...S.SectorRecordBody, examples: [EXAMPLE] },
    response: { 201: S.SectorRecordReceipt, 200: S.SectorRecordReceipt },
  };
  return [
    agencyRoute<typeof attach>({
      method: 'POST',
      url: '/api/v1/exchange/sector-records',
      audit: 'exchange.sector_record.received',
      schema: attach,
      handler: async (req, agency, reply) => {
        const { created, receipt } = await exchange.sectorRecords.receive(agency, req.body);
        reply.code(created ? 201 : 200);
        return receipt;
      },
    }),
  ];
}

/** The citizen's own sector records, and the registry officer's read-only view of a person's. */
export function sectorRecordRoutes(exchange: ExchangeService) {
  return async function (app: FastifyInstance) {
    app.route(citizenRoute({
      method: 'GET',
      url: '/api/v1/citizen/sector-records',
      audit: {
        action: 'exchange.sector_record.read', fields: FIELDS, purpose: message('SECTOR_CITIZEN_PURPOSE'),
        subjects: (r, req) => (r.length && req.caller.kind === 'citizen' ? [{ kind: 'person', id: req.caller.personalId }] : []),
      },
      schema: { tags: CITIZEN_TAG, summary: 'Hồ sơ ngành các cơ quan đã gắn với tôi (y tế, lao động, đất đai, hộ tịch): cơ quan gửi, căn cứ pháp lý, ngày', response: { 200: S.SectorRecordList } },
      handler: async (_req, caller) => exchange.sectorRecords.ownRecords(caller),
    }));

    app.route(officerRoute('registry.read', {
      method: 'GET',
      url: '/api/v1/people/:key/sector-records',
      audit: { action: 'exchange.sector_record.read', fields: FIELDS, subjects: (r) => [{ kind: 'person', id: r.personalId }], purpose: message('SECTOR_OFFICER_PURPOSE') },
      schema: {
        tags: OFFICER_TAG, summary: 'Hồ sơ ngành gắn với một công dân trong địa bàn (chỉ xem): cơ quan gửi, căn cứ pháp lý, ngày',
        params: S.PersonKeyParams, querystring: S.OfficerReadQuery, response: { 200: S.OfficerSectorRecords },
      },
      handler: async (req, caller) => exchange.sectorRecordsOfPerson(caller, req.params.key),
    }));
  };
}
