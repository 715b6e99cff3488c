/**
 * Diacritic-insensitive form of a Vietnamese name for search: NFD, strip combining marks,
 * đ→d, lower case, single spaces. "Nguyễn Văn Ân" and "Nguyễn Văn Ấn" and "nguyen van an" all meet.
 * Tone-mark placement differences (Hòa/Hoà) vanish too because every mark is dropped.
 */
export function normalizeName(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐÐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Canonical stored form of a name: NFC, trimmed, single spaces. */
export function canonicalName(value: string): string {
  return value.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * What a person's name may hold, in every input that accepts one (registry, import, e-ID
 * registration, lodging guests, watchlist, card QR): letters of any script (so every Vietnamese
 * letter, composed or not), spaces, apostrophes (H'Hen Niê) and hyphens, starting with a letter. A
 * name can thus never start with = + - @ and be run as a formula when an officer opens a CSV.
 */
const PERSON_NAME = /^\p{L}[\p{L}\p{M} '’-]*$/u;

export function isPersonName(value: string): boolean {
  return PERSON_NAME.test(canonicalName(value));
}
