import { Type } from '@sinclair/typebox';
import { defineAuditActions, type ActionsOf } from '../../platform/audit.js';

/** Audit actions of the documents module (docs/audit-actions.md). */
export const DOCUMENTS_AUDIT = defineAuditActions({
  'documents.revoked': { kind: 'write', label: 'Đơn vị cấp thu hồi văn bản điện tử' },
  'documents.verified': { kind: 'read', label: 'Ai đó kiểm tra một văn bản điện tử (quét mã QR hoặc tải tệp lên trang /verify)' },
  'documents.own-list': { kind: 'read', label: 'Công dân xem danh sách văn bản trong kho dữ liệu điện tử của mình' },
  'documents.own-read': { kind: 'read', label: 'Công dân tải văn bản điện tử của mình' },
  'documents.share-created': {
    kind: 'write', label: 'Công dân tạo liên kết chia sẻ một văn bản trong kho dữ liệu điện tử (có thời hạn)',
    data: Type.Object({ document: Type.String(), link: Type.String(), validity: Type.String() }, { additionalProperties: false }),
  },
  'documents.share-revoked': {
    kind: 'write', label: 'Công dân thu hồi liên kết chia sẻ văn bản',
    data: Type.Object({ document: Type.String(), link: Type.String() }, { additionalProperties: false }),
  },
  'documents.share-list': { kind: 'read', label: 'Công dân xem các liên kết chia sẻ một văn bản của mình' },
  'documents.share-history': { kind: 'read', label: 'Công dân xem lịch sử truy cập văn bản của mình qua liên kết chia sẻ' },
  'documents.shared-read': { kind: 'read', label: 'Người được chia sẻ mở văn bản điện tử qua liên kết (xem hoặc tải PDF)' },
  'documents.unit-list': { kind: 'read', label: 'Cán bộ xem danh sách văn bản điện tử do đơn vị cấp' },
});

declare module '../../platform/audit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActions extends ActionsOf<typeof DOCUMENTS_AUDIT> {}
}
