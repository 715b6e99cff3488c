import { defineMessages } from '../../platform/messages.js';

/** Text of the kiosk module other than errors. */
export const { texts: MESSAGES, text: message } = defineMessages({
  KIOSK_NAME_EMPTY: 'tên thiết bị không được để trống',
  KIOSK_RP_UNKNOWN: 'đơn vị xác thực không tồn tại, đã ngừng hoặc thuộc tỉnh khác',
  KIOSK_UNIT_OUTSIDE: 'đơn vị hành chính không thuộc tỉnh bạn quản trị',
  KIOSK_CHIP_NO_ID: 'chip không cho biết số định danh cá nhân',
  KIOSK_QR_NEEDS_ID: 'mã QR cần hiển thị số định danh cá nhân; mở lại mã QR trên ứng dụng và chọn hiển thị số định danh',
});
