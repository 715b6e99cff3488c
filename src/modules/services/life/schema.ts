import { Type, type Static } from '@sinclair/typebox';

/** Request and response shapes of life-event offers, birth notices and reminders. */
export const BirthNoticeBody = Type.Object({
  motherPersonalId: Type.String({ pattern: '^[0-9]{12}$', description: 'Số định danh cá nhân của mẹ (đã xác thực tại quầy)' }),
  bornAt: Type.String({ format: 'date-time', description: 'Ngày giờ sinh, có múi giờ (ví dụ 2026-12-07T08:30:00+07:00)' }),
  sex: Type.Union([Type.Literal('Nam'), Type.Literal('Nữ')], { description: 'Giới tính của trẻ' }),
  weightGrams: Type.Integer({ minimum: 300, maximum: 7000, description: 'Cân nặng khi sinh (gam)' }),
  birthPlace: Type.String({ minLength: 1, maxLength: 300, description: 'Nơi sinh (tên cơ sở y tế, khoa)' }),
  intendedName: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Tên dự định đặt cho trẻ (không bắt buộc)' })),
}, { additionalProperties: false });
export type BirthNoticeInput = Static<typeof BirthNoticeBody>;

export const BirthNoticeReceipt = Type.Object({
  id: Type.Integer(), declaredAt: Type.String({ format: 'date-time' }), status: Type.String(),
});

const Json = Type.Record(Type.String(), Type.Unknown());

export const LifeEventsView = Type.Object({
  offers: Type.Array(Type.Object({
    id: Type.Integer(),
    kind: Type.Union([Type.Literal('birth'), Type.Literal('death')]),
    title: Type.String(),
    text: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    forms: Type.Record(Type.String(), Json, { description: 'Tờ khai các bước của nhóm liên thông, điền sẵn, theo slug thủ tục' }),
  })),
  reminders: Type.Array(Type.Object({
    id: Type.Integer(),
    reason: Type.Union([Type.Literal('temporary_residence'), Type.Literal('card_renewal')]),
    dueOn: Type.String({ format: 'date' }),
    text: Type.String(),
    procedure: Type.String({ description: 'Slug thủ tục nên làm' }),
  })),
});

export const Dismissed = Type.Object({ id: Type.Integer(), dismissed: Type.Boolean() });

export const AcceptBody = Type.Object({
  forms: Type.Optional(Type.Record(Type.String({ maxLength: 120 }), Json, {
    description: 'Những gì công dân bổ sung vào tờ khai đã điền sẵn (ví dụ nơi đăng ký khám chữa bệnh ban đầu của trẻ), theo slug thủ tục',
  })),
}, { additionalProperties: false });
export type AcceptInput = Static<typeof AcceptBody>;
