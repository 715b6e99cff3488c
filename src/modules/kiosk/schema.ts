import { Type } from '@sinclair/typebox';
import { servicesSchemas } from '../services/index.js';

const Strict = { additionalProperties: false } as const;
const Instant = Type.String({ format: 'date-time' });

export const KioskDevice = Type.Object({
  id: Type.Integer(), name: Type.String(), unitCode: Type.String(), provinceCode: Type.String(), relyingPartyId: Type.Integer(),
  active: Type.Boolean(), createdAt: Instant, disabledAt: Type.Union([Instant, Type.Null()]),
  lastSeenAt: Type.Union([Instant, Type.Null()], { description: 'Lần gần nhất kiosk gọi da06 bằng khóa của nó (ghi tối đa mỗi phút một lần)' }),
});
export const KioskDeviceInUse = Type.Composite([KioskDevice, Type.Object({
  queueTickets: Type.Integer({ description: 'Số thứ tự đã cấp' }), signIns: Type.Integer({ description: 'Số lần công dân đăng nhập' }),
})]);
export const KioskRegister = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 120, description: 'Tên thiết bị, ví dụ "Kiosk 1 – sảnh tầng 1"' }),
  unitCode: Type.String({ pattern: '^\\d{2,5}$', description: 'Mã đơn vị hành chính (2025) của Trung tâm phục vụ hành chính công hoặc Bộ phận Một cửa: số thứ tự được đếm theo đơn vị này' }),
  relyingPartyId: Type.Integer({ minimum: 1, description: 'Đơn vị xác thực của trung tâm: mã QR định danh quét tại kiosk được xác thực và ghi nhật ký như tại quầy của đơn vị này' }),
}, Strict);
export const KioskRegistered = Type.Object({ device: KioskDevice, deviceKey: Type.String({ description: 'Khóa thiết bị, chỉ hiện một lần; nhập vào kiosk khi cài đặt' }) });
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const KioskKeyHeaders = Type.Object({
  'x-kiosk-key': Type.Optional(Type.String({ maxLength: 100, description: 'Khóa của thiết bị kiosk đã đăng ký (da06kiosk_...)' })),
});
export const KioskSessionHeaders = Type.Object({
  'x-kiosk-key': Type.Optional(Type.String({ maxLength: 100 })),
  'x-kiosk-session': Type.Optional(Type.String({ maxLength: 100, description: 'Phiên của công dân tại kiosk' })),
});
export const KioskInfo = Type.Object({
  name: Type.String(), unitCode: Type.String(), unitName: Type.String(), idleSeconds: Type.Integer({ description: 'Không thao tác sau số giây này thì kiosk trở về màn hình đầu' }),
});
export const QueueTicket = Type.Object({
  number: Type.Integer({ minimum: 1 }), day: Type.String({ format: 'date' }), takenAt: Instant, unitCode: Type.String(), unitName: Type.String(), deviceName: Type.String(),
});
export const SignInBody = Type.Object({ qr: Type.String({ minLength: 1, maxLength: 4000, description: 'Nội dung mã QR định danh trên điện thoại của công dân' }) }, Strict);
export const KioskSession = Type.Object({
  sessionToken: Type.String(), fullName: Type.Union([Type.String(), Type.Null()]), idleSeconds: Type.Integer(),
});
export const DossierCodeParams = Type.Object({
  code: Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9.-]{4,39}$', description: 'Mã hồ sơ in trên giấy tiếp nhận' }),
});
export const DossierStatus = Type.Object({
  code: Type.String(), state: Type.String(), stateLabel: Type.String(), dueAt: Type.Union([Instant, Type.Null()], { description: 'Hẹn trả kết quả' }),
});

