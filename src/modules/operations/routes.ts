import type { FastifyInstance } from 'fastify';
import { Type } from '@sinclair/typebox';
import { officerRoute, type Caller } from '../../platform/access.js';
import { unitShown, type Dashboards, type DashboardQuery } from './dashboards.js';
import type { PlansService } from './plans-service.js';
import type { MonthlyReport } from './report/types.js';
import * as S from './schema.js';
import type { OPERATIONS_AUDIT } from './audit-actions.js';
import { LodgingStatisticsSchema } from '../lodging/index.js';

const IOC_TAG = ['Trung tâm điều hành'];
const PLAN_TAG = ['Kế hoạch Đề án 06'];
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface ReportRenderers {
  docx: (report: MonthlyReport) => Promise<Buffer>;
  pdf: (report: MonthlyReport) => Promise<Buffer>;
}

type DashboardAction = Extract<keyof typeof OPERATIONS_AUDIT, `ioc.${string}.read`>;

/**
 * A dashboard shows counts, no person: its read entry names the unit shown, with the field
 * `aggregates` (routes.test.ts "records one read entry of the unit shown").
 */
function dashboardRead(action: DashboardAction) {
  return {
    action, fields: ['aggregates'],
    subjects: (_result: unknown, req: { caller: Caller; query: DashboardQuery }) => {
      if (req.caller.kind !== 'officer') throw new Error('An officer route answered a caller that is not an officer');
      return [unitShown(req.caller, req.query)];
    },
  };
}

