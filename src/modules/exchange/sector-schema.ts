// The sector records agencies attach to a person (issue 17, models 33–35): one strict schema per write service,
// checked by the service (sector.ts) against the service the agency names, so a record of one kind can never pass
// as another. Field labels are Vietnamese: they are what the citizen and the officer read.
import { Type, type TObject } from '@sinclair/typebox';
import { Day, Instant, PersonalId, Purpose, Strict } from './primitives.js';

const Text = (max: number, description: string) => Type.String({ minLength: 1, maxLength: max, description });

export const HealthBookRecord = Type.Object({
  entryType: Type.Union([Type.Literal('vaccination'), Type.Literal('checkup')], { description: 'Loại mục: vaccination (tiêm chủng) hoặc checkup (khám sức khỏe)' }),
  vaccine: Type.Optional(Text(200, 'Tên vắc xin (mục tiêm chủng)')),
  doseNumber: Type.Optional(Type.Integer({ minimum: 1, maximum: 10, description: 'Mũi thứ (mục tiêm chủng)' })),
  conclusion: Type.Optional(Text(1000, 'Tóm tắt kết luận khám sức khỏe (mục khám sức khỏe)')),
  healthClass: Type.Optional(Type.Union(['I', 'II', 'III', 'IV', 'V'].map((c) => Type.Literal(c)), { description: 'Phân loại sức khỏe (Thông tư 32/2023/TT-BYT)' })),
  facilityName: Text(300, 'Cơ sở khám bệnh, chữa bệnh hoặc điểm tiêm chủng'),
}, Strict);

export const LabourBookRecord = Type.Object({
  socialInsuranceNumber: Type.String({ pattern: '^\\d{10}$', description: 'Mã số bảo hiểm xã hội (10 chữ số)' }),
  employerName: Text(300, 'Đơn vị sử dụng lao động'),
  position: Type.Optional(Text(200, 'Chức danh, công việc')),
  fromDate: Day,
  toDate: Type.Optional(Day),
}, Strict);

export const LandRightsRecord = Type.Object({
  certificateNumber: Type.String({ pattern: '^[A-Z]{1,3} ?\\d{6,8}$', description: 'Số phát hành Giấy chứng nhận (ví dụ AĐ 123456 viết không dấu: AD 123456)' }),
  parcelNumber: Type.Integer({ minimum: 1, description: 'Thửa đất số' }),
  mapSheetNumber: Type.Integer({ minimum: 1, description: 'Tờ bản đồ số' }),
  areaM2: Type.Number({ exclusiveMinimum: 0, maximum: 100_000_000, description: 'Diện tích (m²)' }),
  landUse: Text(200, 'Mục đích sử dụng đất (ví dụ: đất ở tại nông thôn)'),
  address: Text(500, 'Địa chỉ thửa đất'),
  ownership: Type.Union([Type.Literal('sole'), Type.Literal('joint')], { description: 'Hình thức sở hữu: sole (riêng) hoặc joint (chung)' }),
}, Strict);

export const CivilStatusEventRecord = Type.Object({
  eventType: Type.Union(['birth', 'marriage', 'divorce', 'death', 'adoption', 'guardianship', 'name_change'].map((e) => Type.Literal(e)), {
    description: 'Sự kiện hộ tịch: birth (khai sinh), marriage (kết hôn), divorce (ly hôn), death (khai tử), adoption (nhận con nuôi), guardianship (giám hộ), name_change (thay đổi họ tên)',
  }),
  registrationNumber: Text(50, 'Số đăng ký trong sổ hộ tịch'),
  authority: Text(300, 'Cơ quan đăng ký (ví dụ cơ quan đại diện Việt Nam ở nước ngoài, UBND xã nơi khác)'),
}, Strict);

/** Each write service's record schema (the catalogue lists their field names as the service's `fields`). */
export const SECTOR_RECORDS: Readonly<Record<string, TObject>> = {
  'sector.health_book': HealthBookRecord,
  'sector.labour_book': LabourBookRecord,
  'sector.land_rights': LandRightsRecord,
  'sector.civil_status_event': CivilStatusEventRecord,
};
export const SECTOR_SERVICES = Object.keys(SECTOR_RECORDS);

export const SectorRecordBody = Type.Object({
  service: Type.Union(SECTOR_SERVICES.map((s) => Type.Literal(s)), { description: 'Dịch vụ ghi dữ liệu ngành (GET /api/v1/exchange/services, loại write)' }),
  reference: Type.String({ pattern: '^[\\x21-\\x7e]{1,100}$', description: 'Mã hồ sơ của chính cơ quan: gửi lại cùng mã là cùng một hồ sơ, không tạo bản trùng' }),
  personalId: PersonalId,
  fullName: Type.String({ minLength: 1, maxLength: 200, description: 'Họ tên công dân theo hồ sơ của cơ quan (đối chiếu với CSDL dân cư, không bao giờ ghi đè)' }),
  dateOfBirth: Day,
  purpose: Purpose,
  recordDate: Day,
  record: Type.Record(Type.String(), Type.Unknown(), {
    description: 'Nội dung hồ sơ theo dịch vụ: sector.health_book (entryType, vaccine, doseNumber, conclusion, healthClass, facilityName), '
      + 'sector.labour_book (socialInsuranceNumber, employerName, position, fromDate, toDate), sector.land_rights (certificateNumber, parcelNumber, '
      + 'mapSheetNumber, areaM2, landUse, address, ownership), sector.civil_status_event (eventType, registrationNumber, authority)',
  }),
}, Strict);

export const SectorRecordReceipt = Type.Object({
  reference: Type.String(), service: Type.String(),
  status: Type.Union([Type.Literal('attached'), Type.Literal('pending_review')], {
    description: 'attached: đã gắn vào hồ sơ công dân; pending_review: đã nhận, chờ cán bộ đăng ký cư trú xem xét (cùng câu trả lời khi thông tin nhân thân khác CSDL dân cư hoặc số định danh không có)',
  }),
  receivedAt: Instant,
});

const Labelled = Type.Object({ field: Type.String(), label: Type.String(), text: Type.String() });
export const SectorRecordView = Type.Object({
  id: Type.Integer(), service: Type.String(), kindLabel: Type.String({ description: 'Loại hồ sơ (tiếng Việt)' }),
  sourceAgency: Type.String(), legalBasis: Type.String(), recordDate: Type.String(), receivedAt: Instant,
  items: Type.Array(Labelled, { description: 'Các trường của hồ sơ với nhãn tiếng Việt' }),
});
export const SectorRecordList = Type.Array(SectorRecordView);
export const PersonKeyParams = Type.Object({ key: Type.String({ minLength: 1, maxLength: 20, description: 'Số định danh cá nhân hoặc mã hồ sơ (p123)' }) });
export const OfficerReadQuery = Type.Object({ purpose: Type.Optional(Type.String({ maxLength: 200, description: 'Mục đích xem' })) }, Strict);
export const OfficerSectorRecords = Type.Object({ personalId: Type.String(), records: SectorRecordList });
