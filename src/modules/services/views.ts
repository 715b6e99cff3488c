import { shownAs } from '../../platform/audit.js';
import { maskPersonalId } from '../registry/index.js';
import type { Procedure } from './catalogue/index.js';
import type { DocumentRow, DossierRow, EventRow } from './store.js';
import { AGENCY_LABELS, DOSSIER_STATES, TRANSITIONS, type TransitionName } from './states.js';

export { AGENCY_LABELS };

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());
const isoNow = (d: Date | string): string => new Date(d).toISOString();


/** The applicant's address as the form holds it (the registry's permanent address, or the one typed), for the papers. */
export function applicantAddress(d: DossierRow): string | null {
  const form = d.form_data as { applicant?: { permanentAddress?: unknown; address?: unknown } };
  const address = form.applicant?.permanentAddress ?? form.applicant?.address;
  return typeof address === 'string' ? address : null;
}

/** The part of a dossier every view shows. */
export function dossierCore(d: DossierRow) {
  return {
    id: Number(d.id), code: d.code,
    procedure: { slug: d.procedure_slug, code: d.procedure_code, name: d.procedure_name, version: String(d.procedure_version).slice(0, 10) },
    state: d.state, stateLabel: DOSSIER_STATES[d.state].label, dvcqgStatus: DOSSIER_STATES[d.state].dvcqg, decision: d.decision,
    channel: d.channel, unitCode: d.unit_code, agency: d.agency,
    submittedAt: iso(d.submitted_at), receivedAt: iso(d.received_at), acceptedAt: iso(d.accepted_at), acceptanceDueAt: iso(d.acceptance_due_at),
    dueAt: iso(d.due_at), extended: d.extended, documentsNotRequired: Number(d.documents_not_required),
    groupId: d.group_id === null ? null : Number(d.group_id), groupStep: d.group_step === null ? null : Number(d.group_step),
    createdAt: isoNow(d.created_at), updatedAt: isoNow(d.updated_at),
    applicantName: d.applicant_name,
  };
}

/** A list item, marked with the applicant it shows (the list's read audit names them with `subjectShown`). */
export function dossierSummary(d: DossierRow) {
  return shownAs(dossierCore(d), { kind: 'person', id: d.applicant_personal_id });
}

export function queueItem(d: DossierRow, dueFlag: 'late' | 'due_today' | 'due_tomorrow' | null) {
  return shownAs({
    ...dossierCore(d),
    applicantPersonalIdMasked: maskPersonalId(d.applicant_personal_id),
    dueFlag, deadlineAt: iso(d.deadline_at), assignedOfficerId: d.assigned_officer_id === null ? null : Number(d.assigned_officer_id),
  }, { kind: 'person', id: d.applicant_personal_id });
}

export function documentView(r: DocumentRow) {
  return {
    id: Number(r.id), kind: r.kind, fileName: r.file_name, mediaType: r.media_type, sizeBytes: Number(r.size_bytes), sha256: r.sha256,
    uploadedBy: r.uploaded_by, uploadedAt: isoNow(r.created_at),
  };
}

const ACTION_LABELS: Record<string, string> = {
  started: 'Tạo hồ sơ',
  // [groups hook] events of a linked group's step (groups/service.ts)
  linked: 'Liên thông: nhận hồ sơ từ bước trước',
  handed_to_agency: 'Chuyển hệ thống của cơ quan giải quyết',
  result: 'Kết quả giải quyết',
  result_missing: 'Chưa lập được kết quả',
  group_stopped: 'Dừng liên thông',
  group_due: 'Hạn giải quyết của cả nhóm liên thông',
  invited: 'Mời xác nhận hồ sơ',
  confirmed: 'Người được mời đã xác nhận',
  declined: 'Người được mời đã từ chối',
  ...Object.fromEntries(Object.entries(TRANSITIONS).map(([k, t]) => [k, t.label])),
};

export function timelineEntry(e: EventRow) {
  return {
    at: isoNow(e.at), action: e.action, label: ACTION_LABELS[e.action] ?? e.action, fromState: e.from_state, toState: e.to_state,
    actorKind: e.actor_kind, actorName: e.actor_kind === 'officer' ? e.actor_name : null, comment: e.comment, data: e.data,
  };
}

export function procedureSummary(p: Procedure) {
  return {
    slug: p.slug, code: p.code, name: p.name, sector: p.sector, level: p.level, agency: p.agency, agencyLabel: AGENCY_LABELS[p.agency] ?? p.agency,
    fullyOnline: p.fullyOnline, essential: p.essential ?? false, timeLimit: { ...p.timeLimit },
    documentsNotRequired: p.documents.filter((d) => d.providedByPlatform).length,
  };
}

export type TransitionNameList = TransitionName[];
