import type { Transaction } from '../../../platform/db.js';
import type { Procedure } from '../catalogue/index.js';

/**
 * A step of a linked group that another agency settles (the child's health-insurance card by BHXH, the
 * funeral allowance). The contract is in docs/connectors/agency-steps.md.
 */
export interface AgencyStep {
  groupId: number;
  /** 0-based position of the step in the group. */
  stepIndex: number;
  procedure: Procedure;
  /** The da06 dossier that records the step (always created: it carries the code, the timeline and the deadline). */
  dossierId: number;
  dossierCode: string;
  unitCode: string;
  /** The step's form, filled from the citizen's submission and the earlier steps' results. */
  form: Record<string, unknown>;
}

/** What the agency decided about a step. */
export interface AgencyStepResult {
  decision: 'approved' | 'refused';
  /** One line for the timeline ("Đã cấp thẻ BHYT số …"). */
  summary: string;
  data?: Record<string, unknown>;
  comment?: string;
}

export type AgencyStepHandoff =
  /** The agency's officers work the step in their da06 queue; their approval is the result. */
  | { handledBy: 'da06' }
  /** An external system took the step; its result arrives by `pollResult` (or a callback to `receiveAgencyResult`). */
  | { handledBy: 'external'; externalRef: string };

export interface AgencyStepConnector {
  readonly name: string;
  /** Which agencies' steps this connector takes (catalogue agency kinds). */
  readonly agencies: readonly string[];
  /**
   * Hands a step to the agency. Runs in the transaction of the previous step's approval, after the step's
   * dossier was created: a connector that calls out must queue the call (outbox) rather than make it here.
   */
  submitStep(step: AgencyStep, tx: Transaction): Promise<AgencyStepHandoff>;
  /** The agency's result for a step it took, or null while it is pending. */
  pollResult(externalRef: string): Promise<AgencyStepResult | null>;
}

/**
 * The default: no national BHXH or labour system can be reached, so the agency's own officers
 * (health_insurance_officer, labour_social_officer) settle the step in da06, in their queue.
 */
export const inPlatformAgencySteps: AgencyStepConnector = {
  name: 'da06-officers',
  agencies: ['social_insurance', 'labour_social'],
  submitStep: async () => ({ handledBy: 'da06' }),
  pollResult: async () => null,
};
