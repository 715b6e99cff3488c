// The services module's words the UI shows: states, transitions, due flags (src/modules/services/browser.ts).
export { DOSSIER_STATES, TRANSITIONS, DUE_FLAGS, type DossierState, type TransitionName } from '../../../src/modules/services/browser.js';

/**
 * The nine contents of the satisfaction rating (NĐ 118/2025/NĐ-CP Art. 33.1) in the API's key order.
 * The server's labels are in rating.ts, which reads a file and so cannot reach the browser; the API's
 * schema names the same keys, so a renamed key fails the typecheck of RatingPanel.
 */
export const RATING_LABELS = {
  resultTime: 'Thời gian trả kết quả so với quy định',
  agenciesContacted: 'Số cơ quan, đơn vị phải liên hệ để hoàn thiện hồ sơ',
  contactsNeeded: 'Số lần phải liên hệ với nơi tiếp nhận để hoàn thiện hồ sơ',
  information: 'Thông tin thủ tục được công khai chính xác, đầy đủ, kịp thời',
  officerConduct: 'Thái độ của cán bộ hướng dẫn, tiếp nhận, giải quyết',
  lawfulResult: 'Kết quả đúng pháp luật; chi phí đúng quy định',
  explanations: 'Thời gian, chất lượng giải trình phản ánh, kiến nghị',
  onlineService: 'Tiến độ, chất lượng dịch vụ công trực tuyến',
  other: 'Các nội dung khác',
} as const;

/** The rating scale (data/services/rating-scale.json, version 2025-07-01). */
export const RATING_VALUES = [
  { value: 3, key: 'servicesRateVeryGood' },
  { value: 2, key: 'servicesRateGood' },
  { value: 1, key: 'servicesRateBad' },
] as const;
