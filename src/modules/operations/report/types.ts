/**
 * What a monthly report of a Project 06 working group says, independent of its file format
 * (render-docx.ts, render-pdf.ts). Built by the operations service from the plan tracker and the
 * indicators computed from the platform's own records.
 */
export interface ReportIndicator {
  /** e.g. "Cơ sở lưu trú có thông báo trong tháng / đang hoạt động" */
  label: string;
  /** e.g. "42/57 (73,7%)" — already formatted in Vietnamese. */
  value: string;
  /** 'platform': computed from da06's records; 'manual': typed in by a unit (who entered it in `source`). */
  kind: 'platform' | 'manual';
  source: string;
}

export interface ReportModelRow {
  /** The plan's own numbering, e.g. "2.3" or "9". */
  number: string;
  /** Number in the national list of 43 models, when mapped. */
  national: number | null;
  name: string;
  leadUnit: string;
  status: 'not_started' | 'in_progress' | 'done' | 'overdue';
  statusLabel: string;
  deadline: string | null;
  indicators: ReportIndicator[];
  /** Problems and proposals reported by the unit this month (may be empty). */
  problems: string;
}

export interface ReportChart {
  title: string;
  /** Bars, in order; values are counts. */
  bars: { label: string; value: number }[];
  unit: string;
}

export interface MonthlyReport {
  /** Issuing body, two lines as in the header of an administrative document, e.g. ["UBND TỈNH ĐỒNG THÁP", "TỔ CÔNG TÁC ĐỀ ÁN 06"]. */
  issuer: string[];
  /** Document number line, e.g. "Số: 12/BC-TCTĐA06". */
  number: string;
  /** Place and date line, e.g. "Đồng Tháp, ngày 15 tháng 12 năm 2026". */
  placeAndDate: string;
  /** Document kind and title, e.g. "BÁO CÁO" and "Kết quả triển khai các mô hình điểm Đề án 06 tháng 11/2026". */
  kind: string;
  title: string;
  /** Opening paragraph(s). */
  intro: string[];
  /** Section I: overall results, as headline figures. */
  highlights: { label: string; value: string }[];
  /** Section II: the table of models. */
  models: ReportModelRow[];
  charts: ReportChart[];
  /** Section III: problems and proposals (paragraphs). */
  problems: string[];
  /** Section IV: tasks for next month (paragraphs). */
  nextTasks: string[];
  /** "Nơi nhận:" list. */
  recipients: string[];
  /** Signature block: authority line(s) and the signer's title and name. */
  signature: { authority: string[]; title: string; name: string };
  /** Footer note on how the figures were made (platform vs manual). */
  generatedNote: string;
}
