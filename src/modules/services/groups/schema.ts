import { Type, type Static } from '@sinclair/typebox';
import { DossierStateSchema, DueFlagSchema, Paging, TimelineEntry } from '../schema.js';

/** Request and response shapes of the linked groups' routes. */
const Json = Type.Record(Type.String(), Type.Unknown());
const Instant = Type.String({ format: 'date-time' });
const NullableInstant = Type.Union([Instant, Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);
const TimeLimit = Type.Object({ workingDays: Type.Optional(Type.Number()), workingHours: Type.Optional(Type.Number()), sameDay: Type.Optional(Type.Boolean()) });

export const GroupStartBody = Type.Object({
  group: Type.String({ minLength: 1, maxLength: 120, description: 'Mã hoặc slug nhóm thủ tục liên thông' }),
  forms: Type.Optional(Type.Record(Type.String({ maxLength: 120 }), Json, { description: 'Tờ khai của từng bước, theo slug thủ tục' })),
  unitCode: Type.Optional(Type.String({ minLength: 1, maxLength: 20, description: 'Đơn vị cấp xã tiếp nhận bước đầu (mặc định: nơi cư trú)' })),
}, { additionalProperties: false });
export type GroupStartInput = Static<typeof GroupStartBody>;

const StepProcedure = Type.Object({ slug: Type.String(), name: Type.String(), agency: Type.String(), agencyLabel: Type.String() });

const StepDossier = Type.Object({
  id: Type.Integer(), code: NullableString, state: DossierStateSchema, stateLabel: Type.String(), unitCode: Type.String(), agency: Type.String(),
  submittedAt: NullableInstant, dueAt: NullableInstant, decision: NullableString,
}, { additionalProperties: true });

export const GroupView = Type.Object({
  id: Type.Integer(),
  group: Type.Object({ slug: Type.String(), code: Type.String(), name: Type.String(), version: Type.String(), timeLimit: TimeLimit }),
  state: Type.Union([Type.Literal('draft'), Type.Literal('in_progress'), Type.Literal('completed'), Type.Literal('stopped')]),
  stateLabel: Type.String(),
  currentStep: Type.Integer(),
  submittedAt: NullableInstant,
  dueAt: NullableInstant,
  dueFlag: DueFlagSchema,
  completedAt: NullableInstant,
  late: Type.Boolean({ description: 'Cả nhóm quá hạn: chưa xong khi đã qua hạn, hoặc xong sau hạn' }),
  steps: Type.Array(Type.Object({
    index: Type.Integer(), procedure: StepProcedure,
    timeLimit: Type.Union([TimeLimit, Type.Null()], { description: 'Thời hạn của bước trong nhóm (tính từ khi bước được mở)' }),
    dossier: Type.Union([StepDossier, Type.Null()]),
  })),
  timeline: Type.Array(Type.Object({
    ...TimelineEntry.properties, step: Type.Integer(), dossierId: Type.Integer(), dossierCode: NullableString, procedureName: Type.String(),
  })),
});

export const GroupList = Type.Object({ items: Type.Array(GroupView), total: Type.Integer() });
export const GroupQuery = Type.Object(Paging);

export const LinkedGroupList = Type.Object({
  items: Type.Array(Type.Object({
    slug: Type.String(), code: Type.String(), name: Type.String(), timeLimit: TimeLimit,
    steps: Type.Array(Type.Object({
      ...StepProcedure.properties,
      timeLimit: Type.Union([TimeLimit, Type.Null()]),
      carried: Type.Array(Type.String(), { description: 'Trường của tờ khai bước này được điền từ kết quả các bước trước (công dân không nhập)' }),
    })),
  })),
});
