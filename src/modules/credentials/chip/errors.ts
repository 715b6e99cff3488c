import { chipMessage, type ChipMessageCode } from './messages.js';

/**
 * The only error this library throws on bad input. `message` is Vietnamese (from CHIP_MESSAGES);
 * `detail` is an English technical hint for logs and must not be shown to citizens.
 *
 * Who throws it:
 * - `passiveAuthenticate` only for an envelope it cannot even decode (wrong type, not strict
 *   base64, over a size limit, SOD or DG1 missing, unusable trust list). Anything that decodes
 *   to bytes yields a report with failed checks instead.
 * - the parsers (`parseSod`, `parseDg1`, `parseDg13`, `parseDg15`) and the trust-store helpers
 *   (`parseCscaCertificate`, `prepareTrustList`) for bytes they cannot parse.
 */
export class ChipInputError extends Error {
  override readonly name = 'ChipInputError';
  constructor(
    readonly code: ChipMessageCode,
    readonly params: Record<string, unknown> = {},
    readonly detail?: string,
  ) {
    super(chipMessage(code, params));
  }
}

/** Runs a parsing step and turns whatever a library throws into one ChipInputError code. */
export function parseOrThrow<T>(code: ChipMessageCode, parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof ChipInputError) throw err;
    // Includes RangeError from deeply nested input: asn1js decodes recursively.
    throw new ChipInputError(code, {}, err instanceof Error ? err.message : String(err));
  }
}
