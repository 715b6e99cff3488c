import { Type } from '@sinclair/typebox';
import { defineAuditActions, type ActionsOf } from '../../platform/audit.js';

/**
 * Audit actions of the services module: what each entry means (docs/audit-actions.md). Every change of a
 * dossier writes one entry (subject: the dossier) in the transaction of the change; reads name the people
 * whose data they show.
 */
export const SERVICES_AUDIT = defineAuditActions({
  'services.dossier.started': { kind: 'write', label: 'Công dân tạo hồ sơ (bản nháp, điền sẵn từ dữ liệu dân cư)' },
  'services.dossier.saved': { kind: 'write', label: 'Công dân lưu bản nháp hồ sơ' },
  'services.dossier.submitted': { kind: 'write', label: 'Công dân nộp hồ sơ trực tuyến' },
  'services.dossier.supplemented': { kind: 'write', label: 'Công dân bổ sung hồ sơ theo yêu cầu' },
  'services.dossier.withdrawn': { kind: 'write', label: 'Công dân rút hồ sơ' },
  'services.dossier.stop-requested': { kind: 'write', label: 'Công dân đề nghị dừng giải quyết hồ sơ của mình (có lý do); cơ quan giải quyết xác nhận bằng Thông báo dừng giải quyết' },
  'services.dossier.rated': { kind: 'write', label: 'Công dân đánh giá việc giải quyết hồ sơ' },
  'services.dossier.result-sent': { kind: 'write', label: 'Gửi kết quả giải quyết hồ sơ (văn bản điện tử) lên Cổng Dịch vụ công quốc gia và kho dữ liệu của công dân (NĐ 118/2025 Điều 22)' },
  'services.document.uploaded': { kind: 'write', label: 'Tải lên giấy tờ của hồ sơ' },
  'services.document.reused': {
    kind: 'write', label: 'Công dân dùng lại giấy tờ đã có trong kho dữ liệu điện tử cho hồ sơ (không tải lên lại)',
    data: Type.Object({ paper: Type.String(), source: Type.String() }, { additionalProperties: false }),
  },
  'services.store.read': { kind: 'read', label: 'Công dân xem giấy tờ trong kho dữ liệu điện tử dùng lại được cho hồ sơ' },
  'services.document.deleted': { kind: 'write', label: 'Xóa giấy tờ của hồ sơ (bản nháp, chờ bổ sung)' },
  'services.document.read': { kind: 'read', label: 'Xem giấy tờ đã tải lên của hồ sơ' },
  'services.dossier.own-read': { kind: 'read', label: 'Công dân xem hồ sơ của mình' },
  'services.dossier.read': { kind: 'read', label: 'Cán bộ xem hồ sơ và thông tin dân cư của người liên quan' },
  'services.dossier.assigned': { kind: 'write', label: 'Phân công cán bộ xử lý hồ sơ' },
  'services.dossier.received': { kind: 'write', label: 'Tiếp nhận hồ sơ (Giấy tiếp nhận và hẹn trả kết quả)' },
  'services.dossier.supplement-requested': { kind: 'write', label: 'Yêu cầu bổ sung, hoàn thiện hồ sơ' },
  'services.dossier.rejected': { kind: 'write', label: 'Từ chối tiếp nhận hồ sơ' },
  'services.dossier.refused': { kind: 'write', label: 'Từ chối giải quyết hồ sơ (có lý do)' },
  'services.dossier.processing': { kind: 'write', label: 'Chuyển hồ sơ cho bộ phận giải quyết' },
  'services.dossier.transferred': { kind: 'write', label: 'Chuyển hồ sơ sang đơn vị khác' },
  'services.dossier.payment-requested': { kind: 'write', label: 'Yêu cầu thực hiện nghĩa vụ tài chính' },
  'services.dossier.paid': { kind: 'write', label: 'Ghi nhận đã thực hiện nghĩa vụ tài chính' },
  'services.dossier.approved': { kind: 'write', label: 'Phê duyệt kết quả giải quyết hồ sơ' },
  'services.dossier.returned': { kind: 'write', label: 'Trả kết quả giải quyết hồ sơ' },
  'services.dossier.extended': { kind: 'write', label: 'Xin lỗi và gia hạn thời gian giải quyết (một lần)' },
  'services.dvcqg.retried': { kind: 'write', label: 'Gửi lại thay đổi trạng thái hồ sơ lên Cổng Dịch vụ công quốc gia sau khi gửi lỗi' },
  'services.dossier.stopped': { kind: 'write', label: 'Dừng giải quyết hồ sơ theo đề nghị của công dân' },
  'services.invitation.sent': { kind: 'write', label: 'Công dân mời người khác (bên kết hôn, người cha) xác nhận hồ sơ bằng tài khoản định danh' },
  'services.invitation.read': { kind: 'read', label: 'Công dân xem lời mời xác nhận hồ sơ gửi đến mình (tên người mời)' },
  'services.invitation.confirmed': { kind: 'write', label: 'Người được mời xác nhận hồ sơ (thông tin của họ được điền sẵn và khóa)' },
  'services.invitation.declined': { kind: 'write', label: 'Người được mời từ chối xác nhận hồ sơ' },
  'services.result.read': { kind: 'read', label: 'Tải về kết quả giải quyết hồ sơ (phiếu lý lịch tư pháp)' },
  'services.dossier.counter-received': { kind: 'write', label: 'Tiếp nhận hồ sơ giấy trực tiếp tại Bộ phận Một cửa (tạo hồ sơ, giấy tờ quét, Giấy tiếp nhận)' },
  'services.dossier.closed-unanswered': { kind: 'write', label: 'Hệ thống dừng giải quyết hồ sơ công dân không bổ sung trong thời hạn' },
  'services.counter.applicant-read': { kind: 'read', label: 'Bộ phận Một cửa tra cứu công dân đến nộp hồ sơ trực tiếp (điền sẵn tờ khai)' },
});

declare module '../../platform/audit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActions extends ActionsOf<typeof SERVICES_AUDIT> {}
}
