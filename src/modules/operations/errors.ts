import { defineErrors, type CodesOf } from '../../platform/errors.js';

/** Error codes of the operations module (RFC 9457 `code`); listed in docs/errors.md. Never renamed or reused. */
export const OPERATIONS_ERRORS = defineErrors({
  PLAN_NOT_FOUND: { status: 404, title: 'Không tìm thấy kế hoạch' },
  PLAN_MODEL_NOT_FOUND: { status: 404, title: 'Không tìm thấy mô hình trong kế hoạch' },
  PLAN_REPORT_INVALID: { status: 422, title: 'Báo cáo tiến độ mô hình chưa hợp lệ' },
});

declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodesOf<typeof OPERATIONS_ERRORS> {}
}

// Every file that throws this module's errors imports them from here: that loads all of the module's
// catalogues (actions, permissions, events) wherever its code runs, the CLI and unit tests included.
import './audit-actions.js';
import './permissions.js';

/** Thrown with this module's codes. */
export { DomainError, fieldError, type FieldError } from '../../platform/errors.js';
