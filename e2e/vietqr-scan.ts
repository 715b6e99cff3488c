import type { Locator } from 'playwright-core';
import { BinaryBitmap, DecodeHintType, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import { PNG } from 'pngjs';

/** Helpers of the browser tests that read a VietQR off the screen (payments.test.ts, paid-result-chain.test.ts). */

/** EMVCo TLV: two-digit tag, two-digit length, value; nested templates the same. */
export function tlv(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < text.length;) {
    const tag = text.slice(i, i + 2);
    const length = Number(text.slice(i + 2, i + 4));
    out.set(tag, text.slice(i + 4, i + 4 + length));
    i += 4 + length;
  }
  return out;
}

/** What a camera would read from the QR as the page draws it: the element's screenshot (its white padding included) decoded by ZXing. */
export async function scanQr(qr: Locator, path: string): Promise<string> {
  const shot = PNG.sync.read(await qr.screenshot({ path }));
  const luminance = new Uint8ClampedArray(shot.width * shot.height);
  for (let i = 0; i < luminance.length; i++) {
    luminance[i] = (shot.data[i * 4] * 299 + shot.data[i * 4 + 1] * 587 + shot.data[i * 4 + 2] * 114) / 1000;
  }
  const bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, shot.width, shot.height)));
  return new QRCodeReader().decode(bitmap, new Map<DecodeHintType, unknown>([[DecodeHintType.CHARACTER_SET, 'UTF-8'], [DecodeHintType.TRY_HARDER, true]])).getText();
}
