/**
 * PAdES signatures (ETSI.CAdES.detached) on PDFs drawn with pdfkit: the signature field is added to the
 * pdfkit document before it ends (`addSignaturePlaceholder`), then @signpdf/signpdf fills the byte range
 * and the CMS (cades.ts) with the unit's key. @signpdf's own pdfkit placeholder packages
 * declare pdfkit 0.10/0.11 as peers and refuse the pdfkit 0.20 this project draws with; the few objects
 * below are the PDF 2.0 signature field (ISO 32000-2 §12.8) written through pdfkit's own object API.
 */
import type PDFDocument from 'pdfkit';
import { SignPdf } from '@signpdf/signpdf';
import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';
import { CadesSigner } from './cades.js';

type Doc = InstanceType<typeof PDFDocument>;
interface PdfRef { end(): void }
interface DocInternals {
  ref(data: Record<string, unknown>): PdfRef;
  initForm(): void;
  page: { dictionary: unknown; annotations: unknown[] };
  _root: { data: { AcroForm?: { data: Record<string, unknown> & { Fields: unknown[] } } } };
}

/** Bytes kept for the CMS (hex doubles them): an RSA-2048 signature with its certificate needs about 2 kB. */
const SIGNATURE_BYTES = 8192;

export interface SignatureInfo {
  /** Why it is signed, e.g. 'Kết quả giải quyết hồ sơ 000.00.00.H01-261207-0001'. */
  reason: string;
  /** Who signs: the unit. */
  name: string;
  location?: string;
  signedAt: Date;
}

/** Adds an invisible signature field to the document's current page; call before `doc.end()`. */
export function addSignaturePlaceholder(doc: Doc, info: SignatureInfo): void {
  const pdf = doc as unknown as DocInternals;
  // pdfkit writes a JS string as a PDF name and a String object as a PDF string; the byte range must stay a
  // run of names of fixed width for @signpdf to find and overwrite it.
  const signature = pdf.ref({
    Type: 'Sig', Filter: 'Adobe.PPKLite', SubFilter: SUBFILTER_ETSI_CADES_DETACHED,
    ByteRange: [0, DEFAULT_BYTE_RANGE_PLACEHOLDER, DEFAULT_BYTE_RANGE_PLACEHOLDER, DEFAULT_BYTE_RANGE_PLACEHOLDER],
    Contents: Buffer.alloc(SIGNATURE_BYTES),
    Reason: new String(info.reason), Name: new String(info.name), M: info.signedAt,
    ...(info.location ? { Location: new String(info.location) } : {}),
  });
  const widget = pdf.ref({
    Type: 'Annot', Subtype: 'Widget', FT: 'Sig', Rect: [0, 0, 0, 0], V: signature, T: new String('ChuKySo1'), F: 4, P: pdf.page.dictionary,
  });
  pdf.page.annotations.push(widget);
  // pdfkit's own interactive form (it ends the form dictionary at doc.end()); SigFlags 3: signed, append only.
  if (!pdf._root.data.AcroForm) pdf.initForm();
  const form = pdf._root.data.AcroForm!;
  form.data.SigFlags = 3;
  form.data.Fields.push(widget);
  signature.end();
  widget.end();
}

const signPdf = new SignPdf();

/** Fills the placeholder with a CMS signature by the identity's key (SHA-256, the certificate embedded). */
export function signWithIdentity(pdf: Buffer, signer: CadesSigner): Promise<Buffer> {
  return signPdf.sign(pdf, signer);
}
