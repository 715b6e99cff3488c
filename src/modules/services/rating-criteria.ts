// The nine rating contents, browser-safe (imports nothing): the web UI shows their labels.
/**
 * The nine contents a citizen rates (NĐ 118/2025/NĐ-CP Art. 33.1 (a)–(i), text read in the published
 * decree), as the API's keys and the columns of dossier_ratings (migration 028).
 */
export const RATING_CRITERIA = {
  resultTime: 'a) Thời gian trả kết quả giải quyết so với quy định',
  agenciesContacted: 'b) Số lượng cơ quan, đơn vị, tổ chức phải liên hệ để hoàn thiện hồ sơ',
  contactsNeeded: 'c) Số lần phải liên hệ với cơ quan tiếp nhận để hoàn thiện hồ sơ',
  information: 'd) Tính chính xác, đầy đủ, kịp thời của thông tin thủ tục hành chính được công khai',
  officerConduct: 'đ) Thái độ ứng xử của cán bộ, công chức, viên chức hướng dẫn, tiếp nhận, giải quyết',
  lawfulResult: 'e) Sự phù hợp với pháp luật của kết quả giải quyết và chi phí thực hiện; chi phí phát sinh ngoài quy định',
  explanations: 'g) Thời gian và chất lượng giải trình đối với phản ánh, kiến nghị, khiếu nại, tố cáo',
  onlineService: 'h) Tiến độ và chất lượng cung cấp dịch vụ công trực tuyến',
  other: 'i) Các nội dung khác',
} as const;
export type RatingCriterion = keyof typeof RATING_CRITERIA;
export const CRITERIA = Object.keys(RATING_CRITERIA) as RatingCriterion[];

