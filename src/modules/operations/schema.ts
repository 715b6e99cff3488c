import { Type } from '@sinclair/typebox';

/** Request and response shapes of the operations centre (dashboards, plan tracker, reports). */
const Strict = { additionalProperties: false } as const;
const Day = Type.String({ format: 'date' });
const Count = Type.Integer();
const NullableString = Type.Union([Type.String(), Type.Null()]);
const Instant = Type.String({ format: 'date-time' });

export const DashboardQuery = Type.Object({
  scheme: Type.Optional(Type.Union([Type.Literal('2025'), Type.Literal('pre2025')], { description: 'Danh mục đơn vị hành chính của `unit`' })),
  unit: Type.Optional(Type.String({ pattern: '^\\d{2,5}$', description: 'Mã tỉnh, huyện (cũ) hoặc xã; bỏ trống: cả địa bàn của cán bộ' })),
  from: Type.Optional(Day),
  to: Type.Optional(Day),
}, Strict);

const Named = Type.Object({ name: Type.String(), people: Count });

export const PopulationDashboard = Type.Object({
  total: Count, adults: Count, households: Count, averageHouseholdSize: Type.Number(),
  pyramid: Type.Array(Type.Object({ band: Type.String(), male: Count, female: Count })),
  ethnicity: Type.Array(Named), religion: Type.Array(Named),
  communes: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), urban: Type.Boolean(), people: Count, households: Count })),
  events: Type.Array(Type.Object({ month: Type.String(), birth: Count, death: Count, move: Count })),
  refreshedAt: Type.Union([Instant, Type.Null()], { description: 'Lúc số liệu tổng hợp được đếm lại' }),
});

export const LabourDashboard = Type.Object({
  total: Count, workingAge: Count, employed: Count, urban: Count, rural: Count,
  activities: Type.Object({ employed: Count, student: Count, homemaker: Count, jobless: Count, retired: Count, none: Count }, { description: 'Người trong độ tuổi lao động theo tình trạng: đang làm việc, học sinh sinh viên, nội trợ, không có việc làm, hưu trí, chưa ghi nhận' }),
  bands: Type.Array(Type.Object({ band: Type.String(), male: Count, female: Count, urban: Count, rural: Count, employed: Count })),
  refreshedAt: Type.Union([Instant, Type.Null()]),
});

export const PublicOrderDashboard = Type.Object({
  from: Type.String(), to: Type.String(), stays: Count, lateStays: Count, longStays: Count, alerts: Count,
  staysByDay: Type.Array(Type.Object({ day: Type.String(), guests: Count })),
  staysByCommune: Type.Array(Type.Object({ communeCode: Type.String(), communeName: Type.String(), guests: Count, late: Count })),
  moves: Type.Array(Type.Object({ month: Type.String(), arrivals: Count })),
});

export const ReadinessDashboard = Type.Object({
  from: Type.String(), to: Type.String(), adults: Count, level1: Count, level2: Count,
  level1Share: Type.Number({ description: '% người từ 18 tuổi có tài khoản định danh điện tử (mức 1 hoặc 2)' }),
  level2Share: Type.Number({ description: '% người từ 18 tuổi có tài khoản mức 2' }),
  verifications: Type.Array(Type.Object({ type: Type.String(), label: Type.String(), verifications: Count, valid: Count, sites: Count })),
  signIns: Type.Array(Type.Object({ clientId: Type.String(), name: Type.String(), signIns: Count })),
});

const Indicator = Type.Object({ label: Type.String(), value: Type.String(), kind: Type.Union([Type.Literal('platform'), Type.Literal('manual')]), source: Type.String() });
const Status = Type.Union([Type.Literal('not_started'), Type.Literal('in_progress'), Type.Literal('done'), Type.Literal('overdue')]);

export const PlanSummary = Type.Object({
  id: Type.String(), title: Type.String(), issuer: Type.String(), documentNumber: NullableString, issuedOn: NullableString, level: Type.String(),
  provinceName: Type.String(), reportingDay: Type.Union([Type.Integer(), Type.Null()]), models: Count,
  counts: Type.Object({ not_started: Count, in_progress: Count, done: Count, overdue: Count }),
});

