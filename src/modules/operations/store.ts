import type { Db, Transaction } from '../../platform/db.js';

/** What a unit may report (the CHECK of plan_model_updates.status); `overdue` is computed, never stored. */
export type ReportedStatus = 'not_started' | 'in_progress' | 'done';

/** SQL of the plan tracker: plans, their models and what units reported about them. */
export interface PlanRow {
  id: string;
  title: string;
  issuer: string;
  document_number: string | null;
  issued_on: string | null;
  level: string;
  province_name: string;
  reporting_day: number | null;
  report_to: string | null;
  source: string;
  groups: { number: string; name: string }[];
  imported_at: string;
}

export interface PlanModelRow {
  plan_id: string;
  number: string;
  group_number: string;
  national: number | null;
  name: string;
  goal: string | null;
  lead_unit: string | null;
  cooperating_units: string[];
  forces: string | null;
  tools: string[];
  deadline: string | null;
  deadline_text: string | null;
  funding: string | null;
  pilot_sites: string[];
  steps: string[];
  status: string;
  note: string | null;
  evidence: string | null;
  problems: string | null;
  updated_at: string | null;
  updated_by: string | null;
}

export interface UpdateRow {
  id: string;
  number: string;
  status: ReportedStatus;
  note: string | null;
  evidence: string | null;
  problems: string | null;
  indicator_label: string | null;
  indicator_value: string | null;
  officer_name: string;
  at: string;
}

/** Who signs a plan's monthly report (plan_report_settings). */
export interface ReportSettingsRow {
  signer_authority: string;
  signer_title: string;
  signer_name: string;
  updated_by: string;
  updated_at: string;
}

export interface ModelInsert {
  number: string; group: string; national: number | null; name: string; goal: string | null; leadUnit: string | null;
  cooperatingUnits: string[]; forces: string | null; tools: string[]; deadline: string | null; deadlineText: string | null;
  funding: string | null; pilotSites: string[]; steps: string[];
}

export interface PlanInsert {
  id: string; title: string; issuer: string; documentNumber: string | null; issuedOn: string | null; level: string; provinceName: string;
  reportingDay: number | null; reportTo: string | null; source: string; groups: { number: string; name: string }[]; models: ModelInsert[];
}

const MODEL_COLUMNS = `m.plan_id, m.number, m.group_number, m.national, m.name, m.goal, m.lead_unit, m.cooperating_units, m.forces, m.tools,
  m.deadline::text AS deadline, m.deadline_text, m.funding, m.pilot_sites, m.steps`;

