import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { officerRoute } from '../../platform/access.js';
import type { Dashboards, DashboardQuery } from './dashboards.js';
import type { PlansService } from './plans-service.js';
import type { MonthlyReport } from './report/types.js';
import * as S from './schema.js';
import { LodgingStatisticsSchema } from '../lodging/index.js';

const IOC_TAG = ['Trung tâm điều hành'];
const PLAN_TAG = ['Kế hoạch Đề án 06'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface ReportRenderers {
  docx: (report: MonthlyReport) => Promise<Buffer>;
  pdf: (report: MonthlyReport) => Promise<Buffer>;
}

export function operationsRoutes(dashboards: Dashboards, plans: PlansService, render: ReportRenderers) {
  return async function (app: FastifyInstance) {
    const dashboard = (url: string, summary: string, response: object, get: (d: Dashboards) => Dashboards[keyof Dashboards]) =>
      app.route(officerRoute('ioc.read', {
        method: 'GET', url, schema: { tags: IOC_TAG, summary, querystring: S.DashboardQuery, response: { 200: response } },
        handler: async (req, caller) => get(dashboards)(caller, req.query as DashboardQuery, req.id),
      }));

    dashboard('/api/v1/ioc/population', 'Dân cư: tổng số, tháp tuổi, dân tộc, tôn giáo, hộ, theo xã; sinh, tử, chuyển đến theo tháng (mô hình 37)', S.PopulationDashboard, (d) => d.population);
    dashboard('/api/v1/ioc/labour', 'Lao động: độ tuổi lao động theo nhóm tuổi, giới tính, thành thị/nông thôn (mô hình 38)', S.LabourDashboard, (d) => d.labour);
    dashboard('/api/v1/ioc/tourism', 'Du lịch qua lưu trú: khách theo loại cơ sở, trong nước/quốc tế, quốc tịch, tuổi, số đêm, theo ngày (mô hình 39)', LodgingStatisticsSchema, (d) => d.tourism);
    dashboard('/api/v1/ioc/public-order', 'Trật tự xã hội: lưu trú, trễ hạn, cảnh báo, chuyển đến (mô hình 40)', S.PublicOrderDashboard, (d) => d.publicOrder);
    dashboard('/api/v1/ioc/readiness', 'Công dân số: định danh điện tử mức 1, 2; đăng nhập một lần theo hệ thống; xác thực theo loại đơn vị (mô hình 23, 24)', S.ReadinessDashboard, (d) => d.readiness);

    app.route(officerRoute('ioc.read', {
      method: 'GET',
      url: '/api/v1/plans',
      schema: { tags: PLAN_TAG, summary: 'Các kế hoạch Đề án 06 đã nhập, với số mô hình theo tiến độ', response: { 200: Type.Array(S.PlanSummary) } },
      handler: async () => plans.list(),
    }));

    app.route(officerRoute('ioc.read', {
      method: 'GET',
      url: '/api/v1/plans/:id',
      schema: { tags: PLAN_TAG, summary: 'Một kế hoạch: các mô hình, tiến độ (quá hạn tính theo thời hạn), chỉ số của tháng', params: S.PlanParams, querystring: S.MonthQuery, response: { 200: S.Plan } },
      handler: async (req, caller) => plans.get(caller, (req.params as { id: string }).id, (req.query as { month?: string }).month),
    }));

    app.route(officerRoute('plans.report', {
      method: 'POST',
      url: '/api/v1/plans/:id/models/:number/reports',
      schema: { tags: PLAN_TAG, summary: 'Đơn vị báo cáo tiến độ một mô hình (trạng thái, ghi chú, minh chứng, khó khăn, chỉ số nhập tay)', params: S.ModelParams, body: S.ModelReportBody, response: { 204: Type.Null() } },
      handler: async (req, caller, reply) => {
        const { id, number } = req.params as { id: string; number: string };
        await plans.report(caller, id, number, req.body as Parameters<PlansService['report']>[3], req.id);
        reply.code(204);
        return null;
      },
    }));

    app.route(officerRoute('ioc.read', {
      method: 'GET',
      url: '/api/v1/plans/:id/models/:number/reports',
      schema: { tags: PLAN_TAG, summary: 'Lịch sử báo cáo của một mô hình', params: S.ModelParams, response: { 200: S.ModelHistory } },
      handler: async (req) => {
        const { id, number } = req.params as { id: string; number: string };
        return plans.history(id, number);
      },
    }));

    app.route(officerRoute('plans.report', {
      method: 'GET',
      url: '/api/v1/plans/:id/monthly-report',
      schema: {
        tags: PLAN_TAG,
        summary: 'Báo cáo tháng của Tổ công tác (Word hoặc PDF, thể thức Nghị định 30/2020/NĐ-CP)',
        params: S.PlanParams, querystring: S.ReportQuery,
        produces: [DOCX, 'application/pdf'],
        response: {
          200: {
            description: 'Tệp báo cáo (format=docx: Word, format=pdf: PDF)',
            content: { [DOCX]: { schema: Type.String({ format: 'binary' }) }, 'application/pdf': { schema: Type.String({ format: 'binary' }) } },
          },
        },
      },
      handler: async (req, caller, reply) => {
        const { id } = req.params as { id: string };
        const { month, format = 'docx' } = req.query as { month: string; format?: 'docx' | 'pdf' };
        const report = await plans.monthlyReport(caller, id, month);
        const body = await render[format](report);
        reply.header('content-type', format === 'pdf' ? 'application/pdf' : DOCX);
        reply.header('content-disposition', `attachment; filename="bao-cao-${id}-${month}.${format}"`);
        return reply.send(body);
      },
    }));
  };
}
