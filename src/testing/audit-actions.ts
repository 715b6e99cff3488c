import { Type } from '@sinclair/typebox';
import { defineAuditActions, type ActionsOf } from '../platform/audit.js';

/** Actions the platform's own tests write: the platform knows no module's vocabulary. */
export const TEST_AUDIT = defineAuditActions({
  'test.read': { kind: 'read', label: 'Đọc thử' },
  'test.write': { kind: 'write', label: 'Ghi thử' },
  'test.entry': { kind: 'write', label: 'Mục thử' },
  'test.odd': { kind: 'write', label: 'Mục thử ký tự lạ' },
  'test.empty': { kind: 'write', label: 'Mục thử rỗng' },
  'test.stream': { kind: 'read', label: 'Đọc thử qua luồng sự kiện' },
  'test.masked': { kind: 'read', label: 'Đọc thử danh sách che số' },
  'test.with-data': { kind: 'write', label: 'Mục thử có dữ liệu', data: Type.Object({ n: Type.Integer(), note: Type.Optional(Type.String()) }, { additionalProperties: false }) },
});

declare module '../platform/audit.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AuditActions extends ActionsOf<typeof TEST_AUDIT> {}
}
