import type { OfficerCaller } from '../../platform/access.js';
import { audited } from '../../platform/audit.js';
import { DomainError, fieldError } from './errors.js';
import { todayInVietnam } from '../../platform/time.js';
import { formatIsoDate, formatNumber } from '../../platform/format.js';
import { indicatorsFor, type MonthFacts } from './indicators.js';
import type { PlanFile } from './plans/plan-file.js';
import type { OperationsSources } from './sources.js';
import { createOperationsStore, type PlanModelRow, type PlanRow, type ReportSettingsRow, type ReportedStatus } from './store.js';
import type { MonthlyReport, ReportIndicator } from './report/types.js';
import { documentDateWords, formatDeadline } from './report/format.js';

/**
 * The plan tracker: plans imported from plan files, the status each lead unit reports for its models
 * (with notes, evidence, problems and manual figures), overdue models, the indicators the platform
 * computes, and the monthly report of the working group.
 */
export const STATUS_LABELS = { not_started: 'Chưa triển khai', in_progress: 'Đang triển khai', done: 'Hoàn thành', overdue: 'Quá hạn' } as const;
export type ModelStatus = keyof typeof STATUS_LABELS;

const DAY = 86_400_000;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A model is overdue when its deadline has passed (on `day`) and it is not done. */
export function effectiveStatus(m: { status: string; deadline: string | null }, day: string): ModelStatus {
  if (m.status !== 'done' && m.deadline && m.deadline < day) return 'overdue';
  return m.status as ModelStatus;
}

/** First and last day of a month 'YYYY-MM', and the instant the month ends in Vietnam. */
export function monthBounds(month: string) {
  const m = MONTH.exec(month);
  if (!m) throw new DomainError('VALIDATION_FAILED', {}, [fieldError('month', 'INVALID_FORMAT')]);
  const [y, mo] = [Number(m[1]), Number(m[2])];
  const next = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
  const end = new Date(`${next}-01T00:00:00+07:00`);
  const last = new Date(end.getTime() - DAY + 7 * 3_600_000).toISOString().slice(0, 10);
  return { first: `${month}-01`, last, start: new Date(`${month}-01T00:00:00+07:00`), end };
}

/** Who signs when the working group has not said yet: the decree's usual authority and title, the name left for the clerk. */
export const DEFAULT_SIGNER = { signerAuthority: 'TM. TỔ CÔNG TÁC ĐỀ ÁN 06', signerTitle: 'TỔ TRƯỞNG', signerName: '' } as const;

