/**
 * Mã số hồ sơ (NĐ 118/2025 Art. 28): the receiving agency's code, the day of receipt and the
 * dossier's number in that day, written `<agency>-<yyMMdd>-<seq>` as seen on DVCQG [P]
 * (e.g. 000.00.12.H62-201105-0004). The sequence is at least 4 digits; other systems use 6, so
 * the parser accepts any width ≥ 4 and keeps it as text (§1.6: never read more into it).
 */
import { parseIsoDate, vietnamDay } from './civil-time.js';
import type { IsoDate } from './types.js';

/** Agency codes of the 000.00.00.H41 / G22.99.08 kind: letters, digits and dots, no dash. */
const AGENCY_CODE = /^[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*$/;
const DOSSIER_CODE = /^([A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)-(\d{2})(\d{2})(\d{2})-(\d{4,})$/;

export function dossierCode(agencyCode: string, receivedAt: Date, seq: number): string {
  if (!AGENCY_CODE.test(agencyCode)) throw new RangeError(`agency code must be letters, digits and dots: ${JSON.stringify(agencyCode)}`);
  if (!Number.isSafeInteger(seq) || seq < 1) throw new RangeError(`dossier sequence must be a whole number ≥ 1, got ${seq}`);
  if (Number.isNaN(receivedAt.getTime())) throw new RangeError('invalid receipt time');
  const day = vietnamDay(receivedAt);
  if (!day.startsWith('20')) throw new RangeError(`dossier codes carry a two-digit year of the 2000s, got ${day}`);
  return `${agencyCode}-${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${String(seq).padStart(4, '0')}`;
}

export interface DossierCodeParts {
  agencyCode: string;
  /** Day of receipt (the two-digit year read as 20yy). */
  date: IsoDate;
  /** As written, leading zeros kept. */
  seq: string;
}

/** The three parts of a well-formed code, or undefined (bad shape, impossible date, sequence 0). */
export function parseDossierCode(code: string): DossierCodeParts | undefined {
  const m = DOSSIER_CODE.exec(code);
  if (!m) return undefined;
  const date = `20${m[2]}-${m[3]}-${m[4]}`;
  if (parseIsoDate(date) === undefined || /^0+$/.test(m[5]!)) return undefined;
  return { agencyCode: m[1]!, date, seq: m[5]! };
}
