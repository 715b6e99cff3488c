-- Settings of a plan's working group for its monthly report: who signs it and under which title
-- (Nghị định 30/2020/NĐ-CP, Phụ lục I: "quyền hạn, chức vụ của người ký" and the signer's full name).
-- Holds an officer's name and title, no citizen's data. One row per plan; every change is audited
-- (plans.report-settings.updated).
CREATE TABLE plan_report_settings (
  plan_id           text PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
  signer_authority  text NOT NULL,
  signer_title      text NOT NULL,
  signer_name       text NOT NULL,
  updated_by        text NOT NULL,
  updated_at        timestamptz NOT NULL DEFAULT now()
);
