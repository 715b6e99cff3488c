import { defineMessages } from '../../platform/messages.js';

/** Text the services module sends to people (errors live in errors.ts): the citizen's notices (SMS, portal). */
export const { texts: MESSAGES, text: message } = defineMessages({
  SERVICES_SMS_SUBMITTED: 'Hồ sơ {code} ({procedure}) đã được gửi, chờ tiếp nhận trước {acceptanceDue}.',
  SERVICES_SMS_RECEIVED: 'Hồ sơ {code} đã được tiếp nhận. Hẹn trả kết quả: {due}.',
  SERVICES_SMS_SUPPLEMENT: 'Hồ sơ {code} cần bổ sung: {comment}. Vui lòng bổ sung trên Cổng dịch vụ công.',
  SERVICES_SMS_REJECTED: 'Hồ sơ {code} không được tiếp nhận: {comment}.',
  SERVICES_SMS_REFUSED: 'Hồ sơ {code} bị từ chối giải quyết: {comment}.',
  SERVICES_SMS_PAYMENT: 'Hồ sơ {code}: vui lòng nộp phí, lệ phí {amount} đồng.',
  SERVICES_SMS_APPROVED: 'Hồ sơ {code} đã giải quyết xong, chờ trả kết quả.',
  SERVICES_SMS_RETURNED: 'Hồ sơ {code} đã trả kết quả. Mời ông/bà đánh giá mức độ hài lòng.',
  SERVICES_SMS_EXTENDED: 'Xin lỗi ông/bà: hồ sơ {code} chậm giải quyết. Hẹn trả kết quả mới: {due}. Lý do: {comment}.',
  SERVICES_SMS_STOPPED: 'Hồ sơ {code} đã dừng giải quyết theo đề nghị của ông/bà.',
  SERVICES_SMS_TRANSFERRED: 'Hồ sơ {code} đã được chuyển cho {unit} giải quyết.',
  SERVICES_SMS_WITHDRAWN: 'Hồ sơ {code} đã được rút theo đề nghị của ông/bà.',
  SERVICES_SMS_SUPPLEMENTED: 'Hồ sơ {code} đã được bổ sung, chờ tiếp nhận lại.',
});

export type MessageKey = keyof typeof MESSAGES;
