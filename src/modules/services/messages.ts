import { defineMessages } from '../../platform/messages.js';

/** Text the services module sends to people (errors live in errors.ts): the citizen's notices (SMS, portal). */
export const { texts: MESSAGES, text: message } = defineMessages({
  // A text message is read on a lock screen and kept by the carrier: it carries the dossier code and dates only —
  // never the procedure's name (a death, a removal of residence) nor an officer's free-text comment.
  SERVICES_SMS_SUBMITTED: 'Hồ sơ {code} đã được gửi, chờ tiếp nhận trước {acceptanceDue}. Xem chi tiết trên Cổng dịch vụ công.',
  SERVICES_SMS_RECEIVED: 'Hồ sơ {code} đã được tiếp nhận. Hẹn trả kết quả: {due}. Xem chi tiết trên Cổng dịch vụ công.',
  SERVICES_SMS_SUPPLEMENT: 'Hồ sơ {code} cần bổ sung. Xem chi tiết và bổ sung trên Cổng dịch vụ công.',
  SERVICES_SMS_REJECTED: 'Hồ sơ {code} không được tiếp nhận. Xem chi tiết trên Cổng dịch vụ công.',
  SERVICES_SMS_REFUSED: 'Hồ sơ {code} không được giải quyết. Xem chi tiết trên Cổng dịch vụ công.',
  SERVICES_SMS_PAYMENT: 'Hồ sơ {code}: vui lòng nộp phí, lệ phí {amount} đồng. Xem chi tiết trên Cổng dịch vụ công.',
  SERVICES_SMS_APPROVED: 'Hồ sơ {code} đã giải quyết xong, chờ trả kết quả. Xem chi tiết trên Cổng dịch vụ công.',
  SERVICES_SMS_RETURNED: 'Hồ sơ {code} đã trả kết quả. Xem chi tiết và đánh giá trên Cổng dịch vụ công.',
  SERVICES_SMS_EXTENDED: 'Xin lỗi ông/bà: hồ sơ {code} chậm giải quyết. Hẹn trả kết quả mới: {due}. Xem chi tiết trên Cổng dịch vụ công.',
  SERVICES_SMS_STOPPED: 'Hồ sơ {code} đã dừng giải quyết. Xem chi tiết trên Cổng dịch vụ công.',
  SERVICES_SMS_TRANSFERRED: 'Hồ sơ {code} đã được chuyển đơn vị giải quyết. Xem chi tiết trên Cổng dịch vụ công.',
  SERVICES_SMS_WITHDRAWN: 'Hồ sơ {code} đã được rút. Xem chi tiết trên Cổng dịch vụ công.',
  SERVICES_SMS_CLOSED_UNANSWERED: 'Hồ sơ {code} đã dừng giải quyết vì chưa được bổ sung trong thời hạn. Xem chi tiết trên Cổng dịch vụ công.',
  // The timeline's comment of a close-out (shown to the citizen and the officer, not sent by SMS).
  SERVICES_CLOSE_OUT_COMMENT: 'Dừng giải quyết: công dân không bổ sung, hoàn thiện hồ sơ trong {days} {unit} kể từ ngày {requested} (hết hạn {expiry}).',
  SERVICES_SMS_SUPPLEMENTED: 'Hồ sơ {code} đã được bổ sung, chờ tiếp nhận lại. Xem chi tiết trên Cổng dịch vụ công.',
});

export type MessageKey = keyof typeof MESSAGES;
