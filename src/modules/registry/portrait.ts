import jpeg from 'jpeg-js';

/** Grey pixels as a baseline JPEG (jpeg-js: same pixels, same bytes). */
function encodeGreyJpeg(pixels: Uint8Array, width: number, height: number, quality: number): Buffer {
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = pixels[i];
    rgba[i * 4 + 3] = 255;
  }
  return Buffer.from(jpeg.encode({ data: rgba, width, height }, quality).data);
}

/**
 * Synthetic portraits of the demo residents: a stylised geometric silhouette (no real face), hatched
 * background and a band marked "ẢNH MẪU", so nobody mistakes it for a photograph. Derived from the
 * person's personal ID, sex and year of birth only, so the same seed gives the same bytes
 * (portrait.test.ts); made on demand when read, never stored (the `portraits` row says `synthetic`).
 */

export const PORTRAIT_WIDTH = 120;
export const PORTRAIT_HEIGHT = 160;

/** 5×11 glyphs: four rows for the marks above, seven for the capital letter. */
const GLYPHS: Record<string, string[]> = {
  A: ['.###.', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  N: ['#...#', '##..#', '#.#.#', '#..##', '#...#', '#...#', '#...#'],
  H: ['#...#', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  M: ['#...#', '##.##', '#.#.#', '#.#.#', '#...#', '#...#', '#...#'],
  U: ['#...#', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
  ' ': ['.....', '.....', '.....', '.....', '.....', '.....', '.....'],
};
const MARKS: Record<string, { base: string; rows: string[] }> = {
  'Ả': { base: 'A', rows: ['.....', '.##..', '...#.', '..#..'] },
  'Ẫ': { base: 'A', rows: ['.#..#', '#.##.', '..#..', '.#.#.'] },
};

function glyph(ch: string): string[] {
  const marked = MARKS[ch];
  if (marked) return [...marked.rows, ...GLYPHS[marked.base]];
  return ['.....', '.....', '.....', '.....', ...(GLYPHS[ch] ?? GLYPHS[' '])];
}

/** FNV-1a of the text: the portrait's features. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

class Canvas {
  readonly pixels: Uint8Array;
  constructor(readonly width: number, readonly height: number, fill: number) {
    this.pixels = new Uint8Array(width * height).fill(fill);
  }

  set(x: number, y: number, v: number) {
    if (x >= 0 && y >= 0 && x < this.width && y < this.height) this.pixels[y * this.width + x] = v;
  }

  ellipse(cx: number, cy: number, rx: number, ry: number, v: number, keep: (x: number, y: number) => boolean = () => true) {
    for (let y = Math.floor(cy - ry); y <= Math.ceil(cy + ry); y++) {
      for (let x = Math.floor(cx - rx); x <= Math.ceil(cx + rx); x++) {
        const dx = (x - cx) / rx;
        const dy = (y - cy) / ry;
        if (dx * dx + dy * dy <= 1 && keep(x, y)) this.set(x, y, v);
      }
    }
  }

  rect(x0: number, y0: number, w: number, h: number, v: number) {
    for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) this.set(x, y, v);
  }

  text(s: string, x0: number, y0: number, scale: number, v: number) {
    [...s].forEach((ch, i) => {
      glyph(ch).forEach((row, gy) => {
        [...row].forEach((cell, gx) => {
          if (cell === '#') this.rect(x0 + (i * 6 + gx) * scale, y0 + gy * scale, scale, scale, v);
        });
      });
    });
  }
}

export interface PortraitSubject {
  personalId: string;
  sex: string;
  dateOfBirth: string;
}

/** The synthetic portrait of a person as a greyscale JPEG (about 3 KB). */
export function syntheticPortrait(p: PortraitSubject): Buffer {
  const h = hash(`${p.personalId}|${p.sex}|${p.dateOfBirth.slice(0, 4)}`);
  const bit = (shift: number, n: number) => (h >>> shift) % n;
  const W = PORTRAIT_WIDTH;
  const H = PORTRAIT_HEIGHT;
  const c = new Canvas(W, H, 214 + bit(0, 24));
  // Diagonal hatching: a drawing, not a photograph.
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if ((x + y) % 16 === 0) c.set(x, y, 196);
  const female = p.sex === 'Nữ';
  // By year of birth, not age: the bytes must not change with the day they are made.
  const born = Number(p.dateOfBirth.slice(0, 4));
  const hair = born < 1965 ? 170 : born < 1980 ? 110 : 40 + bit(3, 30);
  const skin = 150 + bit(6, 40);
  const cx = W / 2 + bit(9, 7) - 3;
  const headRx = 24 + bit(12, 6);
  const headRy = 30 + bit(15, 6);
  const headCy = 64;
  // Shoulders and clothes, then neck, hair behind the head, head, hair on top.
  c.ellipse(cx, H + 8, 52 + bit(18, 8), 48, 70 + bit(21, 60));
  c.rect(Math.round(cx - 9), headCy + headRy - 6, 18, 22, skin - 12);
  if (female) c.ellipse(cx, headCy + 14, headRx + 8, headRy + 18, hair, (_x, y) => y < headCy + 44 + bit(24, 14));
  c.ellipse(cx, headCy, headRx, headRy, skin);
  c.ellipse(cx, headCy - headRy / 2, headRx + 2, headRy / 1.6, hair, (_x, y) => y < headCy - headRy / 3 + bit(27, 5));
  // Geometric features: square eyes, a bar for the mouth.
  const eyeY = headCy - 2 + bit(29, 4);
  const eyeDx = 9 + bit(1, 3);
  c.rect(Math.round(cx - eyeDx - 3), eyeY, 6, 4, 35);
  c.rect(Math.round(cx + eyeDx - 3), eyeY, 6, 4, 35);
  c.rect(Math.round(cx - 2), eyeY + 8, 4, 8, skin - 25);
  c.rect(Math.round(cx - 8 - bit(4, 4)), eyeY + 20, 16 + bit(4, 4) * 2, 3, 90);
  // The mark: "ẢNH MẪU" on a dark band, and a frame.
  c.rect(0, H - 28, W, 28, 25);
  c.text('ẢNH MẪU', Math.round((W - (7 * 6 - 1) * 2) / 2), H - 26, 2, 250);
  for (let x = 0; x < W; x++) {
    c.set(x, 0, 25);
    c.set(x, 1, 25);
  }
  for (let y = 0; y < H; y++) {
    c.set(0, y, 25);
    c.set(1, y, 25);
    c.set(W - 1, y, 25);
    c.set(W - 2, y, 25);
  }
  return encodeGreyJpeg(c.pixels, W, H, 70);
}

/** What a stored image is, from its first bytes; null for anything else. */
export function imageMediaType(bytes: Uint8Array): 'image/jpeg' | 'image/png' | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length > 8 && Buffer.from(bytes.subarray(0, 8)).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  return null;
}
