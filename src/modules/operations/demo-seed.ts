import type { Db } from '../../platform/db.js';
import { MEASURED_MODELS } from './indicators.js';
import { bundledPlanFiles, loadPlanFile } from './plans/load.js';
import { createOperationsStore } from './store.js';

/**
 * The demo's plan tracker: the five bundled plans imported, and progress reported on the demo
 * province's own plan (Đồng Tháp, KH 332): the models the platform serves are under way or done,
 * a few others report problems, the rest wait (and show as overdue once their deadline passed).
 */
export async function seedDemoOperations(db: Db, officer: { id: number; name: string }): Promise<string | null> {
  const store = createOperationsStore(db);
  let demoPlan: string | null = null;
  for (const file of bundledPlanFiles()) {
    const plan = loadPlanFile(file);
    await store.upsertPlan({
      id: plan.id, title: plan.title, issuer: plan.issuer, documentNumber: plan.documentNumber ?? null, issuedOn: plan.issuedOn ?? null,
      level: plan.level, provinceName: plan.provinceName, reportingDay: plan.reportingDay ?? null, reportTo: plan.reportTo ?? null,
      source: file.split('/').slice(-2).join('/'), groups: plan.groups, models: plan.models,
    });
    if (plan.provinceName === 'Đồng Tháp') demoPlan = plan.id;
  }
  if (!demoPlan) return null;
  const measured = new Set<number>(MEASURED_MODELS);
  const models = await store.models(demoPlan, new Date());
  for (const [i, m] of models.entries()) {
    const served = m.national !== null && measured.has(Number(m.national));
    // Three years on, most 2023 models are done; some are still under way, a few never started.
    const status = served || i % 5 < 3 ? 'done' : i % 5 === 3 ? 'in_progress' : null;
    if (!status) continue;
    await store.insertUpdate({
      planId: demoPlan, number: m.number, status,
      note: served ? 'Đã triển khai trên nền tảng da06 của tỉnh (số liệu tự động).' : status === 'done' ? 'Đã triển khai, nghiệm thu.' : 'Đang lắp đặt, chạy thử.',
      evidence: status === 'done' && !served ? 'Báo cáo nghiệm thu của đơn vị chủ trì (mẫu)' : null,
      problems: status === 'in_progress' ? 'Chưa bố trí được kinh phí mua sắm thiết bị; đề nghị Sở Tài chính tham mưu bố trí.' : null,
      indicatorLabel: !served && i % 4 === 0 ? 'Số điểm đã lắp đặt thiết bị' : null, indicatorValue: !served && i % 4 === 0 ? (status === 'done' ? '10/10' : '3/10') : null,
      officerId: officer.id, officerName: officer.name,
    });
  }
  return demoPlan;
}