export function operationsRoutes(dashboards: Dashboards, plans: PlansService, render: ReportRenderers) {
  return async function (app: FastifyInstance) {
    const dashboard = (path: string, action: DashboardAction, summary: string) => ({
      method: 'GET' as const, url: `/api/v1/ioc/${path}`, audit: dashboardRead(action), schema: { tags: IOC_TAG, summary, querystring: S.DashboardQuery },
    });
    const population = dashboard('population', 'ioc.population.read', 'Dân cư: tổng số, tháp tuổi, dân tộc, tôn giáo, hộ, theo xã; sinh, tử, chuyển đến theo tháng (mô hình 37)');
    const labour = dashboard('labour', 'ioc.labour.read', 'Lao động: độ tuổi lao động theo nhóm tuổi, giới tính, thành thị/nông thôn (mô hình 38)');
    const tourism = dashboard('tourism', 'ioc.tourism.read', 'Du lịch qua lưu trú: khách theo loại cơ sở, trong nước/quốc tế, quốc tịch, tuổi, số đêm, theo ngày (mô hình 39)');
    const publicOrder = dashboard('public-order', 'ioc.public-order.read', 'Trật tự xã hội: lưu trú, trễ hạn, cảnh báo, chuyển đến (mô hình 40)');
    const readiness = dashboard('readiness', 'ioc.readiness.read', 'Công dân số: định danh điện tử mức 1, 2; đăng nhập một lần theo hệ thống; xác thực theo loại đơn vị (mô hình 23, 24)');
    // One route each, so that each handler's answer is checked against its own schema.
    app.route(officerRoute('ioc.read', { ...population, schema: { ...population.schema, response: { 200: S.PopulationDashboard } }, handler: async (req, caller) => dashboards.population(caller, req.query) }));
    app.route(officerRoute('ioc.read', { ...labour, schema: { ...labour.schema, response: { 200: S.LabourDashboard } }, handler: async (req, caller) => dashboards.labour(caller, req.query) }));
    app.route(officerRoute('ioc.read', { ...tourism, schema: { ...tourism.schema, response: { 200: LodgingStatisticsSchema } }, handler: async (req, caller) => dashboards.tourism(caller, req.query) }));
    app.route(officerRoute('ioc.read', { ...publicOrder, schema: { ...publicOrder.schema, response: { 200: S.PublicOrderDashboard } }, handler: async (req, caller) => dashboards.publicOrder(caller, req.query) }));
    app.route(officerRoute('ioc.read', { ...readiness, schema: { ...readiness.schema, response: { 200: S.ReadinessDashboard } }, handler: async (req, caller) => dashboards.readiness(caller, req.query) }));

    // Plans, their models and reports name officers and units, never a citizen: no read entry.
    app.route(officerRoute('ioc.read', {
      method: 'GET',
      url: '/api/v1/plans',
      audit: 'none',
      schema: { tags: PLAN_TAG, summary: 'Các kế hoạch Đề án 06 đã nhập, với số mô hình theo tiến độ', response: { 200: Type.Array(S.PlanSummary) } },
      handler: async (_req, caller) => plans.list(caller),
    }));

    app.route(officerRoute('ioc.read', {
      method: 'GET',
      url: '/api/v1/plans/:id',
      audit: 'none',
      schema: { tags: PLAN_TAG, summary: 'Một kế hoạch: các mô hình, tiến độ (quá hạn tính theo thời hạn), chỉ số của tháng', params: S.PlanParams, querystring: S.MonthQuery, response: { 200: S.Plan } },
      handler: async (req, caller) => plans.get(caller, req.params.id, req.query.month),
    }));

    app.route(officerRoute('plans.report', {
      method: 'POST',
      url: '/api/v1/plans/:id/models/:number/reports',
      audit: 'plans.model.reported',
      schema: { tags: PLAN_TAG, summary: 'Đơn vị báo cáo tiến độ một mô hình (trạng thái, ghi chú, minh chứng, khó khăn, chỉ số nhập tay)', params: S.ModelParams, body: S.ModelReportBody, response: { 204: Type.Null() } },
      handler: async (req, caller, reply) => {
        await plans.report(caller, req.params.id, req.params.number, req.body);
        reply.code(204);
        return null;
      },
    }));

    app.route(officerRoute('ioc.read', {
      method: 'GET',
      url: '/api/v1/plans/:id/models/:number/reports',
      audit: 'none',
      schema: { tags: PLAN_TAG, summary: 'Lịch sử báo cáo của một mô hình', params: S.ModelParams, response: { 200: S.ModelHistory } },
      handler: async (req, caller) => plans.history(caller, req.params.id, req.params.number),
    }));

    // The signer is an officer named by the working group, no citizen: no read entry.
    app.route(officerRoute('plans.report', {
      method: 'GET',
      url: '/api/v1/plans/:id/report-settings',
      audit: 'none',
      schema: { tags: PLAN_TAG, summary: 'Người ký báo cáo tháng của Tổ công tác (quyền hạn, chức vụ, họ tên)', params: S.PlanParams, response: { 200: S.ReportSettings } },
      handler: async (req, caller) => plans.reportSettings(caller, req.params.id),
    }));

    app.route(officerRoute('plans.report', {
      method: 'PUT',
      url: '/api/v1/plans/:id/report-settings',
      audit: 'plans.report-settings.updated',
      schema: { tags: PLAN_TAG, summary: 'Đặt người ký báo cáo tháng của Tổ công tác', params: S.PlanParams, body: S.ReportSettingsBody, response: { 200: S.ReportSettings } },
      handler: async (req, caller) => plans.saveReportSettings(caller, req.params.id, req.body),
    }));

    // The report is counts and the plan's own text: no read entry.
    app.route(officerRoute('plans.report', {
      method: 'GET',
      url: '/api/v1/plans/:id/monthly-report',
      audit: 'none',
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
        const { id } = req.params;
        const { month, format = 'docx' } = req.query;
        const report = await plans.monthlyReport(caller, id, month);
        const body = await render[format](report);
        reply.header('content-type', format === 'pdf' ? 'application/pdf' : DOCX);
        reply.header('content-disposition', `attachment; filename="bao-cao-${id}-${month}.${format}"`);
        return reply.send(body);
      },
    }));
  };
}
