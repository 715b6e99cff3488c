/** Diacritic-insensitive form for matching Vietnamese text: "Đồng Tháp" → "dong thap". */
export function foldVietnamese(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐÐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
