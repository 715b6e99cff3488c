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