export const PlanModel = Type.Object({
  number: Type.String(), group: Type.String(), national: Type.Union([Type.Integer(), Type.Null()]), name: Type.String(), goal: NullableString,
  leadUnit: NullableString, cooperatingUnits: Type.Array(Type.String()), forces: NullableString, tools: Type.Array(Type.String()),
  deadline: NullableString, deadlineText: NullableString, funding: NullableString, pilotSites: Type.Array(Type.String()), steps: Type.Array(Type.String()),
  status: Status, statusLabel: Type.String(), note: NullableString, evidence: NullableString, problems: NullableString,
  updatedAt: Type.Union([Instant, Type.Null()]), updatedBy: NullableString, indicators: Type.Array(Indicator),
});

export const Plan = Type.Object({
  id: Type.String(), title: Type.String(), issuer: Type.String(), documentNumber: NullableString, issuedOn: NullableString, level: Type.String(),
  provinceName: Type.String(), reportingDay: Type.Union([Type.Integer(), Type.Null()]), reportTo: NullableString, source: Type.String(),
  groups: Type.Array(Type.Object({ number: Type.String(), name: Type.String() })), month: Type.String(),
  models: Type.Array(PlanModel),
});

export const PlanParams = Type.Object({ id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,80}$' }) }, Strict);
export const ModelParams = Type.Object({ id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,80}$' }), number: Type.String({ minLength: 1, maxLength: 20 }) }, Strict);
export const MonthQuery = Type.Object({ month: Type.Optional(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' })) }, Strict);
export const ReportQuery = Type.Object({
  month: Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' }),
  format: Type.Optional(Type.Union([Type.Literal('docx'), Type.Literal('pdf')], { default: 'docx' })),
}, Strict);

export const ModelReportBody = Type.Object({
  status: Type.Union([Type.Literal('not_started'), Type.Literal('in_progress'), Type.Literal('done')]),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
  evidence: Type.Optional(Type.String({ maxLength: 500, description: 'Minh chứng: số văn bản, đường dẫn...' })),
  problems: Type.Optional(Type.String({ maxLength: 2000, description: 'Khó khăn, vướng mắc, đề xuất' })),
  indicatorLabel: Type.Optional(Type.String({ maxLength: 200, description: 'Chỉ số nền tảng không tự tính được (nhập tay)' })),
  indicatorValue: Type.Optional(Type.String({ maxLength: 100 })),
}, Strict);

export const ModelHistory = Type.Array(Type.Object({
  status: Type.Union([Type.Literal('not_started'), Type.Literal('in_progress'), Type.Literal('done')]), statusLabel: Type.String(), note: NullableString, evidence: NullableString, problems: NullableString,
  indicatorLabel: NullableString, indicatorValue: NullableString, by: Type.String(), at: Instant,
}));

/** Who signs the plan's monthly report (Nghị định 30/2020/NĐ-CP: quyền hạn, chức vụ và họ tên người ký). */
const SignerLine = (maxLength: number, description: string) => Type.String({ minLength: 1, maxLength, pattern: '\\S', description });
export const ReportSettingsBody = Type.Object({
  signerAuthority: SignerLine(120, 'Quyền hạn ký, ví dụ "TM. TỔ CÔNG TÁC ĐỀ ÁN 06" hoặc "KT. TỔ TRƯỞNG"'),
  signerTitle: SignerLine(120, 'Chức vụ người ký, ví dụ "TỔ TRƯỞNG" hoặc "PHÓ TỔ TRƯỞNG"'),
  signerName: SignerLine(120, 'Họ và tên người ký'),
}, Strict);

export const ReportSettings = Type.Object({
  signerAuthority: Type.String(), signerTitle: Type.String(), signerName: Type.String(),
  updatedBy: NullableString, updatedAt: Type.Union([Instant, Type.Null()], { description: 'null: chưa đặt, báo cáo để trống họ tên người ký' }),
});
