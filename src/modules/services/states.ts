// The life of a dossier (DOMAIN-SERVICES.md §1.4): states, their Vietnamese names and DVCQG status codes,
// and the transitions the one-stop desk allows. Imports nothing: the web UI takes it through browser.ts.

/** States, with the DVCQG synchronisation status they map to ([P]: the list provincial systems share; 0: not synchronised). */
export const DOSSIER_STATES = {
  draft: { label: 'Bản nháp', dvcqg: 0 },
  submitted: { label: 'Mới đăng ký', dvcqg: 1 },
  received: { label: 'Được tiếp nhận', dvcqg: 2 },
  rejected_at_reception: { label: 'Không được tiếp nhận', dvcqg: 3 },
  in_process: { label: 'Đang xử lý', dvcqg: 4 },
  supplement_requested: { label: 'Yêu cầu bổ sung giấy tờ', dvcqg: 5 },
  awaiting_payment: { label: 'Yêu cầu thực hiện nghĩa vụ tài chính', dvcqg: 6 },
  withdrawn: { label: 'Công dân rút hồ sơ', dvcqg: 7 },
  stopped: { label: 'Dừng xử lý', dvcqg: 8 },
  processed: { label: 'Đã xử lý xong', dvcqg: 9 },
  returned: { label: 'Đã trả kết quả', dvcqg: 10 },
} as const;

export type DossierState = keyof typeof DOSSIER_STATES;
export const STATE_NAMES = Object.keys(DOSSIER_STATES) as DossierState[];

/** States in which the dossier is still someone's work (the queue's partial index, migration 028). */
export const OPEN_STATES: readonly DossierState[] = ['submitted', 'received', 'in_process', 'supplement_requested', 'awaiting_payment', 'processed'];
/** Closed: nothing more happens to the dossier (but a rating of a returned one). */
export const CLOSED_STATES: readonly DossierState[] = ['rejected_at_reception', 'withdrawn', 'stopped', 'returned'];

/**
 * Every change of a dossier and the states it may start from; any other state answers 409 and changes
 * nothing. `to: null` keeps the state (an assignment, a transfer, an extension).
 */
export const TRANSITIONS = {
  // the citizen
  submit: { from: ['draft'], to: 'submitted', label: 'Nộp hồ sơ' },
  answer_supplement: { from: ['supplement_requested'], to: 'submitted', label: 'Bổ sung hồ sơ' },
  withdraw: { from: ['draft', 'submitted', 'received', 'in_process', 'supplement_requested', 'awaiting_payment'], to: 'withdrawn', label: 'Rút hồ sơ' },
  // NĐ 118 Art. 21: the citizen asks, at any time before the decision, that the processing stop; the agency then
  // issues the Thông báo dừng giải quyết hồ sơ (the officer's `stop`). The state holds until it does.
  request_stop: { from: ['received', 'in_process', 'supplement_requested', 'awaiting_payment'], to: null, label: 'Công dân đề nghị dừng giải quyết hồ sơ' },
  // the one-stop desk and the handling agency
  assign: { from: ['submitted', 'received', 'in_process', 'supplement_requested', 'awaiting_payment', 'processed'], to: null, label: 'Phân công xử lý' },
  receive: { from: ['submitted'], to: 'received', label: 'Tiếp nhận hồ sơ' },
  // A paper dossier received at the desk with the citizen present: created and received in one step (counter.ts).
  receive_at_counter: { from: ['draft'], to: 'received', label: 'Tiếp nhận hồ sơ trực tiếp tại Bộ phận Một cửa' },
  request_supplement: { from: ['submitted', 'received', 'in_process'], to: 'supplement_requested', label: 'Yêu cầu bổ sung, hoàn thiện hồ sơ' },
  reject: { from: ['submitted'], to: 'rejected_at_reception', label: 'Từ chối tiếp nhận' },
  refuse: { from: ['received', 'in_process'], to: 'processed', label: 'Từ chối giải quyết' },
  start_processing: { from: ['received'], to: 'in_process', label: 'Chuyển xử lý' },
  transfer: { from: ['submitted', 'received', 'in_process'], to: null, label: 'Chuyển đơn vị khác' },
  request_payment: { from: ['received', 'in_process'], to: 'awaiting_payment', label: 'Yêu cầu thực hiện nghĩa vụ tài chính' },
  record_payment: { from: ['awaiting_payment'], to: 'in_process', label: 'Đã thực hiện nghĩa vụ tài chính' },
  approve: { from: ['in_process'], to: 'processed', label: 'Phê duyệt kết quả' },
  return_result: { from: ['processed'], to: 'returned', label: 'Trả kết quả' },
  extend: { from: ['received', 'in_process', 'awaiting_payment'], to: null, label: 'Xin lỗi và gia hạn thời gian giải quyết' },
  stop: { from: ['received', 'in_process', 'supplement_requested', 'awaiting_payment'], to: 'stopped', label: 'Dừng giải quyết theo đề nghị của công dân' },
  // the system: a supplement request left unanswered past its time limit (close-out.ts)
  close_unanswered: { from: ['supplement_requested'], to: 'stopped', label: 'Dừng giải quyết: công dân không bổ sung hồ sơ trong thời hạn' },
} as const satisfies Record<string, { from: readonly DossierState[]; to: DossierState | null; label: string }>;

export type TransitionName = keyof typeof TRANSITIONS;

export const CHANNELS = { online: 'Trực tuyến', direct: 'Trực tiếp', dvcqg: 'Trực tuyến qua Cổng Dịch vụ công quốc gia (DVCQG)' } as const;
export type Channel = keyof typeof CHANNELS;

export const DUE_FLAGS = { late: 'Quá hạn', due_today: 'Đến hạn hôm nay', due_tomorrow: 'Đến hạn ngày mai' } as const;

/** The catalogue's agencies (catalogue/types.ts `Agency`), as the citizen and the officer read them. */
export const AGENCY_LABELS: Record<string, string> = {
  commune_people_committee: 'Ủy ban nhân dân cấp xã',
  commune_police: 'Công an cấp xã',
  province_justice: 'Sở Tư pháp',
  social_insurance: 'Bảo hiểm xã hội',
  labour_social: 'Cơ quan lao động – xã hội',
};
