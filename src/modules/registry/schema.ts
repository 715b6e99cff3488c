import { Type, type Static } from '@sinclair/typebox';
import { HOUSEHOLD_NO_PATTERN } from './validate.js';
import { CorrectableFieldSchema } from './correctable.js';

const Nullable = <T extends import('@sinclair/typebox').TSchema>(t: T) => Type.Union([t, Type.Null()]);

/** The public-service dossier (mã hồ sơ) a registry change came from; null when an officer made it directly or it was imported. */
const SourceDossier = Nullable(Type.String({ description: 'Mã hồ sơ thủ tục hành chính mà thay đổi này thực hiện theo (null: cán bộ ghi trực tiếp hoặc nhập dữ liệu)' }));

export const Scheme = Type.Union([Type.Literal('pre2025'), Type.Literal('2025')], {
  description: 'Danh mục đơn vị hành chính: pre2025 (63 tỉnh, 3 cấp) hoặc 2025 (34 tỉnh, 2 cấp, từ 01/07/2025)',
});

export const Unit = Type.Object(
  {
    scheme: Type.String(),
    code: Type.String(),
    level: Type.String(),
    name: Type.String(),
    fullName: Type.String(),
    type: Type.String(),
    parentCode: Nullable(Type.String()),
    provinceCode: Type.String(),
  },
  { $id: 'Unit' },
);

const UnitLink = Type.Object({ code: Type.String(), name: Type.String(), level: Type.String(), kind: Type.String() });

export const UnitDetail = Type.Object(
  {
    ...Unit.properties,
    successors: Type.Optional(Type.Array(UnitLink, { description: 'Đơn vị kế thừa (danh mục 2025)' })),
    predecessors: Type.Optional(Type.Array(UnitLink, { description: 'Đơn vị trước sáp nhập (danh mục pre2025)' })),
  },
  { $id: 'UnitDetail' },
);

export const PersonListItem = Type.Object(
  {
    ref: Type.String({ description: 'Mã bản ghi để mở chi tiết (không phải số định danh)' }),
    personalIdMasked: Type.String({ description: 'Số định danh đã che (3 số đầu, 3 số cuối)' }),
    fullName: Type.String(),
    dateOfBirth: Type.String({ format: 'date' }),
    sex: Type.String(),
    communeCode: Type.String(),
    communeName: Type.String(),
    deceased: Type.Boolean(),
  },
  { $id: 'PersonListItem' },
);

export const PersonList = Type.Object({ items: Type.Array(PersonListItem), hasMore: Type.Boolean() }, { $id: 'PersonList' });

const Member = Type.Object({
  ref: Type.String(),
  personalIdMasked: Type.String(),
  fullName: Type.String(),
  dateOfBirth: Type.String(),
  sex: Type.String(),
  relationToHead: Nullable(Type.String()),
  dateOfDeath: Nullable(Type.String()),
});

export const Person = Type.Object(
  {
    personalId: Type.String(),
    fullName: Type.String(),
    dateOfBirth: Type.String({ format: 'date' }),
    sex: Type.String(),
    ethnicity: Type.String(),
    religion: Type.String(),
    occupation: Nullable(Type.String()),
    phone: Nullable(Type.String()),
    deceased: Type.Boolean(),
    dateOfDeath: Nullable(Type.String()),
    commune: Type.Object({ code: Type.String(), name: Type.String(), provinceCode: Type.String(), provinceName: Type.String() }),
    household: Nullable(
      Type.Object({ householdNo: Type.String(), address: Nullable(Type.String()), relationToHead: Nullable(Type.String()), members: Type.Array(Member) }),
    ),
    formerIdentifiers: Type.Array(Type.Object({ kind: Type.String(), value: Type.String(), validUntil: Nullable(Type.String()) })),
    residences: Type.Array(
      Type.Object({
        kind: Type.String(), communeCode: Type.String(), communeName: Type.String(), address: Type.String(),
        validFrom: Type.String(), validTo: Nullable(Type.String()),
        sourceDossier: SourceDossier,
        endedByDossier: Nullable(Type.String({ description: 'Mã hồ sơ đã chấm dứt nơi cư trú này (chuyển đi, xóa đăng ký); null nếu không theo hồ sơ' })),
      }),
    ),
    lifeEvents: Type.Array(Type.Object({
      kind: Type.String(), occurredOn: Type.String(), communeCode: Nullable(Type.String()), note: Nullable(Type.String()), sourceDossier: SourceDossier,
    })),
    corrections: Type.Array(
      Type.Object({
        field: Type.String(), oldValue: Nullable(Type.String()), newValue: Type.String(), reason: Type.String(),
        correctedBy: Type.String(), correctedAt: Type.String(), sourceDossier: SourceDossier,
      }),
      { description: 'Lịch sử cải chính thông tin, mới nhất trước: giá trị cũ, giá trị mới, lý do' },
    ),
    absences: Type.Array(
      Type.Object({
        validFrom: Type.String(), validTo: Type.String(), destination: Type.String(), reason: Type.String(), sourceDossier: SourceDossier,
      }),
      { description: 'Khai báo tạm vắng, mới nhất trước: từ ngày, đến ngày, nơi đến, lý do' },
    ),
    parents: Type.Array(
      Type.Object({
        role: Type.Union([Type.Literal('mother'), Type.Literal('father')], { description: 'mother = mẹ, father = cha' }),
        ref: Type.String(), personalIdMasked: Type.String(), fullName: Type.String(), dateOfBirth: Type.String(), sourceDossier: SourceDossier,
      }),
      { description: 'Cha, mẹ (liên kết khi đăng ký khai sinh); số định danh đã che như thành viên hộ' },
    ),
  },
  { $id: 'Person' },
);
/** A person's full record as the API answers it; the schema above is its only definition. */
export type Person = Static<typeof Person>;

