import { Type, type Static, type TLiteral, type TUnion } from '@sinclair/typebox';
import { CHANNELS, DOSSIER_STATES, DUE_FLAGS } from './states.js';
import { RATING_CRITERIA } from './rating.js';

/** Request and response shapes of the services routes (what leaves the server is exactly this). */
const Strict = { additionalProperties: false } as const;
const Instant = Type.String({ format: 'date-time' });
const NullableInstant = Type.Union([Instant, Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableInteger = Type.Union([Type.Integer(), Type.Null()]);
const literals = <T extends Record<string, unknown>>(o: T) => Type.Union(Object.keys(o).map((k) => Type.Literal(k))) as TUnion<[TLiteral<keyof T & string>]>;
/** A form's data or schema: free JSON whose shape the procedure's form decides (validated by the catalogue). */
const Json = Type.Record(Type.String(), Type.Unknown());

export const DossierStateSchema = literals(DOSSIER_STATES);
export const ChannelSchema = literals(CHANNELS);
export const DueFlagSchema = Type.Union([literals(DUE_FLAGS), Type.Null()]);

export const Id = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });
export const DocumentParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }), documentId: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }) });
export const PaperParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2 ** 53 - 1 }),
  paper: Type.Union([Type.Literal('supplement-request'), Type.Literal('rejection'), Type.Literal('extension')], {
    description: 'supplement-request: Mẫu 02 Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ; rejection: Mẫu 03 Phiếu từ chối tiếp nhận giải quyết hồ sơ; extension: Mẫu 04 Văn bản xin lỗi và đề nghị gia hạn',
  }),
});
export const ProcedureParams = Type.Object({ slug: Type.String({ minLength: 1, maxLength: 120 }) });
export const Paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
};

// ---- catalogue ----
const TimeLimitSchema = Type.Object({
  workingDays: Type.Optional(Type.Number()), workingHours: Type.Optional(Type.Number()), sameDay: Type.Optional(Type.Boolean()),
});
export const ProcedureSummary = Type.Object({
  slug: Type.String(), code: Type.String(), name: Type.String(), sector: Type.String(),
  level: Type.Union([Type.Literal('commune'), Type.Literal('province')]), agency: Type.String(), agencyLabel: Type.String(),
  fullyOnline: Type.Boolean(), essential: Type.Boolean(), timeLimit: TimeLimitSchema,
  documentsNotRequired: Type.Integer({ description: 'Số giấy tờ không phải nộp (nền tảng tự đọc từ dữ liệu sẵn có)' }),
});
export const ProcedureList = Type.Object({ items: Type.Array(ProcedureSummary) });
export const CatalogueQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200, description: 'Tìm không dấu, không phân biệt hoa thường' })) });

const RequiredDocumentView = Type.Object({
  id: Type.String(), name: Type.String(), required: Type.Boolean(), condition: Type.Optional(Type.String()), providedByPlatform: Type.Boolean(),
  upload: Type.Optional(Type.Object({ kinds: Type.Array(Type.String()), maxBytes: Type.Integer() })),
});
export const ProcedureDetail = Type.Object({
  ...ProcedureSummary.properties,
  localCode: Type.Optional(Type.String()),
  form: Json,
  prefill: Type.Array(Type.Object({ field: Type.String(), from: Type.String(), locked: Type.Boolean() })),
  documents: Type.Array(RequiredDocumentView),
  result: Type.Object({ name: Type.String(), formCode: Type.Optional(Type.String()), electronic: Type.Boolean(), paper: Type.Boolean() }),
  fees: Type.Array(Json, { description: 'Quy tắc phí, lệ phí đang áp dụng (có nguồn)' }),
  feeQuote: Type.Object({ online: Type.Integer(), direct: Type.Integer(), explanation: Type.String() }, { description: 'Phí, lệ phí dự kiến (VND) khi nộp trực tuyến và trực tiếp' }),
  validFrom: Type.String(),
});

