/** Reads a QR code off the video's current frame; null when the frame shows none. */
export type FrameDecoder = (video: HTMLVideoElement) => Promise<string | null>;

interface NativeDetector {
  detect(source: CanvasImageSource): Promise<{ rawValue: string }[]>;
}
interface NativeDetectorClass {
  new (options: { formats: string[] }): NativeDetector;
  getSupportedFormats(): Promise<string[]>;
}

/** The platform's own detector (Chrome on Android, Safari on macOS…): fast, and sure with dense codes. */
async function nativeDecoder(): Promise<FrameDecoder | null> {
  const Detector = (window as unknown as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector;
  if (!Detector) return null;
  try {
    if (!(await Detector.getSupportedFormats()).includes('qr_code')) return null;
  } catch {
    return null;
  }
  const detector = new Detector({ formats: ['qr_code'] });
  return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
}

/**
 * Frame sizes tried in turn. ZXing-js misses a dense code (version 15, like an identity QR) at some
 * module sizes and reads it at others, and which ones depends on the code (zxing-js/library#653).
 * A phone held still shows the same picture frame after frame, so each frame is read at the next
 * of these sizes: still pictures that failed at one size were read at another one in this list
 * (e2e/desk.test.ts scans such a picture).
 */
const SCALES = [1, 0.8, 0.6, 0.45, 0.7, 0.5, 0.9, 0.35];
/** Larger frames only cost time: a phone held up to the camera fills a good part of 1280 pixels. */
const MAX_SIDE = 1280;

/** ZXing (loaded only when the camera opens): everywhere, including desktop Chrome on Linux. */
async function zxingDecoder(): Promise<FrameDecoder> {
  const { BinaryBitmap, DecodeHintType, HTMLCanvasElementLuminanceSource, HybridBinarizer, QRCodeReader } = await import('@zxing/library');
  const reader = new QRCodeReader();
  // CCCD cards print their QR in UTF-8; say so rather than let ZXing guess the encoding.
  const hints = new Map([[DecodeHintType.CHARACTER_SET, 'UTF-8']]);
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  let turn = 0;
  return async (video) => {
    if (!context || !video.videoWidth) return null;
    const scale = SCALES[turn++ % SCALES.length] * Math.min(1, MAX_SIDE / Math.max(video.videoWidth, video.videoHeight));
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    try {
      return reader.decode(new BinaryBitmap(new HybridBinarizer(new HTMLCanvasElementLuminanceSource(canvas))), hints).getText();
    } catch {
      return null; // no readable code in this frame
    }
  };
}

export async function createFrameDecoder(): Promise<FrameDecoder> {
  return (await nativeDecoder()) ?? zxingDecoder();
}
