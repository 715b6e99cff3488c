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

/**
 * The largest image accepted, read from its header before anything decodes it (pdfkit decodes a scan to draw it:
 * a small file may inflate to gigabytes of pixels, a decompression bomb). An A4 page at 600 dpi is 4961×7016 px (34.8 MP).
 */
export const MAX_IMAGE_SIDE = 8000;
export const MAX_IMAGE_MEGAPIXELS = 40;

/**
 * The pixel size an image declares: PNG's IHDR (the first chunk, right after the signature), JPEG's SOF marker
 * (the first start-of-frame segment before the scan data). Undefined when the header cannot be read.
 */
export function imageSize(content: Buffer, kind: 'png' | 'jpeg'): { width: number; height: number } | undefined {
  if (kind === 'png') {
    if (content.length < 24 || content.subarray(12, 16).toString('latin1') !== 'IHDR') return undefined;
    return { width: content.readUInt32BE(16), height: content.readUInt32BE(20) };
  }
  let i = 2;
  while (i + 4 <= content.length) {
    if (content[i] !== 0xff) return undefined;
    const marker = content[i + 1]!;
    // Fill bytes, and markers without a length (TEM, RSTn).
    if (marker === 0xff) { i += 1; continue; }
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
    // Start of scan or end of image before any frame header: no size.
    if (marker === 0xda || marker === 0xd9) return undefined;
    const length = content.readUInt16BE(i + 2);
    if (length < 2) return undefined;
    // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (i + 9 > content.length) return undefined;
      return { height: content.readUInt16BE(i + 5), width: content.readUInt16BE(i + 7) };
    }
    i += 2 + length;
  }
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
  if (actual !== 'pdf') {
    // The declared size, before anything decodes the pixels (a decompression bomb is refused here, not in pdfkit).
    const size = imageSize(content, actual);
    if (!size || size.width < 1 || size.height < 1) return refuse('content', 'DOCUMENT_IMAGE_UNREADABLE');
    if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE || size.width * size.height > MAX_IMAGE_MEGAPIXELS * 1_000_000) {
      return refuse('content', 'DOCUMENT_IMAGE_TOO_LARGE', { width: size.width, height: size.height, side: MAX_IMAGE_SIDE, mp: MAX_IMAGE_MEGAPIXELS });
    }
  }
  return { content, mediaType: MEDIA_TYPES[actual], sha256: createHash('sha256').update(content).digest('hex'), fileName: input.fileName.normalize('NFC') };
}