// ---- the citizen's dossiers ----
export const StartBody = Type.Object({
  procedure: Type.String({ minLength: 1, maxLength: 120, description: 'Mã định danh (slug) hoặc mã TTHC' }),
  unitCode: Type.Optional(Type.String({ pattern: '^\\d{2}(\\d{3})?$', description: 'Đơn vị tiếp nhận (mã 2025); mặc định nơi thường trú' })),
  form: Type.Optional(Json),
}, Strict);
export const SaveBody = Type.Object({ form: Json }, Strict);
export const SubmitHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ description: 'Khóa chống gửi trùng (8–100 ký tự): gửi lại cùng khóa trả về hồ sơ đã nộp, không tạo hồ sơ thứ hai' })),
});
export const SupplementAnswerBody = Type.Object({
  form: Type.Optional(Json), comment: Type.Optional(Type.String({ maxLength: 2000 })),
}, Strict);
export const WithdrawBody = Type.Object({ comment: Type.Optional(Type.String({ maxLength: 2000 })) }, Strict);
export const StopRequestBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000, description: 'Lý do đề nghị dừng giải quyết hồ sơ (bắt buộc)' }) }, Strict);
export const UploadBody = Type.Object({
  kind: Type.String({ minLength: 1, maxLength: 100, description: 'Loại giấy tờ trong danh sách của thủ tục' }),
  fileName: Type.String({ minLength: 1, maxLength: 200 }),
  content: Type.String({ maxLength: 7_000_000, description: 'Nội dung tệp, base64 (PDF, JPEG, PNG; kiểm tra theo nội dung)' }),
}, Strict);
const Score = Type.Integer({ minimum: 0, maximum: 99 });
export const RatingBody = Type.Object({
  scores: Type.Object(Object.fromEntries(Object.entries(RATING_CRITERIA).map(([k, label]) => [k, { ...Score, description: label }])) as Record<keyof typeof RATING_CRITERIA, typeof Score>, Strict),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
}, Strict);

export const RatingScaleView = Type.Object({
  criteria: Type.Array(Type.Object({ key: Type.String(), label: Type.String() }), { description: '9 nội dung đánh giá (NĐ 118/2025/NĐ-CP Điều 33)' }),
  values: Type.Array(Type.Object({ value: Type.Integer(), label: Type.String() })),
  validFrom: Type.String(), mark: Type.String({ description: 'verified | P | U' }), source: Type.String(),
});

export const DocumentView = Type.Object({
  id: Type.Integer(), kind: Type.String(), fileName: Type.String(), mediaType: Type.String(), sizeBytes: Type.Integer(), sha256: Type.String(),
  uploadedBy: Type.String(), uploadedAt: Instant,
});
export const ReuseBody = Type.Object({
  kind: Type.String({ minLength: 1, maxLength: 80, description: 'Giấy tờ của hồ sơ (mã loại giấy tờ của thủ tục)' }),
  ref: Type.String({ minLength: 1, maxLength: 80, description: "Giấy tờ trong kho: 'dossier_document:<id>' (đã tải lên cho hồ sơ trước) hoặc 'signed_document:<uuid>' (kết quả do da06 cấp)" }),
}, Strict);
export const StoredDocuments = Type.Object({
  items: Type.Array(Type.Object({
    paper: Type.String({ description: 'Giấy tờ của hồ sơ mà giấy tờ trong kho dùng được thay' }),
    ref: Type.String(), source: Type.Union([Type.Literal('upload'), Type.Literal('result')]),
    title: Type.String(), fileName: Type.String(), at: Instant, origin: NullableString,
  })),
});
export const DocumentContent = Type.Object({ ...DocumentView.properties, content: Type.String({ description: 'base64' }) });

export const TimelineEntry = Type.Object({
  at: Instant, action: Type.String(), label: Type.String(), fromState: Type.Union([DossierStateSchema, Type.Null()]), toState: DossierStateSchema,
  actorKind: Type.String(), actorName: NullableString, comment: NullableString, data: Type.Union([Json, Type.Null()]),
});

export const FeeView = Type.Object({ amount: Type.Integer(), currency: Type.Literal('VND'), explanation: Type.String() });

const DossierCore = {
  id: Type.Integer(), code: NullableString,
  procedure: Type.Object({ slug: Type.String(), code: Type.String(), name: Type.String(), version: Type.String() }),
  state: DossierStateSchema, stateLabel: Type.String(), dvcqgStatus: Type.Integer(), decision: NullableString,
  channel: ChannelSchema, unitCode: Type.String(), agency: Type.String(),
  submittedAt: NullableInstant, receivedAt: NullableInstant, acceptedAt: NullableInstant, acceptanceDueAt: NullableInstant, dueAt: NullableInstant,
  extended: Type.Boolean(), documentsNotRequired: Type.Integer({ description: 'Giấy tờ không phải nộp' }),
  groupId: NullableInteger, groupStep: NullableInteger, createdAt: Instant, updatedAt: Instant,
};

