/**
 * TypeBox schemas of the catalogue's data files (data/procedures/, see data/SOURCES.md §"Thủ tục
 * hành chính"), checked by load.ts. The shapes are those of types.ts; the compile-time checks at
 * the end keep the two in step.
 *
 * Conventions used by the bundled files (written by hand from DOMAIN-SERVICES.md §1, §3, §4, §6.3
 * and DOMAIN.md §8):
 *  - Every rule carries a `source`: the document, the article where known, and its mark —
 *    "verified" (primary text read), "P" (partially verified) or "U" (unverified). Nothing is
 *    "verified" unless the domain notes say so.
 *  - Money is in VND integers. Fee rules are dated (validFrom / validUntil) so a dossier keeps the
 *    fee in force on the day it was received.
 *  - A procedure may have several versions (same slug, non-overlapping validity).
 *  - Form fields: dates are ISO yyyy-mm-dd in data (shown dd/MM/yyyy); `personal-id` is checked with
 *    the registry's rules; enums are `oneOf` lists of { const, title }.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type * as T from './types.js';

export const IsoDate = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'ngày ISO YYYY-MM-DD' });
const Text = Type.String({ minLength: 1 });
const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', description: 'chuỗi chữ thường không dấu nối bằng "-"' });
const Amount = Type.Integer({ minimum: 0, maximum: 100_000_000 });

export const SourceSchema = Type.Object(
  {
    document: Text,
    article: Type.Optional(Text),
    mark: Type.Union([Type.Literal('verified'), Type.Literal('P'), Type.Literal('U')]),
    url: Type.Optional(Type.String({ pattern: '^https://' , description: 'địa chỉ https://…' })),
    note: Type.Optional(Text),
  },
  { additionalProperties: false },
);

export const TimeLimitSchema = Type.Object(
  {
    workingDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
    workingHours: Type.Optional(Type.Integer({ minimum: 1, maximum: 2000 })),
    sameDay: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const feeBase = {
  id: Slug,
  label: Text,
  validFrom: IsoDate,
  validUntil: Type.Optional(IsoDate),
  exemptions: Type.Optional(Type.Array(Slug)),
  late: Type.Optional(Type.Boolean()),
  source: SourceSchema,
};
export const FeeRuleFile = Type.Union([
  Type.Object({ ...feeBase, kind: Type.Literal('free') }, { additionalProperties: false }),
  Type.Object({ ...feeBase, kind: Type.Literal('fixed'), direct: Amount, online: Amount }, { additionalProperties: false }),
  Type.Object({ ...feeBase, kind: Type.Literal('per_person'), direct: Amount, online: Amount }, { additionalProperties: false }),
  Type.Object(
    {
      ...feeBase,
      kind: Type.Literal('per_page'),
      tiers: Type.Array(Type.Object({ fromPage: Type.Integer({ minimum: 1 }), amount: Amount }, { additionalProperties: false }), { minItems: 1 }),
      cap: Type.Optional(Amount),
      onlineFactor: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    },
    { additionalProperties: false },
  ),
]);

export const FeeExemptionSchema = Type.Object(
  { code: Slug, label: Text, validFrom: IsoDate, validUntil: Type.Optional(IsoDate), source: SourceSchema },
  { additionalProperties: false },
);
export const FeeExemptionsFile = Type.Object({ exemptions: Type.Array(FeeExemptionSchema, { minItems: 1 }) }, { additionalProperties: false });

const fieldProps = (self: TSchema) => ({
  type: Type.Union([Type.Literal('string'), Type.Literal('integer'), Type.Literal('boolean'), Type.Literal('object'), Type.Literal('array')]),
  title: Text,
  description: Type.Optional(Text),
  format: Type.Optional(Type.Union([Type.Literal('date'), Type.Literal('personal-id'), Type.Literal('phone'), Type.Literal('email')])),
  personalIdOf: Type.Optional(Type.Object({ sex: Type.Optional(Text), birthDate: Type.Optional(Text) }, { additionalProperties: false })),
  oneOf: Type.Optional(Type.Array(Type.Object({ const: Text, title: Text }, { additionalProperties: false }), { minItems: 1 })),
  minLength: Type.Optional(Type.Integer({ minimum: 0 })),
  maxLength: Type.Optional(Type.Integer({ minimum: 1 })),
  pattern: Type.Optional(Text),
  minimum: Type.Optional(Type.Integer()),
  maximum: Type.Optional(Type.Integer()),
  notAfterToday: Type.Optional(Type.Boolean()),
  properties: Type.Optional(Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]*$' }), self)),
  required: Type.Optional(Type.Array(Text)),
  items: Type.Optional(self),
  minItems: Type.Optional(Type.Integer({ minimum: 0 })),
  maxItems: Type.Optional(Type.Integer({ minimum: 1 })),
});
export const FormFieldSchema = Type.Recursive((self) => Type.Object(fieldProps(self), { additionalProperties: false }), { $id: 'FormField' });

export const FormSchemaFile = Type.Object(
  {
    type: Type.Literal('object'),
    title: Text,
    description: Type.Optional(Text),
    properties: Type.Record(Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]*$' }), FormFieldSchema),
    required: Type.Array(Text),
  },
  { additionalProperties: false },
);

const PREFILL_SOURCES = [
  'self.fullName', 'self.personalId', 'self.birthDate', 'self.sex', 'self.ethnicity', 'self.nationality',
  'self.permanentAddress', 'self.temporaryAddress', 'self.phone', 'self.email',
  'household.headFullName', 'household.headPersonalId', 'household.relationToHead', 'household.members',
  'spouse.fullName', 'spouse.personalId', 'spouse.birthDate', 'spouse.sex', 'spouse.ethnicity', 'spouse.nationality', 'spouse.permanentAddress',
  'mother.fullName', 'mother.personalId', 'mother.birthDate', 'mother.ethnicity', 'mother.nationality', 'mother.permanentAddress',
  'father.fullName', 'father.personalId', 'father.birthDate', 'father.ethnicity', 'father.nationality', 'father.permanentAddress',
] as const satisfies readonly T.PrefillSource[];
export const PrefillRuleSchema = Type.Object(
  {
    field: Type.String({ pattern: '^[a-zA-Z][a-zA-Z0-9]*(\\.[a-zA-Z][a-zA-Z0-9]*)*$', description: 'đường dẫn trường, ví dụ "applicant.fullName"' }),
    from: Type.Union(PREFILL_SOURCES.map((s) => Type.Literal(s))),
    locked: Type.Boolean(),
    when: Type.Optional(Type.Literal('spouse_confirmed')),
  },
  { additionalProperties: false },
);

export const RequiredDocumentSchema = Type.Object(
  {
    id: Slug,
    name: Text,
    required: Type.Boolean(),
    condition: Type.Optional(Text),
    providedByPlatform: Type.Boolean(),
    upload: Type.Optional(
      Type.Object(
        {
          kinds: Type.Array(Type.Union([Type.Literal('pdf'), Type.Literal('jpeg'), Type.Literal('png')]), { minItems: 1 }),
          maxBytes: Type.Integer({ minimum: 1024, maximum: 50 * 1024 * 1024 }),
        },
        { additionalProperties: false },
      ),
    ),
    source: SourceSchema,
  },
  { additionalProperties: false },
);

export const ResultDocumentSchema = Type.Object(
  { name: Text, formCode: Type.Optional(Text), electronic: Type.Boolean(), paper: Type.Boolean(), source: SourceSchema },
  { additionalProperties: false },
);

const AGENCIES = ['commune_people_committee', 'commune_police', 'province_justice', 'social_insurance', 'labour_social'] as const satisfies readonly T.Agency[];
const EFFECTS = [
  'birth', 'permanent_residence', 'temporary_residence', 'absence', 'residence_confirmation', 'death',
  'remove_permanent_residence', 'marriage', 'criminal_record', 'health_insurance_child', 'funeral_allowance',
] as const satisfies readonly Exclude<T.Effect, null>[];

export const ProcedureFile = Type.Object(
  {
    slug: Slug,
    code: Text,
    /** Where the national code comes from (the domain notes, or [U] where it was not found there). */
    codeSource: SourceSchema,
    localCode: Type.Optional(Text),
    name: Text,
    sector: Text,
    level: Type.Union([Type.Literal('commune'), Type.Literal('province')]),
    agency: Type.Union(AGENCIES.map((a) => Type.Literal(a))),
    fullyOnline: Type.Boolean(),
    essential: Type.Optional(Type.Boolean()),
    timeLimit: TimeLimitSchema,
    timeLimitSource: SourceSchema,
    fees: Type.Array(FeeRuleFile),
    form: FormSchemaFile,
    prefill: Type.Array(PrefillRuleSchema),
    documents: Type.Array(RequiredDocumentSchema),
    result: ResultDocumentSchema,
    effect: Type.Union([...EFFECTS.map((e) => Type.Literal(e)), Type.Null()]),
    sources: Type.Array(SourceSchema, { minItems: 1 }),
    validFrom: IsoDate,
    validUntil: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

