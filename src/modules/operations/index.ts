import type { AuditWriter } from '../../platform/audit.js';
import type { Db } from '../../platform/db.js';
import { createDashboards } from './dashboards.js';
import { createPlansService } from './plans-service.js';
import type { OperationsSources } from './sources.js';
import { createOperationsStore } from './store.js';

export { operationsRoutes, type ReportRenderers } from './routes.js';
export { loadPlanFile, bundledPlanFiles, PlanFileError } from './plans/load.js';
export { MEASURED_MODELS } from './indicators.js';
export type { MonthlyReport } from './report/types.js';

/** The report renderers load docx and pdfkit only when a report is asked for. */
export async function renderDocx(report: import('./report/types.js').MonthlyReport): Promise<Buffer> {
  return (await import('./report/render-docx.js')).renderDocx(report);
}
export async function renderPdf(report: import('./report/types.js').MonthlyReport): Promise<Buffer> {
  return (await import('./report/render-pdf.js')).renderPdf(report);
}
export type { OperationsSources } from './sources.js';

/** The operations centre: dashboards over the other modules' counts, and the plan tracker with its monthly report. */
export function createOperations(deps: { db: Db; audit: AuditWriter; sources: OperationsSources }) {
  const store = createOperationsStore(deps.db);
  return {
    dashboards: createDashboards(deps.sources, deps.audit),
    plans: createPlansService({ store, sources: deps.sources, audit: deps.audit }),
  };
}

export type Operations = ReturnType<typeof createOperations>;

import { defineModule } from '../../platform/module.js';
import { OPERATIONS_ERRORS } from './errors.js';
import { OPERATIONS_PERMISSIONS } from './permissions.js';
import { OPERATIONS_AUDIT } from './audit-actions.js';
import { operationsRoutes as operationsRoutesPlugin } from './routes.js';

/** What the operations module owns (platform/module.ts). */
export const operationsModule = defineModule({
  name: 'operations',
  title: 'Trung tâm điều hành',
  permissions: OPERATIONS_PERMISSIONS,
  errors: OPERATIONS_ERRORS,
  auditActions: OPERATIONS_AUDIT,
  routes: operationsRoutesPlugin,
  needs: ['registry', 'lodging'],
});