export const DossierSummary = Type.Object({ ...DossierCore, applicantName: Type.String() });
export const DossierList = Type.Object({ items: Type.Array(DossierSummary), total: Type.Integer() });

const CONFIRMATION_STATE = Type.Union([Type.Literal('pending'), Type.Literal('confirmed'), Type.Literal('declined')]);
const PARTY_ROLE = Type.Union([Type.Literal('spouse'), Type.Literal('father')]);
export const ConfirmationView = Type.Object({
  role: PARTY_ROLE, roleLabel: Type.String(), state: CONFIRMATION_STATE, stateLabel: Type.String({ description: 'Chưa xác nhận, Đã từ chối, Đã xác nhận' }),
});
export const InviteBody = Type.Object({
  personalId: Type.String({ minLength: 1, maxLength: 20, description: 'Số định danh cá nhân của người được mời (12 chữ số)' }),
}, Strict);
export const Invitation = Type.Object({
  id: Type.Integer(), role: PARTY_ROLE, roleLabel: Type.String(), state: CONFIRMATION_STATE, stateLabel: Type.String(),
  procedureName: Type.String(), applicantName: Type.String({ description: 'Người mời (người nộp hồ sơ)' }), dossierState: Type.String(),
  invitedAt: Instant, answeredAt: NullableInstant,
  answerable: Type.Boolean({ description: 'Còn trả lời được (chưa trả lời, hồ sơ còn là bản nháp)' }),
});
export const InvitationList = Type.Object({ items: Type.Array(Invitation) });
export const InvitationAnswer = Type.Object({ id: Type.Integer(), state: CONFIRMATION_STATE, stateLabel: Type.String() });

export const Dossier = Type.Object({
  ...DossierCore,
  applicantName: Type.String(),
  form: Json,
  prefilledFields: Type.Array(Type.String(), { description: 'Trường lấy từ dữ liệu dân cư: khóa, không sửa được' }),
  documents: Type.Array(DocumentView),
  fee: Type.Union([FeeView, Type.Null()]),
  timeline: Type.Array(TimelineEntry),
  rating: Type.Union([Type.Object({ ratedAt: Instant, scores: Type.Record(Type.String(), Type.Integer()), comment: NullableString }), Type.Null()]),
  replayed: Type.Optional(Type.Boolean({ description: 'Đã nộp trước đó với cùng khóa chống gửi trùng' })),
  confirmations: Type.Optional(Type.Array(ConfirmationView, {
    description: 'Lời mời người khác xác nhận hồ sơ (bên kết hôn, người cha): chỉ có vai trò và trạng thái, không có thông tin của người được mời',
  })),
});

// ---- the officer's side ----
export const QueueQuery = Type.Object({
  procedure: Type.Optional(Type.String({ maxLength: 120 })),
  state: Type.Optional(DossierStateSchema),
  unit: Type.Optional(Type.String({ pattern: '^\\d{2}(\\d{3})?$', description: 'Đơn vị tiếp nhận (cán bộ cấp tỉnh lọc theo xã/phường)' })),
  due: Type.Optional(literals(DUE_FLAGS)),
  mine: Type.Optional(Type.Boolean({ description: 'Chỉ hồ sơ được phân công cho tôi' })),
  ...Paging,
});
export const QueueItem = Type.Object({
  ...DossierCore,
  applicantName: Type.String(),
  applicantPersonalIdMasked: Type.String(),
  dueFlag: DueFlagSchema,
  deadlineAt: NullableInstant,
  assignedOfficerId: NullableInteger,
});
export const Queue = Type.Object({
  items: Type.Array(QueueItem), total: Type.Integer(),
  calendarCovers: Type.Boolean({ description: 'Lịch làm việc năm nay đã được công bố (nếu không, ngày hẹn chưa chắc chắn)' }),
});

