/**
 * Page geometry and type sizes shared by the Word and PDF renderers, so both files follow the same
 * reading of Nghị định 30/2020/NĐ-CP, Phụ lục I (A4, margins, Times New Roman 13–14 pt, ...).
 * Lengths are kept in millimetres and points here; each renderer converts to its own unit.
 */

/** A4 in millimetres and in PDF points (1 pt = 1/72 inch). */
export const A4_MM = { width: 210, height: 297 } as const;
export const A4_PT = { width: 595.28, height: 841.89 } as const;

/** Margins inside the ranges of Phụ lục I: top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm. */
export const MARGIN_MM = { top: 20, bottom: 20, left: 30, right: 15 } as const;

/** Width of the text block: the header table, the model table and the charts all span it. */
export const TEXT_WIDTH_MM = A4_MM.width - MARGIN_MM.left - MARGIN_MM.right;

/** First-line indent of body paragraphs (Phụ lục I allows 1–1.27 cm). */
export const FIRST_LINE_INDENT_MM = 12.7;

/** Type sizes in points. Word stores half-points, hence whole or half values only. */
export const SIZE = {
  /** Body text, headings of sections, document kind and title. */
  body: 14,
  /** Issuer lines, the national name, number and place-and-date lines. */
  header: 13,
  /** The national name is long; 12 pt keeps it on one line in the right column as most offices do. */
  nationalName: 12,
  /** Model table and chart captions: 12 pt lets six columns fit a portrait page. */
  table: 12,
  /** "Nơi nhận:" heading and the recipient lines (Phụ lục I: 12 pt and 11 pt). */
  recipientsHeading: 12,
  recipients: 11,
  /** Footnote on how figures were produced. */
  note: 11,
} as const;

/** Share of the text width taken by the left column of the header and closing tables. */
export const HEADER_LEFT_SHARE = 0.38;
export const CLOSING_LEFT_SHARE = 0.45;

/** Column widths of the model table in millimetres; they add up to TEXT_WIDTH_MM (165 mm). */
export const MODEL_COLUMNS_MM = [11, 41, 25, 25, 38, 25] as const;

/** Colour used for overdue models, as a hex RGB without '#'. */
export const OVERDUE_COLOR = 'C00000';
/** Colour of chart bars. */
export const BAR_COLOR = '1F4E79';

export const mmToPt = (mm: number): number => (mm * 72) / 25.4;
/** Word measures most lengths in twentieths of a point. */
export const mmToTwip = (mm: number): number => Math.round((mm * 1440) / 25.4);
/** Word image sizes are given in pixels at 96 per inch. */
export const mmToPx96 = (mm: number): number => Math.round((mm * 96) / 25.4);

/**
 * Rough width of a line of Times New Roman text, used only where Word has to draw a rule as long as
 * a line of text (the motto, the issuer name) and cannot measure it for us. Upper-case letters are
 * wider than lower-case ones, so they get a larger average advance.
 */
export function estimateTextWidthMm(text: string, sizePt: number, bold: boolean): number {
  let em = 0;
  for (const ch of text) {
    if (ch === ' ') em += 0.25;
    else if (ch !== ch.toLowerCase()) em += bold ? 0.72 : 0.68;
    else em += bold ? 0.5 : 0.46;
  }
  return (em * sizePt * 25.4) / 72;
}
