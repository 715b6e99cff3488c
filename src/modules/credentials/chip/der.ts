import * as asn1js from 'asn1js';
import { ChipInputError } from './errors.js';
import type { ChipMessageCode } from './messages.js';

/** ASN.1 tag classes as asn1js numbers them. */
export const TAG_CLASS = { universal: 1, application: 2, context: 3, private: 4 } as const;

/** Decodes one BER element; bytes after it are ignored (chips may pad a file). */
export function decodeBer(bytes: Uint8Array, code: ChipMessageCode): asn1js.AsnType {
  let decoded: ReturnType<typeof asn1js.fromBER>;
  try {
    decoded = asn1js.fromBER(bytes);
  } catch (err) {
    // Deeply nested input can exhaust the stack: asn1js decodes recursively.
    throw new ChipInputError(code, {}, err instanceof Error ? err.message : String(err));
  }
  if (decoded.offset === -1) throw new ChipInputError(code, {}, decoded.result.error || 'BER decoding failed');
  return decoded.result;
}

/** Decodes bytes that must be exactly one DER/BER element with nothing after it. */
export function decodeBerExact(bytes: Uint8Array, code: ChipMessageCode): asn1js.AsnType {
  let decoded: ReturnType<typeof asn1js.fromBER>;
  try {
    decoded = asn1js.fromBER(bytes);
  } catch (err) {
    throw new ChipInputError(code, {}, err instanceof Error ? err.message : String(err));
  }
  if (decoded.offset !== bytes.byteLength) throw new ChipInputError(code, {}, decoded.result.error || 'trailing bytes after the element');
  return decoded.result;
}

export function hasTag(node: asn1js.AsnType, tagClass: number, tagNumber: number): boolean {
  return node.idBlock.tagClass === tagClass && node.idBlock.tagNumber === tagNumber;
}

/** Children of a constructed element, or [] for a primitive one. */
export function childrenOf(node: asn1js.AsnType): asn1js.AsnType[] {
  const value = (node.valueBlock as { value?: unknown }).value;
  return node.idBlock.isConstructed && Array.isArray(value) ? (value as asn1js.AsnType[]) : [];
}

/** Value bytes of a primitive element (for a constructed element, the concatenated primitives). */
export function valueBytes(node: asn1js.AsnType): Uint8Array {
  if (!node.idBlock.isConstructed) return (node.valueBlock as unknown as { valueHexView: Uint8Array }).valueHexView;
  return Buffer.concat(childrenOf(node).map(valueBytes));
}

/** A small non-negative INTEGER as a number, or null when it is not one. */
export function smallInteger(node: asn1js.AsnType | undefined): number | null {
  if (!(node instanceof asn1js.Integer)) return null;
  const bytes = node.valueBlock.valueHexView;
  if (bytes.byteLength === 0 || bytes.byteLength > 4 || (bytes[0] & 0x80) !== 0) return null;
  return bytes.reduce((n, b) => n * 256 + b, 0);
}

/** The text of any ASN.1 string type (UTF8String, PrintableString, …), or null. */
export function stringValue(node: asn1js.AsnType | undefined): string | null {
  if (!node || node.idBlock.tagClass !== TAG_CLASS.universal) return null;
  const value = (node.valueBlock as { value?: unknown }).value;
  const isStringType = [12, 18, 19, 20, 21, 22, 25, 26, 27, 28, 29, 30].includes(node.idBlock.tagNumber);
  return isStringType && typeof value === 'string' ? value : null;
}

export function toBuffer(bytes: ArrayBuffer | Uint8Array): Buffer {
  return bytes instanceof Uint8Array ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Buffer.from(bytes);
}