/** The registry record shown beside the form: the fields a one-stop officer compares, nothing more. */
export const RegistryRecord = Type.Object({
  personalId: Type.String(), fullName: Type.String(), dateOfBirth: Type.String(), sex: Type.String(), ethnicity: Type.String(),
  deceased: Type.Boolean(),
  commune: Type.Object({ code: Type.String(), name: Type.String(), provinceCode: Type.String(), provinceName: Type.String() }),
  household: Type.Union([Type.Object({ householdNo: Type.String(), address: NullableString, relationToHead: NullableString }), Type.Null()]),
  residences: Type.Array(Type.Object({ kind: Type.String(), communeCode: Type.String(), communeName: Type.String(), address: Type.String(), validFrom: Type.String(), validTo: NullableString })),
});
export const OfficerDossier = Type.Object({
  ...Dossier.properties,
  applicantPersonalId: Type.String(),
  dueFlag: DueFlagSchema,
  dueProvisional: Type.Boolean({ description: 'Ngày hẹn tính theo ngày nghỉ luật định vì lịch làm việc của năm đó chưa được công bố: ngày dự kiến' }),
  assignedOfficerId: NullableInteger,
  approvalAsks: Type.Union([Type.Literal('criminal_record'), Type.Null()], { description: 'Điều phê duyệt cần ngoài ý kiến: criminal_record = kết quả tra cứu lý lịch tư pháp (trường result)' }),
  registry: Type.Object({
    applicant: Type.Union([RegistryRecord, Type.Null()]),
    subjects: Type.Array(RegistryRecord),
  }, { description: 'Thông tin trong Cơ sở dữ liệu quốc gia về dân cư, để đối chiếu với tờ khai' }),
  allowed: Type.Array(Type.String(), { description: 'Thao tác cán bộ này làm được ở trạng thái hiện tại' }),
});

/** What Mẫu 01 (Giấy tiếp nhận hồ sơ và hẹn trả kết quả) prints, as data: the receipt PDF (receipt/) is drawn from it. */
export const ReceiptData = Type.Object({
  dossierCode: Type.String(),
  procedure: Type.Object({ name: Type.String(), code: Type.String() }),
  applicant: Type.Object({ name: Type.String(), address: NullableString }),
  unitCode: Type.String(), agency: Type.String(), agencyLabel: Type.String(),
  documents: Type.Array(Type.Object({ name: Type.String(), originals: Type.Integer(), copies: Type.Integer() }), { description: 'Thành phần hồ sơ đã nộp (bản điện tử)' }),
  notRequired: Type.Array(Type.String(), { description: 'Giấy tờ không phải nộp: nền tảng tự đọc từ dữ liệu sẵn có' }),
  sets: Type.Integer(),
  timeLimit: Type.Object({ workingDays: Type.Optional(Type.Number()), workingHours: Type.Optional(Type.Number()), sameDay: Type.Optional(Type.Boolean()) }),
  receivedAt: Instant,
  appointmentAt: Instant,
  delivery: Type.Union([Type.Literal('online'), Type.Literal('counter')], { description: 'online: nhận kết quả trực tuyến; counter: tại Bộ phận Một cửa (hồ sơ nộp trực tiếp)' }),
  fees: Type.Array(Type.Object({ label: Type.String(), amount: Type.Integer() })),
  officer: Type.Object({ name: Type.String() }),
});

/** A paper of the dossier as a PDF file. */
export const PdfPaper = {
  description: 'Tệp PDF khổ A4',
  content: { 'application/pdf': { schema: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }) } },
};

export const Colleagues = Type.Object({
  items: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String({ description: 'Họ tên cán bộ' }), role: Type.String() })),
});

const Comment = Type.String({ maxLength: 2000 });
export const CommentBody = Type.Object({ comment: Type.Optional(Comment) }, Strict);
export const ApproveBody = Type.Object({
  comment: Type.Optional(Comment),
  result: Type.Optional(Type.Object({
    convictions: Type.Union([Type.Literal('none'), Type.Literal('recorded')], { description: 'Phiếu lý lịch tư pháp: none = không có án tích; recorded = có án tích (ghi nội dung)' }),
    text: Type.Optional(Type.String({ maxLength: 4000, description: 'Nội dung án tích như ghi trong Cơ sở dữ liệu lý lịch tư pháp' })),
  }, Strict)),
}, Strict);
export const ReasonBody = Type.Object({ comment: Type.String({ minLength: 1, maxLength: 2000, description: 'Lý do, ý kiến gửi công dân (bắt buộc)' }) }, Strict);
export const SupplementRequestBody = Type.Object({
  comment: Type.String({ minLength: 1, maxLength: 2000 }),
  items: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), { minItems: 1, maxItems: 50, description: 'Mọi nội dung cần bổ sung, nêu một lần' }),
}, Strict);
export const AssignBody = Type.Object({ officerId: Type.Optional(Type.Integer({ minimum: 1, description: 'Mặc định: chính mình' })), comment: Type.Optional(Comment) }, Strict);
export const TransferBody = Type.Object({ unitCode: Type.String({ pattern: '^\\d{2}(\\d{3})?$' }), comment: Type.String({ minLength: 1, maxLength: 2000 }) }, Strict);
export const PaymentRequestBody = Type.Object({ amount: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000_000 })), comment: Type.Optional(Comment) }, Strict);
export const ExtendBody = Type.Object({
  newDueDate: Type.String({ format: 'date', description: 'Ngày hẹn trả mới (YYYY-MM-DD)' }),
  comment: Type.String({ minLength: 1, maxLength: 4000, description: 'Nội dung văn bản xin lỗi và lý do gia hạn' }),
}, Strict);

