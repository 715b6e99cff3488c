import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

/** The size QrScanner asks for (1280×720 ideal), so Chromium plays the frames without rescaling them. */
const WIDTH = 1280;
const HEIGHT = 720;
const FRAMES = 3;

/**
 * Writes a short Y4M video (what Chromium's fake camera plays with --use-file-for-fake-video-capture)
 * showing `text` as a QR code, black on white, centred: a phone held up to the counter's camera.
 */
export function writeQrVideo(path: string, text: string): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const scale = Math.floor((Math.min(WIDTH, HEIGHT) * 0.8) / (modules.size + 2 * quiet));
  const side = modules.size * scale;
  const left = Math.floor((WIDTH - side) / 2);
  const top = Math.floor((HEIGHT - side) / 2);
  // Luma in video range: 235 white, 16 black; chroma neutral.
  const luma = Buffer.alloc(WIDTH * HEIGHT, 235);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if (modules.data[Math.floor(y / scale) * modules.size + Math.floor(x / scale)]) luma[(top + y) * WIDTH + left + x] = 16;
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: FRAMES }, () => frame)]));
}
