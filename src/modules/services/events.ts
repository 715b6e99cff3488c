import { defineEvents } from '../../platform/events.js';
import type { DossierState, TransitionName } from './states.js';

const changed = (what: string) => ({ description: `Hồ sơ thủ tục hành chính ${what} (sau khi giao dịch ghi xong).` });

/** Events the services module emits after a dossier's transaction commits (one per change). */
export const SERVICES_EVENTS = defineEvents({
  'services.dossier.submitted': changed('được công dân nộp'),
  'services.dossier.supplemented': changed('được công dân bổ sung'),
  'services.dossier.withdrawn': changed('bị công dân rút'),
  'services.dossier.stop-requested': changed('được công dân đề nghị dừng giải quyết'),
  'services.dossier.assigned': changed('được phân công cán bộ'),
  'services.dossier.received': changed('được tiếp nhận, có ngày hẹn trả'),
  'services.dossier.supplement-requested': changed('cần bổ sung'),
  'services.dossier.rejected': changed('bị từ chối tiếp nhận'),
  'services.dossier.refused': changed('bị từ chối giải quyết'),
  'services.dossier.processing': changed('được chuyển cho bộ phận giải quyết'),
  'services.dossier.transferred': changed('được chuyển sang đơn vị khác'),
  'services.dossier.payment-requested': changed('chờ thực hiện nghĩa vụ tài chính'),
  'services.dossier.paid': changed('đã thực hiện nghĩa vụ tài chính'),
  'services.dossier.approved': changed('được phê duyệt (kết quả đã ghi vào cơ sở dữ liệu nếu thủ tục có tác động)'),
  'services.dossier.returned': changed('đã trả kết quả'),
  'services.dossier.extended': changed('được gia hạn (kèm văn bản xin lỗi)'),
  'services.dossier.stopped': changed('bị dừng giải quyết theo đề nghị của công dân'),
  'services.dossier.closed-unanswered': changed('bị dừng giải quyết vì công dân không bổ sung trong thời hạn'),
});

/** What every dossier event carries: enough for a listener to load the dossier through the service. */
export interface DossierEvent {
  dossierId: number;
  code: string | null;
  procedureSlug: string;
  unitCode: string;
  agency: string;
  transition: TransitionName;
  from: DossierState;
  to: DossierState;
  groupId: number | null;
  at: string;
}

type Payloads = { [K in keyof typeof SERVICES_EVENTS]: DossierEvent };

declare module '../../platform/events.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DomainEvents extends Payloads {}
}
