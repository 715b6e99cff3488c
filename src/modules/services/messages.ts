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
  SERVICES_SMS_INVITED: 'Bạn được mời xác nhận một hồ sơ thủ tục hành chính. Đăng nhập Cổng dịch vụ công bằng tài khoản định danh điện tử để xem và trả lời.',
  SERVICES_SMS_ANSWERED: 'Hồ sơ {code}: người được mời đã trả lời lời mời xác nhận. Xem chi tiết trên Cổng dịch vụ công.',
  // Life-event offers and reminders (life/): the text message names the date only, never the place or the person.
  LIFE_OFFER_BIRTH_TITLE: 'Đăng ký khai sinh liên thông cho con',
  LIFE_OFFER_BIRTH_TEXT: 'Cơ sở y tế đã báo sinh: {sex}, sinh lúc {bornAt}, tại {birthPlace}. Đăng ký khai sinh, thường trú và thẻ BHYT cho con bằng một hồ sơ, thông tin đã điền sẵn.',
  LIFE_OFFER_DEATH_TITLE: 'Đăng ký khai tử liên thông cho người thân',
  LIFE_OFFER_DEATH_TEXT: 'Xin chia buồn cùng gia đình. {fullName} mất ngày {dateOfDeath}. Đăng ký khai tử, xóa đăng ký thường trú và đề nghị mai táng phí bằng một hồ sơ, thông tin đã điền sẵn.',
  LIFE_REMIND_TEMPORARY_RESIDENCE: 'Đăng ký tạm trú của ông/bà hết hạn ngày {date}. Vui lòng gia hạn hoặc đăng ký tạm trú mới trước ngày này.',
  LIFE_REMIND_CARD_RENEWAL: 'Ông/bà đủ {age} tuổi vào ngày {date}: theo Luật Căn cước, cần làm thủ tục cấp đổi thẻ căn cước.',
  LIFE_SMS_REMINDER: '{text} Xem chi tiết trên Cổng dịch vụ công.',
});

export type MessageKey = keyof typeof MESSAGES;
