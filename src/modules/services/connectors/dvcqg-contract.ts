/**
 * The wire contract between da06 and the national public-service portal (Cổng Dịch vụ công quốc
 * gia, DVCQG), as docs/connectors/dvcqg.md describes it. The real DVCQG interface was not available
 * while this was written: the status codes (DOMAIN-SERVICES.md §1.4 [P]) and the dossier code scheme
 * (§1.6 [P]) come from provincial systems; paths, field names, authentication and the rating's shape
 * are OUR ASSUMPTION, kept in this one file so the real contract replaces them in one place.
 *
 * Everything the portal sends is checked against these schemas before use (dvcqg.ts, parseStrict).
 */
import { Type, type Static } from '@sinclair/typebox';

/** DVCQG synchronisation statuses (DOMAIN-SERVICES.md §1.4 [P]); every change is pushed with the full history (NĐ 118 Art. 27.2(d)). */
export const DVCQG_STATUSES = {
  1: 'Mới đăng ký',
  2: 'Được tiếp nhận',
  3: 'Không được tiếp nhận',
  4: 'Đang xử lý',
  5: 'Yêu cầu bổ sung giấy tờ',
  6: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  7: 'Công dân yêu cầu rút hồ sơ',
  8: 'Dừng xử lý',
  9: 'Đã xử lý xong',
  10: 'Đã trả kết quả',
} as const;
export type DvcqgStatusCode = keyof typeof DVCQG_STATUSES;
export const DVCQG_STATUS_CODES = Object.keys(DVCQG_STATUSES).map(Number) as DvcqgStatusCode[];

/** Channel codes of provincial systems (§1.2 [P]): 1 direct, 2 online, 3 public postal service. */
export type DvcqgChannel = 1 | 2 | 3;

/**
 * A dossier code the portal gives a dossier filed there: `G22.99.08-yyMMdd-nnnnnn` (§1.6 [P]: the
 * portal's agency code, the day received, the sequence of the day; 4 or 6 digits are seen). Kept as a
 * string; only its three parts are read, never a meaning beyond them.
 */
export const PORTAL_DOSSIER_CODE = /^(G22\.99\.\d{2})-(\d{2})(\d{2})(\d{2})-(\d{4,6})$/;

export interface PortalDossierCode {
  agency: string;
  /** The day the portal received the dossier, 'YYYY-MM-DD' (years 2000–2099). */
  day: string;
  sequence: string;
}

/** The three parts of a portal dossier code, or null when it is not one (including an impossible day). */
export function parsePortalDossierCode(code: string): PortalDossierCode | null {
  const m = PORTAL_DOSSIER_CODE.exec(code);
  if (!m) return null;
  const [year, month, date] = [2000 + Number(m[2]), Number(m[3]), Number(m[4])];
  const day = new Date(Date.UTC(year, month - 1, date));
  if (day.getUTCFullYear() !== year || day.getUTCMonth() !== month - 1 || day.getUTCDate() !== date) return null;
  return { agency: m[1], day: day.toISOString().slice(0, 10), sequence: m[5] };
}

const IsoInstant = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$' });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

/** A dossier filed on the portal, as the portal lists it (our assumption of its fields). */
export const PortalDossierWire = Type.Object({
  code: Type.String({ pattern: PORTAL_DOSSIER_CODE.source }),
  /** Mã TTHC, national ('1.004222') or local ('1.004222.000.00.00.H12'). */
  procedureCode: Type.String({ pattern: '^\\d\\.\\d{6}(\\.[0-9A-Za-z.]+)?$' }),
  /** Agency code of the unit the citizen chose (`000.00.00.H41` style, QCVN 102:2016). */
  unitCode: Text(40),
  submittedAt: IsoInstant,
  applicant: Type.Object({
    personalId: Type.String({ pattern: '^\\d{12}$' }),
    name: Text(200),
    phone: Type.Optional(Type.String({ pattern: '^\\+?\\d{8,15}$' })),
    email: Type.Optional(Text(254)),
    address: Type.Optional(Text(500)),
  }, { additionalProperties: false }),
  /** The form's fields as the citizen filled them on the portal; the procedure's schema validates them later. */
  form: Type.Record(Type.String(), Type.Unknown()),
  attachments: Type.Array(Type.Object({
    name: Text(255),
    mediaType: Type.Union([Type.Literal('application/pdf'), Type.Literal('image/jpeg'), Type.Literal('image/png')]),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    size: Type.Integer({ minimum: 1 }),
    url: Type.String({ pattern: '^https?://' }),
  }, { additionalProperties: false }), { maxItems: 50 }),
}, { additionalProperties: false });
export type PortalDossierWire = Static<typeof PortalDossierWire>;

export const DossierPageWire = Type.Object({
  items: Type.Array(PortalDossierWire, { maxItems: 500 }),
  nextCursor: Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()]),
}, { additionalProperties: false });
export type DossierPageWire = Static<typeof DossierPageWire>;

