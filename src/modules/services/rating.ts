import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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

export interface RatingScale {
  validFrom: string;
  mark: 'verified' | 'P' | 'U';
  source: string;
  values: { value: number; label: string }[];
}

const SCALE_FILE = fileURLToPath(new URL('../../../data/services/rating-scale.json', import.meta.url));

/** The scale in force on a day: configurable data (data/services/rating-scale.json, [P]), checked when loaded. */
export function loadRatingScale(on: string, file = SCALE_FILE): RatingScale {
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { versions?: RatingScale[] };
  const versions = (doc.versions ?? []).filter((v) => v.validFrom <= on).sort((a, b) => (a.validFrom < b.validFrom ? 1 : -1));
  const scale = versions[0];
  const ok = scale && Array.isArray(scale.values) && scale.values.length >= 2
    && scale.values.every((v) => Number.isInteger(v.value) && v.value >= 0 && v.value < 100 && typeof v.label === 'string' && v.label.length > 0);
  if (!ok) throw new Error(`${file}: no valid rating scale in force on ${on}`);
  return scale;
}
