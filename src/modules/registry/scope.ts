import type { AreaScope } from '../../platform/access.js';

/**
 * SQL condition limiting people (alias `p`, joined to their commune as `u`) to an officer's area.
 * Returns the condition text using placeholder `$n` and the value to bind.
 */
export function areaCondition(scope: AreaScope, n: number): { sql: string; value: string } {
  return { sql: areaConditionOn(scope.level, `$${n}`), value: scope.code };
}

/** The same condition, comparing with an SQL expression that holds the area code (e.g. a column). */
export function areaConditionOn(level: AreaScope['level'], code: string): string {
  return level === 'commune' ? `p.commune_code = ${code}` : `u.province_code = ${code}`;
}
