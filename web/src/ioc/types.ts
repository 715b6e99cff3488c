import type { Static } from '@sinclair/typebox';
import type { operationsSchemas as S } from '../../../src/modules/operations/index.js';

/**
 * Shapes of the operations centre's API, taken from its TypeBox schemas (src/modules/operations/schema.ts,
 * the truth). Type-only: nothing of the server reaches the browser bundle. The tourism dashboard answers
 * the lodging statistics (web/src/lodging/types.ts `Statistics`).
 */
export type PopulationDashboard = Static<typeof S.PopulationDashboard>;
export type LabourDashboard = Static<typeof S.LabourDashboard>;
export type PublicOrderDashboard = Static<typeof S.PublicOrderDashboard>;
export type ReadinessDashboard = Static<typeof S.ReadinessDashboard>;
export type PlanSummary = Static<typeof S.PlanSummary>;
export type Plan = Static<typeof S.Plan>;
export type PlanModel = Static<typeof S.PlanModel>;
export type ModelStatus = PlanModel['status'];
export type ModelReport = Static<typeof S.ModelReportBody>;
export type ModelHistory = Static<typeof S.ModelHistory>;
