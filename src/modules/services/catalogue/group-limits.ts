import type { LinkedGroup, Procedure, TimeLimit } from './types.js';

/** Working days a limit stands for in a sum: a same-day step adds none, hours count as eighths of a day. */
function daysOf(limit: TimeLimit): number {
  if (limit.sameDay) return 0;
  if (limit.workingDays !== undefined) return limit.workingDays;
  return (limit.workingHours ?? 0) / 8;
}

/**
 * A step's time limit inside its group: the one the group prescribes for it (group 1 on DVCQG: khai sinh 1 working
 * day, thường trú 2, DOMAIN-SERVICES.md §3.2), else the procedure's own.
 */
export function stepTimeLimit(g: Pick<LinkedGroup, 'stepTimeLimits'>, p: Procedure): TimeLimit {
  return { ...(g.stepTimeLimits?.[p.slug] ?? p.timeLimit) };
}

/**
 * The whole group's time limit (§3): what the law prescribes for the group when the file says it, else the sum of
 * its steps' limits in working days (a same-day step adds none; at least one working day).
 * Held by review-fixes-3.test.ts "the group's deadline".
 */
export function groupTimeLimit(g: Pick<LinkedGroup, 'timeLimit' | 'stepTimeLimits' | 'steps'>, procedureOf: (slug: string) => Procedure | undefined): TimeLimit {
  if (g.timeLimit) return { ...g.timeLimit };
  const days = g.steps.reduce((sum, slug) => {
    const p = procedureOf(slug);
    return sum + (p ? daysOf(stepTimeLimit(g, p)) : 0);
  }, 0);
  return { workingDays: Math.max(1, Math.ceil(days)) };
}