export const ChipChallenge = Type.Object({
  challenge: Type.String({ description: 'base64, 8 byte: chương trình đọc thẻ gửi cho chip (INTERNAL AUTHENTICATE), rồi gửi lại trong aaChallenge' }),
  expiresAt: Instant,
});
export const KioskDossier = Type.Object({
  id: Type.Integer(), code: Type.Union([Type.String(), Type.Null()], { description: 'Mã hồ sơ; null khi còn là bản nháp' }), procedureName: Type.String(),
  state: Type.String(), stateLabel: Type.String(), submittedAt: Type.Union([Instant, Type.Null()]), dueAt: Type.Union([Instant, Type.Null()], { description: 'Hẹn trả kết quả' }),
});
export const KioskDossiers = Type.Object({ items: Type.Array(KioskDossier) });
export const KioskReceipt = servicesSchemas.ReceiptData;

export const KioskPayment = Type.Object({
  reference: Type.String({ description: 'Mã thanh toán (nội dung chuyển khoản)' }),
  amount: Type.Integer({ description: 'Số tiền, đồng' }),
  purpose: Type.String(),
  status: Type.String(), statusLabel: Type.String(),
  expiresAt: Instant, paidAt: Type.Union([Instant, Type.Null()]),
  account: Type.Object({ bankName: Type.Union([Type.String(), Type.Null()]), number: Type.String(), name: Type.String() }),
  transferText: Type.Union([Type.String(), Type.Null()], { description: 'Nội dung chuyển khoản khi chuyển tay; null khi không còn phải nộp' }),
  receiptNumber: Type.Union([Type.String(), Type.Null()]),
  sample: Type.Boolean({ description: 'true: tài khoản mẫu để thử nghiệm, không chuyển tiền thật' }),
  qrSvg: Type.Union([Type.String(), Type.Null()], { description: 'Mã VietQR (SVG) khi còn phải nộp' }),
});

// ---- a paperless dossier started at the kiosk ----
const Json = Type.Record(Type.String(), Type.Unknown());
const StoredDocument = servicesSchemas.StoredDocuments.properties.items.items;
export const KioskProcedures = Type.Object({
  items: Type.Array(Type.Object({
    ...servicesSchemas.ProcedureSummary.properties,
    schema: Type.Record(Type.String(), Type.Unknown(), { description: 'Tờ khai của thủ tục (JSON Schema), như trên cổng' }),
    form: Type.Record(Type.String(), Type.Unknown(), { description: 'Tờ khai đã điền sẵn từ Cơ sở dữ liệu quốc gia về dân cư' }),
    prefilledFields: Type.Array(Type.String(), { description: 'Các trường điền sẵn, không sửa được' }),
    fee: Type.Integer({ description: 'Phí, lệ phí dự kiến khi nộp trực tuyến (đồng)' }),
    papers: Type.Array(Type.Object({
      id: Type.String(), name: Type.String(), required: Type.Boolean(),
      stored: Type.Array(StoredDocument, { description: 'Giấy tờ trong kho dữ liệu điện tử của công dân dùng được cho giấy tờ này' }),
    })),
    notRequired: Type.Array(Type.String(), { description: 'Giấy tờ không phải nộp: nền tảng tự đọc từ dữ liệu sẵn có' }),
  })),
});
export const KioskSubmitBody = Type.Object({
  procedure: Type.String({ minLength: 1, maxLength: 120, description: 'Mã định danh (slug) hoặc mã TTHC' }),
  form: Type.Optional(Json),
  documents: Type.Optional(Type.Array(servicesSchemas.ReuseBody, { maxItems: 20, description: 'Giấy tờ chọn từ kho dữ liệu điện tử của công dân' })),
}, Strict);
export const KioskSubmitHeaders = Type.Composite([KioskSessionHeaders, servicesSchemas.SubmitHeaders]);
export const KioskSubmitted = Type.Object({
  id: Type.Integer(), code: Type.Union([Type.String(), Type.Null()]), procedureName: Type.String(), state: Type.String(), stateLabel: Type.String(),
  submittedAt: Type.Union([Instant, Type.Null()]), acceptanceDueAt: Type.Union([Instant, Type.Null()], { description: 'Hạn cơ quan tiếp nhận hồ sơ' }),
  fee: Type.Union([Type.Integer(), Type.Null()], { description: 'Phí, lệ phí (đồng); nộp khi cơ quan yêu cầu, bằng mã VietQR tại kiosk hoặc trên cổng' }),
  replayed: Type.Boolean(),
});
