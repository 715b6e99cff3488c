import { Type } from '@sinclair/typebox';

export const Strict = { additionalProperties: false } as const;
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const Reference = Type.Object({ reference: Type.String({ pattern: '^[A-Z0-9]{6,25}$', description: 'Mã thanh toán (mã tham chiếu trong mã VietQR)' }) }, Strict);

export const Status = Type.Union([Type.Literal('pending'), Type.Literal('paid'), Type.Literal('refunded'), Type.Literal('expired')]);

export const Payment = Type.Object({
  reference: Type.String(),
  subjectKind: Type.String({ description: 'Loại việc phải nộp tiền (dossier: hồ sơ thủ tục hành chính)' }),
  subjectId: Type.String(),
  subjectCode: Nullable(Type.String()),
  payerName: Type.String(),
  amount: Type.Integer({ description: 'Số tiền (đồng)' }),
  purpose: Type.String(),
  unitCode: Type.String(),
  account: Type.Object({
    bin: Type.String(), bankName: Nullable(Type.String({ description: 'Tên ngân hàng của mã BIN (theo danh sách NAPAS)' })), number: Type.String(), name: Type.String(),
  }),
  status: Status,
  statusLabel: Type.String(),
  createdAt: Type.String(),
  expiresAt: Type.String(),
  paidAt: Nullable(Type.String()),
  vietQr: Nullable(Type.String({ description: 'Nội dung mã VietQR (EMVCo) khi còn chờ thanh toán' })),
  transferText: Nullable(Type.String({ description: 'Nội dung chuyển khoản để gõ tay (bắt đầu bằng mã thanh toán) khi còn chờ thanh toán' })),
  receiptNumber: Nullable(Type.String()),
  sample: Type.Boolean({ description: 'Tài khoản mẫu (môi trường phát triển, kiểm thử): không chuyển tiền thật' }),
});

export const PaymentList = Type.Object({ items: Type.Array(Payment), total: Type.Integer() });

export const ListQuery = Type.Object({
  status: Type.Optional(Status),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
}, Strict);

export const NotifyAnswer = Type.Object({
  reference: Type.String(),
  transactionId: Type.String(),
  status: Type.Literal('confirmed'),
  duplicate: Type.Boolean({ description: 'true: giao dịch này đã được ghi nhận trước đó (không ghi nhận lần hai)' }),
  receiptNumber: Type.String(),
});

export const NotifyHeaders = Type.Object({
  'x-payment-timestamp': Type.Optional(Type.String({ maxLength: 20 })),
  'x-payment-signature': Type.Optional(Type.String({ maxLength: 100 })),
});

export const Pdf = {
  description: 'Tệp PDF',
  content: { 'application/pdf': { schema: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }) } },
};
export const Svg = {
  description: 'Ảnh SVG của mã QR',
  content: { 'image/svg+xml': { schema: Type.String() } },
};

export const OwnQuery = Type.Object({
  subjectKind: Type.Optional(Type.String({ pattern: '^[a-z_]{1,30}$', description: 'Chỉ các khoản của một việc: loại (dossier)…' })),
  subjectId: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z_-]{1,40}$', description: '… và mã của việc đó (số hồ sơ)' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, default: 0 })),
}, Strict);

export const StatementUpload = Type.Object({
  fileName: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^/\\\\]+$', description: 'Tên tệp sao kê' }),
  content: Type.String({ minLength: 1, maxLength: 900_000, description: 'Nội dung tệp CSV (UTF-8): transaction_id,booked_on,amount,description' }),
}, Strict);

const Outcome = Type.Union([Type.Literal('matched'), Type.Literal('no_notification'), Type.Literal('amount_differs'), Type.Literal('unknown_reference')]);

export const StatementResult = Type.Object({
  statementId: Type.Integer(), lines: Type.Integer(), matched: Type.Integer(), mismatches: Type.Integer(),
  items: Type.Array(Type.Object({
    lineNo: Type.Integer(), transactionId: Type.String(), bookedOn: Type.String(), amount: Type.Integer(), reference: Nullable(Type.String()),
    outcome: Outcome, outcomeLabel: Type.String(),
  })),
});

export const Mismatches = Type.Object({
  statementLines: Type.Array(Type.Object({
    statementId: Type.Integer(), lineNo: Type.Integer(), transactionId: Type.String(), bookedOn: Type.String(), amount: Type.Integer(),
    description: Type.String(), reference: Nullable(Type.String()), outcome: Outcome, outcomeLabel: Type.String(),
  })),
  heldNotifications: Type.Array(Type.Object({
    transactionId: Type.String(), reference: Type.String(), payerName: Type.String(), amount: Type.Integer(), expectedAmount: Type.Union([Type.Integer(), Type.Null()]),
    outcome: Type.Union([Type.Literal('amount_mismatch'), Type.Literal('not_pending')]), outcomeLabel: Type.String(), receivedAt: Type.String(),
  })),
});

export const MismatchQuery = Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })) }, Strict);

export const RefundBody = Type.Object({ reason: Type.String({ minLength: 5, maxLength: 2000, description: 'Lý do hoàn trả (bắt buộc)' }) }, Strict);
export const RefundResult = Type.Object({
  reference: Type.String(), status: Status, statusLabel: Type.String(), amount: Type.Integer(), reason: Type.String(), refundedAt: Type.String(),
});

export const Renewal = Type.Object({
  renewed: Type.Boolean({ description: 'true: đã cấp mã mới; false: khoản mới đã có từ trước (bấm lại), trả lại khoản đó' }),
  payment: Payment,
});

export const PaymentState = Type.Object({
  reference: Type.String(),
  status: Status,
  statusLabel: Type.String(),
  expiresAt: Type.String(),
  paidAt: Nullable(Type.String()),
  receiptNumber: Nullable(Type.String()),
});
