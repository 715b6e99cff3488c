import { createHash } from 'node:crypto';
import type { RequiredDocument, UploadKind } from './catalogue/index.js';
import { DomainError, fieldError } from './errors.js';

/** The media types a dossier accepts, by what the content starts with (never by the file's name). */
const MEDIA_TYPES = { pdf: 'application/pdf', jpeg: 'image/jpeg', png: 'image/png' } as const satisfies Record<UploadKind, string>;
export type DocumentMediaType = (typeof MEDIA_TYPES)[UploadKind];
const KIND_LABELS: Record<UploadKind, string> = { pdf: 'PDF', jpeg: 'JPEG', png: 'PNG' };
const EXTENSIONS: Record<string, UploadKind> = { pdf: 'pdf', jpg: 'jpeg', jpeg: 'jpeg', png: 'png' };

/** The platform's ceiling whatever a procedure says: the upload route's body limit holds its base64 text. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;

/** What the content is, by its magic bytes: `%PDF-`, JPEG SOI + marker, the PNG signature. */
export function sniffUploadKind(content: Buffer): UploadKind | undefined {
  if (content.length >= 5 && content.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'jpeg';
  if (content.length >= 8 && content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  return undefined;
}

export interface CheckedUpload {
  content: Buffer;
  mediaType: DocumentMediaType;
  sha256: string;
  fileName: string;
}

const refuse = (field: string, ...args: Parameters<typeof fieldError> extends [string, ...infer R] ? R : never): never => {
  throw new DomainError('DOCUMENT_REFUSED', {}, [fieldError(field, ...args)]);
};

/**
 * An uploaded paper as the procedure's document list allows it: base64 that decodes, not empty, within the
 * size limits, of a type the document accepts, and whose name does not claim another type than its content
 * (a PNG renamed .pdf is refused: routes.test.ts "refuses a PNG renamed .pdf").
 */
export function checkUpload(doc: RequiredDocument, input: { fileName: string; content: string }): CheckedUpload {
  if (doc.providedByPlatform || !doc.upload) return refuse('kind', 'DOCUMENT_NOT_UPLOADED');
  const content = /^[A-Za-z0-9+/]*={0,2}$/.test(input.content) ? Buffer.from(input.content, 'base64') : Buffer.alloc(0);
  if (!content.length) return refuse('content', 'DOCUMENT_EMPTY');
  const max = Math.min(doc.upload.maxBytes, MAX_DOCUMENT_BYTES);
  if (content.length > max) return refuse('content', 'DOCUMENT_TOO_LARGE', { mb: Math.round((max / 1024 / 1024) * 10) / 10 });
  const actual = sniffUploadKind(content);
  if (!actual) return refuse('content', 'DOCUMENT_TYPE');
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(input.fileName)?.[1]?.toLowerCase();
  const declared = extension === undefined ? undefined : EXTENSIONS[extension];
  if (extension !== undefined && declared !== actual) {
    return refuse('fileName', 'DOCUMENT_TYPE_MISMATCH', { actual: KIND_LABELS[actual], declared: `.${extension}` });
  }
  if (!doc.upload.kinds.includes(actual)) return refuse('content', 'DOCUMENT_TYPE_NOT_ALLOWED', { allowed: doc.upload.kinds.map((k) => KIND_LABELS[k]).join(', ') });
  return { content, mediaType: MEDIA_TYPES[actual], sha256: createHash('sha256').update(content).digest('hex'), fileName: input.fileName.normalize('NFC') };
}
