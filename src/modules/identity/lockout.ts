import type { Queryable } from '../../platform/db.js';

/**
 * Temporary lockout after repeated password failures, the same rule for officers and citizens:
 * the account's `failed_logins` counts up and `locked_until` is set when it reaches the limit.
 */
export function lockoutStore(db: Queryable, table: 'officers' | 'citizen_accounts') {
  return {
    async recordFailure(id: number, maxFailures: number, lockMinutes: number): Promise<void> {
      await db.query(
        `UPDATE ${table} SET failed_logins = failed_logins + 1,
           locked_until = CASE WHEN failed_logins + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
         WHERE id = $1`,
        [id, maxFailures, lockMinutes],
      );
    },
    async recordSuccess(id: number): Promise<void> {
      await db.query(`UPDATE ${table} SET failed_logins = 0, locked_until = NULL WHERE id = $1`, [id]);
    },
  };
}
