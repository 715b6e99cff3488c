import type { FastifyInstance } from 'fastify';
import { officerRoute } from '../../platform/access.js';
import type { LinkageQuality } from './quality-service.js';
import { QualityReport } from './quality-schema.js';
import * as S from './schema.js';

const TAG = ['Đối sánh danh sách với CSDL dân cư'];
const PURPOSE = 'Đánh giá chất lượng danh sách của ngành sau đối sánh với CSDL dân cư (làm sạch dữ liệu)';

/** The quality report of a finished run: JSON for the page, CSV and Excel (one line per commune) for the sector. */
export function qualityRoutes(quality: LinkageQuality) {
  return async function (app: FastifyInstance) {
    app.route(officerRoute('linkage.run', {
      method: 'GET',
      url: '/api/v1/linkage/runs/:id/quality',
      audit: { action: 'linkage.quality.read', fields: ['personalId'], subjects: (_r, req) => [{ kind: 'linkage_run', id: String(req.params.id) }], purpose: PURPOSE },
      schema: {
        tags: TAG, params: S.RunId, response: { 200: QualityReport },
        summary: 'Chất lượng danh sách sau đối sánh: độ đầy đủ từng cột, tỷ lệ khớp/cần xem xét/không khớp, dòng trùng người, người đã chết, đã chuyển ra ngoài tỉnh; chung và theo xã (xã của người được khớp, và mã xã ghi trong dòng)',
      },
      handler: async (req, caller) => quality.report(caller, req.params.id),
    }));

    app.route(officerRoute('linkage.run', {
      method: 'GET',
      url: '/api/v1/linkage/runs/:id/quality.csv',
      audit: { action: 'linkage.quality.read', fields: ['personalId'], subjects: (_r, req) => [{ kind: 'linkage_run', id: String(req.params.id) }], purpose: PURPOSE },
      schema: {
        tags: TAG, params: S.RunId, produces: ['text/csv'], response: { 200: S.CsvFile },
        summary: 'Tải báo cáo chất lượng (CSV): một dòng cho cả danh sách, rồi một dòng mỗi xã theo người được khớp (person_commune) và theo mã xã ghi trong dòng (list_commune)',
      },
      handler: async (req, caller, reply) => {
        const csv = await quality.csv(caller, req.params.id);
        reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="chat-luong-${req.params.id}.csv"`);
        return csv;
      },
    }));

    app.route(officerRoute('linkage.run', {
      method: 'GET',
      url: '/api/v1/linkage/runs/:id/quality.xlsx',
      audit: { action: 'linkage.quality.read', fields: ['personalId'], subjects: (_r, req) => [{ kind: 'linkage_run', id: String(req.params.id) }], purpose: PURPOSE },
      schema: {
        tags: TAG, params: S.RunId, produces: [S.XLSX_TYPE], response: { 200: S.XlsxFile },
        summary: 'Tải báo cáo chất lượng (Excel .xlsx): cùng các dòng như tệp CSV, tiêu đề cột tiếng Việt, tỷ lệ định dạng phần trăm',
      },
      handler: async (req, caller, reply) => {
        const file = await quality.xlsx(caller, req.params.id);
        reply.header('content-type', S.XLSX_TYPE).header('content-disposition', `attachment; filename="chat-luong-${req.params.id}.xlsx"`);
        return file;
      },
    }));
  };
}