export const Household = Type.Object(
  {
    householdNo: Type.String(),
    address: Type.String(),
    commune: Type.Object({ code: Type.String(), name: Type.String(), provinceCode: Type.String() }),
    members: Type.Array(Member),
  },
  { $id: 'Household' },
);

export const AuditTrail = Type.Array(
  Type.Object({
    at: Type.String(), actorId: Type.String(), actorName: Nullable(Type.String()), action: Type.String(),
    fields: Type.Array(Type.String()), purpose: Nullable(Type.String()),
  }),
  { $id: 'AuditTrail' },
);

export const PersonCreate = Type.Object(
  {
    personalId: Type.String({ description: '12 chữ số', maxLength: 20 }),
    fullName: Type.String({ maxLength: 100 }),
    dateOfBirth: Type.String({ description: 'YYYY-MM-DD', maxLength: 20 }),
    sex: Type.String({ description: 'Nam | Nữ', maxLength: 10 }),
    communeCode: Type.String({ description: 'Mã xã (danh mục 2025), 5 chữ số', maxLength: 10 }),
    legacyId: Type.Optional(Type.String({ description: 'Số CMND 9 chữ số', maxLength: 20 })),
    ethnicity: Type.Optional(Type.String({ maxLength: 200 })),
    religion: Type.Optional(Type.String({ maxLength: 200 })),
    householdNo: Type.Optional(Type.String({ maxLength: 40, pattern: HOUSEHOLD_NO_PATTERN, description: 'Số hộ: chữ, số, dấu gạch nối' })),
    relationToHead: Type.Optional(Type.String({ maxLength: 200 })),
    address: Type.Optional(Type.String({ maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 20, description: 'Số điện thoại (10 chữ số)' })),
  },
  { additionalProperties: false, $id: 'PersonCreate' },
);

export const PersonKeyParam = Type.Object({
  key: Type.String({ pattern: '^(\\d{12}|p\\d{1,15})$', description: 'Số định danh cá nhân (12 số) hoặc mã bản ghi p<số>' }),
});

export const MoveCreate = Type.Object(
  {
    kind: Type.Union([Type.Literal('permanent'), Type.Literal('temporary')], { description: 'permanent = thường trú, temporary = tạm trú' }),
    communeCode: Type.String({ maxLength: 10, description: 'Mã xã nơi đến (danh mục 2025)' }),
    address: Type.String({ minLength: 1, maxLength: 200 }),
    movedOn: Type.String({ maxLength: 20, description: 'YYYY-MM-DD' }),
    until: Type.Optional(Type.String({ maxLength: 20, description: 'Tạm trú đến ngày (YYYY-MM-DD)' })),
    householdNo: Type.Optional(Type.String({ maxLength: 40, pattern: HOUSEHOLD_NO_PATTERN, description: 'Nhập vào hộ có sẵn ở xã đến; bỏ trống thì lập hộ mới' })),
    relationToHead: Type.Optional(Type.String({ maxLength: 40 })),
  },
  { additionalProperties: false, $id: 'MoveCreate' },
);

export const PersonalIdChange = Type.Object(
  {
    newPersonalId: Type.String({ maxLength: 20, description: 'Số định danh được xác lập lại (12 chữ số)' }),
    sex: Type.Union([Type.Literal('Nam'), Type.Literal('Nữ')], { description: 'Giới tính sau khi đăng ký lại (nếu có)' }),
  },
  { additionalProperties: false, $id: 'PersonalIdChange' },
);

export const CorrectionCreate = Type.Object(
  {
    field: CorrectableFieldSchema,
    value: Type.String({ maxLength: 200, description: 'Giá trị đúng' }),
    reason: Type.String({ maxLength: 500, description: 'Lý do cải chính, căn cứ (giấy tờ)' }),
  },
  { additionalProperties: false, $id: 'CorrectionCreate' },
);

export const DeathCreate = Type.Object(
  {
    dateOfDeath: Type.String({ maxLength: 20, description: 'YYYY-MM-DD' }),
    place: Type.Optional(Type.String({ maxLength: 200, description: 'Nơi mất' })),
  },
  { additionalProperties: false, $id: 'DeathCreate' },
);

export const Portrait = Type.Object(
  {
    personalId: Type.String(),
    source: Type.Union([Type.Literal('synthetic'), Type.Literal('card'), Type.Literal('import')], {
      description: 'synthetic = ảnh minh họa của dữ liệu mẫu (không phải ảnh thật); card = chụp khi cấp thẻ; import = nhập từ tệp',
    }),
    synthetic: Type.Boolean({ description: 'Ảnh minh họa tổng hợp, không phải ảnh người thật' }),
    mediaType: Type.String({ description: 'image/jpeg hoặc image/png' }),
    data: Type.String({ description: 'Nội dung ảnh (base64)' }),
    capturedOn: Nullable(Type.String({ format: 'date' })),
  },
  { $id: 'Portrait' },
);

export const PortraitSet = Type.Object(
  {
    image: Type.String({ minLength: 1, maxLength: 90_000, description: 'Tệp ảnh JPEG hoặc PNG, mã hóa base64 (tối đa 64 KB)' }),
    source: Type.Union([Type.Literal('card'), Type.Literal('import')], { description: 'card = chụp khi cấp thẻ; import = nhập từ hệ thống khác' }),
    capturedOn: Type.Optional(Type.String({ maxLength: 20, description: 'Ngày chụp (YYYY-MM-DD); mặc định hôm nay' })),
  },
  { additionalProperties: false, $id: 'PortraitSet' },
);
