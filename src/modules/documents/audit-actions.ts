import { defineAuditActions, type ActionsOf } from '../../platform/audit.js';

/** Audit actions of the documents module (docs/audit-actions.md). */
export const DOCUMENTS_AUDIT = defineAuditActions({
  'documents.revoked': { kind: 'write', label: 'Đơn vị cấp thu hồi văn bản điện tử' },
  'documents.verified': { kind: 'read', label: 'Ai đó kiểm tra một văn bản điện tử (quét mã QR hoặc tải tệp lên trang /verify)' },
  'documents.own-list': { kind: 'read', label: 'Công dân xem danh sách văn bản trong kho dữ liệu điện tử của mình' },
  'documents.own-read': { kind: 'read', label: 'Công dân tải văn bản điện tử của mình' },
  'documents.unit-list': { kind: 'read', label: 'Cán bộ xem danh sách văn bản điện tử do đơn vị cấp' },
});

declare module '../../platform/audit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActions extends ActionsOf<typeof DOCUMENTS_AUDIT> {}
}
