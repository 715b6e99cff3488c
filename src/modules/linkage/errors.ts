import { defineErrors, type CodesOf } from '../../platform/errors.js';

/** Error codes of the linkage module (RFC 9457 `code`); listed in docs/errors.md. Never renamed or reused. */
export const LINKAGE_ERRORS = defineErrors({
  LINKAGE_FILE_REFUSED: { status: 422, title: 'Tệp danh sách không đọc được ở dòng {line}: {problem}' },
  LINKAGE_FILE_TOO_LARGE: { status: 413, title: 'Tệp danh sách vượt quá {megabytes} MB' },
  LINKAGE_RUN_NOT_FOUND: { status: 404, title: 'Không tìm thấy lượt đối sánh này' },
  LINKAGE_RUN_NOT_DONE: { status: 409, title: 'Lượt đối sánh chưa xong; kết quả có khi đã xử lý hết các dòng' },
  LINKAGE_REVIEW_NOT_FOUND: { status: 404, title: 'Không tìm thấy dòng cần xem xét này' },
  LINKAGE_REVIEW_DECIDED: { status: 409, title: 'Dòng này đã được quyết định' },
  LINKAGE_CANDIDATE_NOT_FOUND: { status: 422, title: 'Không có người mang số định danh này trong địa bàn của bạn' },
  LINKAGE_LEVEL2_REQUIRED: { status: 403, title: 'Danh sách này chứa thông tin nhạy cảm: hãy đăng nhập bằng tài khoản định danh điện tử mức độ 2 để xác nhận' },
  LINKAGE_REVIEW_CHOICE_NOT_OFFERED: { status: 422, title: 'Hồ sơ ngành gửi qua nền tảng chia sẻ chỉ được chấp nhận cho đúng người có số định danh đã gửi hoặc bác bỏ' },
  LINKAGE_THRESHOLDS_INVALID: { status: 422, title: 'Ngưỡng không hợp lệ: ngưỡng xem xét phải lớn hơn 0 và không lớn hơn ngưỡng khớp (tối đa 1)' },
});

declare module '../../platform/errors.js' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface ErrorCodes extends CodesOf<typeof LINKAGE_ERRORS> {}
}

import './audit-actions.js';
import './permissions.js';

export { DomainError } from '../../platform/errors.js';
