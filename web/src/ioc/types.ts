import type { Answer, RequestBody } from '../api.js';

/**
 * Shapes of the operations centre's API, from the generated schema (web/src/api/schema.ts, from
 * docs/openapi.json). The tourism dashboard answers the lodging statistics (web/src/lodging/types.ts `Statistics`).
 */
export type PopulationDashboard = Answer<'/api/v1/ioc/population'>;
export type LabourDashboard = Answer<'/api/v1/ioc/labour'>;
export type PublicOrderDashboard = Answer<'/api/v1/ioc/public-order'>;
export type ReadinessDashboard = Answer<'/api/v1/ioc/readiness'>;
export type PlanSummary = Answer<'/api/v1/plans'>[number];
export type Plan = Answer<'/api/v1/plans/{id}'>;
export type PlanModel = Plan['models'][number];
export type ModelStatus = PlanModel['status'];
export type ModelReport = RequestBody<'/api/v1/plans/{id}/models/{number}/reports'>;
export type ModelHistory = Answer<'/api/v1/plans/{id}/models/{number}/reports'>;
export type ReportSettings = Answer<'/api/v1/plans/{id}/report-settings'>;
export type ReportSettingsBody = RequestBody<'/api/v1/plans/{id}/report-settings', 'put'>;
