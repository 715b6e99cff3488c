import { formatDate } from './format.js';
import { identityFieldLabels, messages } from './messages.js';
import type { IdentityField } from './api/shapes.js';
import { CHIP_FACE_FIELD, CHIP_FACE_LABEL } from '../../src/modules/credentials/browser.js';

/** The fields each kind of counter's purpose needs: the identity-QR presets (one list with the relying parties' defaults). */
export { PURPOSE_FIELDS } from '../../src/modules/credentials/browser.js';

/** What a verification can show, in the server's order (IDENTITY_FIELDS in src/modules/credentials/fields.ts). */
export const IDENTITY_FIELDS = Object.keys(identityFieldLabels) as IdentityField[];

export function fieldLabel(field: string): string {
  if (field === CHIP_FACE_FIELD) return CHIP_FACE_LABEL;
  return (identityFieldLabels as Record<string, string>)[field] ?? field;
}

/** A verified value as the counter reads it: dates dd/MM/yyyy, "Đủ 18 tuổi" as Có/Không. */
export function formatFieldValue(field: string, value: string | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return messages.none;
  if (field === 'age_over_18') return value ? messages.ageOver18Yes : messages.ageOver18No;
  if (field === 'date_of_birth') return formatDate(String(value));
  return String(value);
}