export type StartInput = Static<typeof StartBody>;
export type RatingInput = Static<typeof RatingBody>;
export type UploadInput = Static<typeof UploadBody>;
export type QueueQueryInput = Static<typeof QueueQuery>;

// ---- counter intake (counter.ts) ----
const PersonalId = Type.String({ pattern: '^\\d{12}$', description: 'Số định danh cá nhân (12 chữ số)' });
export const CounterApplicantParams = Type.Object({ personalId: PersonalId });
export const CounterApplicantQuery = Type.Object({ procedure: Type.String({ minLength: 1, maxLength: 120, description: 'Mã định danh (slug) hoặc mã TTHC' }) }, Strict);
export const CounterApplicant = Type.Object({
  person: Type.Object({ personalId: Type.String(), fullName: Type.String(), dateOfBirth: Type.String(), sex: Type.String(), address: Type.String() }),
  hasAccount: Type.Boolean({ description: 'Công dân đã có tài khoản định danh điện tử (hồ sơ thuộc tài khoản này)' }),
  procedure: Type.Object({
    slug: Type.String(), code: Type.String(), name: Type.String(),
    timeLimit: Type.Object({ workingDays: Type.Optional(Type.Number()), workingHours: Type.Optional(Type.Number()), sameDay: Type.Optional(Type.Boolean()) }),
  }),
  form: Json,
  prefilledFields: Type.Array(Type.String(), { description: 'Trường lấy từ Cơ sở dữ liệu dân cư, khóa' }),
  documents: Type.Array(Type.Object({
    id: Type.String(), name: Type.String(), required: Type.Boolean(),
    kinds: Type.Array(Type.String()), maxBytes: Type.Integer(),
  }), { description: 'Giấy tờ cần quét và tải lên' }),
  notRequired: Type.Array(Type.String(), { description: 'Giấy tờ không phải nộp: nền tảng tự đọc từ dữ liệu sẵn có' }),
  confirmingParty: Type.Union([
    Type.Object({ role: Type.Union([Type.Literal('spouse'), Type.Literal('father')]), label: Type.String() }),
    Type.Null(),
  ], { description: 'Người liên quan phải xác nhận hồ sơ (có thể có mặt tại quầy), nếu thủ tục có' }),
});
export const CounterBody = Type.Object({
  procedure: Type.String({ minLength: 1, maxLength: 120, description: 'Mã định danh (slug) hoặc mã TTHC' }),
  personalId: PersonalId,
  form: Type.Optional(Json),
  documents: Type.Array(UploadBody, { maxItems: 6, description: 'Bản quét giấy tờ (PDF, JPEG, PNG; kiểm tra loại và kích thước theo nội dung như khi công dân tải lên)' }),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
  parties: Type.Optional(Type.Array(Type.Object({
    role: Type.Union([Type.Literal('spouse'), Type.Literal('father')], { description: 'spouse: bên kết hôn còn lại; father: người cha nhận con' }),
    personalId: PersonalId,
    identityChecked: Type.Boolean({ description: 'Cán bộ đã đối chiếu giấy tờ tùy thân của người này, có mặt tại quầy' }),
  }, Strict), { maxItems: 2, description: 'Người liên quan có mặt tại quầy xác nhận hồ sơ thay cho xác nhận bằng tài khoản định danh điện tử' })),
}, Strict);
export const CounterDossier = Type.Object({ ...QueueItem.properties, replayed: Type.Boolean({ description: 'true: cùng Idempotency-Key đã tiếp nhận hồ sơ này trước đó' }) });