function settingsView(row: ReportSettingsRow | undefined) {
  if (!row) return { ...DEFAULT_SIGNER, updatedBy: null, updatedAt: null };
  return {
    signerAuthority: row.signer_authority, signerTitle: row.signer_title, signerName: row.signer_name,
    updatedBy: row.updated_by, updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/**
 * The day the report's figures run to: the end of the month, or the report's own date while the
 * month is still running ("tính đến ngày 06/12/2026" on a December report made on the 6th).
 */
export function reportCutOff(month: string, today: string): { day: string; complete: boolean } {
  const { last } = monthBounds(month);
  return today < last ? { day: today, complete: false } : { day: last, complete: true };
}

/** A province's name folded for comparison: "Tỉnh Bà Rịa - Vũng Tàu" and "Bà Rịa – Vũng Tàu" match. */
export function provinceKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/^\s*(tinh|thanh pho)\s+/, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function provinceWords(p: PlanRow) {
  const isDistrict = p.level === 'district';
  const place = p.province_name;
  return { issuerTop: `${isDistrict ? 'UBND HUYỆN' : 'UBND TỈNH'} ${place.toUpperCase()}`, place };
}

export function createPlansService(deps: { store: ReturnType<typeof createOperationsStore>; sources: OperationsSources }) {
  const { store, sources } = deps;

  /** Whether a plan is of the officer's province: its province (or one merged into it in 2025) issued it. */
  async function ownPlans(caller: OfficerCaller): Promise<(plan: PlanRow) => boolean> {
    const names = new Set((await sources.provinceNames(caller.area)).map(provinceKey));
    return (plan) => names.has(provinceKey(plan.province_name));
  }

  /** A plan of the officer's province; another province's plan reads as absent, like any record of another area. */
  async function getPlan(caller: OfficerCaller, id: string): Promise<PlanRow> {
    const plan = await store.findPlan(id);
    if (!plan || !(await ownPlans(caller))(plan)) throw new DomainError('PLAN_NOT_FOUND');
    return plan;
  }

  /** Facts of a month in the officer's area, for the indicators. */
  async function monthFacts(caller: OfficerCaller, month: string): Promise<MonthFacts> {
    const { first, last, start, end } = monthBounds(month);
    const communes = await sources.communesOf({ scheme: '2025', code: caller.area.code });
    const days = Math.max(1, Math.ceil((Date.now() - start.getTime()) / DAY));
    const [population, lodging, eid, verifications, sso, services, linkage] = await Promise.all([
      sources.population(communes, Number(month.slice(0, 4))), sources.lodging(communes, { from: first, to: last }), sources.eidCoverage(communes),
      sources.verificationsByType(caller.area, start, end), sources.signIns(days), sources.services?.(communes, { from: first, to: last }) ?? null,
      sources.linkage?.(caller.area, end) ?? null,
    ]);
    const signIns = sso.map((c) => ({ name: c.name, signIns: c.signIns.filter((d) => d.day >= first && d.day <= last).reduce((s, d) => s + d.count, 0) }));
    return { population, lodging, eid, verifications, signIns, services, linkage };
  }

  function modelView(m: PlanModelRow, day: string, indicators: ReportIndicator[]) {
    const status = effectiveStatus(m, day);
    return {
      number: m.number, group: m.group_number, national: m.national === null ? null : Number(m.national), name: m.name, goal: m.goal,
      leadUnit: m.lead_unit, cooperatingUnits: m.cooperating_units, forces: m.forces, tools: m.tools, deadline: m.deadline, deadlineText: m.deadline_text,
      funding: m.funding, pilotSites: m.pilot_sites, steps: m.steps, status, statusLabel: STATUS_LABELS[status],
      note: m.note, evidence: m.evidence, problems: m.problems, updatedAt: m.updated_at ? new Date(m.updated_at).toISOString() : null, updatedBy: m.updated_by,
      indicators,
    };
  }

  /** Platform indicators, then the latest manual figure a unit typed in for the model. */
  async function indicatorsOf(planId: string, models: PlanModelRow[], facts: MonthFacts, before: Date) {
    const manual = new Map<string, ReportIndicator>();
    for (const u of await store.updatesOf(planId, null, before)) {
      if (u.indicator_label && u.indicator_value && !manual.has(u.number)) {
        manual.set(u.number, { label: u.indicator_label, value: u.indicator_value, kind: 'manual', source: `${u.officer_name}, ${formatIsoDate(todayInVietnam(new Date(u.at)))}` });
      }
    }
    return new Map(models.map((m) => [m.number, [...indicatorsFor(m.national === null ? null : Number(m.national), facts), ...(manual.has(m.number) ? [manual.get(m.number)!] : [])]]));
  }

  /** A plan as it stood at the end of a month (or now, for the current one), with that month's indicators. */
  async function planOfMonth(caller: OfficerCaller, id: string, month: string) {
    const plan = await getPlan(caller, id);
    const { end } = monthBounds(month);
    const asOf = new Date(Math.min(end.getTime(), Date.now() + 1000));
    const [models, facts] = await Promise.all([store.models(id, asOf), monthFacts(caller, month)]);
    const indicators = await indicatorsOf(id, models, facts, asOf);
    const day = todayInVietnam();
    const view = {
      id: plan.id, title: plan.title, issuer: plan.issuer, documentNumber: plan.document_number, issuedOn: plan.issued_on, level: plan.level,
      provinceName: plan.province_name, reportingDay: plan.reporting_day, reportTo: plan.report_to, source: plan.source, groups: plan.groups, month,
      models: models.map((m) => modelView(m, day, indicators.get(m.number) ?? [])),
    };
    return { plan, view, facts };
  }

  return {
    async importPlan(file: PlanFile, source: string) {
      const result = await store.upsertPlan({
        id: file.id, title: file.title, issuer: file.issuer, documentNumber: file.documentNumber ?? null, issuedOn: file.issuedOn ?? null,
        level: file.level, provinceName: file.provinceName, reportingDay: file.reportingDay ?? null, reportTo: file.reportTo ?? null, source,
        groups: file.groups, models: file.models.map((m) => ({
          number: m.number, group: m.group, national: m.national, name: m.name, goal: m.goal, leadUnit: m.leadUnit, cooperatingUnits: m.cooperatingUnits,
          forces: m.forces, tools: m.tools, deadline: m.deadline, deadlineText: m.deadlineText, funding: m.funding, pilotSites: m.pilotSites, steps: m.steps,
        })),
      });
      return { id: file.id, ...result };
    },

    /** The plans of the officer's province (every plan for the operator's command line, which has no officer). */
    async list(caller?: OfficerCaller) {
      const day = todayInVietnam();
      const own = caller ? await ownPlans(caller) : () => true;
      const plans = (await store.listPlans()).filter(own);
      return Promise.all(plans.map(async (p) => {
        const models = await store.models(p.id, new Date());
        const counts = { not_started: 0, in_progress: 0, done: 0, overdue: 0 };
        for (const m of models) counts[effectiveStatus(m, day)]++;
        return {
          id: p.id, title: p.title, issuer: p.issuer, documentNumber: p.document_number, issuedOn: p.issued_on, level: p.level,
          provinceName: p.province_name, reportingDay: p.reporting_day, models: Number(p.models), counts,
        };
      }));
    },

    async get(caller: OfficerCaller, id: string, month = todayInVietnam().slice(0, 7)) {
      return (await planOfMonth(caller, id, month)).view;
    },

    /** A lead unit reports on a model: status, note, evidence, problems, and a figure the platform cannot compute. */
    async report(caller: OfficerCaller, id: string, number: string, r: { status: ReportedStatus; note?: string; evidence?: string; problems?: string; indicatorLabel?: string; indicatorValue?: string }) {
      await getPlan(caller, id);
      if (!!r.indicatorLabel?.trim() !== !!r.indicatorValue?.trim()) {
        throw new DomainError('PLAN_REPORT_INVALID', {}, [fieldError(r.indicatorLabel?.trim() ? 'indicatorValue' : 'indicatorLabel', 'REQUIRED')]);
      }
      const saved = await store.insertUpdate({
        planId: id, number, status: r.status, note: r.note?.trim() || null, evidence: r.evidence?.trim() || null, problems: r.problems?.trim() || null,
        indicatorLabel: r.indicatorLabel?.trim() || null, indicatorValue: r.indicatorValue?.trim() || null, officerId: caller.officerId, officerName: caller.fullName,
      }, (tx) => audited(tx, { subjectKind: 'plan_model', subjectId: `${id}/${number}`, data: { status: r.status } }));
      if (!saved) throw new DomainError('PLAN_MODEL_NOT_FOUND');
    },

    /** Who signs the plan's monthly report; the decree's default authority and title until the working group sets them. */
    async reportSettings(caller: OfficerCaller, id: string) {
      await getPlan(caller, id);
      return settingsView(await store.findReportSettings(id));
    },

    async saveReportSettings(caller: OfficerCaller, id: string, body: { signerAuthority: string; signerTitle: string; signerName: string }) {
      await getPlan(caller, id);
      const clean = { authority: body.signerAuthority.trim(), title: body.signerTitle.trim(), name: body.signerName.trim() };
      const row = await store.saveReportSettings(id, { ...clean, updatedBy: caller.fullName }, (tx) => audited(tx, {
        subjectKind: 'plan', subjectId: id, data: { signerTitle: clean.title, signerName: clean.name },
      }));
      return settingsView(row);
    },

    async history(caller: OfficerCaller, id: string, number: string) {
      await getPlan(caller, id);
      return (await store.updatesOf(id, number, new Date(Date.now() + 1000))).map((u) => ({
        status: u.status, statusLabel: STATUS_LABELS[u.status as ModelStatus], note: u.note, evidence: u.evidence, problems: u.problems,
        indicatorLabel: u.indicator_label, indicatorValue: u.indicator_value, by: u.officer_name, at: new Date(u.at).toISOString(),
      }));
    },

    /** The working group's monthly report, assembled from the tracker and the platform's records. */
    async monthlyReport(caller: OfficerCaller, id: string, month: string, today = todayInVietnam()): Promise<MonthlyReport> {
      const [{ plan, view, facts }, signer] = await Promise.all([planOfMonth(caller, id, month), store.findReportSettings(id).then(settingsView)]);
      const cutOff = reportCutOff(month, today);
      const [y, m] = month.split('-');
      const words = provinceWords(plan);
      const count = (s: ModelStatus) => view.models.filter((x) => x.status === s).length;
      const overdue = view.models.filter((x) => x.status === 'overdue');
      const num = (n: number) => formatNumber(n);
      return {
        issuer: [words.issuerTop, 'TỔ CÔNG TÁC ĐỀ ÁN 06'],
        number: 'Số:        /BC-TCTĐA06',
        placeAndDate: `${words.place}, ${documentDateWords(today)}`,
        kind: 'BÁO CÁO',
        title: `Kết quả triển khai các mô hình điểm Đề án 06 tháng ${m}/${y}`,
        intro: [
          `Thực hiện ${plan.title}${plan.document_number ? ` (${plan.document_number})` : ''}, Tổ công tác Đề án 06 báo cáo kết quả triển khai các mô hình điểm tháng ${m}/${y} (số liệu ${cutOff.complete ? 'đến hết ngày' : 'tính đến ngày'} ${formatDeadline(cutOff.day)}) như sau:`,
        ],
        highlights: [
          { label: 'Tổng số mô hình theo kế hoạch', value: num(view.models.length) },
          { label: 'Hoàn thành', value: num(count('done')) },
          { label: 'Đang triển khai', value: num(count('in_progress')) },
          { label: 'Chưa triển khai', value: num(count('not_started')) },
          { label: 'Quá hạn', value: num(overdue.length) },
          { label: 'Dân số trên địa bàn', value: num(facts.population.total) },
          { label: 'Người từ 18 tuổi có định danh điện tử (mức 1 và 2)', value: num(facts.eid.level1 + facts.eid.level2) },
          { label: 'Lượt xác thực công dân tại quầy', value: num(facts.verifications.reduce((s, v) => s + v.verifications, 0)) },
          { label: 'Lượt thông báo lưu trú', value: num(facts.lodging.totals.guests) },
        ],
        models: view.models.map((x) => ({
          number: x.number, national: x.national, name: x.name, leadUnit: x.leadUnit ?? 'Chưa xác định', status: x.status, statusLabel: x.statusLabel,
          deadline: x.deadline, indicators: x.indicators, problems: x.problems ?? '',
        })),
        charts: [
          { title: 'Tiến độ các mô hình', unit: 'mô hình', bars: (['done', 'in_progress', 'not_started', 'overdue'] as const).map((s) => ({ label: STATUS_LABELS[s], value: count(s) })) },
          { title: 'Xác thực công dân tại quầy theo loại đơn vị', unit: 'lượt', bars: facts.verifications.map((v) => ({ label: v.label, value: v.verifications })) },
          { title: 'Khách lưu trú theo loại cơ sở', unit: 'lượt', bars: facts.lodging.byFacilityKind.map((k) => ({ label: k.label, value: k.guests })) },
        ],
        problems: view.models.filter((x) => x.problems).map((x) => `Mô hình ${x.number} (${x.name}): ${x.problems}`)
          .concat(overdue.length ? [`${overdue.length} mô hình quá hạn: ${overdue.map((x) => x.number).join(', ')}.`] : []),
        nextTasks: [
          ...overdue.map((x) => `Đẩy nhanh tiến độ mô hình ${x.number} (${x.name}), quá hạn từ ${formatDeadline(x.deadline!)}; đơn vị chủ trì: ${x.leadUnit ?? 'chưa xác định'}.`),
          ...view.models.filter((x) => x.status === 'in_progress').slice(0, 10).map((x) => `Tiếp tục triển khai mô hình ${x.number} (${x.name}).`),
        ],
        recipients: [plan.report_to ?? 'Cơ quan thường trực Tổ công tác Đề án 06', 'Tổ công tác Đề án 06 Chính phủ', `UBND ${plan.level === 'district' ? 'huyện' : 'tỉnh'} ${words.place}`, 'Lưu: VT'],
        signature: { authority: [signer.signerAuthority], title: signer.signerTitle, name: signer.signerName },
        generatedNote: `Báo cáo do nền tảng da06 lập ngày ${formatDeadline(today)}: chỉ số "tự động" tính từ dữ liệu của nền tảng; chỉ số "nhập tay" do đơn vị báo cáo.`,
      };
    },
  };
}

export type PlansService = ReturnType<typeof createPlansService>;
