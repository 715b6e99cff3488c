import type { AreaScope } from '../../platform/access.js';

/**
 * SQL condition limiting people (alias `p`, joined to their commune as `u`) to an officer's area.
 * Returns the condition text using placeholder `$n` and the value to bind.
 */
export function areaCondition(scope: AreaScope, n: number): { sql: string; value: string } {
  return scope.level === 'commune'
    ? { sql: `p.commune_code = $${n}`, value: scope.code }
    : { sql: `u.province_code = $${n}`, value: scope.code };
}
