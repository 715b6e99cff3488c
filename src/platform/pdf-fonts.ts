/**
 * Finds the serif TrueType fonts da06's PDFs are set in (the operations module's monthly report and
 * its chart pictures, the services module's receipts and notices). PDF's built-in Times has no Vietnamese letters,
 * so a Unicode font must be embedded: Liberation Serif (metric-compatible with Times New Roman, so
 * lines break where they would in Word), else DejaVu Serif. Looked up at render time so a server
 * without them fails with a message naming the files, not with a blank or garbled PDF.
 *
 * Having the files is not enough: Debian's `fonts-liberation` (1.07) lacks ơ, ư and the whole
 * U+1EA0–U+1EF9 block ("ả", "ệ", "ữ", ...), and pdfkit silently draws an empty box for a missing
 * glyph. So each family is also checked for the Vietnamese alphabet, and skipped if it lacks it;
 * `fonts-liberation2` (Liberation 2.x, installed under liberation2/) has it, and so has DejaVu.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as fontkit from 'fontkit';

/** The four cuts of a family a document may use; pdfkit documents register them under these names. */
export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';
export const FONT_STYLES: readonly FontStyle[] = ['regular', 'bold', 'italic', 'boldItalic'];

export type FontFiles = Record<FontStyle, string>;

export interface FontFamily {
  name: string;
  dir: string;
  files: FontFiles;
}

const liberation = (dir: string): FontFamily => ({
  name: 'Liberation Serif',
  dir,
  files: {
    regular: 'LiberationSerif-Regular.ttf',
    bold: 'LiberationSerif-Bold.ttf',
    italic: 'LiberationSerif-Italic.ttf',
    boldItalic: 'LiberationSerif-BoldItalic.ttf',
  },
});

const dejaVu = (name: string, stem: string): FontFamily => ({
  name,
  dir: '/usr/share/fonts/truetype/dejavu',
  files: { regular: `${stem}.ttf`, bold: `${stem}-Bold.ttf`, italic: `${stem}-Italic.ttf`, boldItalic: `${stem}-BoldItalic.ttf` },
});

export const DEFAULT_FAMILIES: FontFamily[] = [
  liberation('/usr/share/fonts/truetype/liberation2'),
  liberation('/usr/share/fonts/truetype/liberation'),
  // DejaVu is much wider than Times; its condensed cut (fonts-dejavu-extra) comes closest, so it is tried first.
  dejaVu('DejaVu Serif Condensed', 'DejaVuSerifCondensed'),
  dejaVu('DejaVu Serif', 'DejaVuSerif'),
];

/** Every letter of the Vietnamese alphabet outside Latin-1, lower and upper case. */
const VIETNAMESE_LOWER = 'ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ';
export const VIETNAMESE_LETTERS = VIETNAMESE_LOWER + VIETNAMESE_LOWER.toLocaleUpperCase('vi-VN');

/** Coverage results per file; opening a font costs a few milliseconds and files do not change under a running server. */
const coverageCache = new Map<string, string[]>();

/** The Vietnamese letters the font file has no glyph for (empty when it covers them all). */
export function missingVietnamese(path: string): string[] {
  const cached = coverageCache.get(path);
  if (cached) return cached;
  const opened = fontkit.openSync(path);
  // A .ttc collection has no single cmap to check; treat it as unusable rather than guess a member.
  const font = 'hasGlyphForCodePoint' in opened ? opened : null;
  const missing = [...VIETNAMESE_LETTERS].filter((ch) => !font?.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0));
  coverageCache.set(path, missing);
  return missing;
}

/** Why a family cannot be used, or null when it can. */
function rejectReason(family: FontFamily): string | null {
  const paths = FONT_STYLES.map((style) => join(family.dir, family.files[style]));
  const absent = paths.filter((path) => !existsSync(path));
  if (absent.length > 0) return `missing ${absent.join(', ')}`;
  for (const path of paths) {
    const missing = missingVietnamese(path);
    if (missing.length > 0) return `${path} lacks Vietnamese glyphs (${missing.slice(0, 8).join(' ')}${missing.length > 8 ? ' ...' : ''})`;
  }
  return null;
}

/**
 * Absolute paths of the first family whose four styles are all present and cover Vietnamese. A
 * family is used whole or not at all, so bold and italic never come from a different design.
 */
export function resolveSerifFonts(families: FontFamily[] = DEFAULT_FAMILIES): FontFiles & { family: string } {
  const reasons: string[] = [];
  for (const family of families) {
    const reason = rejectReason(family);
    if (reason === null) {
      const files = Object.fromEntries(FONT_STYLES.map((s) => [s, join(family.dir, family.files[s])])) as FontFiles;
      return { ...files, family: family.name };
    }
    reasons.push(`${family.name}: ${reason}`);
  }
  throw new Error(
    'Không tìm thấy phông chữ có đủ chữ tiếng Việt để xuất PDF. ' +
      `Cài gói fonts-liberation2 (Liberation Serif 2.x) hoặc fonts-dejavu-core và fonts-dejavu-extra (DejaVu Serif). Chi tiết: ${reasons.join('; ')}`,
  );
}

/** What registerSerifFonts needs of a pdfkit document; kept structural so the platform does not type pdfkit's class. */
export interface FontRegistry {
  registerFont(name: string, src: string): unknown;
}

/**
 * Registers the first usable family's four cuts on a pdfkit document under the FontStyle names
 * ('regular', 'bold', ...), so `doc.font('bold')` picks the bold cut. Returns the family's name.
 */
export function registerSerifFonts(doc: FontRegistry, families?: FontFamily[]): string {
  const fonts = resolveSerifFonts(families);
  for (const style of FONT_STYLES) doc.registerFont(style, fonts[style]);
  return fonts.family;
}