/** The page's envelope alone: its dossiers are checked one by one (dvcqg.ts parsePortalDossier). */
export const DossierEnvelopeWire = Type.Object({
  items: Type.Array(Type.Unknown(), { maxItems: 500 }),
  nextCursor: Type.Union([Type.String({ minLength: 1, maxLength: 200 }), Type.Null()]),
}, { additionalProperties: false });

const StatusCode = Type.Union(DVCQG_STATUS_CODES.map((c) => Type.Literal(c)));

/** One entry of a dossier's status history; `seq` counts from 1 without gaps. */
export const StatusEntryWire = Type.Object({
  seq: Type.Integer({ minimum: 1 }),
  status: StatusCode,
  at: IsoInstant,
  /** Who made the change: an officer (id and name) or the citizen/system. */
  actor: Type.Object({ kind: Type.Union([Type.Literal('officer'), Type.Literal('citizen'), Type.Literal('system')]), id: Type.Optional(Text(100)), name: Type.Optional(Text(200)) }, { additionalProperties: false }),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });
export type StatusEntryWire = Static<typeof StatusEntryWire>;

/** What da06 sends for each status change: the change itself plus the full history up to it. */
export const StatusPushWire = Type.Object({
  dossierCode: Text(60),
  seq: Type.Integer({ minimum: 1 }),
  status: StatusCode,
  statusLabel: Text(100),
  channel: Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3)]),
  /** han_xu_ly, da_gia_han, qua_han of §1.4. */
  dueAt: Type.Optional(IsoInstant),
  extended: Type.Boolean(),
  overdue: Type.Boolean(),
  history: Type.Array(StatusEntryWire, { minItems: 1 }),
}, { additionalProperties: false });
export type StatusPushWire = Static<typeof StatusPushWire>;

/** The portal's answer to a status push: the last sequence number it holds for the dossier. */
export const StatusAckWire = Type.Object({
  accepted: Type.Literal(true),
  lastSeq: Type.Integer({ minimum: 1 }),
  duplicate: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });
export type StatusAckWire = Static<typeof StatusAckWire>;

/** A result pushed to the portal (and on to the citizen's data store, NĐ 118 Art. 22). */
export const ResultPushWire = Type.Object({
  dossierCode: Text(60),
  /** Mã số giấy tờ = the holder's personal ID + the result type's code (NĐ 118 Art. 22). */
  documentNumber: Text(100),
  documentType: Text(100),
  title: Text(300),
  issuedAt: IsoInstant,
  validUntil: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' })),
  file: Type.Object({
    name: Text(255),
    mediaType: Type.Literal('application/pdf'),
    sha256: Type.String({ pattern: '^[0-9a-f]{64}$' }),
    contentBase64: Type.String({ minLength: 1 }),
  }, { additionalProperties: false }),
}, { additionalProperties: false });
export type ResultPushWire = Static<typeof ResultPushWire>;

export const ResultAckWire = Type.Object({ accepted: Type.Literal(true), receiptId: Text(100) }, { additionalProperties: false });
export type ResultAckWire = Static<typeof ResultAckWire>;

/** The nine criteria of NĐ 118 Art. 33.1 (a)–(i); the scale is the portal's, sent with each score ([P]). */
export const RATING_CRITERIA = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] as const;

export const RatingWire = Type.Object({
  dossierCode: Text(60),
  ratedAt: IsoInstant,
  scores: Type.Array(Type.Object({
    criterion: Type.Union(RATING_CRITERIA.map((c) => Type.Literal(c))),
    score: Type.Integer({ minimum: 0 }),
    max: Type.Integer({ minimum: 1, maximum: 100 }),
  }, { additionalProperties: false }), { minItems: 1, maxItems: 9 }),
  comment: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false });
export type RatingWire = Static<typeof RatingWire>;

/**
 * Why da06 refused a dossier filed on the portal (our assumption of the operation; RFC 9457 style): the problem's
 * code and title, and for a form that does not follow the procedure's schema, every field error (path, code and
 * Vietnamese message). The portal shows it to its citizen as "Không được tiếp nhận" and lists the dossier no more.
 */
export const RefusalWire = Type.Object({
  code: Text(60),
  title: Text(1000),
  status: Type.Integer({ minimum: 400, maximum: 499 }),
  errors: Type.Array(Type.Object({ field: Text(200), code: Text(60), message: Text(1000) }, { additionalProperties: false }), { maxItems: 200 }),
}, { additionalProperties: false });
export type RefusalWire = Static<typeof RefusalWire>;

/** The portal's error body (RFC 9457 style; our assumption). */
export const PortalErrorWire = Type.Object({ code: Type.Optional(Type.String()), detail: Type.Optional(Type.String()) });
