/**
 * A small baseline JPEG encoder (ITU-T T.81, one grey component, 8-bit), written for images da06 makes
 * itself (synthetic portraits, the demo chip's DG2): no dependency, same pixels → same bytes.
 *
 * The Huffman tables are not the standard ones of Annex K: every symbol that can occur gets a code of
 * one fixed length (DC: 12 symbols, 4 bits; AC: 162 symbols, 8 bits), which T.81 allows (any table
 * defined in DHT) and which keeps the encoder short. Flat images stay a few kilobytes.
 */

const ZIGZAG = [
  0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
  35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
];

/** The luminance quantisation table of T.81 Annex K.1 (natural order), scaled by `quality` as libjpeg does. */
const K1 = [
  16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55, 14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
  18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92, 49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99,
];

function quantTable(quality: number): number[] {
  const q = Math.min(100, Math.max(1, Math.round(quality)));
  const scale = q < 50 ? 5000 / q : 200 - q * 2;
  return K1.map((v) => Math.min(255, Math.max(1, Math.floor((v * scale + 50) / 100))));
}

/** DC symbols (sizes 0–11) and AC symbols (EOB, ZRL and run/size for run 0–15, size 1–10). */
const DC_SYMBOLS = Array.from({ length: 12 }, (_, i) => i);
const AC_SYMBOLS = [0x00, 0xf0, ...Array.from({ length: 16 }, (_, run) => Array.from({ length: 10 }, (_, s) => (run << 4) | (s + 1))).flat()];

/** Canonical codes (T.81 Annex C) for symbols that all have the same length. */
function fixedLengthTable(symbols: number[], length: number) {
  const bits = new Array(16).fill(0);
  bits[length - 1] = symbols.length;
  const codes = new Map<number, number>();
  symbols.forEach((s, i) => codes.set(s, i));
  return { bits, symbols, codes, length };
}
const DC_TABLE = fixedLengthTable(DC_SYMBOLS, 4);
const AC_TABLE = fixedLengthTable(AC_SYMBOLS, 8);

class BitWriter {
  private bytes: number[] = [];
  private acc = 0;
  private n = 0;

  write(value: number, length: number) {
    for (let i = length - 1; i >= 0; i--) {
      this.acc = (this.acc << 1) | ((value >> i) & 1);
      this.n += 1;
      if (this.n === 8) this.flushByte();
    }
  }

  private flushByte() {
    this.bytes.push(this.acc);
    // A 0xFF byte in entropy-coded data is followed by a stuffed zero (T.81 F.1.2.3).
    if (this.acc === 0xff) this.bytes.push(0);
    this.acc = 0;
    this.n = 0;
  }

  /** Pads the last byte with 1-bits. */
  finish(): number[] {
    while (this.n !== 0) this.write(1, 1);
    return this.bytes;
  }
}

const COS = Array.from({ length: 64 }, (_, i) => {
  const x = i >> 3;
  const u = i & 7;
  return Math.cos(((2 * x + 1) * u * Math.PI) / 16);
});
const C = (u: number) => (u === 0 ? Math.SQRT1_2 : 1);

/** Forward DCT of one 8×8 block (level-shifted samples), separable. */
function dct(block: Float64Array): Float64Array {
  const tmp = new Float64Array(64);
  const out = new Float64Array(64);
  for (let y = 0; y < 8; y++) {
    for (let u = 0; u < 8; u++) {
      let s = 0;
      for (let x = 0; x < 8; x++) s += block[y * 8 + x] * COS[x * 8 + u];
      tmp[y * 8 + u] = s;
    }
  }
  for (let u = 0; u < 8; u++) {
    for (let v = 0; v < 8; v++) {
      let s = 0;
      for (let y = 0; y < 8; y++) s += tmp[y * 8 + u] * COS[y * 8 + v];
      out[v * 8 + u] = 0.25 * C(u) * C(v) * s;
    }
  }
  return out;
}

/** Number of bits of |v| and the bits T.81 sends for v (F.1.2.1: negatives as one's complement). */
function magnitude(v: number): { size: number; bits: number } {
  const a = Math.abs(v);
  const size = a === 0 ? 0 : 32 - Math.clz32(a);
  return { size, bits: v >= 0 ? v : v + (1 << size) - 1 };
}

function segment(marker: number, body: number[]): number[] {
  const length = body.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...body];
}

/**
 * Encodes a greyscale image (`pixels[y * width + x]`, 0–255) as a baseline JFIF JPEG.
 * Width and height up to 65535; sizes that are not multiples of 8 repeat the edge pixels.
 */
export function encodeGreyJpeg(pixels: Uint8Array, width: number, height: number, quality = 75): Buffer {
  if (pixels.length !== width * height) throw new Error('encodeGreyJpeg: pixels do not match the size');
  const q = quantTable(quality);
  const out = new BitWriter();
  let previousDc = 0;
  const block = new Float64Array(64);
  for (let by = 0; by < height; by += 8) {
    for (let bx = 0; bx < width; bx += 8) {
      for (let y = 0; y < 8; y++) {
        const py = Math.min(by + y, height - 1);
        for (let x = 0; x < 8; x++) block[y * 8 + x] = pixels[py * width + Math.min(bx + x, width - 1)] - 128;
      }
      const coefficients = dct(block);
      const zz = ZIGZAG.map((k) => Math.round(coefficients[k] / q[k]));
      const dc = magnitude(zz[0] - previousDc);
      previousDc = zz[0];
      out.write(DC_TABLE.codes.get(dc.size)!, DC_TABLE.length);
      if (dc.size) out.write(dc.bits, dc.size);
      let run = 0;
      for (let k = 1; k < 64; k++) {
        if (zz[k] === 0) {
          run += 1;
          continue;
        }
        while (run > 15) {
          out.write(AC_TABLE.codes.get(0xf0)!, AC_TABLE.length);
          run -= 16;
        }
        const ac = magnitude(Math.max(-1023, Math.min(1023, zz[k])));
        out.write(AC_TABLE.codes.get((run << 4) | ac.size)!, AC_TABLE.length);
        out.write(ac.bits, ac.size);
        run = 0;
      }
      if (run > 0) out.write(AC_TABLE.codes.get(0x00)!, AC_TABLE.length);
    }
  }
  const dht = (tableClass: number, id: number, t: typeof DC_TABLE) => [(tableClass << 4) | id, ...t.bits, ...t.symbols];
  return Buffer.from([
    0xff, 0xd8,
    ...segment(0xe0, [0x4a, 0x46, 0x49, 0x46, 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...segment(0xdb, [0x00, ...ZIGZAG.map((k) => q[k])]),
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    ...segment(0xc4, [...dht(0, 0, DC_TABLE), ...dht(1, 0, AC_TABLE)]),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...out.finish(),
    0xff, 0xd9,
  ]);
}
