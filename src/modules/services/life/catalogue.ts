import { Type } from '@sinclair/typebox';
import { definePermissions, type PermissionsOf } from '../../../platform/access.js';
import { defineAuditActions, type ActionsOf } from '../../../platform/audit.js';
import { defineErrors, type CodesOf } from '../../../platform/errors.js';

/** Error codes of life-event offers and birth notices (merged into the services module's catalogue in ../index.ts). */
export const LIFE_ERRORS = defineErrors({
  BIRTH_NOTICE_COUNTER: { status: 403, title: 'Chỉ nhân viên quầy của cơ sở khám bệnh, chữa bệnh (bệnh viện) được báo sinh' },
  LIFE_OFFER_NOT_FOUND: { status: 404, title: 'Không tìm thấy gợi ý thủ tục' },
});

/** Permission of the hospital counter's birth notice (src/roles.ts gives it to rp_staff; the service checks the counter is a hospital's). */
export const LIFE_PERMISSIONS = definePermissions({
  'services.births.notify': 'Báo sinh tại quầy bệnh viện (dữ liệu giấy chứng sinh: mẹ, ngày giờ sinh, giới tính, cân nặng, nơi sinh)',
});

/** Audit actions of life-event offers, birth notices and reminders (docs/audit-actions.md). */
export const LIFE_AUDIT = defineAuditActions({
  'services.birth-notice.declared': {
    kind: 'write', label: 'Quầy bệnh viện báo sinh (dữ liệu giấy chứng sinh), gợi ý đăng ký khai sinh liên thông cho cha mẹ',
    data: Type.Object({ noticeId: Type.Integer() }, { additionalProperties: false }),
  },
  'services.life-offer.made': {
    kind: 'write', label: 'Hệ thống gợi ý nhóm thủ tục liên thông cho thân nhân (sau khi công an ghi nhận công dân mất), điền sẵn thông tin người mất',
    data: Type.Object({ offerId: Type.Integer(), recipient: Type.String({ description: 'số định danh của người nhận gợi ý' }) }, { additionalProperties: false }),
  },
  'services.life-offer.dismissed': {
    kind: 'write', label: 'Công dân bỏ qua gợi ý thủ tục liên thông',
    data: Type.Object({ offerId: Type.Integer() }, { additionalProperties: false }),
  },
  'services.life-event.own-read': { kind: 'read', label: 'Công dân xem các gợi ý thủ tục và lời nhắc của mình' },
  'services.reminder.sent': {
    kind: 'write', label: 'Hệ thống gửi lời nhắc (tạm trú sắp hết hạn, đến tuổi đổi thẻ căn cước)',
    data: Type.Object({
      reminderId: Type.Integer(), reason: Type.Union([Type.Literal('temporary_residence'), Type.Literal('card_renewal')]),
    }, { additionalProperties: false }),
  },
});

declare module '../../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodesOf<typeof LIFE_ERRORS> {}
}
declare module '../../../platform/access.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface Permissions extends PermissionsOf<typeof LIFE_PERMISSIONS> {}
}
declare module '../../../platform/audit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActions extends ActionsOf<typeof LIFE_AUDIT> {}
}
