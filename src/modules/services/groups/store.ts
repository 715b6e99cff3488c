import type { Queryable, Transaction } from '../../../platform/db.js';
import type { TimeLimit } from '../calendar/index.js';
import type { Carried } from './carry.js';

export type GroupState = 'draft' | 'in_progress' | 'completed' | 'stopped';

/** A linked group as stored (migration 033). */
export interface GroupRow {
  id: number;
  group_slug: string;
  group_code: string;
  group_name: string;
  group_version: string;
  applicant_account_id: number;
  applicant_person_id: number;
  steps: string[];
  step_forms: Record<string, Record<string, unknown>>;
  step_locked: Record<string, string[]>;
  step_units: Record<string, { unitCode: string; provinceCode: string }>;
  carried: Carried;
  current_step: number;
  state: GroupState;
  time_limit: TimeLimit;
  submitted_at: Date | null;
  due_at: Date | null;
  completed_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface NewGroup {
  slug: string; code: string; name: string; version: string; accountId: number; personId: number; steps: string[];
  forms: GroupRow['step_forms']; locked: GroupRow['step_locked']; units: GroupRow['step_units']; timeLimit: TimeLimit;
}

/** The one code that reads and writes dossier_groups (and links dossiers to their group). */
export function createGroupStore(db: Queryable) {
  return {
    async insert(tx: Transaction, g: NewGroup, at: Date): Promise<GroupRow> {
      const r = await tx.query<GroupRow>(
        `INSERT INTO dossier_groups (group_slug, group_code, group_name, group_version, applicant_account_id, applicant_person_id, steps,
           step_forms, step_locked, step_units, time_limit, state, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8::jsonb, $9::jsonb, $10::jsonb, $11::jsonb, 'draft', $12, $12) RETURNING *`,
        [g.slug, g.code, g.name, g.version, g.accountId, g.personId, g.steps, JSON.stringify(g.forms), JSON.stringify(g.locked),
          JSON.stringify(g.units), JSON.stringify(g.timeLimit), at],
      );
      return r.rows[0];
    },

    async linkDossier(tx: Transaction, dossierId: number, groupId: number, step: number): Promise<void> {
      await tx.query('UPDATE dossiers SET group_id = $2, group_step = $3 WHERE id = $1', [dossierId, groupId, step]);
    },

    async findOwn(accountId: number, id: number, q: Queryable = db): Promise<GroupRow | undefined> {
      const r = await q.query<GroupRow>('SELECT * FROM dossier_groups WHERE id = $1 AND applicant_account_id = $2', [id, accountId]);
      return r.rows[0];
    },

    async find(q: Queryable, id: number): Promise<GroupRow | undefined> {
      const r = await q.query<GroupRow>('SELECT * FROM dossier_groups WHERE id = $1', [id]);
      return r.rows[0];
    },

    async lock(tx: Transaction, id: number): Promise<GroupRow | undefined> {
      const r = await tx.query<GroupRow>('SELECT * FROM dossier_groups WHERE id = $1 FOR UPDATE', [id]);
      return r.rows[0];
    },

    async update(tx: Transaction, id: number, c: { state?: GroupState; currentStep?: number; carried?: Carried; submittedAt?: Date; dueAt?: Date; completedAt?: Date }, at: Date) {
      await tx.query(
        `UPDATE dossier_groups SET state = coalesce($2, state), current_step = coalesce($3, current_step), carried = coalesce($4::jsonb, carried),
           submitted_at = coalesce($5, submitted_at), due_at = coalesce($6, due_at), completed_at = coalesce($7, completed_at), updated_at = $8
         WHERE id = $1`,
        [id, c.state ?? null, c.currentStep ?? null, c.carried ? JSON.stringify(c.carried) : null, c.submittedAt ?? null, c.dueAt ?? null, c.completedAt ?? null, at],
      );
    },

    async listOwn(accountId: number, limit: number, offset: number): Promise<{ rows: GroupRow[]; total: number }> {
      const [rows, total] = await Promise.all([
        db.query<GroupRow>('SELECT * FROM dossier_groups WHERE applicant_account_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3', [accountId, limit, offset]),
        db.query<{ n: number }>('SELECT count(*)::int AS n FROM dossier_groups WHERE applicant_account_id = $1', [accountId]),
      ]);
      return { rows: rows.rows, total: Number(total.rows[0].n) };
    },

    /** The dossiers of a group's steps, in step order. */
    async stepDossierIds(groupId: number, q: Queryable = db): Promise<{ id: number; group_step: number }[]> {
      const r = await q.query<{ id: number; group_step: number }>('SELECT id, group_step FROM dossiers WHERE group_id = $1 ORDER BY group_step, id', [groupId]);
      return r.rows.map((x) => ({ id: Number(x.id), group_step: Number(x.group_step) }));
    },
  };
}
