import { Type } from '@sinclair/typebox';
import { Day, Field, Instant, PersonalId, Purpose, Strict } from './schema.js';

const Frequency = Type.Union([Type.Literal('once'), Type.Literal('periodic')], { description: 'once: dùng cho một lần khai thác; periodic: nhiều lần trong thời hạn' });
const Status = Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('refused'), Type.Literal('revoked'), Type.Literal('used')], {
  description: 'pending: chờ công dân trả lời; approved: đang hiệu lực; refused: bị từ chối; revoked: công dân đã thu hồi; used: đồng ý một lần đã được dùng',
});
const DAY_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const NullableDay = Type.Union([Day, Type.Null()]);
const NullableInstant = Type.Union([Instant, Type.Null()]);

export const ConsentRequestBody = Type.Object({
  personalId: PersonalId,
  service: Type.String({ minLength: 1, maxLength: 60, description: 'Mã dịch vụ dữ liệu của quyền khai thác' }),
  purpose: Purpose,
  fields: Type.Array(Field, { maxItems: 20, description: 'Các trường đề nghị (trong số trường quyền khai thác cho phép); để trống với dịch vụ xác nhận' }),
  validUntil: Type.String({ pattern: DAY_PATTERN, description: 'Thời hạn đề nghị (YYYY-MM-DD) (công dân có thể chọn ngắn hơn); không quá thời hạn của quyền khai thác' }),
  frequency: Frequency,
}, { ...Strict, examples: [{ personalId: '082186000123', service: 'person.lookup', purpose: 'Xác minh khách hàng mở tài khoản', fields: ['fullName', 'dateOfBirth'], validUntil: '2027-06-30', frequency: 'once' }] });

export const AgencyConsent = Type.Object({
  id: Type.Integer(), service: Type.String(), purpose: Type.String(), fieldsAsked: Type.Array(Type.String()), validUntilAsked: Day,
  frequency: Frequency, status: Status, fields: Type.Array(Type.String(), { description: 'Các trường công dân đồng ý' }), validFrom: NullableDay, validUntil: NullableDay, createdAt: Instant,
}, { description: 'Yêu cầu đồng ý; với số định danh không tồn tại yêu cầu luôn ở trạng thái chờ (không tiết lộ sự tồn tại)' });

export const CitizenConsent = Type.Object({
  id: Type.Integer(), agency: Type.String({ description: 'Cơ quan đề nghị' }), service: Type.String(), serviceTitle: Type.String(),
  requiredLevel: Type.Integer({ description: 'Mức định danh điện tử cần để đồng ý' }), purpose: Type.String(),
  fieldsAsked: Type.Array(Type.String()), validUntilAsked: Day, frequency: Frequency, status: Status, fields: Type.Array(Type.String()),
  validFrom: NullableDay, validUntil: NullableDay, decidedAt: NullableInstant, revokedAt: NullableInstant, usedAt: NullableInstant, createdAt: Instant,
});

export const ConsentApproval = Type.Object({
  fields: Type.Array(Field, { maxItems: 20, description: 'Các trường đồng ý chia sẻ (trong số trường được đề nghị)' }),
  validUntil: Type.String({ pattern: DAY_PATTERN, description: 'Đồng ý đến hết ngày này (YYYY-MM-DD) (không quá thời hạn được đề nghị)' }),
}, Strict);

export const HouseholdBody = Type.Object({ personalId: PersonalId, purpose: Purpose }, {
  ...Strict, examples: [{ personalId: '082084001234', purpose: 'Xác minh hộ gia đình hưởng chính sách bảo trợ xã hội' }],
});
export const HouseholdResult = Type.Object({
  personalId: Type.String(),
  members: Type.Array(Type.Object({
    relationToHead: Type.Union([Type.String(), Type.Null()], { description: 'Quan hệ với chủ hộ (Chủ hộ, Vợ, Con...)' }),
    fullName: Type.Optional(Type.String()), dateOfBirth: Type.Optional(Type.String()), sex: Type.Optional(Type.String()), deceased: Type.Optional(Type.Boolean()),
  }, { description: 'Chỉ các trường quyền khai thác (và sự đồng ý) cho phép' })),
}, {
  examples: [{ personalId: '082084001234', members: [
    { relationToHead: 'Chủ hộ', fullName: 'Nguyễn Văn An', dateOfBirth: '1984-05-12' },
    { relationToHead: 'Vợ', fullName: 'Trần Thị Bích', dateOfBirth: '1986-02-03' },
  ] }],
});
