import { ChipInputError } from './errors.js';

/**
 * Size limits on what a client may send, in decoded bytes. Real Vietnamese cards: EF.SOD is
 * 1.5–3 KiB, DG1 ~ 100 B, DG13 ~ 0.5–1 KiB, DG2 (one JPEG/JPEG 2000 face) 10–40 KiB, DG15 < 1 KiB,
 * an AA challenge 8 B. The limits leave room for unusual issuers without letting a caller make
 * the server hash or parse megabytes.
 */
export const CHIP_INPUT_LIMITS = {
  sod: 64 * 1024,
  dg1: 1024,
  dg2: 256 * 1024,
  dg13: 16 * 1024,
  dg15: 4 * 1024,
  aaSignature: 1024,
  aaChallenge: 64,
  /** Below the sum of the per-field limits on purpose: a large DG2 leaves less room for the rest. */
  total: 300 * 1024,
} as const;

export type ChipField = Exclude<keyof typeof CHIP_INPUT_LIMITS, 'total'>;

/** Base64 with padding, standard alphabet, no whitespace (RFC 4648 §4). */
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Bytes of one input field, or undefined when absent (undefined, null or ""). Throws
 * ChipInputError INPUT_WRONG_TYPE, INPUT_NOT_BASE64 or INPUT_TOO_LARGE.
 */
export function decodeField(field: ChipField, value: unknown): Buffer | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const max = CHIP_INPUT_LIMITS[field];
  if (value instanceof Uint8Array) {
    if (value.byteLength > max) throw new ChipInputError('INPUT_TOO_LARGE', { field, max });
    return value.byteLength === 0 ? undefined : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  if (typeof value !== 'string') throw new ChipInputError('INPUT_WRONG_TYPE', { field });
  // Check the length before looking at the content so an oversized string costs nothing.
  if (value.length > Math.ceil(max / 3) * 4) throw new ChipInputError('INPUT_TOO_LARGE', { field, max });
  if (!STRICT_BASE64.test(value)) throw new ChipInputError('INPUT_NOT_BASE64', { field });
  const bytes = Buffer.from(value, 'base64');
  // Node ignores non-zero bits in the last symbol; strict means the text round-trips.
  if (bytes.toString('base64') !== value) throw new ChipInputError('INPUT_NOT_BASE64', { field });
  if (bytes.byteLength > max) throw new ChipInputError('INPUT_TOO_LARGE', { field, max });
  return bytes;
}
