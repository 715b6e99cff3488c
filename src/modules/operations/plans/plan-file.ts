/**
 * Data files of the Project 06 plans (data/plans/*.json, see data/SOURCES.md §"Kế hoạch"): one file
 * per plan, each pilot model ("Mô hình") under the plan's own numbering and mapped, where it is one,
 * to the national list of 43 models (data/plans/national-models.json). Imported by
 * `da06 plans import`; read with load.ts.
 *
 * Conventions used by the bundled files (written by hand from the plan texts in shared/seeds/):
 *  - Text is the plan's own wording; very long goals are cut to their first sentence or two. null /
 *    [] where the plan says nothing.
 *  - `deadline` is the completion date the plan gives, as an ISO date: "trước ngày 31/12/2023" →
 *    2023-12-31; a month → its last day; "Quý I/2024" → 2024-03-31; a year ("trong năm 2024",
 *    "Năm 2024 và những năm tiếp theo", "Cuối năm 2023 và năm 2024") → 31/12 of the last year named.
 *    null for "Thực hiện thường xuyên", "Theo lộ trình của Cục C06", a start only ("từ tháng 12/2023
 *    và các năm tiếp theo", "bắt đầu triển khai trong Quý I/2023") or a condition ("sau khi có hướng
 *    dẫn"). The words of the plan are always kept in `deadlineText`.
 *  - `tools` uses short names; the common platforms are written one way across plans: "VNeID",
 *    "CCCD gắn chip", "ASM", "LGSP", "IOC", "SSO", "Kiosk", "SOC", "Call Center",
 *    "App Công dân số tỉnh", "Hệ thống thông tin giải quyết TTHC tỉnh", "CSDLQG về dân cư".
 */
import { Type, type Static } from '@sinclair/typebox';

/** ISO calendar date (YYYY-MM-DD); that it is a real day is checked by load.ts. */
export const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'ngày ISO YYYY-MM-DD' });

const Text = Type.String({ minLength: 1 });
const NullableText = Type.Union([Text, Type.Null()]);

export const NATIONAL_MODEL_COUNT = 43;

export const PlanGroup = Type.Object(
  {
    /** The plan's own group number ("1", "2"…, or "B.3" in Trà Vinh). */
    number: Text,
    name: Text,
  },
  { additionalProperties: false },
);

export const PlanModel = Type.Object(
  {
    /** The plan's own numbering, unique in the plan ("9", "B.3.1"). */
    number: Text,
    /** `number` of one of the plan's groups. */
    group: Text,
    /** Number in the national list of 43 models; null where the model is not one of them. */
    national: Type.Union([Type.Integer({ minimum: 1, maximum: NATIONAL_MODEL_COUNT }), Type.Null()]),
    name: Text,
    /** Mục tiêu. */
    goal: NullableText,
    /** Chủ trì (two units joined with ", " where the plan names two). */
    leadUnit: NullableText,
    /** Phối hợp. */
    cooperatingUnits: Type.Array(Text),
    /** Lực lượng triển khai. */
    forces: NullableText,
    /** Công cụ triển khai / Nền tảng. */
    tools: Type.Array(Text),
    deadline: Type.Union([IsoDate, Type.Null()]),
    /** Thời gian hoàn thành / triển khai, as written. */
    deadlineText: NullableText,
    /** Kinh phí thực hiện. */
    funding: NullableText,
    /** Địa bàn / địa điểm triển khai (thí điểm). */
    pilotSites: Type.Array(Text),
    /** "Bước 1: …", in order. */
    steps: Type.Array(Text),
    /** Differences between parts of the plan, doubtful mappings. */
    notes: Type.Optional(NullableText),
  },
  { additionalProperties: false },
);

export const PlanFile = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$' }),
    title: Text,
    issuer: Text,
    /** null where the number is left blank in the text ("Số: /KH-BCĐ"). */
    documentNumber: NullableText,
    /** null where the day is left blank ("ngày tháng 11 năm 2023"); see issuedOnText. */
    issuedOn: Type.Union([IsoDate, Type.Null()]),
    issuedOnText: Type.Optional(NullableText),
    /** The text is marked "Dự thảo". */
    draft: Type.Optional(Type.Boolean()),
    level: Type.Union([Type.Literal('province'), Type.Literal('district')]),
    /** Province as named in the plan (units before 1 July 2025). */
    provinceName: Text,
    /** For a district plan. */
    districtName: Type.Optional(NullableText),
    /** Monthly report due before (or, per reportingText, on) this day of the month; null if unstated. */
    reportingDay: Type.Union([Type.Integer({ minimum: 1, maximum: 31 }), Type.Null()]),
    reportingText: Type.Optional(NullableText),
    reportTo: NullableText,
    /** Path of the source text under shared/, e.g. "seeds/000_59ae3baeabb93c8a.txt". */
    source: Type.String({ pattern: '^seeds/[^/]+\\.txt$' }),
    notes: Type.Optional(NullableText),
    groups: Type.Array(PlanGroup, { minItems: 1 }),
    models: Type.Array(PlanModel, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export type PlanGroup = Static<typeof PlanGroup>;
export type PlanModel = Static<typeof PlanModel>;
export type PlanFile = Static<typeof PlanFile>;

export const NationalGroup = Type.Object(
  { number: Type.Integer({ minimum: 1, maximum: 5 }), name: Text },
  { additionalProperties: false },
);

export const NationalModel = Type.Object(
  {
    number: Type.Integer({ minimum: 1, maximum: NATIONAL_MODEL_COUNT }),
    name: Text,
    group: Type.Integer({ minimum: 1, maximum: 5 }),
    groupName: Text,
    /** Where the plans word or number the model differently. */
    notes: NullableText,
  },
  { additionalProperties: false },
);

export const NationalModelsFile = Type.Object(
  {
    title: Text,
    /** How the list was derived. */
    derivation: Text,
    sources: Type.Array(Text, { minItems: 1 }),
    groups: Type.Array(NationalGroup, { minItems: 5, maxItems: 5 }),
    models: Type.Array(NationalModel, { minItems: NATIONAL_MODEL_COUNT, maxItems: NATIONAL_MODEL_COUNT }),
  },
  { additionalProperties: false },
);

export type NationalGroup = Static<typeof NationalGroup>;
export type NationalModel = Static<typeof NationalModel>;
export type NationalModelsFile = Static<typeof NationalModelsFile>;