export function createOperationsStore(db: Db) {
  return {
    /** Inserts or replaces a plan and its models; statuses and reports already recorded are kept. */
    async upsertPlan(p: PlanInsert): Promise<{ models: number; removed: number }> {
      return db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO plans (id, title, issuer, document_number, issued_on, level, province_name, reporting_day, report_to, source, groups)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
           ON CONFLICT (id) DO UPDATE SET title = $2, issuer = $3, document_number = $4, issued_on = $5, level = $6, province_name = $7,
             reporting_day = $8, report_to = $9, source = $10, groups = $11, imported_at = now()`,
          [p.id, p.title, p.issuer, p.documentNumber, p.issuedOn, p.level, p.provinceName, p.reportingDay, p.reportTo, p.source, JSON.stringify(p.groups)]);
        const c = <T>(f: (m: ModelInsert) => T) => p.models.map(f);
        await tx.query(
          `INSERT INTO plan_models (plan_id, number, group_number, national, name, goal, lead_unit, cooperating_units, forces, tools, deadline,
             deadline_text, funding, pilot_sites, steps)
           SELECT $1, * FROM unnest($2::text[], $3::text[], $4::smallint[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::text[], $10::jsonb[],
             $11::date[], $12::text[], $13::text[], $14::jsonb[], $15::jsonb[])
           ON CONFLICT (plan_id, number) DO UPDATE SET group_number = EXCLUDED.group_number, national = EXCLUDED.national, name = EXCLUDED.name,
             goal = EXCLUDED.goal, lead_unit = EXCLUDED.lead_unit, cooperating_units = EXCLUDED.cooperating_units, forces = EXCLUDED.forces,
             tools = EXCLUDED.tools, deadline = EXCLUDED.deadline, deadline_text = EXCLUDED.deadline_text, funding = EXCLUDED.funding,
             pilot_sites = EXCLUDED.pilot_sites, steps = EXCLUDED.steps`,
          [p.id, c((m) => m.number), c((m) => m.group), c((m) => m.national), c((m) => m.name), c((m) => m.goal), c((m) => m.leadUnit),
            c((m) => JSON.stringify(m.cooperatingUnits)), c((m) => m.forces), c((m) => JSON.stringify(m.tools)), c((m) => m.deadline),
            c((m) => m.deadlineText), c((m) => m.funding), c((m) => JSON.stringify(m.pilotSites)), c((m) => JSON.stringify(m.steps))]);
        const removed = await tx.query('DELETE FROM plan_models WHERE plan_id = $1 AND NOT (number = ANY($2::text[])) RETURNING number', [p.id, c((m) => m.number)]);
        return { models: p.models.length, removed: removed.rows.length };
      });
    },

    async listPlans(): Promise<(PlanRow & { models: number })[]> {
      const { rows } = await db.query<PlanRow & { models: number }>(
        `SELECT p.*, p.issued_on::text AS issued_on, (SELECT count(*)::int FROM plan_models m WHERE m.plan_id = p.id) AS models FROM plans p ORDER BY p.issued_on DESC NULLS LAST, p.id`);
      return rows;
    },

    async findPlan(id: string): Promise<PlanRow | undefined> {
      const { rows } = await db.query<PlanRow>('SELECT p.*, p.issued_on::text AS issued_on FROM plans p WHERE p.id = $1', [id]);
      return rows[0];
    },

    /** The models of a plan with the latest report of each made before `asOf`. */
    async models(planId: string, asOf: Date): Promise<PlanModelRow[]> {
      const { rows } = await db.query<PlanModelRow>(
        `SELECT ${MODEL_COLUMNS}, COALESCE(u.status, 'not_started') AS status, u.note, u.evidence, u.problems, u.at AS updated_at, u.officer_name AS updated_by
           FROM plan_models m
           LEFT JOIN LATERAL (SELECT * FROM plan_model_updates x WHERE x.plan_id = m.plan_id AND x.number = m.number AND x.at < $2
                               ORDER BY x.at DESC, x.id DESC LIMIT 1) u ON true
          WHERE m.plan_id = $1`, [planId, asOf]);
      const key = (n: string) => n.split('.').map((p) => p.padStart(4, '0')).join('.');
      return rows.sort((a, b) => key(a.number).localeCompare(key(b.number)));
    },

    /** Records a unit's report; false when the plan has no such model. `onSaved` runs in the same transaction (the audit entry). */
    async insertUpdate(u: {
      planId: string; number: string; status: ReportedStatus; note: string | null; evidence: string | null; problems: string | null;
      indicatorLabel: string | null; indicatorValue: string | null; officerId: number; officerName: string;
    }, onSaved?: (tx: Transaction) => Promise<void>): Promise<boolean> {
      return db.transaction(async (tx) => {
        const { rows } = await tx.query('UPDATE plan_models SET status = $3 WHERE plan_id = $1 AND number = $2 RETURNING number', [u.planId, u.number, u.status]);
        if (!rows.length) return false;
        await tx.query(
          `INSERT INTO plan_model_updates (plan_id, number, status, note, evidence, problems, indicator_label, indicator_value, officer_id, officer_name)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [u.planId, u.number, u.status, u.note, u.evidence, u.problems, u.indicatorLabel, u.indicatorValue, u.officerId, u.officerName]);
        await onSaved?.(tx);
        return true;
      });
    },

    async findReportSettings(planId: string): Promise<ReportSettingsRow | undefined> {
      const { rows } = await db.query<ReportSettingsRow>(
        'SELECT signer_authority, signer_title, signer_name, updated_by, updated_at FROM plan_report_settings WHERE plan_id = $1', [planId]);
      return rows[0];
    },

    /** Sets who signs the plan's reports; `onSaved` runs in the same transaction (the audit entry). */
    async saveReportSettings(planId: string, s: { authority: string; title: string; name: string; updatedBy: string }, onSaved: (tx: Transaction) => Promise<void>): Promise<ReportSettingsRow> {
      return db.transaction(async (tx) => {
        const { rows } = await tx.query<ReportSettingsRow>(
          `INSERT INTO plan_report_settings (plan_id, signer_authority, signer_title, signer_name, updated_by) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (plan_id) DO UPDATE SET signer_authority = $2, signer_title = $3, signer_name = $4, updated_by = $5, updated_at = now()
           RETURNING signer_authority, signer_title, signer_name, updated_by, updated_at`,
          [planId, s.authority, s.title, s.name, s.updatedBy]);
        await onSaved(tx);
        return rows[0];
      });
    },

    async updatesOf(planId: string, number: string | null, before: Date): Promise<UpdateRow[]> {
      const { rows } = await db.query<UpdateRow>(
        `SELECT id, number, status, note, evidence, problems, indicator_label, indicator_value, officer_name, at FROM plan_model_updates
          WHERE plan_id = $1 AND ($2::text IS NULL OR number = $2) AND at < $3 ORDER BY at DESC, id DESC LIMIT 500`, [planId, number, before]);
      return rows;
    },
  };
}

export type OperationsStore = ReturnType<typeof createOperationsStore>;
