import type { CitizenCaller } from '../../platform/access.js';
import type { RequiredDocument } from './catalogue/types.js';
import { DomainError } from './errors.js';
import type { HeldDocument, ResultSigning } from './signed-results.js';
import type { DocumentRow, ServicesStore } from './store.js';

/**
 * One-tap reuse of the citizen's document store (kho dữ liệu điện tử, DOMAIN-SERVICES.md §1.8; issue 16: "never
 * asked twice"). A paper a dossier asks the citizen to upload may be attached from their store instead:
 *  - a paper of the same kind they uploaded for an earlier dossier of theirs (`dossier_document:<id>`), or
 *  - a result da06 issued to them (`signed_document:<uuid>`) of a kind that proves the paper (RESULTS_FOR_PAPER),
 *    not revoked.
 * The server checks the reference again at attachment (theirs, not revoked, of the paper's kind) and then the
 * paper's own upload rules on the bytes (type by content, size), exactly as for a new upload.
 */

/** The results da06 issues that stand for a paper a procedure asks for, by the paper's id in data/procedures. */
export const RESULTS_FOR_PAPER: Readonly<Record<string, readonly string[]>> = {
  // A Trích lục khai sinh names the parents: it proves the family relation with the head of household (thường trú)
  // and with the deceased (mai táng phí).
  'giay-to-quan-he-nhan-than': ['birth'],
  'giay-to-than-nhan': ['birth'],
};

export interface StoredCandidate {
  /** The paper of the dossier it may stand for. */
  paper: string;
  ref: string;
  source: 'upload' | 'result';
  title: string;
  fileName: string;
  /** When it was uploaded or issued (ISO 8601). */
  at: string;
  /** The earlier dossier's code (an upload) or the issuing authority (a result). */
  origin: string | null;
}

const fileNameOf = (title: string) => `${title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase()}.pdf`;

/** What the store offers for each paper still to upload: earlier uploads of the same kind, then valid results that prove it. */
export function storedCandidates(
  papers: readonly RequiredDocument[], uploads: readonly (DocumentRow & { dossier_code: string | null })[], held: readonly HeldDocument[],
): StoredCandidate[] {
  const out: StoredCandidate[] = [];
  for (const paper of papers) {
    for (const u of uploads) {
      if (u.kind !== paper.id) continue;
      out.push({ paper: paper.id, ref: `dossier_document:${u.id}`, source: 'upload', title: paper.name, fileName: u.file_name, at: new Date(u.created_at).toISOString(), origin: u.dossier_code });
    }
    const kinds = RESULTS_FOR_PAPER[paper.id] ?? [];
    for (const h of held) {
      if (h.revoked || !kinds.includes(h.kind)) continue;
      out.push({ paper: paper.id, ref: `signed_document:${h.id}`, source: 'result', title: h.title, fileName: fileNameOf(h.title), at: h.issuedAt.toISOString(), origin: h.issuerName });
    }
  }
  return out;
}

const UPLOAD_REF = /^dossier_document:(\d{1,15})$/;
const RESULT_REF = /^signed_document:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/**
 * The bytes a reference names, once checked: the citizen's own upload of the same kind, or a result issued to them,
 * not revoked, of a kind that proves the paper. Anything else reads as absent (another's document is not confirmed).
 */
export async function storedSource(
  caller: CitizenCaller, paper: string, ref: string, deps: { uploads: Pick<ServicesStore, 'uploadOfAccount'>; documents?: ResultSigning },
): Promise<{ fileName: string; content: Buffer }> {
  const upload = UPLOAD_REF.exec(ref);
  if (upload) {
    const u = await deps.uploads.uploadOfAccount(caller.accountId, Number(upload[1]));
    if (!u) throw new DomainError('STORED_DOCUMENT_NOT_FOUND');
    if (u.kind !== paper) throw new DomainError('STORED_DOCUMENT_WRONG_KIND');
    return { fileName: u.file_name, content: Buffer.from(u.content) };
  }
  const result = RESULT_REF.exec(ref);
  if (result && deps.documents?.heldBy && deps.documents.pdf) {
    const h = (await deps.documents.heldBy(caller.personalId)).find((x) => x.id === result[1]);
    if (!h) throw new DomainError('STORED_DOCUMENT_NOT_FOUND');
    if (h.revoked) throw new DomainError('STORED_DOCUMENT_REVOKED');
    if (!(RESULTS_FOR_PAPER[paper] ?? []).includes(h.kind)) throw new DomainError('STORED_DOCUMENT_WRONG_KIND');
    const pdf = await deps.documents.pdf(h.id);
    if (!pdf) throw new DomainError('STORED_DOCUMENT_NOT_FOUND');
    return { fileName: fileNameOf(h.title), content: pdf };
  }
  throw new DomainError('STORED_DOCUMENT_NOT_FOUND');
}
