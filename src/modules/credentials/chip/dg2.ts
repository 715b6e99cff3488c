/**
 * The face image inside DG2 (ICAO 9303-10 §4.7.2: a biometric information template whose last data
 * object, 5F2E or 7F2E, holds an ISO/IEC 19794-5 record ending with the image). Cards carry JPEG or
 * JPEG 2000; the image runs from its signature to the end of the data object, which is how it is
 * found here without parsing every header version (trailing bytes after a JPEG's EOI are dropped).
 */
export interface FaceImage {
  mediaType: 'image/jpeg' | 'image/jp2';
  image: Buffer;
}

const JPEG_SOI = Buffer.from([0xff, 0xd8, 0xff]);
const JP2_SIGNATURE = Buffer.from([0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a, 0x87, 0x0a]);
const J2K_CODESTREAM = Buffer.from([0xff, 0x4f, 0xff, 0x51]);

export function faceImageOf(dg2: Buffer): FaceImage | null {
  const found = [
    { at: dg2.indexOf(JPEG_SOI), mediaType: 'image/jpeg' as const },
    { at: dg2.indexOf(JP2_SIGNATURE), mediaType: 'image/jp2' as const },
    { at: dg2.indexOf(J2K_CODESTREAM), mediaType: 'image/jp2' as const },
  ].filter((f) => f.at >= 0).sort((a, b) => a.at - b.at)[0];
  if (!found) return null;
  let image = dg2.subarray(found.at);
  if (found.mediaType === 'image/jpeg') {
    const end = image.lastIndexOf(Buffer.from([0xff, 0xd9]));
    if (end < 0) return null;
    image = image.subarray(0, end + 2);
  }
  return { mediaType: found.mediaType, image: Buffer.from(image) };
}
