import { defineMessages } from '../../platform/messages.js';

/** Text of verification at a counter: why a scan is not valid (shown to staff and in the citizen's history). */
export const { texts: MESSAGES, text: message } = defineMessages({
  HISTORY_EXCHANGE: 'Cơ quan kết nối khai thác qua nền tảng chia sẻ dữ liệu (LGSP)',
  VERIFY_QR_UNREADABLE: 'Không nhận ra mã QR: không phải mã QR định danh da06 hay mã QR trên thẻ căn cước.',
  VERIFY_QR_MALFORMED: 'Mã QR định danh sai định dạng hoặc đã bị sửa.',
  VERIFY_QR_UNKNOWN_KEY: 'Mã QR được ký bằng khóa không do da06 công bố.',
  VERIFY_QR_SIGNATURE_INVALID: 'Chữ ký của mã QR không hợp lệ: mã giả hoặc đã bị sửa.',
  VERIFY_QR_EXPIRED: 'Mã QR đã hết hạn; đề nghị công dân mở lại mã QR mới trên ứng dụng.',
  VERIFY_QR_NOT_YET_VALID: 'Mã QR có thời điểm cấp ở tương lai; kiểm tra đồng hồ của thiết bị.',
  VERIFY_QR_WRONG_ISSUER: 'Mã QR không do hệ thống da06 này cấp.',
  VERIFY_QR_REVOKED: 'Mã QR không còn hiệu lực (không tìm thấy hoặc đã bị thu hồi).',
  VERIFY_QR_REPLAYED: 'Mã QR này đã được xuất trình tại đơn vị khác: có thể bị chụp lại và dùng lại.',
  VERIFY_ACCOUNT_LOCKED: 'Tài khoản định danh điện tử của công dân đang bị khóa.',
  VERIFY_PERSON_DECEASED: 'Công dân đã được ghi nhận là đã mất trong Cơ sở dữ liệu dân cư.',
  VERIFY_LEVEL_TOO_LOW: 'Đơn vị yêu cầu tài khoản định danh điện tử mức độ {level}.',
  VERIFY_CARD_NOT_IN_REGISTRY: 'Không tìm thấy số định danh trên thẻ trong Cơ sở dữ liệu dân cư.',
  VERIFY_CARD_MISMATCH: 'Thông tin trên thẻ khác Cơ sở dữ liệu dân cư: {fields}.',
  VERIFY_CARD_UNCONFIRMED:
    'Không xác nhận được thẻ với Cơ sở dữ liệu dân cư. Mã QR in trên thẻ không có chữ ký số nên hệ thống không cho biết khác ở đâu; đề nghị công dân xuất trình mã QR định danh hoặc đọc chip thẻ.',
  VERIFY_CARD_CHECKS_PAUSED:
    'Đơn vị đã đối chiếu số định danh này không xác nhận được {count} lần trong {hours} giờ: tạm ngừng đối chiếu thẻ không được xác thực của số định danh này tại đơn vị. Đề nghị công dân xuất trình mã QR định danh hoặc đọc chip thẻ.',
  VERIFY_CARD_CHECKS_PAUSED_COUNTER:
    'Đơn vị đã có {count} lần đối chiếu thẻ không xác nhận được trong {hours} giờ: tạm ngừng đối chiếu thẻ không được xác thực tại đơn vị và kiểm tra viên đã được báo. Đề nghị công dân xuất trình mã QR định danh hoặc đọc chip thẻ.',
  CARD_QR_PAUSED_AUDIT:
    'Đơn vị đối chiếu thẻ không được xác thực (mã QR in trên thẻ hoặc chip không xác thực được) của số định danh này {count} lần trong {hours} giờ mà không khớp: tạm ngừng đối chiếu số này tại đơn vị (có thể đang dò thông tin cá nhân).',
  CARD_QR_COUNTER_PAUSED_AUDIT:
    'Đơn vị đối chiếu thẻ không được xác thực {count} lần trong {hours} giờ mà không khớp: tạm ngừng mọi đối chiếu loại này tại đơn vị (có thể đang dò thông tin cá nhân của nhiều người).',
  VERIFY_CARD_NUMBER_CANCELLED: 'Số định danh trên thẻ đã bị hủy và được xác lập lại: thẻ không còn giá trị sử dụng.',
  VERIFY_CARD_EXPIRED: 'Thẻ đã hết hạn sử dụng từ ngày {date}.',
  VERIFY_CHIP_NO_DG13: 'Dữ liệu chip thiếu nhóm DG13 (thông tin công dân): không đối chiếu được với Cơ sở dữ liệu dân cư.',
  VERIFY_CHIP_OTHER_PERSON: 'Chip đọc được là thẻ của người khác, không phải của công dân đang được xử lý.',
  VERIFY_AA_CHALLENGE_UNKNOWN: 'Thử thách xác thực chủ động không do da06 cấp cho đơn vị này, đã hết hạn hoặc đã dùng: đọc lại chip với thử thách mới.',
  VERIFY_OFFLINE_LIMITS: 'Kiểm tra ngoại tuyến chỉ xác nhận chữ ký và thời hạn của mã; không biết được mã đã bị thu hồi, tài khoản bị khóa, công dân đã mất hay mã đã dùng ở nơi khác sau thời điểm cấp.',
  RP_FIELDS_UNKNOWN: '{field}: trường thông tin không hỗ trợ (có: {known})',
  RP_FIELDS_EMPTY: 'cần ít nhất một trường thông tin được phép xem',
  RP_TYPE_UNKNOWN: 'loại đơn vị phải là một trong: {known}',
  RP_NAME_PURPOSE: 'cần tên đơn vị và mục đích xác thực',
});

export type MessageKey = keyof typeof MESSAGES;
