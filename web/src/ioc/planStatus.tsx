import { Tag, Tooltip } from 'antd';
import { messages } from '../messages.js';
import type { ModelStatus, PlanSummary } from './types.js';

/** The order statuses read in: what is done first, what is overdue last (in red). */
export const STATUS_ORDER: ModelStatus[] = ['done', 'in_progress', 'not_started', 'overdue'];

export const statusLabels: Record<ModelStatus, string> = {
  done: messages.planStatusDone,
  in_progress: messages.planStatusInProgress,
  not_started: messages.planStatusNotStarted,
  overdue: messages.planStatusOverdue,
};

const COLORS: Record<ModelStatus, string> = { done: 'green', in_progress: 'blue', not_started: 'default', overdue: 'red' };

/** A model's status: overdue red, done green, in progress blue, not started grey. */
export function StatusTag({ status, label }: { status: ModelStatus; label?: string }) {
  return (
    <Tag color={COLORS[status]} data-testid="model-status" data-status={status}>
      {label ?? statusLabels[status]}
    </Tag>
  );
}

/** The models of a plan by status, as one stacked bar with the counts under it. */
export function PlanProgress({ counts }: { counts: PlanSummary['counts'] }) {
  const total = STATUS_ORDER.reduce((s, k) => s + counts[k], 0);
  return (
    <div className="plan-progress" data-testid="plan-progress" data-overdue={counts.overdue} data-done={counts.done}>
      <div className="plan-progress-bar">
        {STATUS_ORDER.map((k) =>
          counts[k] > 0 ? (
            <Tooltip key={k} title={`${statusLabels[k]}: ${counts[k]}`}>
              <span className={`plan-seg plan-seg-${k}`} style={{ width: `${(counts[k] / Math.max(1, total)) * 100}%` }} />
            </Tooltip>
          ) : null,
        )}
      </div>
      <div className="plan-progress-counts">
        {STATUS_ORDER.map((k) => (
          <span key={k} className={`plan-count plan-count-${k}`}>
            <span className={`plan-swatch plan-seg-${k}`} /> {statusLabels[k]} {counts[k]}
          </span>
        ))}
      </div>
    </div>
  );
}