export const LinkedGroupFile = Type.Object(
  {
    slug: Slug,
    code: Text,
    name: Text,
    steps: Type.Array(Slug, { minItems: 2 }),
    timeLimit: Type.Optional(TimeLimitSchema),
    stepTimeLimits: Type.Optional(Type.Record(Type.String(), TimeLimitSchema)),
    sources: Type.Array(SourceSchema, { minItems: 1 }),
    validFrom: IsoDate,
    validUntil: Type.Optional(IsoDate),
  },
  { additionalProperties: false },
);

export type ProcedureFile = Static<typeof ProcedureFile>;
export type LinkedGroupFile = Static<typeof LinkedGroupFile>;

// Compile-time agreement between the schemas and types.ts.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree = <X extends true>(x: X) => x;
agree<Same<Static<typeof SourceSchema>, T.Source>>(true);
agree<Same<Static<typeof TimeLimitSchema>, T.TimeLimit>>(true);
agree<Same<Static<typeof FeeExemptionSchema>, T.FeeExemption>>(true);
agree<Same<Static<typeof PrefillRuleSchema>, T.PrefillRule>>(true);
agree<Same<Static<typeof RequiredDocumentSchema>, T.RequiredDocument>>(true);
agree<Same<Static<typeof ResultDocumentSchema>, T.ResultDocument>>(true);
agree<Same<Static<typeof LinkedGroupFile>, T.LinkedGroup>>(true);
